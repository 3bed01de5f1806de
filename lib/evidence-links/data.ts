import "server-only";
import { db } from "@/lib/db";
import { getPairing } from "@/lib/pairing/data";
import { CONFIDENCE_THRESHOLD, type Suggestion } from "@/lib/evidence/suggest-evidence";
import { compareNumbers } from "@/lib/evidence/compare-numbers";
import { normalizeForSearch } from "@/lib/report/script";
import { suggestForStoredPledge } from "./suggestions";
import type { EvidenceDto } from "./schema";
import { toTargetDto } from "@/lib/pledges/target";

/**
 * Where the matched terms occur in a text, compared in simplified characters (the normalisation
 * keeps offsets), merged into sorted, non-overlapping [start, end) ranges for highlighting.
 */
export function findTermSpans(text: string, terms: string[]): [number, number][] {
  const folded = normalizeForSearch(text);
  const spans: [number, number][] = [];
  for (const term of terms) {
    const t = normalizeForSearch(term);
    if (!t) continue;
    for (let i = folded.indexOf(t); i !== -1; i = folded.indexOf(t, i + 1)) spans.push([i, i + t.length]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1]);
    else merged.push([sp[0], sp[1]]);
  }
  return merged;
}

export type PledgeWorkspace = {
  report: { id: string; title: string; year: number | null; region: string };
  pledge: {
    id: string;
    text: string;
    start: number;
    end: number;
    kind: string;
    section: string | null;
    topic: string | null;
    target: { value: number; valueMax: number | null; unit: string | null; comparator: string; growth: boolean } | null;
    version: number;
    /** An analyst's short title, shown above the source text. */
    title: string | null;
    tier: string;
    tierReason: string | null;
    tierSource: string;
    excluded: boolean;
  };
  /** Plan text just around the pledge, for context. */
  context: { before: string; after: string };
  /** Position among the report's pledges (by start), with neighbours for j/k navigation. */
  position: { index: number; total: number; prevId: string | null; nextId: string | null };
  review: {
    reportId: string;
    title: string;
    year: number | null;
    /** Paired automatically (region and year), not by a reviewer. */
    inferred: boolean;
    /** The review section(s) of the next report: text and where it starts in that report's source. */
    sections: { heading: string; start: number; end: number }[];
    text: string;
    base: number;
  } | null;
  suggestions: (Pick<Suggestion, "start" | "end" | "text" | "score" | "confidence" | "terms" | "comparison"> & {
    linkedEvidenceId: string | null;
    /** Matched terms in the suggestion's text and in the pledge's text, as [start, end) ranges. */
    marks: [number, number][];
    pledgeMarks: [number, number][];
    weak: boolean;
  })[];
  evidence: EvidenceDto[];
};

