import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

// The backup and restore commands as an operator runs them, on a real migrated database.
const root = path.resolve(__dirname, "..", "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function cli(env: Record<string, string>, ...args: string[]) {
  return spawnSync(bin("tsx"), ["--conditions=react-server", path.join(root, "lib", "cli.ts"), ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
}

describe("backup and restore (cli)", () => {
  it("round-trips: a backup taken while the database is open restores the data as it was", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "duixian-backup-"));
    const env = { DATABASE_URL: `file:${path.join(dir, "app.db")}`, DUIXIAN_DATA_DIR: dir };
    execFileSync(bin("prisma"), ["migrate", "deploy"], { cwd: root, env: { ...process.env, ...env }, stdio: "pipe" });
    expect(cli(env, "import", path.join(root, "seed/reports/hailar/hailar_2014.txt")).status).toBe(0);

    // A writer holds the database open (as the running app would) while the backup is taken.
    const live = new Database(path.join(dir, "app.db"));
    live.pragma("journal_mode = WAL");
    const backup = path.join(dir, "backup.db");
    const res = cli(env, "backup", backup);
    expect(res.status, res.stderr).toBe(0);
    live.prepare(`DELETE FROM "Pledge"`).run();
    live.close();

    expect(cli(env, "backup", backup).status).toBe(2); // never overwrites
    const restored = cli(env, "restore", backup);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain("restored 1 reports");
    const db = new Database(path.join(dir, "app.db"), { readonly: true });
    expect((db.prepare(`SELECT count(*) AS n FROM "Pledge"`).get() as { n: number }).n).toBeGreaterThan(200);
    db.close();
  }, 60_000);

  it("refuses to restore a file that is not a Duixian database, and leaves the database alone", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "duixian-backup-"));
    const env = { DATABASE_URL: `file:${path.join(dir, "app.db")}`, DUIXIAN_DATA_DIR: dir };
    execFileSync(bin("prisma"), ["migrate", "deploy"], { cwd: root, env: { ...process.env, ...env }, stdio: "pipe" });
    const junk = path.join(dir, "junk.db");
    writeFileSync(junk, "not a database at all");
    const other = path.join(dir, "other.db");
    new Database(other).exec("CREATE TABLE t (x)");
    for (const file of [junk, other, path.join(dir, "missing.db")]) {
      const res = cli(env, "restore", file);
      expect(res.status).toBe(2);
      expect(res.stderr.trim().split("\n")).toHaveLength(1);
    }
    const db = new Database(path.join(dir, "app.db"), { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM _prisma_migrations").get()).toEqual({ n: expect.any(Number) });
    db.close();
  }, 60_000);
});
