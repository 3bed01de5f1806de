/**
 * Numeric targets: a number (Arabic, decimal, range, or Chinese numerals) with its unit and
 * comparator, e.g. 增长6%左右, 5万平方米以上, 压缩至1个工作日以内, 打造1-2个, 3至5家, 两所.
 * Works on the analysis text (simplified, half-width), whose offsets equal the source's.
 */
import { checkParseBudget } from "./budget";
import type { Comparator, Target } from "./types";

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Parse a Chinese numeral such as 两, 十, 十五, 三千, 一百二十, 二〇二〇 or 三万五千 into a number;
 * returns null when the string is not a well-formed numeral.
 */
export function parseChineseNumber(s: string): number | null {
  if (!s || !/^[零〇一二两三四五六七八九十百千万亿]+$/.test(s)) return null;
  // Positional digits only (二〇二〇).
  if (!/[十百千万亿]/.test(s)) {
    if (s.length === 1) return CN_DIGITS[s];
    let v = 0;
    for (const ch of s) v = v * 10 + CN_DIGITS[ch];
    return v;
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch];
    } else if (ch in CN_UNITS) {
      section += (digit ?? 1) * CN_UNITS[ch];
      digit = null;
    } else if (ch === "万" || ch === "亿") {
      const mult = ch === "万" ? 1e4 : 1e8;
      section += digit ?? 0;
      if (section === 0) return null;
      total += section * mult;
      section = 0;
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
}

// Units, longest first; magnitude prefixes (万/亿/千/百) are handled separately.
const UNITS = [
  "个百分点",
  "百分点",
  "个工作日",
  "工作日",
  "微克/立方米",
  "毫克/立方米",
  "吨标准煤",
  "平方公里",
  "平方米",
  "立方米",
  "千瓦时",
  "标准煤",
  "公顷",
  "公里",
  "千米",
  "延长米",
  "米",
  "亩",
  "美元",
  "欧元",
  "港元",
  "元",
  "人次",
  "人",
  "户",
  "所",
  "座",
  "条",
  "项",
  "件",
  "名",
  "台",
  "辆",
  "栋",
  "套",
  "间",
  "张",
  "株",
  "棵",
  "公斤",
  "千克",
  "斤",
  "吨",
  "千瓦",
  "天",
  "小时",
  "分钟",
  "批次",
  "次",
  "期",
  "个月",
  "倍",
  "头只",
  "头",
  "只",
  "册",
  "组",
  "盏",
  "篇",
  "架",
  "艘",
  "标箱",
  "家",
  "部",
  "处",
  "场",
  "个",
  "种",
  "床",
  "届",
  "年",
  "千伏安",
  "千伏",
  "兆瓦",
  "%",
  "％",
  "‰",
];
const UNIT_RE = UNITS.join("|");

const NUM = String.raw`\d+(?:\.\d+)?`;
const CN_NUM = "[零〇一二两三四五六七八九十百千]+";
const RANGE_SEP = "(?:-|—|–|~|～|至|到)";
// number [range] [magnitude] unit. Written so that matching stays linear in the text:
// - a number never starts right after a character of its own kind ((?<!\d), (?<!CN)): a match
//   starting inside a run of digits would also start at the run's first digit, which the scan
//   reaches first, so the result is the same, but without the guard every digit of a long run
//   restarted \d+ and backtracked over the rest of the run (quadratic);
// - each optional part carries the whitespace before it, (?:\s*X)?, instead of \s*X?\s*: two
//   adjacent \s* could split a run of k spaces k ways, four of them k⁴ ways. No part starts with
//   whitespace, so the language and the captures are unchanged.
const QUANTITY = new RegExp(
  String.raw`((?<!\d)${NUM}|(?<!${CN_NUM.slice(0, -1)})${CN_NUM})(?:\s*${RANGE_SEP}\s*(${NUM}|${CN_NUM}))?(?:\s*(多|余))?(?:\s*(万亿|亿|万|千|百))?(?:\s*(多|余))?\s*(${UNIT_RE})`,
  "g",
);

const GROWTH_BEFORE =
  /(增长|增加|提高|提升|下降|降低|减少|增速|增幅|降幅|递增|递减|年均增长|同比增长|同比下降|可比增长|上升|回落)(?:了)?\s*$/;
