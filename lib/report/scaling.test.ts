/**
 * The attack of issue 12 finding 2: inputs built so that parsing grows much faster than the input
 * (a paragraph of figures took 80 s at 520 KB). Each test parses an input and one twice its size
 * and checks that the work done (lib/testing/work-meter: characters scanned, list elements
 * visited; no clock) about doubles. Quadratic passes made it about quadruple.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { workGrowth } from "../testing/work-meter";
import { extractHtmlText } from "./html-text";
import { parseReport } from "./parse-report";
import { listItemsReport, numbersParagraphReport, singleLineReport } from "./stress-inputs";

// Linear work doubles (2.0); a quadratic pass quadruples it. The slack covers fixed costs.
const LINEAR = 2.6;
const UNCAPPED = { limits: { maxChars: Infinity, maxPledges: Infinity, maxSections: Infinity } };
const HEAD =
  "海拉尔区政府工作报告\n各位代表:\n一、2014年工作回顾\n全区地区生产总值完成274.4亿元。\n二、2015年工作安排\n";

describe("parsing work grows linearly with the input", () => {
  it("one paragraph full of figures (every number used to rescan the text before it)", () => {
    const g = workGrowth((n) => parseReport(numbersParagraphReport(n), UNCAPPED), 40_000);
    expect(g.ratio, JSON.stringify(g)).toBeLessThan(LINEAR);
  });

  it("thousands of numbered list items (each paragraph used to filter the whole list)", () => {
    const g = workGrowth((n) => parseReport(listItemsReport(n), UNCAPPED), 1_500);
    expect(g.ratio, JSON.stringify(g)).toBeLessThan(LINEAR);
  });

  it("thousands of subsections and plan headings", () => {
    const subsections = (n: number) =>
      HEAD +
      Array.from(
        { length: n },
        (_, i) =>
          `(${"一二三四五六七八九十"[i % 10]})推动产业升级\n新建学校${i}所,改造道路5公里。\n`,
      ).join("");
    const g = workGrowth((n) => parseReport(subsections(n), UNCAPPED), 1_000);
    expect(g.ratio, JSON.stringify(g)).toBeLessThan(LINEAR);
    const plans = (n: number) =>
      Array.from({ length: n }, (_, i) => `一、${2000 + (i % 20)}年工作安排\n新建学校3所。\n`).join(
        "",
      );
    const h = workGrowth((n) => parseReport(plans(n), UNCAPPED), 1_000);
    expect(h.ratio, JSON.stringify(h)).toBeLessThan(LINEAR);
  });

  it("one clause of thousands of coordinated quantities (3所、5所、…)", () => {
    const clause = (n: number) => `${HEAD}新建${"3所、".repeat(n)}5所。\n`;
    const g = workGrowth((n) => parseReport(clause(n), UNCAPPED), 5_000);
    expect(g.ratio, JSON.stringify(g)).toBeLessThan(LINEAR);
  });

  it("a real report on one line, repeated", () => {
    const seed = readFileSync(
      path.resolve(__dirname, "../../seed/reports/hailar/hailar_2015.txt"),
      "utf8",
    );
    const g = workGrowth((n) => parseReport(singleLineReport(seed, n), UNCAPPED), 100_000);
    expect(g.ratio, JSON.stringify(g)).toBeLessThan(LINEAR);
  });
});

describe("pathological HTML keeps its meaning", () => {
  it("unclosed tags: everything from the first one is an unterminated tag, as before", () => {
    expect(extractHtmlText("<p>政府工作报告</p>" + "<div class=x ".repeat(20_000))).toBe(
      "政府工作报告",
    );
    // A <head> never closed is not dropped with what follows; an unclosed CDATA stays text.
    expect(extractHtmlText("<p>甲</p><head>" + "<head>".repeat(20_000) + "</p>乙")).toBe(
      "甲\n\n乙",
    );
    const cdata = "<![CDATA[".repeat(20_000);
    expect(extractHtmlText(`<p>甲</p>${cdata}<p>乙</p>`)).toBe(`甲\n${cdata}\n乙`);
  });

  it("100,000 nested <div>s around a report", () => {
    const html = `<html><body>${"<div>".repeat(100_000)}政府工作报告<br>各位代表${"</div>".repeat(100_000)}</body></html>`;
    expect(extractHtmlText(html)).toBe("政府工作报告\n各位代表");
  });
});
