import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "generated/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // The pure text libraries stay pure: no database, no framework.
    files: ["lib/report/**/*.ts", "lib/evidence/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/lib/db",
                "**/db",
                "@prisma/*",
                "@/generated/*",
                "next",
                "next/*",
                "react",
                "server-only",
              ],
              message: "lib/report and lib/evidence are pure: no Prisma, Next or React.",
            },
            {
              group: ["@/lib/*", "!@/lib/report", "!@/lib/report/*", "!@/lib/vocabulary"],
              message:
                "lib/report and lib/evidence import only each other (and the dependency-free lib/vocabulary.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // Who may touch the database (architecture rule: only data.ts and mutations.ts, and seed/): the
    // one Prisma client is imported by the reads and writes of each domain, by the seed and its
    // generator, by the test harness, and by the two places that manage the process's connection
    // (serve at start, the access log's shutdown hook). search.ts is lib/pledges' search reads.
    // tools/ (benchmarks, the load generator) is not the app and is not covered.
    files: [
      "app/**/*.{ts,tsx}",
      "lib/**/*.{ts,tsx}",
      "proxy.ts",
      "instrumentation.ts",
      "instrumentation-client.ts",
    ],
    ignores: [
      "**/data.ts",
      "**/mutations.ts",
      "**/*.test.ts",
      "lib/testing/**",
      "lib/db.ts",
      "lib/ops/serve.ts",
      "lib/ops/access-log.ts",
      "lib/pledges/search.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/db",
              message:
                "Only lib/<domain>/data.ts and mutations.ts (and seed/) use the database: add a read or a write there.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
