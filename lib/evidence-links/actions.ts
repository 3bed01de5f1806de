"use server";
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/app-error";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import { linkExternalEvidence, linkReviewEvidence, unlinkEvidence } from "./mutations";
import { linkExternalSchema, linkReviewSpanSchema, unlinkSchema } from "./schema";

const linking = {
  permission: "evidence:link" as const,
  after: () => revalidatePath("/reports", "layout"),
};

/** Links a span of the next year's review (a suggestion or a hand selection) to a pledge; `reopened`: its submitted or approved verdict went back to draft. */
export async function linkReviewEvidenceAction(
  input: unknown,
): Promise<ActionResult<{ id: string; reopened: boolean }>> {
  return runGuardedAction({ ...linking, schema: linkReviewSpanSchema, input }, (user, data) =>
    linkReviewEvidence(user.id, data),
  );
}

/** Links an external source to a pledge; `reopened` as above. */
export async function linkExternalEvidenceAction(
  input: unknown,
): Promise<ActionResult<{ id: string; reopened: boolean }>> {
  return runGuardedAction({ ...linking, schema: linkExternalSchema, input }, (user, data) =>
    linkExternalEvidence(user.id, data),
  );
}

/** Unlinks an evidence item from a pledge (recorded in the audit trail); `reopened` as above. */
export async function unlinkEvidenceAction(
  input: unknown,
): Promise<ActionResult<{ reopened: boolean }>> {
  return runGuardedAction({ ...linking, schema: unlinkSchema, input }, (user, data) =>
    unlinkEvidence(user.id, data),
  );
}
