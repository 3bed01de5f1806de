/**
 * `npm run load -- --url http://127.0.0.1:PORT`: a load test of a running Duixian server with
 * signed-in users doing what people do all day — report pages with and without filters and search,
 * the evidence page of a pledge (its suggestions are computed while it renders), the review queue,
 * and status changes through the assessment server actions (save, submit; a reviewer approves or
 * returns). Bounded in time (--duration) and in requests (--max-requests); 127.0.0.1 only.
 *
 * Setup (not measured): signs in as an admin, creates one throwaway account per virtual user
 * (analysts, and a fifth reviewers) through the user-management action, signs each in, and reads
 * the report list and a sample of report pages to find pledges. Each analyst writes only its own
 * share of those pledges and leaves submitted ones to the reviewers; each reviewer takes its own
 * share of the queue — so no two users ever race for one pledge and every write should succeed.
 * Teardown disables the throwaway accounts again (they stay in the audit trail).
 *
 * The writes change the database: point it at a copy. The server must be built from this checkout
 * (server action ids are read from .next).
 *
 * Exit code 0 when the bars are met (p95 of all requests < --p95 ms, zero errors), 1 when not,
 * 2 on bad usage.
 */
import { mulberry32 } from "@/lib/seeded-random";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import {
  assertLocalTarget,
  callAction,
  callFormAction,
  flightData,
  HttpSession,
  pledgeIdsInReportPage,
  pledgeLinksIn,
  reportIdsIn,
  serverActionIds,
  signIn,
  type HttpResult,
} from "./http-session";
import { formatTable, LatencyRecorder, processTreeCpuMs } from "./latency";
import { ASSESSMENT_STATUSES } from "@/lib/vocabulary";

export class LoadUsageError extends Error {}

export type LoadOptions = {
  url: URL;
  users: number;
  durationS: number;
  maxRequests: number;
  thinkMs: number;
  reports: number;
  p95BarMs: number;
  nextDir: string;
  seed: number;
  /** The server's process id (optional): its CPU time per request is reported, which a shared machine does not distort. */
  serverPid: number;
};

export const LOAD_LIMITS = {
  users: 200,
  durationS: 600,
  maxRequests: 1_000_000,
  thinkMs: 60_000,
  reports: 500,
} as const;

const NUMBER_OPTIONS = {
  users: ["users", 50, 1, LOAD_LIMITS.users],
  duration: ["durationS", 60, 1, LOAD_LIMITS.durationS],
  "max-requests": ["maxRequests", 100_000, 1, LOAD_LIMITS.maxRequests],
  "think-ms": ["thinkMs", 0, 0, LOAD_LIMITS.thinkMs],
  reports: ["reports", 20, 1, LOAD_LIMITS.reports],
  p95: ["p95BarMs", 500, 1, 60_000],
  seed: ["seed", 1, 0, 2 ** 31],
  "server-pid": ["serverPid", 0, 0, 2 ** 22],
} as const;

export const LOAD_USAGE =
  "usage: npm run load -- --url http://127.0.0.1:PORT [--users 50] [--duration 60] [--max-requests 100000] [--think-ms 0] [--reports 20] [--p95 500] [--seed 1] [--next-dir .next] [--server-pid PID]";

