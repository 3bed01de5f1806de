"use client";
import type { AssessmentDto } from "@/lib/assessments/schema";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages";
import { formatTime } from "@/app/_components/assessment-badges";

/** Where the assessment stands in review: returned (with the reason), approved, submitted, reopened (and why), and who last wrote its verdict. */
export function StateNotes({ assessment: a }: { assessment: AssessmentDto }) {
  const { t } = useTranslator();
  return (
    <>
      {a.reviewState === "returned" && a.lastReturn ? (
        <div
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm"
          data-testid="assessment-returned"
        >
          <p className="text-xs font-medium text-amber-900">
            {t("assessment.returnedBy", { name: a.lastReturn.author ?? t("history.system") })}
          </p>
          <p className="mt-0.5 whitespace-pre-wrap text-amber-950">{a.lastReturn.body}</p>
        </div>
      ) : null}
      {a.reviewState === "approved" && a.approvedBy ? (
        <p className="rounded-md bg-green-50 px-3 py-2 text-xs text-green-900">
          {t("assessment.approvedBy", { name: a.approvedBy.name, date: formatTime(a.approvedAt) })}
        </p>
      ) : null}
      {a.reviewState === "submitted" && a.submittedBy ? (
        <p className="rounded-md bg-sky-50 px-3 py-2 text-xs text-sky-900">
          {t("assessment.submittedBy", {
            name: a.submittedBy.name,
            date: formatTime(a.submittedAt),
          })}
        </p>
      ) : null}
      {a.reviewState === "draft" && a.reopened ? (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900"
          data-testid="assessment-reopened"
          data-cause={a.reopened.cause}
        >
          {t(
            a.reopened.from === "submitted"
              ? "assessment.reopenedBanner.submitted"
              : "assessment.reopenedBanner.approved",
            {
              cause: t(`assessment.reopenCause.${a.reopened.cause}` as MessageKey),
              name: a.reopened.by ?? t("history.system"),
              date: formatTime(a.reopened.at),
            },
          )}
        </p>
      ) : null}
      {a.assessedBy && a.status !== "not_assessed" ? (
        <p className="text-xs text-stone-500" data-testid="assessment-assessed-by">
          {t("assessment.assessedBy", { name: a.assessedBy.name, date: formatTime(a.assessedAt) })}
        </p>
      ) : null}
    </>
  );
}
