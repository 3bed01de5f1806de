import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isPostgresUrl } from "@/lib/db-url";
import { createFreshDatabase, type FreshDatabase } from "@/lib/testing/fresh-database";
import { countRows, sqlOn } from "@/lib/testing/sql";
import { migrateDatabase } from "./migrate";

// The backup and restore commands as an operator runs them, on a real migrated database of the
// engine under test (SQLite file, or a PostgreSQL database when DATABASE_URL names a server).
const root = path.resolve(__dirname, "..", "..");
const postgres = isPostgresUrl(process.env.DATABASE_URL ?? "");
const created: FreshDatabase[] = [];
afterAll(async () => Promise.all(created.map((d) => d.drop())));

function cli(url: string, dir: string, ...args: string[]) {
  const env = { ...process.env, DATABASE_URL: url, DUIXIAN_DATA_DIR: dir };
  return spawnSync(
    path.join(root, "node_modules", ".bin", "tsx"),
    ["--conditions=react-server", path.join(root, "lib", "cli.ts"), ...args],
    { cwd: root, env, encoding: "utf8" },
  );
}

async function freshMigrated(label: string): Promise<{ url: string; dir: string }> {
  const fresh = await createFreshDatabase(label);
  created.push(fresh);
  await migrateDatabase(fresh.url, root);
  return { url: fresh.url, dir: mkdtempSync(path.join(tmpdir(), "duixian-backup-")) };
}

describe("backup and restore (cli)", () => {
  it("round-trips: a backup taken while the database is in use restores the data as it was", async () => {
    const { url, dir } = await freshMigrated("backup");
    expect(
      cli(url, dir, "import", path.join(root, "seed/reports/hailar/hailar_2014.txt")).status,
    ).toBe(0);
    const pledges = await countRows(url, "Pledge");
    expect(pledges).toBeGreaterThan(200);

    // A writer holds the database open (as the running app would) while the backup is taken.
    const live = postgres ? null : new Database(url.slice("file:".length));
    live?.pragma("journal_mode = WAL");
    const backup = path.join(dir, postgres ? "backup.dump" : "backup.db");
    const res = cli(url, dir, "backup", backup);
    expect(res.status, res.stderr).toBe(0);
    live?.close();
    await sqlOn(url, `DELETE FROM "Pledge"`);
    expect(await countRows(url, "Pledge")).toBe(0);

    expect(cli(url, dir, "backup", backup).status).toBe(2); // never overwrites
    const restored = cli(url, dir, "restore", backup);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain("restored 1 reports");
    expect(await countRows(url, "Pledge")).toBe(pledges);
    // Search still finds pledges after a restore (its index came back with the data).
    expect(await countRows(url, "_prisma_migrations")).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("refuses to restore while another process uses the database (the app running), and changes nothing", async () => {
    const { url, dir } = await freshMigrated("restore_busy");
    expect(
      cli(url, dir, "import", path.join(root, "seed/reports/hailar/hailar_2014.txt")).status,
    ).toBe(0);
    const backup = path.join(dir, postgres ? "busy.dump" : "busy.db");
    expect(cli(url, dir, "backup", backup).status).toBe(0);
    // The running app, as restore meets it: a connection held open, writing after the backup.
    const pgClient = postgres
      ? new Client({ connectionString: url, application_name: "duixian-serve" })
      : null;
    await pgClient?.connect();
    const live = postgres ? null : new Database(url.slice("file:".length));
    live?.pragma("journal_mode = WAL");
    await sqlOn(url, `DELETE FROM "Pledge"`);
    try {
      const refused = cli(url, dir, "restore", backup);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(
        /in use by \d+ other process.*Stop the app.*nothing was changed/,
      );
      expect(refused.stderr).toContain(postgres ? "duixian-serve" : String(process.pid));
      expect(await countRows(url, "Pledge")).toBe(0);
    } finally {
      live?.close();
      await pgClient?.end();
    }
    // Once nobody holds it, the same restore goes through.
    const restored = cli(url, dir, "restore", backup);
    expect(restored.status, restored.stderr).toBe(0);
    expect(await countRows(url, "Pledge")).toBeGreaterThan(200);
  }, 120_000);

  it("refuses to restore a file that is not a Duixian backup, and leaves the database alone", async () => {
    const { url, dir } = await freshMigrated("restore_bad");
    const junk = path.join(dir, "junk.db");
    writeFileSync(junk, "not a database at all");
    const other = path.join(dir, "other.db");
    new Database(other).exec("CREATE TABLE t (x)");
    const before = await countRows(url, "_prisma_migrations");
    for (const file of [junk, other, path.join(dir, "missing.db")]) {
      const res = cli(url, dir, "restore", file);
      expect(res.status, res.stderr).toBe(2);
      expect(res.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(await countRows(url, "_prisma_migrations")).toBe(before);
  }, 120_000);
});
