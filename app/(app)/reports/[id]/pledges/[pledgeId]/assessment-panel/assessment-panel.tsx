"use client";
import { useState } from "react";
import type { AssessmentDto, PersonDto } from "@/lib/assessments/schema";
import type { SuggestedVerdictDto } from "@/lib/evidence-links/schema";
import { useTranslator } from "@/lib/i18n/client";
import { ReviewStateBadge } from "@/app/_components/assessment-badges";
import { AssessmentForm } from "./assessment-form";
import { reviewStateLabel } from "@/lib/i18n/vocabulary";
import type { Feedback } from "./use-assessment-form";

export type AssessmentPermissions = {
  edit: boolean;
  submit: boolean;
  /** The role may approve and return (reviewer, admin). */
  review: boolean;
  assign: boolean;
  /** canReviewSubmission for this assessment: the role may review and the user neither submitted it nor last wrote its verdict (four eyes). */
  reviewThis: boolean;
  /** ownPartInVerdict: why four eyes bars this user from reviewing it, if it does. */
  ownPart: "submitted" | "wrote" | null;
};

type Props = {
  assessment: AssessmentDto;
  permissions: AssessmentPermissions;
  assignableUsers: PersonDto[];
  suggestion?: SuggestedVerdictDto | null;
  /** For a reviewer: the next pledge of the review queue they may review ("approve and next"); null when none is left. */
  nextReviewHref?: string | null;
};

/**
 * The assessment of one pledge: verdict, rationale, reported figure, review state and the review
 * steps the signed-in user may take. Every save names the version it read; a refused stale save
 * shows who changed what, and keeps the user's edits in the form.
 */
export function AssessmentPanel({
  assessment: a,
  permissions,
  assignableUsers,
  suggestion = null,
  nextReviewHref = null,
}: Props) {
  const { t } = useTranslator();
  // Outlives the form's re-keying, so the outcome of a step stays in view on the new version.
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <section className="card p-4" aria-labelledby="assessment-title" data-testid="assessment-panel">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h2 id="assessment-title" className="font-semibold">
          {t("assessment.title")}
        </h2>
        <ReviewStateBadge state={a.reviewState} label={reviewStateLabel(t, a.reviewState)} />
        <span className="ml-auto text-xs text-stone-500">
          {t("assessment.evidenceCount", { count: a.evidenceCount })}
        </span>
      </div>
      {/* Re-keyed on every new version: the form starts from what the server has now. */}
      <AssessmentForm
        key={a.version}
        assessment={a}
        permissions={permissions}
        assignableUsers={assignableUsers}
        suggestion={suggestion}
        feedback={feedback}
        setFeedback={setFeedback}
        nextReviewHref={nextReviewHref}
      />
    </section>
  );
}
