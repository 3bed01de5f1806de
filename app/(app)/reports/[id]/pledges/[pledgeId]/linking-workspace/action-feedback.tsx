"use client";
import type { FeedbackPlace, WorkspaceFeedback } from "./use-workspace-actions";

/** The outcome of the last linking action, if it belongs at this place: a green status or a red alert. */
export function ActionFeedback({
  feedback,
  at,
  testId,
}: {
  feedback: WorkspaceFeedback;
  at: FeedbackPlace;
  testId: string;
}) {
  if (!feedback || feedback.at !== at) return null;
  return feedback.kind === "ok" ? (
    <p
      role="status"
      className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800"
      data-testid={testId}
    >
      {feedback.text}
    </p>
  ) : (
    <p
      role="alert"
      className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
      data-testid={`${testId}-error`}
    >
      {feedback.text}
    </p>
  );
}
