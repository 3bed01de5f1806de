"use client";
import { useState, useTransition, type RefObject } from "react";
import { useRouter } from "next/navigation";
import {
  approveAssessmentAction,
  assignPledgeAction,
  returnAssessmentAction,
  saveAssessmentAction,
  submitAssessmentAction,
  type AssessmentActionResult,
} from "@/lib/assessments/actions";
import type { AssessmentConflict, AssessmentDto } from "@/lib/assessments/schema";
import type { SuggestedVerdictDto } from "@/lib/evidence-links/schema";
import { needsRationale } from "@/lib/assessments/transitions";
import type { ActionError } from "@/lib/app-error";
import { useTranslator } from "@/lib/i18n/client";
import type { AssessmentPermissions } from "./assessment-panel";

/** An error may carry a conflict (stale version) and, for a refused save, a way to redo it on the new version. */
export type Feedback =
  | { kind: "ok"; text: string }
  | { kind: "error"; error: ActionError; conflict?: AssessmentConflict; retry?: boolean }
  | null;

/**
 * The form state of one assessment version (verdict, rationale, reported figure) and its review
 * steps. Every step names the version it read; each resolves true when the server took it.
 */
export function useAssessmentForm({
  assessment: a,
  permissions: can,
  suggestion,
  setFeedback,
  rationaleRef,
}: {
  assessment: AssessmentDto;
  permissions: AssessmentPermissions;
  suggestion: SuggestedVerdictDto | null;
  setFeedback: (f: Feedback) => void;
  /** The rationale box, which key steps focus and leave. */
  rationaleRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t, locale } = useTranslator();
  const router = useRouter();
  const [transitioning, startTransition] = useTransition();
  // After a successful step the server has a new version; until the refreshed data re-keys this
  // form, further steps would carry the old version, so the form stays busy.
  const [refreshing, setRefreshing] = useState(false);
  const pending = transitioning || refreshing;
  const [status, setStatus] = useState<string>(a.status);
  const [rationale, setRationale] = useState(a.rationale ?? "");
  const [reportedValue, setReportedValue] = useState(a.reportedValue ?? "");

  const dirty =
    status !== a.status ||
    rationale.trim() !== (a.rationale ?? "").trim() ||
    reportedValue.trim() !== (a.reportedValue ?? "").trim();
  const leavesReview = dirty && (a.reviewState === "approved" || a.reviewState === "submitted");
  const rationaleMissing = needsRationale(status) && rationale.trim() === "";
  const canSubmitNow = can.submit && (a.reviewState === "draft" || a.reviewState === "returned");

  function act<T>(
    fn: () => Promise<AssessmentActionResult<T>>,
    okText: (data: T) => string,
    after?: () => void,
    retry = false,
  ): Promise<boolean> {
    return new Promise((resolve) =>
      startTransition(async () => {
        const res = await fn();
        if (res.ok) {
          setFeedback({ kind: "ok", text: okText(res.data) });
          if (res.data && typeof res.data === "object" && "version" in res.data)
            setRefreshing(true);
          after?.();
          router.refresh();
        } else {
          setFeedback({ kind: "error", error: res, conflict: res.conflict, retry });
        }
        resolve(res.ok);
      }),
    );
  }

  const pledgeId = a.pledgeId;
  return {
    pending,
    status,
    setStatus,
    rationale,
    setRationale,
    reportedValue,
    setReportedValue,
    dirty,
    leavesReview,
    rationaleMissing,
    canSubmitNow,
    /** Saves the edits on `version` (the one read, or the current one after a conflict). */
    save: (version = a.version) =>
      act(
        () => saveAssessmentAction({ pledgeId, version, status, rationale, reportedValue }),
        (d) => t(d.reopened ? "assessment.reopened" : "assessment.saved"),
        undefined,
        true,
      ),
    submit: () =>
      act(
        () => submitAssessmentAction({ pledgeId, version: a.version }),
        () => t("assessment.submittedOk"),
      ),
    approve: () =>
      act(
        () => approveAssessmentAction({ pledgeId, version: a.version }),
        () => t("assessment.approvedOk"),
      ),
    returnWith: (comment: string, after: () => void) =>
      act(
        () => returnAssessmentAction({ pledgeId, version: a.version, comment }),
        () => t("assessment.returnedOk"),
        after,
      ),
    assign: (assigneeId: string | null) =>
      act(
        () => assignPledgeAction({ pledgeId, version: a.version, assigneeId }),
        () => t("assessment.assignedOk"),
      ),
    /**
     * Accepting a suggestion fills the form (verdict, rationale quoting the evidence, reported
     * figure) without saving: the analyst reads and edits it, then saves with Enter.
     */
    acceptSuggestion: () => {
      if (!suggestion || !can.edit) return;
      setStatus(suggestion.status);
      setRationale(suggestion.reason[locale]);
      if (a.target && suggestion.reportedValue) setReportedValue(suggestion.reportedValue);
      setFeedback({ kind: "ok", text: t("verdict.filled") });
      requestAnimationFrame(() => rationaleRef.current?.focus());
    },
    /** A verdict chosen by key: set it and put the cursor in the rationale. */
    chooseByKey: (next: string) => {
      setStatus(next);
      requestAnimationFrame(() => rationaleRef.current?.focus());
    },
    leaveRationale: () => rationaleRef.current?.blur(),
  };
}

export type AssessmentForm = ReturnType<typeof useAssessmentForm>;
