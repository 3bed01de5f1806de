import { defineConfig, devices } from "@playwright/test";
import os from "node:os";
import path from "node:path";

/**
 * E2E against the built app on a fresh temporary database, seeded by the same code as `npm start`.
 * Drives Debian's Chromium (Playwright cannot download its own browser on these machines).
 *
 * The engine follows DATABASE_URL as the app does: unset or file:… → a SQLite file in a temp
 * folder; postgresql://…/any → a database duixian_e2e_<port> on that server, emptied first.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = path.join(os.tmpdir(), `duixian-e2e-${PORT}`);
const baseURL = `http://127.0.0.1:${PORT}`;

function e2eDatabaseUrl(): string {
  const base = process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//.test(base)) return `file:${path.join(E2E_DATA_DIR, "app.db")}`;
  const url = new URL(base);
  url.pathname = `/duixian_e2e_${PORT}`;
  return url.toString();
}
export const E2E_DATABASE_URL = e2eDatabaseUrl();

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "zh-CN",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      dependencies: ["setup"],
      testIgnore: /.*\.setup\.ts/,
    },
  ],
  webServer: {
    // A fresh database every run: emptied first, then migrated and seeded by `serve`.
    command: `rm -rf "${E2E_DATA_DIR}" && mkdir -p "${E2E_DATA_DIR}" && npx tsx lib/testing/reset-database.ts "${E2E_DATABASE_URL}" && npm run --silent cli -- serve --port ${PORT}`,
    url: `${baseURL}/login`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: E2E_DATABASE_URL,
      DUIXIAN_DATA_DIR: E2E_DATA_DIR,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      // One JSON line per request would bury the test output; e2e/logging.spec.ts checks logs on a server of its own.
      DUIXIAN_LOG_LEVEL: "warn",
      // Every spec signs in from 127.0.0.1, and the security specs fail on purpose: the per-address
      // sign-in limit would soon lock the whole suite out. e2e/security-lockout.spec.ts tests it on
      // a server of its own with the default.
      DUIXIAN_SIGNIN_ADDRESS_LIMIT: "100000",
    },
  },
});
