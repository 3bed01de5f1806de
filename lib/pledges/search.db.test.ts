import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Converter } from "opencc-js/cn2t";
import { importReport } from "@/lib/reports/import";
import { searchPledges, searchQueryOf } from "./search";

// Search across every report, on the engine under test: FTS5 trigram on SQLite, pg_trgm on
// PostgreSQL, a scan for queries under three characters. Ground truth is a plain substring test
// over all pledges, so both index paths must return exactly what a scan would.
const toTraditional = Converter({ from: "cn", to: "tw" });
const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", f));

async function groundTruth(q: string): Promise<string[]> {
  const all = await db.pledge.findMany({
    where: { excluded: false },
    select: { id: true, searchText: true },
  });
  return all
    .filter((p) => p.searchText.toLowerCase().includes(q.toLowerCase()))
    .map((p) => p.id)
    .sort();
}

beforeAll(async () => {
  await importReport(null, corpus("hailar/hailar_2014.txt"), "hailar_2014.txt");
  await importReport(null, corpus("hailar/hailar_2015.txt"), "hailar_2015.txt");
  // The 2016 report in traditional characters: found by simplified queries all the same.
  const text = toTraditional(corpus("hailar/hailar_2016.txt").toString("utf8"));
  await importReport(null, new TextEncoder().encode(text), "hailar_2016_traditional.txt");
}, 60_000);

describe("searchPledges", () => {
  it.each(["老旧小区", "基础设施建设", "棚户区改造", "就业", "旅游", "园"])(
    "finds exactly the pledges that contain %s",
    async (q) => {
      const expected = await groundTruth(q);
      expect(expected.length).toBeGreaterThan(0);
      const res = await searchPledges({ q, take: 500 });
      expect(res.total).toBe(expected.length);
      expect(res.hits.map((h) => h.id).sort()).toEqual(expected.slice(0, 500));
      for (const h of res.hits) expect(h.text.length).toBeGreaterThan(0);
    },
  );

  it('leaves out items marked "not a pledge", on both index paths', async () => {
    for (const q of ["老旧小区", "园"]) {
      const before = await searchPledges({ q, take: 500 });
      const target = before.hits[0];
      await db.pledge.update({ where: { id: target.id }, data: { excluded: true } });
      const after = await searchPledges({ q, take: 500 });
      expect(after.total).toBe(before.total - 1);
      expect(after.hits.map((h) => h.id)).not.toContain(target.id);
      await db.pledge.update({ where: { id: target.id }, data: { excluded: false } });
    }
  });

  it("matches across scripts: a traditional query finds simplified text and the other way round", async () => {
    const simplified = await searchPledges({ q: "旅游", take: 500 });
    const traditional = await searchPledges({ q: "旅遊", take: 500 });
    expect(simplified.total).toBeGreaterThan(0);
    expect(traditional.hits.map((h) => h.id)).toEqual(simplified.hits.map((h) => h.id));
    // The 2016 report was imported in traditional characters: its pledges keep their own text.
    const from2016 = simplified.hits.filter((h) => h.year === 2016);
    expect(from2016.length).toBeGreaterThan(0);
    expect(from2016.some((h) => h.text.includes("旅遊"))).toBe(true);
  });

  it("orders the newest report first, then source order, with report and region for each hit", async () => {
    const res = await searchPledges({ q: "建设", take: 500 });
    const years = res.hits.map((h) => h.year ?? 0);
    expect([...years].sort((a, b) => b - a)).toEqual(years);
    expect(res.hits[0].regionName).toMatch(/海拉尔|海拉爾/);
    expect(res.hits[0].reportTitle).toBeTruthy();
  });

  it("treats LIKE wildcards and FTS syntax in the query as plain text", async () => {
    for (const q of [
      "%",
      "_",
      "100%",
      '"',
      'a" OR "b',
      "建设*",
      "(建设)",
      "NEAR(建设 改造)",
      "\\",
    ]) {
      const res = await searchPledges({ q });
      expect(res.total, q).toBe((await groundTruth(q)).length);
    }
  });

  it("returns nothing for an empty or blank query and caps `take`", async () => {
    expect(await searchPledges({ q: "   " })).toEqual({ query: "", total: 0, hits: [] });
    const res = await searchPledges({ q: "建设", take: 5 });
    expect(res.hits).toHaveLength(5);
    expect(res.total).toBeGreaterThan(5);
  });

  it("pages: `skip` and `take` cut the same order into pages, and past the last hit the total is still told", async () => {
    const all = await searchPledges({ q: "建设", take: 500 });
    expect(all.total).toBeGreaterThan(12);
    const ids = all.hits.map((h) => h.id);
    const pages = await Promise.all(
      [0, 5, 10].map((skip) => searchPledges({ q: "建设", take: 5, skip })),
    );
    expect(pages.flatMap((p) => p.hits.map((h) => h.id))).toEqual(ids.slice(0, 15));
    for (const p of pages) expect(p.total).toBe(all.total);
    const beyond = await searchPledges({ q: "建设", take: 5, skip: all.total + 100 });
    expect(beyond.hits).toEqual([]);
    expect(beyond.total).toBe(all.total);
  });

  it("keeps the index in step when a pledge's text changes or the pledge is deleted", async () => {
    const [first] = (await searchPledges({ q: "老旧小区" })).hits;
    await db.pledge.update({
      where: { id: first.id },
      data: { searchText: "一条改写后的独特承诺文本" },
    });
    expect((await searchPledges({ q: "独特承诺" })).hits.map((h) => h.id)).toEqual([first.id]);
    expect((await searchPledges({ q: "老旧小区", take: 500 })).hits.map((h) => h.id)).not.toContain(
      first.id,
    );
    await db.pledge.delete({ where: { id: first.id } });
    expect((await searchPledges({ q: "独特承诺" })).total).toBe(0);
  });
});

describe("queries that once failed the database (issue 12, finding 7)", () => {
  it("cuts at 100 characters by code point: an emoji at the cut is kept whole or dropped, never split", async () => {
    const q = `${"a".repeat(99)}😀`;
    expect(searchQueryOf(q)).toBe(q);
    expect(searchQueryOf(`${"a".repeat(99)}😀😀`)).toBe(q);
    expect((await searchPledges({ q })).total).toBe(0);
    expect((await searchPledges({ q: "😀".repeat(100) })).total).toBe(0);
  });

  it("NUL and other control characters, and lone surrogates, are searched as blanks and replacement characters", async () => {
    expect(searchQueryOf("就\u0000业")).toBe("就 业");
    expect(searchQueryOf("\ud83d就业\udc00")).toBe("\ufffd就业\ufffd");
    for (const q of [
      "就\u0000业",
      "\u0000\u0000\u0000",
      "\ud83d",
      `${"a".repeat(99)}\ud83d`,
      "\udc00abc",
    ]) {
      expect((await searchPledges({ q })).total, JSON.stringify(q)).toBeGreaterThanOrEqual(0);
    }
  });
});
