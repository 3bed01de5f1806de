/**
 * Evidence ranking, silence and a suggested verdict for plan pledges against one review section
 * (pure: no parser involved; suggest-for-pair.ts adds the parsing).
 */
import type { Comparison, NumericTarget } from "./compare-numbers";
import { indexReview, unitContext, type ReviewIndex, type TextRange } from "./index-review";
import { suggestEvidence, type PledgeQuery, type Suggestion } from "./suggest-evidence";
import type { SuggestionLevel } from "./rate-suggestions";
import { suggestVerdict, type SuggestedVerdict, type VerdictEvidence } from "./suggest-verdict";

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
  /** The review appears silent on the pledge: no suggestion is better than weak. */
  silent: boolean;
  suggestedVerdict: SuggestedVerdict;
}

export interface PairSuggestions {
  pledges: PledgeSuggestions[];
  reviewRange: TextRange;
}

/** Evidence the analyst already linked, offered to the verdict before any suggestion. */
export interface LinkedQuote {
  text: string;
  start: number;
  end: number;
}

/** Suggestions the verdict reads, at least this many even when fewer are shown. */
const VERDICT_DEPTH = 3;

/**
 * Ranks review evidence for one pledge (the `top` best), says whether the review appears silent on
 * it, and suggests a verdict from the linked quotes (first) and the suggestions with their sentences.
 */
export function suggestForPledge(
  index: ReviewIndex,
  pledge: PledgeQuery,
  options: { top?: number; linked?: LinkedQuote[] } = {},
): { suggestions: Suggestion[]; silent: boolean; suggestedVerdict: SuggestedVerdict } {
  const top = options.top ?? 3;
  const ranked = suggestEvidence(index, pledge, { top: Math.max(top, VERDICT_DEPTH) });
  const silent = !ranked.length || ranked[0].level === "weak";
  const evidence: VerdictEvidence[] = [
    ...(options.linked ?? []).map((q) => ({ ...q, level: "linked" as const })),
    ...ranked.map((s) => {
      const u = index.units[s.unit];
      return {
        text: s.text,
        start: s.start,
        end: s.end,
        level: s.level,
        sentence: unitContext(index, u),
        multiYear: u.multiYear,
      };
    }),
  ];
  return {
    suggestions: ranked.slice(0, top),
    silent,
    suggestedVerdict: suggestVerdict(pledge, evidence),
  };
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
      ? [
          options.planRange
            ? options.planText.slice(options.planRange.start, options.planRange.end)
            : options.planText,
        ]
      : [];
  const index: ReviewIndex = indexReview(reviewText, reviewRange, { background });
  return {
    reviewRange,
    pledges: pledges.map((pledge) => ({
      pledge,
      ...suggestForPledge(
        index,
        { text: pledge.text, section: pledge.section, target: pledge.target },
        { top: options.top ?? 3 },
      ),
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
    silent: boolean;
    suggestedVerdict: {
      status: SuggestedVerdict["status"];
      confidence: SuggestedVerdict["confidence"];
      reason: string;
    };
    suggestions: {
      text: string;
      start: number;
      end: number;
      score: number;
      level: SuggestionLevel;
      probability: number;
      terms: string[];
      comparison: Comparison | null;
    }[];
  }[];
}

/**
 * Shapes suggestions as the `cli suggest` JSON: `{ pledges: [{ id, text, start, end, silent,
 * suggestedVerdict: { status, confidence, reason }, suggestions: [...] }] }`.
 */
export function toSuggestJson(result: PairSuggestions): SuggestJson {
  return {
    pledges: result.pledges.map(({ pledge, suggestions, silent, suggestedVerdict }) => ({
      id: pledge.id,
      text: pledge.text,
      start: pledge.start,
      end: pledge.end,
      silent,
      suggestedVerdict: {
        status: suggestedVerdict.status,
        confidence: suggestedVerdict.confidence,
        reason: suggestedVerdict.reason,
      },
      suggestions: suggestions.map((s) => ({
        text: s.text,
        start: s.start,
        end: s.end,
        score: s.score,
        level: s.level,
        probability: s.probability,
        terms: s.terms,
        comparison: s.comparison,
      })),
    })),
  };
}
