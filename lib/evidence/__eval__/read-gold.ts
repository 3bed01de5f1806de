/**
 * Reader for the hand-labelled gold file `hailar-gold.md` (format described at its top) and a
 * small, deliberately simple section locator for the Hailar reports, so that the ranking-only
 * evaluation does not depend on the parser.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export type GoldKind = "quantitative" | "project" | "policy";

/** A hand verdict, judged from the quotes as an analyst would (the app's assessment statuses minus `in_progress`). */
import { isPledgeKind, isVerdictStatus, type VerdictStatus } from "@/lib/vocabulary";
export type GoldVerdict = VerdictStatus;

export interface GoldPledge {
  id: string;
  section: string;
  kind: GoldKind;
  /** Verbatim pledge text from the plan file. */
  pledge: string;
  /** T (trackable) or D (direction), where the gold labels it (hebei-gold.md). */
  tier?: "T" | "D";
  /** Acceptable evidence quotes (verbatim from the review file); null when the review is silent. */
  evidence: string[] | null;
  note?: string;
  /** The hand verdict; `not_verifiable` whenever the review is silent. */
  verdict: GoldVerdict;
}

export interface GoldPair {
  planFile: string;
  reviewFile: string;
  pledges: GoldPledge[];
}

export interface Span {
  start: number;
  end: number;
}

/** Directory of the Hailar reports, relative to the repository root. */
export const HAILAR_DIR = "seed/reports/hailar";

/** Parses the gold markdown into pairs of pledges; throws on a malformed block. */
export function readGold(markdown: string): GoldPair[] {
  const pairs: GoldPair[] = [];
  let pair: GoldPair | null = null;
  let pledge: Partial<GoldPledge> | null = null;
  let inEvidence = false;
  const finish = () => {
    if (!pledge) return;
    if (!pair) throw new Error(`gold: pledge ${pledge.id} outside a pair`);
    if (!pledge.pledge || !pledge.kind || pledge.evidence === undefined || !pledge.verdict) {
      throw new Error(`gold: pledge ${pledge.id} is incomplete`);
    }
    if (pledge.evidence && pledge.evidence.length === 0)
      throw new Error(`gold: pledge ${pledge.id} has empty evidence`);
    if (pledge.evidence === null && pledge.verdict !== "not_verifiable")
      throw new Error(`gold: silent pledge ${pledge.id} must be not_verifiable`);
    pair.pledges.push(pledge as GoldPledge);
    pledge = null;
  };
  for (const raw of markdown.split("\n")) {
    const line = raw.replace(/\s+$/, "");
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^## (\S+) → (\S+)$/))) {
      finish();
      pair = { planFile: m[1], reviewFile: m[2], pledges: [] };
      pairs.push(pair);
      inEvidence = false;
    } else if ((m = line.match(/^### (\S+)$/))) {
      finish();
      pledge = { id: m[1], section: "" };
      inEvidence = false;
    } else if (
      pledge &&
      (m = line.match(/^- (section|kind|tier|pledge|evidence|note|verdict):\s?(.*)$/))
    ) {
      const [, key, value] = m;
      inEvidence = false;
      if (key === "section") pledge.section = value;
      else if (key === "tier") {
        if (value !== "T" && value !== "D") throw new Error(`gold: ${pledge.id} bad tier ${value}`);
        pledge.tier = value;
      } else if (key === "kind") {
        if (!isPledgeKind(value)) throw new Error(`gold: ${pledge.id} bad kind ${value}`);
        pledge.kind = value as GoldKind;
      } else if (key === "pledge") pledge.pledge = value;
      else if (key === "note") pledge.note = value;
      else if (key === "verdict") {
        if (!isVerdictStatus(value)) throw new Error(`gold: ${pledge.id} bad verdict ${value}`);
        pledge.verdict = value;
      } else if (value === "none") pledge.evidence = null;
      else if (value === "") {
        pledge.evidence = [];
        inEvidence = true;
      } else throw new Error(`gold: ${pledge.id} evidence must be "none" or a list`);
    } else if (pledge && inEvidence && (m = line.match(/^ {2}- (.+)$/))) {
      pledge.evidence!.push(m[1]);
    } else if (pledge && line.trim() !== "") {
      throw new Error(`gold: unexpected line in ${pledge.id}: ${line}`);
    }
  }
  finish();
  return pairs;
}

/** Loads and parses `lib/evidence/__eval__/hailar-gold.md`. */
export function loadGold(): GoldPair[] {
  return readGold(readFileSync(path.join(__dirname, "hailar-gold.md"), "utf8"));
}

/** Loads and parses `lib/evidence/__eval__/hebei-gold.md` (two 河北 pairs of different eras; files under the corpus's wild/). */
export function loadHebeiGold(): GoldPair[] {
  return readGold(readFileSync(path.join(__dirname, "hebei-gold.md"), "utf8"));
}

/** Reads a Hailar report (UTF-8) by file name. */
export function readHailar(file: string, root = path.resolve(__dirname, "../../..")): string {
  return readFileSync(path.join(root, HAILAR_DIR, file), "utf8");
}

const TOP_HEADING = /^[\s　]*[一二三四五六七八九十]+、/;

function topHeadings(text: string): { start: number; line: string }[] {
  const out: { start: number; line: string }[] = [];
  let pos = 0;
  for (const line of text.split("\n")) {
    if (TOP_HEADING.test(line) && line.trim().length < 60) out.push({ start: pos, line });
    pos += line.length + 1;
  }
  return out;
}

/** Finds the review section (first top-level heading containing 回顾) of a Hailar report. */
export function locateReview(text: string): Span {
  const hs = topHeadings(text);
  const i = hs.findIndex((h) => /回顾|回顧/.test(h.line));
  if (i < 0) throw new Error("no review heading");
  return { start: hs[i].start, end: i + 1 < hs.length ? hs[i + 1].start : text.length };
}

/** Finds the annual plan section (top-level heading with 工作安排 or 目标任务) of a Hailar report, to the end of text. */
export function locatePlan(text: string): Span {
  const hs = topHeadings(text);
  const i = hs.findIndex((h) => /工作安排|目标任务/.test(h.line));
  if (i < 0) throw new Error("no plan heading");
  return { start: hs[i].start, end: text.length };
}

/** Span of the first occurrence of `quote` inside `range` of `text`, or null. */
export function findQuote(text: string, quote: string, range: Span): Span | null {
  const at = text.indexOf(quote, range.start);
  if (at < 0 || at + quote.length > range.end) return null;
  return { start: at, end: at + quote.length };
}
