import "server-only";
import { db } from "@/lib/db";
import { getAuditReport } from "@/lib/audit-reports/data";
import {
  AUDIT_SCOPES,
  type AuditReport,
  type AuditScope,
  type AuditTiers,
} from "@/lib/audit-reports/schema";
import { SHARE_TOKEN_PATTERN, shareLinkState, type ShareLinkDto } from "./schema";
import {
  beginShareLookup,
  SHARE_LOOKUP_WINDOW_MS,
  SHARE_THROTTLED_FAILURE_DELAY_MS,
} from "./lookup-limit";

const linkSelect = {
  id: true,
  token: true,
  scope: true,
  title: true,
  showNotes: true,
  expiresAt: true,
  revokedAt: true,
  viewCount: true,
  createdAt: true,
  createdBy: { select: { name: true } },
} as const;

function toScope(value: string): AuditScope {
  return (AUDIT_SCOPES as readonly string[]).includes(value) ? (value as AuditScope) : "pair";
}

/** The share links of one audit report (scope + subject), newest first, with their state. */
export async function listShareLinks(
  scope: AuditScope,
  subjectId: string,
  now: Date = new Date(),
): Promise<ShareLinkDto[]> {
  const where =
    scope === "pair"
      ? { scope, reportId: subjectId }
      : scope === "region"
        ? { scope, regionId: subjectId }
        : { scope, year: Number(subjectId) };
  const rows = await db.shareLink.findMany({
    where,
    select: linkSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((l) => ({
    id: l.id,
    token: l.token,
    scope: toScope(l.scope),
    title: l.title,
    showNotes: l.showNotes,
    expiresAt: l.expiresAt?.toISOString() ?? null,
    revokedAt: l.revokedAt?.toISOString() ?? null,
    viewCount: l.viewCount,
    createdBy: l.createdBy?.name ?? null,
    createdAt: l.createdAt.toISOString(),
    state: shareLinkState(l, now),
  }));
}

/** What a share token opens: the report (with the link's notes rule), or why it opens nothing. */
export type SharedAuditReport =
  | {
      state: "ok";
      link: { id: string; title: string; showNotes: boolean; expiresAt: string | null };
      report: AuditReport;
    }
  | { state: "not_found" | "revoked" | "expired" };

/**
 * Finds a link by its token (malformed tokens never reach the database), refuses revoked and
 * expired links, and loads the audit report with notes (rationales, names) only when the sharer
 * chose to show them. Never returns emails. Public entry points go through openSharedAuditReport.
 */
export async function loadSharedAuditReport(
  token: string,
  options: { approvedOnly?: boolean; tiers?: AuditTiers } = {},
  now: Date = new Date(),
): Promise<SharedAuditReport> {
  if (!SHARE_TOKEN_PATTERN.test(token)) return { state: "not_found" };
  const link = await db.shareLink.findUnique({
    where: { token },
    select: {
      id: true,
      token: true,
      scope: true,
      reportId: true,
      regionId: true,
      year: true,
      title: true,
      showNotes: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
  if (!link || link.token !== token) return { state: "not_found" };
  const state = shareLinkState(link, now);
  if (state !== "active") return { state };
  const scope = toScope(link.scope);
  const subjectId =
    scope === "pair"
      ? link.reportId
      : scope === "region"
        ? link.regionId
        : link.year !== null
          ? String(link.year)
          : null;
  if (!subjectId) return { state: "not_found" };
  const report = await getAuditReport(scope, subjectId, {
    approvedOnly: options.approvedOnly ?? false,
    showNotes: link.showNotes,
    tiers: options.tiers ?? "trackable",
  });
  if (!report) return { state: "not_found" };
  return {
    state: "ok",
    link: {
      id: link.id,
      title: link.title,
      showNotes: link.showNotes,
      expiresAt: link.expiresAt?.toISOString() ?? null,
    },
    report,
  };
}

/**
 * Whether `token` opens a report now (well-formed, known, neither revoked nor expired), without
 * loading it: the proxy asks this for a throttled client, to give a failed lookup its 429 status
 * before the page renders (a page cannot choose its status).
 */
export async function shareTokenOpens(token: string, now: Date = new Date()): Promise<boolean> {
  if (!SHARE_TOKEN_PATTERN.test(token)) return false;
  const link = await db.shareLink.findUnique({
    where: { token },
    select: { token: true, expiresAt: true, revokedAt: true },
  });
  return !!link && link.token === token && shareLinkState(link, now) === "active";
}

/** What a public request for a share token gets: the report, nothing (unknown, revoked and expired alike), or a throttled refusal. */
export type PublicSharedAuditReport =
  | Extract<SharedAuditReport, { state: "ok" }>
  | { state: "not_found" }
  | { state: "rate_limited"; retryAfterMs: number };

/**
 * The one loader of public share pages and share exports. Every token is checked — a valid one
 * opens its report whoever asks — and every failed lookup counts against the client (a key from
 * lib/ops/client-address.ts). Once a client has failed too many lookups lately, each further miss
 * is answered slowly and as `rate_limited` (lib/shares/lookup-limit.ts). Revoked and expired links
 * answer exactly as unknown tokens do, so a guesser learns nothing from them.
 */
export async function openSharedAuditReport(
  token: string,
  client: string,
  options: { approvedOnly?: boolean; tiers?: AuditTiers } = {},
  now: Date = new Date(),
): Promise<PublicSharedAuditReport> {
  const attempt = await beginShareLookup(client, now.getTime());
  let shared: SharedAuditReport;
  try {
    shared = await loadSharedAuditReport(token, options, now);
  } catch (e) {
    await attempt.succeeded(); // a failing database is not the client's failed guess
    throw e;
  }
  if (shared.state === "ok") {
    await attempt.succeeded();
    return shared;
  }
  const after = await attempt.failed();
  if (!attempt.throttled) return { state: "not_found" };
  await new Promise((resolve) => setTimeout(resolve, SHARE_THROTTLED_FAILURE_DELAY_MS));
  return {
    state: "rate_limited",
    retryAfterMs: after.throttled ? after.retryAfterMs : SHARE_LOOKUP_WINDOW_MS,
  };
}
