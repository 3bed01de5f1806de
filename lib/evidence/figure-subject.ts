/**
 * What a figure counts: the noun phrase next to a number (城区20条道路的改造提升 → 城区 + 道路;
 * 棚改配套道路完成13条 → 棚改配套道路), its headline indicator if it names one, and whether it is a
 * flow (新增, 新建, 新开通…) or a stock (达到, 累计, 总数…). A target and a reported figure are only
 * compared when their subjects agree (sameSubject): a reported 13条 roads of the shanty-town
 * programme says nothing about a pledge of 20 city roads.
 *
 * Works on folded text (lib/report/script.ts normalizeForSearch); offsets are into it.
 */
import { findIndicators } from "./match-indicators";
import { STOP_WORDS } from "./stop-words";
import { isHan } from "./tokenize-text";

export interface FigureSubject {
  /** The noun phrase(s) the figure counts, stop words removed ("" when none could be read). */
  phrase: string;
  /** Head of the phrase: its last two characters (道路, 大棚), or "" without a phrase. */
  head: string;
  /** Headline indicators named by the phrase (gdp, cpi…), see match-indicators. */
  indicators: string[];
  kind: "flow" | "stock" | null;
}

/** Words that end a noun phrase at its far side (verbs, adverbs, aspect words) beyond the stop words. */
const BREAK_WORDS = [
  "已",
  "均",
  "共",
  "累计",
  "分别",
  "全部",
  "基本",
  "预计",
  "实现",
  "完成",
  "达到",
  "达",
  "超过",
  "突破",
  "为",
  "是",
  "占",
  "比",
  "较",
  "同比",
  "由",
  "从",
  "到",
  "至",
  "增加",
  "减少",
  "下降",
  "降低",
  "提高",
  "上升",
  "增长",
  "控制",
  "保持",
  "力争",
  "争取",
  "确保",
  "全年",
  "年内",
  "当年",
  "全省",
  "全市",
  "全区",
  "全县",
  "我省",
  "我市",
  "我区",
  "新增",
  "新建",
  "新开",
  "新改",
  "建成",
  "解决",
  "惠及",
  "带动",
  "覆盖",
  "其中",
  "以上",
  "左右",
  "以内",
  "接待",
  "累积",
  "共计",
  "净增",
  "涨幅",
  "增幅",
  "降幅",
  "削减",
  "压减",
  "减排",
  "缩减",
  "年均",
  "要",
  "超",
  "口径",
  "可比",
  "按",
  "培育",
  "打造",
  "创建",
  "争创",
  "引进",
  "认定",
  "新改建",
  "改扩建",
  "新改扩建",
  "减",
  "增",
  "降",
  "提",
  "升",
  "在",
  "内",
  "计",
].sort((a, b) => b.length - a.length);

/** Function words that end a noun phrase (的, 和, 等…; unlike stop-words.ts's FUNCTION_CHARS, not 有, 新, 全: 既有建筑, 新区). */
const PHRASE_BREAK = new Set("的了和与及或等对为将把被从向于以其之并而也又且".split(""));

/** Generic measure nouns that say how a thing is counted, not what it is (蔬菜大棚面积 → 蔬菜大棚). */
const MEASURE_NOUNS = /(面积|数量|总量|规模|总数|人数|个数|总额|额|数)$/;

/** Count measure words: the noun they count follows them (20条道路, 3所学校). */
const COUNT_UNITS =
  /^(条|个|座|所|家|项|栋|套|间|张|处|辆|台|名|户|件|批|只|头|部|场|艘|架|盏|株|棵|种|组)$/;

const FLOW =
  /(新增|新建|新开通|新开工|新开|新培育|新认定|新引进|新改建|新改|净增|新发展|新落户|新注册|新招|新登记|新创建|新创|新打造|新评)/;
const STOCK = /(达到|达|总数|总量|累计|共有|发展到|增加到|增至|增长到|保有量|拥有|已有|突破)/;

/** Stop words of retrieval that are nouns of a phrase here (国家生态文明建设示范区, 城市道路). */
const PHRASE_NOUNS = new Set([
  "国家",
  "城市",
  "社会",
  "经济",
  "全国",
  "自治区",
  "服务",
  "政府",
  "群众",
  "项目",
  "工程",
]);

/** A stop word that ends a noun phrase (the retrieval stop words minus PHRASE_NOUNS). */
function isPhraseStop(w: string): boolean {
  return STOP_WORDS.has(w) && !PHRASE_NOUNS.has(w);
}

