import { describe, expect, it } from "vitest";
import { parseReport } from "../../report/parse-report";
import { readCorpusText } from "../../report/__eval__/wild";
import { findReviewRange } from "../suggest-for-pair";
import {
  findQuote,
  readGold,
  loadGold,
  loadHebeiGold,
  locatePlan,
  locateReview,
  readHailar,
} from "./read-gold";

describe("Hailar gold labels", () => {
  const gold = loadGold();

  it("covers the four pairs with about 30+ pledges each, 15-25% without evidence", () => {
    expect(gold.map((p) => `${p.planFile}>${p.reviewFile}`)).toEqual([
      "hailar_2012.txt>hailar_2013.txt",
      "hailar_2013.txt>hailar_2014.txt",
      "hailar_2014.txt>hailar_2015.txt",
      "hailar_2015.txt>hailar_2016.txt",
    ]);
    const all = gold.flatMap((p) => p.pledges);
    for (const p of gold) expect(p.pledges.length).toBeGreaterThanOrEqual(30);
    const none = all.filter((g) => !g.evidence).length / all.length;
    expect(none).toBeGreaterThan(0.15);
    expect(none).toBeLessThan(0.25);
    expect(new Set(all.map((g) => g.id)).size).toBe(all.length);
  });

  it("gives every pledge a hand verdict, not_verifiable where the review is silent", () => {
    const all = gold.flatMap((p) => p.pledges);
    expect(all.filter((g) => !g.evidence).every((g) => g.verdict === "not_verifiable")).toBe(true);
    const counts = new Map<string, number>();
    for (const g of all) counts.set(g.verdict, (counts.get(g.verdict) ?? 0) + 1);
    for (const v of ["fulfilled", "partial", "unfulfilled", "not_verifiable"])
      expect(counts.get(v), v).toBeGreaterThan(10);
  });

  it("refuses a malformed verdict and a silent pledge judged fulfilled", () => {
    const block = (evidence: string, verdict: string) =>
      `## a.txt → b.txt\n\n### x-01\n- kind: quantitative\n- pledge: P\n${evidence}\n- verdict: ${verdict}\n`;
    expect(() => readGold(block("- evidence: none", "met"))).toThrow(/bad verdict/);
    expect(() => readGold(block("- evidence: none", "fulfilled"))).toThrow(
      /must be not_verifiable/,
    );
    expect(readGold(block("- evidence:\n  - Q", "partial"))[0].pledges[0].verdict).toBe("partial");
  });

  for (const pair of gold) {
    it(`${pair.planFile} → ${pair.reviewFile}: every pledge and quote occurs verbatim in its section`, () => {
      const plan = readHailar(pair.planFile);
      const review = readHailar(pair.reviewFile);
      const planSpan = locatePlan(plan);
      const reviewSpan = locateReview(review);
      for (const g of pair.pledges) {
        expect(plan.includes(g.pledge), `${g.id} pledge`).toBe(true);
        expect(
          findQuote(plan, g.pledge, planSpan),
          `${g.id} pledge in plan section`,
        ).not.toBeNull();
        for (const q of g.evidence ?? []) {
          expect(review.includes(q), `${g.id} quote ${q}`).toBe(true);
          expect(
            findQuote(review, q, reviewSpan),
            `${g.id} quote in review section`,
          ).not.toBeNull();
        }
      }
    });
  }
});

describe("河北 gold labels (hebei-gold.md)", () => {
  const gold = loadHebeiGold();

  it("covers two pairs of different eras, 50+ pledges each, with tiers and silent pledges", () => {
    expect(gold.map((p) => `${p.planFile}>${p.reviewFile}`)).toEqual([
      "hebei_2009.txt>hebei_2010.txt",
      "hebei_2022.txt>hebei_2023.txt",
    ]);
    for (const p of gold) expect(p.pledges.length).toBeGreaterThanOrEqual(50);
    const all = gold.flatMap((p) => p.pledges);
    expect(all.every((g) => g.tier === "T" || g.tier === "D")).toBe(true);
    expect(all.filter((g) => !g.evidence).length / all.length).toBeGreaterThan(0.15);
    expect(new Set(all.map((g) => g.id)).size).toBe(all.length);
  });

  for (const pair of gold) {
    it(`${pair.planFile} → ${pair.reviewFile}: every pledge occurs in the plan file and every quote in the next year's review`, () => {
      const plan = readCorpusText(`wild/${pair.planFile}`);
      const review = readCorpusText(`wild/${pair.reviewFile}`);
      const reviewSpan = findReviewRange(parseReport(review));
      for (const g of pair.pledges) {
        expect(plan.includes(g.pledge), `${g.id} pledge`).toBe(true);
        for (const q of g.evidence ?? [])
          expect(
            findQuote(review, q, reviewSpan),
            `${g.id} quote in review section: ${q}`,
          ).not.toBeNull();
      }
    });
  }
});
