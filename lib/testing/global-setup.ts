import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Vitest global setup: one SQLite database migrated with the real migrations, used as a template;
 * lib/testing/per-file-database.ts gives each test file its own copy, so files never collide.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), "duixian-unit-"));
  const template = path.join(dir, "template.db");
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
  process.env.DUIXIAN_TEST_DB_DIR = dir;
  process.env.DUIXIAN_TEST_TEMPLATE_DB = template;
  process.env.DATABASE_URL = `file:${template}`;
  process.env.DUIXIAN_DATA_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
