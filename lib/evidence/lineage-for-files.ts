/**
 * Lineage of two plan files: the CLI's `lineage PLAN_N PLAN_N1` parses both reports with
 * lib/report and matches the later plan's pledges against the earlier plan's (match-plans.ts).
 */
import { parseReport } from "../report/parse-report";
import type { ParsedReport } from "../report/types";
import {
  matchPlans,
  type LineagePledge,
  type LineageSignals,
  type PledgeLineage,
} from "./match-plans";

/** The plan's pledges of a parsed report, with their subsection › topic as context. */
export function toLineagePledges(parsed: ParsedReport): LineagePledge[] {
  return parsed.pledges.map((p) => ({
    id: p.id,
    text: p.text,
    start: p.start,
    end: p.end,
    section: [p.section, p.topic].filter(Boolean).join(" › "),
    target: p.target,
  }));
}

/**
 * Parses both decoded reports and matches every pledge of `laterText`'s plan against the pledges
 * of `earlierText`'s plan. Offsets are into each text as given.
 */
export function lineageForPair(
  earlierText: string,
  laterText: string,
  options: { top?: number } = {},
): PledgeLineage[] {
  const earlier = parseReport(earlierText);
  const later = parseReport(laterText);
  return matchPlans(
    toLineagePledges(later),
    [{ id: "earlier", year: earlier.meta.year, pledges: toLineagePledges(earlier) }],
    options,
  );
}

/** JSON of `cli lineage`: offsets into each file's decoded text; candidates best first. */
export interface LineageJson {
  pledges: {
    id: string;
    text: string;
    start: number;
    end: number;
    /** The predecessor in the earlier plan, or null: a new pledge. */
    predecessor: {
      id: string;
      text: string;
      start: number;
      end: number;
      score: number;
      terms: string[];
    } | null;
    candidates: {
      id: string;
      text: string;
      start: number;
      end: number;
      score: number;
      terms: string[];
      signals: LineageSignals;
    }[];
  }[];
}

/** Shapes lineage as the `cli lineage` JSON. */
export function toLineageJson(result: PledgeLineage[]): LineageJson {
  return {
    pledges: result.map(({ pledge, candidates, predecessor }) => ({
      id: pledge.id,
      text: pledge.text,
      start: pledge.start,
      end: pledge.end,
      predecessor: predecessor
        ? {
            id: predecessor.pledgeId,
            text: predecessor.text,
            start: predecessor.start,
            end: predecessor.end,
            score: predecessor.score,
            terms: predecessor.terms,
          }
        : null,
      candidates: candidates.map((c) => ({
        id: c.pledgeId,
        text: c.text,
        start: c.start,
        end: c.end,
        score: c.score,
        terms: c.terms,
        signals: c.signals,
      })),
    })),
  };
}
