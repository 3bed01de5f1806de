import path from "node:path";
import { parseLoadArgs, runLoad } from "../tools/load/load";
import { expect, test } from "./fixtures";
import { withOwnServer } from "./spawned-server";
import { ownServerPort } from "./ports";

/**
 * `npm run load` against a server of its own on the seeded demo database, briefly: the whole mix
 * must run — report pages, evidence pages, search, the lists, and every kind of write (save,
 * submit, approve or return) — with no errors. Timing is not asserted here (that is what the load
 * command reports, see the README's Performance section); this guards the mix against page
 * changes that would quietly leave parts of it out.
 */
const PORT = ownServerPort("load");

test("a short load run exercises every part of the mix without errors", async () => {
  test.setTimeout(5 * 60_000);
  await withOwnServer(
    "load",
    { port: PORT, env: { DUIXIAN_LOG_LEVEL: "warn" } },
    async (server) => {
      const options = parseLoadArgs(
        [
          "--url",
          server.url,
          "--users",
          "6",
          "--duration",
          "20",
          "--reports",
          "10",
          "--p95",
          "60000",
        ],
        path.join(__dirname, ".."),
      );
      const lines: string[] = [];
      const result = await runLoad(options, (line) => lines.push(line));
      console.log(lines.filter((l) => /^(setup|total|\d+ requests)/.test(l)).join("\n"));
      expect(result.errorSamples).toEqual([]);
      expect(result.total.errors).toBe(0);
      expect(lines.find((l) => l.startsWith("setup:") && /pledges in the pool/.test(l))).toMatch(
        /\b[1-9]\d* pledges in the pool/,
      );
      const endpoints = result.endpoints.map((e) => e.endpoint);
      for (const name of [
        "GET /reports/[id]",
        "GET /reports/[id]/pledges/[pid]",
        "GET /search?q=",
        "POST saveAssessmentAction",
      ])
        expect(endpoints).toContain(name);
      expect(
        endpoints.some((e) =>
          /approveAssessmentAction|returnAssessmentAction|submitAssessmentAction/.test(e),
        ),
      ).toBe(true);
    },
  );
});
