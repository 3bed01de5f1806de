"use server";
import { revalidatePath } from "next/cache";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import { matchRegion } from "./data";
import { mergeRegions, updateRegion } from "./mutations";
import { matchRegionSchema, mergeRegionsSchema, updateRegionSchema } from "./schema";

/**
 * What a region name matches (an existing region, a question, or a new region): the import
 * preview and the report editor ask again when an analyst types another name. Reads only.
 */
export async function matchRegionAction(input: unknown) {
  return runGuardedAction(
    { permission: "report:read", schema: matchRegionSchema, input },
    (_user, data) => matchRegion(data.name),
  );
}

/** Admin: corrects a region record (name, short form, level, parent); audited. */
export async function updateRegionAction(input: unknown) {
  return runGuardedAction(
    {
      permission: "region:manage",
      schema: updateRegionSchema,
      input,
      after: () => revalidatePath("/", "layout"),
    },
    (user, data) => updateRegion(user.id, data),
  );
}

/** Admin: merges one region into another (its reports are paired again); audited. */
export async function mergeRegionsAction(input: unknown) {
  return runGuardedAction(
    {
      permission: "region:manage",
      schema: mergeRegionsSchema,
      input,
      after: () => revalidatePath("/", "layout"),
    },
    (user, data) => mergeRegions(user.id, data),
  );
}
