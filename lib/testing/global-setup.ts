import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { isPostgresUrl } from "@/lib/db-url";
import { migrateDatabase } from "@/lib/ops/migrate";
import { withAdmin } from "./fresh-database";

/**
 * Vitest global setup: one database migrated with the real migrations, used as a template;
 * lib/testing/per-file-database.ts gives each test file its own copy, so files never collide.
 *
 * The engine follows DATABASE_URL as the app does: unset or file:… → SQLite (the template is a
 * file, copied per test file); postgresql://… → that server (the template is a database, and
 * each test file gets `CREATE DATABASE … TEMPLATE` of it). `npm test` runs the database-facing
 * tests once per engine (lib/testing/with-postgres.ts starts a throwaway server).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(tmpdir(), "duixian-unit-"));
  process.env.DUIXIAN_TEST_DB_DIR = dir;
  process.env.DUIXIAN_DATA_DIR = dir;
  const base = process.env.DATABASE_URL ?? "";

  if (isPostgresUrl(base)) {
    const run = `u${process.pid}`;
    const template = `${run}_template`;
    await withAdmin(base, (c) => c.query(`CREATE DATABASE "${template}"`));
    const url = new URL(base);
    url.pathname = `/${template}`;
    await migrateDatabase(url.toString());
    process.env.DUIXIAN_TEST_PG_BASE = base;
    process.env.DUIXIAN_TEST_PG_TEMPLATE = template;
    process.env.DUIXIAN_TEST_PG_RUN = run;
    process.env.DATABASE_URL = url.toString();
    return async () => {
      await withAdmin(base, async (c) => {
        const { rows } = await c.query<{ datname: string }>(
          `SELECT datname FROM pg_database WHERE datname LIKE $1`,
          [`${run}_%`],
        );
        for (const { datname } of rows)
          await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      });
      rmSync(dir, { recursive: true, force: true });
    };
  }

  const template = path.join(dir, "template.db");
  await migrateDatabase(`file:${template}`);
  process.env.DUIXIAN_TEST_TEMPLATE_DB = template;
  process.env.DATABASE_URL = `file:${template}`;
  return async () => rmSync(dir, { recursive: true, force: true });
}
