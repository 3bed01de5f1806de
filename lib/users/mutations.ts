import "server-only";
import { db, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { normalizeEmail, WINDOW_MS } from "@/lib/auth/lockout";
import { reserveAttempt } from "@/lib/auth/mutations";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { can, canManageUser } from "@/lib/auth/permissions";
import type { CreateUserInput } from "./schema";

type Actor = { id: string; role: string };

/**
 * Lifts a sign-in lock (admin): the failures of the window for that email (from every address) or
 * for that address (over every email) stop counting. Audited; lifting nothing is NOT_FOUND.
 */
export async function liftSignInLock(
  actor: Actor,
  target: { scope: "account" | "address"; key: string },
): Promise<{ lifted: number }> {
  if (!can(actor.role, "user:manage")) throw new AppError("FORBIDDEN", "FORBIDDEN");
  return writeTransaction(async (tx) => {
    const since = new Date(Date.now() - WINDOW_MS);
    const where = {
      counted: true,
      success: false,
      createdAt: { gt: since },
      ...(target.scope === "account"
        ? { email: normalizeEmail(target.key) }
        : { address: target.key }),
    };
    const res = await tx.loginAttempt.updateMany({ where, data: { counted: false } });
    if (res.count === 0) throw new AppError("NOT_FOUND");
    const user =
      target.scope === "account"
        ? await tx.user.findUnique({
            where: { email: normalizeEmail(target.key) },
            select: { id: true },
          })
        : null;
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
export async function createUser(
  actor: Actor | null,
  input: CreateUserInput,
): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    const existing = await tx.user.findUnique({
      where: { email: input.email },
      select: { id: true },
    });
    if (existing) throw new AppError("DUPLICATE", "a user with this email already exists");
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: { id: true, email: true, name: true, role: true },
    });
    await recordAuditEvent(tx, {
      actorId: actor?.id ?? null,
      entityType: "user",
      entityId: user.id,
      action: "user.create",
      after: user,
    });
    return { id: user.id };
  });
}

/**
 * Changes another user's role and/or disabled flag. Disabling ends their sessions at once
 * (sessionVersion moves on). Admins cannot change their own role or disable themselves.
 */
export async function updateUser(
  actor: Actor,
  userId: string,
  change: { role?: string; disabled?: boolean },
): Promise<void> {
  if (!canManageUser(actor, userId))
    throw new AppError("FORBIDDEN", "you cannot change your own role or disable yourself");
  await writeTransaction(async (tx) => {
    const before = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, role: true, disabled: true },
    });
    if (!before) throw new AppError("NOT_FOUND");
    const data: { role?: string; disabled?: boolean; sessionVersion?: { increment: number } } = {};
    if (change.role !== undefined && change.role !== before.role) data.role = change.role;
    if (change.disabled !== undefined && change.disabled !== before.disabled) {
      data.disabled = change.disabled;
      if (change.disabled) data.sessionVersion = { increment: 1 };
    }
    if (Object.keys(data).length === 0) return;
    const after = await tx.user.update({
      where: { id: userId },
      data,
      select: { id: true, role: true, disabled: true },
    });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "user",
      entityId: userId,
      action: "user.update",
      before,
      after,
    });
  });
}

/**
 * Changes the actor's own password after checking the current one; other sessions of the
 * account end (sessionVersion moves on). The check of the current password is a sign-in attempt
 * (reserved, counted and locked by the same rules), so a locked account cannot change its password: whoever holds a session (a
 * borrowed laptop, a stolen cookie) cannot guess the password through this form either.
 */
export async function changeOwnPassword(
  actorId: string,
  currentPassword: string,
  newPassword: string,
  address = "unknown",
): Promise<void> {
  const user = await db.user.findUnique({ where: { id: actorId } });
  if (!user || user.disabled) throw new AppError("UNAUTHENTICATED");
  const reservation = await reserveAttempt(
    normalizeEmail(user.email),
    address.slice(0, 100) || "unknown",
  );
  if (!reservation.ok) throw new AppError("LOCKED", "ACCOUNT_LOCKED");
  if (!(await verifyPassword(currentPassword, user.passwordHash)))
    throw new AppError("INVALID_INPUT", "CURRENT_PASSWORD_WRONG");
  await db.loginAttempt.update({ where: { id: reservation.attemptId }, data: { success: true } });
  const passwordHash = await hashPassword(newPassword);
  await writeTransaction(async (tx) => {
    await tx.user.update({
      where: { id: actorId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "user",
      entityId: actorId,
      action: "user.password_change",
    });
  });
}

/** For the CLI: creates or resets a user (admin bootstrap on a server without the seed). */
export async function upsertUserWithPassword(
  input: CreateUserInput,
): Promise<{ id: string; created: boolean }> {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    const existing = await tx.user.findUnique({
      where: { email: input.email },
      select: { id: true },
    });
    const user = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: {
            name: input.name,
            role: input.role,
            passwordHash,
            disabled: false,
            sessionVersion: { increment: 1 },
          },
          select: { id: true },
        })
      : await tx.user.create({
          data: { email: input.email, name: input.name, role: input.role, passwordHash },
          select: { id: true },
        });
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