/** Words that are one name though they hold a break word (规模以上, 增加值). */
const PROTECTED = ["规模以上", "增加值", "生产总值"];

function isBreakAt(text: string, i: number): number {
  for (const p of PROTECTED) if (text.startsWith(p, i)) return 0;
  for (const w of BREAK_WORDS) if (text.startsWith(w, i)) return w.length;
  for (let len = 4; len >= 2; len--)
    if (i + len <= text.length && isPhraseStop(text.slice(i, i + len))) return len;
  return 0;
}

/** Han run after `end` up to punctuation, a digit, a function character or a break word. */
/** A character a noun phrase may hold: Han, or a Latin letter (升A企业, 5G基站). */
function isPhraseChar(ch: string): boolean {
  return isHan(ch) || /[a-z]/i.test(ch);
}

function phraseAfter(text: string, end: number, limit = 10): string {
  let out = "";
  while (end < text.length && /\s/.test(text[end])) end++;
  for (let i = end; i < text.length && out.length < limit;) {
    const name = PROTECTED.find((p) => text.startsWith(p, i));
    if (name) {
      out += name;
      i += name.length;
      continue;
    }
    const ch = text[i];
    if (!isPhraseChar(ch) || PHRASE_BREAK.has(ch)) break;
    if (isBreakAt(text, i)) break;
    out += ch;
    i++;
  }
  return out;
}

/**
 * Han run before `start`: first skips the verbs and adverbs right before the number (完成, 达到,
 * 新建…) and a list's closing 等, then takes characters back to punctuation, a digit, a function
 * character or a break word; quotation marks inside are passed over (省级“专精特新”企业).
 */
function phraseBefore(text: string, start: number, limit = 16): string {
  let i = start;
  let both = false;
  // skip trailing break words (they may stack: 全年新增, 实现再就业 keeps 再就业)
  for (let guard = 0; guard < 4; guard++) {
    let skipped = false;
    for (let len = 4; len >= 1; len--) {
      if (i - len < 0) continue;
      const w = text.slice(i - len, i);
      if (partOfName(text, i - len, i)) continue;
      if (BREAK_WORDS.includes(w) || (len >= 2 && isPhraseStop(w))) {
        if (w === "均" || w === "都") both = true;
        i -= len;
        skipped = true;
        break;
      }
    }
    if (!skipped) break;
  }
  // 企业技术中心、重点实验室等250家: the figure counts the list; its last item stands for it
  if (text[i - 1] === "等") i--;
  let from = i;
  let out = "";
  while (from > 0 && out.length < limit) {
    const ch = text[from - 1];
    if (QUOTES.test(ch)) {
      from--;
      continue;
    }
    const name = PROTECTED.find((p) => text.slice(Math.max(0, from - p.length), from) === p);
    if (name) {
      out = name + out;
      from -= name.length;
      continue;
    }
    if (!isPhraseChar(ch) || PHRASE_BREAK.has(ch)) break;
    // a break word ending here stops the phrase
    let stop = false;
    for (let len = 4; len >= 2 && !stop; len--) {
      if (from - len < 0) continue;
      const w = text.slice(from - len, from);
      if (partOfName(text, from - len, from)) continue;
      if (isPhraseStop(w) || BREAK_WORDS.includes(w)) stop = true;
    }
    if (stop) break;
    out = ch + out;
    from--;
  }
  // 二氧化硫排放量和化学需氧量均削减5.5%: the figure counts every item joined before 均/都
  if (both && from > 0 && /[和与及、]/.test(text[from - 1])) {
    const more = phraseBefore(text, from - 1, limit);
    if (more) return more + "|" + out;
  }
  return out;
}

