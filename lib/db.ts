import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-postgresql/client";
import { isPostgresUrl, resolveDatabaseUrl } from "./db-url";

/**
 * The one Prisma client of the process (a globalThis singleton, so dev hot reloads reuse it).
 * Only lib/<domain>/data.ts, lib/<domain>/mutations.ts and seed/ import this module.
 *
 * DATABASE_URL picks the engine: the embedded SQLite file (default) or a PostgreSQL server.
 * Both clients are generated from the same schema (prisma/schema-variants.ts), so they have the
 * same models and the same API; the PostgreSQL one is typed as the SQLite one.
 */
function createClient(): PrismaClient {
  const url = resolveDatabaseUrl();
  if (isPostgresUrl(url)) {
    const adapter = new PrismaPg({
      connectionString: url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  const adapter = new PrismaBetterSQLite3({ url, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { duixianDb?: PrismaClient };

export const db: PrismaClient = globalForDb.duixianDb ?? createClient();
globalForDb.duixianDb = db;

export type Db = PrismaClient;
/** The client handed to a `db.$transaction(async (tx) => …)` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export type DatabaseEngine = "sqlite" | "postgresql";
/** Which engine this process talks to; the few raw queries (search, settings) differ by it. */
export function databaseEngine(): DatabaseEngine {
  return isPostgresUrl(resolveDatabaseUrl()) ? "postgresql" : "sqlite";
}

/**
 * A read-write transaction (every mutation uses this, not db.$transaction). On SQLite it takes the
 * write lock with its first statement: the adapter begins transactions DEFERRED, so a transaction
 * that reads first holds a read snapshot, and when another process (another `serve` worker, the
 * CLI) commits before it writes, SQLite refuses the upgrade at once (SQLITE_BUSY, no waiting).
 * Taking the lock first makes it wait its turn instead (busy timeout 10 s). PostgreSQL locks rows.
 */
export function writeTransaction<T>(
  fn: (tx: Tx) => Promise<T>,
  options?: { maxWait?: number; timeout?: number },
): Promise<T> {
  return db.$transaction(async (tx) => {
    if (databaseEngine() === "sqlite")
      await tx.$executeRawUnsafe(`UPDATE "Region" SET "id" = "id" WHERE 0`);
    return fn(tx);
  }, options);
}

/**
 * Per-database settings applied at start: WAL journaling for SQLite, so readers never wait for the
 * writer and a crash mid-transaction leaves the last committed state. PostgreSQL needs nothing.
 */
export async function configureDatabase(): Promise<void> {
  if (databaseEngine() === "sqlite") await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
}

/** A cheap round trip to the database, for the health endpoint; resolves to its latency in ms. */
export async function pingDatabase(): Promise<number> {
  const t0 = performance.now();
  await db.$queryRawUnsafe("SELECT 1");
  return Math.round((performance.now() - t0) * 10) / 10;
}
