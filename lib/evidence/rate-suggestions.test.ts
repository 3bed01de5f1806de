import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FEATURE_NAMES, MODEL_WEIGHTS, levelOf } from "./rate-suggestions";
import { suggestForPair } from "./suggest-for-pair";

const dir = path.resolve(__dirname, "../../seed/reports/hailar");
const read = (f: string) => readFileSync(path.join(dir, f), "utf8");

describe("rateSuggestions", () => {
  it("has one weight per feature and ordered levels", () => {
    expect(MODEL_WEIGHTS.length).toBe(FEATURE_NAMES.length);
    expect([levelOf(0.9), levelOf(0.6), levelOf(0.2)]).toEqual(["strong", "fair", "weak"]);
  });

  describe("on hailar_2012 → hailar_2013", () => {
    const result = suggestForPair(read("hailar_2012.txt"), read("hailar_2013.txt"));
    const find = (text: string) => {
      const p = result.pledges.find((x) => x.pledge.text.includes(text));
      if (!p) throw new Error(`no pledge with ${text}`);
      return p;
    };

    it("rates the review's own sentence on a pledge strong and compares it", () => {
      const p = find("地区生产总值达到240亿元");
      expect(p.silent).toBe(false);
      expect(p.suggestions[0]).toMatchObject({ level: "strong" });
      expect(p.suggestions[0].text).toContain("235.2亿元");
      expect(p.suggestedVerdict).toMatchObject({ status: "unfulfilled", confidence: "high" });
    });

    it("recognises silence: the 2013 review says nothing of the party office building", () => {
      const p = find("启动党政办公大楼建设");
      expect(p.silent).toBe(true);
      expect(p.suggestedVerdict).toMatchObject({
        status: "not_verifiable",
        grounds: { kind: "silence" },
      });
    });

    it("keeps a weak match of a single shared place name weak", () => {
      const p = find("哈克遗址");
      expect(p.suggestions.every((s) => s.level === "weak")).toBe(true);
    });
  });
});
