/**
 * Backup and restore, for `npm run cli -- backup FILE` / `restore FILE`, on either engine.
 *
 * SQLite: backup uses SQLite's online backup API, so it is consistent while the app is running
 * and writing. Restore checks the file first (a SQLite database, intact, with our migrations),
 * then replaces the database atomically. Restore refuses while any other process has the database
 * open (lib/ops/database-presence.ts): stop the app first.
 *
 * PostgreSQL: pg_dump's custom format (one consistent snapshot, taken while the app runs) and
 * pg_restore --clean --single-transaction (all or nothing), from the server's own binaries.
 */
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { isPostgresUrl } from "@/lib/db-url";
import { postgresTool } from "./postgres-bin";
import { findDatabaseUsers } from "./database-presence";

export class BackupError extends Error {
  override name = "BackupError";
}

/** The SQLite file behind a `file:` DATABASE_URL; other databases are refused. */
export function sqliteFileOf(url: string): string {
  if (!url.startsWith("file:"))
    throw new BackupError(
      "backup and restore work on the embedded SQLite database (DATABASE_URL=file:…) or PostgreSQL",
    );
  return path.resolve(url.slice("file:".length));
}

/**
 * Refuses (nothing changed) while another process uses the database: a restore under a running
 * app loses what the app writes afterwards (SQLite) or pulls its tables away (PostgreSQL).
 */
async function refuseWhileInUse(url: string): Promise<void> {
  const users = await findDatabaseUsers(url);
  if (!users.length) return;
  const list = users
    .slice(0, 5)
    .map((u) => `${u.pid} (${u.what})`)
    .join(", ");
  throw new BackupError(
    `the database is in use by ${users.length} other process${users.length > 1 ? "es" : ""}: ${list}. Stop the app (npm start) and anything else using the database, then restore again; nothing was changed`,
  );
}

/** Backs up the database at `url` (either engine) to `target`, which must not exist yet. */
export async function backupUrl(url: string, target: string): Promise<{ bytes: number }> {
  if (!isPostgresUrl(url)) return backupDatabase(sqliteFileOf(url), target);
  if (existsSync(target)) throw new BackupError(`${target} exists already; choose a new file name`);
  const res = spawnSync(
    postgresTool("pg_dump"),
    ["--format=custom", "--no-owner", "--no-privileges", `--file=${target}`, `--dbname=${url}`],
    { encoding: "utf8" },
  );
  if (res.status !== 0) {
    rmSync(target, { force: true });
    throw new BackupError(`pg_dump failed: ${firstLine(res.stderr || res.error?.message)}`);
  }
  return { bytes: statSync(target).size };
}

/** Restores `source` into the database at `url` (either engine), after checking it is a Duixian backup. */
export async function restoreUrl(
  url: string,
  source: string,
): Promise<{ reports: number; users: number }> {
  if (!isPostgresUrl(url)) {
    const file = sqliteFileOf(url);
    if (!existsSync(source)) throw new BackupError(`no backup at ${source}`);
    inspectBackup(source);
    await refuseWhileInUse(url);
    return restoreDatabase(file, source);
  }
  if (!existsSync(source)) throw new BackupError(`no backup at ${source}`);
  const list = spawnSync(postgresTool("pg_restore"), ["--list", source], { encoding: "utf8" });
  if (list.status !== 0)
    throw new BackupError(
      `${source} is not a PostgreSQL backup made by \`backup\` (${firstLine(list.stderr)})`,
    );
  if (
    !/TABLE public _prisma_migrations /.test(list.stdout) ||
    !/TABLE public Report /.test(list.stdout)
  ) {
    throw new BackupError(
      `${source} is not a Duixian database backup (no migrations or reports table)`,
    );
  }
  await refuseWhileInUse(url);
  const res = spawnSync(
    postgresTool("pg_restore"),
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${url}`,
      source,
    ],
    { encoding: "utf8" },
  );
  if (res.status !== 0)
    throw new BackupError(`pg_restore failed, nothing was changed: ${firstLine(res.stderr)}`);
  const { Client } = await import("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const count = async (table: string) =>
      Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
    return { reports: await count("Report"), users: await count("User") };
  } finally {
    await client.end();
  }
}

const firstLine = (text: string | undefined) => (text ?? "").trim().split("\n")[0] || "no output";

/** Copies the live database to `target` (refuses to overwrite an existing file). */
export async function backupDatabase(
  databaseFile: string,
  target: string,
): Promise<{ bytes: number }> {
  if (!existsSync(databaseFile)) throw new BackupError(`no database at ${databaseFile}`);
  if (existsSync(target)) throw new BackupError(`${target} exists already; choose a new file name`);
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  return { bytes: statSync(target).size };
}

/** Whether `file` is an intact SQLite database with this app's migrations applied; returns its counts. */
export function inspectBackup(file: string): {
  migrations: number;
  reports: number;
  users: number;
} {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new BackupError(`${file} is not a readable SQLite database`);
  }
  try {
    const check = db.pragma("integrity_check", { simple: true });
    if (check !== "ok")
      throw new BackupError(`${file} failed SQLite's integrity check: ${String(check)}`);
    const hasMigrations = db
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='_prisma_migrations'")
      .get();
    if (!hasMigrations)
      throw new BackupError(`${file} is not a Duixian database (no migrations table)`);
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      migrations: count("SELECT count(*) AS n FROM _prisma_migrations"),
      reports: count('SELECT count(*) AS n FROM "Report"'),
      users: count('SELECT count(*) AS n FROM "User"'),
    };
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(
      `${file} is not a Duixian database (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`,
    );
  } finally {
    db.close();
  }
}

/** Replaces the database with a checked backup: copied beside it first, then renamed over it. */
export async function restoreDatabase(
  databaseFile: string,
  source: string,
): Promise<{ reports: number; users: number }> {
  if (!existsSync(source)) throw new BackupError(`no backup at ${source}`);
  const info = inspectBackup(source);
  const staging = `${databaseFile}.restoring`;
  rmSync(staging, { force: true });
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await src.backup(staging);
  } finally {
    src.close();
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(databaseFile + suffix, { force: true });
  renameSync(staging, databaseFile);
  return { reports: info.reports, users: info.users };
}
