import { z } from "zod";
import { AUDIT_SCOPES, type AuditScope } from "@/lib/audit-reports/schema";

/** 24 random bytes = 192 bits, base64url: 32 characters. */
export const SHARE_TOKEN_BYTES = 24;
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

const id = z.string().min(1).max(64);

/** An optional expiry day (YYYY-MM-DD, the link works through that whole day UTC); empty = never. */
const expiresOn = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "EXPIRY_INVALID" })
    .nullable(),
);

/** Create a share link to one audit report: its scope and subject, expiry, whether notes show. */
export const createShareSchema = z
  .object({
    scope: z.enum(AUDIT_SCOPES),
    /** reportId (pair), regionId (region) or the year (year). */
    subjectId: z.string().trim().min(1).max(64),
    expiresOn,
    showNotes: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  })
  .refine((v) => v.scope !== "year" || /^\d{4}$/.test(v.subjectId), {
    message: "SUBJECT_INVALID",
    path: ["subjectId"],
  });
export type CreateShareInput = z.infer<typeof createShareSchema>;

/** Revoke a share link. */
export const revokeShareSchema = z.object({ id });
export type RevokeShareInput = z.infer<typeof revokeShareSchema>;

/** A share link as the management list shows it (the token is the sharer's to copy). */
export type ShareLinkDto = {
  id: string;
  token: string;
  scope: AuditScope;
  title: string;
  showNotes: boolean;
  expiresAt: string | null;
  revokedAt: string | null;
  viewCount: number;
  createdBy: string | null;
  createdAt: string;
  /** active, expired or revoked, as of loading. */
  state: "active" | "expired" | "revoked";
};

/** Whether a link can be opened at `now`: not revoked and not past its expiry. */
export function shareLinkState(
  link: { revokedAt: Date | null; expiresAt: Date | null },
  now: Date = new Date(),
): ShareLinkDto["state"] {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** The end of an expiry day: the first instant of the next day, UTC. */
export function expiryInstant(day: string): Date {
  const d = new Date(`${day}T00:00:00.000Z`);
  return new Date(d.getTime() + 24 * 60 * 60 * 1000);
}
