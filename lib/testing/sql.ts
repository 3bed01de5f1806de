import Database from "better-sqlite3";
import { Client } from "pg";
import { isPostgresUrl } from "@/lib/db-url";

/**
 * Runs one SQL statement on the database at `url`, outside the app's client, for tests that
 * check or damage a database from the side (as an operator or a crash would). Returns the rows.
 */
export async function sqlOn(url: string, sql: string): Promise<Record<string, unknown>[]> {
  if (isPostgresUrl(url)) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(url.slice("file:".length));
  try {
    const stmt = db.prepare(sql);
    return stmt.reader ? (stmt.all() as Record<string, unknown>[]) : (stmt.run(), []);
  } finally {
    db.close();
  }
}

/** The number of rows of a table (a quoted Prisma model name such as "Pledge"). */
export async function countRows(url: string, table: string): Promise<number> {
  const rows = await sqlOn(url, `SELECT count(*) AS n FROM "${table}"`);
  return Number(rows[0].n);
}
