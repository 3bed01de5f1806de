import { describe, expect, it } from "vitest";
import { canonicalUnit, extractQuantities, quantityKey } from "./extract-quantities";

const first = (s: string) => extractQuantities(s)[0];

describe("canonicalUnit", () => {
  it("separates magnitudes from units", () => {
    expect(canonicalUnit("万平方米")).toEqual({ unit: "平方米", factor: 1e4 });
    expect(canonicalUnit("亿元")).toEqual({ unit: "元", factor: 1e8 });
    expect(canonicalUnit("万千瓦")).toEqual({ unit: "千瓦", factor: 1e4 });
    expect(canonicalUnit("千瓦")).toEqual({ unit: "千瓦", factor: 1 });
    expect(canonicalUnit("%")).toEqual({ unit: "%", factor: 1 });
  });
});

describe("extractQuantities", () => {
  it("applies magnitudes and canonical units", () => {
    expect(first("力争年内旅游接待床位达到2.5万张")).toMatchObject({ value: 25000, unit: "张" });
    expect(first("地区生产总值达到240亿元")).toMatchObject({ value: 24e9, unit: "元" });
    expect(first("完成50万平方米老旧小区改造")).toMatchObject({ value: 500000, unit: "平方米" });
  });

  it("keeps ranges, Chinese numerals and growth rates", () => {
    expect(first("打造1-2个美丽宜居示范村")).toMatchObject({ value: 1, high: 2, unit: "个" });
    expect(first("年内新建幼儿园两所")).toMatchObject({ value: 2, unit: "所" });
    const q = extractQuantities("地区生产总值增长20%,达到282亿元");
    expect(q[0]).toMatchObject({ value: 20, unit: "%", growth: true });
    expect(q[1]).toMatchObject({ unit: "元", growth: false });
    expect(first("城镇登记失业率控制在4%以内")).toMatchObject({ growth: false, comparator: "<=" });
  });

  it("flags cumulative figures and gives value-normalised keys", () => {
    expect(first("五年累计投入16.54亿元").cumulative).toBe(true);
    expect(first("全年完成投资1.7亿元").cumulative).toBe(false);
    expect(quantityKey(first("原煤产量达到700万吨"))).toBe(
      quantityKey(first("原煤产量达到7000000吨")),
    );
  });
});
