/**
 * The section tree of a report: top-level review / plan / five-year / list / appendix
 * sections, the plan's subsections ((一) / （一） / 一、), their topic sentences, and the
 * headline-target and numbered-list blocks. Works on the analysis text (normalizeForParse)
 * so simplified/traditional and full/half-width punctuation look the same; every offset is
 * an offset into the source text too.
 */
import { checkParseBudget } from "./budget";
import { spanIndexAt, spansBetween } from "./span-search";
import type {
  ReportBlock,
  ReportSection,
  ReportSubsection,
  Span,
  Topic,
  TopSectionKind,
} from "./types";

export type HeadingMarker = "cn" | "paren" | "plain";

/** A paragraph, with the heading it starts with (if any) split off. */
export type ParagraphInfo = Span & {
  heading?: {
    marker: HeadingMarker;
    num: number;
    start: number;
    end: number;
    /** Title without the numbering marker, as analysis text. */
    title: string;
  };
  /** Where the paragraph's content starts (after an inline heading), or `end` if none. */
  contentStart: number;
};

const CN_NUM: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** Convert a small Chinese ordinal (一 … 九十九) to a number. */
export function parseOrdinal(s: string): number {
  if (s.length === 1) return CN_NUM[s] ?? 0;
  if (s[0] === "十") return 10 + (CN_NUM[s[1]] ?? 0);
  if (s[1] === "十") return (CN_NUM[s[0]] ?? 0) * 10 + (s[2] ? (CN_NUM[s[2]] ?? 0) : 0);
  return 0;
}

export const REVIEW_RE = /(回顾|工作情况|工作总结|发展成就|取得.{0,4}成就|主要成就)/;
export const FIVE_YEAR_RE = /(十[一二三四五六七八九]五|今后五年|未来五年)/;
export const PLAN_RE =
  /(安排|任务|目标|部署|工作要点|打算|重点工作|主要工作|工作建议|工作的建议|工作思路)/;
export const LIST_RE = /(实事|民生工程|惠民工程|民生项目)/;
export const APPENDIX_RE = /^(附[::件录]?$|附[::]|.{0,12}(相关注释|名词解释|注释)$)/;

/** Detect a heading at the start of a paragraph (numbered 一、/(一) or a short keyword line). */
export function describeParagraph(a: string, p: Span): ParagraphInfo {
  checkParseBudget();
  const text = a.slice(p.start, p.end);
  const info: ParagraphInfo = { ...p, contentStart: p.end };
  let marker: HeadingMarker | null = null;
  let numText = "";
  let markerLen = 0;
  let m = /^([一二三四五六七八九十]{1,3})、/.exec(text);
  if (m) {
    marker = "cn";
    numText = m[1];
    markerLen = m[0].length;
  } else if ((m = /^\(([一二三四五六七八九十]{1,3})\)/.exec(text))) {
    marker = "paren";
    numText = m[1];
    markerLen = m[0].length;
  }
  if (marker) {
    const rest = text.slice(markerLen);
    const stop = rest.search(/[。!?]/);
    const ws = rest.search(/[ \t\u00a0]/);
    let titleLen = -1;
    let contentOffset = -1;
    if (ws >= 2 && ws <= 60 && (stop < 0 || ws < stop)) {
      titleLen = ws;
      contentOffset = ws;
    } else if (stop >= 2 && stop <= 60) {
      titleLen = stop;
      contentOffset = stop + 1;
    } else if (stop < 0 && rest.length <= 70) {
      titleLen = rest.length;
    }
    if (titleLen >= 2) {
      const title = rest.slice(0, titleLen).replace(/[::]$/, "");
      const end = p.start + markerLen + title.length;
      info.heading = { marker, num: parseOrdinal(numText), start: p.start, end, title };
      if (contentOffset >= 0) {
        let cs = p.start + markerLen + contentOffset;
        while (cs < p.end && /[\s。]/.test(a[cs])) cs++;
        info.contentStart = cs < p.end ? cs : p.end;
      }
      return info;
    }
    info.contentStart = p.start;
    return info;
  }
  // Unnumbered headings: short keyword lines such as 2017年工作回顾, 2018年惠民实事, 附:
  if (text.length <= 40 && !/[。,;!?]/.test(text)) {
    const t = text.replace(/[::]$/, "");
    if (
      APPENDIX_RE.test(text) ||
      REVIEW_RE.test(t) ||
      LIST_RE.test(t) ||
      (PLAN_RE.test(t) && /(\d{4}年|今年|明年)/.test(t))
    ) {
      info.heading = { marker: "plain", num: 0, start: p.start, end: p.start + t.length, title: t };
      return info;
    }
  }
  info.contentStart = p.start;
  return info;
}

