import { describe, expect, it } from "vitest";
import { nudgeSpan } from "./span-nudge";

// 0         1         2
// 0123456789012345678901234
const SRC = "加快建设，新建公园12座，完成改造。下一句";
const at = (s: string) => SRC.indexOf(s);
const span = (s: string) => ({ start: at(s), end: at(s) + s.length });
const text = (x: { start: number; end: number } | null) => (x ? SRC.slice(x.start, x.end) : null);

describe("nudgeSpan", () => {
  it("extends and shrinks the end by a character, stepping over punctuation", () => {
    expect(text(nudgeSpan(SRC, span("新建公园12"), "end", "+char"))).toBe("新建公园12座");
    expect(text(nudgeSpan(SRC, span("新建公园12座"), "end", "+char"))).toBe("新建公园12座，完");
    expect(text(nudgeSpan(SRC, span("新建公园12座，完"), "end", "-char"))).toBe("新建公园12座");
  });

  it("extends the end to the next clause break and shrinks it to the previous one", () => {
    expect(text(nudgeSpan(SRC, span("新建"), "end", "+clause"))).toBe("新建公园12座");
    expect(text(nudgeSpan(SRC, span("新建公园12座"), "end", "+clause"))).toBe(
      "新建公园12座，完成改造",
    );
    expect(text(nudgeSpan(SRC, span("新建公园12座，完成改造"), "end", "-clause"))).toBe(
      "新建公园12座",
    );
    expect(nudgeSpan(SRC, span("新建公园12座"), "end", "-clause")).toBeNull();
  });

  it("moves the start both ways by a character or a clause", () => {
    expect(text(nudgeSpan(SRC, span("公园12座"), "start", "-char"))).toBe("建公园12座");
    expect(text(nudgeSpan(SRC, span("新建公园12座"), "start", "-char"))).toBe("设，新建公园12座");
    expect(text(nudgeSpan(SRC, span("新建公园12座"), "start", "+char"))).toBe("建公园12座");
    expect(text(nudgeSpan(SRC, span("新建公园12座"), "start", "-clause"))).toBe(
      "加快建设，新建公园12座",
    );
    expect(text(nudgeSpan(SRC, span("加快建设，新建公园12座"), "start", "+clause"))).toBe(
      "新建公园12座",
    );
    expect(nudgeSpan(SRC, span("新建公园12座"), "start", "+clause")).toBeNull();
  });

  it("never leaves the source or empties the span", () => {
    expect(nudgeSpan(SRC, { start: 0, end: 2 }, "start", "-char")).toBeNull();
    expect(nudgeSpan(SRC, { start: SRC.length - 2, end: SRC.length }, "end", "+char")).toBeNull();
    expect(nudgeSpan(SRC, { start: 0, end: 1 }, "end", "-char")).toBeNull();
    expect(nudgeSpan(SRC, { start: 0, end: 1 }, "start", "+char")).toBeNull();
  });
});
