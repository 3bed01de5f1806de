/**
 * The named things a pledge lists (确保中成酒店、百府悦酒店投入运营 → 中成, 百府悦), so that a review
 * reporting on some of them only reads as partial. Works on folded text.
 */
import { FUNCTION_CHARS, STOP_WORDS, isStopBigram } from "./stop-words";
import { isHan } from "./tokenize-text";

/** Generic nouns shared by the items of a list (项目, 工程…) that name none of them. */
const GENERIC = /(项目|工程|建设|改造|工作|任务|等)/g;

function core(item: string): string {
  // drop stop words (verbs and fillers) and generic nouns; keep the rest as one string
  let s = item.replace(GENERIC, "|");
  for (let len = 4; len >= 2; len--) {
    for (let i = 0; i + len <= s.length; i++)
      if (STOP_WORDS.has(s.slice(i, i + len)))
        s = s.slice(0, i) + "|".repeat(len) + s.slice(i + len);
  }
  return [...s].map((ch) => (isHan(ch) && !FUNCTION_CHARS.has(ch) ? ch : "|")).join("");
}

function bigramsOf(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    if (!g.includes("|") && !isStopBigram(g)) out.push(g);
  }
  return out;
}

/**
 * Items of the pledge's first list (parts joined by 、, with a last part after 和/及/与), each as the
 * bigrams that tell it from the others; [] when the pledge lists fewer than two items.
 */
export function namedItems(folded: string): string[][] {
  const clause = folded.split(/[，,；;。：:]/).find((c) => c.includes("、"));
  if (!clause) return [];
  const parts = clause.split("、");
  // the last part may hold two items joined by 和/及/与 (A、B和C)
  const last = parts.pop()!;
  const tail = last.split(/[和及与]/);
  if (tail.length === 2 && tail[1].length >= 2) parts.push(tail[0], tail[1]);
  else parts.push(last);
  const grams = parts.map((p) => bigramsOf(core(p)));
  const count = new Map<string, number>();
  for (const g of grams) for (const x of new Set(g)) count.set(x, (count.get(x) ?? 0) + 1);
  const items = grams.map((g) => [...new Set(g)].filter((x) => count.get(x) === 1));
  return items.filter((g) => g.length > 0).length >= 2 ? items.filter((g) => g.length > 0) : [];
}

/** How many of `items` the evidence names (an item is named when one of its own bigrams occurs). */
export function itemsNamed(
  items: string[][],
  evidenceFolded: string,
): { named: number; missing: number } {
  let named = 0;
  for (const item of items) if (item.some((g) => evidenceFolded.includes(g))) named++;
  return { named, missing: items.length - named };
}
