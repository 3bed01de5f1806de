/**
 * Script handling: traditional → simplified conversion and search normalisation.
 *
 * Every function here preserves string length: the character at index i of the
 * output corresponds to the character at index i of the input. Offsets computed on
 * a converted or normalised string are therefore valid offsets into the original
 * text, and callers never need an offset map.
 */
import { Converter } from "opencc-js/t2cn";

import type { Script } from "./types";
export type { Script };

type ConvertFn = (text: string) => string;

let t2s: ConvertFn | null = null;
const charCache = new Map<string, string>();

function getConverter(): ConvertFn {
  // Building an opencc-js converter costs ~15 ms: build once, lazily, and reuse.
  if (!t2s) t2s = Converter({ from: "tw", to: "cn" });
  return t2s;
}

/** Frequent characters that only occur in traditional text, and their simplified forms. */
const TRADITIONAL_ONLY =
  "這個們來會爲為與說時進國發經區預實現開關長門問間題點體當對應該還過種產業務機構組織統導樓從動後無裏裡頭見覺讓認議記設詢試話語調談請論證識護讀變豐負財責貢貨貴買費資質購車軍較輔輕輸轉辦農運遠連達違選遺邊鄉醫鐵錢錄閒閱隊陽際陸陳隨險雙雜難電響類顧風飛飯養館馬驗鬥魚鳥黨齊龍總計劃員級鎮縣續網絡線營環衛節優規範壓縮標準備據項領處條況報審權勞華紀郵幣給約決舉興義習書亂爭虧亞畝僅倉儀價衆眾傳傷倫債傾償儲兒";
const SIMPLIFIED_ONLY =
  "这个们来会为与说时进国发经区预实现开关长门问间题点体当对应该还过种产业务机构组织统导楼从动后无头见觉让认议记设询试话语调谈请论证识护读变丰负财责贡货贵买费资质购车军较辅轻输转办农运远连达违选遗边乡医铁钱录闲阅队阳际陆陈随险双杂难电响类顾风飞饭养馆马验斗鱼鸟党齐龙总计划员级镇县续网络线营环卫节优规范压缩标准备据项领处条况报审权劳华纪邮币给约决举兴义习书乱争亏亚亩仅仓仪价众传伤伦债倾偿储儿";

const TRAD_SET = new Set(TRADITIONAL_ONLY);
const SIMP_SET = new Set(SIMPLIFIED_ONLY);

/**
 * Decide whether a text is written in traditional or simplified characters by counting
 * frequent script-specific characters; text with no Chinese defaults to "simplified".
 */
export function detectScript(text: string): Script {
  let trad = 0;
  let simp = 0;
  // A sample of up to 200,000 characters is plenty and keeps this O(1) on huge inputs.
  const n = Math.min(text.length, 200_000);
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (ch < "\u3400") continue;
    if (TRAD_SET.has(ch)) trad++;
    else if (SIMP_SET.has(ch)) simp++;
  }
  return trad > simp * 1.5 && trad >= 3 ? "traditional" : "simplified";
}

function convertPerCharacter(text: string): string {
  const convert = getConverter();
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch < "\u3400") {
      out += ch;
      continue;
    }
    let conv = charCache.get(ch);
    if (conv === undefined) {
      conv = convert(ch);
      if (conv.length !== 1) conv = ch; // keep the 1:1 guarantee
      charCache.set(ch, conv);
    }
    out += conv;
  }
  return out;
}

/**
 * Convert traditional characters to simplified with opencc-js (phrase-aware). The result
 * always has the same length as the input, so index i of the result is index i of the
 * source; when opencc changes the length, falls back to per-character conversion.
 */
export function toSimplified(text: string): string {
  if (!text) return text;
  const converted = getConverter()(text);
  if (converted.length === text.length) return converted;
  return convertPerCharacter(text);
}

/**
 * Fold full-width ASCII (letters, digits, punctuation such as ，；：（）％) to half-width and
 * the ideographic space U+3000 to a space, character by character (length preserved).
 */
export function foldWidth(text: string): string {
  let out = "";
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let r = -1;
    if (c >= 0xff01 && c <= 0xff5e) r = c - 0xfee0;
    else if (c === 0x3000) r = 0x20;
    if (r >= 0) {
      out += text.slice(last, i) + String.fromCharCode(r);
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Normalise text for matching: simplified characters, half-width ASCII/digits/punctuation,
 * lower-case ASCII. Length-preserving: result[i] corresponds to text[i], so a match found
 * at [s, e) in the result is the span [s, e) of the original text.
 */
export function normalizeForSearch(text: string): string {
  // Always convert: short queries ("電梯") carry too little signal for detectScript.
  return foldWidth(toSimplified(text)).replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/**
 * Normalise text for structural parsing: simplified (when the text is traditional) and
 * width-folded, but case kept. Length-preserving like normalizeForSearch.
 */
export function normalizeForParse(text: string, script: Script = detectScript(text)): string {
  return foldWidth(script === "traditional" ? toSimplified(text) : text);
}
