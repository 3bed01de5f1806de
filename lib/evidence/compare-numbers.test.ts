import { describe, expect, it } from "vitest";
import { compareNumbers, parseTargetFromText } from "./compare-numbers";

describe("compareNumbers", () => {
  it("meets a >= target", () => {
    const c = compareNumbers({ value: 20, unit: "部", comparator: ">=" }, "完成42部居民老旧电梯维修改造，惠及居民4800余户");
    expect(c?.verdict).toBe("met");
    expect(c?.reported).toMatchObject({ value: 42, text: "42部" });
  });

  it("is below a level target", () => {
    expect(compareNumbers({ value: 240, unit: "亿元", comparator: "=" }, "全年地区生产总值完成235.2亿元，同比增长18.5%")?.verdict).toBe("below");
  });

  it("applies the ~ tolerance of 0.5 percentage points to rates", () => {
    const t = { value: 6, unit: "%", comparator: "~" as const, growth: true };
    expect(compareNumbers(t, "地区生产总值增长5.1%")?.verdict).toBe("below");
    expect(compareNumbers(t, "地区生产总值增长5.6%")?.verdict).toBe("met");
    expect(compareNumbers(t, "地区生产总值增长6.4%")?.verdict).toBe("met");
    expect(compareNumbers(t, "地区生产总值增长7.2%")?.verdict).toBe("exceeded");
  });

  it("applies a 5% relative tolerance to other ~ targets", () => {
    const t = { value: 100, unit: "亿元", comparator: "~" as const };
    expect(compareNumbers(t, "完成96亿元")?.verdict).toBe("met");
    expect(compareNumbers(t, "完成94亿元")?.verdict).toBe("below");
  });

  it("handles <= ceilings", () => {
    const t = { value: 4, unit: "%", comparator: "<=" as const };
    expect(compareNumbers(t, "城镇登记失业率控制到3.9%")?.verdict).toBe("met");
    expect(compareNumbers(t, "城镇登记失业率为4.2%")?.verdict).toBe("exceeded");
  });

  it("compares growth with growth, not with levels", () => {
    const t = { value: 8, unit: "%", comparator: ">=" as const, growth: true };
    const c = compareNumbers(t, "地区生产总值达到 287.9亿元,同比增长8.9%（按可比价计算）");
    expect(c?.reported.value).toBe(8.9);
    expect(c?.verdict).toBe("met");
    expect(compareNumbers({ value: 70, unit: "%", comparator: ">=" }, "同比增长80%")).toBeNull();
  });

  it("normalises magnitudes: 万平方米 against 平方米", () => {
    const c = compareNumbers({ value: 15, unit: "万平方米", comparator: "=" }, "实施老旧小区既有建筑节能改造160000平方米");
    expect(c?.verdict).toBe("met");
    expect(compareNumbers({ value: 50, unit: "万平方米", comparator: "=" }, "完成54栋住宅楼、14万平方米既有建筑节能改造")?.verdict).toBe("below");
  });

  it("returns null without a figure in the same unit, unclear for cumulative figures", () => {
    expect(compareNumbers({ value: 20, unit: "部", comparator: ">=" }, "电梯改造全面完成")).toBeNull();
    expect(compareNumbers({ value: 2000, unit: "亩", comparator: "=" }, "建成大棚2350亩")?.verdict).toBe("met");
    expect(compareNumbers({ value: 5000, unit: "人", comparator: ">=" }, "五年新增就业3.25万人")?.verdict).toBe("unclear");
  });

  it("picks the figure next to the pledge's words when several share the unit", () => {
    const c = compareNumbers({ value: 5400, unit: "人", comparator: "=" }, "全年新增就业5611人，实现再就业2529人", "确保新增城镇就业5400人");
    expect(c?.reported.value).toBe(5611);
  });
});

describe("parseTargetFromText", () => {
  it("reads comparators from the pledge's words", () => {
    expect(parseTargetFromText("全年新增就业5700人以上")).toMatchObject({ value: 5700, unit: "人", comparator: ">=" });
    expect(parseTargetFromText("城镇登记失业率控制在4%以内")).toMatchObject({ value: 4, comparator: "<=" });
    expect(parseTargetFromText("地区生产总值增长6%左右")).toMatchObject({ value: 6, comparator: "~", growth: true });
    expect(parseTargetFromText("新建大棚300个")).toMatchObject({ value: 300, comparator: "=" });
    expect(parseTargetFromText("落实河长制")).toBeNull();
  });
});
