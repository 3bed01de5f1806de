import { describe, expect, it } from "vitest";
import { indexReview } from "./index-review";
import { suggestEvidence } from "./suggest-evidence";

const REVIEW = [
  "　　一、2019年工作回顾",
  "　　加快推进重点项目建设，全面推进各项工作，进一步加快发展步伐。",
  "　　融创壹号院、保利熙悦、大同街地下人行通道等项目进度加快。",
  "　　全面推进城市建设，加快推进道路建设工作，进一步提升建设水平。",
  "　　全年地区生产总值完成235.2亿元，同比增长5.1%；一般公共预算收入完成20.6亿元，同比增长8%。",
  "　　全年完成42部居民老舊電梯維修改造，惠及居民4800餘戶。",
].join("\n");

const index = indexReview(REVIEW);

describe("suggestEvidence", () => {
  it("ranks a rare project name above sentences full of common policy words", () => {
    const [best] = suggestEvidence(index, { text: "加快推进大同街地下人行通道建设" });
    expect(best.text).toBe("融创壹号院、保利熙悦、大同街地下人行通道等项目进度加快");
    expect(best.terms.join("")).toContain("大同街");
  });

  it("finds traditional-character evidence for a simplified pledge and highlights in the original script", () => {
    const [best] = suggestEvidence(index, { text: "维修改造20部居民老旧电梯" });
    expect(best.text).toContain("老舊電梯");
    expect(best.terms.some((t) => t.includes("電梯"))).toBe(true);
    expect(best.comparison?.verdict).toBe("met");
    expect(REVIEW.slice(best.start, best.end)).toBe(best.text);
  });

  it("matches headline indicators and compares the figure", () => {
    const [best] = suggestEvidence(index, { text: "地区生产总值增长6%左右" });
    expect(best.text).toContain("地区生产总值");
    expect(best.comparison).toMatchObject({ verdict: "below", reported: { value: 5.1 } });
    const [budget] = suggestEvidence(index, { text: "一般公共预算收入增长6%" });
    expect(budget.text).toContain("一般公共预算收入");
    expect(budget.comparison?.verdict).toBe("met");
  });

  it("uses a parsed target when given, and none when it is null", () => {
    const [a] = suggestEvidence(index, {
      text: "维修改造居民老旧电梯",
      target: { value: 50, unit: "部", comparator: ">=" },
    });
    expect(a.comparison?.verdict).toBe("below");
    const [b] = suggestEvidence(index, { text: "维修改造20部居民老旧电梯", target: null });
    expect(b.comparison).toBeNull();
  });

  it("returns at most top suggestions, best first, and nothing for an unrelated pledge", () => {
    const s = suggestEvidence(index, { text: "大同街地下人行通道" }, { top: 2 });
    expect(s.length).toBeLessThanOrEqual(2);
    if (s.length === 2) expect(s[0].score).toBeGreaterThanOrEqual(s[1].score);
    expect(suggestEvidence(index, { text: "举办马拉松赛事" })).toEqual([]);
  });
});
