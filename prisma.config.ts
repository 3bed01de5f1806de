import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { isPostgresUrl, resolveDatabaseUrl } from "./lib/db-url";
import {
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA,
  SQLITE_MIGRATIONS,
  SQLITE_SCHEMA,
} from "./prisma/schema-variants";

// The schema's env("DATABASE_URL") must resolve for every CLI command: when it does not,
// the 6.19 CLI falls back to downloading a native engine, which fails on a closed network.
process.env.DATABASE_URL = resolveDatabaseUrl();
// DATABASE_URL picks the engine: postgresql://… uses the derived PostgreSQL schema and its own
// migration history (prisma/postgresql/), anything else the embedded SQLite file.
const postgres = isPostgresUrl(process.env.DATABASE_URL);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? POSTGRES_SCHEMA : SQLITE_SCHEMA,
  migrations: { path: postgres ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS },
  adapter: async () =>
    postgres
      ? new PrismaPg({ connectionString: process.env.DATABASE_URL! })
      : new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! }),
});
