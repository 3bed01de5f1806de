/**
 * `npm run cli -- generate`: a large database for performance work (by default 200 reports and
 * 50,000 pledges), built from the shipped corpus through the real import code and the real
 * assessment workflow, so lists, filters, search and the review queue see realistic data.
 *
 * What it makes, deterministically:
 * - the demo users and the ten shipped reports (the seed), so the demo accounts work;
 * - synthetic regions (合成第001区, 合成第002区, …), each with five consecutive years of reports,
 *   but the first, which has ten (Hailar 2012–2016 under their real years, then again as
 *   2017–2021): a region with ten years of reports, for the region page and its record (issue 18).
 *   Odd regions re-import Hailar 2012–2016 under their real years: real plan → review pairs.
 *   Even regions re-import the five seed reports as 2019–2023: pairs by year, but the review does
 *   not really report on the plan (their suggestions are weaker). Every copy starts with one added
 *   line naming it as synthetic test data, its region and year (the import deduplicates by content,
 *   and that line is all that differs from the original); the parser treats it as page chrome, so
 *   sections and pledges are exactly those of the original;
 * - assessment activity through the same mutations as the app (with their audit events): the older
 *   a plan, the more of it is worked (70 %, 45 %, 25 %, 10 % of pledges, none in the latest
 *   year): evidence linked from the top suggestion, a verdict with a rationale, submitted, approved
 *   or returned by a reviewer, some left in the queue; some pledges only assigned;
 * - the lineage of every report (lib/lineage), as a server would compute it in the background.
 *
 * Totals count the whole database: generation stops once it holds at least `reports` reports and
 * `pledges` pledges. Re-running on a partly generated database (--force) skips the copies already
 * there, so an interrupted run can be resumed.
 */
import { mulberry32 } from "@/lib/seeded-random";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { importReport } from "@/lib/reports/import";
import { getPairing } from "@/lib/pairing/data";
import type { ReportMeta } from "@/lib/reports/schema";
import { createUser } from "@/lib/users/mutations";
import {
  approveAssessment,
  assignPledge,
  returnAssessment,
  saveAssessment,
  submitAssessment,
} from "@/lib/assessments/mutations";
import type { AssessmentStatus } from "@/lib/assessments/schema";
import { linkReviewEvidence } from "@/lib/evidence-links/mutations";
import { suggestForPair } from "@/lib/evidence/suggest-for-pair";
import type { Suggestion } from "@/lib/evidence/suggest-evidence";
import { seedDatabase } from "./seed";
import { refreshStaleLineage } from "@/lib/lineage/mutations";

const REPORTS_DIR = path.join(__dirname, "reports");

export type GenerateOptions = {
  /** Stop once the database holds at least this many reports… */
  reports: number;
  /** …and at least this many pledges. */
  pledges: number;
  /** Also the demo users and shipped reports (default true; tests leave them out to save time). */
  withSeed?: boolean;
  log?: (line: string) => void;
};

export type GenerateSummary = {
  reportsCreated: number;
  reportsSkipped: number;
  totals: {
    reports: number;
    pledges: number;
    evidence: number;
    assessed: number;
    submitted: number;
    approved: number;
    returned: number;
    assigned: number;
  };
  elapsedMs: number;
};

/** Hard bounds on what one run may be asked for. */
export const GENERATE_LIMITS = { reports: 5_000, pledges: 2_000_000 } as const;

/** What is in a database now (for the CLI's refusal of a non-empty one, and for the totals). */
export async function countDatabase(): Promise<{
  users: number;
  reports: number;
  pledges: number;
}> {
  const [users, reports, pledges] = await Promise.all([
    db.user.count(),
    db.report.count(),
    db.pledge.count(),
  ]);
  return { users, reports, pledges };
}

type ManifestEntry = { file: string; title: string } & Partial<ReportMeta>;

/** The shipped reports' manifest (seed/reports/manifest.json), by file. */
function readManifest(): Map<string, ManifestEntry> {
  const raw = JSON.parse(readFileSync(path.join(REPORTS_DIR, "manifest.json"), "utf8")) as {
    reports: ManifestEntry[];
  };
  return new Map(raw.reports.map((e) => [e.file, e]));
}

