/**
 * Paragraph splitting over the analysis text (see normalizeForParse): lines, and inside
 * long lines the space-separated segments a web page flattened into one line.
 */
import { checkParseBudget } from "./budget";
import type { Span } from "./types";

const SPACE = /[ \t\r\u00a0\u2000-\u200b\ufeff]/;

/** True for whitespace as it appears in reports (ASCII, CR, NBSP, thin spaces, BOM). */
export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && (ch === "\n" || SPACE.test(ch));
}

const HEADING_START =
  /^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|——|--|\d{1,2}、)/;
const BREAK_AFTER = /[。!?;:”」』)》]/;

/** Trim whitespace from both ends of [start, end) and return the tightened span. */
export function trimSpan(a: string, start: number, end: number): Span {
  while (start < end && isSpace(a[start])) start++;
  while (end > start && isSpace(a[end - 1])) end--;
  return { start, end };
}

/**
 * Split [start, end) of the analysis text into trimmed, non-empty paragraphs: at newlines,
 * and at runs of spaces that follow sentence-final punctuation or precede a heading marker
 * (this recovers the structure of reports saved as one long line).
 */
export function splitParagraphs(a: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  const broken = hasBrokenLines(a, start, end);
  let lineStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || a[i] === "\n") {
      if (i > lineStart) checkParseBudget();
      if (broken && i < end && continuesOnNextLine(a, lineStart, i, end)) continue;
      splitLine(a, lineStart, i, out);
      lineStart = i + 1;
    }
  }
  return out;
}

const LINE_END = /[。!?;:”」』)》】…,、]$/;
const PURE_HEADING =
  /^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[、.]|第[一二三四五六七八九十]{1,3}[,、])[^。;!?]*$/;
const HEADING_WORDS = /(回顾|安排|任务|目标|工作|实事|附|注释|报告)/;

/**
 * Whether the text breaks lines inside its sentences (a page whose links were flattened:
 * "…省委七届四" / "次全会" / "精神，把…"). The sign is orphan fragments: lines of at most 8 Han
 * characters and no punctuation between two lines that run on, five or more of them in the body.
 * Reports that keep one paragraph per line have none (a heading ends no line before it open).
 */
function hasBrokenLines(a: string, start: number, end: number): boolean {
  const lines: string[] = [];
  let lineStart = start;
  for (let i = start; i <= end; i++) {
    if (i !== end && a[i] !== "\n") continue;
    const t = a.slice(lineStart, i).trim();
    lineStart = i + 1;
    if (t) lines.push(t);
  }
  let orphans = 0;
  for (let k = 1; k + 1 < lines.length; k++) {
    const prev = lines[k - 1];
    if (
      /^[\u4e00-\u9fff]{1,8}$/.test(lines[k]) &&
      prev.length >= 10 &&
      /[\u4e00-\u9fff]$/.test(prev) &&
      !LINE_END.test(prev)
    )
      orphans++;
  }
  return orphans >= 5;
}

/** In a text with broken lines: the line [from, nl) runs on into the next non-empty line. */
function continuesOnNextLine(a: string, from: number, nl: number, end: number): boolean {
  const line = a.slice(from, nl).trim();
  // Only the end of a sentence ends a line here: a quote or a comma can stand before a break too (…把“三农” / 工作作 / 为重中之重).
  if (!line || /[。!?;:…]$/.test(line)) return false;
  if (
    PURE_HEADING.test(line) ||
    (line.length <= 24 && !/[,。]/.test(line) && HEADING_WORDS.test(line))
  )
    return false;
  let j = nl + 1;
  while (j < end && /\s/.test(a[j])) j++;
  if (j >= end) return false;
  const next = a.slice(j, j + 8);
  return !HEADING_START.test(next) && !/^(各位代表|同志们)/.test(next);
}

function splitLine(a: string, start: number, end: number, out: Span[]): void {
  let segStart = start;
  let i = start;
  while (i < end) {
    if (a[i] === " " || a[i] === "\t" || a[i] === "\u00a0") {
      let j = i;
      while (j < end && (a[j] === " " || a[j] === "\t" || a[j] === "\u00a0" || a[j] === "\r")) j++;
      const before = a[i - 1];
      if (
        j < end &&
        i > segStart &&
        (BREAK_AFTER.test(before) || HEADING_START.test(a.slice(j, j + 8)))
      ) {
        push(a, segStart, i, out);
        segStart = j;
      }
      i = j;
    } else i++;
  }
  push(a, segStart, end, out);
}

function push(a: string, start: number, end: number, out: Span[]): void {
  const t = trimSpan(a, start, end);
  if (t.end > t.start) out.push(t);
}