/** Reads the command line; throws LoadUsageError on anything unknown or out of bounds. */
export function parseLoadArgs(argv: string[], cwd = process.cwd()): LoadOptions {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new LoadUsageError(`unexpected argument: ${a}`);
    const [name, inline] = a.slice(2).split("=", 2);
    if (!(name in NUMBER_OPTIONS) && name !== "url" && name !== "next-dir")
      throw new LoadUsageError(`unknown option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new LoadUsageError(`--${name} needs a value`);
    values[name] = value;
  }
  if (!values.url)
    throw new LoadUsageError("--url is required (the server's origin, e.g. http://127.0.0.1:3000)");
  let url: URL;
  try {
    url = assertLocalTarget(values.url);
  } catch (e) {
    throw new LoadUsageError((e as Error).message);
  }
  const options: Record<string, number> = {};
  for (const [flag, [key, fallback, min, max]] of Object.entries(NUMBER_OPTIONS)) {
    const v = values[flag] === undefined ? fallback : Number(values[flag]);
    if (!Number.isInteger(v) || v < min || v > max)
      throw new LoadUsageError(
        `--${flag} must be a whole number from ${min} to ${max}, not ${values[flag]}`,
      );
    options[key] = v;
  }
  return {
    url,
    users: options.users,
    durationS: options.durationS,
    maxRequests: options.maxRequests,
    thinkMs: options.thinkMs,
    reports: options.reports,
    p95BarMs: options.p95BarMs,
    seed: options.seed,
    serverPid: options.serverPid,
    nextDir: path.resolve(cwd, values["next-dir"] ?? ".next"),
  };
}

/** Each virtual user draws from its own reproducible stream. */
export const prng = mulberry32;

/** FNV-1a of a string: which reviewer owns a queued pledge. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export type Role = "analyst" | "reviewer";

/** Picks by weight with a random number in [0, 1). */
export function pickWeighted<T extends { weight: Record<Role, number> }>(
  items: readonly T[],
  role: Role,
  r: number,
): T {
  const total = items.reduce((s, it) => s + it.weight[role], 0);
  let x = r * total;
  for (const it of items) {
    x -= it.weight[role];
    if (x < 0) return it;
  }
  return items.filter((it) => it.weight[role] > 0).at(-1)!;
}

/** The assessment shown on a pledge page, read from the page's RSC payload. */
export function assessmentIn(
  flight: string,
  pledgeId: string,
): { status: string; reviewState: string; version: number } | null {
  const re = new RegExp(
    `"pledgeId":"${pledgeId.replace(/[^A-Za-z0-9_-]/g, "")}","reportId":"[^"]+","status":"(\\w+)",[\\s\\S]*?"reviewState":"(\\w+)","version":(\\d+)`,
  );
  const m = re.exec(flight);
  return m ? { status: m[1], reviewState: m[2], version: Number(m[3]) } : null;
}

/** Words people look for across reports (two characters: a scan; longer: the trigram index). */
const SEARCH_QUERIES = ["就业", "老旧小区改造", "旅遊", "棚户区", "生态环境"] as const;

/** Filter and search views of a report page people bookmark (the URL carries the filters). */
export const REPORT_FILTERS = [
  "q=就业",
  "q=老旧小区改造",
  "q=污水",
  "status=fulfilled",
  "status=not_assessed&kind=project",
  "review=submitted",
  "kind=quantitative",
  "evidence=yes",
  "assignee=me",
] as const;

const ACTIONS = [
  { file: "lib/assessments/actions.ts", exportName: "saveAssessmentAction" },
  { file: "lib/assessments/actions.ts", exportName: "submitAssessmentAction" },
  { file: "lib/assessments/actions.ts", exportName: "approveAssessmentAction" },
  { file: "lib/assessments/actions.ts", exportName: "returnAssessmentAction" },
  { file: "lib/users/actions.ts", exportName: "createUserAction" },
  { file: "lib/users/actions.ts", exportName: "updateUserAction" },
];

type PledgeRef = { reportId: string; pledgeId: string };

type Vu = {
  index: number;
  role: Role;
  /** Among users of the same role. */
  roleIndex: number;
  email: string;
  userId: string;
  session: HttpSession;
  rng: () => number;
  /** Analysts: the pledges only this user writes. */
  own: PledgeRef[];
  cursor: number;
  /** Reviewers: queued pledges already dealt with (or found no longer submitted). */
  handled: Set<string>;
  writes: number;
};

