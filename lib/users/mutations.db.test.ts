import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES, MAX_FAILURES } from "@/lib/auth/lockout";
import { findSessionUser } from "@/lib/auth/data";
import { endSessions, signInWithPassword } from "@/lib/auth/mutations";
import { listSignInLocks } from "./data";
import { changeOwnPassword, createUser, liftSignInLock, updateUser } from "./mutations";

let n = 0;
const uniqueEmail = () => `user-${process.pid}-${Date.now()}-${n++}@test.local`;

describe("signInWithPassword (real database)", () => {
  it("accepts the right password and records the attempt", async () => {
    const email = uniqueEmail();
    await createUser(null, { email, name: "A", role: "analyst", password: "correct-password" });
    const res = await signInWithPassword(email.toUpperCase(), "correct-password");
    expect(res.ok).toBe(true);
    expect(await db.loginAttempt.count({ where: { email, success: true } })).toBe(1);
  });

  it("locks after 5 failures, refusing even the right password, without extending the lock", async () => {
    const email = uniqueEmail();
    await createUser(null, { email, name: "B", role: "viewer", password: "correct-password" });
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await signInWithPassword(email, `wrong-${i}`)).toEqual({ ok: false, code: "INVALID" });
    }
    const locked = await signInWithPassword(email, "correct-password");
    expect(locked.ok).toBe(false);
    if (!locked.ok) {
      expect(locked.code).toBe("LOCKED");
      expect(locked.retryAfterMs).toBeGreaterThan(14 * 60_000);
    }
    // Refused attempts are not recorded, so hammering a locked account does not extend the lock.
    expect(await db.loginAttempt.count({ where: { email } })).toBe(MAX_FAILURES);
  });

  it("locks unknown emails too (no hint which emails exist)", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < MAX_FAILURES; i++) await signInWithPassword(email, "whatever-password");
    const res = await signInWithPassword(email, "whatever-password");
    expect(res).toMatchObject({ ok: false, code: "LOCKED" });
  });

  it("failures before a successful sign-in do not count", async () => {
    const email = uniqueEmail();
    await createUser(null, { email, name: "C", role: "viewer", password: "correct-password" });
    for (let i = 0; i < MAX_FAILURES - 1; i++) await signInWithPassword(email, "wrong-password");
    expect((await signInWithPassword(email, "correct-password")).ok).toBe(true);
    for (let i = 0; i < MAX_FAILURES - 1; i++) await signInWithPassword(email, "wrong-password");
    expect((await signInWithPassword(email, "correct-password")).ok).toBe(true);
  });

  it("100 guesses at once: at most 5 passwords are checked, the rest are refused as locked (the attack of issue 12)", async () => {
    const email = uniqueEmail();
    await createUser(null, { email, name: "Race", role: "admin", password: "correct-password" });
    const guesses = Array.from({ length: 99 }, (_, i) => `wrong-${i}`).concat("correct-password");
    const results = await Promise.all(
      guesses.map((pw) => signInWithPassword(email, pw, "203.0.113.5")),
    );
    const checked = results.filter((r) => r.ok || r.code === "INVALID");
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(results.filter((r) => !r.ok && r.code === "LOCKED").length).toBeGreaterThanOrEqual(
      100 - MAX_FAILURES,
    );
    // Every check left its reservation: the attempts recorded are the passwords checked.
    expect(await db.loginAttempt.count({ where: { email } })).toBe(checked.length);
    // The right password came last: it was never checked.
    expect(results.at(-1)).toMatchObject({ ok: false, code: "LOCKED" });
  });

  it("a stranger's guesses lock the account for the stranger's address only; 20 from anywhere lock it everywhere", async () => {
    const email = uniqueEmail();
    await createUser(null, { email, name: "Owner", role: "admin", password: "correct-password" });
    for (let i = 0; i < MAX_FAILURES; i++)
      await signInWithPassword(email, `guess-${i}`, "203.0.113.5");
    expect(await signInWithPassword(email, "correct-password", "203.0.113.5")).toMatchObject({
      ok: false,
      code: "LOCKED",
    });
    expect((await signInWithPassword(email, "correct-password", "198.51.100.7")).ok).toBe(true);
    // Spread over four more addresses, the guesses reach the account-wide limit.
    // (Recorded directly but for the last one: each real check costs a bcrypt hash.)
    await db.loginAttempt.createMany({
      data: Array.from({ length: ACCOUNT_MAX_FAILURES - 1 }, (_, i) => ({
        email,
        address: `192.0.2.${i % 4}`,
        success: false,
      })),
    });
    expect(await signInWithPassword(email, "guess-last", "192.0.2.3")).toMatchObject({
      ok: false,
      code: "INVALID",
    });
    expect(await signInWithPassword(email, "correct-password", "198.51.100.7")).toMatchObject({
      ok: false,
      code: "LOCKED",
    });
    expect(await listSignInLocks()).toContainEqual(
      expect.objectContaining({ scope: "account", key: email, addresses: 5 }),
    );
  });

  it("an address that sprays many accounts is locked, and an admin can see and lift locks (audited)", async () => {
    const address = `198.18.${process.pid % 250}.${n % 250}`;
    const admin = await createUser(null, {
      email: uniqueEmail(),
      name: "Admin",
      role: "admin",
      password: "admin-password",
    });
    const victim = uniqueEmail();
    await createUser(null, {
      email: victim,
      name: "Victim",
      role: "analyst",
      password: "correct-password",
    });
    await db.loginAttempt.createMany({
      data: Array.from({ length: ADDRESS_MAX_FAILURES - 1 }, () => ({
        email: uniqueEmail(),
        address,
        success: false,
      })),
    });
    expect(await signInWithPassword(uniqueEmail(), "password123", address)).toMatchObject({
      ok: false,
      code: "INVALID",
    });
    expect(await signInWithPassword(victim, "correct-password", address)).toMatchObject({
      ok: false,
      code: "LOCKED",
    });
    expect(await listSignInLocks()).toContainEqual(
      expect.objectContaining({ scope: "address", key: address, failures: ADDRESS_MAX_FAILURES }),
    );

    await expect(
      liftSignInLock({ id: admin.id, role: "analyst" }, { scope: "address", key: address }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(
      await liftSignInLock({ id: admin.id, role: "admin" }, { scope: "address", key: address }),
    ).toEqual({ lifted: ADDRESS_MAX_FAILURES });
    expect((await signInWithPassword(victim, "correct-password", address)).ok).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "user.unlock", actorId: admin.id } })).toBe(
      1,
    );
    await expect(
      liftSignInLock({ id: admin.id, role: "admin" }, { scope: "address", key: address }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a disabled account with DISABLED", async () => {
    const email = uniqueEmail();
    const admin = await createUser(null, {
      email: uniqueEmail(),
      name: "Admin",
      role: "admin",
      password: "admin-password",
    });
    const { id } = await createUser(null, {
      email,
      name: "D",
      role: "analyst",
      password: "correct-password",
    });
    await updateUser({ id: admin.id, role: "admin" }, id, { disabled: true });
    expect(await signInWithPassword(email, "correct-password")).toEqual({
      ok: false,
      code: "DISABLED",
    });
  });
});