function classify(title: string): TopSectionKind {
  if (APPENDIX_RE.test(title)) return "appendix";
  if (REVIEW_RE.test(title) && !/(安排|任务)/.test(title)) return "review";
  // “十五五”时期主要目标和2026年重点工作, 对今后五年和2003年政府工作的建议: the year's tasks are the plan.
  if (FIVE_YEAR_RE.test(title) && !/(\d{4}年|今年)(的)?(政府)?(主要|重点)?(工作|任务)/.test(title))
    return "fiveYear";
  if (LIST_RE.test(title)) return "list";
  if (PLAN_RE.test(title)) return "plan";
  return "other";
}

/**
 * The kind of a top-level section whose heading says nothing (一、一年接着一年干，新福建建设持续取得
 * 新成效 / 三、一鼓作气勇争先，全力推动“十五五”良好开局): read from how its text opens. A plan opens on
 * this year (2026年是…开局之年, 今年…); a review on the year gone (过去一年, 2025年…); five-year goals
 * on the five years ahead. `planYear` is the report's year when the header states it.
 */
/** The first year of the five-year plan named “十X五” (十一五 = 2006–2010, 十五五 = 2026–2030), or null. */
export function fiveYearPlanStart(name: string): number | null {
  const m = /十([一二三四五六七八九])五/.exec(name);
  if (!m) return null;
  const n = 10 + "一二三四五六七八九".indexOf(m[1]) + 1;
  return 1966 + 5 * (n - 3);
}

function classifyByContent(opening: string, planYear: number | null): TopSectionKind {
  const t = opening.slice(0, 240);
  // “十X五”时期… opens a review of a past period or the goals of the period ahead: the year tells.
  const period = fiveYearPlanStart(t.slice(0, 20));
  if (period !== null && planYear !== null) {
    if (period + 4 < planYear) return "review";
    if (/^.{0,12}(\d{4}年|今年)是/.test(t) && new RegExp(`^.{0,12}(${planYear}年|今年)`).test(t))
      return "plan";
    return "fiveYear";
  }
  const thisYear = planYear
    ? new RegExp(`^.{0,12}(${planYear}年|今年|新的一年)`)
    : /^.{0,12}(今年|新的一年)/;
  const lastYear = planYear
    ? new RegExp(`^.{0,12}(${planYear - 1}年|过去一年|过去的一年|一年来|刚刚过去)`)
    : /^.{0,12}(过去一年|过去的一年|一年来|刚刚过去)/;
  if (lastYear.test(t) || /^.{0,12}(过去五年|五年来|“十[一二三四五六七八九]五”(时期|以来))/.test(t))
    return "review";
  if (thisYear.test(t) || /(主要预期目标|总体要求是|重点抓好|重点做好)/.test(t)) return "plan";
  if (
    /^.{0,30}(今后五年|未来五年|“十[一二三四五六七八九]五”(时期|期间)?.{0,12}(目标|任务|规划))/.test(
      t,
    )
  )
    return "fiveYear";
  return "other";
}

/** The report's year as its title states it (2026年北京市政府工作报告, 河北省2009年政府工作报告), or null. */
function titleYear(a: string, body: Span): number | null {
  const m =
    /((?:19|20)\d{2})年[^\n。]{0,24}政府工作报告|政府工作报告[^\n。]{0,4}?((?:19|20)\d{2})/.exec(
      a.slice(Math.max(0, body.start - 2000), body.start + 1500),
    );
  return m ? Number(m[1] ?? m[2]) : null;
}

type Top = { info: ParagraphInfo; kind: TopSectionKind; continuesPlan: boolean };

