import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "@/lib/reports/import";
import { createUser } from "@/lib/users/mutations";
import { approveAssessment, saveAssessment, submitAssessment } from "@/lib/assessments/mutations";
import { getPairAuditReport, getRegionAuditReport, listAuditPairs } from "@/lib/audit-reports/data";
import {
  listShareLinks,
  loadSharedAuditReport,
  openSharedAuditReport,
  shareTokenOpens,
} from "./data";
import { checkShareLookup, SHARE_LOOKUP_LIMIT, SHARE_LOOKUP_WINDOW_MS } from "./lookup-limit";
import { createShareLink, generateShareToken, recordShareView, revokeShareLink } from "./mutations";
import { SHARE_TOKEN_PATTERN } from "./schema";

type Actor = { id: string; role: string };
let analyst: Actor, reviewer: Actor, viewer: Actor;
let planId: string, reviewId: string, regionId: string;
let pledgeIds: string[];

const RATIONALE = "内部备注：2015年报告称已完成。";
const NOTES_FREE = { approvedOnly: false, showNotes: false, tiers: "trackable" } as const;

async function makeUser(role: string, name: string): Promise<Actor> {
  const { id } = await createUser(null, {
    email: `${role}-${process.pid}@test.local`,
    name,
    role: role as "analyst",
    password: "a-long-password",
  });
  return { id, role };
}

async function importSeed(file: string): Promise<string> {
  return (
    await importReport(
      null,
      readFileSync(path.join(process.cwd(), "seed", "reports", "hailar", file)),
      file,
    )
  ).id;
}

async function assess(
  pledgeId: string,
  status: "fulfilled" | "partial" | "unfulfilled",
  approve: boolean,
) {
  const v = (await db.pledge.findUniqueOrThrow({ where: { id: pledgeId } })).version;
  const s = await saveAssessment(analyst, {
    pledgeId,
    version: v,
    status,
    rationale: RATIONALE,
    reportedValue: null,
  });
  if (!approve) return;
  const sub = await submitAssessment(analyst, { pledgeId, version: s.version });
  await approveAssessment(reviewer, { pledgeId, version: sub.version });
}

beforeAll(async () => {
  planId = await importSeed("hailar_2014.txt");
  reviewId = await importSeed("hailar_2015.txt");
  regionId = (await db.report.findUniqueOrThrow({ where: { id: planId } })).regionId;
  pledgeIds = (
    await db.pledge.findMany({
      where: { reportId: planId },
      select: { id: true },
      orderBy: [{ start: "asc" }],
    })
  ).map((p) => p.id);
  analyst = await makeUser("analyst", "分析员甲");
  reviewer = await makeUser("reviewer", "审核员甲");
  viewer = await makeUser("viewer", "访客");
  await assess(pledgeIds[0], "fulfilled", true);
  await assess(pledgeIds[1], "partial", true);
  await assess(pledgeIds[2], "unfulfilled", false);
});

describe("audit report data", () => {
  it("pairs the plan with the next year's report and counts verdicts; approved only drops provisional ones", async () => {
    const report = (await getPairAuditReport(planId, {
      approvedOnly: false,
      showNotes: true,
      tiers: "all",
    }))!;
    expect(report.plans[0].review).toMatchObject({ id: reviewId, year: 2015 });
    expect(report.aggregate.total).toMatchObject({
      pledges: pledgeIds.length,
      assessed: 3,
      approved: 2,
      provisional: 1,
    });
    expect(report.aggregate.total.fulfilmentRate).toBeCloseTo(1.5 / 3);
    const first = report.groups.flatMap((g) => g.pledges).find((p) => p.id === pledgeIds[0])!;
    expect(first).toMatchObject({
      status: "fulfilled",
      provisional: false,
      rationale: RATIONALE,
      reviewer: "审核员甲",
      number: 1,
    });
    expect(report.targets.length).toBeGreaterThan(0);

    const approved = (await getPairAuditReport(planId, {
      approvedOnly: true,
      showNotes: true,
      tiers: "all",
    }))!;
    expect(approved.aggregate.total).toMatchObject({ assessed: 2, provisional: 0 });
    expect(approved.aggregate.total.fulfilmentRate).toBeCloseTo(0.75);

    const pairs = await listAuditPairs();
    expect(pairs.find((p) => p.plan.id === planId)).toMatchObject({
      assessed: 3,
      approved: 2,
      plan: { review: { id: reviewId } },
    });
    const region = (await getRegionAuditReport(regionId, NOTES_FREE))!;
    expect(region.trend!.map((t) => t.year)).toEqual([2014, 2015]);
  });
});

