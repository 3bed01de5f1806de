import "server-only";
import { indexReview, type ReviewIndex } from "@/lib/evidence/index-review";
import type { NumericTarget } from "@/lib/evidence/compare-numbers";
import { suggestForPledge, type LinkedQuote } from "@/lib/evidence/suggest-for-pledges";
import type { Suggestion } from "@/lib/evidence/suggest-evidence";
import type { SuggestedVerdict } from "@/lib/evidence/suggest-verdict";

type ReviewSource = {
  id: string;
  updatedAt: Date;
  sourceText: string;
  reviewRange: { start: number; end: number };
};
type PlanSource = {
  id: string;
  sourceText: string;
  planRange: { start: number; end: number } | null;
};

// Indexing a review takes tens of milliseconds; pledges of one report are worked through one after
// another, so each review index is built once per process and reused (keyed by both reports and
// the review's last change).
const cache = new Map<string, ReviewIndex>();
const CACHE_LIMIT = 32;

function indexFor(review: ReviewSource, plan: PlanSource): ReviewIndex {
  const key = `${review.id}:${review.updatedAt.getTime()}:${plan.id}`;
  let index = cache.get(key);
  if (!index) {
    const background = [
      plan.planRange
        ? plan.sourceText.slice(plan.planRange.start, plan.planRange.end)
        : plan.sourceText,
    ];
    index = indexReview(review.sourceText, review.reviewRange, { background });
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, index);
  }
  return index;
}

/**
 * For one pledge of `plan`: the ranked evidence suggestions in the review section of `review`
 * (the `top` best), whether the review appears silent on it, and the suggested verdict, read from
 * the evidence already linked from this review (first) and the suggestions.
 */
export function assessStoredPledge(
  review: ReviewSource,
  plan: PlanSource,
  pledge: { text: string; section?: string; target?: NumericTarget | null },
  options: { top?: number; linked?: LinkedQuote[] } = {},
): { suggestions: Suggestion[]; silent: boolean; suggestedVerdict: SuggestedVerdict } {
  return suggestForPledge(
    indexFor(review, plan),
    { text: pledge.text, section: pledge.section, target: pledge.target ?? null },
    { top: options.top ?? 5, linked: options.linked },
  );
}
