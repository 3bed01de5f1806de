/**
 * Evidence matching on huge inputs (issue 12): the work of suggesting evidence grows in proportion
 * to the review and the pledge (lib/testing/work-meter counts it; no clock).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../report/parse-report";
import { numbersParagraphReport } from "../report/stress-inputs";
import { workGrowth } from "../testing/work-meter";
import { compareNumbers } from "./compare-numbers";
import { splitParagraphs } from "./index-review";
import { toPlanPledges } from "./suggest-for-pair";
import { suggestForPledges } from "./suggest-for-pledges";

const LINEAR = 2.6;
const plan = readFileSync(
  path.resolve(__dirname, "../../seed/reports/hailar/hailar_2015.txt"),
  "utf8",
);

describe("evidence work grows linearly with the input", () => {
  it("suggestions for every pledge of a plan against a huge review of figures", () => {
    const pledges = toPlanPledges(parseReport(plan)).slice(0, 40);
    const run = (n: number) => {
      const review = numbersParagraphReport(n);
      return suggestForPledges(
        pledges,
        review,
        { start: 0, end: review.length },
        { planText: plan },
      );
    };
    const g = workGrowth(run, 20_000);
    expect(g.ratio, JSON.stringify(g)).toBeLessThan(LINEAR);
  });

  it("comparing a long pledge's target with a long evidence text (the pledge was scanned per figure)", () => {
    const text = (n: number) => numbersParagraphReport(n);
    const g = workGrowth(
      (n) => compareNumbers({ value: 3, unit: "所", comparator: ">=" }, text(n), text(n)),
      20_000,
    );
    expect(g.ratio, JSON.stringify(g)).toBeLessThan(LINEAR);
  });

  it("splits a review with huge runs of spaces into the same paragraphs", () => {
    // Breaks after a sentence end and before a heading marker; not before plain text.
    const sp = " ".repeat(20_000);
    const source = `一、回顾。${sp}二、产业${sp}（三）建设${sp}x\n四、计划`;
    const n = sp.length;
    expect(splitParagraphs(source, { start: 0, end: source.length })).toEqual([
      { start: 0, end: 5 },
      { start: n + 5, end: n + 9 },
      { start: 2 * n + 9, end: 3 * n + 15 },
      { start: 3 * n + 16, end: 3 * n + 20 },
    ]);
  });
});
