/**
 * Pledge extraction: break the plan into atomic pledges, each one checkable action or
 * target, anchored to its exact span. Framing (指导思想, 总体要求, subsection openings,
 * closing exhortations, appendix notes) yields nothing.
 *
 * Splitting, in order:
 *  1. sentences at 。!?; (and at : after a short lead-in);
 *  2. clauses at ",": a clause starts a new pledge unless it continues the previous one
 *     (达到/同比/分别/占…) or is a verbless lead-in (按照…要求, 以…为契机, 依托…), which is
 *     left out of every span so spans stay tight around the action. A deadline clause without a
 *     subject of its own ("力争年内取得实质性进展") and a noun phrase continued after a comma
 *     ("集A、B为一体,功能齐全、设施完备的中心") stay with the clause before; a short purpose tail
 *     (为/使/让…) is attached when at most half as long as its action, a long 使/让 result clause is
 *     left out; a percentage glued to the next figure ("达到80%1000平方米…") is cut;
 *  3. inside a clause, coordinated quantities ("10万平方米…改造和31万平方米…工程",
 *     "7所…、10所…和15所…") become one pledge each, except quantities of one shared object
 *     ("完成3800户、58万平方米棚户区改造") and lists under one trailing predicate
 *     ("68公里供水、15公里雨水管网二期工程按期竣工");
 *  4. headline targets: one pledge per indicator. When indicators share one target
 *     ("固定资产投资、一般公共预算收入增长6%") the last indicator's pledge spans from its name
 *     through the target and each earlier indicator's pledge is just its name; every one of
 *     them carries the shared target (spans must be contiguous, so this is the tightest
 *     faithful choice).
 */
import type { ParagraphInfo, ReportStructure } from "./sections";
import { findTopic, ordinalPrefixLength } from "./sections";
import { spanIndexAt, spansBetween } from "./span-search";
import { checkParseBudget } from "./budget";
import { ReportInputError } from "./errors";
import { findMainTarget, findTargets } from "./targets";
import { classifyTier, isNotACommitment } from "./tiers";
import type {
  Pledge,
  PledgeKind,
  ReportBlock,
  ReportSection,
  ReportSubsection,
  Span,
  Target,
} from "./types";

type Draft = Span & {
  section: string;
  topic: string | null;
  origin: Pledge["origin"];
  target?: Target | null;
  title?: string;
};

const FRAMING_PARAGRAPH =
  /^(.{0,30}(指导思想|总体要求|总体思路|基本思路|工作思路|总的要求)(是|为)?[::,]|.{0,12}(为实现|为完成|实现|完成|围绕)上述(目标|任务)|.{0,30}(重点|突出|着力)?(做好|抓好|推进|作好)以下|.{0,6}(今年|明年|\d{4}年)是)/;
const OPENING_CUE =
  /^(坚持|围绕|按照|面对|紧紧|当前|必须|我们|始终|牢固树立|深入贯彻|全面贯彻|认真贯彻|今年|新的一年|做好今年|以[^,]{1,24}为|把[^,]{1,40}(作为|摆在|放在|贯穿)|要把|要以|要坚持|要牢牢|要紧紧|永远|积极应对|.{1,20}(是|乃)[^,]{0,20}(关键|基础|保障|动力|支撑|前提|根本|引擎|生命线|试金石|标准)|.{0,30}指出)/;

const STRONG_FRAMING =
  /^(.{0,30}指出|我们(要|必须|将)?(毫不|始终|一定)|.{1,20}(是|乃)[^,]{0,20}(关键|基础|保障|动力|支撑|前提|根本|引擎|生命线|试金石|标准))/;

const CONTINUATION =
  /^(达到|达|增长|同比|分别|比上年|比|较|占|其中|均|年均|累计|总投资|总面积|涉及|惠及|即|也|并且|从而|进而|使之|使其|以此|以便|等|左右|以上|同时确保)/;
const LEAD_START =
  /^(要)?(按照|根据|依照|依据|遵循|围绕|紧紧围绕|紧扣|依托|立足|结合|借助|利用|通过|对照|针对|对|面向|瞄准|着眼|伴随|随着|在|以|抓住|抢抓|趁|借|发挥|本着|坚持)/;
