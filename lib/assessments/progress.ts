/**
 * The one tally of a set of pledges' assessment progress (report page, dashboard, audit overview):
 * how many have a verdict, how many await a reviewer, how many are approved. Pure.
 */
export type Progress = {
  total: number;
  /** Pledges with a verdict (any status but not_assessed), whatever their review state. */
  assessed: number;
  /** Review state submitted: awaiting a reviewer. */
  submitted: number;
  /** Review state approved. */
  approved: number;
};

/** Tallies rows (each one pledge, or `n` pledges of a group count). */
export function tallyProgress(
  rows: Iterable<{ status: string; reviewState: string; n?: number }>,
): Progress {
  const p: Progress = { total: 0, assessed: 0, submitted: 0, approved: 0 };
  for (const r of rows) {
    const n = r.n ?? 1;
    p.total += n;
    if (r.status !== "not_assessed") p.assessed += n;
    if (r.reviewState === "submitted") p.submitted += n;
    if (r.reviewState === "approved") p.approved += n;
  }
  return p;
}
