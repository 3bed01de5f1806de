/**
 * The longest run of Han characters two texts share (a pledge and an evidence unit: names such as
 * 红星美凯龙主力店 that bigrams alone under-rate). Two exact implementations with one result: a
 * small dynamic programme for real-sized texts and a suffix automaton, linear in the two lengths,
 * for texts long enough that |a|·|b| steps would hold a server (issue 12).
 */
import { isHan } from "./tokenize-text";

/** Above this many DP cells (pledge length × unit length) the run is found with a suffix automaton. */
const LCS_DP_CELLS = 250_000;

/**
 * The longest run of Han characters common to `a` and `b`; of several equally long, the one that
 * ends first in `a`. Real pledges and units are under 200 characters, where a small dynamic
 * programme is fastest; it takes |a|·|b| steps, so longer texts (a 1 MB "pledge" against a 1 MB
 * unit: 10¹² steps) go through a suffix automaton of the shorter one, linear in |a| + |b|.
 */
export function longestCommonHanRun(a: string, b: string): { length: number; text: string } {
  return a.length * b.length <= LCS_DP_CELLS
    ? longestCommonHanRunDp(a, b)
    : longestCommonHanRunAutomaton(a, b);
}

/** longestCommonHanRun by dynamic programming: |a|·|b| steps, for short texts. */
export function longestCommonHanRunDp(a: string, b: string): { length: number; text: string } {
  // dynamic programming over folded strings; only Han characters extend a run (runs are at most
  // min(|a|, |b|) long, and the dispatcher keeps that under 65,536 for the Uint16 cells)
  let best = 0;
  let bestEnd = 0;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ca = a[i - 1];
    const han = isHan(ca);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = han && ca === b[j - 1] ? prev[j - 1] + 1 : 0;
      if (cur[j] > best) {
        best = cur[j];
        bestEnd = i;
      }
    }
    [prev, cur] = [cur, prev];
  }
  return { length: best, text: a.slice(bestEnd - best, bestEnd) };
}

type SuffixAutomaton = {
  len: Int32Array;
  link: Int32Array;
  /** End index (inclusive) in the text of the first occurrence of the state's strings. */
  firstEnd: Int32Array;
  /** Transition of `state` on UTF-16 code `code`, or undefined. */
  step: (state: number, code: number) => number | undefined;
};

/** The suffix automaton of `text` (over UTF-16 code units), built in linear time. */
function buildSuffixAutomaton(text: string): SuffixAutomaton {
  const size = 2 * text.length + 2;
  const len = new Int32Array(size);
  const link = new Int32Array(size).fill(-1);
  const firstEnd = new Int32Array(size);
  const next = new Map<number, number>(); // state * 0x10000 + code → state
  const codes: number[][] = [[]]; // the codes leaving each state, to copy a state's edges to a clone
  const key = (state: number, code: number) => state * 0x10000 + code;
  const add = (state: number, code: number, to: number) => {
    if (!next.has(key(state, code))) codes[state].push(code);
    next.set(key(state, code), to);
  };
  let states = 1;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cur = states++;
    codes[cur] = [];
    len[cur] = len[last] + 1;
    firstEnd[cur] = i;
    let p = last;
    while (p !== -1 && !next.has(key(p, c))) {
      add(p, c, cur);
      p = link[p];
    }
    if (p === -1) link[cur] = 0;
    else {
      const q = next.get(key(p, c))!;
      if (len[p] + 1 === len[q]) link[cur] = q;
      else {
        const clone = states++;
        codes[clone] = [];
        len[clone] = len[p] + 1;
        link[clone] = link[q];
        firstEnd[clone] = firstEnd[q];
        for (const code of codes[q]) add(clone, code, next.get(key(q, code))!);
        while (p !== -1 && next.get(key(p, c)) === q) {
          next.set(key(p, c), clone);
          p = link[p];
        }
        link[q] = clone;
        link[cur] = clone;
      }
    }
    last = cur;
  }
  return { len, link, firstEnd, step: (state, code) => next.get(key(state, code)) };
}

/**
 * The same as longestCommonHanRunDp with a suffix automaton of the shorter text. Walking the other
 * text through it gives, at each position, the longest suffix ending there that occurs in the
 * automaton's text (restarted at every non-Han character). Over all positions that reach the
 * maximum length, the DP's choice is the occurrence in `a` that ends first: the walk's own
 * position when walking `a`, the automaton state's first end when walking `b`.
 */
export function longestCommonHanRunAutomaton(
  a: string,
  b: string,
): { length: number; text: string } {
  const walkA = b.length <= a.length;
  const sam = buildSuffixAutomaton(walkA ? b : a);
  const walked = walkA ? a : b;
  let best = 0;
  let bestEnd = 0; // exclusive end in `a`
  let state = 0;
  let length = 0;
  for (let i = 0; i < walked.length; i++) {
    if (!isHan(walked[i])) {
      state = 0;
      length = 0;
      continue;
    }
    const c = walked.charCodeAt(i);
    let to = sam.step(state, c);
    while (to === undefined && state !== 0) {
      state = sam.link[state];
      length = sam.len[state];
      to = sam.step(state, c);
    }
    if (to === undefined) {
      length = 0;
      continue;
    }
    state = to;
    length++;
    if (length < best) continue;
    const end = walkA ? i + 1 : sam.firstEnd[state] + 1;
    if (length > best) {
      best = length;
      bestEnd = end;
    } else if (end < bestEnd) bestEnd = end;
  }
  return { length: best, text: a.slice(bestEnd - best, bestEnd) };
}
