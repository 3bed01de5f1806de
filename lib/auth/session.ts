import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "./options";
import { can, type Permission } from "./permissions";
import { fail, type ActionError } from "@/lib/app-error";

export type CurrentUser = { id: string; email: string; name: string; role: string };

/**
 * The signed-in user, read fresh from the database on every call by the session callback of
 * lib/auth/options.ts (role and disabled flag are never trusted from the token). Null when signed
 * out, disabled, or the session is stale.
 *
 * Memoised for one server render (React `cache`): the layout and the page both ask, and each ask
 * would decrypt the token and read the account again. A server action or route handler runs outside
 * a render, where `cache` does not memoise, so each of them still reads afresh.
 */
export const getCurrentUser = cache(async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as Partial<CurrentUser> | undefined;
  if (!user?.id || !user.email || !user.role) return null;
  return { id: user.id, email: user.email, name: user.name ?? "", role: user.role };
});

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requirePageUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages: the signed-in user holding `permission`, or the 403 page. */
export async function requirePagePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requirePageUser();
  if (!can(user.role, permission)) forbidden();
  return user;
}

/**
 * For server actions and route handlers, which are entry points of their own: the signed-in user
 * holding `permission`, or an ActionError to return as is.
 */
export async function authorizeAction(
  permission: Permission,
): Promise<{ ok: true; user: CurrentUser } | ActionError> {
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED");
  if (!can(user.role, permission)) return fail("FORBIDDEN");
  return { ok: true, user };
}
