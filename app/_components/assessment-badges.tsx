/**
 * Badges for an assessment's status and review state, shared by the pledge workspace (client) and
 * the review queue (server): the caller passes the translated label, so no hook is needed here.
 */
const STATUS_TONE: Record<string, string> = {
  not_assessed: "bg-stone-100 text-stone-600",
  in_progress: "bg-sky-100 text-sky-800",
  fulfilled: "bg-green-100 text-green-800",
  partial: "bg-amber-100 text-amber-800",
  unfulfilled: "bg-red-100 text-red-800",
  not_verifiable: "bg-violet-100 text-violet-800",
};

const REVIEW_TONE: Record<string, string> = {
  draft: "bg-stone-100 text-stone-700",
  submitted: "bg-sky-100 text-sky-800",
  approved: "bg-green-600 text-white",
  returned: "bg-amber-500 text-white",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span
      className={`badge ${STATUS_TONE[status] ?? STATUS_TONE.not_assessed}`}
      data-status={status}
    >
      {label}
    </span>
  );
}

export function ReviewStateBadge({ state, label }: { state: string; label: string }) {
  return (
    <span
      className={`badge ${REVIEW_TONE[state] ?? REVIEW_TONE.draft}`}
      data-testid="review-state"
      data-state={state}
    >
      {label}
    </span>
  );
}

/** "YYYY-MM-DD HH:mm" of an ISO time, the same on server and client (UTC, as elsewhere in the app). */
export function formatTime(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 16).replace("T", " ") : "—";
}
