"use server";
import { revalidatePath } from "next/cache";
import {
  AppError,
  fail,
  toActionError,
  type ActionError,
  type ActionResult,
} from "@/lib/app-error";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import {
  adjustPledgeSpan,
  bulkSetPledgesExcluded,
  bulkSetPledgesTier,
  createPledge,
  deletePledge,
  mergePledges,
  previewNewPledge,
  setPledgeExcluded,
  setPledgeTier,
  setPledgeTitle,
  splitPledge,
  updatePledge,
} from "./mutations";
import {
  adjustPledgeSpanSchema,
  bulkSetPledgesExcludedSchema,
  bulkSetPledgesTierSchema,
  createPledgeSchema,
  deletePledgeSchema,
  mergePledgeSchema,
  setPledgeExcludedSchema,
  setPledgeTierSchema,
  setPledgeTitleSchema,
  splitPledgeSchema,
  updatePledgeSchema,
  type NewPledgePreview,
} from "./schema";

/**
 * Like toActionError, but an overlap keeps the pledge it overlaps (fieldErrors.overlapWith =
 * [id, text]) so the page can name it and select it.
 */
function toPledgeActionError(e: unknown): ActionError {
  if (e instanceof AppError && e.message === "PLEDGE_OVERLAP" && e.details) {
    return fail("INVALID_INPUT", "PLEDGE_OVERLAP", {
      overlapWith: [String(e.details.pledgeId), String(e.details.text).slice(0, 200)],
    });
  }
  return toActionError(e);
}

const pledgeEdit = {
  permission: "pledge:edit" as const,
  mapError: toPledgeActionError,
  after: (d: { reportId: string }) => revalidatePath(`/reports/${d.reportId}`),
};

/** Analyst and up: split a pledge at source offset `at`. Returns both parts' ids and whether the first's verdict was reopened. */
export async function splitPledgeAction(
  input: unknown,
): Promise<ActionResult<{ firstId: string; secondId: string; reopened: boolean }>> {
  return runGuardedAction({ ...pledgeEdit, schema: splitPledgeSchema, input }, splitPledge);
}

/** Analyst and up: merge a pledge with the one directly after it (refused when the next has a verdict). Returns the merged pledge's id and whether its verdict was reopened. */
export async function mergePledgesAction(
  input: unknown,
): Promise<ActionResult<{ id: string; reopened: boolean }>> {
  return runGuardedAction({ ...pledgeEdit, schema: mergePledgeSchema, input }, mergePledges);
}

/** Analyst and up: change a pledge's kind and/or target (null clears the target); a submitted or approved verdict is reopened. */
export async function updatePledgeAction(
  input: unknown,
): Promise<ActionResult<{ id: string; version: number; reopened: boolean }>> {
  return runGuardedAction({ ...pledgeEdit, schema: updatePledgeSchema, input }, updatePledge);
}

/** Analyst and up: delete a pledge (refused while its verdict is submitted or approved). */
export async function deletePledgeAction(input: unknown): Promise<ActionResult<undefined>> {
  return runGuardedAction(
    { ...pledgeEdit, schema: deletePledgeSchema, input },
    async (user, data) => {
      await deletePledge(user, data);
      return undefined;
    },
  );
}

/** Analyst and up: what adding a pledge over source [start, end) would save, without saving it (the add bar's preview). */
export async function previewPledgeAction(input: unknown): Promise<ActionResult<NewPledgePreview>> {
  return runGuardedAction({ ...pledgeEdit, schema: createPledgeSchema, input }, previewNewPledge);
}

/** Analyst and up: add a pledge over source [start, end) (trimmed; overlaps refused). */
export async function createPledgeAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runGuardedAction({ ...pledgeEdit, schema: createPledgeSchema, input }, createPledge);
}

/** Analyst and up: set a pledge's tier by hand (or "auto": back to the parser's); a submitted or approved verdict is reopened when the tier changes. */
export async function setPledgeTierAction(
  input: unknown,
): Promise<ActionResult<{ id: string; version: number; reopened: boolean }>> {
  return runGuardedAction({ ...pledgeEdit, schema: setPledgeTierSchema, input }, setPledgeTier);
}

/** Analyst and up: mark a pledge "not a pledge" or restore it (refused while its verdict is submitted or approved). */
export async function setPledgeExcludedAction(
  input: unknown,
): Promise<ActionResult<{ id: string; version: number }>> {
  return runGuardedAction(
    { ...pledgeEdit, schema: setPledgeExcludedSchema, input },
    setPledgeExcluded,
  );
}

/** Analyst and up: move a pledge's span boundaries (overlaps and spans outside the report refused); a submitted or approved verdict is reopened. */
export async function adjustPledgeSpanAction(
  input: unknown,
): Promise<
  ActionResult<{ id: string; version: number; reopened: boolean; start: number; end: number }>
> {
  return runGuardedAction(
    { ...pledgeEdit, schema: adjustPledgeSpanSchema, input },
    adjustPledgeSpan,
  );
}

/** Analyst and up: set or clear (null or blank) a pledge's short title. */
export async function setPledgeTitleAction(
  input: unknown,
): Promise<ActionResult<{ id: string; version: number }>> {
  return runGuardedAction({ ...pledgeEdit, schema: setPledgeTitleSchema, input }, setPledgeTitle);
}

/** Analyst and up: mark many pledges of one report "not a pledge", or restore them; refusals are skipped and reported. */
export async function bulkSetPledgesExcludedAction(
  input: unknown,
): Promise<ActionResult<{ updated: number; skipped: { pledgeId: string; reason: string }[] }>> {
  return runGuardedAction(
    { ...pledgeEdit, schema: bulkSetPledgesExcludedSchema, input },
    bulkSetPledgesExcluded,
  );
}

/** Analyst and up: set the tier of many pledges of one report; pledges whose reviewed verdict it would reopen are skipped and reported. */
export async function bulkSetPledgesTierAction(
  input: unknown,
): Promise<ActionResult<{ updated: number; skipped: { pledgeId: string; reason: string }[] }>> {
  return runGuardedAction(
    { ...pledgeEdit, schema: bulkSetPledgesTierSchema, input },
    bulkSetPledgesTier,
  );
}