/** Everything the linking workspace shows for one pledge of one report; null when not found. */
export async function getPledgeWorkspace(reportId: string, pledgeId: string): Promise<PledgeWorkspace | null> {
  const pledge = await db.pledge.findFirst({
    where: { id: pledgeId, reportId },
    select: {
      id: true, text: true, start: true, end: true, kind: true, topic: true, version: true,
      title: true, tier: true, tierReason: true, tierSource: true, excluded: true,
      targetValue: true, targetValueMax: true, targetUnit: true, targetComparator: true, targetGrowth: true,
      section: { select: { heading: true } },
      report: {
        select: {
          id: true, title: true, year: true, regionId: true, sourceText: true,
          region: { select: { name: true } },
          sections: { where: { kind: "plan", parentId: null }, select: { start: true, end: true }, orderBy: { position: "asc" } },
        },
      },
      evidence: {
        select: { id: true, kind: true, quote: true, start: true, end: true, sourceReportId: true, url: true, sourceDate: true, note: true, score: true, createdAt: true, createdBy: { select: { name: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!pledge) return null;
  const report = pledge.report;
  const siblings = await db.pledge.findMany({ where: { reportId }, select: { id: true }, orderBy: [{ start: "asc" }, { end: "asc" }] });
  const index = siblings.findIndex((s) => s.id === pledge.id);

  const target = toTargetDto(pledge);
  const evidence: EvidenceDto[] = pledge.evidence.map((e) => ({
    id: e.id,
    kind: e.kind === "external" ? "external" : "review",
    quote: e.quote,
    start: e.start,
    end: e.end,
    sourceReportId: e.sourceReportId,
    url: e.url,
    sourceDate: e.sourceDate,
    note: e.note,
    score: e.score,
    createdBy: e.createdBy?.name ?? null,
    createdAt: e.createdAt.toISOString(),
    comparison: target ? compareNumbers(target, e.quote, pledge.text) : null,
  }));

  let review: PledgeWorkspace["review"] = null;
  let suggestions: PledgeWorkspace["suggestions"] = [];
  // The pairing as every screen sees it (lib/pairing): a pairing a reviewer cleared stays cleared here.
  const pairing = await getPairing(db, report.id);
  const pair = pairing?.review ?? null;
  if (pair) {
    const r = await db.report.findUnique({
      where: { id: pair.id },
      select: {
        id: true, title: true, year: true, sourceText: true, updatedAt: true, bodyStart: true, bodyEnd: true,
        sections: { where: { kind: "review", parentId: null }, select: { heading: true, start: true, end: true }, orderBy: { position: "asc" } },
      },
    });
    if (r) {
      // The review section(s); a report without one offers its whole body.
      const sections = r.sections.length ? r.sections : [{ heading: r.title, start: r.bodyStart, end: r.bodyEnd || r.sourceText.length }];
      const base = Math.min(...sections.map((s) => s.start));
      const end = Math.max(...sections.map((s) => s.end));
      review = { reportId: r.id, title: r.title, year: r.year, inferred: pairing?.source === "automatic", sections, text: r.sourceText.slice(base, end), base };
      const planRange = report.sections.length ? { start: report.sections[0].start, end: report.sections[report.sections.length - 1].end } : null;
      const ranked = suggestForStoredPledge(
        { id: r.id, updatedAt: r.updatedAt, sourceText: r.sourceText, reviewRange: { start: base, end } },
        { id: report.id, sourceText: report.sourceText, planRange },
        { text: pledge.text, section: [pledge.section?.heading, pledge.topic].filter(Boolean).join(" › "), target },
      );
      suggestions = ranked.map((s) => ({
        start: s.start,
        end: s.end,
        text: s.text,
        score: s.score,
        confidence: s.confidence,
        terms: s.terms,
        // A weak match is rarely about the same indicator: a verdict next to it would mislead.
        comparison: s.confidence < CONFIDENCE_THRESHOLD ? null : s.comparison,
        linkedEvidenceId: evidence.find((e) => e.sourceReportId === r.id && e.start === s.start && e.end === s.end)?.id ?? null,
        marks: findTermSpans(s.text, s.terms),
        pledgeMarks: findTermSpans(pledge.text, s.terms),
        weak: s.confidence < CONFIDENCE_THRESHOLD,
      }));
    }
  }

  return {
    report: { id: report.id, title: report.title, year: report.year, region: report.region.name },
    pledge: {
      id: pledge.id,
      text: pledge.text,
      start: pledge.start,
      end: pledge.end,
      kind: pledge.kind,
      section: pledge.section?.heading ?? null,
      topic: pledge.topic,
      target,
      version: pledge.version,
      title: pledge.title,
      tier: pledge.tier,
      tierReason: pledge.tierReason,
      tierSource: pledge.tierSource,
      excluded: pledge.excluded,
    },
    context: {
      before: report.sourceText.slice(Math.max(0, pledge.start - 80), pledge.start),
      after: report.sourceText.slice(pledge.end, pledge.end + 80),
    },
    position: {
      index,
      total: siblings.length,
      prevId: index > 0 ? siblings[index - 1].id : null,
      nextId: index >= 0 && index < siblings.length - 1 ? siblings[index + 1].id : null,
    },
    review,
    suggestions,
    evidence,
  };
}
