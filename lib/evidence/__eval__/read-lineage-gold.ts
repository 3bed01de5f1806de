/**
 * Reader for the hand-labelled lineage gold `lineage-gold.md` (format described at its top): pledges
 * of a later plan with the pledge(s) of the earlier plan they repeat, or none. Also where each data
 * set's plan sections are, so that tests and the eval find the quotes where an analyst read them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseReport } from "../../report/parse-report";
import { readCorpusText } from "../../report/__eval__/wild";
import { locatePlan, readHailar, type Span } from "./read-gold";

export type LineageKind = "indicator" | "project" | "programme" | "reform";
const KINDS: readonly LineageKind[] = ["indicator", "project", "programme", "reform"];

export interface LineageGoldPledge {
  id: string;
  kind: LineageKind;
  /** Verbatim text of the later plan. */
  pledge: string;
  /** Acceptable predecessors, verbatim from the earlier plan; null: the pledge is new. */
  predecessors: string[] | null;
  note?: string;
}

export interface LineageGoldPair {
  /** The plan of year N (file name; 河北 files are under the corpus's wild/). */
  earlierFile: string;
  /** The plan of year N+1, whose pledges are labelled. */
  laterFile: string;
  pledges: LineageGoldPledge[];
}

/** Parses the lineage gold markdown; throws on a malformed block. */
export function readLineageGold(markdown: string): LineageGoldPair[] {
  const pairs: LineageGoldPair[] = [];
  let pair: LineageGoldPair | null = null;
  let pledge: Partial<LineageGoldPledge> | null = null;
  let inList = false;
  const finish = () => {
    if (!pledge) return;
    if (!pair) throw new Error(`lineage gold: pledge ${pledge.id} outside a pair`);
    if (!pledge.pledge || !pledge.kind || pledge.predecessors === undefined)
      throw new Error(`lineage gold: pledge ${pledge.id} is incomplete`);
    if (pledge.predecessors && pledge.predecessors.length === 0)
      throw new Error(`lineage gold: pledge ${pledge.id} has an empty predecessor list`);
    pair.pledges.push(pledge as LineageGoldPledge);
    pledge = null;
  };
  for (const raw of markdown.split("\n")) {
    const line = raw.replace(/\s+$/, "");
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^## (\S+) → (\S+)$/))) {
      finish();
      pair = { earlierFile: m[1], laterFile: m[2], pledges: [] };
      pairs.push(pair);
      inList = false;
    } else if ((m = line.match(/^### (\S+)$/))) {
      finish();
      pledge = { id: m[1] };
      inList = false;
    } else if (pledge && (m = line.match(/^- (kind|pledge|predecessor|note):\s?(.*)$/))) {
      const [, key, value] = m;
      inList = false;
      if (key === "kind") {
        if (!KINDS.includes(value as LineageKind))
          throw new Error(`lineage gold: ${pledge.id} bad kind ${value}`);
        pledge.kind = value as LineageKind;
      } else if (key === "pledge") pledge.pledge = value;
      else if (key === "note") pledge.note = value;
      else if (value === "none") pledge.predecessors = null;
      else if (value === "") {
        pledge.predecessors = [];
        inList = true;
      } else throw new Error(`lineage gold: ${pledge.id} predecessor must be "none" or a list`);
    } else if (pledge && inList && (m = line.match(/^ {2}- (.+)$/))) {
      pledge.predecessors!.push(m[1]);
    } else if (pledge && line.trim() !== "") {
      throw new Error(`lineage gold: unexpected line in ${pledge.id}: ${line}`);
    }
  }
  finish();
  return pairs;
}

/** Loads and parses `lib/evidence/__eval__/lineage-gold.md`. */
export function loadLineageGold(): LineageGoldPair[] {
  return readLineageGold(readFileSync(path.join(__dirname, "lineage-gold.md"), "utf8"));
}

/** A Hailar file (seed/reports/hailar/) or a 河北 one (the corpus's wild/). */
export function isHailarFile(file: string): boolean {
  return file.startsWith("hailar_");
}

/** The decoded text of a gold file. */
export function readLineageFile(file: string): string {
  return isHailarFile(file) ? readHailar(file) : readCorpusText(`wild/${file}`);
}

/**
 * The plan section(s) of a gold file, where its quotes must stand: Hailar by the simple heading
 * locator of read-gold.ts (independent of the parser); 河北 from the first to the last plan
 * section the parser finds (the five-year outlook of 2023 is not the year's plan).
 */
export function lineagePlanSpan(file: string, text: string): Span {
  if (isHailarFile(file)) return locatePlan(text);
  const plans = parseReport(text).sections.filter((s) => s.kind === "plan");
  if (!plans.length) throw new Error(`no plan section in ${file}`);
  return { start: plans[0].start, end: plans[plans.length - 1].end };
}
