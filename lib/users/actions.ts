"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requestClientKey } from "@/lib/ops/client-address";
import { authorizeAction, getCurrentUser } from "@/lib/auth/session";
import { fail, ok, toActionError, type ActionResult } from "@/lib/app-error";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import { changeOwnPassword, createUser, liftSignInLock, updateUser } from "./mutations";
import { changePasswordSchema, createUserSchema, liftLockSchema, updateUserSchema } from "./schema";
import { z } from "zod";

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  return z.flattenError(error).fieldErrors as Record<string, string[]>;
}

/** Admin: create an account. Form fields: email, name, role, password. */
export async function createUserAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string }>> {
  const auth = await authorizeAction("user:manage");
  if (!auth.ok) return auth;
  const parsed = createUserSchema.safeParse({
    email: form.get("email"),
    name: form.get("name"),
    role: form.get("role"),
    password: form.get("password"),
  });
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrors(parsed.error));
  try {
    const created = await createUser(auth.user, parsed.data);
    revalidatePath("/admin/users");
    return ok(created);
  } catch (e) {
    return toActionError(e);
  }
}

/** Admin: change another user's role or disabled flag. */
export async function updateUserAction(input: { userId: string; role?: string; disabled?: boolean }): Promise<ActionResult> {
  const auth = await authorizeAction("user:manage");
  if (!auth.ok) return auth;
  const parsed = updateUserSchema.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrors(parsed.error));
  if (parsed.data.userId === auth.user.id) return fail("FORBIDDEN", "SELF_CHANGE");
  try {
    await updateUser(auth.user, parsed.data.userId, parsed.data);
    revalidatePath("/admin/users");
    return ok(undefined);
  } catch (e) {
    return toActionError(e);
  }
}

/** Any signed-in user: change their own password (ends their sessions; they sign in again). */
export async function changePasswordAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED");
  const parsed = changePasswordSchema.safeParse({
    currentPassword: form.get("currentPassword"),
    newPassword: form.get("newPassword"),
    confirmPassword: form.get("confirmPassword"),
  });
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrors(parsed.error));
  try {
    await changeOwnPassword(user.id, parsed.data.currentPassword, parsed.data.newPassword, requestClientKey(await headers()));
    return ok(undefined);
  } catch (e) {
    return toActionError(e);
  }
}

/** Admin: lift a sign-in lock (an account's, from every address, or an address's). */
export async function liftSignInLockAction(input: { scope: "account" | "address"; key: string }): Promise<ActionResult<{ lifted: number }>> {
  return runGuardedAction(
    { permission: "user:manage", schema: liftLockSchema, input, after: () => revalidatePath("/admin/users") },
    (user, data) => liftSignInLock(user, data),
  );
}
