import "server-only";
import { db } from "@/lib/db";

/** One event of a pledge's history: who, when, what, before and after (parsed JSON). */
export type HistoryEventDto = {
  id: string;
  at: string;
  action: string;
  entityType: string;
  actor: { name: string; role: string } | null;
  before: unknown;
  after: unknown;
};

/** An audit event's before/after JSON text as a value; null when absent or unreadable. */
export function parseAuditJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The audit trail of one pledge (its edits, assessment, review steps, assignments, evidence and
 * comments), newest first.
 */
export async function listPledgeHistory(pledgeId: string, limit = 300): Promise<HistoryEventDto[]> {
  const rows = await db.auditEvent.findMany({
    where: { pledgeId },
    select: { id: true, at: true, action: true, entityType: true, before: true, after: true, actor: { select: { name: true, role: true } } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    action: e.action,
    entityType: e.entityType,
    actor: e.actor,
    before: parseAuditJson(e.before),
    after: parseAuditJson(e.after),
  }));
}
