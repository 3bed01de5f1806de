"use client";
import { useLeaveGuard, usePageKeys } from "../keys/page-keys";
import type { AssessmentForm } from "./use-assessment-form";

/**
 * Keyboard review, registered with the page's key owner for those who may edit: a letter sets the
 * verdict and puts the cursor in the rationale; A accepts the suggested verdict; Enter in the
 * rationale saves (Shift+Enter: new line); Enter elsewhere saves pending edits, else submits.
 * Unsaved edits guard leaving the pledge (J, K, the prev/next links, closing the tab).
 */
export function useAssessmentKeys(form: AssessmentForm, canEdit: boolean): void {
  usePageKeys(
    canEdit
      ? {
          accept: () => form.acceptSuggestion(),
          verdict: (status) => form.chooseByKey(String(status)),
          enter: (_, place) => {
            if (place === "field") {
              if (form.dirty && !form.rationaleMissing && !form.pending) void form.save();
              form.leaveRationale();
            } else if (!form.pending) {
              if (form.dirty) {
                if (!form.rationaleMissing) void form.save();
              } else if (form.canSubmitNow) void form.submit();
            }
          },
        }
      : {},
  );
  useLeaveGuard(
    canEdit
      ? {
          dirty: form.dirty,
          canSave: !form.rationaleMissing && !form.pending,
          save: () => form.save(),
        }
      : null,
  );
}
