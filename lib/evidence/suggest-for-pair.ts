/**
 * Evidence suggestions for every pledge of a plan → review pair: the CLI's
 * `suggest PLAN_FILE REVIEW_FILE [--top N]` and the app's pairing both go through here.
 */
import { ReportInputError } from "../report/errors";
import { parseReport } from "../report/parse-report";
import type { ParsedReport } from "../report/types";
import type { TextRange } from "./index-review";
import { suggestForPledges, type PairSuggestions, type PlanPledge } from "./suggest-for-pledges";

/** The plan's pledges of a parsed report, with their subsection › topic as context. */
export function toPlanPledges(parsed: ParsedReport): PlanPledge[] {
  return parsed.pledges.map((p) => ({
    id: p.id,
    text: p.text,
    start: p.start,
    end: p.end,
    section: [p.section, p.topic].filter(Boolean).join(" › "),
    target: p.target,
  }));
}

/** Extracts the plan's pledges with lib/report's parser (offsets into `planText`). */
export function extractPlanPledges(planText: string): PlanPledge[] {
  return toPlanPledges(parseReport(planText));
}

/** The review section (工作回顾) of a parsed report; throws ReportInputError when there is none. */
export function findReviewRange(parsed: ParsedReport): TextRange {
  const review = parsed.sections.find((s) => s.kind === "review");
  if (!review) throw new ReportInputError("NOT_A_REPORT", "the second report has no review section (工作回顾) to take evidence from");
  return { start: review.start, end: review.end };
}

/**
 * Parses both decoded reports and suggests, for every pledge of `planText`'s plan, the `top` (default 3)
 * best evidence units of `reviewText`'s review section. Offsets are into each text as given.
 */
export function suggestForPair(planText: string, reviewText: string, options: { top?: number } = {}): PairSuggestions {
  const plan = parseReport(planText);
  const review = parseReport(reviewText);
  const planSection = plan.sections.find((s) => s.kind === "plan");
  return suggestForPledges(toPlanPledges(plan), reviewText, findReviewRange(review), {
    top: options.top,
    planText,
    planRange: planSection ? { start: planSection.start, end: planSection.end } : null,
  });
}
