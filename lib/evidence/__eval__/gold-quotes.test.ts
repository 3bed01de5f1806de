import { describe, expect, it } from "vitest";
import { findQuote, loadGold, locatePlan, locateReview, readHailar } from "./read-gold";

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
