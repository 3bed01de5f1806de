import "server-only";
import { db } from "@/lib/db";
import { listActiveLocks, signInLimits, WINDOW_MS, type ActiveLock } from "@/lib/auth/lockout";
import type { UserDto } from "./schema";

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  createdAt: true,
} as const;

function toDto(u: {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  createdAt: Date;
}): UserDto {
  return { ...u, createdAt: u.createdAt.toISOString() };
}

/** All users, admins first then by email; for the admin page. */
export async function listUsers(): Promise<UserDto[]> {
  const rows = await db.user.findMany({ select: userSelect, orderBy: [{ email: "asc" }] });
  const order = { admin: 0, reviewer: 1, analyst: 2, viewer: 3 } as Record<string, number>;
  return rows
    .map(toDto)
    .sort((a, b) => (order[a.role] ?? 9) - (order[b.role] ?? 9) || a.email.localeCompare(b.email));
}

/** Users who can be assigned work (analysts and up, enabled). */
export async function listAssignableUsers(): Promise<
  Pick<UserDto, "id" | "name" | "email" | "role">[]
> {
  return db.user.findMany({
    where: { disabled: false, role: { in: ["admin", "reviewer", "analyst"] } },
    select: { id: true, name: true, email: true, role: true },
    orderBy: { name: "asc" },
  });
}

/** The sign-in locks in force now, longest first (admin: Users page). */
export async function listSignInLocks(): Promise<ActiveLock[]> {
  const now = new Date();
  const rows = await db.loginAttempt.findMany({
    where: { counted: true, createdAt: { gt: new Date(now.getTime() - WINDOW_MS) } },
    select: { email: true, address: true, success: true, createdAt: true },
  });
  return listActiveLocks(
    rows.map((r) => ({ email: r.email, address: r.address, success: r.success, at: r.createdAt })),
    now,
    signInLimits(),
  );
}
