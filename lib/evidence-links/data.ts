import "server-only";
import { db } from "@/lib/db";
import { getPairing } from "@/lib/pairing/data";
import type { Suggestion } from "@/lib/evidence/suggest-evidence";
import { compareNumbers } from "@/lib/evidence/compare-numbers";
import type { LinkedQuote } from "@/lib/evidence/suggest-for-pledges";
import { describeVerdict, type SuggestedVerdict } from "@/lib/evidence/suggest-verdict";
import { normalizeForSearch } from "@/lib/report/script";
import { assessStoredPledge } from "./suggestions";
import type { EvidenceDto, SuggestedVerdictDto } from "./schema";
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
    for (let i = folded.indexOf(t); i !== -1; i = folded.indexOf(t, i + 1))
      spans.push([i, i + t.length]);
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
    target: {
      value: number;
      valueMax: number | null;
      unit: string | null;
      comparator: string;
      growth: boolean;
    } | null;
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
  suggestions: (Pick<
    Suggestion,
    | "start"
    | "end"
    | "text"
    | "score"
    | "confidence"
    | "terms"
    | "comparison"
    | "level"
    | "probability"
  > & {
    linkedEvidenceId: string | null;
    /** Matched terms in the suggestion's text and in the pledge's text, as [start, end) ranges. */
    marks: [number, number][];
    pledgeMarks: [number, number][];
    weak: boolean;
  })[];
  /** The review appears silent on the pledge: no suggestion is better than weak (and none is linked). */
  silent: boolean;
  /** The verdict the evidence suggests; null without a paired review. */
  suggestedVerdict: SuggestedVerdictDto | null;
  evidence: EvidenceDto[];
};

/** A suggested verdict as the pages show it: the reason in both languages, the figures reported. */
export function toSuggestedVerdictDto(v: SuggestedVerdict): SuggestedVerdictDto {
  const g = v.grounds;
  return {
    status: v.status,
    confidence: v.confidence,
    grounds: g.kind,
    reason: { en: describeVerdict(v, "en"), zh: describeVerdict(v, "zh") },
    reportedValue: g.kind === "figures" ? g.figures.map((f) => f.reported).join("; ") : null,
  };
}

/** The evidence an analyst linked, offered to the verdict first (review spans and external quotes). */
function linkedQuotes(
  evidence: { quote: string; start: number | null; end: number | null }[],
): LinkedQuote[] {
  return evidence.map((e) => ({ text: e.quote, start: e.start ?? 0, end: e.end ?? 0 }));
}

type ReviewReport = {
  id: string;
  title: string;
  year: number | null;
  sourceText: string;
  updatedAt: Date;
  sections: { heading: string; start: number; end: number }[];
  base: number;
  end: number;
};

/**
 * The review report paired with `report` and the span of its review section(s); null when there is
 * none. The pairing as every screen sees it (lib/pairing): a pairing a reviewer cleared stays cleared.
 */
async function loadReview(report: {
  id: string;
}): Promise<(ReviewReport & { inferred: boolean }) | null> {
  const pairing = await getPairing(db, report.id);
  const pair = pairing?.review
    ? { id: pairing.review.id, inferred: pairing.source === "automatic" }
    : null;
  if (!pair) return null;
  const r = await db.report.findUnique({
    where: { id: pair.id },
    select: {
      id: true,
      title: true,
      year: true,
      sourceText: true,
      updatedAt: true,
      bodyStart: true,
      bodyEnd: true,
      sections: {
        where: { kind: "review", parentId: null },
        select: { heading: true, start: true, end: true },
        orderBy: { position: "asc" },
      },
    },
  });
  if (!r) return null;
  // The review section(s); a report without one offers its whole body.
  const sections = r.sections.length
    ? r.sections
    : [{ heading: r.title, start: r.bodyStart, end: r.bodyEnd || r.sourceText.length }];
  return {
    id: r.id,
    title: r.title,
    year: r.year,
    sourceText: r.sourceText,
    updatedAt: r.updatedAt,
    sections,
    inferred: pair.inferred,
    base: Math.min(...sections.map((s) => s.start)),
    end: Math.max(...sections.map((s) => s.end)),
  };
}

/**
 * The suggested verdict of each pledge of `reportId` named in `pledgeIds` (ids of other reports
 * find nothing), or of every quantitative pledge when `pledgeIds` is null: pledge id → suggestion,
 * or null when the report has no paired review; null when the report does not exist. For saving a
 * verdict with the suggestion it was written against, and for accepting suggestions in bulk.
 */
