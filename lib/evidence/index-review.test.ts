import { describe, expect, it } from "vitest";
import { indexReview, splitEvidenceUnits } from "./index-review";

const REVIEW = [
  "前言不算。",
  "　　一、2019年工作回顾",
  "　　（一）城市建设取得新进展",
  "　　旧城区改造稳步推进。供水主管网扩建工程实现环线供水，中心城区管网综合改造一期工程完工，完成雨水管网改造12公里。大同街地下人行通道建成通行；完成42部居民老旧电梯维修改造，惠及居民4800余户。",
  "　　二、2020年工作安排",
].join("\n");

describe("splitEvidenceUnits", () => {
  const start = REVIEW.indexOf("　　一、");
  const end = REVIEW.indexOf("　　二、");
  const units = splitEvidenceUnits(REVIEW, { start, end });

  it("keeps exact spans into the source and skips headings and topic sentences", () => {
    expect(units.length).toBeGreaterThan(3);
    for (const u of units) expect(u.start).toBeGreaterThanOrEqual(start);
    const texts = units.map((u) => REVIEW.slice(u.start, u.end));
    expect(texts).toContain("大同街地下人行通道建成通行");
    expect(texts.some((t) => t.includes("旧城区改造稳步推进"))).toBe(false);
    expect(texts.some((t) => t.includes("（一）"))).toBe(false);
  });

  it("splits long sentences into clauses and carries the heading context", () => {
    const texts = units.map((u) => REVIEW.slice(u.start, u.end));
    expect(texts).toContain("完成雨水管网改造12公里");
    const u = units.find((x) => REVIEW.slice(x.start, x.end) === "完成雨水管网改造12公里")!;
    expect(u.heading).toBe("（一）城市建设取得新进展 › 旧城区改造稳步推进");
    expect(REVIEW.slice(u.sentence.start, u.sentence.end).startsWith("供水主管网")).toBe(true);
  });
});

describe("indexReview", () => {
  it("indexes folded terms of traditional text with source spans", () => {
    const src = "完成42部居民老舊電梯維修改造，惠及居民4800餘戶。";
    const index = indexReview(src);
    expect(index.units).toHaveLength(1);
    expect(index.units[0].text).toBe(src.slice(0, -1));
    expect(index.postings.has("b:电梯")).toBe(true);
  });
});