const DOWN_BEFORE = /(下降|降低|减少|递减|降幅|回落|压减|压缩)\s*$/;
const GE_BEFORE =
  /(不低于|不少于|至少|超过|突破|达到|达|(?<!赶)超|提高到|提高至|提升到|提升至|增加到|增加至|增长到|增至|升至|保持在|稳定在|大于|(?<!不)高于)(每人每月|每人每年|每人|人均|每月|每年)?\s*$/;
const LE_BEFORE =
  /(不超过|不高于|控制在|压缩至|压缩到|压减到|压减至|降至|降到|下降到|下降至|减少到|减少至|减至|(?<!不)低于|(?<!不)少于|以内)(每人每月|每人每年|每人|人均|每月|每年)?\s*$/;

/**
 * True when an opening mark stands in [start - reach, start] with no closing mark between it and
 * `start`. Only that window is read: scanning the whole text back from every number (lastIndexOf)
 * made findTargets quadratic, minutes for a 1 MB paragraph of figures (issue 12).
 */
function openedWithin(
  a: string,
  start: number,
  reach: number,
  open: string,
  close: string,
): boolean {
  for (let i = start; i >= 0 && i >= start - reach; i--) {
    if (a[i] === close) return false;
    if (a[i] === open) return true;
  }
  return false;
}

