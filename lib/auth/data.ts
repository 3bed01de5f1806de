import "server-only";
import { db } from "@/lib/db";

/**
 * The signed-in user behind a session token, or null when the account is gone, disabled, or the
 * session predates a password change (sessionVersion moved on).
 */
export async function findSessionUser(
  userId: string,
  sessionVersion: number,
): Promise<{ id: string; email: string; name: string; role: string } | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
