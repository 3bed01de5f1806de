"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { mergeRegionsAction, updateRegionAction } from "@/lib/regions/actions";
import { REGION_LEVELS } from "@/lib/reports/schema";
import type { ActionError } from "@/lib/app-error";
import { useTranslator } from "@/lib/i18n/client";
import { FieldError, useActionErrorText } from "@/app/_components/action-error-text";
import { levelLabel } from "@/lib/i18n/vocabulary";

type RegionRecordForm = {
  id: string;
  version: number;
  name: string;
  shortName: string;
  level: string;
  parentId: string | null;
};
type Option = { id: string; label: string; reports: number; version: number };

/**
 * Admin: correct the region record (official name — the old one stays a name it is known by —,
 * short form, level, the region above it), and merge another region into this one (its reports,
 * sub-regions and names move here and are paired again). Both audited.
 */
export function RegionAdmin({ region, options }: { region: RegionRecordForm; options: Option[] }) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [form, setForm] = useState({
    name: region.name,
    shortName: region.shortName,
    level: region.level,
    parentId: region.parentId ?? "",
  });
  const [source, setSource] = useState("");
  const [confirmMerge, setConfirmMerge] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const [mergeError, setMergeError] = useState<ActionError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const sourceOption = options.find((o) => o.id === source);

  return (
    <section className="grid gap-4 md:grid-cols-2" data-testid="region-admin">
      <form
        className="card space-y-3 p-4 text-sm"
        aria-label={t("regions.admin.edit")}
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(async () => {
            const res = await updateRegionAction({
              regionId: region.id,
              version: region.version,
              name: form.name,
              shortName: form.shortName,
              level: form.level,
              parentId: form.parentId || null,
            });
            setError(res.ok ? null : res);
            if (res.ok) {
              setDone(t("regions.admin.saved"));
              router.refresh();
            }
          });
        }}
      >
        <h2 className="font-semibold text-stone-800">{t("regions.admin.edit")}</h2>
        <div>
          <label className="label" htmlFor="region-name">
            {t("regions.admin.name")}
          </label>
          <input
            id="region-name"
            className="input"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
          <FieldError error={error} name="name" />
        </div>
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label className="label" htmlFor="region-short">
              {t("regions.admin.shortName")}
            </label>
            <input
              id="region-short"
              className="input"
              value={form.shortName}
              onChange={(e) => setForm({ ...form, shortName: e.target.value })}
            />
          </div>
          <div>
            <label className="label" htmlFor="region-level">
              {t("regions.admin.level")}
            </label>
            <select
              id="region-level"
              className="input"
              value={form.level}
              onChange={(e) => setForm({ ...form, level: e.target.value })}
            >
              {REGION_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {levelLabel(t, l)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div>
          <label className="label" htmlFor="region-parent">
            {t("regions.admin.parent")}
          </label>
          <select
            id="region-parent"
            className="input w-full min-w-0"
            value={form.parentId}
            onChange={(e) => setForm({ ...form, parentId: e.target.value })}
          >
            <option value="">{t("regions.admin.noParent")}</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={pending}
            data-testid="region-save"
          >
            {t("regions.admin.save")}
          </button>
          <span className="text-xs text-stone-500">{t("regions.admin.renameNote")}</span>
        </div>
        {done && !error ? (
          <p role="status" className="text-xs text-green-700">
            {done}
          </p>
        ) : null}
        {error && !error.fieldErrors ? (
          <p role="alert" className="text-xs text-red-700">
            {errorText(error)}
          </p>
        ) : null}
      </form>

      <div
        className="card space-y-3 p-4 text-sm"
        role="group"
        aria-label={t("regions.admin.merge")}
      >
        <h2 className="font-semibold text-stone-800">{t("regions.admin.merge")}</h2>
        <p className="text-xs text-stone-600">
          {t("regions.admin.mergeHint", { name: region.name })}
        </p>
        <select
          className="input w-full min-w-0"
          value={source}
          onChange={(e) => {
            setSource(e.target.value);
            setConfirmMerge(false);
          }}
          aria-label={t("regions.admin.mergeSource")}
          data-testid="region-merge-source"
        >
          <option value="">{t("regions.admin.mergeSource")}</option>
          {options.map((o) => (
            <option
              key={o.id}
              value={o.id}
            >{`${o.label} (${t("regions.tree.reports", { n: o.reports })})`}</option>
          ))}
        </select>
        {sourceOption && !confirmMerge ? (
          <button
            type="button"
            className="btn"
            onClick={() => setConfirmMerge(true)}
            data-testid="region-merge"
          >
            {t("regions.admin.mergeAction")}
          </button>
        ) : null}
        {sourceOption && confirmMerge ? (
          <div
            className="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900"
            role="alertdialog"
            aria-label={t("regions.admin.merge")}
          >
            <p>
              {t("regions.admin.mergeConfirm", {
                source: sourceOption.label,
                target: region.name,
                n: sourceOption.reports,
              })}
            </p>
            <div className="mt-2 flex gap-2">
              <button
                type="button"
                className="btn btn-sm btn-primary"
                disabled={pending}
                data-testid="region-merge-confirm"
                onClick={() =>
                  startTransition(async () => {
                    const res = await mergeRegionsAction({
                      sourceId: source,
                      targetId: region.id,
                      sourceVersion: sourceOption.version,
                    });
                    setMergeError(res.ok ? null : res);
                    if (res.ok) {
                      setSource("");
                      setConfirmMerge(false);
                      setDone(t("regions.admin.merged", { n: res.data.reports }));
                      router.refresh();
                    }
                  })
                }
              >
                {t("regions.admin.mergeYes")}
              </button>
              <button type="button" className="btn btn-sm" onClick={() => setConfirmMerge(false)}>
                {t("regions.report.deleteNo")}
              </button>
            </div>
          </div>
        ) : null}
        {mergeError ? (
          <p role="alert" className="text-xs text-red-700">
            {errorText(mergeError)}
          </p>
        ) : null}
      </div>
    </section>
  );
}
