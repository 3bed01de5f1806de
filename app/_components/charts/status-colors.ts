import type { AssessmentStatus } from "@/lib/assessments/schema";

/**
 * Chart colours per status, chosen to stay distinguishable in greyscale print (different
 * lightness) and matching the status badges' hues.
 */
export const STATUS_FILL: Record<AssessmentStatus, string> = {
  fulfilled: "#15803d",
  partial: "#f59e0b",
  in_progress: "#7dd3fc",
  unfulfilled: "#b91c1c",
  not_verifiable: "#7c3aed",
  not_assessed: "#e7e5e4",
};

/** Text colour readable on each fill. */
export const STATUS_INK: Record<AssessmentStatus, string> = {
  fulfilled: "#ffffff",
  partial: "#1c1917",
  in_progress: "#1c1917",
  unfulfilled: "#ffffff",
  not_verifiable: "#ffffff",
  not_assessed: "#44403c",
};

/** The order statuses are stacked in: verdicts from best to worst, then the unknowns. */
export const STATUS_ORDER: AssessmentStatus[] = [
  "fulfilled",
  "partial",
  "in_progress",
  "unfulfilled",
  "not_verifiable",
  "not_assessed",
];

/**
 * The stacked segments of one bar: each status with a count, in STATUS_ORDER, its offset and
 * width proportional to its count within `total`, scaled to `width`.
 */
export function stackSegments(
  counts: Record<AssessmentStatus, number>,
  total: number,
  width: number,
): { status: AssessmentStatus; x: number; w: number }[] {
  const present = STATUS_ORDER.filter((s) => counts[s] > 0);
  const widths = present.map((s) => (total ? (counts[s] / total) * width : 0));
  return present.map((status, i) => ({
    status,
    x: widths.slice(0, i).reduce((a, b) => a + b, 0),
    w: widths[i],
  }));
}
