import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Tx, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { can } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/mutations";
import {
  SHARE_TOKEN_BYTES,
  expiryInstant,
  type CreateShareInput,
  type RevokeShareInput,
} from "./schema";

type Actor = { id: string; role: string };

/** A fresh share token: 192 random bits, base64url (32 characters), never derived from an id. */
export function generateShareToken(): string {
  return randomBytes(SHARE_TOKEN_BYTES).toString("base64url");
}

/** The subject of a link must exist; its title is taken from it (a report's title, a region's name, a year). */
async function describeSubject(
  tx: Tx,
  input: CreateShareInput,
): Promise<{
  title: string;
  reportId: string | null;
  regionId: string | null;
  year: number | null;
}> {
  if (input.scope === "pair") {
    const r = await tx.report.findUnique({
      where: { id: input.subjectId },
      select: { id: true, title: true },
    });
    if (!r) throw new AppError("NOT_FOUND");
    return { title: r.title, reportId: r.id, regionId: null, year: null };
  }
  if (input.scope === "region") {
    const g = await tx.region.findUnique({
      where: { id: input.subjectId },
      select: { id: true, name: true },
    });
    if (!g) throw new AppError("NOT_FOUND");
    return { title: g.name, reportId: null, regionId: g.id, year: null };
  }
  const year = Number(input.subjectId);
  if (!(await tx.report.findFirst({ where: { year }, select: { id: true } })))
    throw new AppError("NOT_FOUND");
  return { title: String(year), reportId: null, regionId: null, year };
}

/**
 * Creates a read-only public link to an audit report (share:manage), with an optional expiry day
 * (the link works through that day, UTC) and whether rationales and names show. Audit event
 * share.create (without the token: the trail is readable by more people than the link's audience).
 */
export async function createShareLink(
  actor: Actor,
  input: CreateShareInput,
  now: Date = new Date(),
): Promise<{ id: string; token: string }> {
  if (!can(actor.role, "share:manage")) throw new AppError("FORBIDDEN");
  let expiresAt: Date | null = null;
  if (input.expiresOn) {
    expiresAt = expiryInstant(input.expiresOn);
    if (Number.isNaN(expiresAt.getTime())) throw new AppError("INVALID_INPUT", "EXPIRY_INVALID");
    if (expiresAt.getTime() <= now.getTime()) throw new AppError("INVALID_INPUT", "EXPIRY_PAST");
  }
  return writeTransaction(async (tx) => {
    const subject = await describeSubject(tx, input);
    const token = generateShareToken();
    const created = await tx.shareLink.create({
      data: {
        token,
        scope: input.scope,
        ...subject,
        showNotes: input.showNotes,
        expiresAt,
        createdById: actor.id,
      },
      select: { id: true, token: true },
    });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "share",
      entityId: created.id,
      action: "share.create",
      after: {
        scope: input.scope,
        subjectId: input.subjectId,
        title: subject.title,
        showNotes: input.showNotes,
        expiresAt: expiresAt?.toISOString() ?? null,
      },
      reportId: subject.reportId,
    });
    return created;
  });
}

/** Revokes a share link (share:manage); revoking twice is refused with CONFLICT. Audit event share.revoke. */
export async function revokeShareLink(
  actor: Actor,
  input: RevokeShareInput,
  now: Date = new Date(),
): Promise<{ id: string }> {
  if (!can(actor.role, "share:manage")) throw new AppError("FORBIDDEN");
  return writeTransaction(async (tx) => {
    const link = await tx.shareLink.findUnique({
      where: { id: input.id },
      select: { id: true, revokedAt: true, reportId: true, title: true, scope: true },
    });
    if (!link) throw new AppError("NOT_FOUND");
    if (link.revokedAt) throw new AppError("CONFLICT", "SHARE_ALREADY_REVOKED");
    await tx.shareLink.update({ where: { id: link.id }, data: { revokedAt: now } });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "share",
      entityId: link.id,
      action: "share.revoke",
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString(), scope: link.scope, title: link.title },
      reportId: link.reportId,
    });
    return { id: link.id };
  });
}

/** Counts one view of a shared page (no audit row: views are not changes). */
export async function recordShareView(id: string): Promise<void> {
  await db.shareLink.update({ where: { id }, data: { viewCount: { increment: 1 } } });
}
