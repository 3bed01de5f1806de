/**
 * The lineage gold as evaluation cases, for run-lineage-eval.ts and fit-lineage.ts: end to end,
 * as the app and `cli lineage` run it. Both plans are parsed (lib/report); each gold pledge of the
 * later plan is mapped to the extracted pledge covering most of it (< 60% covered: not extracted),
 * and the matcher's answer for that pledge against the earlier plan's extracted pledges is kept.
 */
import { matchPlans, type PledgeLineage } from "../match-plans";
import { toLineagePledges } from "../lineage-for-files";
import { parseReport } from "../../report/parse-report";
import { findQuote, type Span } from "./read-gold";
import {
  lineagePlanSpan,
  readLineageFile,
  type LineageGoldPair,
  type LineageGoldPledge,
} from "./read-lineage-gold";

export interface LineageCase {
  gold: LineageGoldPledge;
  /** Spans of the gold predecessors in the earlier text. */
  predecessors: Span[];
  /** What the matcher said for the extracted pledge standing for the gold one; null: not extracted. */
  result: PledgeLineage | null;
}

function coverage(p: Span, g: Span): number {
  const o = Math.min(p.end, g.end) - Math.max(p.start, g.start);
  return o > 0 ? o / (g.end - g.start) : 0;
}

/** Runs the matcher on one gold pair and returns each gold pledge's case. */
export function lineageCases(pair: LineageGoldPair): LineageCase[] {
  const earlierText = readLineageFile(pair.earlierFile);
  const laterText = readLineageFile(pair.laterFile);
  const earlierPlan = lineagePlanSpan(pair.earlierFile, earlierText);
  const laterPlan = lineagePlanSpan(pair.laterFile, laterText);
  const earlier = parseReport(earlierText);
  const later = toLineagePledges(parseReport(laterText));
  const results = matchPlans(later, [
    { id: pair.earlierFile, year: earlier.meta.year, pledges: toLineagePledges(earlier) },
  ]);
  return pair.pledges.map((gold) => {
    const at = findQuote(laterText, gold.pledge, laterPlan);
    if (!at) throw new Error(`gold pledge not in the later plan: ${gold.id}`);
    const predecessors = (gold.predecessors ?? []).map((q) => {
      const span = findQuote(earlierText, q, earlierPlan);
      if (!span) throw new Error(`gold predecessor not in the earlier plan: ${gold.id} ${q}`);
      return span;
    });
    let best: PledgeLineage | null = null;
    let bestCov = 0;
    for (const r of results) {
      const c = coverage(r.pledge, at);
      if (c > bestCov) {
        best = r;
        bestCov = c;
      }
    }
    return { gold, predecessors, result: bestCov >= 0.6 ? best : null };
  });
}
