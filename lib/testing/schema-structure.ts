import { execFileSync } from "node:child_process";
import path from "node:path";
import { isPostgresUrl } from "@/lib/db-url";
import { sqlOn } from "./sql";

/**
 * The structure of a database as plain sorted lines (tables, columns, indexes, keys), for the
 * drift check in prisma/schema-variants.db.test.ts. Objects the migrations add by hand and the
 * schema language cannot express (the search indexes) are left out.
 */
export async function describeStructure(url: string): Promise<string[]> {
  return isPostgresUrl(url) ? describePostgres(url) : describeSqlite(url);
}

const HAND_WRITTEN = /^PledgeSearch|^_prisma_migrations$|^sqlite_/;

async function describeSqlite(url: string): Promise<string[]> {
  const lines: string[] = [];
  const tables = (await sqlOn(url, `SELECT name FROM sqlite_master WHERE type = 'table'`))
    .map((r) => String(r.name))
    .filter((n) => !HAND_WRITTEN.test(n));
  for (const t of tables) {
    for (const c of await sqlOn(url, `PRAGMA table_info("${t}")`))
      lines.push(
        `column ${t}.${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`,
      );
    for (const i of await sqlOn(url, `PRAGMA index_list("${t}")`)) {
      const cols = (await sqlOn(url, `PRAGMA index_info("${i.name}")`))
        .map((r) => r.name)
        .join(",");
      lines.push(`index ${t}.${i.name} unique=${i.unique} (${cols})`);
    }
    for (const f of await sqlOn(url, `PRAGMA foreign_key_list("${t}")`))
      lines.push(
        `fk ${t}.${f.from} -> ${f.table}.${f.to} update=${f.on_update} delete=${f.on_delete}`,
      );
  }
  return lines.sort();
}

async function describePostgres(url: string): Promise<string[]> {
  const lines: string[] = [];
  for (const c of await sqlOn(
    url,
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public'`,
  )) {
    if (HAND_WRITTEN.test(String(c.table_name))) continue;
    lines.push(
      `column ${c.table_name}.${c.column_name} ${c.data_type} nullable=${c.is_nullable} default=${c.column_default}`,
    );
  }
  for (const i of await sqlOn(
    url,
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
  )) {
    if (HAND_WRITTEN.test(String(i.tablename)) || /gin_trgm_ops/.test(String(i.indexdef))) continue;
    lines.push(`index ${i.indexname}: ${i.indexdef}`);
  }
  const constraints = await sqlOn(
    url,
    `SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype IN ('p', 'f', 'u')`,
  );
  for (const k of constraints)
    if (!HAND_WRITTEN.test(String(k.tbl).replace(/"/g, "")))
      lines.push(`constraint ${k.tbl}.${k.conname}: ${k.def}`);
  return lines.sort();
}

/** The SQL that creates the schema's tables from nothing, as Prisma writes it for this engine. */
export function createSqlFromSchema(url: string, root = process.cwd()): string {
  const schema = isPostgresUrl(url)
    ? path.join("prisma", "postgresql", "schema.prisma")
    : path.join("prisma", "schema.prisma");
  return execFileSync(
    path.join(root, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}
