/**
 * Report metadata read from what the text states: title, date delivered, meeting, region and its
 * level, speaker, plan year. Each field is taken from the most reliable place that states it —
 * a scraper's header block (标题/发文单位/报告人), the title line, the meeting line
 * (——2026年1月25日在北京市第十六届人民代表大会第四次会议上), a news lead (省长XX代表省人民政府向大会作
 * 政府工作报告), the body (我代表XX人民政府) — and checked before it is believed: a region must read
 * as a place name with an administrative suffix, never a person, a date or a sentence. Where the
 * text does not say, the field stays null for the import preview to ask.
 */
import type { RegionLevel, ReportMeta, ReportSection, Script, Span } from "./types";
import { toSimplified } from "./script";

const SPEAKER_TITLES = "(?:代理|代)?(?:区长|市长|县长|省长|旗长|州长|盟长|主席|总理|镇长|乡长)";

function stripSpaces(s: string): string {
  return s.replace(/[\s\u3000]+/g, "");
}

/** Administrative suffixes a region name ends with (longest first). */
const ADMIN_SUFFIX =
  /(特别行政区|自治区|自治州|自治县|自治旗|地区|新区|省|市|区|县|旗|州|盟|镇|乡)$/;
const MUNICIPALITIES = /^(北京市|上海市|天津市|重庆市)$/;
/** Words that never occur in a region name: what a sentence, a person's title or a date brings along. */
const NOT_IN_REGION =
  /(代表|同志|报告|会议|大会|人大|政府|委员|作|在|向|于|年|月|日|第|届|次|长|主席|记者|摄|本报|来源|时间|现在|我们|各位|工作)/;

/** Whether `s` reads as a region name (2–24 Han characters ending in an administrative suffix). */
export function isRegionName(s: string): boolean {
  return (
    /^[\u4e00-\u9fff]{2,24}$/.test(s) &&
    ADMIN_SUFFIX.test(s) &&
    !NOT_IN_REGION.test(s) &&
    !/^(省|市|区|县|自治区|全省|全市|全区|全县)$/.test(s)
  );
}

/**
 * A region name split into its own unit and the units above it that the text names with it:
 * 呼伦贝尔市海拉尔区 → { short: 海拉尔区, parent: 呼伦贝尔市 }; 内蒙古自治区 → { short: 内蒙古自治区, parent: null }.
 * Compare regions by `short` (and `parent` when both have one): 海拉尔区 and 呼伦贝尔市海拉尔区 are one.
 */
export function splitRegionName(name: string): { short: string; parent: string | null } {
  // Cut after each administrative suffix that has at least two characters of name before it
  // (温州市 is one unit although 州 is a suffix too; 内蒙古自治区 one unit, not 内蒙古自治 + 区).
  const units: string[] = [];
  let from = 0;
  for (let i = 0; i < name.length; i++) {
    const suffix =
      /(特别行政区|自治区|自治州|自治县|自治旗|地区|新区|省|市|区|县|旗|州|盟|镇|乡)$/.exec(
        name.slice(from, i + 1),
      );
    if (suffix && i + 1 - from - suffix[0].length >= 2) {
      units.push(name.slice(from, i + 1));
      from = i + 1;
    }
  }
  if (from < name.length) units.push(name.slice(from));
  if (units.length <= 1) return { short: name, parent: null };
  return { short: units[units.length - 1], parent: units.slice(0, -1).join("") };
}

function levelOf(region: string): RegionLevel | null {
  const { short, parent } = splitRegionName(region);
  if (/^(国务院|中华人民共和国|全国)$/.test(short)) return "national";
  if (MUNICIPALITIES.test(short)) return "province";
  if (/(省|自治区|特别行政区)$/.test(short)) return "province";
  if (/(区|特区|新区)$/.test(short)) return "district";
  if (/(县|旗|自治县|自治旗)$/.test(short)) return "county";
  if (/(镇|乡|街道)$/.test(short)) return "township";
  // A city named under another city is county-level (满洲里市 under 呼伦贝尔市): as a county.
  if (/(市)$/.test(short) && parent && /市$/.test(parent)) return "county";
  if (/(市|州|盟|地区)$/.test(short)) return "city";
  return null;
}

function levelFromSelfReference(a: string, body: Span): RegionLevel | null {
  const text = a.slice(body.start, Math.min(body.end, body.start + 20000));
  const counts: [RegionLevel, number][] = [
    ["district", (text.match(/我区|全区|区委|区政府|区人大/g) || []).length],
    ["city", (text.match(/我市|全市|市委|市政府|市人大/g) || []).length],
    ["county", (text.match(/我县|全县|县委|县政府|县人大|我旗|全旗/g) || []).length],
    ["province", (text.match(/我省|全省|省委|省政府|省人大/g) || []).length],
  ];
  counts.sort((x, y) => y[1] - x[1]);
  return counts[0][1] >= 3 ? counts[0][0] : null;
}

