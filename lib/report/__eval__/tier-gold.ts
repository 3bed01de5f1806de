/**
 * Reader and scorer for the tiered, completely labelled gold `wild-gold.md` (format at its top):
 * every clause of chosen plan passages labelled T (trackable, with a reason), D (direction) or N
 * (not a pledge). Because whole passages are labelled, it measures precision as well as recall:
 * which extracted items are not pledges, and which are marked trackable wrongly.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Pledge } from "../types";
import type { GoldTarget } from "./gold";

export type Tier = "T" | "D" | "N";
export type TierReason = "target" | "count" | "project" | "date" | "reform";

export type TierLine = {
  tier: Tier;
  reason: TierReason | null;
  text: string;
  target: GoldTarget | null;
  start: number;
  end: number;
};
export type TierPassage = { heading: string; lines: TierLine[]; start: number; end: number };
export type TierFile = { file: string; passages: TierPassage[] };

/** Parses the markdown (positions are filled in by `locateTierGold`). Throws on a malformed line. */
export function readTierGold(
  markdown: string,
): { file: string; passages: { heading: string; lines: Omit<TierLine, "start" | "end">[] }[] }[] {
  const files: {
    file: string;
    passages: { heading: string; lines: Omit<TierLine, "start" | "end">[] }[];
  }[] = [];
  for (const raw of markdown.split("\n")) {
    const line = raw.replace(/\s+$/, "");
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^## (wild\/\S+\.txt)$/))) files.push({ file: m[1], passages: [] });
    else if (files.length && (m = line.match(/^### (.+)$/)))
      files[files.length - 1].passages.push({ heading: m[1], lines: [] });
    else if (
      files.length &&
      (m = line.match(/^- (T|D|N)(?: (target|count|project|date|reform))?: (.+)$/))
    ) {
      const f = files[files.length - 1];
      const passage = f.passages[f.passages.length - 1];
      if (!passage) throw new Error(`wild-gold: a line before any passage in ${f.file}`);
      const [text, tgt] = m[3].split(" || ");
      if (m[1] === "T" && !m[2]) throw new Error(`wild-gold: T without a reason: ${line}`);
      let target: GoldTarget | null = null;
      if (tgt !== undefined) {
        const t = tgt.match(/^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))? (\S+)$/);
        if (!t) throw new Error(`wild-gold: bad target in: ${line}`);
        target = {
          value: parseFloat(t[1]),
          unit: t[3],
          ...(t[2] ? { valueMax: parseFloat(t[2]) } : {}),
        };
      }
      passage.lines.push({
        tier: m[1] as Tier,
        reason: (m[2] as TierReason | undefined) ?? null,
        text,
        target,
      });
    }
  }
  return files;
}

/**
 * Places every line in `text`: each passage's lines in order, each searched from the end of the
 * one before (the first from the end of the previous passage). Throws when a line is not found.
 */
export function locateTierGold(
  file: string,
  text: string,
  passages: { heading: string; lines: Omit<TierLine, "start" | "end">[] }[],
): TierFile {
  let cursor = 0;
  const out: TierPassage[] = [];
  for (const p of passages) {
    const lines: TierLine[] = [];
    for (const l of p.lines) {
      const at = text.indexOf(l.text, cursor);
      if (at < 0) throw new Error(`wild-gold: ${file}: not found after ${cursor}: ${l.text}`);
      lines.push({ ...l, start: at, end: at + l.text.length });
      cursor = at + l.text.length;
    }
    out.push({
      heading: p.heading,
      lines,
      start: lines[0]?.start ?? cursor,
      end: lines.at(-1)?.end ?? cursor,
    });
  }
  return { file, passages: out };
}

export function loadTierGold(): ReturnType<typeof readTierGold> {
  return readTierGold(readFileSync(path.join(__dirname, "wild-gold.md"), "utf8"));
}

/** Whether an item is marked trackable (the tier the parser gives it). */
export type TierOf = (p: Pledge) => "trackable" | "direction";

export type TierScore = {
  /** Extracted items inside the labelled passages, and how the gold labels their text. */
  items: number;
  itemsN: number;
  itemsD: number;
  itemsT: number;
  /** Items marked trackable, and those of them whose text is labelled D or N. */
  markedTrackable: number;
  markedTrackableWrong: number;
  /** T lines, and those covered by one item marked trackable; D+T lines, and those covered at all. */
  goldT: number;
  goldTFound: number;
  goldPledges: number;
  goldPledgesCovered: number;
  /** Gold numeric targets, and those whose covering item carries the same value and unit. */
  targets: number;
  targetsRight: number;
  /** Han characters of the labelled passages. */
  chars: number;
  misses: { line: TierLine; why: string; nearest: string | null }[];
  wrong: { item: Pledge; label: Tier; marked: string }[];
};

const HAN = /\p{Script=Han}/gu;
const hanCount = (s: string) => (s.match(HAN) || []).length;

/**
 * Scores the parsed items of one file against its labelled passages. An item belongs to the sample
 * when at least half of it lies inside a passage; its label is the tier holding most of its
 * characters (characters outside every line count as N: they are the joining words). A gold line is
 * covered when one item holds at least 60% of it and is at most twice as long (as run-extraction-eval).
 */
export function scoreTiers(
  text: string,
  gold: TierFile,
  pledges: Pledge[],
  tierOf: TierOf,
  targetMatches: (p: Pledge, g: GoldTarget) => boolean,
): TierScore {
  const s: TierScore = {
    items: 0,
    itemsN: 0,
    itemsD: 0,
    itemsT: 0,
    markedTrackable: 0,
    markedTrackableWrong: 0,
    goldT: 0,
    goldTFound: 0,
    goldPledges: 0,
    goldPledgesCovered: 0,
    targets: 0,
    targetsRight: 0,
    chars: 0,
    misses: [],
    wrong: [],
  };
  const label = new Array<Tier | null>(text.length).fill(null);
  const inPassage = new Uint8Array(text.length);
  for (const p of gold.passages) {
    for (let i = p.start; i < p.end; i++) inPassage[i] = 1;
    for (const l of p.lines) for (let i = l.start; i < l.end; i++) label[i] = l.tier;
    s.chars += hanCount(text.slice(p.start, p.end));
  }
  for (const item of pledges) {
    let inside = 0;
    const counts: Record<Tier, number> = { T: 0, D: 0, N: 0 };
    for (let i = item.start; i < item.end; i++) {
      if (!/\S/.test(text[i])) continue;
      if (inPassage[i]) inside++;
      counts[label[i] ?? "N"]++;
    }
    const len = item.text.replace(/\s/g, "").length;
    if (!len || inside * 2 < len) continue;
    const tier: Tier =
      counts.T >= counts.D && counts.T >= counts.N ? "T" : counts.D >= counts.N ? "D" : "N";
    s.items++;
    if (tier === "N") s.itemsN++;
    else if (tier === "D") s.itemsD++;
    else s.itemsT++;
    if (tierOf(item) === "trackable") {
      s.markedTrackable++;
      if (tier !== "T") {
        s.markedTrackableWrong++;
        s.wrong.push({ item, label: tier, marked: "trackable" });
      }
    } else if (tier === "N") s.wrong.push({ item, label: tier, marked: "direction" });
  }
  for (const p of gold.passages) {
    for (const l of p.lines) {
      if (l.tier === "N") continue;
      const len = l.end - l.start;
      let best: Pledge | null = null;
      let bestCover = 0;
      for (const item of pledges) {
        const o = Math.min(l.end, item.end) - Math.max(l.start, item.start);
        if (o <= 0 || item.end - item.start > 2 * len) continue;
        if (o / len > bestCover) {
          bestCover = o / len;
          best = item;
        }
      }
      const covered = bestCover >= 0.6 && best !== null;
      s.goldPledges++;
      if (covered) s.goldPledgesCovered++;
      if (l.tier === "T") {
        s.goldT++;
        if (covered && tierOf(best!) === "trackable") s.goldTFound++;
        else
          s.misses.push({
            line: l,
            why: covered ? "marked direction" : "not extracted",
            nearest: best?.text ?? null,
          });
      }
      if (l.target) {
        s.targets++;
        if (covered && targetMatches(best!, l.target)) s.targetsRight++;
      }
    }
  }
  return s;
}
