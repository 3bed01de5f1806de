/**
 * Makes a new migration offline: `npm run migration:new -- NAME`.
 *
 * `prisma migrate dev` needs a shadow database, which the WebAssembly engine cannot use, so we
 * diff the schema as it was when the last migration was committed against the working schema.
 * Commit the schema and its migration together, or the next diff starts from the wrong place.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run migration:new -- NAME   (NAME: lower_snake_case, e.g. add_pairing)");
  process.exit(2);
}

const migrationsDir = path.join("prisma", "migrations");
const hasMigrations = existsSync(migrationsDir) && readdirSync(migrationsDir).some((d) => /^\d{14}_/.test(d));

const args = ["prisma", "migrate", "diff", "--to-schema-datamodel", "prisma/schema.prisma", "--script"];
if (hasMigrations) {
  const commit = execFileSync("git", ["log", "-1", "--format=%H", "--", migrationsDir], { encoding: "utf8" }).trim();
  if (!commit) {
    console.error("error: the existing migrations are not committed yet; commit them with their schema first");
    process.exit(2);
  }
  const previous = path.join(tmpdir(), `duixian-prev-${process.pid}.prisma`);
  writeFileSync(previous, execFileSync("git", ["show", `${commit}:prisma/schema.prisma`]));
  args.push("--from-schema-datamodel", previous);
} else {
  args.push("--from-empty");
}

const sql = execFileSync("npx", args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
  console.error("no schema changes since the last migration: nothing written");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
if (!existsSync(path.join(migrationsDir, "migration_lock.toml"))) {
  writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "sqlite"\n');
}
console.log(`wrote ${dir}/migration.sql — apply it with: npx prisma migrate deploy`);
