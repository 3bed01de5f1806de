import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { normalizeForSearch } from "../report/script";
import {
  SEGMENT_CHUNK,
  segmentWords,
  tokenizeBigrams,
  tokenizeForMatch,
  tokenizeWords,
} from "./tokenize-text";

const keys = (terms: { key: string }[]) => terms.map((t) => t.key);

describe("normalisation for matching", () => {
  it("folds traditional to simplified and full-width to ASCII, keeping the length", () => {
    const src = "完成４２部居民老舊電梯維修改造，惠及居民４８００餘戶";
    const folded = normalizeForSearch(src);
    expect(folded.length).toBe(src.length);
    expect(folded).toContain("老旧电梯维修改造");
    expect(folded).toContain("42部");
  });
});

describe("tokenizeBigrams", () => {
  it("keeps name bigrams and drops bigrams touching policy stop words", () => {
    const k = keys(tokenizeBigrams("加快推进大同街地下人行通道建设"));
    expect(k).toContain("b:大同");
    expect(k).toContain("b:通道");
    expect(k).not.toContain("b:加快");
    expect(k).not.toContain("b:推进");
    expect(k).not.toContain("b:建设");
    expect(k).not.toContain("b:进大"); // straddles 推进
  });

  it("does not make bigrams inside a number with its unit", () => {
    const k = keys(tokenizeBigrams("完成50万平方米老旧小区节能改造"));
    expect(k).not.toContain("b:平方");
    expect(k).not.toContain("b:方米");
    expect(k).toContain("b:老旧");
  });

  it("gives offsets into the text", () => {
    const text = "建设红星美凯龙主力店";
    for (const t of tokenizeBigrams(text)) expect(text.slice(t.start, t.end)).toBe(t.key.slice(2));
  });
});

describe("tokenizeWords", () => {
  it("joins runs of single characters the segmenter could not place (names)", () => {
    const k = keys(tokenizeWords("确保红星美凯龙主力店正式运营"));
    expect(k.some((x) => x.includes("美凯龙"))).toBe(true);
    expect(k).not.toContain("w:确保");
  });
});

describe("tokenizeForMatch", () => {
  it("emits a value-normalised quantity term", () => {
    const a = tokenizeForMatch("大唐700万吨露天矿").terms.filter((t) => t.key.startsWith("q:"));
    const b = tokenizeForMatch("大唐7000000吨露天矿").terms.filter((t) => t.key.startsWith("q:"));
    expect(keys(a)).toEqual(keys(b));
  });
});

describe("word segmentation of long texts (issue 12)", () => {
  const report = normalizeForSearch(
    readFileSync(path.resolve(__dirname, "../../seed/reports/hailar/hailar_2016.txt"), "utf8"),
  );

  it("never hands Intl.Segmenter more than SEGMENT_CHUNK characters (it is quadratic in its input)", () => {
    const spy = vi.spyOn(Intl.Segmenter.prototype, "segment");
    try {
      tokenizeWords(report.repeat(3));
      tokenizeWords("一".repeat(50_000)); // no place to cut: cut at the limit
      const longest = Math.max(...spy.mock.calls.map(([text]) => text.length));
      expect(longest).toBeLessThanOrEqual(SEGMENT_CHUNK);
    } finally {
      spy.mockRestore();
    }
  });

  it("the segments are those of the whole text, offsets included", () => {
    const whole = [...new Intl.Segmenter("zh", { granularity: "word" }).segment(report)].map(
      (s) => `${s.index}:${s.segment}`,
    );
    expect([...segmentWords(report)].map((s) => `${s.index}:${s.segment}`)).toEqual(whole);
  });
});
