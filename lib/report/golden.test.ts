/**
 * Golden outlines of every corpus file (lib/report/__golden__/<file>.txt). Regenerate with
 * UPDATE_GOLDEN=1 npx vitest run lib/report/golden.test.ts, then review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeReport } from "./decode";
import { formatReportOutline } from "./format-outline";
import { parseReport } from "./parse-report";

const corpus = path.resolve(__dirname, "../../seed/reports");
const goldenDir = path.join(__dirname, "__golden__");
const update = process.env.UPDATE_GOLDEN === "1";

describe("golden outlines", () => {
  for (const dir of ["seeds", "hailar"]) {
    for (const file of readdirSync(path.join(corpus, dir)).filter((f) => f.endsWith(".txt"))) {
      it(`${dir}/${file}`, () => {
        const { text } = decodeReport(readFileSync(path.join(corpus, dir, file)), file);
        const outline = formatReportOutline(parseReport(text));
        const golden = path.join(goldenDir, file);
        if (update || !existsSync(golden)) {
          writeFileSync(golden, outline);
          if (!update)
            throw new Error(
              `golden file ${file} was missing and has been written; review it and rerun`,
            );
        }
        expect(outline).toBe(readFileSync(golden, "utf8"));
      });
    }
  }
});
