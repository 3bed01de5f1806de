"use server";
import { revalidatePath } from "next/cache";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import { setPairing } from "./mutations";
import { setPairingSchema } from "./schema";

/** Reviewer/admin: sets, clears, or hands back to the automatic rule which report reviews this report's plan. */
export async function setPairingAction(input: unknown) {
  return runGuardedAction(
    {
      permission: "pairing:edit",
      schema: setPairingSchema,
      input,
      after: () => revalidatePath("/", "layout"),
    },
    async (user, data) => {
      await setPairing(user.id, data);
    },
  );
}
