import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { createFreshDatabase, type FreshDatabase } from "@/lib/testing/fresh-database";
import { migrateDatabase } from "@/lib/ops/migrate";
import { fuzzSeed, seededRandom } from "@/lib/seeded-random";

/**
 * The command line on bad input, as a user runs it: a child process per command (each costs a
 * second or two, so the cases are batched). Bad input exits 2 with one clear line per problem on
 * stderr and never a stack trace; `import` of a batch saves the good files whole and nothing of
 * the bad ones, into its own fresh database.
 */
const SEED = fuzzSeed(7_000_007);
console.log(`cli fuzz seed: ${SEED} (replay with DUIXIAN_FUZZ_SEED=${SEED})`);
const rnd = seededRandom(SEED);

const root = path.resolve(__dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
function cli(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(
    tsx,
    ["--conditions=react-server", path.join(root, "lib", "cli.ts"), ...args],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ...env },
    },
  );
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
const corpus = (f: string) => readFileSync(path.join(root, "seed", "reports", f));
const dir = mkdtempSync(path.join(tmpdir(), "duixian-cli-fuzz-"));
const file = (name: string, bytes: Uint8Array | string) => {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
/** A UTF-8 report cut in the middle of a character, after its plan has begun. */
function cutMidCharacter(bytes: Buffer): Buffer {
  let at = bytes.length - rnd.int(100, 2000);
  while (bytes[at] < 0xc0) at++; // the lead byte of a multi-byte character
  return bytes.subarray(0, at + 1);
}

/** One error line, no stack trace: "error: …". */
function expectOneCleanLine(stderr: string, label: string): string {
  const lines = stderr.trim().split("\n");
  expect(lines, `${label}: ${stderr}`).toHaveLength(1);
  expect(lines[0], label).toMatch(/^error: /);
  expect(stderr, label).not.toMatch(/\n\s+at |unexpected error/);
  return lines[0];
}

let fresh: FreshDatabase | null = null;
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (fresh) {
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await fresh.drop();
  }
});

