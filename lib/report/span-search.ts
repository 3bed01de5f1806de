/**
 * Binary searches over spans in text order (paragraphs, blocks, targets: each list is sorted by
 * start). Parsing used to filter or scan such lists once per paragraph or section, which is
 * quadratic on a report with thousands of them (issue 12); these keep every pass linear-ish.
 */
import type { Span } from "./types";

/** Index of the first span whose start is >= pos (> pos when `strict`); spans sorted by start. */
export function spanIndexAt(spans: readonly Span[], pos: number, strict = false): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid].start;
    if (s < pos || (strict && s === pos)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The spans whose start lies in [from, to) (in (from, to) when `afterFrom`), in order: the same as
 * filtering the list on start, in O(log n) plus the slice.
 */
export function spansBetween<T extends Span>(
  spans: T[],
  from: number,
  to: number,
  afterFrom = false,
): T[] {
  const lo = spanIndexAt(spans, from, afterFrom);
  const hi = Math.max(lo, spanIndexAt(spans, to));
  return spans.slice(lo, hi);
}
