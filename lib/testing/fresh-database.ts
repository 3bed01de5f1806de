import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { isPostgresUrl } from "@/lib/db-url";

export type FreshDatabase = { url: string; drop: () => Promise<void> };

/**
 * An empty database on the same engine as `baseUrl` (default: this process's DATABASE_URL), for
 * a test that starts its own server or CLI process, which then migrates it as `npm start` would.
 * SQLite: a file in a new temporary folder. PostgreSQL: a new database on the same server.
 */
export async function createFreshDatabase(
  label: string,
  baseUrl = process.env.DATABASE_URL ?? "",
): Promise<FreshDatabase> {
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 30);
  if (!isPostgresUrl(baseUrl)) {
    const dir = mkdtempSync(path.join(tmpdir(), `duixian-${safe}-`));
    return {
      url: `file:${path.join(dir, "app.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `t_${safe}_${randomUUID().slice(0, 8)}`;
  await withAdmin(baseUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/** Runs `fn` on a connection to the server's maintenance database (postgres). */
export async function withAdmin<T>(
  baseUrl: string,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const url = new URL(baseUrl);
  url.pathname = "/postgres";
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
