import { describe, expect, it } from "vitest";
import { createPledgeSchema, splitSpan, trimSpan, updatePledgeSchema } from "./schema";

describe("trimSpan", () => {
  it("drops whitespace and full- or half-width punctuation at both ends", () => {
    const s = "  ，完成大同街地下人行通道建设。\n";
    const { start, end } = trimSpan(s, 0, s.length);
    expect(s.slice(start, end)).toBe("完成大同街地下人行通道建设");
  });

  it("may leave nothing", () => {
    expect(trimSpan("，。 、", 0, 4)).toEqual({ start: 4, end: 4 });
  });
});

describe("splitSpan", () => {
  const s = "落实消费升级行动，大力发展商贸服务新产业";
  it("cuts at the caret, trimming punctuation at the cut only", () => {
    const parts = splitSpan(s, 0, s.length, 9)!;
    expect(s.slice(parts[0].start, parts[0].end)).toBe("落实消费升级行动");
    expect(s.slice(parts[1].start, parts[1].end)).toBe("大力发展商贸服务新产业");
    // The caret before the comma gives the same parts.
    expect(splitSpan(s, 0, s.length, 8)).toEqual(parts);
  });

  it("refuses a cut at an edge or one that leaves an empty part", () => {
    expect(splitSpan(s, 0, s.length, 0)).toBeNull();
    expect(splitSpan(s, 0, s.length, s.length)).toBeNull();
    expect(splitSpan("，甲", 0, 2, 1)).toBeNull();
  });
});

describe("action input schemas", () => {
  it("refuses an empty or reversed span", () => {
    expect(createPledgeSchema.safeParse({ reportId: "r", start: 5, end: 5 }).success).toBe(false);
    expect(createPledgeSchema.safeParse({ reportId: "r", start: -1, end: 5 }).success).toBe(false);
    expect(createPledgeSchema.safeParse({ reportId: "r", start: 1, end: 5 }).success).toBe(true);
  });

  it("accepts a target, null (clear) or nothing, and refuses a range whose top is not above its bottom", () => {
    const base = { reportId: "r", pledgeId: "p", version: 1 };
    expect(updatePledgeSchema.safeParse({ ...base, target: null }).success).toBe(true);
    expect(updatePledgeSchema.safeParse({ ...base, kind: "project" }).success).toBe(true);
    expect(updatePledgeSchema.safeParse({ ...base, kind: "promise" }).success).toBe(false);
    expect(
      updatePledgeSchema.safeParse({
        ...base,
        target: { value: 6, unit: "%", comparator: "~", growth: true },
      }).success,
    ).toBe(true);
    const bad = updatePledgeSchema.safeParse({
      ...base,
      target: { value: 3, valueMax: 2, unit: "个", comparator: "=" },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe("TARGET_RANGE_INVALID");
    expect(
      updatePledgeSchema.safeParse({ ...base, target: { value: Number.NaN, comparator: "=" } })
        .success,
    ).toBe(false);
  });
});
