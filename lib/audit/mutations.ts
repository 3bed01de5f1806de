import "server-only";
import type { Tx } from "@/lib/db";

export type AuditEventInput = {
  actorId: string | null;
  entityType: "user" | "report" | "pledge" | "evidence" | "comment" | "share" | "section" | "region" | "import" | "token";
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reportId?: string | null;
  pledgeId?: string | null;
};

/**
 * Appends an immutable audit event inside the caller's transaction, so a change and its record
 * commit or roll back together. before/after are stored as JSON text.
 */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      entityType: event.entityType,
      entityId: event.entityId,
      action: event.action,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      reportId: event.reportId ?? null,
      pledgeId: event.pledgeId ?? null,
    },
  });
}
