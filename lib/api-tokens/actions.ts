"use server";
import { revalidatePath } from "next/cache";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import { createApiToken, revokeApiToken } from "./mutations";
import { createApiTokenSchema, revokeApiTokenSchema } from "./schema";

// Every role holds report:read, and a token reads no more than its owner may: any account may have tokens.

/** Creates a read-only API token for the caller; the reply holds the token, shown once. */
export async function createApiTokenAction(input: unknown) {
  return runGuardedAction(
    {
      permission: "report:read",
      schema: createApiTokenSchema,
      input,
      after: () => revalidatePath("/account"),
    },
    (user, data) => createApiToken(user.id, data),
  );
}

/** Revokes one of the caller's tokens. */
export async function revokeApiTokenAction(input: unknown) {
  return runGuardedAction(
    {
      permission: "report:read",
      schema: revokeApiTokenSchema,
      input,
      after: () => revalidatePath("/account"),
    },
    (user, data) => revokeApiToken(user.id, data),
  );
}