describe("cli on bad input", () => {
  it("parse: random bytes, UTF-16, too large, a directory, a missing file and unknown flags exit 2 with one line", () => {
    const cases: [string[], RegExp][] = [
      [
        ["parse", file("random.txt", rnd.bytes(rnd.int(1000, 8000)))],
        /BINARY|UNKNOWN_ENCODING|binary|encoding/i,
      ],
      [
        [
          "parse",
          file(
            "utf16.txt",
            Buffer.concat([
              Buffer.from([0xff, 0xfe]),
              iconv.encode("各位代表：现在我代表区政府报告工作。", "utf-16le"),
            ]),
          ),
        ],
        /UTF-16/,
      ],
      [["parse", file("big.txt", Buffer.alloc(20 * 1024 * 1024 + 1, 0x20))], /limit is 20 MB/],
      [["parse", dir], /is a directory/],
      [["parse", path.join(dir, "missing.txt")], /no such file/],
      [
        ["parse", "--frobnicate", path.join(root, "seed/reports/hailar/hailar_2014.txt")],
        /unknown option --frobnicate/,
      ],
      [
        ["import", "--year", "abc", path.join(root, "seed/reports/hailar/hailar_2014.txt")],
        /--year must be a year/,
      ],
    ];
    for (const [args, message] of cases) {
      const label = args.join(" ");
      const res = cli(args);
      expect(res.status, `${label}: ${res.stderr}`).toBe(2);
      expect(res.stdout, label).toBe("");
      expect(expectOneCleanLine(res.stderr, label)).toMatch(message);
    }
  }, 90_000);

  it("parse: a UTF-8 report cut in the middle of a character still parses", () => {
    const res = cli(["parse", file("cut.txt", cutMidCharacter(corpus("hailar/hailar_2014.txt")))]);
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).pledges.length).toBeGreaterThan(100);
  }, 30_000);

  it("import: a batch of good and bad files saves the good ones whole and names each bad one on one line", async () => {
    fresh = await createFreshDatabase("cli-fuzz");
    const env = { DATABASE_URL: fresh.url };
    await migrateDatabase(fresh.url, root);

    const good = [
      file("hailar_2014_cut.txt", cutMidCharacter(corpus("hailar/hailar_2014.txt"))),
      file("hailar_2013_gb.txt", corpus("hailar/hailar_2013.gb18030.txt")),
      file(
        "报告 (2015).html",
        `<html><head><style>p{}</style><script>var x = 1;</script></head><body>${corpus(
          "hailar/hailar_2015.txt",
        )
          .toString("utf8")
          .split("\n")
          .map((l) => `<p>${l}</p>`)
          .join("")}</body></html>`,
      ),
    ];
    const big = Buffer.concat([corpus("hailar/hailar_2016.txt"), corpus("hailar/hailar_2012.txt")]);
    big[big.length - 10] = 0;
    const bad: [string, RegExp][] = [
      [
        file("random-1.txt", rnd.bytes(rnd.int(10, 5000))),
        /(BINARY|UNKNOWN_ENCODING|NOT_A_REPORT)/,
      ],
      [
        file("random-2.txt", Buffer.from(Array.from({ length: 3000 }, () => rnd.int(0x81, 0xfe)))),
        /(UNKNOWN_ENCODING|NOT_A_REPORT)/,
      ],
      [
        file(
          "utf16-no-bom.txt",
          iconv.encode(corpus("hailar/hailar_2016.txt").toString("utf8"), "utf-16le"),
        ),
        /BINARY/,
      ],
      [file("nul-late.txt", big), /BINARY/],
      [
        file(
          "essay.txt",
          "春天来了，公园里的花都开了。我们一起去散步，看到很多人在放风筝。\n".repeat(30),
        ),
        /NOT_A_REPORT/,
      ],
      [file("review-only.txt", corpus("hailar/hailar_2014.txt").subarray(0, 3000)), /NO_PLAN/],
      [file("empty.txt", ""), /EMPTY/],
      [file("blank.txt", " \n\u3000\n"), /EMPTY/],
      [file("too-big.txt", Buffer.alloc(20 * 1024 * 1024 + 1, 0x61)), /TOO_LARGE/],
      [
        file("no-region.txt", corpus("seeds/001_bc1dc47a901dac11.txt")),
        /INVALID_INPUT \(region: REGION_REQUIRED; pass --region\/--year\)/,
      ],
      [file("again.txt", corpus("hailar/hailar_2013.gb18030.txt")), /DUPLICATE/],
    ];
    const order = [good[0], bad[0][0], good[1], ...bad.slice(1).map(([f]) => f), good[2]];
    const res = cli(["import", ...order], env);
    expect(res.status, res.stderr).toBe(2);
    expect(res.stderr, res.stderr).not.toMatch(/\n\s+at |unexpected error/);
    const errors = res.stderr.trim().split("\n");
    expect(errors, res.stderr).toHaveLength(bad.length);
    for (const [f, code] of bad) {
      const line = errors.find((l) => l.startsWith(`error: ${f}: `));
      expect(line, `${f} in ${res.stderr}`).toBeDefined();
      expect(line, f).toMatch(code);
    }
    const imported = res.stdout.trim().split("\n");
    expect(imported.map((l) => l.replace(/: .*/, ""))).toEqual(good.map((f) => `imported ${f}`));

    // The database holds exactly the good reports, each with all the pledges the import counted.
    process.env.DATABASE_URL = fresh.url;
    const { db } = await import("@/lib/db");
    const reports = await db.report.findMany({
      select: { fileName: true, _count: { select: { pledges: true, sections: true } } },
    });
    expect(reports.map((r) => r.fileName).sort()).toEqual(good.map((f) => path.basename(f)).sort());
    for (const line of imported) {
      const [, name, pledges] = /^imported .*\/([^/]+): (\d+) pledges/.exec(line)!;
      const r = reports.find((x) => x.fileName === name)!;
      expect(r._count.pledges, name).toBe(Number(pledges));
      expect(r._count.sections, name).toBeGreaterThan(0);
    }
    expect(await db.auditEvent.count({ where: { action: "report.import" } })).toBe(good.length);

    // A path that cannot be read stops the run before anything is saved.
    const missing = cli(["import", good[0], path.join(dir, "nope.txt")], env);
    expect(missing.status).toBe(2);
    expect(expectOneCleanLine(missing.stderr, "import missing")).toMatch(/nope\.txt: no such file/);
    expect(await db.report.count()).toBe(good.length);
  }, 120_000);
});
