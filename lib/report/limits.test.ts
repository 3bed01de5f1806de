/**
 * The caps on what one report may be and produce (limits.ts): past any of them the report is
 * refused whole with its own code, which the import page translates.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ReportInputError } from "./errors";
import { countReportChars, MAX_PLEDGES, MAX_REPORT_CHARS, MAX_SECTIONS } from "./limits";
import { parseReport } from "./parse-report";
import { listItemsReport, numbersParagraphReport } from "./stress-inputs";

const report = readFileSync(
  path.resolve(__dirname, "../../seed/reports/hailar/hailar_2014.txt"),
  "utf8",
);
const HEAD =
  "海拉尔区政府工作报告\n各位代表:\n一、2014年工作回顾\n全区地区生产总值完成274.4亿元。\n二、2015年工作安排\n";

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ReportInputError) return e.code;
    throw e;
  }
  return "parsed";
}

describe("caps on one report", () => {
  it("are several times what the largest real reports reach", () => {
    expect(MAX_REPORT_CHARS).toBeGreaterThanOrEqual(5 * 43_455);
    expect(MAX_PLEDGES).toBeGreaterThanOrEqual(2 * 1_136);
    expect(MAX_SECTIONS).toBeGreaterThanOrEqual(5 * 149);
  });

  it("refuses a text of more than MAX_REPORT_CHARS characters besides whitespace, before parsing it", () => {
    const long = numbersParagraphReport(MAX_REPORT_CHARS + 1_000);
    expect(countReportChars(long)).toBeGreaterThan(MAX_REPORT_CHARS);
    // Refused before any work: even with a deadline already past, the size is what is reported.
    expect(refusal(() => parseReport(long, { deadline: Date.now() - 1 }))).toBe("TOO_LONG");
    expect(refusal(() => parseReport(long))).toBe("TOO_LONG");
  });

  it("does not count whitespace: a real report padded with millions of blanks parses as it is", () => {
    const plain = parseReport(report);
    const padded =
      report + " ".repeat(1_000_000) + "\n".repeat(1_000_000) + "\u3000\t\r\n".repeat(100_000);
    expect(countReportChars(padded)).toBe(countReportChars(report));
    expect(parseReport(padded).pledges).toEqual(plain.pledges);
    // Blank lines inside the text cost nothing either (the pledges after them just move).
    const cut = report.indexOf("二、2014年工作安排");
    const inside = report.slice(0, cut) + "\n".repeat(1_000_000) + report.slice(cut);
    expect(parseReport(inside).pledges.map((p) => p.text)).toEqual(
      plain.pledges.map((p) => p.text),
    );
  });

  it("refuses a report that yields more than MAX_PLEDGES pledges, and takes one just under", () => {
    expect(refusal(() => parseReport(listItemsReport(MAX_PLEDGES + 50)))).toBe("TOO_MANY_PLEDGES");
    expect(parseReport(listItemsReport(MAX_PLEDGES - 50)).pledges.length).toBeLessThanOrEqual(
      MAX_PLEDGES,
    );
    // The 1 MB paragraph of figures of issue 12, as an upload, is refused one way or the other.
    expect(refusal(() => parseReport(numbersParagraphReport(200_000)))).toBe("TOO_MANY_PLEDGES");
  });

  it("refuses a report of more than MAX_SECTIONS sections, subsections, topics and blocks", () => {
    const many =
      HEAD +
      Array.from(
        { length: MAX_SECTIONS + 10 },
        (_, i) => `(${"一二三四五六七八九十"[i % 10]})推动产业升级\n新建学校${i}所。\n`,
      ).join("");
    expect(refusal(() => parseReport(many))).toBe("TOO_MANY_SECTIONS");
  });

  it("can be lifted one by one (benchmarks and scaling tests measure past them)", () => {
    const text = listItemsReport(MAX_PLEDGES + 50);
    expect(parseReport(text, { limits: { maxPledges: Infinity } }).pledges.length).toBeGreaterThan(
      MAX_PLEDGES,
    );
    expect(refusal(() => parseReport(report, { limits: { maxPledges: 10 } }))).toBe(
      "TOO_MANY_PLEDGES",
    );
    expect(refusal(() => parseReport(report, { limits: { maxChars: 1_000 } }))).toBe("TOO_LONG");
    expect(refusal(() => parseReport(report, { limits: { maxSections: 3 } }))).toBe(
      "TOO_MANY_SECTIONS",
    );
  });

  it("each refusal has one clear English line", () => {
    for (const run of [
      () => parseReport(numbersParagraphReport(MAX_REPORT_CHARS + 1_000)),
      () => parseReport(listItemsReport(MAX_PLEDGES + 50)),
    ]) {
      try {
        run();
        throw new Error("not refused");
      } catch (e) {
        expect(e).toBeInstanceOf(ReportInputError);
        expect((e as Error).message).toMatch(/^The text .{10,}\.$/);
      }
    }
  });
});
