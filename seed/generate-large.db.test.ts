import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createFreshDatabase } from "@/lib/testing/fresh-database";
import { parseReport } from "@/lib/report/parse-report";
import { generateLargeDatabase, regionPlan } from "./generate-large";
import { getPairing } from "@/lib/pairing/data";

const root = path.resolve(__dirname, "..");
const original = (f: string) => readFileSync(path.join(root, "seed", "reports", f), "utf8");

describe("generateLargeDatabase (real database)", () => {
  it("adds synthetic copies of the corpus through the import, paired by year, with mixed assessment states; a second run resumes", async () => {
    // Region 1's first two years: Hailar 2012 and 2013 (the seed, left out here, comes first otherwise).
    const s = await generateLargeDatabase({ reports: 2, pledges: 1, withSeed: false });
    expect(s.reportsCreated).toBe(2);
    expect(s.totals.reports).toBe(2);
    const copies = await db.report.findMany({
      where: { region: { name: "合成第001区" } },
      orderBy: { year: "asc" },
      include: { _count: { select: { pledges: true } } },
    });
    expect(copies.map((r) => r.year)).toEqual([2012, 2013]);
    expect((await getPairing(db, copies[0].id))?.review?.id).toBe(copies[1].id);
    for (const [copy, file] of [
      [copies[0], "hailar/hailar_2012.txt"],
      [copies[1], "hailar/hailar_2013.txt"],
    ] as const) {
      // One added line naming the copy; the rest is the original, byte for byte.
      const [first, ...rest] = copy.sourceText.split("\n");
      expect(first).toMatch(/^【性能测试合成数据】地区：合成第001区；年份：20\d\d；原文：/);
      expect(rest.join("\n")).toBe(original(file));
    }
    // As many as the parser finds in the copy (the line in front holds no pledge).
    expect(copies[0]._count.pledges).toBe(parseReport(copies[0].sourceText).pledges.length);
    expect(copies[0]._count.pledges).toBeGreaterThan(100);
    for (const p of await db.pledge.findMany({
      where: { reportId: copies[0].id },
      select: { start: true, end: true, text: true },
    })) {
      expect(copies[0].sourceText.slice(p.start, p.end)).toBe(p.text);
    }

    // The 2012 plan (reviewed by 2013) is worked: every state a list can show.
    const states = await db.pledge.groupBy({
      by: ["reviewState"],
      where: { reportId: copies[0].id, status: { not: "not_assessed" } },
      _count: { _all: true },
    });
    expect(states.map((g) => g.reviewState).sort()).toEqual([
      "approved",
      "draft",
      "returned",
      "submitted",
    ]);
    const assessed = states.reduce((n, g) => n + g._count._all, 0);
    expect(assessed / copies[0]._count.pledges).toBeGreaterThan(0.5);
    expect(assessed / copies[0]._count.pledges).toBeLessThan(0.9);
    expect(
      await db.evidence.count({
        where: { pledge: { reportId: copies[0].id }, sourceReportId: copies[1].id },
      }),
    ).toBeGreaterThan(10);
    expect(
      await db.auditEvent.count({
        where: { reportId: copies[0].id, action: "assessment.approve" },
      }),
    ).toBe(states.find((g) => g.reviewState === "approved")!._count._all);
    // The latest year has no review yet: nothing assessed.
    expect(
      await db.pledge.count({ where: { reportId: copies[1].id, status: { not: "not_assessed" } } }),
    ).toBe(0);
    // Lineage is computed as a server would in the background: the 2013 plan's pledges point back to 2012's.
    expect(
      await db.report.count({ where: { id: { in: copies.map((c) => c.id) }, lineageAt: null } }),
    ).toBe(0);
    expect(
      await db.pledgeLink.count({
        where: { pledge: { reportId: copies[1].id }, predecessor: { reportId: copies[0].id } },
      }),
    ).toBeGreaterThan(50);

    // Totals reached: nothing to do. Higher totals: the copies already there are skipped.
    expect(
      (await generateLargeDatabase({ reports: 2, pledges: 1, withSeed: false })).reportsCreated,
    ).toBe(0);
    const more = await generateLargeDatabase({ reports: 3, pledges: 1, withSeed: false });
    expect(more).toMatchObject({ reportsCreated: 1, reportsSkipped: 2, totals: { reports: 3 } });
  }, 120_000);
});

describe("regionPlan", () => {
  it("gives the first region ten years (Hailar 2012–2016 under their own years and dates, then again as 2017–2021, undated), the others five", () => {
    const decade = regionPlan(1);
    expect(decade.map((p) => p.year)).toEqual([
      2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021,
    ]);
    expect(decade.map((p) => p.file)).toEqual([
      ...decade.slice(0, 5).map((p) => p.file),
      ...decade.slice(0, 5).map((p) => p.file),
    ]);
    expect(decade[0].file).toBe("hailar/hailar_2012.txt");
    expect(decade[4].meta.deliveredOn).toBeTruthy();
    expect(decade[5].meta).toMatchObject({ year: 2017, deliveredOn: null, meeting: null });
    for (const n of [2, 3, 4]) expect(regionPlan(n)).toHaveLength(5);
  });
});

describe("cli generate", () => {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const cli = (url: string, ...args: string[]) => {
    const res = spawnSync(
      tsx,
      ["--conditions=react-server", path.join(root, "lib", "cli.ts"), "generate", ...args],
      { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: url } },
    );
    return { status: res.status, stdout: res.stdout, stderr: res.stderr };
  };

  it("migrates and fills an empty database, refuses a non-empty one (--force: see above), and checks its options", async () => {
    const fresh = await createFreshDatabase("generate-cli");
    try {
      const first = cli(fresh.url, "--reports", "1", "--pledges", "1");
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/done in [\d.]+ s: 0 reports created .*database: 10 reports/);
      const again = cli(fresh.url, "--reports", "1", "--pledges", "1");
      expect(again.status).toBe(2);
      expect(again.stderr.trim().split("\n")).toEqual([
        expect.stringMatching(/^error: the database holds \d+ users and 10 reports; .*--force/),
      ]);
      for (const bad of [
        ["--reports", "0"],
        ["--pledges", "many"],
        ["--rows", "3"],
      ]) {
        const res = cli(fresh.url, ...bad);
        expect(res.status, bad.join(" ")).toBe(2);
        expect(res.stderr.trim().split("\n")).toHaveLength(1);
      }
    } finally {
      await fresh.drop();
    }
  }, 120_000);
});
