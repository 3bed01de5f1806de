import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeReport } from "../decode";
import { loadPledgeGold, SEEDS_DIR } from "./gold";
import { loadTierGold, locateTierGold } from "./tier-gold";
import { readCorpusText } from "./wild";

const root = path.resolve(__dirname, "../../..");

describe("pledge-extraction gold labels", () => {
  const gold = loadPledgeGold();

  it("labels four reports with about 50+ pledges each", () => {
    expect(gold.map((g) => g.file)).toEqual([
      "000_44e32f47c74c41aa.txt",
      "002_f43de3d8f036b3c9.txt",
      "003_6c455b50551dc8b5.txt",
      "004_748cc8dca99de2ec.txt",
    ]);
    for (const g of gold) expect(g.pledges.length).toBeGreaterThanOrEqual(45);
    for (const g of gold)
      expect(g.pledges.filter((p) => p.target).length).toBeGreaterThanOrEqual(10);
  });

  for (const g of gold) {
    it(`${g.file}: every pledge occurs verbatim in the decoded report, once per label`, () => {
      const { text } = decodeReport(readFileSync(path.join(root, SEEDS_DIR, g.file)), g.file);
      for (const p of g.pledges) expect(text.includes(p.text), p.text).toBe(true);
      const texts = g.pledges.map((p) => p.text);
      expect(new Set(texts).size).toBe(texts.length);
    });
  }
});

describe("wild tier gold (wild-gold.md)", () => {
  const gold = loadTierGold();

  it("labels five reports of different layouts completely, 300+ lines in all, every tier present", () => {
    expect(gold.map((g) => g.file)).toHaveLength(5);
    const lines = gold.flatMap((g) => g.passages.flatMap((p) => p.lines));
    expect(lines.length).toBeGreaterThan(300);
    for (const t of ["T", "D", "N"]) expect(lines.some((l) => l.tier === t)).toBe(true);
  });

  for (const g of gold) {
    it(`${g.file}: every line occurs verbatim, passage by passage, in text order`, () => {
      const located = locateTierGold(g.file, readCorpusText(g.file), g.passages);
      for (const p of located.passages)
        for (let i = 1; i < p.lines.length; i++)
          expect(p.lines[i].start).toBeGreaterThanOrEqual(p.lines[i - 1].end);
    });
  }
});
