"use client";
import type { HistoryEventDto } from "@/lib/audit/data";
import {
  isKnownEvent,
  type AuditEvent,
  type PledgeSnapshot,
  type UnknownAuditEvent,
} from "@/lib/audit/events";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey, Translate } from "@/lib/i18n/messages";
import { formatTime } from "@/app/_components/assessment-badges";
import { REOPEN_CAUSES, type ReopenCause } from "@/lib/assessments/transitions";
import { tierLabel } from "@/app/_components/tier-label";
import { kindLabel, reviewStateLabel, roleLabel, statusLabel } from "@/lib/i18n/vocabulary";

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…` : s);
const isReopenCause = (v: unknown): v is ReopenCause =>
  (REOPEN_CAUSES as readonly unknown[]).includes(v);

/**
 * The human-readable lines of one audit event: "结论：未评估 → 已兑现", "提交审核", "退回：…",
 * "关联证据：…". Events outside the closed list (lib/audit/events.ts) show their name.
 */
export function describeEvent(e: AuditEvent | UnknownAuditEvent, t: Translate): string[] {
  if (!isKnownEvent(e)) return [e.action];
  const empty = t("assessment.empty");
  const change = (field: MessageKey, b: string | null, a: string | null) =>
    t("history.change", {
      field: t(field),
      before: clip(b ?? empty, 80),
      after: clip(a ?? empty, 80),
    });
  const label = (of: (t: Translate, v: string) => string, v: unknown) =>
    str(v) ? of(t, String(v)) : null;
  const tier = (v: { tier?: string; tierReason?: string | null } | null) =>
    v?.tier ? tierLabel({ tier: v.tier, tierReason: v.tierReason ?? null }, t) : empty;
  switch (e.action) {
    case "assessment.save": {
      const before = e.before ?? {};
      const after = e.after ?? {};
      const lines: string[] = [];
      if (before.status !== after.status)
        lines.push(
          change(
            "assessment.field.status",
            label(statusLabel, before.status),
            label(statusLabel, after.status),
          ),
        );
      if ((str(before.rationale) ?? "") !== (str(after.rationale) ?? ""))
        lines.push(
          change("assessment.field.rationale", str(before.rationale), str(after.rationale)),
        );
      if ((str(before.reportedValue) ?? "") !== (str(after.reportedValue) ?? ""))
        lines.push(
          change(
            "assessment.field.reportedValue",
            str(before.reportedValue),
            str(after.reportedValue),
          ),
        );
      // A reopen has its own event (assessment.reopen) right after this one, with the cause.
      if (before.reviewState !== after.reviewState)
        lines.push(
          change(
            "assessment.field.reviewState",
            label(reviewStateLabel, before.reviewState),
            label(reviewStateLabel, after.reviewState),
          ),
        );
      return lines;
    }
    case "assessment.reopen": {
      const cause = isReopenCause(e.after?.cause)
        ? t(`assessment.reopenCause.${e.after.cause}` as MessageKey)
        : t("history.reopened");
      return [
        t(
          e.before?.reviewState === "submitted"
            ? "history.reopenedFromSubmitted"
            : "history.reopenedFromApproved",
          { cause },
        ),
      ];
    }
    case "assessment.submit":
      return [t("history.submitted")];
    case "assessment.approve":
      return [t("history.approved")];
    case "assessment.return":
      return [t("history.returned", { comment: clip(str(e.after?.comment) ?? "") })];
    case "pledge.assign": {
      const name = str(e.after?.assignee);
      return [name ? t("history.assigned", { name }) : t("history.unassigned")];
    }
    case "evidence.link":
      return [t("history.evidenceLinked", { quote: clip(str(e.after?.quote) ?? "") })];
    case "evidence.unlink":
      return [t("history.evidenceUnlinked", { quote: clip(str(e.before?.quote) ?? "") })];
    case "comment.create":
      return [t("history.commented", { body: clip(str(e.after?.body) ?? "") })];
    case "pledge.create":
      return [t("history.pledgeCreated")];
    case "pledge.split":
      return [t("history.pledgeSplit")];
    case "pledge.merge":
      return [t("history.pledgeMerged")];
    case "pledge.delete":
      return [t("history.pledgeDeleted")];
    case "pledge.tier":
      return [t("tiers.history.tier", { before: tier(e.before), after: tier(e.after) })];
    case "pledge.exclude":
      return [e.after?.system ? t("tiers.history.excludedBySystem") : t("tiers.history.excluded")];
    case "pledge.restore":
      return [t("tiers.history.restored")];
    case "pledge.span":
      return [
        t("tiers.history.span", {
          before: clip(str(e.before?.text) ?? "", 60),
          after: clip(str(e.after?.text) ?? "", 60),
        }),
      ];
    case "pledge.title":
      return [
        t("tiers.history.title", {
          before: str(e.before?.title) ?? empty,
          after: str(e.after?.title) ?? empty,
        }),
      ];
    case "pledge.update": {
      const before = e.before ?? {};
      const after = e.after ?? {};
      const lines: string[] = [];
      if (before.kind !== after.kind)
        lines.push(
          change("history.kind", label(kindLabel, before.kind), label(kindLabel, after.kind)),
        );
      const target = (v: PledgeSnapshot["target"]) =>
        typeof v?.value === "number"
          ? `${v.value}${v.valueMax != null ? `–${v.valueMax}` : ""}${str(v.unit) ?? ""}`
          : t("history.noTarget");
      if (JSON.stringify(before.target ?? null) !== JSON.stringify(after.target ?? null))
        lines.push(change("history.target", target(before.target), target(after.target)));
      if (before.tier && before.tier !== after.tier)
        lines.push(t("tiers.history.tier", { before: tier(before), after: tier(after) }));
      return lines.length ? lines : [t("history.pledgeUpdated")];
    }
    case "lineage.confirm":
      return [t("history.lineageConfirm")];
    case "lineage.reject":
      return [t("history.lineageReject")];
    case "lineage.choose":
      return [t("history.lineageChoose")];
    default:
      return [e.action];
  }
}

/** Whether the event was one of a bulk action (its after says so). */
function isBulk(e: AuditEvent | UnknownAuditEvent): boolean {
  const after = e.after;
  return Boolean(after && typeof after === "object" && "bulk" in after && after.bulk);
}

/** A pledge's audit trail as a timeline, newest first: who (and their role), when, what changed. */
export function PledgeHistory({ events }: { events: HistoryEventDto[] }) {
  const { t } = useTranslator();
  return (
    <section className="card p-4" aria-labelledby="history-title" data-testid="pledge-history">
      <h2 id="history-title" className="mb-2 font-semibold">
        {t("history.title")}
      </h2>
      {events.length === 0 ? <p className="text-sm text-stone-500">{t("history.empty")}</p> : null}
      <ol className="relative space-y-3 border-l border-stone-200 pl-4">
        {events.map((e) => {
          const bulk = isBulk(e.event);
          return (
            <li
              key={e.id}
              className="text-sm"
              data-testid="history-event"
              data-action={e.event.action}
            >
              <span
                className="absolute -left-[5px] mt-1.5 h-2.5 w-2.5 rounded-full border-2 border-white bg-stone-400"
                aria-hidden
              />
              <div className="flex flex-wrap items-center gap-x-2 text-xs text-stone-500">
                <time className="tabular-nums" dateTime={e.at}>
                  {formatTime(e.at)}
                </time>
                <span className="font-medium text-stone-800">
                  {e.actor?.name ?? t("history.system")}
                </span>
                {e.actor ? <span>{roleLabel(t, e.actor.role)}</span> : null}
                {bulk ? (
                  <span className="badge bg-stone-100 text-stone-600">{t("history.bulk")}</span>
                ) : null}
              </div>
              <ul className="mt-0.5 text-stone-800">
                {describeEvent(e.event, t).map((line, i) => (
                  <li key={i} className="wrap-anywhere">
                    {line}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
