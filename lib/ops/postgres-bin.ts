import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * The folder with PostgreSQL's server and client programs: $PG_BIN, or the newest
 * /usr/lib/postgresql/<version>/bin that Debian's postgresql package installs.
 */
export function findPostgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "pg_dump")))
    : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length) {
    throw new Error(
      "PostgreSQL programs not found (looked in $PG_BIN and /usr/lib/postgresql/*/bin). Install them with: apt-get install -y postgresql",
    );
  }
  return path.join(root, versions[0], "bin");
}

/** The path of one PostgreSQL program (pg_dump, pg_restore, initdb, pg_ctl, createdb). */
export function postgresTool(name: string): string {
  return path.join(findPostgresBin(), name);
}