/**
 * Five consecutive years per synthetic region. `years` null: the texts' own years (a real
 * plan → review chain); otherwise synthetic years in that order.
 */
const CHAINS = [
  {
    sample: "hailar",
    files: [
      "hailar/hailar_2012.txt",
      "hailar/hailar_2013.txt",
      "hailar/hailar_2014.txt",
      "hailar/hailar_2015.txt",
      "hailar/hailar_2016.txt",
    ],
    years: null,
  },
  {
    sample: "seeds",
    files: [
      "seeds/003_6c455b50551dc8b5.txt",
      "seeds/000_44e32f47c74c41aa.txt",
      "seeds/002_f43de3d8f036b3c9.txt",
      "seeds/001_bc1dc47a901dac11.txt",
      "seeds/004_748cc8dca99de2ec.txt",
    ],
    years: [2019, 2020, 2021, 2022, 2023],
  },
] as const;

/** The first region's ten years: the Hailar chain under its real years, then again as 2017–2021. */
const DECADE = {
  sample: "hailar",
  files: [...CHAINS[0].files, ...CHAINS[0].files],
  years: [2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021],
} as const;

/** Share of a plan's pledges worked on, by its position among the region's last five years (oldest first); older plans as the oldest. */
const WORKED_SHARE = [0.7, 0.45, 0.25, 0.1, 0];
const workedShare = (position: number, count: number) =>
  WORKED_SHARE[Math.max(0, position - (count - WORKED_SHARE.length))];
/** Share of the remaining pledges of a worked plan that are only assigned. */
const ASSIGNED_ONLY_SHARE = 0.08;

const GENERATED_ANALYSTS = 8;
const GENERATED_REVIEWERS = 3;

