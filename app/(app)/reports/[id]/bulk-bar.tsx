"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { bulkUpdateAction } from "@/lib/assessments/actions";
import { bulkSetPledgesExcludedAction, bulkSetPledgesTierAction } from "@/lib/pledges/actions";
import { ASSESSMENT_STATUSES, PLEDGE_TIERS } from "@/lib/vocabulary";
import { statusKey } from "@/lib/i18n/vocabulary";
import { useTranslator } from "@/lib/i18n/client";
import { isMessageKey, type MessageKey } from "@/lib/i18n/messages";
import type { ActionError } from "@/lib/app-error";
import { useActionErrorText } from "@/app/_components/action-error-text";

type BulkReply = Awaited<ReturnType<typeof bulkUpdateAction>>;

/**
 * Acts on the selected pledges at once: set a status (with one rationale), assign, or submit;
 * and, for those who may edit pledges, mark them "not a pledge" or restore them, or set their
 * tier. Each pledge is still changed and audited on its own; the ones whose state forbids the
 * change are skipped and counted.
 */
export function BulkBar({
  reportId,
  selected,
  users,
  canEditPledges,
  onClear,
}: {
  reportId: string;
  selected: string[];
  users: { id: string; name: string }[];
  canEditPledges: boolean;
  onClear: () => void;
}) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState("");
  const [rationale, setRationale] = useState("");
  const [assignee, setAssignee] = useState("");
  const [tier, setTier] = useState("");
  const [error, setError] = useState<ActionError | null>(null);
  const [result, setResult] = useState<string | null>(null);

  const run = (change: {
    status?: string;
    rationale?: string;
    assigneeId?: string | null;
    submit?: boolean;
  }) => runBulk(() => bulkUpdateAction({ pledgeIds: selected, ...change }));
  const runBulk = (call: () => Promise<BulkReply>) =>
    startTransition(async () => {
      const res = await call();
      if (res.ok) {
        setError(null);
        const reasons = [...new Set(res.data.skipped.map((x) => x.reason))].map((r) =>
          isMessageKey(`field.${r}`) ? t(`field.${r}` as MessageKey) : r,
        );
        setResult(
          t("bulk.result", { updated: res.data.updated, skipped: res.data.skipped.length }) +
            (reasons.length ? ` ${reasons.join(" ")}` : ""),
        );
        router.refresh();
      } else {
        setResult(null);
        setError(res);
      }
    });

  return (
    <div
      className="space-y-1.5 border-b border-violet-200 bg-violet-50 px-3 py-2 text-xs"
      data-testid="bulk-bar"
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="font-medium text-violet-900">
          {t("bulk.selected", { count: selected.length })}
        </span>
        <button type="button" className="text-violet-800 hover:underline" onClick={onClear}>
          {t("bulk.clear")}
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <select
          className="input w-auto py-0.5 text-xs"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          aria-label={t("filter.status")}
          data-testid="bulk-status"
        >
          <option value="">{t("filter.status")}…</option>
          {ASSESSMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(statusKey(s))}
            </option>
          ))}
        </select>
        <input
          className="input w-56 py-0.5 text-xs"
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          placeholder={t("bulk.rationale")}
          aria-label={t("bulk.rationale")}
          data-testid="bulk-rationale"
        />
        <button
          type="button"
          className="btn btn-sm"
          disabled={pending || !status}
          onClick={() => run({ status, rationale })}
        >
          {t("bulk.setStatus")}
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <select
          className="input w-auto py-0.5 text-xs"
          value={assignee}
          onChange={(e) => setAssignee(e.target.value)}
          aria-label={t("filter.assignee")}
          data-testid="bulk-assignee"
        >
          <option value="">{t("filter.assignee")}…</option>
          <option value="none">{t("filter.unassigned")}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-sm"
          disabled={pending || !assignee}
          onClick={() => run({ assigneeId: assignee === "none" ? null : assignee })}
        >
          {t("bulk.assign")}
        </button>
        <button
          type="button"
          className="btn btn-primary btn-sm ml-auto"
          disabled={pending}
          onClick={() => run({ submit: true })}
          data-testid="bulk-submit"
        >
          {t("bulk.submit")}
        </button>
      </div>
      {canEditPledges ? (
        <div className="flex flex-wrap items-center gap-1.5" data-testid="bulk-pledges">
          <select
            className="input w-auto py-0.5 text-xs"
            value={tier}
            onChange={(e) => setTier(e.target.value)}
            aria-label={t("tiers.edit.tier")}
            data-testid="bulk-tier"
          >
            <option value="">{t("tiers.bulk.tier")}</option>
            {PLEDGE_TIERS.map((v) => (
              <option key={v} value={v}>
                {t(`tiers.tier.${v}`)}
              </option>
            ))}
            <option value="auto">{t("tiers.edit.auto")}</option>
          </select>
          <button
            type="button"
            className="btn btn-sm"
            disabled={pending || !tier}
            onClick={() =>
              runBulk(() => bulkSetPledgesTierAction({ reportId, pledgeIds: selected, tier }))
            }
            data-testid="bulk-set-tier"
          >
            {t("tiers.bulk.setTier")}
          </button>
          <span className="ml-auto flex gap-1.5">
            <button
              type="button"
              className="btn btn-sm"
              disabled={pending}
              onClick={() =>
                runBulk(() =>
                  bulkSetPledgesExcludedAction({ reportId, pledgeIds: selected, excluded: true }),
                )
              }
              data-testid="bulk-exclude"
            >
              {t("tiers.bulk.exclude")}
            </button>
            <button
              type="button"
              className="btn btn-sm"
              disabled={pending}
              onClick={() =>
                runBulk(() =>
                  bulkSetPledgesExcludedAction({ reportId, pledgeIds: selected, excluded: false }),
                )
              }
              data-testid="bulk-restore"
            >
              {t("tiers.bulk.restore")}
            </button>
          </span>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-700">
          {errorText(error)}
        </p>
      ) : null}
      {result ? (
        <p role="status" className="text-violet-900">
          {result}
        </p>
      ) : null}
    </div>
  );
}
