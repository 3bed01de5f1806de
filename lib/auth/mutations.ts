import "server-only";
import { databaseEngine, db, type Tx, writeTransaction } from "@/lib/db";
import {
  evaluateSignIn,
  normalizeEmail,
  signInLimits,
  WINDOW_MS,
  type LockoutState,
  type SignInAttempt,
} from "./lockout";
import { verifyAgainstDummy, verifyPassword } from "./password";

/*
 * Authentication's writes: password checks under the lockout, and ending sessions. Account
 * management (create, change, lift a lock) is lib/users, which builds on these; lib/auth imports
 * nothing of lib/users.
 */

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; code: "INVALID" | "LOCKED" | "DISABLED"; retryAfterMs?: number };

/** The counted attempts of the window that concern an email or an address. */
async function attemptsOf(
  tx: Tx,
  email: string,
  address: string,
  now: Date,
): Promise<SignInAttempt[]> {
  const rows = await tx.loginAttempt.findMany({
    where: {
      counted: true,
      createdAt: { gt: new Date(now.getTime() - WINDOW_MS) },
      OR: [{ email }, { address, success: false }],
    },
    select: { email: true, address: true, success: true, createdAt: true },
  });
  return rows.map((r) => ({
    email: r.email,
    address: r.address,
    success: r.success,
    at: r.createdAt,
  }));
}

/**
 * Reserves one password check for `email` from `address`: in one write transaction, serialised
 * across processes (SQLite's write lock; a PostgreSQL advisory lock), it applies the lockout rules
 * and, when they allow, records the attempt as a failure *before* the password is hashed. So
 * however many sign-ins arrive at once, at most the limit are ever checked: each later one sees the
 * reservations of those before it. The caller turns the reservation into a success afterwards.
 */
export async function reserveAttempt(
  email: string,
  address: string,
): Promise<
  { ok: true; attemptId: string } | { ok: false; state: LockoutState & { locked: true } }
> {
  return writeTransaction(async (tx) => {
    if (databaseEngine() === "postgresql")
      await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${SIGN_IN_LOCK_KEY})::text`);
    const now = new Date();
    const state = evaluateSignIn(
      await attemptsOf(tx, email, address, now),
      { email, address },
      now,
      signInLimits(),
    );
    if (state.locked) return { ok: false as const, state };
    const attempt = await tx.loginAttempt.create({
      data: { email, address, success: false },
      select: { id: true },
    });
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
export async function signInWithPassword(
  rawEmail: string,
  password: string,
  address = "unknown",
): Promise<SignInResult> {
  const email = normalizeEmail(String(rawEmail)).slice(0, 200);
  const reservation = await reserveAttempt(email, address.slice(0, 100) || "unknown");
  if (!reservation.ok)
    return { ok: false, code: "LOCKED", retryAfterMs: reservation.state.retryAfterMs };

  const user = email ? await db.user.findUnique({ where: { email } }) : null;
  const valid =
    user && typeof password === "string" && password.length > 0 && password.length <= 200
      ? await verifyPassword(password, user.passwordHash)
      : await verifyAgainstDummy(String(password ?? ""));
  if (!valid || !user) return { ok: false, code: "INVALID" };
  if (user.disabled) return { ok: false, code: "DISABLED" };
  await db.loginAttempt.update({ where: { id: reservation.attemptId }, data: { success: true } });
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion },
  };
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
  const res = await db.user.updateMany({
    where: { id: userId, sessionVersion },
    data: { sessionVersion: { increment: 1 } },
  });
  return res.count === 1;
}
