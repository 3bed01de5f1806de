/**
 * `npm start`: everything a fresh clone needs to serve the app on its embedded database —
 * apply migrations, seed an empty database, build when the sources are newer than the build,
 * then run `next start`. A second start keeps the data (the seed only runs on an empty database).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ensureAuthSecret } from "@/lib/auth/secret";
import { redactUrl, resolveDatabaseUrl } from "@/lib/db-url";

const ROOT = process.cwd();
const BIN = path.join(ROOT, "node_modules", ".bin");

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const res = spawnSync(path.join(BIN, cmd), args, { stdio: "inherit", env });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${res.status ?? res.signal})`);
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, name)));
  }
  return newest;
}

/** Whether `next build` must run: no build yet, or a source newer than the last build. */
export function buildIsStale(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "lib", "generated", "next.config.js", "proxy.ts", "instrumentation.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
  return sources.some((s) => newestMtime(path.join(ROOT, s)) > built);
}

/** Prepares the database and serves the app; resolves when the server exits. */
export async function serveApp(options: { port: number; build: "auto" | "always" | "never" }): Promise<number> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: resolveDatabaseUrl(),
    NEXTAUTH_SECRET: ensureAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${options.port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  process.env.DATABASE_URL = env.DATABASE_URL;

  console.log(`[start] database ${redactUrl(env.DATABASE_URL!)}: applying migrations`);
  const { migrateDatabase } = await import("./migrate");
  console.log(`[start] ${(await migrateDatabase(env.DATABASE_URL!, ROOT)).summary}`);

  const { configureDatabase, db } = await import("@/lib/db");
  const { seedIfEmpty } = await import("@/seed/seed");
  await configureDatabase();
  await seedIfEmpty((line) => console.log(`[start] ${line}`));
  await db.$disconnect();

  if (options.build === "always" || (options.build === "auto" && buildIsStale())) {
    console.log("[start] building the app (first start, or sources changed)");
    run("next", ["build"], { ...env, NODE_ENV: "production" });
  }

  console.log(`[start] serving on http://localhost:${options.port}`);
  const child = spawn(path.join(BIN, "next"), ["start", "-p", String(options.port)], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 0)));
}
