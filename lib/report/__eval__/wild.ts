/**
 * The wild-corpus harness (`npm run eval:wild`, and `wild.test.ts`): how the parser holds up on
 * the 41 real reports of `../shared/corpus/wild/` that it was not written against. Per file: the
 * sections found, the detected metadata against `expected.tsv`, the items extracted, the share of
 * plan characters inside an item, the longest stretch of plan prose with nothing extracted, and
 * doubled items (the same text extracted twice).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { decodeReport } from "../decode";
import { parseReport } from "../parse-report";
import type { ParsedReport } from "../types";

/** The shared corpus folder (beside the checkout), or DUIXIAN_CORPUS_DIR. */
export function corpusDir(): string {
  return process.env.DUIXIAN_CORPUS_DIR ?? path.resolve(__dirname, "../../../../shared/corpus");
}

export const WILD_DIR = () => path.join(corpusDir(), "wild");

export type Expected = { file: string; region: string; level: string; year: number };

/** `wild/expected.tsv`: file, region, level, year (and a note). */
export function readExpected(): Expected[] {
  const lines = readFileSync(path.join(WILD_DIR(), "expected.tsv"), "utf8")
    .trim()
    .split("\n")
    .slice(1);
  return lines.map((l) => {
    const [file, region, level, year] = l.split("\t");
    return { file, region, level, year: Number(year) };
  });
}

export function wildCorpusAvailable(): boolean {
  return existsSync(path.join(WILD_DIR(), "expected.tsv"));
}

/** Decoded text of a corpus file (path relative to the corpus folder, e.g. `wild/hebei_2009.txt`). */
export function readCorpusText(rel: string): string {
  const abs = path.join(corpusDir(), rel);
  return decodeReport(readFileSync(abs), path.basename(abs)).text;
}

export type WildResult = {
  file: string;
  error: string | null;
  review: boolean;
  plan: boolean;
  planHeadings: string[];
  region: { got: string | null; want: string; ok: boolean };
  level: { got: string | null; want: string; ok: boolean };
  year: { got: number | null; want: number; ok: boolean };
  deliveredOn: string | null;
  speaker: string | null;
  items: number;
  /** Han characters of the plan sections, and the share of them inside an extracted item. */
  planChars: number;
  covered: number;
  /** The longest run of plan Han characters that no item covers, and where it starts. */
  longestGap: number;
  longestGapAt: string;
  /** Han characters of plan paragraphs the parser left out as framing (not counted in planChars). */
  framingChars: number;
  /** Items extracted twice from the same passage (see measureParse). */
  doubles: number;
  /** Whether the parser recognised a body that the file holds twice. */
  duplicateBody: boolean;
};

const HAN = /\p{Script=Han}/u;

/** Compares a detected region with the true one: equal, or the true one with its parent prefix left off / added. */
export function sameRegion(got: string | null, want: string): boolean {
  if (!got) return false;
  return got === want || got.endsWith(want) || want.endsWith(got);
}

/** The measurements of one parsed report (see WildResult). */
export function measureParse(
  text: string,
  parsed: ParsedReport,
): Pick<
  WildResult,
  "planChars" | "covered" | "longestGap" | "longestGapAt" | "doubles" | "items" | "framingChars"