const LEAD_END =
  /(要求|原则|部署|标准|思路|目标|理念|契机|机遇|时机|方向|精神|优势|资源|平台|模式|方式|需求|主线|抓手|重点|核心|引领|导向|主体|载体|支撑|方面|领域|基础上|前提下|过程中|为主|为辅|之机|的机遇|的契机|总体要求|布局|规划|战略|政策|定位|特点|实际|现状|情况|问题|原则下)$/;

// Clauses that state, exhort or reason rather than commit.
const JUNK_CLAUSE =
  /^(而是|更是|但是|只有|才能|就是|也是|还是|不是|如果|因为|所以|敢不敢|能不能|会不会|这是|这就|我们(一定|必须|要)?(有|要有|始终)|考验|.{0,12}需要[^,]{0,20}的(干部|人才|精神)|.{0,10}(以后|之后)$|.{0,10}必须|落实在|(敢于担当|狠抓落实|抓好落实|节点推进)$|干一[项件]成一[项件]|一步一个脚印|扎扎实实地把|.{0,20}(就是|不是|也是|更是|乃是|是一种|是衡量|是推动|是我们|是实现|是完成|是做好|是保持|是拉动|需要我们)|.{0,20}是[^,]{0,14}(关键|基础|保障|前提|根本|生命线|试金石|标准|引擎|动力|支撑|重要))/;

const PROJECT_NOUN =
  /(工程|项目|中心|园区|产业园|基地|大厦|广场|公园|学校|小学|中学|幼儿园|医院|卫生院|通道|隧道|大桥|桥|管网|水厂|厂|站|馆|场馆|体育场|景区|小区|综合体|酒店|市场|街区|步行街|道路|公路|高速|铁路|地铁|[0-9一二三四五六七八九十]号线|路|大街|街|楼|机场|港|码头|堤防|停车场|公厕|书房|养老院|敬老院|服务站|变电站|文化馆|图书馆|博物馆|展馆|剧院|住宅|安置房|棚户区|设施|场所|平台建设|矿|电厂|热电|仓库|储库|管廊|生产线|商圈|口岸|枢纽)/;
const PROJECT_VERB =
  /(建设|建成|新建|改建|扩建|续建|改造|完成|推进|启动|开工|竣工|完工|实施|打造|投入使用|投入运营|运营|搬迁|修缮|维修|提升|升级|整治|安装|铺设|开通|通车|投产|达产|核准|开业|落成|交付|验收)/;
const EVENT =
  /((办好|举办|承办|筹办|主办|举行).{0,20}(会|展|节|赛|论坛|峰会|季|周|活动)|第[一二三四五六七八九十\d]+届|(展销会|博览会|交易会|洽谈会|运动会|巡回展|展览会|展会|艺术节|文化节|旅游节|购物节|啤酒节|赛事|大赛|联赛|锦标赛|论坛|峰会)$)/;

/** Classify a pledge: quantitative when it has a numeric target, project when it names a concrete facility or event, else policy. */
export function classifyPledge(text: string, target: Target | null): PledgeKind {
  if (target) return "quantitative";
  if (EVENT.test(text)) return "project";
  if (
    PROJECT_NOUN.test(text) &&
    PROJECT_VERB.test(text) &&
    !/(体系建设|机制建设|制度建设|队伍建设|作风建设|能力建设|文化建设|法治建设|廉政建设|党的建设|政治建设|思想建设|信用体系)$/.test(
      text,
    )
  )
    return "project";
  return "policy";
}

function isSpaceCh(ch: string | undefined): boolean {
  return ch !== undefined && /[\s\u3000]/.test(ch);
}

const TRIM_PUNCT = /[\s,;:、。!?.·…—\-~]/;

/** Tighten a span: strip whitespace/punctuation, unbalanced quotes/brackets, ordinals and a leading 要. */
function tighten(a: string, start: number, end: number): Span {
  for (let guard = 0; guard < 6; guard++) {
    const s0 = start;
    const e0 = end;
    while (start < end && TRIM_PUNCT.test(a[start])) start++;
    while (end > start && TRIM_PUNCT.test(a[end - 1])) end--;
    const ord = ordinalPrefixLength(a.slice(start, start + 6));
    if (ord && end - start > ord + 2) start += ord;
    if (
      a[start] === "要" &&
      end - start > 4 &&
      !/^要(求|素|点|件|害|闻|地)/.test(a.slice(start, start + 2))
    )
      start++;
    const inner = a.slice(start, end);
    // Unbalanced paired punctuation at either end.
    for (const [o, c] of [
      ["“", "”"],
      ["(", ")"],
      ["《", "》"],
      ["‘", "’"],
      ["「", "」"],
    ]) {
      if (inner.startsWith(o) && !inner.includes(c)) start++;
      if (inner.endsWith(c) && !inner.includes(o)) end--;
    }
    if (start === s0 && end === e0) break;
  }
  return { start, end };
}

