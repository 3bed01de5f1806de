"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { AssessmentDto } from "@/lib/assessments/schema";
import { useTranslator } from "@/lib/i18n/client";
import type { AssessmentPermissions } from "./assessment-panel";
import type { AssessmentForm } from "./use-assessment-form";

/**
 * The steps this user may take now: save (saying when it reopens or withdraws a verdict under
 * review), submit, approve or return with a reason (four eyes: not on one's own work).
 */
export function ReviewSteps({
  assessment: a,
  can,
  form,
  nextReviewHref,
}: {
  assessment: AssessmentDto;
  can: AssessmentPermissions;
  form: AssessmentForm;
  nextReviewHref: string | null;
}) {
  const { t } = useTranslator();
  const router = useRouter();
  const [returning, setReturning] = useState(false);
  const [returnComment, setReturnComment] = useState("");
  const { pending, dirty, leavesReview, rationaleMissing } = form;
  return (
    <>
      {leavesReview ? (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900"
          data-testid="assessment-reopen-notice"
        >
          {t(
            a.reviewState === "approved" ? "assessment.reopenNotice" : "assessment.withdrawNotice",
          )}
        </p>
      ) : null}

      {!can.edit ? <p className="text-xs text-stone-500">{t("assessment.readOnly")}</p> : null}

      <div className="flex flex-wrap items-center gap-2 empty:hidden">
        {can.edit ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={pending || !dirty || rationaleMissing}
            onClick={() => void form.save()}
            title={rationaleMissing ? t("field.RATIONALE_REQUIRED") : undefined}
          >
            {pending
              ? t("assessment.saving")
              : t(
                  leavesReview
                    ? a.reviewState === "approved"
                      ? "assessment.saveReopen"
                      : "assessment.saveWithdraw"
                    : "assessment.save",
                )}
          </button>
        ) : null}
        {form.canSubmitNow ? (
          <button
            type="button"
            className="btn"
            disabled={pending || dirty}
            onClick={() => void form.submit()}
          >
            {t("assessment.submit")}
          </button>
        ) : null}
        {a.reviewState === "submitted" && can.reviewThis ? (
          <>
            <button
              type="button"
              className="btn border-green-700 bg-green-600 text-white hover:bg-green-700"
              disabled={pending || dirty}
              onClick={() => void form.approve()}
            >
              {t("assessment.approve")}
            </button>
            {/* The reviewer's round: approve, then straight to the next assessment they may review (or back to the queue when none is left). */}
            <button
              type="button"
              className="btn border-green-700 text-green-800 hover:bg-green-50"
              disabled={pending || dirty}
              onClick={() =>
                void form.approve().then((ok) => ok && router.push(nextReviewHref ?? "/review"))
              }
              data-testid="approve-next"
            >
              {t(nextReviewHref ? "assessment.approveNext" : "assessment.approveBackToQueue")}
            </button>
            <button
              type="button"
              className="btn"
              disabled={pending || dirty}
              onClick={() => setReturning((r) => !r)}
              aria-expanded={returning}
            >
              {t("assessment.return")}
            </button>
          </>
        ) : null}
        {dirty && form.canSubmitNow ? (
          <span className="text-xs text-stone-500">{t("assessment.unsaved")}</span>
        ) : null}
      </div>

      {a.reviewState === "submitted" && can.review && !can.reviewThis ? (
        <p className="text-xs text-stone-600" data-testid="assessment-four-eyes">
          {t(can.ownPart === "wrote" ? "assessment.fourEyesWrote" : "assessment.fourEyes")}
        </p>
      ) : null}
      {a.reviewState === "submitted" && !can.review ? (
        <p className="text-xs text-stone-500">{t("assessment.reviewerOnly")}</p>
      ) : null}

      {returning ? (
        <form
          className="space-y-2 rounded-md border border-stone-200 bg-stone-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            void form.returnWith(returnComment, () => setReturning(false));
          }}
        >
          <label className="label" htmlFor="assessment-return-comment">
            {t("assessment.returnComment")}
          </label>
          <textarea
            id="assessment-return-comment"
            className="input h-20"
            value={returnComment}
            onChange={(e) => setReturnComment(e.target.value)}
            autoFocus
          />
          <div className="flex gap-2">
            <button className="btn btn-primary" disabled={pending || returnComment.trim() === ""}>
              {t("assessment.returnConfirm")}
            </button>
            <button type="button" className="btn" onClick={() => setReturning(false)}>
              {t("assessment.cancel")}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
