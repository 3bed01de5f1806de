import "server-only";
import { databaseEngine, db, type Tx, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { evaluateSignIn, normalizeEmail, signInLimits, WINDOW_MS, type LockoutState, type SignInAttempt } from "@/lib/auth/lockout";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { can, canManageUser } from "@/lib/auth/permissions";
import type { CreateUserInput } from "./schema";

type Actor = { id: string; role: string };

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; code: "INVALID" | "LOCKED" | "DISABLED"; retryAfterMs?: number };

/** The counted attempts of the window that concern an email or an address. */
async function attemptsOf(tx: Tx, email: string, address: string, now: Date): Promise<SignInAttempt[]> {
  const rows = await tx.loginAttempt.findMany({
    where: { counted: true, createdAt: { gt: new Date(now.getTime() - WINDOW_MS) }, OR: [{ email }, { address, success: false }] },
    select: { email: true, address: true, success: true, createdAt: true },
  });
  return rows.map((r) => ({ email: r.email, address: r.address, success: r.success, at: r.createdAt }));
}

/**
 * Reserves one password check for `email` from `address`: in one write transaction, serialised
 * across processes (SQLite's write lock; a PostgreSQL advisory lock), it applies the lockout rules
 * and, when they allow, records the attempt as a failure *before* the password is hashed. So
 * however many sign-ins arrive at once, at most the limit are ever checked: each later one sees the
 * reservations of those before it. The caller turns the reservation into a success afterwards.
 */
async function reserveAttempt(email: string, address: string): Promise<{ ok: true; attemptId: string } | { ok: false; state: LockoutState & { locked: true } }> {
  return writeTransaction(async (tx) => {
    if (databaseEngine() === "postgresql") await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${SIGN_IN_LOCK_KEY})::text`);
    const now = new Date();
    const state = evaluateSignIn(await attemptsOf(tx, email, address, now), { email, address }, now, signInLimits());
    if (state.locked) return { ok: false as const, state };
    const attempt = await tx.loginAttempt.create({ data: { email, address, success: false }, select: { id: true } });
    return { ok: true as const, attemptId: attempt.id };
  });
}

/** PostgreSQL advisory lock key of the sign-in reservations (an arbitrary constant of this app). */
const SIGN_IN_LOCK_KEY = 734_201_001;

/**
 * Checks an email and password from a client address (lib/ops/client-address.ts; "unknown" from
 * the CLI), under the lockout rules of lib/auth/lockout.ts. A locked attempt is refused without
 * looking at the password and is not recorded (hammering does not extend the lock).
 */
export async function signInWithPassword(rawEmail: string, password: string, address = "unknown"): Promise<SignInResult> {
  const email = normalizeEmail(String(rawEmail)).slice(0, 200);
  const reservation = await reserveAttempt(email, address.slice(0, 100) || "unknown");
  if (!reservation.ok) return { ok: false, code: "LOCKED", retryAfterMs: reservation.state.retryAfterMs };

  const user = email ? await db.user.findUnique({ where: { email } }) : null;
  const valid =
    user && typeof password === "string" && password.length > 0 && password.length <= 200
      ? await verifyPassword(password, user.passwordHash)
      : await verifyAgainstDummy(String(password ?? ""));
  if (!valid || !user) return { ok: false, code: "INVALID" };
  if (user.disabled) return { ok: false, code: "DISABLED" };
  await db.loginAttempt.update({ where: { id: reservation.attemptId }, data: { success: true } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

/**
 * Lifts a sign-in lock (admin): the failures of the window for that email (from every address) or
 * for that address (over every email) stop counting. Audited; lifting nothing is NOT_FOUND.
 */
export async function liftSignInLock(actor: Actor, target: { scope: "account" | "address"; key: string }): Promise<{ lifted: number }> {
  if (!can(actor.role, "user:manage")) throw new AppError("FORBIDDEN", "FORBIDDEN");
  return writeTransaction(async (tx) => {
    const since = new Date(Date.now() - WINDOW_MS);
    const where = { counted: true, success: false, createdAt: { gt: since }, ...(target.scope === "account" ? { email: normalizeEmail(target.key) } : { address: target.key }) };
    const res = await tx.loginAttempt.updateMany({ where, data: { counted: false } });
    if (res.count === 0) throw new AppError("NOT_FOUND");
    const user = target.scope === "account" ? await tx.user.findUnique({ where: { email: normalizeEmail(target.key) }, select: { id: true } }) : null;
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "user",
      entityId: user?.id ?? target.key,
      action: "user.unlock",
      after: { scope: target.scope, key: target.key, failures: res.count },
    });
    return { lifted: res.count };
  });
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
 * account end (sessionVersion moves on). The check of the current password is a sign-in attempt
 * (reserved, counted and locked by the same rules), so a locked account cannot change its password: whoever holds a session (a
 * borrowed laptop, a stolen cookie) cannot guess the password through this form either.
 */
export async function changeOwnPassword(actorId: string, currentPassword: string, newPassword: string, address = "unknown"): Promise<void> {
  const user = await db.user.findUnique({ where: { id: actorId } });
  if (!user || user.disabled) throw new AppError("UNAUTHENTICATED");
  const reservation = await reserveAttempt(normalizeEmail(user.email), address.slice(0, 100) || "unknown");
  if (!reservation.ok) throw new AppError("LOCKED", "ACCOUNT_LOCKED");
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new AppError("INVALID_INPUT", "CURRENT_PASSWORD_WRONG");
  await db.loginAttempt.update({ where: { id: reservation.attemptId }, data: { success: true } });
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
