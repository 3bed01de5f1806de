/**
 * Runs a command against a throwaway PostgreSQL cluster: `tsx lib/testing/with-postgres.ts -- CMD…`.
 *
 * initdb + pg_ctl from Debian's postgresql package (no system service), a data folder under the
 * temp dir, TCP on 127.0.0.1 only, trust authentication for the one local role. The command gets
 * DATABASE_URL=postgresql://duixian@127.0.0.1:PORT/duixian; the cluster is stopped and removed
 * afterwards, whatever the command's outcome, and the command's exit code is passed on.
 *
 * PostgreSQL refuses to run as root, so when this runs as root (CI) the cluster belongs to the
 * `postgres` system user that the Debian package creates.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { findPostgresBin } from "@/lib/ops/postgres-bin";

const PORT = Number(process.env.DUIXIAN_PG_PORT ?? 55432);

function main(): Promise<number> {
  const sep = process.argv.indexOf("--");
  const command = sep >= 0 ? process.argv.slice(sep + 1) : [];
  if (!command.length) {
    console.error("usage: tsx lib/testing/with-postgres.ts -- COMMAND [ARGS…]");
    return Promise.resolve(2);
  }

  const bin = findPostgresBin();
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "duixian-pg-"));
  const data = path.join(dir, "data");
  chmodSync(dir, 0o755);
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (id.status !== 0)
      throw new Error(
        "running as root, but there is no `postgres` user to own the cluster (apt-get install -y postgresql creates it)",
      );
    owner = { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
    chownSync(dir, owner.uid, owner.gid);
  }
  const pg = (tool: string, args: string[], options: SpawnSyncOptions = {}) => {
    const res = spawnSync(path.join(bin, tool), args, {
      stdio: "inherit",
      ...options,
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
      env: { ...process.env, LC_ALL: "C.UTF-8" },
    });
    if (res.status !== 0)
      throw new Error(`${tool} ${args.join(" ")} failed (exit ${res.status ?? res.signal})`);
  };

  console.error(`[pg] throwaway PostgreSQL cluster in ${data}, port ${PORT}`);
  // Byte-order collation (as SQLite compares), UTF-8 character classes so pg_trgm sees Chinese.
  pg(
    "initdb",
    [
      "-D",
      data,
      "-U",
      "duixian",
      "--auth=trust",
      "--encoding=UTF8",
      "--lc-collate=C",
      "--lc-ctype=C.UTF-8",
      "--no-sync",
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const options = `-p ${PORT} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  pg("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", options, "-w", "start"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => {
    try {
      pg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], { stdio: "ignore" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    pg("createdb", ["-h", "127.0.0.1", "-p", String(PORT), "-U", "duixian", "duixian"]);
  } catch (e) {
    stop();
    throw e;
  }

  const url = `postgresql://duixian@127.0.0.1:${PORT}/duixian`;
  console.error(`[pg] DATABASE_URL=${url} ${command.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: url },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      stop();
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`[pg] ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
