import { describe, expect, it } from "vitest";
import { parseReport } from "../../report/parse-report";
import { readCorpusText } from "../../report/__eval__/wild";
import { findReviewRange } from "../suggest-for-pair";
import { findQuote, loadGold, loadHebeiGold, locatePlan, locateReview, readHailar } from "./read-gold";

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

  for (const pair of gold) {
    it(`${pair.planFile} → ${pair.reviewFile}: every pledge and quote occurs verbatim in its section`, () => {
      const plan = readHailar(pair.planFile);
      const review = readHailar(pair.reviewFile);
      const planSpan = locatePlan(plan);
      const reviewSpan = locateReview(review);
      for (const g of pair.pledges) {
        expect(plan.includes(g.pledge), `${g.id} pledge`).toBe(true);
        expect(findQuote(plan, g.pledge, planSpan), `${g.id} pledge in plan section`).not.toBeNull();
        for (const q of g.evidence ?? []) {
          expect(review.includes(q), `${g.id} quote ${q}`).toBe(true);
          expect(findQuote(review, q, reviewSpan), `${g.id} quote in review section`).not.toBeNull();
        }
      }
    });
  }
});

describe("河北 gold labels (hebei-gold.md)", () => {
  const gold = loadHebeiGold();

  it("covers two pairs of different eras, 50+ pledges each, with tiers and silent pledges", () => {
    expect(gold.map((p) => `${p.planFile}>${p.reviewFile}`)).toEqual(["hebei_2009.txt>hebei_2010.txt", "hebei_2022.txt>hebei_2023.txt"]);
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
        for (const q of g.evidence ?? []) expect(findQuote(review, q, reviewSpan), `${g.id} quote in review section: ${q}`).not.toBeNull();
      }
    });
  }
});
