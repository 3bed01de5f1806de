/**
 * parseReport: decoded report text → metadata, section tree, blocks and pledges, every
 * span an exact range of the input text. toParseJson: the stable JSON shape printed by
 * `cli parse`.
 */
import { withParseBudget, type ParseBudget } from "./budget";
import { findBodyRange, findDuplicateBody } from "./clean";
import { ReportInputError } from "./errors";
import { countReportChars, REPORT_LIMITS, type ReportLimits } from "./limits";
import { extractMetadata } from "./metadata";
import { splitParagraphs } from "./paragraphs";
import { extractPledges } from "./pledges";
import { detectScript, normalizeForParse } from "./script";
import { buildStructure, describeParagraph } from "./sections";
import type { ParsedReport, Span, Target } from "./types";

export type { ParsedReport } from "./types";
export type { ParseBudget } from "./budget";

/**
 * Options of one parse: a time budget (deadline, signal) and, for benchmarks and tests that measure
 * how the parser scales past them, caps other than REPORT_LIMITS. Imports use the defaults.
 */
export type ParseOptions = ParseBudget & { limits?: Partial<ReportLimits> };

const REPORT_SIGNALS =
  /(各位代表|政府工作报告|工作报告|向大会报告|人民代表大会|代表.{1,12}(政府|常委会).{0,6}报告工作|请予审议)/;

/**
 * Parse a decoded report. Throws ReportInputError NOT_A_REPORT for text that is not a work
 * report (no review/plan headings and no report signals) and NO_PLAN for a report whose plan
 * cannot be found; TOO_LONG, TOO_MANY_SECTIONS or TOO_MANY_PLEDGES past the caps (limits.ts, or
 * `options.limits`); TIMEOUT or ABORTED when the deadline or signal of `options` ends the work
 * (checked at once and then throughout). Time is linear in the length of the text. Every pledge
 * satisfies text === text.slice(start, end).
 */
export function parseReport(text: string, options: ParseOptions = {}): ParsedReport {
  const limits: ReportLimits = { ...REPORT_LIMITS, ...options.limits };
  const chars = countReportChars(text);
  if (chars > limits.maxChars) {
    throw new ReportInputError(
      "TOO_LONG",
      `The text has ${chars.toLocaleString("en")} characters besides whitespace; a report may have at most ${limits.maxChars.toLocaleString("en")}.`,
    );
  }
  return withParseBudget(options, () => parseWithinBudget(text, limits));
}

/** Number of section rows a report is stored as: sections, subsections, topics and blocks. */
function sectionRows(structure: {
  sections: ParsedReport["sections"];
  blocks: ParsedReport["blocks"];
}): number {
  let rows = structure.sections.length + structure.blocks.length;
  for (const s of structure.sections) {
    rows += s.subsections.length;
    for (const sub of s.subsections) rows += sub.topics.length;
  }
  return rows;
}

