/**
 * `npm run bench:large [-- --url http://127.0.0.1:PORT] [--runs N]`: query times on a large
 * database (see `npm run cli -- generate`), median and p95 over many runs after warm-up.
 *
 * 1. In process, on DATABASE_URL: the report page's data path for the report with the most
 *    pledges — the same functions the page calls (report, pledges, users, pairing candidates, then
 *    the in-memory filter and search) — without a filter, with a search and with status filters.
 * 2. Over HTTP, when --url is given (127.0.0.1 only; the server must serve the same database):
 *    the same views as whole pages, signed in as the demo analyst (DUIXIAN_BENCH_EMAIL and
 *    DUIXIAN_BENCH_PASSWORD to sign in as someone else); with --server-pid, also the server's CPU
 *    time per request, which a busy shared machine distorts less than wall time.
 *
 * 3. The region page of the region with the most years of reports (ten in a generated database):
 *    its data (region, reports by year, the multi-year record: recurring pledges and the indicator
 *    series its charts draw), in process and, with --url, the whole page.
 *
 * Bars: p95 under 200 ms for the pledge list and search, under 300 ms for the region page and its
 * record (issue 18) — rows with a bar; others are shown for information. Exit code 1 when a bar is missed, 2 on bad usage. Add a measurement by adding an
 * entry to `inProcessBenchmarks` or `httpBenchmarks`.
 */
import { can } from "@/lib/auth/permissions";
import { parsePledgeFilters } from "@/lib/pledges/filters";
import { reportPledgeView } from "@/lib/pledges/report-view";
import { listReportPledges } from "@/lib/pledges/data";
import { searchPledges } from "@/lib/pledges/search";
import { getReportDetail, listReports } from "@/lib/reports/data";
import { listPairingCandidates } from "@/lib/pairing/data";
import { listAssignableUsers } from "@/lib/users/data";
import { getRegionDetail } from "@/lib/regions/data";
import { findRegionWithMostYears, getRegionRecord } from "@/lib/lineage/data";
import { assertLocalTarget, HttpSession, pledgeIdsInReportPage, signIn } from "./load/http-session";
import { formatTable, processTreeCpuMs, summarize, type LatencySummary } from "./load/latency";

type Bench = { name: string; barMs?: number; run: () => Promise<unknown> };

const BAR_MS = 200;
/** Issue 18: the region page and its chart, for a region with ten years of reports. */
const REGION_BAR_MS = 300;

/** What RegionPage loads (app/(app)/regions/[id]/page.tsx) for a viewer: the region and its record. */
async function regionPageData(regionId: string): Promise<number> {
  const [region, record] = await Promise.all([
    getRegionDetail(regionId),
    getRegionRecord(regionId),
  ]);
  if (!region || !record) throw new Error(`no region ${regionId}`);
  return record.series.length + record.recurring.length;
}

/** What ReportPage computes before rendering (app/(app)/reports/[id]/page.tsx), for a user of `role`. */
async function reportPageData(
  reportId: string,
  params: Record<string, string>,
  user: { id: string; role: string },
): Promise<number> {
  const { filters } = parsePledgeFilters(params);
  const report = await getReportDetail(reportId);
  if (!report) throw new Error(`no report ${reportId}`);
  const [pledges] = await Promise.all([listReportPledges(report.id), listAssignableUsers()]);
  const { visibleIds } = reportPledgeView({
    sections: report.sections,
    pledges,
    filters,
    userId: user.id,
  });
  if (can(user.role, "pairing:edit")) await listPairingCandidates(report.id);
  return visibleIds.length;
}

