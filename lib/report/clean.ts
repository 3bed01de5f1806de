/**
 * Locate the report body inside web or forum chrome. Cleaning never rewrites text: it
 * only yields the range [start, end) of the report proper.
 */
import { checkParseBudget } from "./budget";
import type { Span } from "./types";
import { isWhitespaceCode } from "./whitespace";

const CHROME =
  /(导语|来源|时间[::]|发布|索引号|阅读|发表于|回复|查看|积分|签到|版主|rank|复制链接|收藏|首页|flash|关键字|文号|更新时间|分享|打印|登录|注册|上一篇|下一篇|相关文章|返回|客服|在线|联系电话|powered|copyright|版权|点击|浏览|责任编辑|编辑[::]|作者[::]|字号|\[[^\]]{1,6}\])/i;

// Distribution lists and printing notes after the report ("区委,区人大,区政协", "…办公室 2020年1月6日印发").
const SIGN_OFF =
  /(印发|抄送|秘书处|办公室|组织部|宣传部|纪委监委|^[^。]{0,30}(区委|市委|县委)[,、])/;

const OPENING = /(各位代表|同志们|现在,?我代表)/;

type Line = { start: number; end: number; text: string };

/**
 * The lines of `a` that hold more than whitespace, trimmed. Blank lines are left out: every use
 * below skips them anyway, and a text padded with millions of line breaks would otherwise make
 * millions of objects (1.7 GB for 20 MB of newlines).
 */
function lines(a: string): Line[] {
  const out: Line[] = [];
  let s = 0;
  for (let i = 0; i <= a.length; i++) {
    if (i === a.length || a.charCodeAt(i) === 0x0a) {
      let ls = s;
      let le = i;
      while (ls < le && isWhitespaceCode(a.charCodeAt(ls))) ls++;
      while (le > ls && isWhitespaceCode(a.charCodeAt(le - 1))) le--;
      if (le > ls) {
        checkParseBudget();
        out.push({ start: ls, end: le, text: a.slice(ls, le) });
      }
      s = i + 1;
    }
  }
  return out;
}

function isTitleLine(text: string): boolean {
  return /工作报告|工作報告/.test(text.replace(/\s+/g, "")) && text.length <= 60;
}

function isContentLine(text: string): boolean {
  if (!text) return false;
  if (/[。!?;!?;]/.test(text) && !CHROME.test(text) && !SIGN_OFF.test(text)) return true;
  const cjk = (text.match(/[\u4e00-\u9fff]/g) || []).length;
  return text.length >= 60 && cjk > text.length * 0.6;
}

/**
 * Find the report body in the analysis text (see normalizeForParse): from the title (or the
 * first line of the header block before 各位代表/现在,我代表) to the last line of report prose,
 * skipping forum/website chrome before and after. Falls back to the whole trimmed text.
 */
export function findBodyRange(a: string): Span {
  const ls = lines(a);
  const nonEmpty = ls.filter((l) => l.text);
  if (!nonEmpty.length) return { start: 0, end: 0 };

  // Start: walk back from the opening address through the header block.
  let start = nonEmpty[0].start;
  const openIdx = ls.findIndex((l) => OPENING.test(l.text.slice(0, 400)));
  if (openIdx >= 0) {
    const open = ls[openIdx];
    const m = OPENING.exec(open.text.slice(0, 400));
    // In a one-line report the opening sits inside a long line: the line start is the candidate.
    start = open.start;
    if (m && m.index > 200) start = open.start; // long line: keep the whole line
    let sawTitle = false;
    for (let i = openIdx - 1; i >= 0 && !sawTitle; i--) {
      const l = ls[i];
      if (!l.text) continue;
      if (l.text.length > 80 || CHROME.test(l.text)) break;
      start = l.start;
      if (isTitleLine(l.text)) sawTitle = true;
    }
    // A news page puts its source and date lines (来源/时间) between the title and the speaker: the
    // title a few lines further up still opens the report.
    if (!sawTitle) {
      let seen = 0;
      for (let i = openIdx - 1; i >= 0 && seen < 12; i--) {
        const l = ls[i];
        if (!l.text) continue;
        seen++;
        if (l.text.length > 80) break;
        if (isTitleLine(l.text) && !CHROME.test(l.text)) {
          start = l.start;
          break;
        }
      }
    }
  } else {
    const title = ls.find((l) => isTitleLine(l.text) && !CHROME.test(l.text));
    if (title) start = title.start;
  }

  // End: the last line of prose, skipping trailing chrome and sign-off lines.
  let end = nonEmpty[nonEmpty.length - 1].end;
  for (let i = ls.length - 1; i >= 0; i--) {
    const l = ls[i];
    if (l.end <= start) break;
    if (isContentLine(l.text)) {
      end = l.end;
      break;
    }
  }
  if (end <= start) return { start: nonEmpty[0].start, end: nonEmpty[nonEmpty.length - 1].end };
  return { start, end };
}

const LONG_LINE_HAN = 30;

/**
 * A web page saved with its body rendered twice (a screen and a print copy, menus between them):
 * finds where the second copy starts, so that sections and pledges come from the first copy only.
 * The sign is a run of long lines (30+ Han characters) that repeats, in order, a run of long lines
 * met earlier in the body: at least 5 of them and at least a third of the long lines before it (a
 * report that quotes one sentence twice is not a copy). Returns the first copy's end and the second
 * copy's span, or null.
 */
export function findDuplicateBody(
  a: string,
  body: Span,
): { firstEnd: number; second: Span } | null {
  const long = lines(a.slice(0, body.end)).filter(
    (l) =>
      l.start >= body.start && (l.text.match(/[\u4e00-\u9fff]/g) || []).length >= LONG_LINE_HAN,
  );
  const firstAt = new Map<string, number>();
  for (let j = 0; j < long.length; j++) {
    const i = firstAt.get(long[j].text);
    if (i === undefined) {
      firstAt.set(long[j].text, j);
      continue;
    }
    let run = 0;
    while (j + run < long.length && i + run < j && long[i + run].text === long[j + run].text) run++;
    if (!(run >= 5 && run * 3 >= j)) {
      // The rest of this run starts the same comparison one line later: skip it (linear overall).
      j += Math.max(0, run - 1);
      continue;
    }
    const second = { start: long[j].start, end: body.end };
    // The first copy ends with its last line of prose before the second copy's header.
    let firstEnd = long[j - 1].end;
    for (const l of lines(a.slice(0, second.start)))
      if (l.end > firstEnd && l.end <= second.start && isContentLine(l.text)) firstEnd = l.end;
    return { firstEnd, second };
  }
  return null;
}
