import { describe, expect, it } from "vitest";
import { findQuote } from "./read-gold";
import {
  lineagePlanSpan,
  loadLineageGold,
  readLineageFile,
  readLineageGold,
} from "./read-lineage-gold";

describe("lineage gold labels (lineage-gold.md)", () => {
  const gold = loadLineageGold();

  it("covers the Hailar series 2012–2016 and two 河北 pairs, with at least 60 matched pledges and pledges with no predecessor", () => {
    expect(gold.map((p) => `${p.earlierFile}>${p.laterFile}`)).toEqual([
      "hailar_2012.txt>hailar_2013.txt",
      "hailar_2013.txt>hailar_2014.txt",
      "hailar_2014.txt>hailar_2015.txt",
      "hailar_2015.txt>hailar_2016.txt",
      "hebei_2009.txt>hebei_2010.txt",
      "hebei_2022.txt>hebei_2023.txt",
    ]);
    const all = gold.flatMap((p) => p.pledges);
    expect(all.filter((g) => g.predecessors).length).toBeGreaterThanOrEqual(60);
    for (const p of gold) {
      expect(p.pledges.filter((g) => g.predecessors).length, p.laterFile).toBeGreaterThanOrEqual(
        20,
      );
      expect(p.pledges.filter((g) => !g.predecessors).length, p.laterFile).toBeGreaterThanOrEqual(
        8,
      );
    }
    expect(new Set(all.map((g) => g.id)).size).toBe(all.length);
  });

  it("refuses a malformed block", () => {
    const block = (kind: string, predecessor: string) =>
      `## a.txt → b.txt\n\n### x-01\n- kind: ${kind}\n- pledge: P\n${predecessor}\n`;
    expect(() => readLineageGold(block("thing", "- predecessor: none"))).toThrow(/bad kind/);
    expect(() => readLineageGold(block("project", "- predecessor: maybe"))).toThrow(/none/);
    expect(() => readLineageGold(block("project", ""))).toThrow(/incomplete/);
    expect(
      readLineageGold(block("project", "- predecessor:\n  - Q"))[0].pledges[0].predecessors,
    ).toEqual(["Q"]);
  });

  for (const pair of gold) {
    it(`${pair.earlierFile} → ${pair.laterFile}: every pledge occurs verbatim in the later plan and every predecessor in the earlier plan`, () => {
      const earlier = readLineageFile(pair.earlierFile);
      const later = readLineageFile(pair.laterFile);
      const earlierPlan = lineagePlanSpan(pair.earlierFile, earlier);
      const laterPlan = lineagePlanSpan(pair.laterFile, later);
      for (const g of pair.pledges) {
        expect(
          findQuote(later, g.pledge, laterPlan),
          `${g.id} pledge in the later plan: ${g.pledge}`,
        ).not.toBeNull();
        for (const q of g.predecessors ?? [])
          expect(
            findQuote(earlier, q, earlierPlan),
            `${g.id} predecessor in the earlier plan: ${q}`,
          ).not.toBeNull();
      }
    });
  }
});
