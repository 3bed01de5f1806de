import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../report/parse-report";
import { toLineagePledges } from "./lineage-for-files";
import {
  LINEAGE_FEATURE_NAMES,
  LINEAGE_WEIGHTS,
  matchPlans,
  predecessorProbability,
  type EarlierPlan,
} from "./match-plans";

const hailar = (year: number) =>
  readFileSync(path.join(__dirname, "../../seed/reports/hailar", `hailar_${year}.txt`), "utf8");
const plan = (year: number): EarlierPlan => ({
  id: `h${year}`,
  year,
  pledges: toLineagePledges(parseReport(hailar(year))),
});
const find = (p: EarlierPlan, words: string) => {
  const hit = p.pledges.find((x) => x.text.includes(words));
  if (!hit) throw new Error(`no pledge with ${words}`);
  return hit;
};

describe("matchPlans (plan against plan, on the Hailar series)", () => {
  const p2012 = plan(2012);
  const p2013 = plan(2013);
  const p2014 = plan(2014);

  it("finds the same headline indicator whatever its figure, and names the matched words as written", () => {
    const gdp = find(p2014, "地区生产总值增长11%");
    const [r] = matchPlans([gdp], [p2013]);
    expect(r.predecessor?.text).toContain("地区生产总值增长20%");
    expect(r.predecessor?.signals.indicator).toBe("same");
    expect(r.predecessor?.terms).toContain("地区生产总值");
    expect(
      p2013.pledges.some(
        (x) => x.id === r.predecessor!.pledgeId && x.start === r.predecessor!.start,
      ),
    ).toBe(true);
  });

  it("follows a named project across stages and calls a new one new", () => {
    const [mall] = matchPlans([find(p2014, "红星美凯龙主力店")], [p2013]);
    expect(mall.predecessor?.text).toContain("红星美凯龙6万平方米主力店");
    expect(mall.probability).toBeGreaterThanOrEqual(0.5);
    const census = matchPlans([find(p2014, "第三次全国经济普查")], [p2013])[0];
    expect(census.predecessor).toBeNull();
    expect(census.probability).toBeLessThan(0.5);
  });

  it("looks further back when the plan before does not carry the pledge, and prefers the nearest plan when both do", () => {
    // the district hospital's grade-A promotion: in 2012 and 2014, not in 2013
    const hospital = find(p2014, "二级甲等医院");
    const [r] = matchPlans([hospital], [p2013, p2012]);
    expect(r.predecessor?.planId).toBe("h2012");
    expect(r.predecessor?.signals.age).toBe(1);
    // the 东外环 road: 2012 and 2013 both; 2013 wins
    const ring = matchPlans([find(p2014, "东外环道路开工建设")], [p2013, p2012])[0];
    expect(ring.predecessor?.planId).toBe("h2013");
  });

  it("returns no candidates and probability 0 against an empty plan; the model has one weight per feature", () => {
    const [r] = matchPlans(
      [find(p2014, "红星美凯龙主力店")],
      [{ id: "empty", year: 2013, pledges: [] }],
    );
    expect(r).toMatchObject({ candidates: [], predecessor: null, probability: 0 });
    expect(predecessorProbability([])).toBe(0);
    expect(LINEAGE_WEIGHTS).toHaveLength(LINEAGE_FEATURE_NAMES.length);
  });
});
