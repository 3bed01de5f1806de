import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Vitest global setup: a fresh SQLite database migrated with the real migrations, shared by the
 * database-facing tests of this run (they use unique emails/ids, so they do not collide).
 */
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), "duixian-unit-"));
  const url = `file:${path.join(dir, "test.db")}`;
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  process.env.DATABASE_URL = url;
  process.env.DUIXIAN_DATA_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
