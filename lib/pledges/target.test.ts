import { describe, expect, it } from "vitest";
import { formatTarget, toTargetDto } from "./target";

describe("formatTarget: the one way a target is written", () => {
  it("writes comparator, value or range, unit and growth", () => {
    expect(
      formatTarget(
        { value: 20, valueMax: null, unit: "部", comparator: ">=", growth: false },
        "（增速）",
      ),
    ).toBe("≥ 20 部");
    expect(
      formatTarget(
        { value: 6, valueMax: null, unit: "%", comparator: "~", growth: true },
        "（增速）",
      ),
    ).toBe("~ 6%（增速）");
    expect(
      formatTarget(
        { value: 1, valueMax: 2, unit: "个", comparator: "=", growth: false },
        "（增速）",
      ),
    ).toBe("1–2 个");
    expect(
      formatTarget(
        { value: 0.1 + 0.2, valueMax: null, unit: "亿元", comparator: "<=", growth: false },
        "",
      ),
    ).toBe("≤ 0.3 亿元");
  });

  it("takes the growth mark with the language's own brackets", () => {
    expect(
      formatTarget(
        { value: 6, valueMax: null, unit: "%", comparator: "~", growth: true },
        " (growth)",
      ),
    ).toBe("~ 6% (growth)");
  });

  it("reads the stored columns", () => {
    expect(
      toTargetDto({
        targetValue: null,
        targetValueMax: null,
        targetUnit: null,
        targetComparator: null,
        targetGrowth: false,
      }),
    ).toBeNull();
    expect(
      toTargetDto({
        targetValue: 5,
        targetValueMax: null,
        targetUnit: "%",
        targetComparator: null,
        targetGrowth: true,
      }),
    ).toEqual({ value: 5, valueMax: null, unit: "%", comparator: "=", growth: true });
  });
});
