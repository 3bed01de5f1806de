import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { db, writeTransaction } from "@/lib/db";
import { hashApiToken } from "./data";
import {
  MAX_ACTIVE_TOKENS,
  TOKEN_PREFIX,
  type CreateApiTokenInput,
  type RevokeApiTokenInput,
} from "./schema";

/**
 * Creates a personal access token for the actor's own use of the read-only API. Returns the token
 * itself — the only time it exists outside the caller: only its hash is stored. Refused past
 * MAX_ACTIVE_TOKENS unrevoked tokens (CONFLICT TOO_MANY_TOKENS).
 */
export async function createApiToken(
  actorId: string,
  input: CreateApiTokenInput,
): Promise<{ id: string; token: string; prefix: string }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  return writeTransaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { userId: actorId, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) throw new AppError("CONFLICT", "TOO_MANY_TOKENS");
    const row = await tx.apiToken.create({
      data: {
        userId: actorId,
        name: input.name,
        tokenHash: hashApiToken(token),
        prefix,
        scope: "read",
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "token",
      entityId: row.id,
      action: "token.create",
      after: { name: input.name, prefix, scope: "read" },
    });
    return { id: row.id, token, prefix };
  });
}

/** Revokes one of the actor's own tokens, at once for every later call. Another person's id finds nothing. */
export async function revokeApiToken(actorId: string, input: RevokeApiTokenInput): Promise<void> {
  await writeTransaction(async (tx) => {
    const row = await tx.apiToken.findFirst({
      where: { id: input.id, userId: actorId },
      select: { id: true, revokedAt: true, name: true },
    });
    if (!row) throw new AppError("NOT_FOUND");
    if (row.revokedAt) return;
    await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "token",
      entityId: row.id,
      action: "token.revoke",
      before: { name: row.name },
    });
  });
}

/** Records a token's use; at most once a minute per token, so a busy script does not write on every call. */
export async function touchApiToken(
  tokenId: string,
  lastUsedAt: Date | null,
  now: Date = new Date(),
): Promise<void> {
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < 60_000) return;
  await db.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: now } });
}
