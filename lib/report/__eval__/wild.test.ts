import { describe, expect, it } from "vitest";
import { evaluateWildCorpus, readExpected, wildCorpusAvailable, wildProblems } from "./wild";

/**
 * Issue 13's bar on the 41 real reports of ../shared/corpus/wild/ (the same measurements as
 * `npm run eval:wild`): every one parses whole — review and plan found, region, level and year as
 * expected.tsv says, no item extracted twice from a body the page holds twice, and no stretch of
 * 400 plan characters (outside the framing the parser says it left out) with nothing extracted.
 */
describe("the wild corpus parses whole", () => {
  it("is beside the checkout (CI clones it there)", () => {
    expect(wildCorpusAvailable()).toBe(true);
    expect(readExpected()).toHaveLength(41);
  });

  const results = wildCorpusAvailable() ? evaluateWildCorpus() : [];
  for (const r of results) {
    it(r.file, () => {
      expect(wildProblems(r)).toEqual([]);
      expect(r.level.ok).toBe(true);
      expect(r.items).toBeGreaterThan(50);
    });
  }

  it("recognises the bodies saved twice, and only those", () => {
    const doubled = results.filter((r) => r.duplicateBody).map((r) => r.file);
    expect(doubled).toEqual([
      "hebei_2001.txt",
      "hebei_2002.txt",
      "hebei_2003.txt",
      "hebei_2004.txt",
      "hebei_2009.txt",
      "hebei_2010.txt",
      "hebei_2021.txt",
      "hebei_2023.txt",
      "hebei_2024.txt",
    ]);
  });
});