const QUOTES = /[“”"「」《》]/;

/** A break word that is part of a name (增加值, 规模以上企业): it does not end the phrase there. */
function partOfName(text: string, start: number, end: number): boolean {
  const w = text.slice(start, end);
  if (text[end] === "值" && /增加$|总$/.test(w)) return true;
  return w === "以上" && text.slice(start - 2, start) === "规模";
}

/**
 * How far a subject is looked for around a figure: a clause or sentence longer than this is not
 * read further, so that the work per figure stays bounded whatever the text (issue 12).
 */
export const SUBJECT_WINDOW = 200;

/** The clause around [start, end): from the previous clause break to the next one (within the window). */
function clauseBounds(text: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  const floor = Math.max(0, start - SUBJECT_WINDOW);
  while (from > floor && !/[，,；;。！？!?、\n]/.test(text[from - 1])) from--;
  let to = end;
  const ceiling = Math.min(text.length, end + SUBJECT_WINDOW);
  while (to < ceiling && !/[，,；;。！？!?、\n]/.test(text[to])) to++;
  return { from, to };
}

/** Start of the sentence holding `at`, at most SUBJECT_WINDOW back. */
function sentenceStart(text: string, at: number): number {
  let i = at;
  const floor = Math.max(0, at - SUBJECT_WINDOW);
  while (i > floor && !/[。；;！？!?\n]/.test(text[i - 1])) i--;
  return i;
}

/**
 * For a figure in a 分别 list (城镇居民…14785元，农民人均纯收入5130元，分别增长10%和7%), the item of
 * the list it belongs to; null when the figure is not in such a list. `earlier`: the starts of the
 * same-kind figures before this one within the window.
 */
function distributedItem(
  text: string,
  start: number,
  earlier: number[],
): { phrase: string; indicator: string | null } | null {
  const from = sentenceStart(text, start);
  const at = text.slice(from, start).lastIndexOf("分别");
  if (at < 0) return null;
  const split = from + at;
  // the figure's rank among the same-kind figures after 分别
  const rank = earlier.filter((s) => s > split).length;
  const before = text.slice(from, split);
  const mentions = findIndicators(before);
  // one mention that stands for several indicators (城乡居民收入 → urban, rural)
  const ids: string[] = [];
  for (const m of mentions) ids.push(m.id);
  if (ids.length > rank) return { phrase: "", indicator: ids[rank] };
  const items = before
    .split(/[，,、和及与]/)
    .map((s) => s.replace(/[\d.%]+[\u4e00-\u9fff]{0,3}$/, ""))
    .filter((s) => /[\u4e00-\u9fff]{2}/.test(s));
  if (items.length > rank) return { phrase: items[rank], indicator: null };
  return null;
}

function cleanPhrase(p: string): string {
  let s = p;
  // strip leading break words (预计全省…) and trailing measure nouns
  for (let guard = 0; guard < 4; guard++) {
    const n = isBreakAt(s, 0);
    if (!n) break;
    s = s.slice(n);
  }
  return s.replace(MEASURE_NOUNS, "");
}

/**
 * The subject of the figure at [start, end) of `text` (folded). `earlierSameKind`: the starts of the
 * figures of the same unit and kind before it within SUBJECT_WINDOW (for 分别 lists).
 */
export function figureSubject(
  text: string,
  start: number,
  end: number,
  unit: string,
  options: { earlierSameKind?: number[] } = {},
): FigureSubject {
  const clause = clauseBounds(text, start, end);
  const lead = text.slice(clause.from, start);
  const flow = FLOW.test(lead);
  const kind = flow ? "flow" : STOCK.test(lead) ? "stock" : null;
  const dist = options.earlierSameKind
    ? distributedItem(text, start, options.earlierSameKind)
    : null;
  if (dist) {
    const phrase = cleanPhrase(dist.phrase);
    const indicators = dist.indicator
      ? [dist.indicator]
      : [...new Set(findIndicators(phrase).map((m) => m.id))];
    return { phrase, head: phrase.slice(-2), indicators, kind };
  }
  // a unit that counts things names its noun after it; else (and as well) the phrase before
  const unitBare = unit.replace(/^(万亿|亿|万|千|百)/, "");
  let after =
    COUNT_UNITS.test(unitBare) || !/[%‰]/.test(unit) ? cleanPhrase(phraseAfter(text, end)) : "";
  // people are counted for a purpose: 378万农村人口的饮水安全 counts 饮水安全 like 373万人饮水安全
  if (unitBare === "人" && after) {
    const next = end + phraseAfter(text, end).length;
    if (text[next] === "的") after = cleanPhrase(phraseAfter(text, next + 1)) || after;
  }
  const before = cleanPhrase(phraseBefore(text, start));
  const phrase = [before, after].filter(Boolean).join("|");
  const head = (after || before).slice(-2);
  // indicators: in the phrase, else in the clause before the figure (GDP达到… 亿元), else, for a
  // figure with no phrase of its own (…253.7亿元，同比增长10.1%), the last one named before it in the sentence
  let indicators = [...new Set(findIndicators(phrase.replace(/\|/g, "")).map((m) => m.id))];
  if (!indicators.length) indicators = [...new Set(findIndicators(lead).map((m) => m.id))];
  if (!indicators.length && !phrase) {
    const mentions = findIndicators(text.slice(sentenceStart(text, start), start));
    const last = mentions[mentions.length - 1];
    if (last) indicators = mentions.filter((m) => m.start === last.start).map((m) => m.id);
    return { phrase: "", head: "", indicators, kind };
  }
  return { phrase, head, indicators, kind };
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const part of s.split("|"))
    for (let i = 0; i + 1 < part.length; i++) out.add(part.slice(i, i + 2));
  return out;
}

