import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { isPostgresUrl } from "@/lib/db-url";
import { createFreshDatabase, type FreshDatabase } from "@/lib/testing/fresh-database";
import { createSqlFromSchema, describeStructure } from "@/lib/testing/schema-structure";
import { sqlOn } from "@/lib/testing/sql";
import {
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA,
  SQLITE_MIGRATIONS,
  SQLITE_SCHEMA,
  toPostgresSchema,
} from "./schema-variants";

// The drift check: prisma/schema.prisma is the one source of truth, and each engine's migration
// history must build exactly the database the schema describes. Runs on the engine under test
// (the SQLite pass checks SQLite, the PostgreSQL pass checks PostgreSQL).
const root = path.resolve(__dirname, "..");
const created: FreshDatabase[] = [];
afterAll(async () => Promise.all(created.map((d) => d.drop())));
const migrationNames = (dir: string) =>
  readdirSync(path.join(root, dir))
    .filter((d) => /^\d{14}_/.test(d))
    .sort();

describe("schema variants", () => {
  it("the PostgreSQL schema is derived from the SQLite one and nothing else differs", () => {
    const source = readFileSync(path.join(root, SQLITE_SCHEMA), "utf8");
    expect(readFileSync(path.join(root, POSTGRES_SCHEMA), "utf8")).toBe(toPostgresSchema(source));
    const strip = (s: string) =>
      s
        .replace(/provider\s*=\s*"(sqlite|postgresql)"/, "")
        .replace(/output\s*=.*/, "")
        .replace(/^\/\/ GENERATED.*\n/, "");
    expect(strip(toPostgresSchema(source))).toBe(strip(source));
  });

  it("both migration histories have the same migrations, in the same order", () => {
    expect(migrationNames(POSTGRES_MIGRATIONS)).toEqual(migrationNames(SQLITE_MIGRATIONS));
  });

  it("the migrations of the engine under test build exactly what the schema describes", async () => {
    const migrated = process.env.DATABASE_URL!; // this file's database, built by the migrations
    const expected = await createFreshDatabase("drift_expected");
    created.push(expected);
    const ddl = createSqlFromSchema(isPostgresUrl(migrated) ? migrated : expected.url, root);
    if (isPostgresUrl(expected.url)) await sqlOn(expected.url, ddl);
    else {
      const db = new Database(expected.url.slice("file:".length));
      db.exec(ddl);
      db.close();
    }
    const [want, got] = await Promise.all([
      describeStructure(expected.url),
      describeStructure(migrated),
    ]);
    expect(want.length).toBeGreaterThan(50);
    expect(got).toEqual(want);
  }, 60_000);
});
