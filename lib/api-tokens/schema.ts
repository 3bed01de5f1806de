import { z } from "zod";

/** Tokens one person may hold at once (revoked ones do not count). */
export const MAX_ACTIVE_TOKENS = 10;
/** What every token starts with: tells a leaked string for what it is (secret scanners key on such prefixes). */
export const TOKEN_PREFIX = "dxp_";

export const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: "NAME_REQUIRED" })
    .max(60, { message: "NAME_TOO_LONG" }),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ id: z.string().min(1).max(64) });
export type RevokeApiTokenInput = z.infer<typeof revokeApiTokenSchema>;

/** A token as its owner's account page lists it: never the token itself, which is shown once. */
export type ApiTokenDto = {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