/** Characters of `phrase` not covered by a bigram it shares with `other`, the head excluded. */
function ownCharacters(phrase: string, shared: Set<string>, head: string): string {
  let out = "";
  for (const part of phrase.split("|")) {
    const covered = new Uint8Array(part.length);
    for (let i = 0; i + 1 < part.length; i++)
      if (shared.has(part.slice(i, i + 2))) covered[i] = covered[i + 1] = 1;
    const h = part.lastIndexOf(head);
    if (head && h >= 0 && h + head.length === part.length) covered.fill(1, h);
    for (let i = 0; i < part.length; i++) if (!covered[i]) out += part[i];
  }
  return out;
}

/** Batch and stage words that do not change what is counted (二期, 首批, 全部…). */
const NEUTRAL =
  /([一二三四五六七八九十\d]期|首批|首期|全部|集中|新|接入|实施|完成|年度|当年|今年|全年|(?:国家|省|市|县|区|自治区)级(?:以上)?|中小)/g;

/** Qualifiers that name opposite sets (公办 vs 民办 幼儿园): one character shared, nothing else. */
const CONTRASTS: [string, string][] = [
  ["公办", "民办"],
  ["国有", "民营"],
  ["城镇", "农村"],
  ["城市", "农村"],
  ["小学", "中学"],
  ["初中", "高中"],
];

export type SubjectMatch = "same" | "different" | "unknown";

/**
 * Whether a target's subject and a reported figure's subject are the same thing:
 * - both name headline indicators: same when they share one, else different;
 * - else the heads must agree (one phrase contains the other's head, or both heads end in the same
 *   character: 公路 ~ 道路), and the phrases must not both carry qualifiers the other lacks
 *   (城区 道路 vs 棚改配套 道路: different programmes);
 * - a flow (新增3条) never matches a stock (达到34条);
 * - unknown when either phrase is empty.
 */
export function sameSubject(target: FigureSubject, reported: FigureSubject): SubjectMatch {
  if (target.kind && reported.kind && target.kind !== reported.kind) return "different";
  if (target.indicators.length && reported.indicators.length) {
    return target.indicators.some((id) => reported.indicators.includes(id)) ? "same" : "different";
  }
  // one names a headline indicator and the other does not (再就业 vs 高校毕业生就业, 外贸出口 vs 外贸进出口)
  if (target.indicators.length > 0 !== reported.indicators.length > 0) {
    return target.phrase && reported.phrase ? "different" : "unknown";
  }
  if (!target.phrase || !reported.phrase) return "unknown";
  const tp = target.phrase;
  const rp = reported.phrase;
  const tHead = target.head;
  const rHead = reported.head;
  // the report must name what the target counts (企业上云 is not 企业), or a noun of the same kind (公路 ~ 道路)
  const headsAgree =
    (tHead.length === 2 && rp.replace(/\|/g, "").includes(tHead)) ||
    (tHead.length > 0 && rHead.length > 0 && tHead.slice(-1) === rHead.slice(-1));
  if (!headsAgree) return "different";
  for (const [a, b] of CONTRASTS) {
    if (
      (tp.includes(a) && rp.includes(b) && !rp.includes(a)) ||
      (tp.includes(b) && rp.includes(a) && !rp.includes(b))
    )
      return "different";
  }
  const tg = bigrams(tp);
  const rg = bigrams(rp);
  const shared = new Set([...tg].filter((g) => rg.has(g)));
  // a head both name is no qualifier; of heads that only end alike (公路, 道路) the shared last character is not either
  const flat = (p: string) => p.replace(/\|/g, "");
  const tOwn = ownCharacters(
    tp,
    shared,
    flat(rp).includes(tHead) ? tHead : tHead.slice(-1),
  ).replace(NEUTRAL, "");
  const rOwn = ownCharacters(
    rp,
    shared,
    flat(tp).includes(rHead) ? rHead : rHead.slice(-1),
  ).replace(NEUTRAL, "");
  if (tOwn.length >= 2 && rOwn.length >= 2) return "different";
  return "same";
}