/** A candidate value with where it came from (the earlier a source in this list, the more it is trusted). */
type Candidate = { value: string; source: "header" | "title" | "meeting" | "lead" | "body" };

/** The text before the first section heading where the header lives: the file's start (a scraper block) and the lines before the opening. */
function headerZone(a: string, body: Span, firstHeading: number): { start: number; end: number }[] {
  const end = Math.max(body.start, Math.min(firstHeading, body.end));
  const zones = [{ start: 0, end: Math.min(end, 1500) }];
  const near = Math.max(zones[0].end, end - 3000, body.start - 1500);
  if (near < end) zones.push({ start: Math.max(0, near), end });
  return zones;
}

const yearOf = (s: string | null | undefined) => {
  const y = s ? /((?:19|20)\d{2})\s*年/.exec(s) : null;
  return y ? Number(y[1]) : null;
};

/**
 * Read the metadata of a report. `source` is the decoded text, `a` its analysis form
 * (normalizeForParse), `body` the cleaned range and `sections` the top-level sections (used
 * for the plan year). Region and speaker are returned in simplified characters so reports
 * pair across scripts; meeting and title are as written.
 */
export function extractMetadata(
  source: string,
  a: string,
  body: Span,
  sections: ReportSection[],
  script: Script,
): ReportMeta {
  const firstHeading = sections.length ? sections[0].headingStart : body.end;
  const zones = headerZone(a, body, firstHeading);
  const simp = (s: string) => (script === "traditional" ? toSimplified(s) : s);
  // The header lines, as analysis text and as written (same offsets: normalizeForParse keeps them).
  const lines: { text: string; src: string; start: number }[] = [];
  for (const z of zones) {
    let pos = z.start;
    for (const line of a.slice(z.start, z.end).split("\n")) {
      lines.push({ text: line, src: source.slice(pos, pos + line.length), start: pos });
      pos += line.length + 1;
    }
  }
  const head = lines.map((l) => l.text).join("\n");
  const headSrc = lines.map((l) => l.src).join("\n");

  // A scraper's header block: 标题：… / 发文单位：… / 发文时间：… / 报告人：…
  const field = (name: string) =>
    lines
      .find((l) => l.text.trim().startsWith(`${name}:`))
      ?.src.trim()
      .slice(name.length + 1)
      .trim() || null;
  const headerTitle = field("标题");
  const headerUnit = field("发文单位");
  const headerSpeaker = field("报告人");

  // Title: the first line of the report proper that names it (政府工作报告), short and not a
  // sentence; else such a line before the body (a page heading), else the scraper's 标题.
  const isTitle = (l: { text: string }) => {
    const t = l.text.trim();
    return (
      /工作报告/.test(stripSpaces(t)) &&
      t.length <= 60 &&
      !/(作|代表)[^。]*工作报告/.test(t) &&
      !/[。,;]/.test(t)
    );
  };
  const inBody = (l: { start: number; text: string }) => l.start + l.text.length > body.start;
  const titleLine =
    lines.find((l) => inBody(l) && isTitle(l)) ??
    lines.find((l) => !inBody(l) && isTitle(l) && !/^标题:/.test(l.text.trim()));
  const title: string | null = titleLine
    ? titleLine.src.trim()
    : headerTitle && /工作报告/.test(headerTitle)
      ? headerTitle
      : null;

  // Date and meeting: "——2019年12月26日在大连市西岗区第十八届\n人民代表大会第三次会议上".
  let deliveredOn: string | null = null;
  let meeting: string | null = null;
  const dm =
    /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*在([^。,;]{2,80}?(?:会议|大会))\s*上/.exec(
      head,
    );
  const validDate = (y: string, mo: string, d: string) =>
    Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= 31
      ? `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`
      : null;
  if (dm) {
    deliveredOn = validDate(dm[1], dm[2], dm[3]);
    const mStart = dm.index + dm[0].lastIndexOf(dm[4]);
    meeting = stripSpaces(headSrc.slice(mStart, mStart + dm[4].length));
  } else {
    const m2 =
      /在([^。,;\n]{2,40}?第[一二三四五六七八九十\d]+届人民代表大会第[一二三四五六七八九十\d]+次会议)上/.exec(
        head,
      );
    if (m2) meeting = stripSpaces(headSrc.slice(m2.index + 1, m2.index + 1 + m2[1].length));
    const d2 = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(head.slice(0, 600));
    if (d2) deliveredOn = validDate(d2[1], d2[2], d2[3]);
  }

  // Region candidates, most trusted first.
  const candidates: Candidate[] = [];
  const push = (value: string | null | undefined, source: Candidate["source"]) => {
    if (!value) return;
    const v = stripSpaces(simp(value)).replace(/^(在|于)/, "");
    if (isRegionName(v)) candidates.push({ value: v, source });
  };
  if (headerUnit) push(/^(.+?)(?:人民)?政府/.exec(stripSpaces(headerUnit))?.[1], "header");
  for (const t0 of [title, headerTitle]) {
    if (!t0) continue;
    const t = stripSpaces(simp(t0));
    push(
      /^(?:\[[^\]]{1,8}\])?(?:(?:19|20)\d{2}年度?)?(.+?)(?:(?:19|20)\d{2}年度?)?(?:人民)?政府工作报告/.exec(
        t,
      )?.[1],
      "title",
    );
  }
  if (meeting)
    push(
      /^(.+?)(?:第[一二三四五六七八九十百\d]+届|[一二三四五六七八九十\d]+届)/.exec(
        simp(meeting),
      )?.[1],
      "meeting",
    );
  // A news lead or the opening: "XX人民政府省长 NAME", "我代表XX人民政府".
  for (const m of head.matchAll(
    new RegExp(`([\\u4e00-\\u9fff]{2,20}?)人民政府\\s*${SPEAKER_TITLES}`, "g"),
  ))
    push(m[1], "lead");
  const opening = a.slice(body.start, Math.min(body.end, firstHeading + 200, body.start + 4000));
  for (const m of opening.matchAll(/我代表([\u4e00-\u9fff]{2,20}?)人民政府/g)) push(m[1], "body");
  // The longest name among the most trusted ones that agree: a title's 呼伦贝尔市海拉尔区 over a meeting's 海拉尔区.
  let region: string | null = null;
  if (candidates.length) {
    const best = candidates[0];
    const agreeing = candidates.filter(
      (c) => c.value.endsWith(splitRegionName(best.value).short) || best.value.endsWith(c.value),
    );
    region = agreeing.reduce((x, c) => (c.value.length > x.length ? c.value : x), best.value);
  }

  // Speaker: "区长 吴开华", "自治区主席 韦 韬", "省长刘小涛代表…", the scraper's 报告人, or a bare name after the meeting line.
  let speaker: string | null = null;
  const NAME =
    "((?:[\\u4e00-\\u9fff][^\\S\\n]{0,3}){2,4}|[\\u4e00-\\u9fff]{2,6}·[\\u4e00-\\u9fff]{2,8})";
  const sp =
    new RegExp(
      `^[^\\S\\n]*(?:[\\u4e00-\\u9fff]{0,20}?)${SPEAKER_TITLES}[^\\S\\n]*${NAME}[^\\S\\n]*$`,
      "m",
    ).exec(head) ?? new RegExp(`${SPEAKER_TITLES}${NAME}(?=代表|在|作|向)`).exec(head);
  if (sp) speaker = stripSpaces(sp[1]);
  if (!speaker && headerSpeaker) {
    const hs = /^([\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,6}·[\u4e00-\u9fff]{2,8})$/.exec(
      stripSpaces(headerSpeaker).replace(new RegExp(`^.*${SPEAKER_TITLES}`), ""),
    );
    if (hs) speaker = hs[1];
  }
  if (!speaker && dm) {
    const after = head.slice(dm.index + dm[0].length, dm.index + dm[0].length + 30);
    const nm = /^\s*([\u4e00-\u9fff]{2,4})\s+(?:各位代表|同志们)/.exec(after);
    if (nm) speaker = nm[1];
  }
  if (speaker) speaker = simp(speaker);

  // Plan year: the plan heading's, else the title's, else the review's year + 1, else the year of
  // delivery (a report delivered in November or December is for the year after).
  let year: number | null = null;
  const plan = sections.find((s) => s.kind === "plan" && !s.continuesPlan);
  const review = sections.find((s) => s.kind === "review");
  if (plan) year = yearOf(a.slice(plan.headingStart, plan.headingEnd));
  if (year === null) year = yearOf(title ? simp(title) : null) ?? yearOf(headerTitle);
  if (year === null && review) {
    const heading = a.slice(review.headingStart, review.headingEnd);
    const ry = yearOf(heading);
    if (ry !== null && !/十[一二三四五六七八九]五|五年/.test(heading)) year = ry + 1;
  }
  if (year === null && deliveredOn)
    year = Number(deliveredOn.slice(0, 4)) + (Number(deliveredOn.slice(5, 7)) >= 11 ? 1 : 0);
  if (year !== null && (year < 1949 || year > 2100)) year = null;

  const level = region ? levelOf(region) : levelFromSelfReference(a, body);
  return { region, level, year, deliveredOn, meeting, speaker, script, title };
}