describe("user management (real database)", () => {
  it("refuses a duplicate email", async () => {
    const email = uniqueEmail();
    await createUser(null, { email, name: "E", role: "analyst", password: "correct-password" });
    await expect(
      createUser(null, { email, name: "E2", role: "admin", password: "correct-password" }),
    ).rejects.toMatchObject({ code: "DUPLICATE" });
  });

  it("records role changes in the audit trail, and ends sessions of a disabled user", async () => {
    const admin = await createUser(null, {
      email: uniqueEmail(),
      name: "Admin",
      role: "admin",
      password: "admin-password",
    });
    const { id } = await createUser(null, {
      email: uniqueEmail(),
      name: "F",
      role: "viewer",
      password: "correct-password",
    });
    expect(await findSessionUser(id, 1)).not.toBeNull();
    await updateUser({ id: admin.id, role: "admin" }, id, { role: "analyst" });
    const event = await db.auditEvent.findFirst({ where: { entityId: id, action: "user.update" } });
    expect(JSON.parse(event!.before!)).toMatchObject({ role: "viewer" });
    expect(JSON.parse(event!.after!)).toMatchObject({ role: "analyst" });
    await updateUser({ id: admin.id, role: "admin" }, id, { disabled: true });
    expect(await findSessionUser(id, 1)).toBeNull();
  });

  it("an admin cannot demote or disable themselves", async () => {
    const admin = await createUser(null, {
      email: uniqueEmail(),
      name: "Admin",
      role: "admin",
      password: "admin-password",
    });
    await expect(
      updateUser({ id: admin.id, role: "admin" }, admin.id, { role: "viewer" }),
    ).rejects.toBeInstanceOf(AppError);
    expect((await db.user.findUnique({ where: { id: admin.id } }))!.role).toBe("admin");
  });

  it("changing the password needs the current one and ends old sessions", async () => {
    const email = uniqueEmail();
    const { id } = await createUser(null, {
      email,
      name: "G",
      role: "analyst",
      password: "first-password",
    });
    await expect(changeOwnPassword(id, "wrong", "second-password")).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await changeOwnPassword(id, "first-password", "second-password");
    expect(await findSessionUser(id, 1)).toBeNull();
    expect((await signInWithPassword(email, "first-password")).ok).toBe(false);
    expect((await signInWithPassword(email, "second-password")).ok).toBe(true);
  });

  it("wrong current passwords count toward the lockout: five lock the account, for the form and for sign-in", async () => {
    const email = uniqueEmail();
    const { id } = await createUser(null, {
      email,
      name: "L",
      role: "analyst",
      password: "first-password",
    });
    for (let i = 0; i < MAX_FAILURES; i++) {
      await expect(changeOwnPassword(id, `guess-${i}`, "second-password")).rejects.toMatchObject({
        code: "INVALID_INPUT",
        message: "CURRENT_PASSWORD_WRONG",
      });
    }
    await expect(changeOwnPassword(id, "first-password", "second-password")).rejects.toMatchObject({
      code: "LOCKED",
      message: "ACCOUNT_LOCKED",
    });
    expect(await signInWithPassword(email, "first-password")).toMatchObject({
      ok: false,
      code: "LOCKED",
    });
    // Nothing changed: the session and the password are as they were.
    expect(await findSessionUser(id, 1)).not.toBeNull();
  });

  it("sign-out ends every session of the version it names; an old token ends nothing newer", async () => {
    const { id } = await createUser(null, {
      email: uniqueEmail(),
      name: "S",
      role: "analyst",
      password: "correct-password",
    });
    expect(await findSessionUser(id, 1)).not.toBeNull();
    expect(await endSessions(id, 1)).toBe(true);
    expect(await findSessionUser(id, 1)).toBeNull();
    expect(await findSessionUser(id, 2)).not.toBeNull();
    // Signing out with a copy of the old token again does not end the session that came after.
    expect(await endSessions(id, 1)).toBe(false);
    expect(await findSessionUser(id, 2)).not.toBeNull();
    expect(await endSessions("no-such-user", 1)).toBe(false);
  });
});