> {
  const inPlan = new Uint8Array(text.length);
  for (const s of parsed.sections) {
    if (s.kind !== "plan" && s.kind !== "list") continue;
    // Headings are not prose to extract from.
    for (let i = s.headingEnd; i < s.end; i++) inPlan[i] = 1;
    for (const sub of s.subsections)
      for (let i = sub.headingStart; i < sub.headingEnd; i++) inPlan[i] = 0;
  }
  // Framing the parser says it left out (guiding ideology, the reasons for the targets) is not prose
  // to extract from either; it is counted apart so that a reader can check it.
  let framingChars = 0;
  for (const f of parsed.framing)
    for (let i = f.start; i < f.end; i++)
      if (inPlan[i]) {
        inPlan[i] = 0;
        if (HAN.test(text[i])) framingChars++;
      }
  const covered = new Uint8Array(text.length);
  for (const p of parsed.pledges) for (let i = p.start; i < p.end; i++) covered[i] = 1;
  let planChars = 0;
  let coveredChars = 0;
  let run = 0;
  let runStart = 0;
  let longest = 0;
  let longestAt = 0;
  for (let i = 0; i < text.length; i++) {
    if (!inPlan[i] || !HAN.test(text[i])) continue;
    planChars++;
    if (covered[i]) {
      coveredChars++;
      run = 0;
    } else {
      if (run === 0) runStart = i;
      run++;
      if (run > longest) {
        longest = run;
        longestAt = runStart;
      }
    }
  }
  // A doubled item: the same text extracted twice from the same passage (40 characters of context
  // on each side identical too), as a body that the file holds twice would give. A phrase the report
  // itself repeats in another place (推进依法治省 in the five-year plan and in this year's tasks) is not one.
  const seen = new Set<string>();
  let doubles = 0;
  for (const p of parsed.pledges) {
    const key = text.slice(Math.max(0, p.start - 40), p.end + 40);
    if (seen.has(key)) doubles++;
    seen.add(key);
  }
  return {
    items: parsed.pledges.length,
    planChars,
    covered: planChars ? coveredChars / planChars : 0,
    longestGap: longest,
    longestGapAt: text.slice(longestAt, longestAt + 30).replace(/\s+/g, " "),
    doubles,
    framingChars,
  };
}

/** Parses one wild file and measures it against its expected metadata. */
export function evaluateWildFile(e: Expected): WildResult {
  const text = readCorpusText(path.join("wild", e.file));
  const base: WildResult = {
    file: e.file,
    error: null,
    review: false,
    plan: false,
    planHeadings: [],
    region: { got: null, want: e.region, ok: false },
    level: { got: null, want: e.level, ok: false },
    year: { got: null, want: e.year, ok: false },
    deliveredOn: null,
    speaker: null,
    items: 0,
    planChars: 0,
    covered: 0,
    longestGap: 0,
    longestGapAt: "",
    doubles: 0,
    framingChars: 0,
    duplicateBody: false,
  };
  let parsed: ParsedReport;
  try {
    parsed = parseReport(text);
  } catch (err) {
    return { ...base, error: (err as Error).message };
  }
  const m = parsed.meta;
  return {
    ...base,
    review: parsed.sections.some((s) => s.kind === "review"),
    plan: parsed.sections.some((s) => s.kind === "plan"),
    planHeadings: parsed.sections.filter((s) => s.kind === "plan").map((s) => s.heading),
    region: { got: m.region, want: e.region, ok: sameRegion(m.region, e.region) },
    level: { got: m.level, want: e.level, ok: m.level === e.level },
    year: { got: m.year, want: e.year, ok: m.year === e.year },
    deliveredOn: m.deliveredOn,
    speaker: m.speaker,
    duplicateBody: parsed.duplicateOf !== null,
    ...measureParse(text, parsed),
  };
}

/** Every wild file, in name order. */
export function evaluateWildCorpus(): WildResult[] {
  const expected = new Map(readExpected().map((e) => [e.file, e]));
  const files = readdirSync(WILD_DIR())
    .filter((f) => f.endsWith(".txt"))
    .sort();
  return files.map((f) => {
    const e = expected.get(f);
    if (!e) throw new Error(`wild/${f} has no line in expected.tsv`);
    return evaluateWildFile(e);
  });
}

/** The bar of issue 13: what makes a wild file "whole". */
export const MAX_GAP = 400;

/** Why a result falls short of the bar (empty when it parses whole). */
export function wildProblems(r: WildResult): string[] {
  if (r.error) return [`refused: ${r.error}`];
  const out: string[] = [];
  if (!r.review) out.push("no review");
  if (!r.plan) out.push("no plan");
  if (!r.region.ok) out.push(`region ${r.region.got} ≠ ${r.region.want}`);
  if (!r.year.ok) out.push(`year ${r.year.got} ≠ ${r.year.want}`);
  if (r.doubles > 0) out.push(`${r.doubles} doubled items`);
  if (r.longestGap >= MAX_GAP)
    out.push(`${r.longestGap} plan characters with nothing extracted from “${r.longestGapAt}”`);
  return out;
}
