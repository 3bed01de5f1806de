import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { resolveDatabaseUrl } from "./db-url";

/**
 * The one Prisma client of the process (a globalThis singleton, so dev hot reloads reuse it).
 * Only lib/<domain>/data.ts, lib/<domain>/mutations.ts and seed/ import this module.
 */
function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: resolveDatabaseUrl(), timeout: 10_000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { duixianDb?: PrismaClient };

export const db: PrismaClient = globalForDb.duixianDb ?? createClient();
globalForDb.duixianDb = db;

export type Db = PrismaClient;
/** The client handed to a `db.$transaction(async (tx) => …)` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * Per-database settings applied at start: WAL journaling for SQLite, so readers never wait for the
 * writer and a crash mid-transaction leaves the last committed state.
 */
export async function configureDatabase(): Promise<void> {
  if (resolveDatabaseUrl().startsWith("file:")) await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
}

/** A cheap round trip to the database, for the health endpoint; resolves to its latency in ms. */
export async function pingDatabase(): Promise<number> {
  const t0 = performance.now();
  await db.$queryRawUnsafe("SELECT 1");
  return Math.round((performance.now() - t0) * 10) / 10;
}