function parseWithinBudget(text: string, limits: ReportLimits): ParsedReport {
  const script = detectScript(text);
  const a = normalizeForParse(text, script);
  const whole = findBodyRange(a);
  // A page saved with its body twice: parse the first copy only.
  const dup = findDuplicateBody(a, whole);
  const body = dup ? { start: whole.start, end: dup.firstEnd } : whole;
  const paragraphs = splitParagraphs(a, body.start, body.end).map((p) => describeParagraph(a, p));
  const structure = buildStructure(text, a, body, paragraphs);
  const rows = sectionRows(structure);
  if (rows > limits.maxSections) {
    throw new ReportInputError(
      "TOO_MANY_SECTIONS",
      `The text has ${rows.toLocaleString("en")} sections and headings; a report may have at most ${limits.maxSections.toLocaleString("en")}.`,
    );
  }
  const hasSignals = REPORT_SIGNALS.test(
    a.slice(body.start, Math.min(body.end, body.start + 3000)),
  );
  const hasPlan = structure.sections.some((s) => s.kind === "plan");
  if (!structure.sections.length && !hasSignals) {
    throw new ReportInputError(
      "NOT_A_REPORT",
      "This text does not look like a government work report (no review or plan section found).",
    );
  }
  if (!hasPlan) {
    if (!hasSignals && !structure.sections.some((s) => s.kind === "review")) {
      throw new ReportInputError(
        "NOT_A_REPORT",
        "This text does not look like a government work report (no review or plan section found).",
      );
    }
    throw new ReportInputError(
      "NO_PLAN",
      "No plan section (e.g. 二、2020年工作安排) was found in this report.",
    );
  }
  const meta = extractMetadata(text, a, body, structure.sections, script);
  const framing: Span[] = [];
  const pledges = extractPledges(text, a, structure, framing, limits.maxPledges);
  return {
    meta,
    planScope: structure.planScope,
    framing,
    body,
    duplicateOf: dup ? dup.second : null,
    sections: structure.sections,
    blocks: structure.blocks,
    pledges,
  };
}

export type ParseJsonTarget = {
  value: number;
  unit: string;
  comparator: Target["comparator"];
  growth: boolean;
  valueMax?: number;
};

export type ParseJson = {
  meta: {
    region: string | null;
    level: string | null;
    year: number | null;
    deliveredOn: string | null;
    speaker: string | null;
    script: "simplified" | "traditional";
    /** "five-year" when the report has no plan for its year and its five-year tasks are extracted instead. */
    planScope: "annual" | "five-year";
  };
  sections: {
    kind: "review" | "plan" | "targets" | "list" | "other";
    heading: string;
    start: number;
    end: number;
  }[];
  pledges: {
    id: string;
    text: string;
    start: number;
    end: number;
    section: string;
    topic: string | null;
    kind: "quantitative" | "project" | "policy";
    target: ParseJsonTarget | null;
    /** trackable: next year's review can confirm or refute it; direction: a commitment with no checkable outcome. */
    tier: "trackable" | "direction";
    tierReason: "target" | "count" | "project" | "date" | "reform" | null;
  }[];
};

/**
 * The JSON shape of `cli parse`: meta, the top-level sections (review, plan incl. sections
 * continuing it, five-year/appendix as "other", lists) plus headline-target and list blocks
 * sorted by start, and the pledges. Targets keep value/unit/comparator/growth (+ valueMax).
 */
export function toParseJson(p: ParsedReport): ParseJson {
  const sections: ParseJson["sections"] = [];
  for (const s of p.sections) {
    const kind = s.kind === "review" || s.kind === "plan" || s.kind === "list" ? s.kind : "other";
    sections.push({ kind, heading: s.heading, start: s.start, end: s.end });
  }
  for (const b of p.blocks) {
    if (b.kind === "list" && p.sections.some((s) => s.kind === "list" && s.start === b.start))
      continue;
    sections.push({ kind: b.kind, heading: b.heading, start: b.start, end: b.end });
  }
  sections.sort((x, y) => x.start - y.start || y.end - x.end);
  return {
    meta: {
      region: p.meta.region,
      level: p.meta.level,
      year: p.meta.year,
      deliveredOn: p.meta.deliveredOn,
      speaker: p.meta.speaker,
      script: p.meta.script,
      planScope: p.planScope,
    },
    sections,
    pledges: p.pledges.map((x) => ({
      id: x.id,
      text: x.text,
      start: x.start,
      end: x.end,
      section: x.section,
      topic: x.topic,
      kind: x.kind,
      target: x.target
        ? {
            value: x.target.value,
            unit: x.target.unit,
            comparator: x.target.comparator,
            growth: x.target.growth,
            ...(x.target.valueMax !== undefined ? { valueMax: x.target.valueMax } : {}),
          }
        : null,
      tier: x.tier,
      tierReason: x.tierReason,
    })),
  };
}
