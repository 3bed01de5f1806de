/**
 * Makes a new migration offline, for both engines: `npm run migration:new -- NAME`.
 *
 * `prisma migrate dev` needs a shadow database, which the WebAssembly engine cannot use, so we
 * diff the schema as it was when the last migration was committed against the working schema —
 * once as SQLite (prisma/migrations/) and once as PostgreSQL (prisma/postgresql/migrations/, the
 * diff runs against a throwaway cluster from lib/testing/with-postgres.ts because the PostgreSQL
 * adapter needs a server to talk to). Both folders get the same name, so the histories stay in
 * lock-step; prisma/schema-variants.db.test.ts fails if they or the schema drift apart.
 * Commit the schema and both migrations together, or the next diff starts from the wrong place.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA,
  SQLITE_MIGRATIONS,
  SQLITE_SCHEMA,
  toPostgresSchema,
  writePostgresSchema,
} from "./schema-variants";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error(
    "usage: npm run migration:new -- NAME   (NAME: lower_snake_case, e.g. add_pairing)",
  );
  process.exit(2);
}

writePostgresSchema();
const hasMigrations =
  existsSync(SQLITE_MIGRATIONS) && readdirSync(SQLITE_MIGRATIONS).some((d) => /^\d{14}_/.test(d));
let previous: string | null = null;
if (hasMigrations) {
  const commit = execFileSync(
    "git",
    ["log", "-1", "--format=%H", "--", SQLITE_MIGRATIONS, POSTGRES_MIGRATIONS],
    { encoding: "utf8" },
  ).trim();
  if (!commit) {
    console.error(
      "error: the existing migrations are not committed yet; commit them with their schema first",
    );
    process.exit(2);
  }
  previous = execFileSync("git", ["show", `${commit}:${SQLITE_SCHEMA}`], { encoding: "utf8" });
}

const bin = (tool: string) => path.join("node_modules", ".bin", tool);
function diff(engine: "sqlite" | "postgresql"): string {
  const target = engine === "sqlite" ? SQLITE_SCHEMA : POSTGRES_SCHEMA;
  const args = ["migrate", "diff", "--to-schema-datamodel", target, "--script"];
  if (previous) {
    const file = path.join(tmpdir(), `duixian-prev-${engine}-${process.pid}.prisma`);
    writeFileSync(file, engine === "sqlite" ? previous : toPostgresSchema(previous));
    args.push("--from-schema-datamodel", file);
  } else args.push("--from-empty");
  const command =
    engine === "sqlite"
      ? [bin("prisma"), ...args]
      : [bin("tsx"), path.join("lib", "testing", "with-postgres.ts"), "--", bin("prisma"), ...args];
  return execFileSync(command[0], command.slice(1), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
}

const sqlite = diff("sqlite");
if (!sqlite.trim() || /^-- This is an empty migration/m.test(sqlite)) {
  console.error("no schema changes since the last migration: nothing written");
  process.exit(0);
}
const postgres = diff("postgresql");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const [dir, sql, provider] of [
  [SQLITE_MIGRATIONS, sqlite, "sqlite"],
  [POSTGRES_MIGRATIONS, postgres, "postgresql"],
] as const) {
  const folder = path.join(dir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  if (!existsSync(path.join(dir, "migration_lock.toml")))
    writeFileSync(path.join(dir, "migration_lock.toml"), `provider = "${provider}"\n`);
  console.log(`wrote ${folder}/migration.sql`);
}
console.log("apply with: npm run cli -- migrate   (npm start does this too)");
