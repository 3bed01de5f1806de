import { describe, expect, it } from "vitest";
import { formatIndicatorValue, seriesScale } from "./format";

describe("indicator figures", () => {
  it("are written back in the magnitude a report uses", () => {
    expect(formatIndicatorValue(282e8, "元")).toBe("282亿元");
    expect(formatIndicatorValue(23896, "元")).toBe("2.39万元");
    expect(formatIndicatorValue(446e4, "人次")).toBe("446万人次");
    expect(formatIndicatorValue(18.5, "%")).toBe("18.5%");
    expect(formatIndicatorValue(5400, "人")).toBe("5400人");
  });

  it("a series is scaled by its largest figure", () => {
    expect(seriesScale([240e8, 282e8], "元")).toEqual({ factor: 1e8, label: "亿元" });
    expect(seriesScale([21, 8], "%")).toEqual({ factor: 1, label: "%" });
    expect(seriesScale([5000, 5700], "人")).toEqual({ factor: 1, label: "人" });
  });
});
