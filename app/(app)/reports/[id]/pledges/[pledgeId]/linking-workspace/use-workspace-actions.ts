"use client";
import { useCallback, useState, useTransition, type RefObject } from "react";
import { useRouter } from "next/navigation";
import type { PledgeWorkspace } from "@/lib/evidence-links/data";
import { linkReviewEvidenceAction, unlinkEvidenceAction } from "@/lib/evidence-links/actions";
import type { ActionResult } from "@/lib/app-error";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages";
import { useActionErrorText } from "@/app/_components/action-error-text";
import { selectionOffsets } from "./review-selection";

/** Where an action's outcome is shown: above the suggestions, or beside the review text it was taken from. */
export type FeedbackPlace = "top" | "review";
export type WorkspaceFeedback = { kind: "ok" | "error"; text: string; at: FeedbackPlace } | null;

/** A submitted or approved verdict that went back to draft because the evidence changed. */
function reopenedBy(data: unknown): boolean {
  return Boolean(data && typeof data === "object" && "reopened" in data && data.reopened);
}

/**
 * The linking actions of the evidence page (link a suggestion, link the selected review text,
 * unlink, after an external source was added), each saying what it did, or why it did not, where
 * it was taken; and which suggestion is active (its words are marked in the pledge).
 */
export function useWorkspaceActions(
  ws: PledgeWorkspace,
  canLink: boolean,
  reviewRef: RefObject<HTMLDivElement | null>,
) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<WorkspaceFeedback>(null);
  const [active, setActive] = useState(0);
  const base = ws.review?.base ?? 0;
  const pledgeId = ws.pledge.id;

  const succeeded = useCallback(
    (reopened: boolean, ok: MessageKey, at: FeedbackPlace) => {
      // A verdict that went back to draft is said where the change was made.
      setFeedback({ kind: "ok", text: t(reopened ? "ws.changedReopened" : ok), at });
      router.refresh();
    },
    [router, t],
  );

  const run = useCallback(
    (fn: () => Promise<ActionResult<unknown>>, ok: MessageKey, at: FeedbackPlace = "top") =>
      startTransition(async () => {
        const res = await fn();
        if (res.ok) succeeded(reopenedBy(res.data), ok, at);
        else setFeedback({ kind: "error", text: errorText(res) ?? "", at });
      }),
    [errorText, succeeded],
  );

  const linkSuggestion = useCallback(
    (i: number) => {
      const s = ws.suggestions[i];
      if (!s || !canLink || s.linkedEvidenceId) return;
      setActive(i);
      run(
        () => linkReviewEvidenceAction({ pledgeId, start: s.start, end: s.end, score: s.score }),
        "ws.linkedOk",
      );
    },
    [ws.suggestions, canLink, run, pledgeId],
  );

  const linkSelection = useCallback(() => {
    if (!canLink) return;
    const span = selectionOffsets(reviewRef.current);
    if (!span) {
      setFeedback({ kind: "error", text: t("ws.selectFirst"), at: "review" });
      return;
    }
    run(
      () => linkReviewEvidenceAction({ pledgeId, start: base + span.start, end: base + span.end }),
      "ws.linkedSelectionOk",
      "review",
    );
    window.getSelection()?.removeAllRanges();
  }, [base, canLink, run, pledgeId, reviewRef, t]);

  const unlink = useCallback(
    (evidenceId: string) =>
      run(() => unlinkEvidenceAction({ pledgeId, evidenceId }), "ws.unlinkedOk"),
    [run, pledgeId],
  );

  const externalLinked = useCallback(
    (reopened: boolean) => succeeded(reopened, "ws.linkedOk", "top"),
    [succeeded],
  );

  return {
    pending,
    feedback,
    active,
    setActive,
    linkSuggestion,
    linkSelection,
    unlink,
    externalLinked,
  };
}
