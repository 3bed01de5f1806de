/**
 * What each role may do. Pure: no database, no Next; the single source of truth that every
 * server action and route asks (through lib/auth/session.ts) before it changes anything.
 */
export const ROLES = ["admin", "reviewer", "analyst", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "report:read",
  "report:import",
  "report:edit",
  "report:archive",
  "report:delete",
  "region:manage",
  "pledge:edit",
  "pairing:edit",
  "evidence:link",
  "assessment:edit",
  "assessment:submit",
  "assessment:review",
  "assessment:assign",
  "comment:create",
  "share:manage",
  "user:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: Permission[] = ["report:read"];
const ANALYST: Permission[] = [
  ...VIEWER,
  "report:import",
  "report:edit",
  "pledge:edit",
  "evidence:link",
  "assessment:edit",
  "assessment:submit",
  "assessment:assign",
  "comment:create",
  "share:manage",
];
const REVIEWER: Permission[] = [...ANALYST, "assessment:review", "pairing:edit"];
const ADMIN: Permission[] = [...PERMISSIONS];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(VIEWER),
  analyst: new Set(ANALYST),
  reviewer: new Set(REVIEWER),
  admin: new Set(ADMIN),
};

/** Whether a value names a role (for validating input and database rows). */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` grants `permission`. Unknown roles grant nothing. */
export function can(role: string | null | undefined, permission: Permission): boolean {
  return isRole(role) && GRANTS[role].has(permission);
}

/**
 * The actor's own part in a verdict under review, which bars them from reviewing it: they
 * submitted it, or they last wrote its content (status, rationale or reported figure). Null when
 * neither. A null last writer is unknown (data older than the column): only the submitter counts.
 */
export function ownPartInVerdict(
  actorId: string,
  submittedById: string | null,
  assessedById: string | null,
): "submitted" | "wrote" | null {
  if (submittedById !== null && submittedById === actorId) return "submitted";
  if (assessedById !== null && assessedById === actorId) return "wrote";
  return null;
}

/**
 * The four-eyes rule: a reviewer may approve or return an assessment only if they have the
 * review permission, it was submitted, and they neither submitted it nor last wrote its verdict
 * (ownPartInVerdict) — a reviewer cannot write a verdict, have someone else submit it and approve it.
 */
export function canReviewSubmission(
  actor: { id: string; role: string },
  submittedById: string | null,
  assessedById: string | null,
): boolean {
  return (
    can(actor.role, "assessment:review") &&
    submittedById !== null &&
    ownPartInVerdict(actor.id, submittedById, assessedById) === null
  );
}

/**
 * Whether an admin may change another account's role or disabled flag. Admins may not demote or
 * disable themselves, so the last admin cannot lock everybody out by accident.
 */
export function canManageUser(actor: { id: string; role: string }, targetId: string): boolean {
  return can(actor.role, "user:manage") && actor.id !== targetId;
}
