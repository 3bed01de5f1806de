/**
 * The seed: demo users (one per role) and the shipped reports, imported through the same code as
 * the import page. Idempotent: existing users keep their passwords, existing reports are skipped.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { createUser } from "@/lib/users/mutations";
import { importReport } from "@/lib/reports/import";
import { placeRegionUnder } from "@/lib/regions/mutations";
import { refreshStaleLineage } from "@/lib/lineage/mutations";
import type { ReportMeta } from "@/lib/reports/schema";
import { AppError } from "@/lib/app-error";
import { DEMO_USERS } from "./demo-users";

const REPORTS_DIR = path.join(__dirname, "reports");

type ManifestEntry = { file: string } & Record<string, unknown>;

/**
 * Where the demo regions lie, where no shipped report says so (a report names its city at most:
 * 大连市西岗区). Imports record the rest themselves: 大连市西岗区 → 西岗区 under 大连市.
 */
const KNOWN_PARENTS: [region: string, parent: string][] = [
  ["海拉尔区", "呼伦贝尔市"],
  ["呼伦贝尔市", "内蒙古自治区"],
  ["大连市", "辽宁省"],
  ["锦州市", "辽宁省"],
  ["太原市", "山西省"],
];

export type SeedSummary = { usersCreated: number; reportsCreated: number; reportsSkipped: number };

/** Seeds the configured database; safe to run any number of times. */
export async function seedDatabase(log: (line: string) => void = () => {}): Promise<SeedSummary> {
  const summary: SeedSummary = { usersCreated: 0, reportsCreated: 0, reportsSkipped: 0 };
  for (const u of DEMO_USERS) {
    const exists = await db.user.findUnique({ where: { email: u.email }, select: { id: true } });
    if (exists) continue;
    await createUser(null, { email: u.email, name: u.name, role: u.role, password: u.password });
    summary.usersCreated++;
    log(`user ${u.email} (${u.role})`);
  }
  const manifest = JSON.parse(readFileSync(path.join(REPORTS_DIR, "manifest.json"), "utf8")) as {
    reports: ManifestEntry[];
  };
  for (const entry of manifest.reports) {
    // The manifest holds the metadata an analyst confirmed on the import preview.
    const { file, ...confirmed } = entry;
    try {
      const res = await importReport(
        null,
        readFileSync(path.join(REPORTS_DIR, file)),
        path.basename(file),
        confirmed as Partial<ReportMeta>,
        {},
        { newRegion: true },
      );
      summary.reportsCreated++;
      log(`report ${String(confirmed.title)}: ${res.pledges} pledges`);
    } catch (e) {
      if (e instanceof AppError && e.code === "DUPLICATE") {
        summary.reportsSkipped++;
        continue;
      }
      throw e;
    }
  }
  for (const [region, parent] of KNOWN_PARENTS) await placeRegionUnder(null, region, parent);
  // Lineage of the shipped reports at once (a server would compute it in the background).
  const lineage = await refreshStaleLineage();
  if (lineage) log(`lineage of ${lineage} reports`);
  return summary;
}

/** Seeds only an empty database (no users, no reports), so a restart never touches real data. */
export async function seedIfEmpty(log: (line: string) => void): Promise<SeedSummary | null> {
  const [users, reports] = await Promise.all([db.user.count(), db.report.count()]);
  if (users > 0 || reports > 0) {
    log(`database has ${users} users and ${reports} reports: not seeding`);
    return null;
  }
  log("empty database: seeding demo users and the shipped reports");
  const summary = await seedDatabase(log);
  log(`seeded ${summary.usersCreated} users and ${summary.reportsCreated} reports`);
  return summary;
}