type ClauseKind = "new" | "cont" | "lead" | "fwd" | "tail" | "purpose";

// A deadline or status clause without a subject of its own, which only qualifies the action
// before it: "力争年内取得实质性进展", "确保年内启动实施", "年内要完成项目核准", "力争年内开工建设".
// (A clause naming another project, "确保东外环路按期开工", is a pledge of its own.)
const DEADLINE_TAIL =
  /^(并|要|并且)?(?=力争|确保|争取|计划|预计|保证|努力|年内|年底|年末|今年|当年|上半年|下半年|\d{1,2}月|按期|如期|按时|尽快|早日)(力争|确保|争取|计划|预计|保证|努力)?(在|于)?(年内|年底前?|年末|今年内?|当年|上半年|下半年|\d{1,2}月(底|份|末)?(前|内)?|按期|如期|按时|按计划|尽快|早日)?(要|能|全面|全部|基本)?(启动|开工|竣工|完工|建成|完成|投产|达产|投用|投入|运营|开业|通车|交付|取得|实现|晋升|见效|落地|实施|核准|通过|开展|具备|形成)/;
// A short purpose or result tail: "为…提供…", "使…", "让…", "以便…".
const PURPOSE_TAIL = /^(为|以便|以利于|以确保|以满足|以提升|使|让|助力|助推)/;
// A noun phrase continued after a comma: "新建集A、B为一体,功能齐全、设施完备的综合文化中心".
const NP_VERB =
  /^(营造|打造|建设|形成|构建|实现|推动|推进|提升|提高|保持|创造|建立|建成|努力|确保|做到|达到|加强|强化|优化|完善|深化)/;
const NP_CONT = /^([\u4e00-\u9fff]{4}、)+[\u4e00-\u9fff]{4}的[^,]{1,12}$/;

// Time or manner lead-ins that belong to the following clause: "力争年末,完成投资2.5亿元".
const FORWARD =
  /^((力争|确保|争取|计划|预计)?(年末|年底|年内|全年|今年|明年|上半年|下半年|到\d{4}年底?|\d{4}年底?前?)|.{0,30}(通过|采取|采用|运用)[^,]{0,40}(形式|方式|方法|途径|渠道|手段|措施|办法|模式))$/;

// `prev` is the group the clause may join, which grows as clauses join it: only its last three
// characters are read (reading all of it for every clause was quadratic).
function classifyClause(a: string, c: Span, first: boolean, prev: Span | null): ClauseKind {
  let t = a.slice(c.start, c.end);
  t = t.slice(ordinalPrefixLength(t)).replace(/^要/, "").trim();
  if (FORWARD.test(t)) return "fwd";
  if (!first && prev) {
    const noTarget = !findTargets(a, c.start, c.end).length;
    if (noTarget && t.length <= 14 && DEADLINE_TAIL.test(t)) return "tail";
    // What a programme delivers stays with it (继续实施农村饮水安全工程，解决373万人饮水安全问题),
    // and so does a short assurance of its effect (加强失业调控和失业预警，确保就业形势稳定).
    if (
      /(工程|项目|行动|计划|活动)$/.test(a.slice(prev.start, prev.end)) &&
      /^(解决|惠及|覆盖|受益|帮助|带动|涉及|服务)/.test(t)
    )
      return "tail";
    if (noTarget && t.length <= 10 && /^确保[^,]{2,}(稳定|安全|平稳|有序|不发生)/.test(t))
      return "tail";
    if (
      (NP_CONT.test(t) && !NP_VERB.test(t)) ||
      /(为一体|于一体|于一身)$/.test(a.slice(Math.max(prev.start, prev.end - 3), prev.end))
    )
      return "cont";
    if (noTarget && PURPOSE_TAIL.test(t)) return "purpose";
  }
  const lead =
    (LEAD_START.test(t) && LEAD_END.test(t) && t.length <= 30) ||
    (LEAD_START.test(t) && !/^(发挥|利用|坚持|在)/.test(t) && t.length <= 8) ||
    /^(对此|为此|同时|此外|另外|对待工作|总之)$/.test(t);
  if (first) return lead ? "lead" : "new";
  if (t.length < 3) return "cont";
  if (CONTINUATION.test(t)) return "cont";
  if (lead) return "lead";
  return "new";
}

