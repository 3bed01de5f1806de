import "server-only";
import { db, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { evaluateLockout, normalizeEmail, WINDOW_MS, type LockoutState } from "@/lib/auth/lockout";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { canManageUser } from "@/lib/auth/permissions";
import type { CreateUserInput } from "./schema";

type Actor = { id: string; role: string };

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; code: "INVALID" | "LOCKED" | "DISABLED"; retryAfterMs?: number };

/** The lockout state of a (normalised) email: its failed password checks since its last successful sign-in, within the window. */
async function lockoutOf(email: string, now: Date): Promise<LockoutState> {
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, success: true },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const since = new Date(Math.max(now.getTime() - WINDOW_MS, lastSuccess?.createdAt.getTime() ?? 0));
  const failures = await db.loginAttempt.findMany({
    where: { email, success: false, createdAt: { gt: since } },
    select: { createdAt: true },
  });
  return evaluateLockout(failures.map((f) => f.createdAt), now);
}

/**
 * Checks an email and password, applying the lockout rule first, and records the attempt.
 * A locked email is refused without looking at the password (and without extending the lock).
 */
export async function signInWithPassword(rawEmail: string, password: string): Promise<SignInResult> {
  const email = normalizeEmail(String(rawEmail)).slice(0, 200);
  const now = new Date();
  const lock = await lockoutOf(email, now);
  if (lock.locked) return { ok: false, code: "LOCKED", retryAfterMs: lock.retryAfterMs };

  const user = email ? await db.user.findUnique({ where: { email } }) : null;
  const valid =
    user && typeof password === "string" && password.length > 0 && password.length <= 200
      ? await verifyPassword(password, user.passwordHash)
      : await verifyAgainstDummy(String(password ?? ""));
  await db.loginAttempt.create({ data: { email, success: Boolean(valid && user && !user.disabled) } });
  if (!valid || !user) return { ok: false, code: "INVALID" };
  if (user.disabled) return { ok: false, code: "DISABLED" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

/** Creates an account (admin only; the caller has checked the permission). Duplicate email → DUPLICATE. */
export async function createUser(actor: Actor | null, input: CreateUserInput): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw new AppError("DUPLICATE", "a user with this email already exists");
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: { id: true, email: true, name: true, role: true },
    });
    await recordAuditEvent(tx, { actorId: actor?.id ?? null, entityType: "user", entityId: user.id, action: "user.create", after: user });
    return { id: user.id };
  });
}

/**
 * Changes another user's role and/or disabled flag. Disabling ends their sessions at once
 * (sessionVersion moves on). Admins cannot change their own role or disable themselves.
 */
export async function updateUser(actor: Actor, userId: string, change: { role?: string; disabled?: boolean }): Promise<void> {
  if (!canManageUser(actor, userId)) throw new AppError("FORBIDDEN", "you cannot change your own role or disable yourself");
  await writeTransaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, disabled: true } });
    if (!before) throw new AppError("NOT_FOUND");
    const data: { role?: string; disabled?: boolean; sessionVersion?: { increment: number } } = {};
    if (change.role !== undefined && change.role !== before.role) data.role = change.role;
    if (change.disabled !== undefined && change.disabled !== before.disabled) {
      data.disabled = change.disabled;
      if (change.disabled) data.sessionVersion = { increment: 1 };
    }
    if (Object.keys(data).length === 0) return;
    const after = await tx.user.update({ where: { id: userId }, data, select: { id: true, role: true, disabled: true } });
    await recordAuditEvent(tx, { actorId: actor.id, entityType: "user", entityId: userId, action: "user.update", before, after });
  });
}

/**
 * Changes the actor's own password after checking the current one; other sessions of the
 * account end (sessionVersion moves on). A wrong current password counts as a failed sign-in of
 * the account, and a locked account cannot change its password: whoever holds a session (a
 * borrowed laptop, a stolen cookie) cannot guess the password through this form either.
 */
export async function changeOwnPassword(actorId: string, currentPassword: string, newPassword: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: actorId } });
  if (!user || user.disabled) throw new AppError("UNAUTHENTICATED");
  const email = normalizeEmail(user.email);
  if ((await lockoutOf(email, new Date())).locked) throw new AppError("LOCKED", "ACCOUNT_LOCKED");
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    await db.loginAttempt.create({ data: { email, success: false } });
    throw new AppError("INVALID_INPUT", "CURRENT_PASSWORD_WRONG");
  }
  const passwordHash = await hashPassword(newPassword);
  await writeTransaction(async (tx) => {
    await tx.user.update({ where: { id: actorId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAuditEvent(tx, { actorId, entityType: "user", entityId: actorId, action: "user.password_change" });
  });
}

/**
 * Sign-out: ends every session of the user that holds `sessionVersion`. next-auth's JWT sessions
 * are stateless (signing out only deletes the browser's cookie), so a copied cookie would stay
 * valid until it expires; moving the version on makes lib/auth/session.ts refuse it. Trade-off:
 * signing out ends the user's sessions in other browsers too. A token that is already stale
 * changes nothing, so an old copy cannot end the sessions that came after it. Returns whether
 * sessions were ended.
 */
export async function endSessions(userId: string, sessionVersion: number): Promise<boolean> {
  const res = await db.user.updateMany({ where: { id: userId, sessionVersion }, data: { sessionVersion: { increment: 1 } } });
  return res.count === 1;
}

/** For the CLI: creates or resets a user (admin bootstrap on a server without the seed). */
export async function upsertUserWithPassword(input: CreateUserInput): Promise<{ id: string; created: boolean }> {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    const user = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: { name: input.name, role: input.role, passwordHash, disabled: false, sessionVersion: { increment: 1 } },
          select: { id: true },
        })
      : await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash }, select: { id: true } });
    await recordAuditEvent(tx, {
      actorId: null,
      entityType: "user",
      entityId: user.id,
      action: existing ? "user.reset_cli" : "user.create_cli",
      after: { email: input.email, role: input.role },
    });
    return { id: user.id, created: !existing };
  });
}