describe("share links", () => {
  it("tokens are 192 random bits, base64url, never repeated", () => {
    const tokens = new Set(Array.from({ length: 200 }, generateShareToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(SHARE_TOKEN_PATTERN);
      expect(Buffer.from(t, "base64url")).toHaveLength(24);
    }
  });

  it("creates a link with an audit event, opens it without notes, counts views, and revokes it", async () => {
    const { id, token } = await createShareLink(analyst, {
      scope: "pair",
      subjectId: planId,
      expiresOn: null,
      showNotes: false,
    });
    expect(token).toMatch(SHARE_TOKEN_PATTERN);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { entityType: "share", entityId: id },
    });
    expect(event).toMatchObject({ action: "share.create", actorId: analyst.id, reportId: planId });
    expect(event.after).not.toContain(token);

    const opened = await loadSharedAuditReport(token);
    expect(opened.state).toBe("ok");
    if (opened.state !== "ok") throw new Error("unreachable");
    const pledges = opened.report.groups.flatMap((g) => g.pledges);
    expect(pledges.every((p) => p.rationale === null && p.reviewer === null)).toBe(true);
    const json = JSON.stringify(opened);
    expect(json).not.toContain(RATIONALE);
    expect(json).not.toContain("审核员甲");
    expect(json).not.toContain("@test.local");
    expect(opened.report.aggregate.total.assessed).toBe(3);

    await recordShareView(id);
    await recordShareView(id);
    const [listed] = await listShareLinks("pair", planId);
    expect(listed).toMatchObject({
      id,
      viewCount: 2,
      state: "active",
      showNotes: false,
      createdBy: "分析员甲",
    });

    await revokeShareLink(reviewer, { id });
    expect(await loadSharedAuditReport(token)).toEqual({ state: "revoked" });
    await expect(revokeShareLink(reviewer, { id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(
      (await db.auditEvent.findMany({ where: { entityId: id }, orderBy: { at: "asc" } })).map(
        (e) => e.action,
      ),
    ).toEqual(["share.create", "share.revoke"]);
    expect((await listShareLinks("pair", planId))[0].state).toBe("revoked");
  });

  it("shows rationale and reviewer only when the sharer chose notes", async () => {
    const { token } = await createShareLink(reviewer, {
      scope: "pair",
      subjectId: planId,
      expiresOn: null,
      showNotes: true,
    });
    const opened = await loadSharedAuditReport(token);
    if (opened.state !== "ok") throw new Error(opened.state);
    const first = opened.report.groups
      .flatMap((g) => g.pledges)
      .find((p) => p.id === pledgeIds[0])!;
    expect(first).toMatchObject({ rationale: RATIONALE, reviewer: "审核员甲" });
    expect(JSON.stringify(opened)).not.toContain("@test.local");
  });

  it("expires at the end of the chosen day; past days are refused", async () => {
    const now = new Date("2030-05-01T12:00:00Z");
    const { token } = await createShareLink(
      analyst,
      { scope: "region", subjectId: regionId, expiresOn: "2030-05-01", showNotes: false },
      now,
    );
    expect((await loadSharedAuditReport(token, {}, new Date("2030-05-01T23:59:00Z"))).state).toBe(
      "ok",
    );
    expect(await loadSharedAuditReport(token, {}, new Date("2030-05-02T00:00:00Z"))).toEqual({
      state: "expired",
    });
    await expect(
      createShareLink(
        analyst,
        { scope: "pair", subjectId: planId, expiresOn: "2030-04-30", showNotes: false },
        now,
      ),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "EXPIRY_PAST",
    });
  });

  it("unknown, malformed and wrong-case tokens open nothing; viewers cannot share; unknown subjects are refused", async () => {
    const { token } = await createShareLink(analyst, {
      scope: "year",
      subjectId: "2014",
      expiresOn: null,
      showNotes: false,
    });
    expect(await loadSharedAuditReport(generateShareToken())).toEqual({ state: "not_found" });
    expect(await loadSharedAuditReport("short")).toEqual({ state: "not_found" });
    expect(await loadSharedAuditReport("../../etc/passwd")).toEqual({ state: "not_found" });
    const flipped = token.replace(/[a-z]/, (c) => c.toUpperCase());
    if (flipped !== token)
      expect(await loadSharedAuditReport(flipped)).toEqual({ state: "not_found" });
    await expect(
      createShareLink(viewer, {
        scope: "pair",
        subjectId: planId,
        expiresOn: null,
        showNotes: false,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      createShareLink(analyst, {
        scope: "pair",
        subjectId: "nope",
        expiresOn: null,
        showNotes: false,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      createShareLink(analyst, {
        scope: "year",
        subjectId: "1999",
        expiresOn: null,
        showNotes: false,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("share-token guessing is throttled per client, valid tokens never refused", () => {
  // Each test uses client keys of its own: the limiter is process-wide, like the server's.
  it("after SHARE_LOOKUP_LIMIT failed lookups a client's misses are throttled, while a valid token still opens, until the window passes", async () => {
    const { token } = await createShareLink(analyst, {
      scope: "pair",
      subjectId: planId,
      expiresOn: null,
      showNotes: false,
    });
    const now = new Date("2031-01-01T00:00:00Z");
    expect((await openSharedAuditReport(token, "198.51.100.1", {}, now)).state).toBe("ok");
    for (let i = 0; i < SHARE_LOOKUP_LIMIT; i++) {
      expect(await openSharedAuditReport(generateShareToken(), "198.51.100.1", {}, now)).toEqual({
        state: "not_found",
      });
    }
    // Throttled: the valid token opens (again and again: successes never count, nor lift the throttle)…
    for (let i = 0; i < 3; i++)
      expect((await openSharedAuditReport(token, "198.51.100.1", {}, now)).state).toBe("ok");
    // …while a miss is refused as rate-limited, and counts: the throttle runs from the newest misses.
    const later = new Date(now.getTime() + 60_000);
    expect(await openSharedAuditReport(generateShareToken(), "198.51.100.1", {}, later)).toEqual({
      state: "rate_limited",
      retryAfterMs: SHARE_LOOKUP_WINDOW_MS - 60_000,
    });
    expect(await checkShareLookup("198.51.100.1", later.getTime())).toEqual({
      throttled: true,
      retryAfterMs: SHARE_LOOKUP_WINDOW_MS - 60_000,
    });
    // Another client is unaffected.
    expect(await openSharedAuditReport(generateShareToken(), "198.51.100.2", {}, later)).toEqual({
      state: "not_found",
    });
    // Once the window has passed since the newest miss, misses answer as misses again.
    const afterWindow = new Date(later.getTime() + SHARE_LOOKUP_WINDOW_MS);
    expect(await checkShareLookup("198.51.100.1", afterWindow.getTime())).toEqual({
      throttled: false,
    });
    expect(
      await openSharedAuditReport(generateShareToken(), "198.51.100.1", {}, afterWindow),
    ).toEqual({ state: "not_found" });
  });

  it("a valid token looked up between misses does not take a miss back once throttled", async () => {
    const { token } = await createShareLink(analyst, {
      scope: "year",
      subjectId: "2014",
      expiresOn: null,
      showNotes: false,
    });
    const now = new Date("2031-01-15T00:00:00Z");
    for (let i = 0; i < SHARE_LOOKUP_LIMIT; i++)
      await openSharedAuditReport(generateShareToken(), "198.51.100.5", {}, now);
    for (let i = 0; i < 3; i++) {
      expect((await openSharedAuditReport(token, "198.51.100.5", {}, now)).state).toBe("ok");
      expect(
        (await openSharedAuditReport(generateShareToken(), "198.51.100.5", {}, now)).state,
      ).toBe("rate_limited");
    }
  });

  it("revoked and expired links answer as unknown tokens do, and count as failures", async () => {
    const now = new Date("2031-02-01T00:00:00Z");
    const revoked = await createShareLink(analyst, {
      scope: "pair",
      subjectId: planId,
      expiresOn: null,
      showNotes: false,
    });
    await revokeShareLink(analyst, { id: revoked.id });
    const expired = await createShareLink(
      analyst,
      { scope: "pair", subjectId: planId, expiresOn: "2031-01-01", showNotes: false },
      new Date("2030-12-01T00:00:00Z"),
    );
    expect(await openSharedAuditReport(revoked.token, "198.51.100.3", {}, now)).toEqual({
      state: "not_found",
    });
    expect(await openSharedAuditReport(expired.token, "198.51.100.3", {}, now)).toEqual({
      state: "not_found",
    });
    for (let i = 2; i < SHARE_LOOKUP_LIMIT; i++)
      await openSharedAuditReport("malformed", "198.51.100.3", {}, now);
    expect((await openSharedAuditReport(revoked.token, "198.51.100.3", {}, now)).state).toBe(
      "rate_limited",
    );
    expect(await shareTokenOpens(revoked.token, now)).toBe(false);
    expect(await shareTokenOpens(expired.token, now)).toBe(false);
    expect(await shareTokenOpens("malformed", now)).toBe(false);
  });

  it("a burst of parallel guesses is counted before any reaches the database; the rest are throttled", async () => {
    const now = new Date("2031-03-01T00:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 3 * SHARE_LOOKUP_LIMIT }, () =>
        openSharedAuditReport(generateShareToken(), "198.51.100.4", {}, now),
      ),
    );
    expect(results.filter((r) => r.state === "not_found")).toHaveLength(SHARE_LOOKUP_LIMIT);
    expect(results.filter((r) => r.state === "rate_limited")).toHaveLength(2 * SHARE_LOOKUP_LIMIT);
  });
});
