import { describe, expect, it } from "vitest";
import { containsNul } from "./guarded-action";

describe("containsNul", () => {
  it("finds a NUL in any string of an action's input, however nested", () => {
    expect(containsNul("a\u0000b")).toBe(true);
    expect(containsNul({ pledgeId: "p1", rationale: "ok\u0000" })).toBe(true);
    expect(containsNul({ items: [{ note: "x" }, { note: "\u0000" }] })).toBe(true);
    const form = new FormData();
    form.set("region", "大连\u0000");
    expect(containsNul(form)).toBe(true);
  });

  it("finds a lone surrogate (half an emoji) too, which no database can store", () => {
    expect(containsNul({ body: "好\ud83d" })).toBe(true);
    expect(containsNul({ body: "\ude00好" })).toBe(true);
    expect(containsNul({ body: "好😀" })).toBe(false);
  });

  it("passes ordinary input, numbers, nulls and files", () => {
    expect(
      containsNul({
        pledgeId: "p1",
        status: "fulfilled",
        rationale: "已完成 100%",
        value: 3,
        when: null,
      }),
    ).toBe(false);
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array([0, 1, 2])]), "report.txt");
    expect(containsNul(form)).toBe(false);
  });
});