type Ctx = {
  recorder: LatencyRecorder;
  deadline: number;
  maxRequests: number;
  issued: number;
  thinkMs: number;
  reports: string[];
  pledges: PledgeRef[];
  reviewers: number;
  actions: Record<string, string>;
};

const stopped = (ctx: Ctx) => ctx.issued >= ctx.maxRequests || performance.now() >= ctx.deadline;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Measured = HttpResult & { outcome?: { ok: boolean; code?: string; data?: unknown } | null };

/**
 * One measured request; null once the run is over (nothing sent) or when it failed. Any status but
 * 200 is an error, so is an action whose result is not ok, and whatever `check` finds wrong.
 */
async function measured(
  vu: Vu,
  ctx: Ctx,
  endpoint: string,
  send: () => Promise<Measured>,
  check?: (res: Measured) => string | undefined,
): Promise<Measured | null> {
  if (stopped(ctx)) return null;
  ctx.issued++;
  if (ctx.thinkMs) await sleep(vu.rng() * 2 * ctx.thinkMs);
  const t0 = performance.now();
  try {
    const res = await send();
    let error: string | undefined;
    if (res.status !== 200) error = `HTTP ${res.status}${res.location ? ` → ${res.location}` : ""}`;
    else if (res.outcome === null) error = "no action result in the response";
    else if (res.outcome && !res.outcome.ok) error = `action failed: ${res.outcome.code}`;
    else error = check?.(res);
    ctx.recorder.record(endpoint, res.ms, error);
    return error ? null : res;
  } catch (e) {
    ctx.recorder.record(endpoint, performance.now() - t0, (e as Error).message);
    return null;
  }
}

const page = (
  vu: Vu,
  ctx: Ctx,
  endpoint: string,
  p: string,
  check?: (res: Measured) => string | undefined,
) =>
  measured(
    vu,
    ctx,
    endpoint,
    () => vu.session.request(p, { headers: { Accept: "text/html" } }),
    check,
  );
const action = (
  vu: Vu,
  ctx: Ctx,
  endpoint: string,
  pagePath: string,
  name: string,
  args: unknown[],
) => measured(vu, ctx, endpoint, () => callAction(vu.session, pagePath, ctx.actions[name], args));

const pledgePath = (ref: PledgeRef) => `/reports/${ref.reportId}/pledges/${ref.pledgeId}`;
const any = <T>(vu: Vu, list: readonly T[]): T => list[Math.floor(vu.rng() * list.length)];

/** Opens a pledge's evidence page (suggestions, assessment) and reads its assessment. */
async function openPledge(vu: Vu, ctx: Ctx, ref: PledgeRef) {
  let assessment: ReturnType<typeof assessmentIn> = null;
  await page(vu, ctx, "GET /reports/[id]/pledges/[pid]", pledgePath(ref), (res) => {
    assessment = assessmentIn(flightData(res.text), ref.pledgeId);
    return assessment ? undefined : "no assessment of the pledge in the page";
  });
  return assessment as ReturnType<typeof assessmentIn>;
}

/** The verdicts a load run saves: every status but not_assessed. */
const STATUSES = ASSESSMENT_STATUSES.filter((s) => s !== "not_assessed");

/** An analyst assesses one of its own pledges: open it, save a verdict, usually submit it. */
async function assessFlow(vu: Vu, ctx: Ctx): Promise<void> {
  if (!vu.own.length) return;
  const ref = vu.own[vu.cursor++ % vu.own.length];
  const current = await openPledge(vu, ctx, ref);
  if (!current || current.reviewState === "submitted") return; // the reviewers' turn
  const status = any(vu, STATUSES);
  vu.writes++;
  const save = await action(
    vu,
    ctx,
    "POST saveAssessmentAction",
    pledgePath(ref),
    "saveAssessmentAction",
    [
      {
        pledgeId: ref.pledgeId,
        version: current.version,
        status,
        rationale: `负载测试：${vu.email} 第 ${vu.writes} 次评估`,
        reportedValue: null,
      },
    ],
  );
  const saved = save?.outcome?.data as { version?: number } | undefined;
  if (!saved?.version || status === "in_progress" || vu.rng() >= 0.7) return;
  await action(vu, ctx, "POST submitAssessmentAction", pledgePath(ref), "submitAssessmentAction", [
    { pledgeId: ref.pledgeId, version: saved.version },
  ]);
}

