/**
 * Evidence ranking for a list of already-extracted plan pledges against one review section
 * (pure: no parser involved; suggest-for-pair.ts adds the parsing).
 */
import type { Comparison, NumericTarget } from "./compare-numbers";
import { indexReview, type ReviewIndex, type TextRange } from "./index-review";
import { suggestEvidence, type Suggestion } from "./suggest-evidence";

/** A pledge of the plan: exact span into the plan's decoded text, plus optional context and target. */
export interface PlanPledge {
  id: string;
  text: string;
  start: number;
  end: number;
  /** Subsection heading and topic (e.g. （二）积极调整经济结构… › 大力发展现代服务业). */
  section?: string;
  target?: NumericTarget | NumericTarget[] | null;
}

export interface PledgeSuggestions {
  pledge: PlanPledge;
  suggestions: Suggestion[];
}

export interface PairSuggestions {
  pledges: PledgeSuggestions[];
  reviewRange: TextRange;
}

/** Ranks review evidence for already-extracted pledges; `planText` (optional) only feeds term rarity. */
export function suggestForPledges(
  pledges: PlanPledge[],
  reviewText: string,
  reviewRange: TextRange,
  options: { top?: number; planText?: string; planRange?: TextRange | null } = {},
): PairSuggestions {
  const background =
    options.planText !== undefined
      ? [options.planRange ? options.planText.slice(options.planRange.start, options.planRange.end) : options.planText]
      : [];
  const index: ReviewIndex = indexReview(reviewText, reviewRange, { background });
  return {
    reviewRange,
    pledges: pledges.map((pledge) => ({
      pledge,
      suggestions: suggestEvidence(index, { text: pledge.text, section: pledge.section, target: pledge.target }, { top: options.top ?? 3 }),
    })),
  };
}

/** JSON of `cli suggest`: offsets into each file's decoded text; suggestions best first. */
export interface SuggestJson {
  pledges: {
    id: string;
    text: string;
    start: number;
    end: number;
    suggestions: { text: string; start: number; end: number; score: number; terms: string[]; comparison: Comparison | null }[];
  }[];
}

/** Shapes suggestions as the `cli suggest` JSON: `{ pledges: [{ id, text, start, end, suggestions: [...] }] }`. */
export function toSuggestJson(result: PairSuggestions): SuggestJson {
  return {
    pledges: result.pledges.map(({ pledge, suggestions }) => ({
      id: pledge.id,
      text: pledge.text,
      start: pledge.start,
      end: pledge.end,
      suggestions: suggestions.map((s) => ({
        text: s.text,
        start: s.start,
        end: s.end,
        score: s.score,
        terms: s.terms,
        comparison: s.comparison,
      })),
    })),
  };
}
