/**
 * Evidence units of a review section and an inverted index over them for ranked retrieval.
 *
 * A unit is a sentence (split on 。！？；;!? and line ends), or, for a sentence longer than
 * MAX_SENTENCE characters, a clause split at ，/, (clauses shorter than MIN_CLAUSE, or starting
 * with 同比, are merged into the previous one). Each unit keeps its exact span in the source, its
 * folded (simplified) text, and its context: the subsection heading and paragraph topic above it.
 */
import { normalizeForSearch as foldForMatch } from "../report/script";
import { findIndicators, type IndicatorMention } from "./match-indicators";
import type { Quantity } from "./extract-quantities";
import { isHan, tokenizeBigrams, tokenizeForMatch, type Term } from "./tokenize-text";

export interface TextRange {
  start: number;
  end: number;
}

export interface EvidenceUnit {
  id: number;
  /** Span in the source text; `text === source.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  /** Folded (simplified) text, same length as `text`. */
  folded: string;
  /** Subsection heading and paragraph topic above the unit, in the source's script (may be ""). */
  heading: string;
  headingFolded: string;
  /** Bigram keys of the heading, for the section prior. */
  headingGrams: ReadonlySet<string>;
  /** Span of the whole sentence the unit belongs to. */
  sentence: TextRange;
  /** The unit reports on several years (五年, 十二五, 年均… in its sentence or its paragraph's opening). */
  multiYear: boolean;
  /** Terms with offsets relative to the unit. */
  terms: Term[];
  tf: Map<string, number>;
  lenB: number;
  lenW: number;
  quantities: Quantity[];
  indicators: IndicatorMention[];
}

export interface ReviewIndex {
  source: string;
  range: TextRange;
  units: EvidenceUnit[];
  postings: Map<string, { unit: number; tf: number }[]>;
  /** Document frequency over units plus background documents. */
  df: Map<string, number>;
  docCount: number;
  avgLenB: number;
  avgLenW: number;
  /** Number of units reporting a quantity in each canonical unit. */
  quantityUnitDf: Map<string, number>;
}

export const MAX_SENTENCE = 40;
export const MIN_CLAUSE = 8;

const SENTENCE_END = /[。！？；;!?]/;
const SUBSECTION =
  /^[(（][一二三四五六七八九十]+[)）]|^——|^[一二三四五六七八九十]+[、.]|^\d+[、.．]/;
const TRIM_START = /[\s\u3000—\-•·]/;
const TRIM_END = /[\s\u3000]/;

/**
 * The text without leading whitespace, dashes and bullets and without trailing whitespace. A
 * character loop, not `replace(/^…+|…+$/g)`: the regex's `\s+$` restarts at every space of a run
 * inside the text and rescans the run, quadratic on a line of many spaces.
 */
function trimText(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && TRIM_START.test(text[start])) start++;
  while (end > start && TRIM_END.test(text[end - 1])) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function hanCount(s: string): number {
  let n = 0;
  for (const ch of s) if (isHan(ch)) n++;
  return n;
}

