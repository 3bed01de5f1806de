import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { TOKEN_PREFIX, type ApiTokenDto } from "./schema";

/** sha256 of a token, as stored: the tokens are 256 random bits, so a slow hash would add nothing. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The owner's tokens, newest first, revoked ones included (with when). */
export async function listApiTokens(userId: string): Promise<ApiTokenDto[]> {
  const rows = await db.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: t.scope,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}

export type TokenHolder = {
  tokenId: string;
  lastUsedAt: Date | null;
  user: { id: string; email: string; name: string; role: string };
};

/**
 * The token's holder as of now: null for a string that is not a token, an unknown or revoked
 * token, or a token whose user is disabled. The role is read fresh on every call, so a token
 * can do no more than its user may do at this moment.
 */
export async function findTokenHolder(token: string): Promise<TokenHolder | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, disabled: true } },
    },
  });
  if (!row || row.revokedAt || row.user.disabled) return null;
  const { id, email, name, role } = row.user;
  return { tokenId: row.id, lastUsedAt: row.lastUsedAt, user: { id, email, name, role } };
}