/** Split [start, end) at the given separator characters into trimmed spans. */
function splitAt(a: string, start: number, end: number, seps: RegExp): Span[] {
  const out: Span[] = [];
  let s = start;
  let depth = 0;
  for (let i = start; i <= end; i++) {
    const ch = a[i];
    if (i < end && (ch === "“" || ch === "《" || ch === "(" || ch === "「")) depth++;
    else if (i < end && (ch === "”" || ch === "》" || ch === ")" || ch === "」"))
      depth = Math.max(0, depth - 1);
    if (i === end || (depth === 0 && seps.test(ch))) {
      let ss = s;
      let ee = i;
      while (ss < ee && isSpaceCh(a[ss])) ss++;
      while (ee > ss && isSpaceCh(a[ee - 1])) ee--;
      if (ee > ss) out.push({ start: ss, end: ee });
      s = i + 1;
    }
  }
  return out;
}

/** Sentences of a content span: at 。!?; and at ":" that closes a short lead-in. */
function sentencesOf(a: string, start: number, end: number): Span[] {
  const raw = splitAt(a, start, end, /[。!?;]/);
  const out: Span[] = [];
  for (const s of raw) {
    const colon = a.slice(s.start, s.end).search(/[::]/);
    if (colon > 0 && (colon <= 24 || /(是|如下|为)$/.test(a.slice(s.start, s.start + colon)))) {
      out.push({ start: s.start, end: s.start + colon });
      if (s.start + colon + 1 < s.end) out.push({ start: s.start + colon + 1, end: s.end });
    } else out.push(s);
  }
  return out;
}

const QTY_AT_START =
  /^(?:(?:新建|新增|完成|建设|建成|改造|实施|开展|打造|启动|培育|发展|引进|创建|新改建|改扩建|维修改造|提供|配备|安装|举办|开发|增加|减少|栽植|种植|铺设|组织|培训|建|改建|扩建|认定|招聘|发放|解决|安置|新开|开通)?[^,、和及与]{0,3})?(\d|[两二三四五六七八九十百千]+[个家所处场条座项部名台辆栋套间张株棵吨户人])/;

/**
 * Index of the first target ending after `pos`. Targets from findTargets are in text order and do
 * not overlap, so their ends are sorted too.
 */
