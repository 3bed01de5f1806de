/**
 * Terms for matching folded report text: character bigrams (`b:`), words from Intl.Segmenter plus
 * runs of single characters that the segmenter could not place, usually names (`w:`), numbers
 * with units (`q:`), and abbreviations with their long forms (`a:`). Stop words are dropped. Offsets are into the folded text, which has the
 * source's offsets (lib/report/script.ts normalizeForSearch).
 */
import { findAbbreviations } from "./abbreviations";
import { extractQuantities, quantityKey, type Quantity } from "./extract-quantities";
import { FUNCTION_CHARS, STOP_WORDS, isStopBigram } from "./stop-words";

export interface Term {
  /** `b:` bigram, `w:` word, `q:` quantity key, `a:` abbreviation or its long form (abbreviations.ts). */
  key: string;
  start: number;
  end: number;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** True for a CJK ideograph. */
export function isHan(ch: string): boolean {
  return CJK.test(ch);
}

/** Marks the characters covered by a stop word occurrence (words of 2–4 characters). */
function stopMask(folded: string): Uint8Array {
  const mask = new Uint8Array(folded.length);
  for (let i = 0; i + 1 < folded.length; i++) {
    for (let len = 4; len >= 2; len--) {
      if (i + len <= folded.length && STOP_WORDS.has(folded.slice(i, i + len))) {
        mask.fill(1, i, i + len);
        break;
      }
    }
  }
  return mask;
}

/**
 * Character bigrams of runs of Han characters (and Latin words), minus bigrams touching a stop word
 * (深入|实施 → 入实, 全年|新增 → 年新) and bigrams inside a number-with-unit (万平方米: matched as a quantity).
 */
export function tokenizeBigrams(
  folded: string,
  quantities: Quantity[] = extractQuantities(folded),
): Term[] {
  const out: Term[] = [];
  const mask = stopMask(folded);
  for (const q of quantities) mask.fill(2, q.start, q.end);
  for (let i = 0; i + 1 < folded.length; i++) {
    const a = folded[i];
    const b = folded[i + 1];
    if (!isHan(a) || !isHan(b)) continue;
    if (mask[i] || mask[i + 1]) continue;
    const key = a + b;
    if (isStopBigram(key)) continue;
    out.push({ key: "b:" + key, start: i, end: i + 2 });
  }
  // (?<!\d): a digit run is tried from its first digit only; a match from inside it would also
  // match from its start, which comes first, and retrying \d+ from every digit was quadratic.
  const latin = /[a-z][a-z0-9]+|(?<!\d)\d+[a-z]+/g;
  let m: RegExpExecArray | null;
  while ((m = latin.exec(folded)))
    out.push({ key: "b:" + m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Characters that are a word boundary on both sides, whatever surrounds them: a safe place to cut. */
const HARD_BREAK = new Set(["。", "、", "\n"]);
/** Segment at most this many characters at once (see segmentWords). */
export const SEGMENT_CHUNK = 1000;

/**
 * Intl.Segmenter's word segments of `text`, with their offsets into it. V8 takes time quadratic in
 * the length of the string it iterates over (2.9 s for 64,000 characters, 0.08 s in 1,000-character
 * pieces), so long texts are segmented in pieces cut just after a 。, 、 or line break, where a word
 * boundary always falls: the segments are the same. A stretch of more than SEGMENT_CHUNK characters
 * with none of them (no real report has one) is cut where it reaches the limit.
 */
export function* segmentWords(text: string): Generator<{ segment: string; index: number }> {
  let from = 0;
  while (from < text.length) {
    let to = text.length;
    if (to - from > SEGMENT_CHUNK) {
      let cut = from + SEGMENT_CHUNK;
      while (cut > from + 1 && !HARD_BREAK.has(text[cut - 1])) cut--;
      to = cut > from + 1 ? cut : from + SEGMENT_CHUNK;
      if (/[\ud800-\udbff]/.test(text[to - 1])) to--; // never between the halves of a surrogate pair
    }
    for (const s of segmenter.segment(text.slice(from, to)))
      yield { segment: s.segment, index: from + s.index };
    from = to;
  }
}

/** Words (length ≥ 2, not stop words) and joined runs of single-character segments (≥ 2 characters). */
export function tokenizeWords(folded: string): Term[] {
  const out: Term[] = [];
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0 && runEnd - runStart >= 2) {
      const w = folded.slice(runStart, runEnd);
      if (!STOP_WORDS.has(w)) out.push({ key: "w:" + w, start: runStart, end: runEnd });
    }
    runStart = -1;
  };
  for (const s of segmentWords(folded)) {
    const w = s.segment;
    if (w.length === 1 && isHan(w) && !FUNCTION_CHARS.has(w)) {
      if (runStart < 0) runStart = s.index;
      runEnd = s.index + 1;
      continue;
    }
    flush();
    if (w.length >= 2 && isHan(w[0]) && !STOP_WORDS.has(w))
      out.push({ key: "w:" + w, start: s.index, end: s.index + w.length });
  }
  flush();
  return out;
}

/** Quantity terms: one `q:` term per number with unit (value-normalised, so 700万吨 ≡ 7000000吨). */
export function tokenizeQuantities(quantities: Quantity[]): Term[] {
  return quantities.map((q) => ({ key: "q:" + quantityKey(q), start: q.start, end: q.end }));
}

/** Abbreviation terms: 化债 and 化解政府债务 both give `a:debt`. */
export function tokenizeAbbreviations(folded: string): Term[] {
  return findAbbreviations(folded).map((a) => ({ key: "a:" + a.id, start: a.start, end: a.end }));
}

/** All matching terms of a folded text, with its quantities. */
export function tokenizeForMatch(folded: string): { terms: Term[]; quantities: Quantity[] } {
  const quantities = extractQuantities(folded);
  return {
    terms: [
      ...tokenizeBigrams(folded, quantities),
      ...tokenizeWords(folded),
      ...tokenizeQuantities(quantities),
      ...tokenizeAbbreviations(folded),
    ],
    quantities,
  };
}
