/**
 * Report metadata read from the header the text states: title, date delivered, meeting,
 * region and its level, speaker, plan year. Nothing is guessed beyond what is written,
 * except the plan year from headings and the level from how the government refers to itself.
 */
import type { RegionLevel, ReportMeta, ReportSection, Script, Span } from "./types";
import { toSimplified } from "./script";

const SPEAKER_TITLES = "(?:代理|代)?(?:区长|市长|县长|省长|旗长|州长|盟长|主席|总理|镇长|乡长)";

function stripSpaces(s: string): string {
  return s.replace(/[\s\u3000]+/g, "");
}

function levelOf(region: string): RegionLevel | null {
  if (/^(国务院|中华人民共和国|全国)$/.test(region)) return "national";
  if (/(省|自治区)$/.test(region) && !/市/.test(region)) return "province";
  if (/^(北京市|上海市|天津市|重庆市)$/.test(region)) return "province";
  if (/(区|特区)$/.test(region)) return "district";
  if (/(县|旗|自治县|自治旗)$/.test(region)) return "county";
  if (/(镇|乡|街道)$/.test(region)) return "township";
  if (/(市|州|盟|地区)$/.test(region)) return "city";
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

/**
 * Read the metadata of a report. `source` is the decoded text, `a` its analysis form
 * (normalizeForParse), `body` the cleaned range and `sections` the top-level sections (used
 * for the plan year). Region and speaker are returned in simplified characters so reports
 * pair across scripts; meeting and title are as written.
 */
export function extractMetadata(source: string, a: string, body: Span, sections: ReportSection[], script: Script): ReportMeta {
  const firstHeading = sections.length ? sections[0].headingStart : body.end;
  const headEnd = Math.max(body.start, Math.min(firstHeading, body.start + 1500));
  const head = a.slice(body.start, headEnd);
  const headSrc = source.slice(body.start, headEnd);

  // Title: the first line of the body when it names the report.
  let title: string | null = null;
  const firstLine = head.split("\n")[0];
  if (/工作报告/.test(stripSpaces(firstLine)) && firstLine.length <= 60) {
    title = headSrc.split("\n")[0].trim();
  }

  // Date and meeting: "——2019年12月26日在大连市西岗区第十八届\n人民代表大会第三次会议上".
  let deliveredOn: string | null = null;
  let meeting: string | null = null;
  const dm = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*在([\s\S]{2,80}?会议?)\s*上/.exec(head);
  if (dm) {
    const [y, mo, d] = [Number(dm[1]), Number(dm[2]), Number(dm[3])];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
      deliveredOn = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    }
    const mStart = dm.index + dm[0].indexOf("在") + 1;
    const mEnd = mStart + dm[4].length;
    meeting = stripSpaces(headSrc.slice(mStart, mEnd));
  } else {
    const d2 = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(head.slice(0, 300));
    if (d2) deliveredOn = `${d2[1]}-${d2[2].padStart(2, "0")}-${d2[3].padStart(2, "0")}`;
  }

  // Region: from the meeting, else from the title, else from "X人民政府区长".
  let region: string | null = null;
  const meetingSimp = meeting ? (script === "traditional" ? toSimplified(meeting) : meeting) : null;
  if (meetingSimp) {
    const r = /^(.+?)(?:第[一二三四五六七八九十百\d]+届|[一二三四五六七八九十\d]+届)/.exec(meetingSimp);
    if (r) region = r[1];
  }
  if (!region && title) {
    const t = stripSpaces(script === "traditional" ? toSimplified(title) : title);
    const r = /^(?:\d{4}年)?(?:度)?(.+?)(?:人民)?政府工作报告/.exec(t);
    if (r && r[1] && !/^(区|市|县|省)$/.test(r[1])) region = r[1];
  }
  if (!region) {
    const r = new RegExp(`([\\u4e00-\\u9fff]{2,12}?)人民政府\\s*${SPEAKER_TITLES}`).exec(head);
    if (r) region = r[1];
  }
  if (region) region = region.replace(/^(在|于)/, "");

  // Speaker: "区长 吴开华", "海拉尔区人民政府区长　　张天喜", or a bare name after the meeting line.
  let speaker: string | null = null;
  const sp = new RegExp(`${SPEAKER_TITLES}[^\\S\\n]*((?:[\\u4e00-\\u9fff][^\\S\\n]*){2,4})(?=\\s|$)`).exec(head);
  if (sp) speaker = stripSpaces(sp[1]);
  else if (dm) {
    const after = head.slice(dm.index + dm[0].length, dm.index + dm[0].length + 30);
    const nm = /^\s*([\u4e00-\u9fff]{2,4})\s+(?:各位代表|同志们)/.exec(after);
    if (nm) speaker = nm[1];
  }
  if (speaker && script === "traditional") speaker = toSimplified(speaker);

  // Plan year: the plan heading's year, else the title's, else the review's year + 1.
  let year: number | null = null;
  const plan = sections.find((s) => s.kind === "plan" && !s.continuesPlan);
  const review = sections.find((s) => s.kind === "review");
  const yearIn = (s: string) => {
    const y = /(\d{4})\s*年/.exec(s);
    return y ? Number(y[1]) : null;
  };
  if (plan) year = yearIn(a.slice(plan.headingStart, plan.headingEnd));
  if (year === null && title) year = yearIn(title);
  if (year === null && review) {
    const ry = yearIn(a.slice(review.headingStart, review.headingEnd));
    if (ry !== null && !/十[一二三四五六七八九]五|五年/.test(a.slice(review.headingStart, review.headingEnd))) year = ry + 1;
  }
  if (year !== null && (year < 1949 || year > 2100)) year = null;

  const level = region ? levelOf(region) : levelFromSelfReference(a, body);
  return { region, level, year, deliveredOn, meeting, speaker, script, title };
}