/** The in-process measurements; `reportId` is the report with the most pledges, `regionId` the region with the most years. */
function inProcessBenchmarks(reportId: string, regionId: string | null): Bench[] {
  const analyst = { id: "bench", role: "analyst" };
  const view = (name: string, params: Record<string, string>): Bench => ({
    name: `report page data, ${name}`,
    barMs: BAR_MS,
    run: () => reportPageData(reportId, params, analyst),
  });
  return [
    {
      name: "listReportPledges (query only)",
      barMs: BAR_MS,
      run: () => listReportPledges(reportId),
    },
    view("no filter", {}),
    view("q=就业", { q: "就业" }),
    view("q=老旧小区改造", { q: "老旧小区改造" }),
    view("status=fulfilled", { status: "fulfilled" }),
    view("status=not_assessed&kind=project", { status: "not_assessed", kind: "project" }),
    view("review=submitted", { review: "submitted" }),
    {
      name: "report page data, reviewer (+ pairing candidates)",
      barMs: BAR_MS,
      run: () => reportPageData(reportId, {}, { id: "bench", role: "reviewer" }),
    },
    { name: "listReports (report list)", run: () => listReports() },
    // The cross-report search over all pledges: a scan below three characters, the trigram index above.
    {
      name: "searchPledges q=就业 (all reports)",
      barMs: BAR_MS,
      run: () => searchPledges({ q: "就业", take: 100 }),
    },
    {
      name: "searchPledges q=老旧小区改造 (all reports)",
      barMs: BAR_MS,
      run: () => searchPledges({ q: "老旧小区改造", take: 100 }),
    },
    {
      name: "searchPledges q=旅遊 (traditional, all reports)",
      barMs: BAR_MS,
      run: () => searchPledges({ q: "旅遊", take: 100 }),
    },
    ...(regionId
      ? [
          {
            name: "getRegionRecord (recurring pledges + indicator series)",
            barMs: REGION_BAR_MS,
            run: () => getRegionRecord(regionId),
          },
          {
            name: "region page data (region + record)",
            barMs: REGION_BAR_MS,
            run: () => regionPageData(regionId),
          },
        ]
      : []),
  ];
}

/** The HTTP measurements (whole pages, signed in). */
function httpBenchmarks(
  session: HttpSession,
  reportId: string,
  pledgeId: string | null,
  regionId: string | null,
): Bench[] {
  const get = (name: string, path: string, barMs?: number): Bench => ({
    name,
    barMs,
    run: async () => {
      const res = await session.request(path, { headers: { Accept: "text/html" } });
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    },
  });
  const report = `/reports/${reportId}`;
  return [
    get("GET /reports/[id]", report, BAR_MS),
    get("GET /reports/[id]?q=就业", `${report}?q=${encodeURIComponent("就业")}`, BAR_MS),
    get(
      "GET /reports/[id]?q=老旧小区改造",
      `${report}?q=${encodeURIComponent("老旧小区改造")}`,
      BAR_MS,
    ),
    get("GET /reports/[id]?status=fulfilled", `${report}?status=fulfilled`, BAR_MS),
    get("GET /reports/[id]?review=submitted", `${report}?review=submitted`, BAR_MS),
    ...(pledgeId
      ? [get("GET /reports/[id]/pledges/[pid] (suggestions)", `${report}/pledges/${pledgeId}`)]
      : []),
    get("GET /reports (report list)", "/reports"),
    get("GET / (dashboard)", "/"),
    get("GET /review (queue)", "/review"),
    get("GET /search?q=就业", `/search?q=${encodeURIComponent("就业")}`, BAR_MS),
    get("GET /search?q=老旧小区改造", `/search?q=${encodeURIComponent("老旧小区改造")}`, BAR_MS),
    ...(regionId
      ? [
          get(
            "GET /regions/[id] (ten years: record, charts)",
            `/regions/${regionId}`,
            REGION_BAR_MS,
          ),
        ]
      : []),
  ];
}

type Row = LatencySummary & { name: string; barMs?: number; cpuMs?: number };

/** Times each benchmark; with `cpuOf`, also the CPU time that process spent per run (the server's, for HTTP). */
async function measure(
  benches: Bench[],
  runs: number,
  warmup: number,
  cpuOf?: () => number | null,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const b of benches) {
    for (let i = 0; i < warmup; i++) await b.run();
    const times: number[] = [];
    const cpu0 = cpuOf?.() ?? null;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await b.run();
      times.push(performance.now() - t0);
    }
    const cpu1 = cpuOf?.() ?? null;
    rows.push({
      name: b.name,
      barMs: b.barMs,
      ...summarize(times),
      ...(cpu0 !== null && cpu1 !== null ? { cpuMs: (cpu1 - cpu0) / runs } : {}),
    });
  }
  return rows;
}

