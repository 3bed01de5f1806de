import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";

// Runs before each test file: a private copy of the migrated template database, and a fresh
// client for it (the lib/db singleton lives on globalThis, which survives between files).
const template = process.env.DUIXIAN_TEST_TEMPLATE_DB;
const dir = process.env.DUIXIAN_TEST_DB_DIR;
if (template && dir) {
  const file = path.join(dir, `file-${randomUUID()}.db`);
  copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
  delete (globalThis as { duixianDb?: unknown }).duixianDb;
}