function targetEndingAfter(targets: Target[], pos: number): number {
  let lo = 0;
  let hi = targets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (targets[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first of `targets` lying within `span`, by binary search (a filter per part was quadratic). */
function firstTargetWithin(targets: Target[], span: Span): Target | undefined {
  const i = spanIndexAt(targets, span.start);
  return i < targets.length && targets[i].end <= span.end ? targets[i] : undefined;
}

/** The last of `targets` lying within `span`. */
function lastTargetWithin(targets: Target[], span: Span): Target | undefined {
  const i = targetEndingAfter(targets, span.end) - 1;
  return i >= 0 && targets[i].start >= span.start ? targets[i] : undefined;
}

/** Split a clause at 、/和/及 where each coordinated part states its own quantity. */
function splitQuantities(a: string, c: Span): Span[] {
  const targets = findTargets(a, c.start, c.end);
  if (targets.length < 2) return [c];
  const raw = splitAt(a, c.start, c.end, /[、和及与]/);
  if (raw.length < 2) return [c];
  // A predicate after the list applies to every item ("确保中心城区68公里供水、15公里雨水管网二期
  // 工程按期竣工"): keep the clause whole when the first item has no verb of its own.
  const firstTarget = firstTargetWithin(targets, raw[0]);
  if (
    firstTarget &&
    /(按期|如期|年内|全部|全面|同步|顺利)(竣工|完工|建成|开工|投用|投入使用|通车|完成|交付使用)$/.test(
      a.slice(raw[raw.length - 1].start, raw[raw.length - 1].end),
    ) &&
    !PROJECT_VERB.test(a.slice(raw[0].start, firstTarget.start)) &&
    !QTY_AT_START.test(a.slice(raw[0].start, raw[0].end))
  )
    return [c];
  // Coordinated quantities of one shared object ("完成3800户、58万平方米棚户区改造"): an item
  // that ends with its quantity, followed by an item that starts with one, has no object of its own.
  const parts: Span[] = [];
  for (const p of raw) {
    const prev = parts[parts.length - 1];
    if (prev) {
      const lastT = lastTargetWithin(targets, prev);
      const endsWithQty = lastT && /^(以上|左右|以内|多|余)?$/.test(a.slice(lastT.end, prev.end));
      const startsWithQty = /^(\d|[两二三四五六七八九十]+[个家所处条座项部名万户])/.test(
        a.slice(p.start, p.start + 4),
      );
      const sep = a[p.start - 1];
      if (
        endsWithQty &&
        startsWithQty &&
        sep === "、" &&
        !/^(达到|增长|增加|突破|超过)/.test(a.slice(p.start, p.end))
      ) {
        prev.end = p.end;
        continue;
      }
    }
    parts.push({ ...p });
  }
  if (parts.length < 2) return [c];
  const hasOwn = (p: Span) => {
    const t = firstTargetWithin(targets, p);
    if (!t) return false;
    const head = a.slice(p.start, t.start);
    const tail = a.slice(t.end, p.end);
    // The quantity must be the measure of the part (at its start, after a verb, or at its end),
    // not a spec inside a name like 大唐哈克5万千瓦风电.
    return (
      QTY_AT_START.test(a.slice(p.start, p.end)) ||
      head.length <= 2 ||
      /^(以上|左右|以内|等)?$/.test(tail)
    );
  };
  if (parts.every(hasOwn)) return parts;
  // Fallback: split only where a part starts with a number and the text before has one too.
  const out: Span[] = [];
  let cur = { ...parts[0] };
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i];
    const startsWithQty = /^(\d|[两二三四五六七八九十]+[个家所处条座项部名万])/.test(
      a.slice(p.start, p.start + 4),
    );
    const prevHas = firstTargetWithin(targets, cur) !== undefined;
    if (startsWithQty && prevHas && hasOwn(p)) {
      out.push(cur);
      cur = { ...p };
    } else cur = { start: cur.start, end: p.end };
  }
  out.push(cur);
  return out;
}

/** Cut clauses where a percentage runs straight into the next figure (a comma missing in the source). */
function splitGlued(a: string, clauses: Span[]): Span[] {
  const out: Span[] = [];
  for (const c of clauses) {
    let s = c.start;
    const re = /%(?=\d)/g;
    const text = a.slice(c.start, c.end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const cut = c.start + m.index + 1;
      if (cut - s >= 4 && c.end - cut >= 4) {
        out.push({ start: s, end: cut });
        s = cut;
      }
    }
    out.push({ start: s, end: c.end });
  }
  return out;
}

function pledgesOfSentence(a: string, sentence: Span): Span[] {
  const clauses = splitGlued(a, splitAt(a, sentence.start, sentence.end, /,/));
  const groups: Span[] = [];
  let pending: number | null = null;
  clauses.forEach((c, i) => {
    checkParseBudget();
    const last = groups.length ? groups[groups.length - 1] : null;
    const kind = classifyClause(a, c, i === 0 || !groups.length, pending === null ? last : null);
    if (kind === "tail" && last) {
      last.end = c.end;
      return;
    }
    if (kind === "purpose" && last) {
      // A short purpose tail stays with its action; a long one ("为…提供…服务") is often a
      // commitment of its own and stays separate.
      const len = c.end - c.start;
      if (len <= 12 && len * 2 <= last.end - last.start) {
        last.end = c.end;
        return;
      }
      // "使之成为…的新亮点", "让…": a result, not a commitment.
      if (/^(使|让|以便|以利于)/.test(a.slice(c.start, c.end))) return;
    }
    if (kind === "fwd") {
      if (pending === null) pending = c.start;
      return;
    }
    if (kind === "lead") {
      pending = null;
      return;
    }
    const own = findTargets(a, c.start, c.end);
    const ct = a.slice(c.start, c.end);
    // "总投资135亿元" describes the projects before it; "总投资突破600亿元" is a target of its own.
    const ownGoal =
      own.length > 0 && /^(总投资|总面积|总规模)(突破|达到|超过|不低于|力争)/.test(ct);
    if (
      kind === "cont" &&
      !ownGoal &&
      pending === null &&
      groups.length &&
      !(own.length && !CONTINUATION.test(ct))
    ) {
      groups[groups.length - 1].end = c.end;
      return;
    }
    groups.push({ start: pending ?? c.start, end: c.end });
    pending = null;
  });
  return groups.flatMap((g) => splitQuantities(a, g));
}

// Clauses starting with these are a target's continuation, not a new indicator.
const TARGET_CONT = /^(达到|达|同比|分别|比上年|比|较|占|其中|均|年均|确保|力争|争取|在实际工作中)/;

/** Headline targets: one pledge per indicator (see the file comment for shared targets). */
function pledgesOfTargets(
  source: string,
  a: string,
  span: Span,
): { span: Span; target: Target | null; title?: string }[] {
  let start = span.start;
  const lead = /(预期目标|主要目标|预期指标|主要指标|发展目标)(是|为)?[::]/.exec(
    a.slice(span.start, span.end),
  );
  if (lead) start = span.start + lead.index + lead[0].length;
  const out: { span: Span; target: Target | null; title?: string }[] = [];
  for (const sent of splitAt(a, start, span.end, /[。;!?]/)) {
    const clauses = splitAt(a, sent.start, sent.end, /,/);
    const groups: Span[] = [];
    for (const c of clauses) {
      const t = a.slice(c.start, c.end);
      const own = findTargets(a, c.start, c.end).length > 0;
      // "增长7%,力争8%" continues; "…同步,确保完成全面建成小康社会目标任务" is its own commitment.
      const ownCommitment = !own && /^(确保|力争|争取)/.test(t) && t.length > 7;
      if (
        groups.length &&
        !ownCommitment &&
        (TARGET_CONT.test(t) ||
          (!own &&
            !/(增长|控制|下降|完成|同步|不减|降低|达到|实现|保持|向好|平衡|稳定|回稳|持平|好转|改善|优化|提升|提高)/.test(
              t,
            )))
      ) {
        groups[groups.length - 1].end = c.end;
      } else groups.push({ ...c });
    }
    // Indicators joined by 、 that each carry a figure (城镇居民…增长7%左右、农村居民…增长8%左右) are separate targets.
    const split: Span[] = [];
    for (const g of groups) {
      const parts = splitAt(a, g.start, g.end, /、/);
      const ownIndicator = (x: Span) => {
        const t = findTargets(a, x.start, x.end)[0];
        return (
          t !== undefined && (a.slice(x.start, t.start).match(/[\u4e00-\u9fff]/g) || []).length >= 4
        );
      };
      if (parts.length > 1 && !/分别/.test(a.slice(g.start, g.end)) && parts.every(ownIndicator))
        split.push(...parts);
      else split.push(g);
    }
    for (const g of split) {
      let gs = g.start;
      // Drop lead-ins such as "初步确定明年全区" before the first indicator.
      const lead2 =
        /^(.{0,20}?(确定|提出|安排|建议|是|为)[::]?)(?=.{0,12}(地区生产总值|全区|全市|全县|一般公共|财政|固定资产|社会消费|规模以上|城镇|城乡|居民|外贸|实际利用|GDP))/.exec(
          a.slice(gs, g.end),
        );
      if (lead2) gs += lead2[1].length;
      const m = /^(?:明年|今年|全年)?(?:全区|全市|全县|全省|全旗)?/.exec(a.slice(gs, g.end));
      if (m) gs += m[0].length;
      const target = findMainTarget(a, gs, g.end);
      const text = a.slice(gs, g.end);
      // Shared target: "A、B(和C)增长6%" → A | B…增长6%.
      const verbAt = text.search(/(同比|可比)?(增长|下降|降低|控制在|达到|突破|分别|均增长|均)/);
      const head = verbAt > 0 ? text.slice(0, verbAt) : "";
      const names = target && head ? splitAt(a, gs, gs + verbAt, /[、和]/) : [];
      if (
        names.length >= 2 &&
        names.every(
          (n) => n.end - n.start <= 16 && !/(增长|完成|达到)/.test(a.slice(n.start, n.end)),
        )
      ) {
        // The span of an earlier indicator is its bare name; its title keeps the shared predicate
        // (固定资产投资 → 固定资产投资增长6%), so the item still says what is promised.
        const predicate = source.slice(gs + verbAt, g.end);
        names
          .slice(0, -1)
          .forEach((n) =>
            out.push({ span: n, target, title: source.slice(n.start, n.end) + predicate }),
          );
        out.push({ span: { start: names[names.length - 1].start, end: g.end }, target });
      } else out.push({ span: { start: gs, end: g.end }, target });
    }
  }
  return out;
}

/**
 * The subsection containing `pos`, if any. Subsections are in text order and do not overlap, so a
 * binary search finds it (a scan per paragraph was quadratic with thousands of subsections).
 */
function subsectionAt(section: ReportSection, pos: number): ReportSubsection | undefined {
  const subs = section.subsections;
  const lo = spanIndexAt(subs, pos, true);
  const sub = lo > 0 ? subs[lo - 1] : undefined;
  return sub && pos < sub.end ? sub : undefined;
}

/**
 * Extract the pledges of every plan (and list) section. `source` is the decoded text,
 * `a` its analysis form. Pledge text is always exactly source.slice(start, end). The paragraphs
 * left out as framing (guiding ideology, this year's significance, the reasons for the targets)
 * are appended to `framing`. Throws ReportInputError TOO_MANY_PLEDGES as soon as there are more
 * than `maxPledges`.
 */
export function extractPledges(
  source: string,
  a: string,
  structure: ReportStructure,
  framing: Span[] = [],
  maxPledges = Infinity,
): Pledge[] {
  const drafts: Draft[] = [];
  const { sections, blocks, paragraphs } = structure;
  const targetBlocks = blocks.filter((b) => b.kind === "targets");
  for (const section of sections) {
    if (section.kind !== "plan" && section.kind !== "list") continue;
    extractSection(source, a, section, paragraphs, targetBlocks, drafts, framing);
  }
  drafts.sort((x, y) => x.start - y.start || x.end - y.end);
  const pledges: Pledge[] = [];
  let lastEnd = -1;
  for (const d of drafts) {
    checkParseBudget();
    const t = tighten(a, d.start, d.end);
    if (t.end - t.start < 4 || t.start < lastEnd) continue;
    const text = a.slice(t.start, t.end);
    if ((text.match(/[\u4e00-\u9fff]/g) || []).length < 4) continue;
    const target = d.target !== undefined ? d.target : findMainTarget(a, t.start, t.end);
    if (!target && (JUNK_CLAUSE.test(text) || isNotACommitment(text, null))) continue;
    const tier = classifyTier(text, target);
    // A headline indicator is a target, whatever its unit (城镇新增就业50万人), and checkable even
    // without a figure (进出口回稳向好, 国际收支基本平衡): next year's review reports on each.
    if (d.origin === "targets") Object.assign(tier, { tier: "trackable", reason: "target" });
    const srcText = source.slice(t.start, t.end);
    pledges.push({
      id: `p${pledges.length + 1}`,
      text: srcText,
      start: t.start,
      end: t.end,
      section: d.section,
      topic: d.topic,
      kind: classifyPledge(text, target),
      target: target ? { ...target } : null,
      origin: d.origin,
      tier: tier.tier,
      tierReason: tier.reason,
      title: d.title ?? null,
    });
    lastEnd = t.end;
    if (pledges.length > maxPledges) {
      throw new ReportInputError(
        "TOO_MANY_PLEDGES",
        `The text yields more than ${maxPledges.toLocaleString("en")} pledges, the most one report may have.`,
      );
    }
  }
  return pledges;
}

function extractSection(
  source: string,
  a: string,
  section: ReportSection,
  paragraphs: ParagraphInfo[],
  targetBlocks: ReportBlock[],
  drafts: Draft[],
  framing: Span[],
): void {
  const inside = spansBetween(paragraphs, section.headingStart, section.end);
  const subHeadingStarts = new Set(section.subsections.map((s) => s.headingStart));
  // Paragraphs under each subsection heading (counted once per subsection, not per paragraph).
  const subParagraphCount = new Map<ReportSubsection, number>();
  const countUnder = (sub: ReportSubsection) => {
    let n = subParagraphCount.get(sub);
    if (n === undefined) {
      n = Math.max(0, spanIndexAt(inside, sub.end) - spanIndexAt(inside, sub.headingStart, true));
      subParagraphCount.set(sub, n);
    }
    return n;
  };
  const hasSubs = section.subsections.length > 0;
  const firstSub = hasSubs ? section.subsections[0].start : section.end;
  // Without subsections, what comes before the headline targets (the year's situation, the
  // guiding ideology) frames them, as what comes before the first subsection does.
  const firstTargets = targetBlocks.find(
    (b) => b.start >= section.headingEnd && b.start < section.end,
  );
  const framingEnd = hasSubs
    ? firstSub
    : firstTargets && !section.continuesPlan
      ? firstTargets.start
      : section.headingStart;
  // "separate": the first paragraph after a standalone subsection heading; "inline": text that
  // follows a heading in the same paragraph. Both open a subsection and are usually framing.
  let opening: "separate" | "inline" | null = null;
  for (const p of inside) {
    checkParseBudget();
    const contentStart = p.contentStart;
    const isSubHeading = subHeadingStarts.has(p.start);
    if (p.start === section.headingStart || isSubHeading) {
      opening = isSubHeading ? (contentStart < p.end ? "inline" : "separate") : null;
      // A one-line report continues after its heading in the same paragraph.
      if (contentStart >= p.end) continue;
    }
    const sub = subsectionAt(section, p.start);
    const label = sub ? sub.heading : section.heading;
    const text = a.slice(contentStart, p.end);
    const mode = opening;
    opening = null;
    // A paragraph opening with 各位代表 inside the plan is a pause before more tasks, not its end
    // (the closing words are outside the section): its sentences are read like any other, and the
    // salutation and rhetoric fall away as non-commitments.
    // Headline targets (before the first subsection, or anywhere they are flagged).
    const tbAt = spanIndexAt(targetBlocks, contentStart); // blocks are in text order too
    const tb =
      tbAt < targetBlocks.length && targetBlocks[tbAt].start < p.end
        ? targetBlocks[tbAt]
        : undefined;
    if (tb) {
      for (const { span, target, title } of pledgesOfTargets(source, a, tb)) {
        drafts.push({
          ...span,
          section: label,
          topic: null,
          origin: "targets",
          target,
          ...(title ? { title } : {}),
        });
      }
      continue;
    }
    // Framing before the subsections (this year's significance, guiding ideology, why the targets
    // are what they are) and framing paragraphs anywhere: left out, and said to be.
    if (
      (p.end <= framingEnd && section.kind !== "list") ||
      (hasSubs && p.start < firstSub && section.kind !== "list") ||
      FRAMING_PARAGRAPH.test(text)
    ) {
      framing.push({ start: contentStart, end: p.end });
      continue;
    }
    const topic = findTopic(source, a, { ...p, contentStart });
    let start = contentStart;
    if (topic) {
      start = topic.end;
      while (start < p.end && /[。::;\s]/.test(a[start])) start++;
    } else if (/^\d{1,2}[、.]/.test(text)) {
      start += ordinalPrefixLength(text);
    }
    const sentences = sentencesOf(a, start, p.end);
    const subParagraphs = sub ? countUnder(sub) : 0;
    const shortOpening =
      mode === "separate" &&
      !topic &&
      subParagraphs > 1 &&
      splitAt(a, start, p.end, /[。!?]/).length <= 2;
    sentences.forEach((s, i) => {
      checkParseBudget();
      const st = a.slice(s.start, s.end);
      const hasTarget = findTargets(a, s.start, s.end).length > 0;
      if (!hasTarget) {
        // Subsection openings are framing: a short opening paragraph entirely, a longer one
        // (or text inline after the heading) only where it opens with a framing cue.
        if (shortOpening) return;
        if (mode && !topic && OPENING_CUE.test(st) && (mode === "separate" || i === 0)) return;
      }
      // A sentence that opens with framing (我们一定坚决落实…重要指示，…，高质量做好赛事组织…等各项工作，…)
      // loses its opening clause, not the commitments after it.
      const framed = !hasTarget && OPENING_CUE.test(st) && STRONG_FRAMING.test(st);
      pledgesOfSentence(a, s).forEach((g, k) => {
        if (framed && k === 0) return;
        drafts.push({
          ...g,
          section: label,
          topic: topic ? topic.text : null,
          origin: section.kind === "list" ? "list" : "body",
        });
      });
    });
  }
}
