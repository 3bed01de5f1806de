"use server";
import { revalidatePath } from "next/cache";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import { choosePledgeLink, confirmPledgeLink, rejectPledgeLink } from "./mutations";
import { choosePledgeLinkSchema, decidePledgeLinkSchema } from "./schema";

const refresh = () => revalidatePath("/", "layout");

/** Analyst, reviewer, admin: confirm that a pledge repeats the earlier pledge its link names (audited). */
export async function confirmPledgeLinkAction(input: unknown) {
  return runGuardedAction(
    { permission: "pledge:edit", schema: decidePledgeLinkSchema, input, after: refresh },
    (user, data) => confirmPledgeLink(user, data),
  );
}

/** Analyst, reviewer, admin: reject a lineage link; the matcher never suggests it again (audited). */
export async function rejectPledgeLinkAction(input: unknown) {
  return runGuardedAction(
    { permission: "pledge:edit", schema: decidePledgeLinkSchema, input, after: refresh },
    (user, data) => rejectPledgeLink(user, data),
  );
}

/** Analyst, reviewer, admin: name the earlier pledge of the region a pledge repeats (audited). */
export async function choosePledgeLinkAction(input: unknown) {
  return runGuardedAction(
    { permission: "pledge:edit", schema: choosePledgeLinkSchema, input, after: refresh },
    (user, data) => choosePledgeLink(user, data),
  );
}