/** A reviewer takes a submission of its share of the queue: open it, approve it (or return it). */
async function reviewFlow(vu: Vu, ctx: Ctx): Promise<void> {
  const queue = await page(vu, ctx, "GET /review", "/review");
  if (!queue) return;
  const mine = pledgeLinksIn(queue.text).filter(
    (r) => hashString(r.pledgeId) % ctx.reviewers === vu.roleIndex && !vu.handled.has(r.pledgeId),
  );
  if (!mine.length) return;
  const ref = mine[Math.floor(vu.rng() * Math.min(5, mine.length))];
  const current = await openPledge(vu, ctx, ref);
  vu.handled.add(ref.pledgeId);
  if (!current || current.reviewState !== "submitted") return;
  if (vu.rng() < 0.85)
    await action(
      vu,
      ctx,
      "POST approveAssessmentAction",
      pledgePath(ref),
      "approveAssessmentAction",
      [{ pledgeId: ref.pledgeId, version: current.version }],
    );
  else
    await action(
      vu,
      ctx,
      "POST returnAssessmentAction",
      pledgePath(ref),
      "returnAssessmentAction",
      [
        {
          pledgeId: ref.pledgeId,
          version: current.version,
          comment: "负载测试：请补充次年报告中的数据。",
        },
      ],
    );
}

type Scenario = {
  name: string;
  weight: Record<Role, number>;
  run: (vu: Vu, ctx: Ctx) => Promise<unknown>;
};

/** The traffic mix, by role. Add a page by adding an entry. */
export const SCENARIOS: Scenario[] = [
  {
    name: "dashboard",
    weight: { analyst: 5, reviewer: 5 },
    run: (vu, ctx) => page(vu, ctx, "GET /", "/"),
  },
  {
    name: "report list",
    weight: { analyst: 5, reviewer: 5 },
    run: (vu, ctx) => page(vu, ctx, "GET /reports", "/reports"),
  },
  {
    name: "report page",
    weight: { analyst: 20, reviewer: 15 },
    run: (vu, ctx) => page(vu, ctx, "GET /reports/[id]", `/reports/${any(vu, ctx.reports)}`),
  },
  {
    name: "filtered report page",
    weight: { analyst: 25, reviewer: 15 },
    run: (vu, ctx) =>
      page(
        vu,
        ctx,
        "GET /reports/[id]?filter",
        `/reports/${any(vu, ctx.reports)}?${encodeURI(any(vu, REPORT_FILTERS))}`,
      ),
  },
  {
    name: "search",
    weight: { analyst: 10, reviewer: 5 },
    run: (vu, ctx) =>
      page(vu, ctx, "GET /search?q=", `/search?q=${encodeURIComponent(any(vu, SEARCH_QUERIES))}`),
  },
  {
    name: "pledge evidence page",
    weight: { analyst: 25, reviewer: 20 },
    run: (vu, ctx) =>
      ctx.pledges.length ? openPledge(vu, ctx, any(vu, ctx.pledges)) : Promise.resolve(),
  },
  { name: "assess", weight: { analyst: 20, reviewer: 0 }, run: assessFlow },
  { name: "review", weight: { analyst: 0, reviewer: 40 }, run: reviewFlow },
];

const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** Fisher–Yates, in place. */
function shuffle<T>(list: T[], rng: () => number): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
}

/** Evenly spread picks of `n` from a list (all of it when shorter). */
function spread<T>(list: readonly T[], n: number): T[] {
  if (list.length <= n) return [...list];
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);
}