function print(title: string, rows: Row[]): boolean {
  const named = rows.map((r) => ({
    ...r,
    name: `${r.name}${r.barMs ? (r.p95 < r.barMs ? "  [ok]" : "  [MISSED]") : ""}`,
  }));
  process.stdout.write(
    `\n${title}\n${formatTable(named, undefined, { name: "benchmark", count: "runs" })}\n`,
  );
  const cpu = rows.filter((r) => r.cpuMs !== undefined);
  if (cpu.length)
    process.stdout.write(
      `server CPU per request: ${cpu.map((r) => `${r.name} ${r.cpuMs!.toFixed(0)} ms`).join("; ")}\n`,
    );
  return rows.every((r) => !r.barMs || r.p95 < r.barMs);
}

function parseArgs(argv: string[]): { url: URL | null; runs: number; serverPid: number | null } {
  let url: URL | null = null;
  let runs = 30;
  let serverPid: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split("=", 2);
    const value = inline ?? argv[++i];
    if (name === "--url" && value) url = assertLocalTarget(value);
    else if (
      name === "--runs" &&
      value &&
      Number.isInteger(Number(value)) &&
      Number(value) >= 1 &&
      Number(value) <= 1000
    )
      runs = Number(value);
    else if (
      name === "--server-pid" &&
      value &&
      Number.isInteger(Number(value)) &&
      Number(value) > 0
    )
      serverPid = Number(value);
    else
      throw new Error(
        `usage: npm run bench:large [-- --url http://127.0.0.1:PORT [--server-pid PID]] [--runs 1..1000]`,
      );
  }
  return { url, runs, serverPid };
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const reports = await listReports();
  const pledgeTotal = reports.reduce((s, r) => s + r.pledgeCount, 0);
  const biggest = reports.reduce((a, b) => (b.pledgeCount > a.pledgeCount ? b : a), reports[0]);
  if (!biggest) {
    process.stderr.write(
      "error: the database has no reports (DATABASE_URL); run `npm run cli -- generate` first\n",
    );
    return 2;
  }
  const region = await findRegionWithMostYears();
  process.stdout.write(
    `database: ${reports.length} reports, ${pledgeTotal.toLocaleString("en")} pledges; biggest report: ${biggest.title} (${biggest.pledgeCount} pledges, ${biggest.id})\n`,
  );
  if (region)
    process.stdout.write(
      `region with the most years: ${region.regionId} (${region.years} years of reports)\n`,
    );
  let ok = print(
    `in process, ${args.runs} runs each (ms)`,
    await measure(inProcessBenchmarks(biggest.id, region?.regionId ?? null), args.runs, 3),
  );

  if (args.url) {
    const session = new HttpSession(args.url);
    await signIn(
      session,
      process.env.DUIXIAN_BENCH_EMAIL ?? "analyst@duixian.test",
      process.env.DUIXIAN_BENCH_PASSWORD ?? "duixian-analyst",
    );
    const page = await session.request(`/reports/${biggest.id}`);
    if (page.status !== 200)
      throw new Error(
        `the server at ${args.url.origin} does not serve report ${biggest.id} (HTTP ${page.status}): is it serving this database?`,
      );
    const pledgeId = pledgeIdsInReportPage(page.text)[0] ?? null;
    const runs = Math.max(1, Math.round(args.runs * 0.67));
    const cpuOf = args.serverPid ? () => processTreeCpuMs(args.serverPid!) : undefined;
    ok =
      print(
        `over HTTP at ${args.url.origin}, signed in, ${runs} runs each, one at a time (ms)`,
        await measure(
          httpBenchmarks(session, biggest.id, pledgeId, region?.regionId ?? null),
          runs,
          2,
          cpuOf,
        ),
      ) && ok;
  }
  process.stdout.write(
    `\nbars: p95 < ${BAR_MS} ms (pledge list, search), < ${REGION_BAR_MS} ms (region page and record) for the rows marked [ok]/[MISSED]: ${ok ? "all met" : "MISSED"}\n`,
  );
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
