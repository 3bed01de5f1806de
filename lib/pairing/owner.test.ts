import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One owner of the pairing rule (issue 15): which report reviews which is read and written only in
 * lib/pairing. A second reader of the columns is how a cleared pairing came back on the evidence
 * page and in the audit overview (findReviewReport and listAuditPairs inferred their own). This
 * fails when code in app/, lib/ or seed/ outside lib/pairing names the pairing columns or the
 * relation that reads them — in a Prisma select or where, a raw query, or a property access.
 */
const ROOT = path.join(__dirname, "..", "..");
const OWNER = path.join("lib", "pairing") + path.sep;
/** The stored pairing: the columns, and the Prisma relations over them. */
const PAIRING_READ = /\breviewReportId\b|\bpairingManual\b|\breviewReport\s*[:?.]|\breviews\s*:/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(entry)) out.push(full);
  }
  return out;
}

describe("the pairing rule has one owner", () => {
  it("no code outside lib/pairing reads or writes the stored pairing", () => {
    const offenders: string[] = [];
    for (const top of ["app", "lib", "seed"]) {
      for (const file of sourceFiles(path.join(ROOT, top))) {
        const rel = path.relative(ROOT, file);
        if (rel.startsWith(OWNER)) continue;
        readFileSync(file, "utf8")
          .split("\n")
          .forEach((line, i) => {
            if (PAIRING_READ.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(offenders).toEqual([]);
  });

  it("would catch a reader that bypasses the owner", () => {
    // The patterns the sweep looks for, as the bypassing readers of issue 15 wrote them.
    for (const line of [
      "select: { id: true, reviewReportId: true },",
      'LEFT JOIN "Report" n ON n."id" = r."reviewReportId"',
      "if (report.reviewReportId) return { id: report.reviewReportId, inferred: false };",
      "where: { pairingManual: false },",
      "reviewReport: { select: { id: true, title: true } },",
      "r.reviewReport ?? null",
    ]) {
      expect(PAIRING_READ.test(line), line).toBe(true);
    }
    expect(PAIRING_READ.test("const review = pairing.review;")).toBe(false);
  });
});
