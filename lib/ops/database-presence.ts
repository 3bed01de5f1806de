import { readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { isPostgresUrl } from "@/lib/db-url";

/**
 * Who else has the database open, so that `cli restore` can refuse while the app runs.
 *
 * A restore replaces the database. On SQLite it renames a new file over the old one: a process
 * that still has the old file open goes on writing into a file nobody will read again, so what it
 * confirms to its users afterwards is lost. On PostgreSQL the restore replaces the tables under
 * the app's feet. So restore first asks who else uses the database and refuses when anyone does.
 *
 * A running app might hold no handle at that moment (SQLite connections open on the first query;
 * PostgreSQL pools close idle connections), so `serve` holds the database open for as long as it
 * runs (`holdDatabasePresence`): a running `npm start` is always seen.
 */

/** The name a serving app's presence connection carries on PostgreSQL (pg_stat_activity.application_name). */
export const PRESENCE_APPLICATION_NAME = "duixian-serve";

export type DatabaseUser = { pid: number; what: string };

/** The SQLite file of a `file:` URL. */
const sqliteFileOf = (url: string) => path.resolve(url.slice("file:".length));

/** Keeps the database open until the returned function is called (serve, for its whole life). */
export async function holdDatabasePresence(url: string): Promise<() => Promise<void>> {
  if (isPostgresUrl(url)) {
    const client = new Client({
      connectionString: url,
      application_name: PRESENCE_APPLICATION_NAME,
    });
    await client.connect();
    // A dropped connection must not crash the server; restore then only sees the app's pool.
    client.on("error", () => undefined);
    return async () => {
      await client.end().catch(() => undefined);
    };
  }
  const handle = new Database(sqliteFileOf(url), { readonly: true, fileMustExist: true });
  return async () => {
    handle.close();
  };
}

/**
 * The other processes (not this one) that have the database open: on SQLite every process of this
 * machine with the file, its -wal or its -shm open (read from /proc; on systems without /proc the
 * answer is empty); on PostgreSQL every other session connected to the database.
 */
export async function findDatabaseUsers(url: string): Promise<DatabaseUser[]> {
  if (isPostgresUrl(url)) {
    const client = new Client({ connectionString: url, application_name: "duixian-restore-check" });
    await client.connect();
    try {
      const rows = await client.query<{
        pid: number;
        application_name: string;
        client_addr: string | null;
      }>(
        `SELECT pid, application_name, client_addr::text AS client_addr FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      return rows.rows.map((r) => ({
        pid: r.pid,
        what: `${r.application_name || "a client"}${r.client_addr ? ` from ${r.client_addr}` : ""}`,
      }));
    } finally {
      await client.end();
    }
  }
  const file = sqliteFileOf(url);
  let base: string;
  try {
    base = realpathSync(file);
  } catch {
    return []; // no database yet: nobody uses it
  }
  return processesWithOpen(new Set([base, `${base}-wal`, `${base}-shm`]));
}

/** The processes of this machine, other than this one, holding one of `paths` open (Linux /proc). */
function processesWithOpen(paths: Set<string>): DatabaseUser[] {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid);
  } catch {
    return [];
  }
  const users: DatabaseUser[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    const holds = fds.some((fd) => {
      try {
        return paths.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (holds) users.push({ pid: Number(pid), what: commandOf(pid) });
  }
  return users;
}

function commandOf(pid: string): string {
  try {
    return (
      readFileSync(`/proc/${pid}/cmdline`, "utf8")
        .split("\0")
        .filter(Boolean)
        .slice(0, 4)
        .join(" ")
        .slice(0, 120) || "a process"
    );
  } catch {
    return "a process";
  }
}
