import { mkdirSync } from "node:fs";
import path from "node:path";

/** Where the embedded database lives unless DATABASE_URL says otherwise (gitignored). */
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

/**
 * The database URL for this process: DATABASE_URL, or the embedded SQLite file.
 * For SQLite it also makes sure the file's folder exists, so a fresh clone just works.
 */
export function resolveDatabaseUrl(): string {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  return url;
}

/** Whether a database URL names a PostgreSQL server (postgres:// or postgresql://). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** The URL with any password replaced, for logs (file: URLs have none). */
export function redactDatabaseUrl(url: string): string {
  if (url.startsWith("file:")) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "redacted";
    return u.toString();
  } catch {
    return "[unparseable database url]";
  }
}
