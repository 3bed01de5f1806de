"use client";
import type { AssessmentConflict, AssessmentDto } from "@/lib/assessments/schema";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages";
import { formatTime } from "@/app/_components/assessment-badges";
import { reviewStateLabel, roleLabel, statusLabel } from "@/lib/i18n/vocabulary";

/** A refused stale save: who changed the pledge, what its values are now (against what this user read), and two ways on. */
export function ConflictNotice({
  conflict,
  read,
  pending,
  onReload,
  onKeep,
}: {
  conflict: AssessmentConflict;
  read: AssessmentDto;
  pending: boolean;
  onReload: () => void;
  /** Only for a refused save: save the same edits on the current version. */
  onKeep?: () => void;
}) {
  const { t } = useTranslator();
  const cur = conflict.current;
  const last = conflict.lastChange;
  const empty = t("assessment.empty");
  const rows: { field: MessageKey; before: string; after: string }[] = [];
  if (cur.status !== read.status)
    rows.push({
      field: "assessment.field.status",
      before: statusLabel(t, read.status),
      after: statusLabel(t, cur.status),
    });
  if ((cur.rationale ?? "") !== (read.rationale ?? ""))
    rows.push({
      field: "assessment.field.rationale",
      before: read.rationale || empty,
      after: cur.rationale || empty,
    });
  if ((cur.reportedValue ?? "") !== (read.reportedValue ?? ""))
    rows.push({
      field: "assessment.field.reportedValue",
      before: read.reportedValue || empty,
      after: cur.reportedValue || empty,
    });
  if (cur.reviewState !== read.reviewState)
    rows.push({
      field: "assessment.field.reviewState",
      before: reviewStateLabel(t, read.reviewState),
      after: reviewStateLabel(t, cur.reviewState),
    });
  if ((cur.assignee?.id ?? null) !== (read.assignee?.id ?? null))
    rows.push({
      field: "assessment.field.assignee",
      before: read.assignee?.name ?? t("assessment.unassigned"),
      after: cur.assignee?.name ?? t("assessment.unassigned"),
    });
  return (
    <div
      role="alert"
      className="space-y-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
      data-testid="assessment-conflict"
    >
      <p className="font-medium">
        {last?.actor
          ? t("assessment.conflict.title", {
              name: last.actor.name,
              role: roleLabel(t, last.actor.role),
              time: formatTime(last.at),
            })
          : t("assessment.conflict.titleUnknown")}
      </p>
      {rows.length ? (
        <>
          <p className="text-xs">{t("assessment.conflict.changed")}</p>
          <ul className="space-y-1 text-xs" data-testid="assessment-conflict-changes">
            {rows.map((r) => (
              <li key={r.field} className="whitespace-pre-wrap">
                <strong>{t(r.field)}</strong>:{" "}
                <span className="line-through opacity-70">{r.before}</span> →{" "}
                <span className="font-medium">{r.after}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="text-xs">{t("assessment.conflict.yours")}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn btn-sm" disabled={pending} onClick={onReload}>
          {t("assessment.conflict.reload")}
        </button>
        {onKeep ? (
          <button type="button" className="btn btn-sm" disabled={pending} onClick={onKeep}>
            {t("assessment.conflict.keep")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