/** The result of structural analysis over the body paragraphs. */
export type ReportStructure = {
  /** "five-year" when the report has no plan for its year and its five-year tasks stand in for it. */
  planScope: "annual" | "five-year";
  sections: ReportSection[];
  blocks: ReportBlock[];
  paragraphs: ParagraphInfo[];
};

/**
 * Build the section tree from the body paragraphs. `source` supplies headings as written.
 * Returns no sections when neither a review nor a plan heading can be found.
 */
export function buildStructure(
  source: string,
  a: string,
  body: Span,
  paragraphs: ParagraphInfo[],
): ReportStructure {
  const heads = paragraphs.filter((p) => p.heading && p.heading.marker !== "paren");
  const planYear = titleYear(a, body);
  // A heading's kind by its words, or, for a numbered heading that says nothing, by its text.
  const kinds = new Map<ParagraphInfo, TopSectionKind>();
  const paragraphIndex = new Map(paragraphs.map((p, i) => [p, i]));
  const classifyHead = (p: ParagraphInfo): TopSectionKind => {
    let kind = kinds.get(p);
    if (kind) return kind;
    kind = classify(p.heading!.title);
    // A heading that names a five-year plan only in passing (全力推动“十五五”开好局、起好步) is read by its text too.
    const vagueFiveYear =
      kind === "fiveYear" &&
      !/(时期|期间|规划|目标|任务|今后五年|未来五年|纲要)/.test(p.heading!.title);
    if ((kind === "other" || vagueFiveYear) && p.heading!.marker === "cn") {
      let opening = p.contentStart < p.end ? a.slice(p.contentStart, p.end) : "";
      for (
        let i = paragraphIndex.get(p)! + 1;
        opening.length < 120 && i < paragraphs.length && !paragraphs[i].heading;
        i++
      )
        opening += a.slice(paragraphs[i].start, paragraphs[i].end);
      kind = classifyByContent(opening, planYear);
    }
    kinds.set(p, kind);
    return kind;
  };
  let review = heads.find((p) => classifyHead(p) === "review");
  let topMarker: HeadingMarker | null = review ? review.heading!.marker : null;
  // 一、2019年的主要工作 … 二、2020年工作安排: of two plan-like headings, the one about an earlier
  // year is the review.
  if (!review) {
    const yearOf = (p: ParagraphInfo) =>
      Number(/((?:19|20)\d{2})年/.exec(p.heading!.title)?.[1] ?? NaN);
    const planLike = heads.filter((p) => p.heading!.marker === "cn" && classifyHead(p) === "plan");
    // The first one with a later year after it: the latest year after each heading, computed
    // once from the end (comparing every pair was quadratic in the number of headings).
    const years = planLike.map(yearOf);
    const laterMax = new Array<number>(planLike.length);
    for (let i = planLike.length - 1, max = -Infinity; i >= 0; i--) {
      laterMax[i] = max;
      if (!Number.isNaN(years[i])) max = Math.max(max, years[i]);
    }
    const earlier = planLike.find((_, i) => laterMax[i] > years[i]);
    if (earlier) {
      review = earlier;
      topMarker = "cn";
    }
  }

  // The plan: first plan-like heading after the review with the same numbering style.
  const reviewStart = review?.start;
  const after = reviewStart !== undefined ? heads.filter((p) => p.start > reviewStart) : heads;
  const sameStyle = (p: ParagraphInfo) =>
    !topMarker || p.heading!.marker === topMarker || p.heading!.marker === "plain";
  let plan = after.find((p) => sameStyle(p) && classifyHead(p) === "plan");
  if (!plan && topMarker === "cn") {
    plan = after.find((p) => p.heading!.marker === "cn" && classifyHead(p) === "other");
  }
  // A review heading without a keyword (一、过去一年的工作, 一、2019年政府工作): the 一、 heading
  // right before a numbered plan, when it is not a five-year, list or appendix section.
  if (!review && plan && plan.heading!.marker === "cn" && plan.heading!.num > 1) {
    const first = heads
      .filter((p) => p.start < plan!.start && p.heading!.marker === "cn" && p.heading!.num === 1)
      .pop();
    if (first && classifyHead(first) === "other") {
      review = first;
      topMarker = "cn";
    }
  }
  // A five-year-plan report with no section of its own for this year (河北 2011: 二、“十二五”时期
  // 经济社会发展的主要任务): its five-year tasks are the plan, and the structure says so.
  let planScope: ReportStructure["planScope"] = "annual";
  if (!plan) {
    plan = after.find((p) => sameStyle(p) && classifyHead(p) === "fiveYear");
    if (plan) planScope = "five-year";
  }
  if (!review && !plan) return { sections: [], blocks: [], paragraphs, planScope };
  const style = topMarker ?? plan!.heading!.marker;

  // Top-level headings: numbered siblings in sequence plus keyword lines.
  const tops: Top[] = [];
  let lastNum = 0;
  for (const p of heads) {
    const h = p.heading!;
    if (review && p.start < review.start) continue;
    if (!review && plan && p.start < plan.start) continue;
    const kind = classifyHead(p);
    if (style === "cn" && h.marker === "cn") {
      if (p === review || p === plan || (lastNum > 0 && h.num === lastNum + 1)) {
        tops.push({
          info: p,
          kind: p === plan ? "plan" : p === review ? "review" : kind,
          continuesPlan: false,
        });
        lastNum = h.num;
      }
    } else if (h.marker === "plain") {
      if (kind !== "other")
        tops.push({ info: p, kind: p === plan ? "plan" : kind, continuesPlan: false });
    }
  }
  // Sections after the plan continue it unless they are lists, appendices or five-year goals.
  let seenPlan = false;
  for (const t of tops) {
    if (t.info === plan) {
      seenPlan = true;
      t.kind = "plan";
      continue;
    }
    if (
      seenPlan &&
      (t.kind === "other" || t.kind === "plan" || t.kind === "review") &&
      t.info.heading!.marker === "cn"
    ) {
      t.kind = "plan";
      t.continuesPlan = true;
    } else if (seenPlan && t.kind === "plan" && t.info.heading!.marker === "plain") {
      t.continuesPlan = true;
    }
  }

  const sections: ReportSection[] = tops.map((t, i) => {
    const h = t.info.heading!;
    const end = i + 1 < tops.length ? tops[i + 1].info.start : body.end;
    return {
      kind: t.kind,
      continuesPlan: t.continuesPlan,
      heading: source.slice(h.start, h.end),
      headingStart: h.start,
      headingEnd: h.end,
      start: h.start,
      end: trimEnd(a, h.start, end),
      subsections: [],
    };
  });

  // The plan ends where the plan ends: closing words (各位代表！…) after its last task are not part of it.
  for (const x of sections)
    if (x.kind === "plan" || x.kind === "list") x.end = closingStart(a, x, paragraphs);
  for (const s of sections) s.subsections = buildSubsections(source, a, s, paragraphs, style);
  const blocks = findBlocks(source, a, sections, paragraphs);
  return { sections, blocks, paragraphs, planScope };
}

