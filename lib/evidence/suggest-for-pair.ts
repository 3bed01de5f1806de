/**
 * Evidence suggestions for every pledge of a plan → review pair: the CLI's
 * `suggest PLAN_FILE REVIEW_FILE [--top N]` and the app's pairing both go through here.
 */
import { ReportInputError } from "../report/errors";
import { parseReport } from "../report/parse-report";
import type { ParsedReport } from "../report/types";
import { findBodyRange } from "../report/clean";
import { normalizeForParse } from "../report/script";
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

/**
 * The review section(s) (工作回顾) of a parsed report. When the parser found none — a heading it did
 * not recognise — the report's whole body is searched instead: suggestions from a wider range beat
 * none at all. Throws ReportInputError only when there is no text to search.
 */
export function findReviewRange(parsed: ParsedReport): TextRange {
  const reviews = parsed.sections.filter((s) => s.kind === "review");
  if (reviews.length) return { start: reviews[0].start, end: reviews[reviews.length - 1].end };
  if (parsed.body.end > parsed.body.start)
    return { start: parsed.body.start, end: parsed.body.end };
  throw new ReportInputError(
    "NOT_A_REPORT",
    "the second report has no review section (工作回顾) to take evidence from",
  );
}

/** Parses the report that reviews the plan; a report with a review but no plan of its own is fine. */
function parseReviewReport(reviewText: string): TextRange {
  try {
    return findReviewRange(parseReport(reviewText));
  } catch (e) {
    if (e instanceof ReportInputError && e.code === "NO_PLAN") {
      const body = findBodyRange(normalizeForParse(reviewText));
      return { start: body.start, end: body.end };
    }
    throw e;
  }
}

/**
 * Parses both decoded reports and suggests, for every pledge of `planText`'s plan, the `top` (default 3)
 * best evidence units of `reviewText`'s review section. Offsets are into each text as given.
 */
export function suggestForPair(
  planText: string,
  reviewText: string,
  options: { top?: number } = {},
): PairSuggestions {
  const plan = parseReport(planText);
  const planSection = plan.sections.find((s) => s.kind === "plan");
  return suggestForPledges(toPlanPledges(plan), reviewText, parseReviewReport(reviewText), {
    top: options.top,
    planText,
    planRange: planSection ? { start: planSection.start, end: planSection.end } : null,
  });
}
