import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ReportInputError } from "@/lib/report/errors";
import { MAX_PLEDGES, MAX_REPORT_CHARS } from "@/lib/report/limits";
import {
  listItemsReport,
  numbersParagraphReport,
  singleLineReport,
} from "@/lib/report/stress-inputs";
import { IMPORT_PARSE_BUDGET_MS, importReport, previewImport } from "./import";

const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", f));
const counts = async () => ({
  reports: await db.report.count(),
  pledges: await db.pledge.count(),
  sections: await db.section.count(),
});

describe("importReport (real database)", () => {
  it("saves report, sections and pledges; every pledge's text is its exact source span", async () => {
    const res = await importReport(null, corpus("hailar/hailar_2014.txt"), "hailar_2014.txt");
    const report = await db.report.findUniqueOrThrow({
      where: { id: res.id },
      include: { region: true },
    });
    expect(report.region.name).toBe("海拉尔区");
    expect(report.year).toBe(2014);
    expect(report.deliveredOn).toBe("2014-02-19");
    const pledges = await db.pledge.findMany({ where: { reportId: res.id } });
    expect(pledges.length).toBe(res.pledges);
    expect(pledges.length).toBeGreaterThan(100);
    for (const p of pledges) expect(report.sourceText.slice(p.start, p.end)).toBe(p.text);
    const kinds = new Set(
      (await db.section.findMany({ where: { reportId: res.id } })).map((s) => s.kind),
    );
    expect(kinds).toContain("review");
    expect(kinds).toContain("plan");
    expect(kinds).toContain("subsection");
    const audit = await db.auditEvent.findFirst({
      where: { reportId: res.id, action: "report.import" },
    });
    expect(audit).not.toBeNull();
  });

  it("stores the parser's tier and, for an indicator sharing a target, its title", async () => {
    const res = await importReport(null, corpus("seeds/000_44e32f47c74c41aa.txt"), "000.txt");
    const fixed = await db.pledge.findFirstOrThrow({
      where: { reportId: res.id, text: "固定资产投资" },
    });
    expect(fixed).toMatchObject({
      title: "固定资产投资增长6%",
      tier: "trackable",
      tierReason: "target",
      tierSource: "parser",
      targetValue: 6,
    });
    expect(
      await db.pledge.count({ where: { reportId: res.id, tier: "direction" } }),
    ).toBeGreaterThan(0);
  });

  it("detects the same content again, also as GB18030 with CRLF, and writes nothing", async () => {
    await importReport(null, corpus("hailar/hailar_2013.txt"), "hailar_2013.txt");
    const before = await counts();
    await expect(
      importReport(null, corpus("hailar/hailar_2013.gb18030.txt"), "hailar_2013.gb18030.txt"),
    ).rejects.toMatchObject({ code: "DUPLICATE" });
    expect(await counts()).toEqual(before);
    const preview = await previewImport(corpus("hailar/hailar_2013.gb18030.txt"), "x.txt");
    expect(preview.encoding).toBe("gb18030");
    expect(preview.duplicateOf).not.toBeNull();
  });

  it("refuses bad input with the decoder's code and writes nothing", async () => {
    const before = await counts();
    const bad: [Uint8Array, string][] = [
      [new Uint8Array(0), "EMPTY"],
      [new TextEncoder().encode("%PDF-1.4\n..."), "PDF"],
      [
        new TextEncoder().encode(
          "今天天气很好，我们去公园散步，看到很多人在跳舞。小明说他明天还要来。",
        ),
        "NOT_A_REPORT",
      ],
    ];
    for (const [bytes, code] of bad) {
      const err = await importReport(null, bytes, "bad.txt").catch((e) => e);
      expect(err).toBeInstanceOf(ReportInputError);
      expect(err.code).toBe(code);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses the parse blow-ups of issue 12 (caps, time budget) quickly and writes nothing", async () => {
    const before = await counts();
    const utf8 = (text: string) => new TextEncoder().encode(text);
    const refused: [Uint8Array, string][] = [
      [utf8(numbersParagraphReport(MAX_REPORT_CHARS + 1_000)), "TOO_LONG"], // the 1 MB paragraph of figures
      [utf8(numbersParagraphReport(150_000)), "TOO_MANY_PLEDGES"], // 8,000 pledges from a few hundred KB
      [utf8(listItemsReport(MAX_PLEDGES + 100)), "TOO_MANY_PLEDGES"],
      [
        utf8(
          singleLineReport(
            corpus("seeds/002_f43de3d8f036b3c9.txt").toString("utf8"),
            (5 * 1024 * 1024) / 3,
          ),
        ),
        "TOO_LONG",
      ], // 5 MB on one line
    ];
    for (const [bytes, code] of refused) {
      for (const run of [
        () => previewImport(bytes, "stress.txt"),
        () => importReport(null, bytes, "stress.txt"),
      ]) {
        const err = await run().catch((e) => e);
        expect(err).toBeInstanceOf(ReportInputError);
        expect(err.code).toBe(code);
      }
    }
    // The time budget is applied to every import: one already spent stops the parse at once.
    const report = corpus("hailar/hailar_2016.txt");
    await expect(
      importReport(null, report, "late.txt", undefined, { budgetMs: -1 }),
    ).rejects.toMatchObject({ code: "TIMEOUT" });
    await expect(previewImport(report, "late.txt", { budgetMs: -1 })).rejects.toMatchObject({
      code: "TIMEOUT",
    });
    const gone = new AbortController();
    gone.abort();
    await expect(
      importReport(null, report, "gone.txt", undefined, { signal: gone.signal }),
    ).rejects.toMatchObject({ code: "ABORTED" });
    expect(IMPORT_PARSE_BUDGET_MS).toBeGreaterThanOrEqual(1_000);
    expect(await counts()).toEqual(before);
  });

  it("requires a region when the text states none, and takes confirmed metadata over detected", async () => {
    const before = await counts();
    const text = corpus("seeds/001_bc1dc47a901dac11.txt");
    await expect(importReport(null, text, "001.txt")).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await counts()).toEqual(before);
    const res = await importReport(null, text, "001.txt", {
      region: "大连市沙河口区",
      year: 2010,
      title: "区委工作报告",
    });
    const report = await db.report.findUniqueOrThrow({
      where: { id: res.id },
      include: { region: { include: { parent: true } } },
    });
    // The region is its own unit, under the city the name states (issue 15).
    expect(report.region.name).toBe("沙河口区");
    expect(report.region.parent?.name).toBe("大连市");
    expect(report.year).toBe(2010);
    expect(report.script).toBe("traditional");
  });

  it("puts reports of one region in one Region row across scripts", async () => {
    const a = await importReport(null, corpus("seeds/002_f43de3d8f036b3c9.txt"), "002.txt");
    const b = await db.report.findUniqueOrThrow({ where: { id: a.id }, include: { region: true } });
    expect(b.region.nameKey).toBe("大连市");
    const again = await importReport(
      null,
      new TextEncoder().encode(
        "（简体转载）\n" + corpus("seeds/002_f43de3d8f036b3c9.txt").toString("utf8"),
      ),
      "002b.txt",
    );
    const c = await db.report.findUniqueOrThrow({ where: { id: again.id } });
    expect(c.regionId).toBe(b.regionId);
  });
});
