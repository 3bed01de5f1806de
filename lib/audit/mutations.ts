import "server-only";
import type { Tx } from "@/lib/db";
import { AUDIT_ENTITY, type AuditAction, type AuditEventOf, type AuditEventSpecs } from "./events";

/**
 * One audit event to record: an action of the closed list (`lib/audit/events.ts`) with its typed
 * before/after. `entityType` may be given, and must then be the action's own; it is always
 * stored as the list says.
 */
export type AuditEventInput<A extends AuditAction = AuditAction> = AuditEventOf<A> & {
  actorId: string | null;
  entityType?: AuditEventSpecs[A]["entity"];
  entityId: string;
  reportId?: string | null;
  pledgeId?: string | null;
};

/**
 * Appends an immutable audit event inside the caller's transaction, so a change and its record
 * commit or roll back together. before/after are stored as JSON text.
 */
export async function recordAuditEvent<A extends AuditAction>(
  tx: Tx,
  event: AuditEventInput<A>,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      entityType: AUDIT_ENTITY[event.action],
      entityId: event.entityId,
      action: event.action,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      reportId: event.reportId ?? null,
      pledgeId: event.pledgeId ?? null,
    },
  });
}
