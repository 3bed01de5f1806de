/**
 * Moving one boundary of a pledge's span, as the report page's span controls do: by one character
 * or to the next clause break, never leaving whitespace or punctuation at the edge (the server
 * trims it anyway: trimSpan). Pure, shared by the client (the preview) and tests; the server is
 * authoritative (adjustPledgeSpan). Offsets are indices into the report's source text.
 */
import { isSpanEdge } from "./schema";

export type SpanEdge = "start" | "end";
/** Which way and how far: a character, or a clause (to the next punctuation that ends one). */
export type SpanStep = "-clause" | "-char" | "+char" | "+clause";

type Span = { start: number; end: number };

// Punctuation that ends a clause: the places a pledge's boundary naturally sits.
const CLAUSE_BREAK = /[，,；;。！!？?、：:\n\r]/;
const isBreak = (ch: string | undefined) => ch !== undefined && CLAUSE_BREAK.test(ch);

/**
 * The span after moving its `edge` by `step` in `source`: "+" moves right, "-" left (so "+" on
 * the end extends, "+" on the start shrinks). Null when the move is impossible (it would empty the
 * span or leave the text). Whitespace and punctuation are stepped over, never left at an edge.
 */
export function nudgeSpan(source: string, span: Span, edge: SpanEdge, step: SpanStep): Span | null {
  const { start, end } = span;
  const n = source.length;
  if (edge === "end") {
    let e = end;
    if (step === "+char") {
      if (e >= n) return null;
      e++;
      while (e < n && isSpanEdge(source[e - 1])) e++;
    } else if (step === "+clause") {
      while (e < n && isSpanEdge(source[e])) e++;
      while (e < n && !isBreak(source[e])) e++;
    } else if (step === "-char") {
      e--;
    } else {
      e--;
      while (e > start && !isBreak(source[e - 1])) e--;
      if (e > start) e--; // the break itself
    }
    while (e > start && isSpanEdge(source[e - 1])) e--;
    return e > start && e !== end ? { start, end: e } : null;
  }
  let s = start;
  if (step === "-char") {
    if (s <= 0) return null;
    s--;
    while (s > 0 && isSpanEdge(source[s])) s--;
  } else if (step === "-clause") {
    while (s > 0 && isSpanEdge(source[s - 1])) s--;
    while (s > 0 && !isBreak(source[s - 1])) s--;
  } else if (step === "+char") {
    s++;
  } else {
    while (s < end && !isBreak(source[s])) s++;
  }
  while (s < end && isSpanEdge(source[s])) s++;
  return s < end && s !== start ? { start: s, end } : null;
}
