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

const HEADING_START = /^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|——|--|\d{1,2}、)/;
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
  let lineStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || a[i] === "\n") {
      if (i > lineStart) checkParseBudget();
      splitLine(a, lineStart, i, out);
      lineStart = i + 1;
    }
  }
  return out;
}

function splitLine(a: string, start: number, end: number, out: Span[]): void {
  let segStart = start;
  let i = start;
  while (i < end) {
    if (a[i] === " " || a[i] === "\t" || a[i] === "\u00a0") {
      let j = i;
      while (j < end && (a[j] === " " || a[j] === "\t" || a[j] === "\u00a0" || a[j] === "\r")) j++;
      const before = a[i - 1];
      if (j < end && i > segStart && (BREAK_AFTER.test(before) || HEADING_START.test(a.slice(j, j + 8)))) {
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
