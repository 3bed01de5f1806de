import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Server modules import "server-only"; tests run them as the server would.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "seed/**/*.test.ts",
      "prisma/**/*.test.ts",
      "tools/**/*.test.ts",
    ],
    environment: "node",
    // Database-facing tests (*.db.test.ts) run against a real, freshly migrated database, one copy per file.
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/per-file-database.ts"],
    pool: "forks",
    testTimeout: 30_000,
  },
});