export type LoadResult = ReturnType<LatencyRecorder["summary"]> & {
  seconds: number;
  passed: boolean;
  errorSamples: string[];
};

/** The whole run: setup, load, teardown, report. */
export async function runLoad(
  o: LoadOptions,
  log: (line: string) => void = console.log,
): Promise<LoadResult> {
  const actions = serverActionIds(o.nextDir, ACTIONS);
  const adminEmail = process.env.DUIXIAN_LOAD_ADMIN_EMAIL ?? "admin@duixian.test";
  const adminPassword = process.env.DUIXIAN_LOAD_ADMIN_PASSWORD ?? "duixian-admin";
  const admin = new HttpSession(o.url);
  await signIn(admin, adminEmail, adminPassword);

  const runId = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const reviewers = Math.max(1, Math.round(o.users / 5));
  const setupStart = performance.now();
  log(
    `setup: creating ${o.users} throwaway accounts (${o.users - reviewers} analysts, ${reviewers} reviewers) and signing them in`,
  );
  const accounts = Array.from({ length: o.users }, (_, i) => {
    const role: Role = i < reviewers ? "reviewer" : "analyst";
    return {
      role,
      roleIndex: role === "reviewer" ? i : i - reviewers,
      email: `load-${runId}-${String(i + 1).padStart(3, "0")}@load.duixian.test`,
      password: randomBytes(18).toString("base64url"),
    };
  });
  // Password hashing is slow on purpose (bcrypt): two at a time keeps the server's two cores busy.
  const vus: Vu[] = await pool(accounts, 2, async (a, i) => {
    const created = await callFormAction(admin, "/admin/users", actions.createUserAction, {
      email: a.email,
      name: `负载测试 ${a.role} ${i + 1}`,
      role: a.role,
      password: a.password,
    });
    if (!created.outcome?.ok)
      throw new Error(
        `could not create ${a.email}: ${created.outcome ? created.outcome.code : `HTTP ${created.status}`}`,
      );
    const session = new HttpSession(o.url);
    await signIn(session, a.email, a.password);
    return {
      index: i,
      role: a.role,
      roleIndex: a.roleIndex,
      email: a.email,
      userId: (created.outcome.data as { id: string }).id,
      session,
      rng: prng(o.seed * 1000 + i),
      own: [],
      cursor: 0,
      handled: new Set(),
      writes: 0,
    };
  });

  try {
    const list = await vus[0].session.request("/reports");
    const reports = spread(reportIdsIn(list.text), o.reports);
    if (!reports.length)
      throw new Error("the server lists no reports: load a database first (seed or generate)");
    const pledges = (
      await pool(reports, 2, async (reportId) =>
        pledgeIdsInReportPage((await vus[0].session.request(`/reports/${reportId}`)).text).map(
          (pledgeId) => ({ reportId, pledgeId }),
        ),
      )
    ).flat();
    // Without pledges the mix loses its evidence pages and every write: refuse rather than measure less.
    if (!pledges.length)
      throw new Error(
        `found no pledges on the pages of ${reports.length} reports: does pledgeIdsInReportPage still match the report page?`,
      );
    const analysts = vus.filter((v) => v.role === "analyst");
    pledges.forEach((ref, j) => analysts.length && analysts[j % analysts.length].own.push(ref));
    for (const v of analysts) shuffle(v.own, v.rng);
    log(
      `setup: ${reports.length} reports, ${pledges.length} pledges in the pool (${((performance.now() - setupStart) / 1000).toFixed(1)} s)`,
    );

    const ctx: Ctx = {
      recorder: new LatencyRecorder(),
      deadline: 0,
      maxRequests: o.maxRequests,
      issued: 0,
      thinkMs: o.thinkMs,
      reports,
      pledges,
      reviewers,
      actions,
    };
    log(
      `load: ${o.users} users for up to ${o.durationS} s or ${o.maxRequests} requests against ${o.url.origin}${o.thinkMs ? `, think time ≈ ${o.thinkMs} ms` : ", no think time"}`,
    );
    const loadBefore = loadavg();
    const cpu0 = o.serverPid ? processTreeCpuMs(o.serverPid) : null;
    const ownCpu0 = process.cpuUsage();
    const t0 = performance.now();
    ctx.deadline = t0 + o.durationS * 1000;
    const progress = setInterval(
      () =>
        log(`  ${((performance.now() - t0) / 1000).toFixed(0)} s: ${ctx.recorder.total} requests`),
      10_000,
    );
    await Promise.all(
      vus.map(async (vu) => {
        while (!stopped(ctx)) await pickWeighted(SCENARIOS, vu.role, vu.rng()).run(vu, ctx);
      }),
    );
    clearInterval(progress);
    const seconds = (performance.now() - t0) / 1000;
    const summary = ctx.recorder.summary();
    const passed = summary.total.errors === 0 && summary.total.p95 < o.p95BarMs;
    const rows = [
      ...summary.endpoints.map((e) => ({ ...e, name: e.endpoint })),
      { ...summary.total, name: "total" },
    ];
    log("");
    log(formatTable(rows, seconds));
    log("");
    log(
      `${summary.total.count} requests in ${seconds.toFixed(1)} s (${(summary.total.count / seconds).toFixed(1)} req/s), ${summary.total.errors} errors`,
    );
    for (const line of ctx.recorder.errorSamples) log(`  error: ${line}`);
    const cpu1 = o.serverPid ? processTreeCpuMs(o.serverPid) : null;
    if (cpu0 !== null && cpu1 !== null) {
      const busy = cpu1 - cpu0;
      log(
        `server (pid ${o.serverPid} and its workers): ${(busy / 1000).toFixed(1)} s of CPU = ${(busy / summary.total.count).toFixed(1)} ms per request; busy ${((100 * busy) / (seconds * 1000)).toFixed(0)} % of one core`,
      );
    }
    const own = process.cpuUsage(ownCpu0);
    log(
      `this load generator: ${((own.user + own.system) / 1e6).toFixed(1)} s of CPU; machine load average (1, 5, 15 min) before ${loadBefore}, after ${loadavg()} on ${os.cpus().length} cores`,
    );
    log(
      `bars: p95 ${summary.total.p95.toFixed(0)} ms < ${o.p95BarMs} ms ${summary.total.p95 < o.p95BarMs ? "ok" : "MISSED"}; errors ${summary.total.errors} = 0 ${summary.total.errors === 0 ? "ok" : "MISSED"}`,
    );
    return { ...summary, seconds, passed, errorSamples: ctx.recorder.errorSamples };
  } finally {
    // Throwaway accounts are disabled again (they stay in the audit trail and as authors).
    const failed = (
      await pool(
        vus,
        4,
        async (vu) =>
          (
            await callAction(admin, "/admin/users", actions.updateUserAction, [
              { userId: vu.userId, disabled: true },
            ])
          ).outcome?.ok === true,
      )
    ).filter((okay) => !okay).length;
    log(
      `teardown: ${vus.length - failed} throwaway accounts disabled${failed ? `, ${failed} could not be` : ""}`,
    );
  }
}

/** The command line: exit 0 when the bars are met, 1 when not (or on failure), 2 on bad usage. */
export async function main(argv: string[]): Promise<number> {
  let options: LoadOptions;
  try {
    options = parseLoadArgs(argv);
  } catch (e) {
    if (e instanceof LoadUsageError) {
      process.stderr.write(`error: ${e.message}\n${LOAD_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  try {
    return (await runLoad(options)).passed ? 0 : 1;
  } catch (e) {
    process.stderr.write(`load failed: ${(e as Error).message}\n`);
    return 1;
  }
}
