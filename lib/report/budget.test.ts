/**
 * The time budget of a parse (budget.ts): a deadline or an abort signal ends the work from inside
 * the parser's loops with a typed error. Time is simulated (Date.now is stubbed), never measured.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseBudgetChecks, withParseBudget } from "./budget";
import { ReportInputError } from "./errors";
import { parseReport } from "./parse-report";
import { numbersParagraphReport } from "./stress-inputs";

const report = readFileSync(
  path.resolve(__dirname, "../../seed/reports/hailar/hailar_2015.txt"),
  "utf8",
);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ReportInputError) return e.code;
    throw e;
  }
  return "parsed";
}

afterEach(() => vi.restoreAllMocks());

describe("parse budget", () => {
  it("a deadline already past ends the parse at once with TIMEOUT", () => {
    const now = vi.spyOn(Date, "now");
    expect(refusal(() => parseReport(report, { deadline: Date.now() - 1 }))).toBe("TIMEOUT");
    expect(now).toHaveBeenCalledTimes(2); // the caller's own, then the check before any work
  });

  it("a signal already aborted ends the parse at once with ABORTED", () => {
    const controller = new AbortController();
    controller.abort();
    expect(refusal(() => parseReport(report, { signal: controller.signal }))).toBe("ABORTED");
  });

  it("a deadline that passes while parsing stops the work inside the parser's loops", () => {
    // Every look at the clock moves it on by a second: a 10 s budget runs out after ten looks.
    let clock = 1_000_000;
    vi.spyOn(Date, "now").mockImplementation(() => (clock += 1_000));
    let looks = 0;
    const deadline = clock + 10_500;
    expect(
      refusal(() =>
        parseReport(numbersParagraphReport(100_000), {
          deadline,
          limits: { maxPledges: Infinity },
          signal: {
            get aborted() {
              looks++;
              return false;
            },
          } as AbortSignal,
        }),
      ),
    ).toBe("TIMEOUT");
    expect(looks).toBeGreaterThan(5);
    expect(looks).toBeLessThan(20);
  });

  it("a generous budget changes nothing", () => {
    const plain = parseReport(report);
    expect(
      parseReport(report, { deadline: Date.now() + 60_000, signal: new AbortController().signal }),
    ).toEqual(plain);
  });

  it("checks count the work of the parse under way, and nothing outside one", () => {
    let checks = 0;
    withParseBudget({ deadline: Date.now() + 60_000 }, () => {
      parseReport(report);
      checks = parseBudgetChecks();
    });
    expect(checks).toBeGreaterThan(100);
    expect(parseBudgetChecks()).toBe(0);
  });
});
