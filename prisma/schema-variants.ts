/**
 * prisma/schema.prisma (SQLite) is the one source of truth for the data model. The PostgreSQL
 * variant is derived from it — only the datasource provider and the client's output folder
 * differ — and written to prisma/postgresql/schema.prisma (gitignored) by `npm install`
 * (postinstall) and by `npm run migration:new`. prisma/schema-variants.test.ts fails if a
 * committed migration history or the derived file drifts from the source.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgresql", "schema.prisma");
export const SQLITE_MIGRATIONS = path.join("prisma", "migrations");
export const POSTGRES_MIGRATIONS = path.join("prisma", "postgresql", "migrations");

const HEADER =
  "// GENERATED from prisma/schema.prisma by prisma/schema-variants.ts: edit that file, not this one.\n";

/** The PostgreSQL schema text for a SQLite schema text; throws if the source no longer has the expected shape. */
export function toPostgresSchema(sqlite: string): string {
  const replace = (text: string, from: RegExp, to: string) => {
    if (!from.test(text))
      throw new Error(
        `prisma/schema.prisma: expected ${from} (schema-variants.ts must be updated)`,
      );
    return text.replace(from, to);
  };
  let pg = replace(sqlite, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  // The schema file moves one folder down, and the PostgreSQL client gets a folder of its own.
  pg = replace(
    pg,
    /output\s*=\s*"\.\.\/generated\/prisma"/,
    'output     = "../../generated/prisma-postgresql"',
  );
  return HEADER + pg;
}

/** Writes the PostgreSQL variant next to its migrations. */
export function writePostgresSchema(root = process.cwd()): string {
  const text = toPostgresSchema(readFileSync(path.join(root, SQLITE_SCHEMA), "utf8"));
  writeFileSync(path.join(root, POSTGRES_SCHEMA), text);
  return text;
}

/**
 * `tsx prisma/schema-variants.ts [generate]`: writes the PostgreSQL variant; with `generate`, also
 * generates both clients (generated/prisma and generated/prisma-postgresql). prisma.config.ts
 * picks the schema by DATABASE_URL, so each run gets a URL of its engine (nothing connects to it).
 */
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  writePostgresSchema();
  console.log(`wrote ${POSTGRES_SCHEMA}`);
  if (process.argv[2] === "generate") {
    const prisma = path.join("node_modules", ".bin", "prisma");
    for (const url of [
      process.env.DATABASE_URL && !/^postgres/.test(process.env.DATABASE_URL)
        ? process.env.DATABASE_URL
        : "file:./data/app.db",
      "postgresql://localhost/generate-only",
    ]) {
      const res = spawnSync(prisma, ["generate"], {
        stdio: "inherit",
        env: { ...process.env, DATABASE_URL: url },
      });
      if (res.status !== 0) process.exit(res.status ?? 1);
    }
  }
}
