/**
 * `tsx lib/testing/reset-database.ts URL`: makes the test database URL names empty, for the e2e
 * server (playwright.config.ts). SQLite: removes the file (and its -wal/-shm). PostgreSQL: drops
 * and re-creates the database. Refuses any database whose name does not say it is a test one,
 * so a slip of DATABASE_URL cannot empty real data.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { isPostgresUrl } from "@/lib/db-url";
import { withAdmin } from "./fresh-database";

const TEST_NAME = /(^|[_-])e2e([_-]|$)|^t_|^duixian_test/;

async function main(url: string | undefined): Promise<void> {
  if (!url) throw new Error("usage: tsx lib/testing/reset-database.ts DATABASE_URL");
  if (isPostgresUrl(url)) {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    if (!TEST_NAME.test(name) || !/^[a-z0-9_]+$/.test(name))
      throw new Error(`refusing to reset "${name}": not a test database name`);
    await withAdmin(url, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${name}"`);
    });
    return;
  }
  const file = path.resolve(url.replace(/^file:/, ""));
  if (!TEST_NAME.test(path.basename(path.dirname(file))) && !TEST_NAME.test(path.basename(file)))
    throw new Error(`refusing to remove ${file}: not a test database`);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}

main(process.argv[2]).catch((e: unknown) => {
  console.error(`reset-database: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});
