import "server-only";
import { indexReview, type ReviewIndex } from "@/lib/evidence/index-review";
import { suggestEvidence, type Suggestion } from "@/lib/evidence/suggest-evidence";

type ReviewSource = { id: string; updatedAt: Date; sourceText: string; reviewRange: { start: number; end: number } };
type PlanSource = { id: string; sourceText: string; planRange: { start: number; end: number } | null };

// Indexing a review takes tens of milliseconds; pledges of one report are worked through one after
// another, so each review index is built once per process and reused (keyed by both reports and
// the review's last change).
const cache = new Map<string, ReviewIndex>();
const CACHE_LIMIT = 32;

function indexFor(review: ReviewSource, plan: PlanSource): ReviewIndex {
  const key = `${review.id}:${review.updatedAt.getTime()}:${plan.id}`;
  let index = cache.get(key);
  if (!index) {
    const background = [plan.planRange ? plan.sourceText.slice(plan.planRange.start, plan.planRange.end) : plan.sourceText];
    index = indexReview(review.sourceText, review.reviewRange, { background });
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, index);
  }
  return index;
}

/** The ranked evidence suggestions for one pledge of `plan` in the review section of `review`. */
export function suggestForStoredPledge(
  review: ReviewSource,
  plan: PlanSource,
  pledge: { text: string; section?: string; target?: { value: number; valueMax?: number | null; unit: string | null; comparator: string; growth: boolean } | null },
  top = 5,
): Suggestion[] {
  return suggestEvidence(indexFor(review, plan), { text: pledge.text, section: pledge.section, target: pledge.target ?? null }, { top });
}
