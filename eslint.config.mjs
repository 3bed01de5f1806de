import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // The pure text libraries stay pure: no database, no framework.
    files: ["lib/report/**/*.ts", "lib/evidence/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db", "**/db", "@prisma/*", "@/generated/*", "next", "next/*", "react", "server-only"], message: "lib/report and lib/evidence are pure: no Prisma, Next or React." },
            { group: ["@/lib/*", "!@/lib/report", "!@/lib/report/*"], message: "lib/report and lib/evidence import only each other." },
          ],
        },
      ],
    },
  },
];

export default config;