const CLOSING = /^(各位代表|同志们|女士们)/;
const EXHORTATION =
  /(让我们|团结在|紧密团结|携起手来|而努力奋斗|而不懈奋斗|而团结奋斗|努力奋斗[!。]?\s*$|奋勇前进|砥砺前行|续写|谱写|开创[^。]{0,12}新(局面|篇章|辉煌)|新的更大贡献[!。]?\s*$|实干成就梦想)/;
const LIST_ITEM =
  /^(\d{1,2}[、.]|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}[、是]|\([一二三四五六七八九十]{1,3}\))/;

/**
 * Where a section's closing words begin, or its end when it has none: the last paragraph opening
 * with 各位代表/同志们 after which no heading, list item or figure follows, at most six paragraphs
 * from the end. A 各位代表 paragraph followed by more tasks (各位代表！今年，我们继续安排20件民生实事：
 * then 1、2、…) is part of the plan.
 */
function closingStart(
  a: string,
  s: Span & { headingStart: number },
  paragraphs: ParagraphInfo[],
): number {
  const inside = spansBetween(paragraphs, s.headingStart + 1, s.end, true);
  let end = s.end;
  let exhorted = false;
  for (let i = inside.length - 1; i >= Math.max(0, inside.length - 6); i--) {
    const p = inside[i];
    const t = a.slice(p.contentStart, p.end);
    if (p.heading || LIST_ITEM.test(a.slice(p.start, p.start + 4))) break;
    if (/\d+(\.\d+)?\s*(%|亿|万|个|项|件)/.test(t)) break;
    // Closing words call to action (让我们…, …而努力奋斗！); a 各位代表 paragraph that lays out
    // more work (各位代表，完成今年目标任务，必须把政府自身建设得更加坚强有力。我们要…) is not one.
    exhorted ||= EXHORTATION.test(t);
    // The earliest of the closing paragraphs at the end (同志们，… then 各位代表，…).
    if (
      CLOSING.test(t.slice(0, 4)) &&
      exhorted &&
      (end === s.end ? EXHORTATION.test(t) : t.length < 400)
    )
      end = trimEnd(a, s.headingStart, p.start);
  }
  return end;
}

