import "server-only";
import { db } from "@/lib/db";
import { readAuditEvent, type AuditEvent, type UnknownAuditEvent } from "./events";

/** One event of a pledge's history: who, when, and the event with its typed before/after. */
export type HistoryEventDto = {
  id: string;
  at: string;
  entityType: string;
  actor: { name: string; role: string } | null;
  event: AuditEvent | UnknownAuditEvent;
};

/**
 * The audit trail of one pledge (its edits, assessment, review steps, assignments, evidence and
 * comments), newest first.
 */
export async function listPledgeHistory(pledgeId: string, limit = 300): Promise<HistoryEventDto[]> {
  const rows = await db.auditEvent.findMany({
    where: { pledgeId },
    select: {
      id: true,
      at: true,
      action: true,
      entityType: true,
      before: true,
      after: true,
      actor: { select: { name: true, role: true } },
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    entityType: e.entityType,
    actor: e.actor,
    event: readAuditEvent(e),
  }));
}