/** Length without spaces and punctuation. */
function solidLength(s: string): number {
  return s.replace(/[\s\u3000，,、：:“”"（）()《》]/g, "").length;
}

interface RawUnit {
  start: number;
  end: number;
  heading: string;
  sentence: TextRange;
  multiYear: boolean;
}

const MULTI_YEAR = /(五年|十二五|十三五|十一五|年均|\d{4}年的|以来)/;

function trimSpan(source: string, start: number, end: number): TextRange {
  while (start < end && /[\s\u3000，,、：:]/.test(source[start])) start++;
  while (end > start && /[\s\u3000，,、：:。；;！？!?]/.test(source[end - 1])) end--;
  return { start, end };
}

function splitClauses(source: string, s: TextRange): TextRange[] {
  const parts: TextRange[] = [];
  let from = s.start;
  for (let i = s.start; i < s.end; i++) {
    if (source[i] === "，" || (source[i] === "," && !/\d/.test(source[i + 1] ?? ""))) {
      parts.push(trimSpan(source, from, i));
      from = i + 1;
    }
  }
  parts.push(trimSpan(source, from, s.end));
  const merged: TextRange[] = [];
  // The solid length of the last merged clause, kept up to date as clauses join it (measuring the
  // whole merged text again for every clause was quadratic in a sentence of many short clauses);
  // and whether it is still a single clause (a merged one holds a comma, so it can no longer be
  // a bare investment figure).
  let prevSolid = 0;
  let prevSingle = true;
  for (const p of parts) {
    if (p.end <= p.start) continue;
    const prev = merged[merged.length - 1];
    const text = source.slice(p.start, p.end);
    const short =
      solidLength(text) < MIN_CLAUSE || /^(同比|比上年|较上年|年均|是20\d\d年)/.test(text);
    const prevDangling =
      !!prev &&
      (prevSolid < MIN_CLAUSE ||
        (prevSingle &&
          /^(总?投资|完成投资)[\d.]+[万亿]?元$/.test(source.slice(prev.start, prev.end))));
    if (prev && (short || prevDangling)) {
      prevSolid += solidLength(source.slice(prev.end, p.end));
      prevSingle = false;
      prev.end = p.end;
    } else {
      merged.push({ ...p });
      prevSolid = solidLength(text);
      prevSingle = true;
    }
  }
  return merged;
}

/**
 * Paragraph spans: lines, and inside one-line reports (a whole report on one line), runs of spaces
 * after a sentence end or before a heading marker (（二）, 三、, ——).
 */
export function splitParagraphs(source: string, range: TextRange): TextRange[] {
  // The breaks are those of /\n|(?<=[。！？!?])[ \u3000\t]+|[ \u3000\t]+(?=HEADING)/g, found by one walk:
  // the regex tried its last alternative again from every space of a run that no heading follows,
  // rescanning the run each time (quadratic on a long run of spaces).
  const out: TextRange[] = [];
  const end = range.end;
  let from = range.start;
  const push = (at: number, next: number) => {
    if (at > from) out.push({ start: from, end: at });
    from = next;
  };
  for (let i = range.start; i < end;) {
    const ch = source[i];
    if (ch === "\n") {
      push(i, i + 1);
      i++;
      continue;
    }
    if (!PARAGRAPH_SPACE.has(ch)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && PARAGRAPH_SPACE.has(source[j])) j++;
    if ((i > 0 && SENTENCE_CLOSE.has(source[i - 1])) || headingAt(source, j, end)) push(i, j);
    i = j;
  }
  if (from < end) out.push({ start: from, end });
  return out;
}

const PARAGRAPH_SPACE = new Set([" ", "\u3000", "\t"]);
const SENTENCE_CLOSE = new Set(["。", "！", "？", "!", "?"]);
const CN_ORDINAL = new Set("一二三四五六七八九十");

/** A heading marker at `at` (before `end`): （一）/(一), 一、 or ——. */
function headingAt(source: string, at: number, end: number): boolean {
  if (at >= end) return false;
  const ch = source[at];
  if (ch === "—") return at + 1 < end && source[at + 1] === "—";
  let k = ch === "(" || ch === "（" ? at + 1 : at;
  const digits = k;
  while (k < end && CN_ORDINAL.has(source[k])) k++;
  if (k === digits || k >= end) return false;
  return digits > at ? source[k] === ")" || source[k] === "）" : source[k] === "、";
}

/** Splits `range` of `source` into evidence units (sentences, long sentences into clauses) with their heading context. */
export function splitEvidenceUnits(
  source: string,
  range: TextRange = { start: 0, end: source.length },
): RawUnit[] {
  const out: RawUnit[] = [];
  let heading = "";
  let topic = "";
  for (const para of splitParagraphs(source, range)) {
    const lineStart = para.start;
    const lineEnd = para.end;
    const line = source.slice(lineStart, lineEnd);
    const trimmed = trimText(line);
    if (!trimmed) continue;
    if (!SENTENCE_END.test(trimmed) && trimmed.length <= 40) {
      // a heading line
      if (SUBSECTION.test(trimmed)) {
        heading = trimmed;
        topic = "";
      }
      continue;
    }
    let first = true;
    let from = lineStart;
    const opening = line
      .split(/[。！？]/)
      .slice(0, 2)
      .join("。");
    const paragraphMultiYear = MULTI_YEAR.test(opening);
    for (let i = lineStart; i <= lineEnd; i++) {
      if (i < lineEnd && !SENTENCE_END.test(source[i])) continue;
      const s = trimSpan(source, from, i);
      from = i + 1;
      if (s.end <= s.start) continue;
      const text = trimText(source.slice(s.start, s.end));
      const isFirst = first;
      first = false;
      if (isFirst && SUBSECTION.test(text) && text.length <= 30) {
        heading = text;
        topic = "";
        continue;
      }
      if (isFirst && hanCount(text) <= 14 && !/\d/.test(text) && source[i] === "。") {
        topic = text;
        continue;
      }
      if (hanCount(text) < 4) continue;
      const context = [heading, topic].filter(Boolean).join(" › ");
      const pieces = s.end - s.start > MAX_SENTENCE ? splitClauses(source, s) : [s];
      const multiYear = paragraphMultiYear || MULTI_YEAR.test(source.slice(s.start, s.end));
      for (const p of pieces)
        if (hanCount(source.slice(p.start, p.end)) >= 4)
          out.push({ ...p, heading: context, sentence: s, multiYear });
    }
  }
  return out;
}

function countTerms(terms: Term[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t.key, (tf.get(t.key) ?? 0) + 1);
  return tf;
}

/** Sentences of a background text (e.g. the plan), used only to make document frequencies more robust. */
function backgroundDocs(text: string): string[] {
  return foldForMatch(text)
    .split(/[。！？；;!?\n]/)
    .filter((s) => hanCount(s) >= 6);
}

/**
 * Builds the evidence index of the review section `range` of `source`. `background` texts (typically
 * the plan section of the paired report) are split into sentences that only count in document frequencies.
 */
export function indexReview(
  source: string,
  range?: TextRange,
  options: { background?: string[] } = {},
): ReviewIndex {
  const r = range ?? { start: 0, end: source.length };
  const foldedRange = foldForMatch(source.slice(r.start, r.end));
  const headingGrams = new Map<string, ReadonlySet<string>>();
  const gramsOf = (heading: string) => {
    let g = headingGrams.get(heading);
    if (!g)
      headingGrams.set(
        heading,
        (g = new Set(tokenizeBigrams(foldForMatch(heading)).map((t) => t.key))),
      );
    return g;
  };
  const units: EvidenceUnit[] = splitEvidenceUnits(source, r).map((u, id) => {
    const folded = foldedRange.slice(u.start - r.start, u.end - r.start);
    const { terms, quantities } = tokenizeForMatch(folded);
    let lenB = 0;
    let lenW = 0;
    for (const t of terms) {
      if (t.key.startsWith("b:")) lenB++;
      else if (t.key.startsWith("w:")) lenW++;
    }
    return {
      id,
      start: u.start,
      end: u.end,
      text: source.slice(u.start, u.end),
      folded,
      heading: u.heading,
      headingFolded: foldForMatch(u.heading),
      headingGrams: gramsOf(u.heading),
      sentence: u.sentence,
      multiYear: u.multiYear,
      terms,
      tf: countTerms(terms),
      lenB,
      lenW,
      quantities,
      indicators: findIndicators(folded),
    };
  });
  const postings = new Map<string, { unit: number; tf: number }[]>();
  const df = new Map<string, number>();
  const quantityUnitDf = new Map<string, number>();
  for (const u of units) {
    for (const [key, tf] of u.tf) {
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push({ unit: u.id, tf });
      df.set(key, (df.get(key) ?? 0) + 1);
    }
    for (const unit of new Set(u.quantities.map((q) => q.unit)))
      quantityUnitDf.set(unit, (quantityUnitDf.get(unit) ?? 0) + 1);
  }
  let docCount = units.length;
  for (const text of options.background ?? []) {
    for (const doc of backgroundDocs(text)) {
      docCount++;
      const keys = new Set(tokenizeForMatch(doc).terms.map((t) => t.key));
      for (const key of keys) if (postings.has(key)) df.set(key, (df.get(key) ?? 0) + 1);
    }
  }
  const n = Math.max(units.length, 1);
  return {
    source,
    range: r,
    units,
    postings,
    df,
    docCount,
    avgLenB: units.reduce((s, u) => s + u.lenB, 0) / n || 1,
    avgLenW: units.reduce((s, u) => s + u.lenW, 0) / n || 1,
    quantityUnitDf,
  };
}

/** How far around a unit its sentence is read for figures and words (a sentence can be a whole report). */
export const CONTEXT_REACH = 160;

/**
 * The unit's sentence, clipped to CONTEXT_REACH characters on each side of the unit, as text and
 * where it starts in the source: a figure is often in a sibling clause (城镇居民…14785元，…分别增长10%),
 * but a sentence of 400,000 characters must not be read whole for every pledge.
 */
export function unitContext(index: ReviewIndex, u: EvidenceUnit): { text: string; start: number } {
  const start = Math.max(u.sentence.start, u.start - CONTEXT_REACH);
  const end = Math.min(u.sentence.end, u.end + CONTEXT_REACH);
  return { text: index.source.slice(start, end), start };
}