function trimEnd(a: string, start: number, end: number): number {
  while (end > start && /\s/.test(a[end - 1])) end--;
  return end;
}

function buildSubsections(
  source: string,
  a: string,
  s: ReportSection,
  paragraphs: ParagraphInfo[],
  style: HeadingMarker,
): ReportSubsection[] {
  const inside = spansBetween(paragraphs, s.headingStart, s.end, true);
  let subMarker: HeadingMarker = "paren";
  if (style === "plain") {
    const first = inside.find((p) => p.heading && p.heading.marker !== "plain");
    if (first) subMarker = first.heading!.marker;
  }
  const subs = inside.filter((p) => p.heading && p.heading.marker === subMarker);
  // `inside` and `subs` are in text order and the subsections do not overlap, so one cursor walks
  // the paragraphs once (filtering `inside` per subsection was quadratic: minutes for 20 MB).
  let cursor = 0;
  return subs.map((p, i) => {
    const h = p.heading!;
    const end = i + 1 < subs.length ? subs[i + 1].start : s.end;
    const sub: ReportSubsection = {
      heading: source.slice(h.start, h.end),
      headingStart: h.start,
      headingEnd: h.end,
      start: h.start,
      end: trimEnd(a, h.start, end),
      topics: [],
    };
    while (cursor < inside.length && inside[cursor].start < p.start) cursor++;
    for (let k = cursor; k < inside.length && inside[k].start < sub.end; k++) {
      const q = inside[k];
      checkParseBudget();
      if (/^(各位代表|同志们)/.test(a.slice(q.contentStart, q.contentStart + 4))) continue;
      const topic = findTopic(source, a, q);
      if (topic) sub.topics.push(topic);
    }
    return sub;
  });
}

const ORDINAL_PREFIX =
  /^(?:[一二三四五六七八九十]{1,2}(?:是|要)|另一方面要?|一方面要?|第[一二三四五六七八九十]{1,2}要|第[一二三四五六七八九十]{1,2}[,、]?|首先,?|其次,?|特别是要?|\d{1,2}[、.]|\(\d{1,2}\)|[①②③④⑤⑥⑦⑧⑨⑩])/;

/** Length of a leading ordinal such as 一是, 二要, 第一, 1、, (1), ① (0 when none). */
export function ordinalPrefixLength(text: string): number {
  const m = ORDINAL_PREFIX.exec(text);
  return m ? m[0].length : 0;
}

/**
 * The topic sentence a paragraph opens with ("加快商贸服务业发展。", "1、优化教育资源配置:"),
 * or null. A topic is short, ends in 。 (or : for list items) and is followed by more text.
 */
export function findTopic(source: string, a: string, p: ParagraphInfo): Topic | null {
  const start = p.contentStart;
  if (start >= p.end) return null;
  const text = a.slice(start, p.end);
  const ord = ordinalPrefixLength(text);
  const isItem = /^\d{1,2}[、.]/.test(text);
  const stop = isItem ? text.search(/[::。]/) : text.search(/[。!?;]/);
  if (stop < 0 || stop + 1 >= text.length) return null;
  const sentence = text.slice(ord, stop);
  const len = sentence.length;
  if (len < 2) return null;
  const commas = (sentence.match(/,/g) || []).length;
  const limit = isItem ? 30 : commas === 0 ? 22 : commas === 1 ? 18 : 0;
  if (len > limit || /[::]/.test(sentence)) return null;
  // "2020年是…之年" or "X是Y" statements are not topics.
  if (
    /是/.test(sentence.replace(/^[一二三四五六七八九十]是/, "")) &&
    /(之年|关键|基础|保障|动力|前提|根本)/.test(sentence)
  )
    return null;
  const s = start + ord;
  return { text: source.slice(s, s + len), start: s, end: s + len };
}

