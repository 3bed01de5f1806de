"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requestClientKey } from "@/lib/ops/client-address";
import { AppError, type ActionResult } from "@/lib/app-error";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import { changeOwnPassword, createUser, liftSignInLock, updateUser } from "./mutations";
import { changePasswordSchema, createUserSchema, liftLockSchema, updateUserSchema } from "./schema";

/** Admin: create an account. Form fields: email, name, role, password. */
export async function createUserAction(
  _prev: unknown,
  form: FormData,
): Promise<ActionResult<{ id: string }>> {
  const input = {
    email: form.get("email"),
    name: form.get("name"),
    role: form.get("role"),
    password: form.get("password"),
  };
  return runGuardedAction(
    {
      permission: "user:manage",
      schema: createUserSchema,
      input,
      after: () => revalidatePath("/admin/users"),
    },
    (user, data) => createUser(user, data),
  );
}

/** Admin: change another user's role or disabled flag (never their own). */
export async function updateUserAction(input: {
  userId: string;
  role?: string;
  disabled?: boolean;
}): Promise<ActionResult> {
  return runGuardedAction(
    {
      permission: "user:manage",
      schema: updateUserSchema,
      input,
      after: () => revalidatePath("/admin/users"),
    },
    async (user, data) => {
      if (data.userId === user.id) throw new AppError("FORBIDDEN", "SELF_CHANGE");
      await updateUser(user, data.userId, data);
      return undefined;
    },
  );
}

/** Any signed-in user: change their own password (ends their sessions; they sign in again). */
export async function changePasswordAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const input = {
    currentPassword: form.get("currentPassword"),
    newPassword: form.get("newPassword"),
    confirmPassword: form.get("confirmPassword"),
  };
  // Every role holds report:read: any signed-in account may change its own password.
  return runGuardedAction(
    { permission: "report:read", schema: changePasswordSchema, input },
    async (user, data) => {
      await changeOwnPassword(
        user.id,
        data.currentPassword,
        data.newPassword,
        requestClientKey(await headers()),
      );
      return undefined;
    },
  );
}

/** Admin: lift a sign-in lock (an account's, from every address, or an address's). */
export async function liftSignInLockAction(input: {
  scope: "account" | "address";
  key: string;
}): Promise<ActionResult<{ lifted: number }>> {
  return runGuardedAction(
    {
      permission: "user:manage",
      schema: liftLockSchema,
      input,
      after: () => revalidatePath("/admin/users"),
    },
    (user, data) => liftSignInLock(user, data),
  );
}
