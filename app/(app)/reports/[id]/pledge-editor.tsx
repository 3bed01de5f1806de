"use client";
import { Fragment, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import {
  deletePledgeAction,
  mergePledgesAction,
  setPledgeExcludedAction,
  splitPledgeAction,
  updatePledgeAction,
} from "@/lib/pledges/actions";
import { TARGET_COMPARATORS, splitSpan, type PledgeDto } from "@/lib/pledges/schema";
import { PLEDGE_KINDS } from "@/lib/vocabulary";
import type { ActionError, ActionResult } from "@/lib/app-error";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages";
import { reopensOnChange } from "@/lib/assessments/transitions";
import { usePledgeErrorText } from "./pledge-error-text";
import { TierEditor } from "./tier-editor";
import { TitleEditor } from "./title-editor";
import { SpanEditor } from "./span-editor";
import { kindKey } from "@/lib/i18n/vocabulary";

/** What every edit of one pledge names: the report, the pledge and the version it read. */
export type EditorBase = { reportId: string; pledgeId: string; version: number };
/** Runs one action of the editor: pending state, the error shown, a refresh on a conflict. */
export type RunAction = <T>(call: () => Promise<ActionResult<T>>, onOk?: (data: T) => void) => void;

type EditorProps = {
  reportId: string;
  pledge: PledgeDto;
  next: PledgeDto | null;
  pledges: PledgeDto[];
  onSelect: (id: string | null) => void;
};

/** After a save: whether it reopened the pledge's submitted or approved verdict. */
type Saved = false | "saved" | "reopened";

/**
 * Edit controls of the selected pledge (shown only to roles with pledge:edit; the actions check
 * again): its title and tier, split between two characters picked in the text, move its
 * boundaries, merge with the next pledge, change kind and target, mark it "not a pledge" (or
 * restore it), delete. Every call names the version it read; the server refuses stale ones.
 */
export function PledgeEditor(props: EditorProps) {
  // The outcome of the last edit outlives the form, which starts afresh on every new version: a
  // save bumps the version, and the "Saved." it earned must still be there to read.
  const [error, setError] = useState<ActionError | null>(null);
  const [saved, setSaved] = useState<Saved>(false);
  return (
    <PledgeEditorForm
      key={props.pledge.version}
      {...props}
      error={error}
      setError={setError}
      saved={saved}
      setSaved={setSaved}
    />
  );
}

function PledgeEditorForm({
  reportId,
  pledge,
  next,
  pledges,
  onSelect,
  error,
  setError,
  saved,
  setSaved,
}: EditorProps & {
  error: ActionError | null;
  setError: (e: ActionError | null) => void;
  saved: Saved;
  setSaved: (s: Saved) => void;
}) {
  const { t } = useTranslator();
  const errorText = usePledgeErrorText(pledges);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [cut, setCut] = useState<number | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [kind, setKind] = useState(pledge.kind);
  const [value, setValue] = useState(pledge.target ? String(pledge.target.value) : "");
  const [valueMax, setValueMax] = useState(
    pledge.target?.valueMax != null ? String(pledge.target.valueMax) : "",
  );
  const [unit, setUnit] = useState(pledge.target?.unit ?? "");
  const [comparator, setComparator] = useState(pledge.target?.comparator ?? "=");
  const [growth, setGrowth] = useState(pledge.target?.growth ?? false);

  // Characters with their UTF-16 offsets (offsets are string indices, like every span in the app).
  const chars = useMemo(() => {
    const out: { ch: string; at: number }[] = [];
    let at = 0;
    for (const ch of pledge.text) {
      out.push({ ch, at });
      at += ch.length;
    }
    return out;
  }, [pledge.text]);

  /** A click on a character cuts before it (left half) or after it (right half). */
  function pickCut(e: React.MouseEvent<HTMLDivElement>) {
    const el = (e.target as HTMLElement).closest<HTMLElement>("[data-i]");
    if (!el) return;
    const at = Number(el.dataset.i);
    const rect = el.getBoundingClientRect();
    setCut(e.clientX > rect.left + rect.width / 2 ? at + (el.textContent?.length ?? 1) : at);
  }

  const parts = cut !== null ? splitSpan(pledge.text, 0, pledge.text.length, cut) : null;

  const run: RunAction = <T,>(call: () => Promise<ActionResult<T>>, onOk?: (data: T) => void) => {
    setSaved(false);
    startTransition(async () => {
      const res = await call();
      if (res.ok) {
        setError(null);
        onOk?.(res.data);
      } else {
        setError(res);
        if (res.code === "CONFLICT" || res.code === "NOT_FOUND") router.refresh();
      }
    });
  };

  const base: EditorBase = { reportId, pledgeId: pledge.id, version: pledge.version };
  const savedOrReopened = (reopened: boolean) => setSaved(reopened ? "reopened" : "saved");
  // The server's rules, said before the click: an edit reopens a verdict under review or approved;
  // a merge never discards the next pledge's verdict; a verdict under review or approved is not deleted.
  const reopens = reopensOnChange(pledge.reviewState);
  const nextHasVerdict = next !== null && next.status !== "not_assessed";

  function save(clear: boolean) {
    const target =
      clear || value.trim() === ""
        ? null
        : {
            value: Number(value),
            valueMax: valueMax.trim() === "" ? null : Number(valueMax),
            unit: unit.trim() || null,
            comparator: comparator as (typeof TARGET_COMPARATORS)[number],
            growth,
          };
    run(
      () => updatePledgeAction({ ...base, kind, target }),
      (d) => setSaved(d.reopened ? "reopened" : "saved"),
    );
  }

  return (
    <div
      className="space-y-3 border-t border-yellow-200 bg-white px-3 py-3 text-xs"
      data-testid="pledge-editor"
    >
      {reopens ? (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-2.5 py-1.5 text-amber-900"
          data-testid="pledge-editor-reopen-notice"
        >
          {t(
            pledge.reviewState === "approved"
              ? "report.edit.reopenNotice.approved"
              : "report.edit.reopenNotice.submitted",
          )}
        </p>
      ) : null}
      {pledge.excluded ? (
        <p
          role="note"
          className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 px-2.5 py-1.5 text-red-900"
          data-testid="pledge-excluded-notice"
        >
          {t("tiers.edit.excludedNotice")}
          <button
            type="button"
            className="btn btn-sm ml-auto"
            disabled={pending}
            onClick={() =>
              run(
                () => setPledgeExcludedAction({ ...base, excluded: false }),
                () => setSaved("saved"),
              )
            }
            data-testid="pledge-restore"
          >
            {t("tiers.edit.restore")}
          </button>
        </p>
      ) : null}
      <TitleEditor
        base={base}
        pledge={pledge}
        run={run}
        pending={pending}
        onSaved={() => setSaved("saved")}
      />
      <TierEditor
        base={base}
        pledge={pledge}
        run={run}
        pending={pending}
        onSaved={savedOrReopened}
      />
      <div>
        <p className="label" id={`split-${pledge.id}`}>
          {t("report.edit.splitLabel")}
        </p>
        {/* The pledge text, character by character: a click between two characters puts the cut there. */}
        <div
          role="group"
          aria-labelledby={`split-${pledge.id}`}
          onClick={pickCut}
          className="cursor-text rounded-md border border-stone-300 bg-stone-50 px-2.5 py-1.5 text-sm leading-6"
          data-testid="split-text"
        >
          {chars.map(({ ch, at }) => (
            <Fragment key={at}>
              {cut === at ? (
                <span
                  aria-hidden
                  className="mx-px inline-block h-4 w-0.5 bg-brand-600 align-[-2px]"
                  data-testid="split-cut"
                />
              ) : null}
              <span data-i={at} className="hover:bg-yellow-100">
                {ch}
              </span>
            </Fragment>
          ))}
        </div>
        <div className="mt-1.5 flex flex-wrap items-center gap-2">
          <input
            type="range"
            min={1}
            max={Math.max(1, pledge.text.length - 1)}
            value={cut ?? 0}
            onChange={(e) => setCut(Number(e.target.value))}
            aria-label={t("report.edit.splitAt")}
            className="w-28 accent-brand-600"
          />
          <button
            type="button"
            className="btn btn-sm"
            disabled={pending || !parts}
            onClick={() =>
              cut !== null &&
              run(
                () => splitPledgeAction({ ...base, at: pledge.start + cut }),
                (d) => onSelect(d.firstId),
              )
            }
          >
            {t("report.edit.split")}
          </button>
          {parts ? (
            <span className="text-stone-600" data-testid="split-preview">
              「{pledge.text.slice(parts[0].start, parts[0].end)}」{" "}
              <span className="text-stone-400">|</span> 「
              {pledge.text.slice(parts[1].start, parts[1].end)}」
            </span>
          ) : (
            <span className="text-stone-400">{t("report.edit.splitNone")}</span>
          )}
        </div>
      </div>

      <SpanEditor
        base={base}
        pledge={pledge}
        pledges={pledges}
        run={run}
        pending={pending}
        onSaved={savedOrReopened}
      />

      <fieldset className="grid grid-cols-2 gap-2 sm:grid-cols-6">
        <legend className="sr-only">{t("report.edit.target")}</legend>
        <div className="col-span-2">
          <label className="label" htmlFor={`kind-${pledge.id}`}>
            {t("report.edit.kind")}
          </label>
          <select
            id={`kind-${pledge.id}`}
            className="input py-1 text-xs"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
          >
            {PLEDGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(kindKey(k))}
              </option>
            ))}
          </select>
        </div>
        <div className="col-span-2">
          <label className="label" htmlFor={`cmp-${pledge.id}`}>
            {t("report.edit.comparator")}
          </label>
          <select
            id={`cmp-${pledge.id}`}
            className="input py-1 text-xs"
            value={comparator}
            onChange={(e) => setComparator(e.target.value)}
          >
            {TARGET_COMPARATORS.map((c) => (
              <option key={c} value={c}>
                {t(`report.comparator.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <label className="col-span-2 flex items-end gap-1.5 pb-1.5 text-xs text-stone-700">
          <input type="checkbox" checked={growth} onChange={(e) => setGrowth(e.target.checked)} />{" "}
          {t("report.edit.growth")}
        </label>
        <div className="col-span-1 sm:col-span-2">
          <label className="label" htmlFor={`value-${pledge.id}`}>
            {t("report.edit.value")}
          </label>
          <input
            id={`value-${pledge.id}`}
            className="input py-1 text-xs"
            inputMode="decimal"
            value={value}
            placeholder={t("report.edit.noTarget")}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <div className="col-span-1 sm:col-span-2">
          <label className="label" htmlFor={`max-${pledge.id}`}>
            {t("report.edit.valueMax")}
          </label>
          <input
            id={`max-${pledge.id}`}
            className="input py-1 text-xs"
            inputMode="decimal"
            value={valueMax}
            onChange={(e) => setValueMax(e.target.value)}
          />
        </div>
        <div className="col-span-2">
          <label className="label" htmlFor={`unit-${pledge.id}`}>
            {t("report.edit.unit")}
          </label>
          <input
            id={`unit-${pledge.id}`}
            className="input py-1 text-xs"
            value={unit}
            maxLength={20}
            onChange={(e) => setUnit(e.target.value)}
          />
        </div>
      </fieldset>

      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="btn btn-primary btn-sm"
          disabled={pending}
          onClick={() => save(false)}
        >
          {t("report.edit.save")}
        </button>
        {pledge.target ? (
          <button
            type="button"
            className="btn btn-sm"
            disabled={pending}
            onClick={() => save(true)}
          >
            {t("report.edit.clearTarget")}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-sm"
          disabled={pending || !next || nextHasVerdict}
          title={
            nextHasVerdict ? t("field.MERGE_WOULD_LOSE_VERDICT") : next ? next.text : undefined
          }
          onClick={() =>
            next &&
            run(
              () =>
                mergePledgesAction({ ...base, nextPledgeId: next.id, nextVersion: next.version }),
              (d) => onSelect(d.id),
            )
          }
        >
          {t("report.edit.merge")}
        </button>
        <span className="ml-auto flex items-center gap-2">
          {!pledge.excluded ? (
            <button
              type="button"
              className="btn btn-sm"
              disabled={pending || reopens}
              title={reopens ? t("tiers.edit.excludeRefused") : undefined}
              onClick={() =>
                run(
                  () => setPledgeExcludedAction({ ...base, excluded: true }),
                  () => setSaved("saved"),
                )
              }
              data-testid="pledge-exclude"
            >
              {t("tiers.edit.exclude")}
            </button>
          ) : null}
          {confirmDelete ? (
            <>
              <button
                type="button"
                className="btn btn-sm border-red-700 bg-red-600 text-white hover:bg-red-700"
                disabled={pending}
                onClick={() =>
                  run(
                    () => deletePledgeAction(base),
                    () => onSelect(null),
                  )
                }
              >
                {t("report.edit.confirmDelete")}
              </button>
              <button type="button" className="btn btn-sm" onClick={() => setConfirmDelete(false)}>
                {t("report.edit.cancel")}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="btn btn-sm text-red-700"
              disabled={pending || reopens}
              title={reopens ? t("field.DELETE_WOULD_LOSE_VERDICT") : undefined}
              onClick={() => setConfirmDelete(true)}
            >
              {t("report.edit.delete")}
            </button>
          )}
        </span>
      </div>
      {nextHasVerdict ? (
        <p className="text-stone-500" data-testid="merge-refused-hint">
          {t("field.MERGE_WOULD_LOSE_VERDICT")}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-700">
          {errorText(error)}
        </p>
      ) : null}
      {saved && !error ? (
        <p role="status" className="text-green-800">
          {t(saved === "reopened" ? "report.edit.savedReopened" : "report.edit.saved")}
        </p>
      ) : null}
    </div>
  );
}
