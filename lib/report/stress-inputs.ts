/**
 * Pathological report texts for `npm run bench` and the scaling tests: the inputs an outside
 * security test used to make the parser take minutes (issue 12). Each generator is deterministic
 * and returns text of about the requested length in characters, wrapped in a plausible report
 * (title, address, review and plan headings) so that every pass of the parser runs over it.
 */

const HEAD =
  "海拉尔区政府工作报告\n——2015年2月5日在海拉尔区第十四届人民代表大会第四次会议上\n海拉尔区人民政府区长 杜联合\n各位代表:\n一、2014年工作回顾\n全区地区生产总值完成274.4亿元,同比增长9.1%。\n二、2015年工作安排\n";

// Clauses full of figures of every kind the target reader knows: counts, areas, money, rates,
// ranges, Chinese numerals, comparators.
const NUMBER_CLAUSES = [
  "新建学校3所",
  "改造道路5.2公里",
  "地区生产总值增长6%左右",
  "完成投资1000万元以上",
  "新增就业岗位2000个",
  "建设两所幼儿园",
  "改造棚户区3800户、58万平方米",
  "绿化面积达到12万平方米",
  "打造1-2个示范区",
  "引进3至5家企业",
  "城镇登记失业率控制在4%以内",
  "栽植树木2000棵",
];

function repeatTo(target: number, piece: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < target; i++) {
    const p = piece(i);
    parts.push(p);
    length += p.length;
  }
  return parts.join("");
}

/**
 * One plan paragraph of `chars` characters made only of figures: clauses joined by "," and "、"
 * with no sentence end, so the whole paragraph is one sentence (the 1 MB case of issue 12).
 */
export function numbersParagraphReport(chars: number): string {
  const body = repeatTo(
    chars - HEAD.length,
    (i) => NUMBER_CLAUSES[i % NUMBER_CLAUSES.length] + (i % 3 === 2 ? "、" : ","),
  );
  return `${HEAD}${body}。\n`;
}

/**
 * A whole report on one line of `chars` characters: `seed` (a real report) with its line breaks
 * removed, repeated. Without line breaks or spaces nothing splits it into paragraphs.
 */
export function singleLineReport(seed: string, chars: number): string {
  const line = seed.replace(/[\r\n]+/g, "");
  return repeatTo(chars, () => line).slice(0, chars);
}

/** A plan that is one numbered list of `items` items ("1、新建学校3所。" …), one per line. */
export function listItemsReport(items: number): string {
  const lines: string[] = [HEAD, "(一)2015年惠民实事\n"];
  for (let i = 1; i <= items; i++)
    lines.push(`${i}、${NUMBER_CLAUSES[i % NUMBER_CLAUSES.length]}。\n`);
  return lines.join("");
}

/** An HTML page with the report text inside `depth` nested <div>s. */
export function nestedHtmlReport(depth: number): string {
  const text = `${HEAD}${NUMBER_CLAUSES.join(",")}。`.replace(/\n/g, "<br>");
  return `<html><body>${"<div>".repeat(depth)}${text}${"</div>".repeat(depth)}</body></html>`;
}

/**
 * A report as large as the caps allow (lib/report/limits.ts), for tests that need an import with a
 * long transaction (crash, shutdown): `subsections` plan subsections of three pledges each, their
 * items numbered 1、3、5、 so that they form no list block. 300 subsections give about 900 pledges
 * and 300 section rows; 900 give about 2,700 pledges and 900 rows, just under the caps.
 */
export function largestReport(subsections: number, tag = ""): string {
  const parts: string[] = [tag ? `（${tag}）\n` : "", HEAD];
  for (let i = 0; i < subsections; i++) {
    parts.push(`(${"一二三四五六七八九十"[i % 10]})推进第${i + 1}批重点项目\n`);
    for (const n of [1, 3, 5])
      parts.push(`${n}、新建第${i + 1}批${NUMBER_CLAUSES[(i + n) % NUMBER_CLAUSES.length]}。\n`);
  }
  return parts.join("");
}
