"use client";
import { useRef } from "react";
import { useRouter } from "next/navigation";
import type { AssessmentDto, PersonDto } from "@/lib/assessments/schema";
import type { SuggestedVerdictDto } from "@/lib/evidence-links/schema";
import { useActionErrorText } from "@/app/_components/action-error-text";
import type { AssessmentPermissions } from "./assessment-panel";
import { AssigneeField } from "./assignee-field";
import { ConflictNotice } from "./conflict-notice";
import { ReviewSteps } from "./review-steps";
import { StateNotes } from "./state-notes";
import { SuggestionBox } from "./suggestion-box";
import { useAssessmentForm, type Feedback } from "./use-assessment-form";
import { useAssessmentKeys } from "./use-assessment-keys";
import { VerdictFields, VerdictReadOnly } from "./verdict-fields";

/** One version of the assessment: its state, the suggestion, the verdict (editable or read-only), the steps, the outcome of the last one. */
export function AssessmentForm({
  assessment: a,
  permissions: can,
  assignableUsers,
  suggestion,
  feedback,
  setFeedback,
  nextReviewHref,
}: {
  assessment: AssessmentDto;
  permissions: AssessmentPermissions;
  assignableUsers: PersonDto[];
  suggestion: SuggestedVerdictDto | null;
  feedback: Feedback;
  setFeedback: (f: Feedback) => void;
  nextReviewHref: string | null;
}) {
  const errorText = useActionErrorText();
  const router = useRouter();
  const rationaleRef = useRef<HTMLTextAreaElement>(null);
  const form = useAssessmentForm({
    assessment: a,
    permissions: can,
    suggestion,
    setFeedback,
    rationaleRef,
  });
  useAssessmentKeys(form, can.edit);

  const conflict = feedback?.kind === "error" ? feedback.conflict : undefined;
  const retry = feedback?.kind === "error" ? feedback.retry : undefined;

  return (
    <div className="space-y-3">
      <StateNotes assessment={a} />
      {suggestion ? (
        <SuggestionBox
          suggestion={suggestion}
          canAccept={can.edit}
          pending={form.pending}
          onAccept={form.acceptSuggestion}
          current={form.status}
        />
      ) : null}
      {can.edit ? (
        <VerdictFields assessment={a} form={form} rationaleRef={rationaleRef} />
      ) : (
        <VerdictReadOnly assessment={a} />
      )}
      <ReviewSteps assessment={a} can={can} form={form} nextReviewHref={nextReviewHref} />

      {feedback?.kind === "ok" ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {feedback.text}
        </p>
      ) : null}
      {feedback?.kind === "error" && !conflict ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorText(feedback.error)}
        </p>
      ) : null}
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          read={a}
          pending={form.pending}
          onReload={() => {
            setFeedback(null);
            router.refresh();
          }}
          onKeep={retry ? () => void form.save(conflict.current.version) : undefined}
        />
      ) : null}
      <AssigneeField
        assessment={a}
        canAssign={can.assign}
        assignableUsers={assignableUsers}
        pending={form.pending}
        onAssign={(id) => void form.assign(id)}
      />
    </div>
  );
}