function pick<T>(rng: () => number, weighted: [T, number][]): T {
  let x = rng() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of weighted) {
    x -= w;
    if (x < 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

type Actor = { id: string; role: string };

/** Synthetic analysts and reviewers who did the generated work (random passwords, never shown). */
async function ensureGeneratedUsers(): Promise<{ analysts: Actor[]; reviewers: Actor[] }> {
  const make = async (role: "analyst" | "reviewer", n: number): Promise<Actor[]> => {
    const actors: Actor[] = [];
    for (let i = 1; i <= n; i++) {
      const num = String(i).padStart(2, "0");
      const email = `${role}-${num}@generated.duixian.test`;
      const existing = await db.user.findUnique({
        where: { email },
        select: { id: true, role: true },
      });
      if (existing) {
        actors.push(existing);
        continue;
      }
      const name = `${role === "analyst" ? "合成分析员" : "合成审核员"} ${num}`;
      const { id } = await createUser(null, {
        email,
        name,
        role,
        password: randomBytes(24).toString("base64url"),
      });
      actors.push({ id, role });
    }
    return actors;
  };
  return {
    analysts: await make("analyst", GENERATED_ANALYSTS),
    reviewers: await make("reviewer", GENERATED_REVIEWERS),
  };
}

const regionName = (n: number) => `合成第${String(n).padStart(3, "0")}区`;

type Planned = {
  regionNo: number;
  position: number;
  file: string;
  year: number;
  meta: Partial<ReportMeta>;
};

/**
 * The synthetic reports of region `regionNo` (1-based), oldest first: which shipped file each copies,
 * under which year and metadata. Pure apart from reading the manifest (exported for its test).
 */
export function regionPlan(
  regionNo: number,
  manifest: Map<string, ManifestEntry> = readManifest(),
): Planned[] {
  const chain = regionNo === 1 ? DECADE : CHAINS[(regionNo - 1) % CHAINS.length];
  return chain.files.map((file, position) => {
    const original = manifest.get(file);
    if (!original) throw new Error(`${file} is missing from seed/reports/manifest.json`);
    const year = chain.years ? chain.years[position] : original.year!;
    // A copy under its own year keeps the original's date and meeting (the decade's first five years too).
    const ownYear = chain.years === null || (chain === DECADE && year === original.year);
    const region = regionName(regionNo);
    return {
      regionNo,
      position,
      file,
      year,
      meta: {
        region,
        level: "district",
        year,
        title: `${year}年${region}政府工作报告（合成，样本 ${path.basename(file, ".txt")}）`,
        // Dates and meetings belong to the original year; a shifted copy does not claim them.
        deliveredOn: ownYear ? (original.deliveredOn ?? null) : null,
        speaker: original.speaker ?? null,
        meeting: ownYear ? (original.meeting ?? null) : null,
        script: original.script,
      },
    };
  });
}

/** The original bytes with one line in front naming the copy: the only difference from the original. */
function syntheticCopy(file: string, planned: Planned, originalTitle: string): Buffer {
  const line = `【性能测试合成数据】地区：${planned.meta.region}；年份：${planned.year}；原文：${originalTitle}\n`;
  return Buffer.concat([Buffer.from(line, "utf8"), readFileSync(path.join(REPORTS_DIR, file))]);
}

type WorkStats = {
  worked: number;
  linked: number;
  submitted: number;
  approved: number;
  returned: number;
  assignedOnly: number;
};

/**
 * Works through a share of a plan's pledges as analysts and reviewers would, with the same
 * mutations (and audit events) as the app. Suggestions come from the pure evidence library on the
 * stored texts, so linked spans are exactly what the linking page would have offered.
 */
async function workOnPlan(
  planId: string,
  reviewId: string,
  share: number,
  seed: number,
  people: { analysts: Actor[]; reviewers: Actor[] },
): Promise<WorkStats> {
  const stats: WorkStats = {
    worked: 0,
    linked: 0,
    submitted: 0,
    approved: 0,
    returned: 0,
    assignedOnly: 0,
  };
  const [plan, review] = await Promise.all([
    db.report.findUniqueOrThrow({
      where: { id: planId },
      select: {
        sourceText: true,
        pledges: {
          select: { id: true, start: true, end: true, version: true, status: true },
          orderBy: { position: "asc" },
        },
      },
    }),
    db.report.findUniqueOrThrow({
      where: { id: reviewId },
      select: { sourceText: true, year: true },
    }),
  ]);
  const rng = mulberry32(seed); // the same run makes the same database
  const top = new Map<string, Suggestion>();
  for (const p of suggestForPair(plan.sourceText, review.sourceText, { top: 1 }).pledges) {
    if (p.suggestions[0]) top.set(`${p.pledge.start}:${p.pledge.end}`, p.suggestions[0]);
  }
  const analyst = people.analysts[seed % people.analysts.length];
  for (const pledge of plan.pledges) {
    if (pledge.status !== "not_assessed") continue; // worked already (a resumed run)
    const worked = rng() < share;
    if (!worked) {
      if (share > 0 && rng() < ASSIGNED_ONLY_SHARE) {
        await assignPledge(analyst, {
          pledgeId: pledge.id,
          version: pledge.version,
          assigneeId: analyst.id,
        });
        stats.assignedOnly++;
      }
      continue;
    }
    stats.worked++;
    let version = pledge.version;
    if (rng() < 0.5)
      version = (
        await assignPledge(analyst, { pledgeId: pledge.id, version, assigneeId: analyst.id })
      ).version;
    const suggestion = top.get(`${pledge.start}:${pledge.end}`);
    const linked = suggestion !== undefined && suggestion.level !== "weak" && rng() < 0.85;
    let status: AssessmentStatus;
    let rationale: string;
    if (linked) {
      await linkReviewEvidence(analyst.id, {
        pledgeId: pledge.id,
        start: suggestion.start,
        end: suggestion.end,
        score: suggestion.score,
      });
      stats.linked++;
      status = pick<AssessmentStatus>(rng, [
        ["fulfilled", 60],
        ["partial", 25],
        ["unfulfilled", 5],
        ["in_progress", 10],
      ]);
      const quote =
        suggestion.text.length > 60 ? `${suggestion.text.slice(0, 60)}……` : suggestion.text;
      rationale = `${review.year ?? "次"}年报告：“${quote}”`;
    } else {
      status = pick<AssessmentStatus>(rng, [
        ["not_verifiable", 40],
        ["unfulfilled", 30],
        ["in_progress", 30],
      ]);
      rationale =
        status === "in_progress"
          ? "次年报告提及相关工作，尚待核实进展。"
          : "次年报告的工作回顾中未见相关表述。";
    }
    version = (
      await saveAssessment(analyst, {
        pledgeId: pledge.id,
        version,
        status,
        rationale,
        reportedValue: null,
      })
    ).version;
    if (status === "in_progress" || rng() >= 0.8) continue;
    version = (await submitAssessment(analyst, { pledgeId: pledge.id, version })).version;
    stats.submitted++;
    const reviewer = people.reviewers[Math.floor(rng() * people.reviewers.length)];
    const outcome = rng();
    if (outcome < 0.65) {
      await approveAssessment(reviewer, { pledgeId: pledge.id, version });
      stats.approved++;
    } else if (outcome < 0.75) {
      await returnAssessment(reviewer, {
        pledgeId: pledge.id,
        version,
        comment: "请补充次年报告中的具体数据后再提交。",
      });
      stats.returned++;
    } // otherwise it waits in the review queue
  }
  return stats;
}

/** Fills the configured database up to the totals; see the module comment. */
export async function generateLargeDatabase(options: GenerateOptions): Promise<GenerateSummary> {
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

  if (options.withSeed ?? true) {
    const seeded = await seedDatabase();
    log(
      `seed: ${seeded.usersCreated} users and ${seeded.reportsCreated} reports created (${seeded.reportsSkipped} already present)`,
    );
  }
  let people: Awaited<ReturnType<typeof ensureGeneratedUsers>> | null = null;
  const manifest = readManifest();

  let { reports, pledges } = await countDatabase();
  let created = 0;
  let skipped = 0;
  const work: WorkStats = {
    worked: 0,
    linked: 0,
    submitted: 0,
    approved: 0,
    returned: 0,
    assignedOnly: 0,
  };
  const done = () => reports >= options.reports && pledges >= options.pledges;

  for (let regionNo = 1; !done(); regionNo++) {
    if (regionNo > GENERATE_LIMITS.reports)
      throw new Error("generate: report limit reached before the totals");
    const ids: (string | null)[] = [];
    for (const planned of regionPlan(regionNo, manifest)) {
      if (done()) break;
      try {
        const res = await importReport(
          null,
          syntheticCopy(planned.file, planned, manifest.get(planned.file)!.title),
          path.basename(planned.file),
          planned.meta,
          {},
          { newRegion: true },
        );
        ids.push(res.id);
        created++;
        reports++;
        pledges += res.pledges;
      } catch (e) {
        if (!(e instanceof AppError && e.code === "DUPLICATE")) throw e;
        ids.push(null); // generated by an earlier run: its work was done then
        skipped++;
      }
    }
    // Each plan is worked once its review (the next year) is in.
    for (let position = 0; position + 1 < ids.length; position++) {
      const planId = ids[position];
      if (!planId) continue;
      const reviewId = ids[position + 1] ?? (await getPairing(db, planId))?.review?.id ?? null;
      if (!reviewId) continue;
      people ??= await ensureGeneratedUsers();
      const s = await workOnPlan(
        planId,
        reviewId,
        workedShare(position, regionPlan(regionNo, manifest).length),
        regionNo * 10 + position,
        people,
      );
      for (const k of Object.keys(work) as (keyof WorkStats)[]) work[k] += s[k];
    }
    log(
      `region ${regionNo} (${regionName(regionNo)}): ${ids.filter(Boolean).length} reports imported · totals ${reports} reports, ${pledges.toLocaleString("en")} pledges · ` +
        `worked ${work.worked.toLocaleString("en")} (${work.linked.toLocaleString("en")} linked, ${work.submitted.toLocaleString("en")} submitted) · ${elapsed()}`,
    );
  }

  // What a server's background worker would do: the lineage of every report (lib/lineage).
  const lineage = await refreshStaleLineage();
  log(`lineage of ${lineage} reports computed · ${elapsed()}`);

  const [evidence, assessed, submitted, approved, returned, assigned] = await Promise.all([
    db.evidence.count(),
    db.pledge.count({ where: { status: { not: "not_assessed" } } }),
    db.pledge.count({ where: { reviewState: "submitted" } }),
    db.pledge.count({ where: { reviewState: "approved" } }),
    db.pledge.count({ where: { reviewState: "returned" } }),
    db.pledge.count({ where: { assigneeId: { not: null } } }),
  ]);
  return {
    reportsCreated: created,
    reportsSkipped: skipped,
    totals: { reports, pledges, evidence, assessed, submitted, approved, returned, assigned },
    elapsedMs: performance.now() - t0,
  };
}
