import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { suggestForPledges, toSuggestJson, type PlanPledge } from "./suggest-for-pledges";

const dir = path.resolve(__dirname, "../../seed/reports/hailar");
const plan = readFileSync(path.join(dir, "hailar_2014.txt"), "utf8");
const review = readFileSync(path.join(dir, "hailar_2015.txt"), "utf8");
const reviewRange = {
  start: review.indexOf("一、2014年工作回顾"),
  end: review.indexOf("二、2015年工作安排"),
};

function pledge(id: string, text: string, section?: string): PlanPledge {
  const start = plan.indexOf(text);
  return { id, text, start, end: start + text.length, section };
}

describe("suggestForPledges on hailar_2014 → hailar_2015", () => {
  const pledges = [
    pledge(
      "p1",
      "确保红星美凯龙主力店年内投入运营",
      "（三）加快推进新型城镇化进程，做大区域中心城市",
    ),
    pledge("p2", "旅游接待人数突破500万人次"),
    pledge("p3", "城镇登记失业率控制在4%以内"),
  ];
  const result = suggestForPledges(pledges, review, reviewRange, { planText: plan, top: 3 });

  it("suggests the right evidence first, with exact spans in the review section", () => {
    const firsts = result.pledges.map((p) => p.suggestions[0]);
    expect(firsts[0].text).toContain("红星美凯龙主力店主体工程完工");
    expect(firsts[1].text).toContain("525.6万人次");
    expect(firsts[2].text).toContain("城镇登记失业率为3.79%");
    for (const p of result.pledges) {
      for (const s of p.suggestions) {
        expect(review.slice(s.start, s.end)).toBe(s.text);
        expect(s.start).toBeGreaterThanOrEqual(reviewRange.start);
        expect(s.end).toBeLessThanOrEqual(reviewRange.end);
      }
    }
  });

  it("compares targets with the reported figures", () => {
    expect(result.pledges[1].suggestions[0].comparison?.verdict).toBe("met");
    expect(result.pledges[2].suggestions[0].comparison).toMatchObject({
      verdict: "met",
      reported: { value: 3.79 },
    });
  });

  it("produces the cli suggest JSON shape", () => {
    const json = toSuggestJson(result);
    expect(Object.keys(json)).toEqual(["pledges"]);
    expect(Object.keys(json.pledges[0])).toEqual([
      "id",
      "text",
      "start",
      "end",
      "silent",
      "suggestedVerdict",
      "suggestions",
    ]);
    expect(Object.keys(json.pledges[0].suggestedVerdict)).toEqual([
      "status",
      "confidence",
      "reason",
    ]);
    expect(Object.keys(json.pledges[0].suggestions[0])).toEqual([
      "text",
      "start",
      "end",
      "score",
      "level",
      "probability",
      "terms",
      "comparison",
    ]);
    expect(json.pledges[0].suggestions.length).toBeLessThanOrEqual(3);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