const TARGETS_LEAD = /(预期目标|主要目标|预期指标|主要指标|发展目标)(是|为)?[::]/;
const INDICATOR =
  /(生产总值|GDP|收入|投资|零售总额|增加值|进出口|就业|失业率|价格|能耗|利用外资|到位资金)/;

/** Headline-target blocks in plan sections, and numbered lists (惠民实事…). */
function findBlocks(
  source: string,
  a: string,
  sections: ReportSection[],
  paragraphs: ParagraphInfo[],
): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  for (const s of sections) {
    if (s.kind === "list") {
      blocks.push({ kind: "list", heading: s.heading, start: s.start, end: s.end });
      continue;
    }
    if (s.kind !== "plan") continue;
    const firstSub = s.subsections.length ? s.subsections[0].start : s.end;
    const insideFrom = spanIndexAt(paragraphs, s.headingStart);
    const inside = spansBetween(paragraphs, s.headingStart, s.end);
    for (const p of inside) {
      checkParseBudget();
      if (p.start >= firstSub) break;
      if (p.contentStart >= p.end) continue;
      const text = a.slice(p.contentStart, p.end);
      const lead = TARGETS_LEAD.exec(text);
      if (lead) {
        const hs = p.contentStart;
        const he = p.contentStart + lead.index + lead[0].length - 1;
        blocks.push({
          kind: "targets",
          heading: source.slice(hs, he),
          start: p.contentStart,
          end: p.end,
        });
        continue;
      }
      // Targets stated inside a framing paragraph: "初步确定明年全区地区生产总值…同比增长15%,…".
      const sentences = splitSentencesSimple(a, p.contentStart, p.end);
      const hits = sentences.filter((x) => {
        const t = a.slice(x.start, x.end);
        return INDICATOR.test(t) && /(增长|增速|达到)\s*\d+(\.\d+)?%/.test(t);
      });
      if (hits.length) {
        blocks.push({
          kind: "targets",
          heading: "主要预期目标",
          start: hits[0].start,
          end: hits[hits.length - 1].end,
        });
      }
    }
    // Numbered lists inside a plan: three or more consecutive paragraphs 1、 2、 3、…
    let run: ParagraphInfo[] = [];
    let runFrom = 0; // index in `paragraphs` of run[0] (looking it up per run was quadratic)
    const flush = () => {
      if (run.length >= 3) {
        const prev = runFrom > 0 ? paragraphs[runFrom - 1] : null;
        const prevText = prev ? a.slice(prev.start, prev.end) : "";
        const heading =
          prev && prevText.length <= 60 && /[::]$/.test(prevText)
            ? source.slice(prev.start, prev.end - 1)
            : "";
        blocks.push({ kind: "list", heading, start: run[0].start, end: run[run.length - 1].end });
      }
      run = [];
    };
    inside.forEach((p, k) => {
      const m = /^(\d{1,2})[、.]/.exec(a.slice(p.start, p.start + 4));
      if (m && Number(m[1]) === run.length + 1) {
        if (!run.length) runFrom = insideFrom + k;
        run.push(p);
      } else {
        flush();
        if (m && Number(m[1]) === 1) {
          runFrom = insideFrom + k;
          run.push(p);
        }
      }
    });
    flush();
  }
  return blocks.sort((x, y) => x.start - y.start);
}

/** Split [start, end) into sentences at 。!? (trimmed spans, punctuation excluded). */
export function splitSentencesSimple(a: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || /[。!?]/.test(a[i])) {
      let ss = s;
      let ee = i;
      while (ss < ee && /\s/.test(a[ss])) ss++;
      while (ee > ss && /\s/.test(a[ee - 1])) ee--;
      if (ee > ss) out.push({ start: ss, end: ee });
      s = i + 1;
    }
  }
  return out;
}
