/**
 * Reader for the pledge-extraction gold file `pledge-gold.md` (format described at its top).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface GoldTarget {
  value: number;
  valueMax?: number;
  /** Unit in simplified characters, with magnitude ("万平方米", "%"). */
  unit: string;
}

export interface GoldExtractionPledge {
  /** Verbatim pledge text. */
  text: string;
  /** The `###` group it was listed under (human context only). */
  group: string;
  target: GoldTarget | null;
}

export interface GoldExtractionFile {
  /** File name in `seed/reports/seeds/`. */
  file: string;
  pledges: GoldExtractionPledge[];
}

/** Directory of the labelled reports, relative to the repository root. */
export const SEEDS_DIR = "seed/reports/seeds";

/** Parses the gold markdown; throws on a malformed line. */
export function readPledgeGold(markdown: string): GoldExtractionFile[] {
  const files: GoldExtractionFile[] = [];
  let cur: GoldExtractionFile | null = null;
  let group = "";
  for (const raw of markdown.split("\n")) {
    const line = raw.replace(/\s+$/, "");
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^## (\S+\.txt)$/))) {
      cur = { file: m[1], pledges: [] };
      files.push(cur);
      group = "";
    } else if (cur && (m = line.match(/^### (.+)$/))) {
      group = m[1];
    } else if (cur && line.startsWith("- ")) {
      const [text, tgt] = line.slice(2).split(" || ");
      if (!text || /\s/.test(text.replace(/\u3000/g, "")))
        throw new Error(`pledge-gold: bad pledge line: ${line}`);
      let target: GoldTarget | null = null;
      if (tgt !== undefined) {
        const t = tgt.match(/^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))? (\S+)$/);
        if (!t) throw new Error(`pledge-gold: bad target in: ${line}`);
        target = { value: parseFloat(t[1]), unit: t[3] };
        if (t[2]) target.valueMax = parseFloat(t[2]);
      }
      cur.pledges.push({ text, group, target });
    } else if (cur && line.trim() !== "") {
      throw new Error(`pledge-gold: unexpected line in ${cur.file}: ${line}`);
    }
  }
  return files;
}

/** Loads and parses `lib/report/__eval__/pledge-gold.md`. */
export function loadPledgeGold(): GoldExtractionFile[] {
  return readPledgeGold(readFileSync(path.join(__dirname, "pledge-gold.md"), "utf8"));
}
