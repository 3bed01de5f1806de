import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { withAdmin } from "./fresh-database";

// Runs before each test file: a private copy of the migrated template database, and a fresh
// client for it (the lib/db singleton lives on globalThis, which survives between files).
const sqliteTemplate = process.env.DUIXIAN_TEST_TEMPLATE_DB;
const dir = process.env.DUIXIAN_TEST_DB_DIR;
const pgBase = process.env.DUIXIAN_TEST_PG_BASE;
const pgTemplate = process.env.DUIXIAN_TEST_PG_TEMPLATE;
const pgRun = process.env.DUIXIAN_TEST_PG_RUN;

if (pgBase && pgTemplate && pgRun) {
  const name = `${pgRun}_f${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await withAdmin(pgBase, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${pgTemplate}"`));
  const url = new URL(pgBase);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  delete (globalThis as { duixianDb?: unknown }).duixianDb;
} else if (sqliteTemplate && dir) {
  const file = path.join(dir, `file-${randomUUID()}.db`);
  copyFileSync(sqliteTemplate, file);
  process.env.DATABASE_URL = `file:${file}`;
  delete (globalThis as { duixianDb?: unknown }).duixianDb;
}