function isIdiomatic(a: string, start: number, end: number, numText: string): boolean {
  const before = a.slice(Math.max(0, start - 1), start);
  const after = a.slice(end, end + 2);
  // Numbers inside quotes or book titles (“十个全覆盖”, 《大连2049城市愿景规划》) are names: an
  // opening quote at most 12 characters back (and its close at most 15 ahead), a 《 at most 29 back.
  if (openedWithin(a, start, 12, "“", "”") && a.slice(start, start + 16).includes("”")) return true;
  if (openedWithin(a, start, 29, "《", "》")) return true;
  if (before === "第" || before === "每" || before === "前" || /[a-zA-Z×*+#]/.test(before))
    return true;
  if (/^[×*+#]/.test(after)) return true;
  // Chinese numerals: accept only unambiguous counts (not 一, not bare 百/千/万).
  if (!/\d/.test(numText)) {
    if (/^[一百千]$/.test(numText)) return true;
    // Place and company names: 小五台, 东三路, 老四中 …
    if (/[小大老东西南北中上下前后新]/.test(before)) return true;
    if (/^[一二三四五六七八九两]{2,}$/.test(numText) && !/^[〇零]/.test(numText)) return true; // 一二, 三四 (ordinal-ish)
  }
  return false;
}

/**
 * Find every numeric target in `a` within [from, to): value (lower bound for ranges, with
 * valueMax), unit with magnitude, comparator (以上/不低于/达到/突破… ">="; 以内/不超过/控制在/压缩至…
 * "<="; 左右 "~"; else "=") and whether it is a growth rate. Years, ordinals (第六届), quoted
 * names and specs like 2×35万千瓦 are skipped.
 */
export function findTargets(a: string, from = 0, to = a.length): Target[] {
  const out: Target[] = [];
  const text = a.slice(from, to);
  QUANTITY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUANTITY.exec(text))) {
    checkParseBudget();
    const start = from + m.index;
    const end = start + m[0].length;
    const [, n1, n2, approx1, mag, approx2, unitRaw] = m;
    if (isIdiomatic(a, start, end, n1)) continue;
    const v1 = /\d/.test(n1) ? parseFloat(n1) : parseChineseNumber(n1);
    if (v1 === null || Number.isNaN(v1)) continue;
    let v2: number | null = null;
    if (n2) {
      v2 = /\d/.test(n2) ? parseFloat(n2) : parseChineseNumber(n2);
      if (v2 === null || v2 <= v1) v2 = null;
    }
    let unit = unitRaw;
    // A 4-digit number followed by 年 is a year, and so is anything followed by 年底/年内.
    if (
      unit === "年" &&
      (/^\d{4}$/.test(n1) || /^(底|内|前|初|中|末|度|的|起|以来|来)/.test(a.slice(end, end + 2)))
    )
      continue;
    if (
      unit === "年" &&
      !/(连续|期限|缩短|延长|用|内)/.test(a.slice(Math.max(0, start - 4), start))
    )
      continue;
    if ((unit === "届" || unit === "期") && !/\d/.test(n1)) continue;
    // 八项规定, 三项制度, 两个确立, 收支两条线: a Chinese numeral naming a set of rules or tenets, not a count.
    if (
      !/\d/.test(n1) &&
      /^(项|个|大|条)$/.test(unitRaw) &&
      /^(规定|原则|要求|制度|意识|自信|维护|确立|坚持|必须|战略|基本|线)/.test(
        a.slice(end, end + 2),
      )
    )
      continue;
    // 三次产业 (the tertiary sector), 二期工程's siblings: names, not counts.
    if (unit === "次" && /^产业/.test(a.slice(end, end + 2))) continue;
    // 三元, 五星 …: Chinese numerals before a currency are company names, not amounts.
    if (/元$/.test(unit) && !mag && !/\d/.test(n1)) continue;
    // Capacity specs inside names (大唐700万吨露天矿, 5万千瓦风电) are not targets.
    if (
      /^(吨|千瓦|千伏|兆瓦|千伏安|立方米)$/.test(unit) &&
      /^[\u4e00-\u9fff]/.test(a.slice(end, end + 1)) &&
      !/^(以上|左右|以内|的)/.test(a.slice(end, end + 2))
    )
      continue;
    if (mag) unit = mag + unit;
    if (unit === "百分点") unit = "个百分点";
    if (unit === "％") unit = "%";
    const lead = a.slice(Math.max(0, start - 8), start);
    const tail = a.slice(end, end + 3);
    let comparator: Comparator = "=";
    if (/^(以上|之上|多|余)/.test(tail) || approx1 || approx2) comparator = ">=";
    if (/^(以内|之内|以下)/.test(tail)) comparator = "<=";
    if (/^(左右|上下)/.test(tail)) comparator = "~";
    if (comparator === "=") {
      if (LE_BEFORE.test(lead)) comparator = "<=";
      else if (GE_BEFORE.test(lead)) comparator = ">=";
    }
    const growth =
      (unit === "%" || unit === "个百分点" || unit === "倍") &&
      GROWTH_BEFORE.test(lead) &&
      !/(提高到|提高至|提升到|提升至|增加到|增长到|下降到|降至|降到)\s*$/.test(lead);
    const target: Target = { value: v1, unit, comparator, growth, start, end };
    if (v2 !== null) target.valueMax = v2;
    if (growth) target.direction = DOWN_BEFORE.test(lead) ? "down" : "up";
    // A range written with the unit on both ends (增长4.5%—5%, 6.5%－7%左右): one target from the first
    // figure to the second, which takes the comparator of the whole.
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.valueMax === undefined &&
      prev.unit === target.unit &&
      target.value > prev.value &&
      /^\s*(-|—|–|－|~|～|至|到)\s*$/.test(a.slice(prev.end, start))
    ) {
      prev.valueMax = target.value;
      prev.end = target.end;
      if (target.comparator !== "=") prev.comparator = target.comparator;
      continue;
    }
    out.push(target);
  }
  return out;
}

/**
 * The main numeric target of a pledge span: the first target in [from, to) that is not a
 * modifier ("2000万元以上的民营企业达到100家" → 100家), else the first target, else null.
 */
export function findMainTarget(a: string, from: number, to: number): Target | null {
  const all = findTargets(a, from, to);
  if (!all.length) return null;
  const head =
    all.find((t) => !/^(以上|以下|左右|多|余)?的/.test(a.slice(t.end, t.end + 3))) ?? all[0];
  // A budget spent on the work ("计划投资80万元…补植2000棵国槐") is a means: the quantity of the
  // work is the target. "完成投资2.5亿元" stays an investment target.
  if (
    /元$/.test(head.unit) &&
    /(计划|拟|安排|共|总|预计)?(投资|投入|筹措|筹集|争取)(资金)?$/.test(
      a.slice(Math.max(from, head.start - 6), head.start),
    ) &&
    !/完成(投资)?$/.test(a.slice(Math.max(from, head.start - 4), head.start))
  ) {
    const work = all.find(
      (t) =>
        t.start > head.end &&
        !/元$/.test(t.unit) &&
        /^[在用于对,]|^[\u4e00-\u9fff]{0,2}(建设|新建|改造|实施|补植|栽植|种植|完成|修建|铺设|新增)/.test(
          a.slice(head.end, head.end + 4),
        ),
    );
    if (work) return work;
  }
  return head;
}