export async function getSuggestedVerdicts(
  reportId: string,
  pledgeIds: string[] | null,
): Promise<Map<string, SuggestedVerdictDto | null> | null> {
  const report = await db.report.findUnique({
    where: { id: reportId },
    select: {
      id: true,
      regionId: true,
      year: true,
      sourceText: true,
      sections: {
        where: { kind: "plan", parentId: null },
        select: { start: true, end: true },
        orderBy: { position: "asc" },
      },
    },
  });
  if (!report) return null;
  const out = new Map<string, SuggestedVerdictDto | null>();
  const pledges = await db.pledge.findMany({
    where: {
      reportId,
      ...(pledgeIds
        ? { id: { in: pledgeIds } }
        : { kind: "quantitative", tier: "trackable", excluded: false }),
    },
    select: {
      id: true,
      text: true,
      topic: true,
      targetValue: true,
      targetValueMax: true,
      targetUnit: true,
      targetComparator: true,
      targetGrowth: true,
      section: { select: { heading: true } },
      evidence: {
        select: { quote: true, start: true, end: true, sourceReportId: true },
        orderBy: { createdAt: "asc" },
      },
    },
    orderBy: [{ start: "asc" }, { end: "asc" }],
  });
  const review = await loadReview(report);
  const planRange = report.sections.length
    ? { start: report.sections[0].start, end: report.sections[report.sections.length - 1].end }
    : null;
  for (const p of pledges) {
    if (!review) {
      out.set(p.id, null);
      continue;
    }
    const res = assessStoredPledge(
      {
        id: review.id,
        updatedAt: review.updatedAt,
        sourceText: review.sourceText,
        reviewRange: { start: review.base, end: review.end },
      },
      { id: report.id, sourceText: report.sourceText, planRange },
      {
        text: p.text,
        section: [p.section?.heading, p.topic].filter(Boolean).join(" › "),
        target: toTargetDto(p),
      },
      { top: 3, linked: linkedQuotes(p.evidence) },
    );
    out.set(p.id, toSuggestedVerdictDto(res.suggestedVerdict));
  }
  return out;
}

/** Everything the linking workspace shows for one pledge of one report; null when not found. */
export async function getPledgeWorkspace(
  reportId: string,
  pledgeId: string,
): Promise<PledgeWorkspace | null> {
  const pledge = await db.pledge.findFirst({
    where: { id: pledgeId, reportId },
    select: {
      id: true,
      text: true,
      start: true,
      end: true,
      kind: true,
      topic: true,
      version: true,
      title: true,
      tier: true,
      tierReason: true,
      tierSource: true,
      excluded: true,
      targetValue: true,
      targetValueMax: true,
      targetUnit: true,
      targetComparator: true,
      targetGrowth: true,
      section: { select: { heading: true } },
      report: {
        select: {
          id: true,
          title: true,
          year: true,
          regionId: true,
          sourceText: true,
          region: { select: { name: true } },
          sections: {
            where: { kind: "plan", parentId: null },
            select: { start: true, end: true },
            orderBy: { position: "asc" },
          },
        },
      },
      evidence: {
        select: {
          id: true,
          kind: true,
          quote: true,
          start: true,
          end: true,
          sourceReportId: true,
          url: true,
          sourceDate: true,
          note: true,
          score: true,
          createdAt: true,
          createdBy: { select: { name: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!pledge) return null;
  const report = pledge.report;
  const siblings = await db.pledge.findMany({
    where: { reportId },
    select: { id: true },
    orderBy: [{ start: "asc" }, { end: "asc" }],
  });
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
  let silent = false;
  let suggestedVerdict: SuggestedVerdictDto | null = null;
  const r = await loadReview(report);
  if (r) {
    review = {
      reportId: r.id,
      title: r.title,
      year: r.year,
      inferred: r.inferred,
      sections: r.sections,
      text: r.sourceText.slice(r.base, r.end),
      base: r.base,
    };
    const planRange = report.sections.length
      ? { start: report.sections[0].start, end: report.sections[report.sections.length - 1].end }
      : null;
    const assessed = assessStoredPledge(
      {
        id: r.id,
        updatedAt: r.updatedAt,
        sourceText: r.sourceText,
        reviewRange: { start: r.base, end: r.end },
      },
      { id: report.id, sourceText: report.sourceText, planRange },
      {
        text: pledge.text,
        section: [pledge.section?.heading, pledge.topic].filter(Boolean).join(" › "),
        target,
      },
      { linked: linkedQuotes(pledge.evidence) },
    );
    silent = assessed.silent && evidence.length === 0;
    suggestedVerdict = toSuggestedVerdictDto(assessed.suggestedVerdict);
    suggestions = assessed.suggestions.map((s) => ({
      start: s.start,
      end: s.end,
      text: s.text,
      score: s.score,
      confidence: s.confidence,
      level: s.level,
      probability: s.probability,
      terms: s.terms,
      // A weak match is rarely about the same indicator: a verdict next to it would mislead.
      comparison: s.level === "weak" ? null : s.comparison,
      linkedEvidenceId:
        evidence.find((e) => e.sourceReportId === r.id && e.start === s.start && e.end === s.end)
          ?.id ?? null,
      marks: findTermSpans(s.text, s.terms),
      pledgeMarks: findTermSpans(pledge.text, s.terms),
      weak: s.level === "weak",
    }));
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
    silent,
    suggestedVerdict,
    evidence,
  };
}
