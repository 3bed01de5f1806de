import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/ops/migrate";
import { createFreshDatabase, type FreshDatabase } from "@/lib/testing/fresh-database";

/**
 * `cli import DIR|ZIP…` as a user runs it (a child process, its own fresh database): a folder's
 * files and a zip's entries are imported one transaction each, a broken file is named on stderr
 * and the rest go on, consecutive years pair, and the exit code says something was refused.
 */
const root = path.resolve(__dirname, "..", "..");
const dir = mkdtempSync(path.join(tmpdir(), "duixian-cli-import-"));
const hailar = (y: number) =>
  readFileSync(path.join(root, "seed", "reports", "hailar", `hailar_${y}.txt`));
let fresh: FreshDatabase | null = null;

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (fresh) {
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await fresh.drop();
  }
});

it("imports a folder's files and a zip's entries, names each refused file, and pairs consecutive years", async () => {
  fresh = await createFreshDatabase("cli-import");
  await migrateDatabase(fresh.url, root);
  mkdirSync(path.join(dir, "folder", "sub"), { recursive: true });
  writeFileSync(path.join(dir, "folder", "hailar_2012.txt"), hailar(2012));
  writeFileSync(path.join(dir, "folder", "sub", "hailar_2013.txt"), hailar(2013));
  writeFileSync(path.join(dir, "folder", ".hidden.txt"), "ignored");
  writeFileSync(path.join(dir, "folder", "broken.txt"), Buffer.from([1, 0, 2, 0, 3]));
  writeFileSync(
    path.join(dir, "batch.zip"),
    zipSync({
      "海拉尔/hailar_2014.txt": hailar(2014),
      "海拉尔/hailar_2015.txt": hailar(2015),
      "../escape.txt": strToU8("x"),
    }),
  );
  const res = spawnSync(
    path.join(root, "node_modules", ".bin", "tsx"),
    [
      "--conditions=react-server",
      path.join(root, "lib", "cli.ts"),
      "import",
      path.join(dir, "folder"),
      path.join(dir, "batch.zip"),
    ],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: fresh.url },
    },
  );
  expect(res.status, res.stderr).toBe(2);
  const imported = res.stdout
    .trim()
    .split("\n")
    .map((l) => l.replace(/: \d+ pledges.*/, "").replace(dir, "DIR"));
  expect(imported).toEqual([
    "imported DIR/folder/hailar_2012.txt",
    "imported DIR/folder/sub/hailar_2013.txt",
    "imported DIR/batch.zip:海拉尔/hailar_2014.txt",
    "imported DIR/batch.zip:海拉尔/hailar_2015.txt",
  ]);
  const errors = res.stderr
    .trim()
    .split("\n")
    .map((l) => l.replace(dir, "DIR"));
  expect(errors).toEqual([
    expect.stringMatching(/^error: DIR\/folder\/broken\.txt: BINARY: /),
    expect.stringMatching(/^error: DIR\/batch\.zip:\.\.\/escape\.txt: UNSAFE_NAME: /),
  ]);
  // Not a terminal: no progress bar in the output.
  expect(res.stderr).not.toContain("█");

  process.env.DATABASE_URL = fresh.url;
  const { db } = await import("@/lib/db");
  const { listPairings } = await import("@/lib/pairing/data");
  const reports = await db.report.findMany({
    select: { id: true, year: true },
    orderBy: { year: "asc" },
  });
  const pairings = await listPairings(
    db,
    reports.map((r) => r.id),
  );
  expect(reports.map((r) => r.year)).toEqual([2012, 2013, 2014, 2015]);
  for (let i = 0; i < 3; i++)
    expect(pairings.get(reports[i].id)?.review?.id, `${reports[i].year}`).toBe(reports[i + 1].id);
}, 120_000);
