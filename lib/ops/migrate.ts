/**
 * Applies the committed migrations to the database that DATABASE_URL names: `npm run cli -- migrate`
 * (and `npm start`, and the test harness, before anything else touches the database).
 *
 * SQLite: `prisma migrate deploy`, as Prisma ships it.
 * PostgreSQL: Prisma 6.19's WebAssembly schema engine cannot migrate through @prisma/adapter-pg
 * (it fails on PostgreSQL's `name` column type: prisma/prisma issue 27403) and the native engine
 * would have to be downloaded, which these machines cannot do. So this module applies
 * prisma/postgresql/migrations itself, with Prisma's own bookkeeping: the same `_prisma_migrations`
 * table, columns and sha256 checksums, so `prisma migrate status/deploy` with a native engine
 * later sees exactly what was applied. Each migration runs in one transaction (PostgreSQL has
 * transactional DDL), under an advisory lock so two servers starting at once do not race.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { isPostgresUrl } from "@/lib/db-url";
import { POSTGRES_MIGRATIONS } from "@/prisma/schema-variants";

/** What was done, as one line for logs. */
export type MigrationResult = { summary: string };

/** Applies pending migrations to `url`; throws with a readable message when one fails or a history diverges. */
export async function migrateDatabase(url: string, root = process.cwd()): Promise<MigrationResult> {
  if (isPostgresUrl(url)) return migratePostgres(url, path.join(root, POSTGRES_MIGRATIONS));
  const res = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url },
  });
  if (res.status !== 0)
    throw new Error(
      `prisma migrate deploy failed (exit ${res.status ?? res.signal}):\n${res.stderr || res.stdout}`,
    );
  const lines = res.stdout.split("\n").map((l) => l.trim());
  // Prisma lists what it applied as a tree of folders ("└─ 20261121213710_init/").
  const applied = lines.flatMap((l) => /^└─ (\d{14}_[a-z0-9_]+)\/$/.exec(l)?.[1] ?? []);
  return { summary: applied.length ? `applied ${applied.join(", ")}` : "no pending migrations" };
}

/** The migration folders of a history, oldest first (their names start with a timestamp). */
export function listMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir}`);
  return readdirSync(dir)
    .filter((d) => /^\d{14}_[a-z0-9_]+$/.test(d) && existsSync(path.join(dir, d, "migration.sql")))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// Prisma's migrations table, as its schema engine creates it on PostgreSQL.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;
const LOCK_KEY = 72707369; // arbitrary, constant: one migrator per database at a time

async function migratePostgres(url: string, dir: string): Promise<MigrationResult> {
  const migrations = listMigrations(dir);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    for (const r of rows) {
      if (!r.finished_at)
        throw new Error(
          `migration ${r.migration_name} started but did not finish: inspect the database, then mark it rolled back before retrying`,
        );
    }
    const known = new Set(migrations.map((m) => m.name));
    const unknown = rows.filter((r) => !known.has(r.migration_name)).map((r) => r.migration_name);
    if (unknown.length)
      throw new Error(
        `the database has migrations this code does not know (${unknown.join(", ")}): is the code older than the database?`,
      );

    const applied: string[] = [];
    for (const m of migrations) {
      const previous = done.get(m.name);
      if (previous) {
        if (previous.checksum !== m.checksum)
          console.warn(
            `[migrate] warning: ${m.name} was edited after it was applied (checksum differs)`,
          );
        continue;
      }
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(
          `migration ${m.name} failed and was rolled back: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      applied.push(m.name);
    }
    const already = migrations.length - applied.length;
    return {
      summary: applied.length
        ? `applied ${applied.join(", ")} (${already} already applied)`
        : `no pending migrations (${already} applied)`,
    };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
