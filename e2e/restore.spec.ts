import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { signIn, withOwnServer } from "./spawned-server";
import { countRows } from "../lib/testing/sql";
import { ownServerPort } from "./ports";

/**
 * Issue 12, finding 6: `cli restore` against a running app lost what the app confirmed afterwards.
 * Now it refuses while the app runs (serve holds the database open for its whole life), whether or
 * not a request is under way, and changes nothing.
 */
const PORT = ownServerPort("restore");

function cli(databaseUrl: string, ...args: string[]) {
  return spawnSync("npm", ["run", "--silent", "cli", "--", ...args], {
    cwd: process.cwd(),
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

test("restore refuses while the app runs, names what holds the database, and loses nothing", async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), "duixian-restore-e2e-"));
  try {
    await withOwnServer(
      "restore",
      { port: PORT, env: { DUIXIAN_LOG_LEVEL: "warn" } },
      async (server, database) => {
        const backup = path.join(
          dir,
          database.url.startsWith("file:") ? "before.db" : "before.dump",
        );
        expect(cli(database.url, "backup", backup).status).toBe(0);
        // The app works on after the backup: a user's session is recorded (a row the backup lacks).
        const api = await signIn(server.url, "analyst");
        await api.dispose();
        const attempts = await countRows(database.url, "LoginAttempt");

        // Even with no request under way, the running app is seen.
        const refused = cli(database.url, "restore", backup);
        expect(refused.status).toBe(2);
        expect(refused.stderr).toMatch(/the database is in use by \d+ other process.*Stop the app/);
        expect(await countRows(database.url, "LoginAttempt")).toBe(attempts);
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
