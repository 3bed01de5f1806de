import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { hashApiToken } from "@/lib/api-tokens/data";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/mutations";
import { importReport } from "@/lib/reports/import";
import { corpusExportResponse } from "@/lib/exports/respond";
import { apiRoute } from "./handler";
import { getApiPledge, listApiReportPledges } from "./data";

const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", f));

let n = 0;
async function user(role: string) {
  n++;
  return db.user.create({
    data: { email: `api-${n}@duixian.test`, name: `API ${n}`, passwordHash: "x", role },
    select: { id: true },
  });
}

const route = apiRoute("report:read", async ({ holder }) => ({ hello: holder.user.id }));
const importRoute = apiRoute("report:import", async () => ({ ok: true }));
const call = (r: typeof route, token: string | null, headers: Record<string, string> = {}) =>
  r(
    new Request("http://localhost/api/v1/test", {
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    }),
    { params: Promise.resolve({}) },
  );

afterEach(() => {
  delete process.env.DUIXIAN_API_RATE_LIMIT;
  vi.restoreAllMocks();
});

describe("personal access tokens and the API's guard (real database)", () => {
  it("stores only a hash; a token acts as its user until revoked, and never once its user is disabled", async () => {
    const u = await user("analyst");
    const { id, token, prefix } = await createApiToken(u.id, { name: "脚本" });
    const row = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(hashApiToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(token.startsWith(prefix)).toBe(true);
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { entityId: id } }))).not.toContain(
      token,
    );

    const ok = await call(route, token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ hello: u.id });
    expect(ok.headers.get("X-Api-Version")).toBe("1");
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();

    expect((await call(route, null)).status).toBe(401);
    expect((await call(route, "dxp_" + "x".repeat(43))).status).toBe(401);
    expect((await call(route, token.slice(0, -1))).status).toBe(401);

    await db.user.update({ where: { id: u.id }, data: { disabled: true } });
    expect((await call(route, token)).status).toBe(401);
    await db.user.update({ where: { id: u.id }, data: { disabled: false } });
    expect((await call(route, token)).status).toBe(200);

    // Someone else cannot revoke it; its owner can, at once.
    const other = await user("admin");
    await expect(revokeApiToken(other.id, { id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await revokeApiToken(u.id, { id });
    const revoked = await call(route, token);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("checks the role on every call, limits calls per token, and logs each call with its request id", async () => {
    const u = await user("viewer");
    const { token, id } = await createApiToken(u.id, { name: "访客" });
    expect((await call(importRoute, token)).status).toBe(403);
    await db.user.update({ where: { id: u.id }, data: { role: "analyst" } });
    expect((await call(importRoute, token)).status).toBe(200);

    process.env.DUIXIAN_API_RATE_LIMIT = "3";
    const other = await createApiToken(u.id, { name: "另一个" });
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await call(route, other.token, { "x-request-id": `req-${i}` })).status);
    const limited = await call(route, other.token);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // The limit is per token: the first token still works.
    expect((await call(route, token)).status).toBe(200);
    vi.restoreAllMocks();
    const logged = lines.filter((l) => l.includes('"msg":"api"')).map((l) => JSON.parse(l));
    expect(logged[0]).toMatchObject({
      requestId: "req-0",
      patId: other.id,
      userId: u.id,
      status: 200,
      path: "/api/v1/test",
    });
    expect(logged[3]).toMatchObject({ requestId: "req-3", status: 429 });
    expect(lines.join("")).not.toContain(other.token);
    void id;
  });

  it("lists a report's pledges page by page without repeats, and leaves out items marked not a pledge", async () => {
    const r = await importReport(null, corpus("hailar/hailar_2015.txt"), "hailar_2015.txt");
    const excluded = await db.pledge.findFirstOrThrow({
      where: { reportId: r.id },
      orderBy: { position: "asc" },
      skip: 4,
    });
    await db.pledge.update({ where: { id: excluded.id }, data: { excluded: true } });
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listApiReportPledges("https://duixian.example.org", r.id, {
        limit: 7,
        cursor,
      });
      ids.push(...page.data.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toHaveLength(r.pledges - 1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(excluded.id);
    expect(await getApiPledge("https://duixian.example.org", excluded.id)).toBeNull();
    const one = await getApiPledge("https://duixian.example.org", ids[0]);
    expect(one).toMatchObject({
      url: `https://duixian.example.org/reports/${r.id}/pledges/${ids[0]}`,
      lineage: { predecessor: null, successors: [], line: null, computed: false },
    });
    await expect(
      listApiReportPledges("x", r.id, { limit: 5, cursor: "bm90LW91cnM" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("whole-corpus export (real database)", () => {
  it("streams every pledge of the selection as CSV (BOM, one record each) and as JSON Lines with the same ids", async () => {
    const r = await importReport(null, corpus("hailar/hailar_2016.txt"), "hailar_2016.txt");
    const region = (
      await db.report.findUniqueOrThrow({ where: { id: r.id }, select: { regionId: true } })
    ).regionId;
    const expected = await db.pledge.findMany({
      where: { reportId: r.id, excluded: false, tier: "trackable" },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    const selection = { region: [region], year: [2016], tier: ["trackable" as const] };
    const bytes = Buffer.from(
      await corpusExportResponse("https://x.test", { format: "csv", ...selection }).arrayBuffer(),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    expect(csv.slice(1).split("\r\n")[0]).toMatch(/^pledge_id,pledge_url,report_id,/);
    const csvIds = [...csv.matchAll(/\r\n(c[a-z0-9]{24}),https:\/\/x\.test\/reports\//g)].map(
      (m) => m[1],
    );
    expect(csvIds).toEqual(expected.map((p) => p.id));
    const jsonl = await corpusExportResponse("https://x.test", {
      format: "jsonl",
      ...selection,
    }).text();
    const lines = jsonl
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; tier: string; report: { year: number } });
    expect(lines.map((l) => l.id)).toEqual(expected.map((p) => p.id));
    expect(lines.every((l) => l.tier === "trackable" && l.report.year === 2016)).toBe(true);
    // A selection that matches nothing is a header and nothing else.
    const empty = Buffer.from(
      await corpusExportResponse("https://x.test", {
        format: "csv",
        region: [region],
        year: [1990],
      }).arrayBuffer(),
    ).toString("utf8");
    expect(empty).toBe("\uFEFF" + csv.slice(1).split("\r\n")[0] + "\r\n");
  });
});
