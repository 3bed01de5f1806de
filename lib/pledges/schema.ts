import type { TargetDto } from "./target";
import { z } from "zod";

import { PLEDGE_KINDS, PLEDGE_TIERS, TIER_REASONS } from "@/lib/vocabulary";

/** The longest title an analyst may give a pledge (characters). */
export const MAX_PLEDGE_TITLE = 60;
/** The most pledges one bulk change may touch. */
export const MAX_BULK_PLEDGES = 500;

/** Target comparators: 以上 ">=", 以内 "<=", 左右 "~", exact "=". */
export const TARGET_COMPARATORS = [">=", "<=", "~", "="] as const;

/** The longest span a pledge may cover (characters); longer selections are refused. */
export const MAX_PLEDGE_LENGTH = 2000;

const id = z.string().min(1).max(64);
const version = z.number().int().min(1);
const offset = z.number().int().min(0).max(10_000_000);

/** A numeric target as an analyst sets it; valueMax (a range's upper bound) must exceed value. */
export const targetSchema = z
  .object({
    value: z.number().finite(),
    valueMax: z.number().finite().nullable().default(null),
    unit: z.string().trim().max(20).nullable().default(null),
    comparator: z.enum(TARGET_COMPARATORS),
    growth: z.boolean().default(false),
  })
  .refine((t) => t.valueMax === null || t.valueMax > t.value, {
    message: "TARGET_RANGE_INVALID",
    path: ["valueMax"],
  });
export type TargetInput = z.infer<typeof targetSchema>;

/** Split a pledge at source offset `at` (strictly inside its span). */
export const splitPledgeSchema = z.object({ reportId: id, pledgeId: id, version, at: offset });
export type SplitPledgeInput = z.infer<typeof splitPledgeSchema>;

/** Merge a pledge with the one that follows it (both versions as the client read them). */
export const mergePledgeSchema = z.object({
  reportId: id,
  pledgeId: id,
  version,
  nextPledgeId: id,
  nextVersion: version,
});
export type MergePledgeInput = z.infer<typeof mergePledgeSchema>;

/** Change the kind and/or the target of a pledge; target null clears it, undefined leaves it. */
export const updatePledgeSchema = z.object({
  reportId: id,
  pledgeId: id,
  version,
  kind: z.enum(PLEDGE_KINDS).optional(),
  target: targetSchema.nullable().optional(),
});
export type UpdatePledgeInput = z.infer<typeof updatePledgeSchema>;

/** Delete a pledge (the version it was read at). */
export const deletePledgeSchema = z.object({ reportId: id, pledgeId: id, version });
export type DeletePledgeInput = z.infer<typeof deletePledgeSchema>;

/** Add a pledge over source [start, end); the server trims the span and refuses overlaps. */
export const createPledgeSchema = z
  .object({ reportId: id, start: offset, end: offset })
  .refine((s) => s.start < s.end, { message: "SPAN_INVALID", path: ["end"] });
export type CreatePledgeInput = z.infer<typeof createPledgeSchema>;

/** What adding a pledge over a selection would save (previewNewPledge): the trimmed span, its text, the parser's kind, target and tier. */
export type NewPledgePreview = {
  start: number;
  end: number;
  text: string;
  kind: string;
  target: TargetDto | null;
  tier: string;
  tierReason: string | null;
};

/**
 * Set a pledge's tier by hand (tierSource becomes "person"; re-derivations leave it alone), with
 * an optional reason for a trackable one; "auto" hands it back to the parser's classifier.
 */
export const setPledgeTierSchema = z
  .object({
    reportId: id,
    pledgeId: id,
    version,
    tier: z.enum([...PLEDGE_TIERS, "auto"], { message: "TIER_INVALID" }),
    reason: z.enum(TIER_REASONS, { message: "TIER_INVALID" }).nullable().optional(),
  })
  .refine((t) => t.tier === "trackable" || t.reason == null, {
    message: "TIER_REASON_ONLY_TRACKABLE",
    path: ["reason"],
  });
export type SetPledgeTierInput = z.infer<typeof setPledgeTierSchema>;

/** Mark a pledge "not a pledge" (excluded: true) or restore it (false). */
export const setPledgeExcludedSchema = z.object({
  reportId: id,
  pledgeId: id,
  version,
  excluded: z.boolean(),
});
export type SetPledgeExcludedInput = z.infer<typeof setPledgeExcludedSchema>;

/** Move a pledge's span to [start, end) of the report's source (trimmed on the server). */
export const adjustPledgeSpanSchema = z
  .object({ reportId: id, pledgeId: id, version, start: offset, end: offset })
  .refine((s) => s.start < s.end, { message: "SPAN_INVALID", path: ["end"] });
export type AdjustPledgeSpanInput = z.infer<typeof adjustPledgeSpanSchema>;

/** An analyst's title for a pledge: one line, at most MAX_PLEDGE_TITLE characters; blank clears it. */
export const setPledgeTitleSchema = z.object({
  reportId: id,
  pledgeId: id,
  version,
  title: z.preprocess(
    (v) =>
      v === undefined || v === null || (typeof v === "string" && v.trim() === "")
        ? null
        : typeof v === "string"
          ? v.trim()
          : v,
    z
      .string()
      .max(MAX_PLEDGE_TITLE, { message: "TITLE_TOO_LONG" })
      .regex(/^[^\u0000-\u001f\u007f]*$/, { message: "TITLE_INVALID" })
      .nullable(),
  ),
});
export type SetPledgeTitleInput = z.infer<typeof setPledgeTitleSchema>;

const bulkPledges = {
  reportId: id,
  pledgeIds: z.array(id).min(1).max(MAX_BULK_PLEDGES, { message: "TOO_MANY_PLEDGES" }),
};

/** Mark many pledges of one report "not a pledge", or restore them; each is changed and audited on its own. */
export const bulkSetPledgesExcludedSchema = z.object({ ...bulkPledges, excluded: z.boolean() });
export type BulkSetPledgesExcludedInput = z.infer<typeof bulkSetPledgesExcludedSchema>;

/** Set the tier of many pledges of one report by hand ("auto": back to the classifier). */
export const bulkSetPledgesTierSchema = z.object({
  ...bulkPledges,
  tier: z.enum([...PLEDGE_TIERS, "auto"], { message: "TIER_INVALID" }),
});
export type BulkSetPledgesTierInput = z.infer<typeof bulkSetPledgesTierSchema>;

/** What the report page sees of a pledge. Offsets index the report's sourceText; text is its slice. */
export type PledgeDto = {
  id: string;
  start: number;
  end: number;
  text: string;
  sectionId: string | null;
  topic: string | null;
  kind: string;
  target: TargetDto | null;
  position: number;
  status: string;
  reviewState: string;
  assigneeId: string | null;
  evidenceCount: number;
  version: number;
  /** trackable | direction, and why it is trackable. */
  tier: string;
  tierReason: string | null;
  /** parser | person | kind (see TIER_SOURCES). */
  tierSource: string;
  /** "Not a pledge": hidden from the list and the counts unless asked for. */
  excluded: boolean;
  /** An analyst's short title, if any. */
  title: string | null;
};

// Whitespace and punctuation (full- and half-width) that never starts or ends a pledge.
const EDGE = /[\s\u3000,，;；:：、。.．!！?？·…—\-~～]/;

/** Whether a character never starts or ends a pledge (whitespace or punctuation). */
export function isSpanEdge(ch: string | undefined): boolean {
  return ch !== undefined && EDGE.test(ch);
}

/**
 * Tightens [start, end) of `source` by dropping whitespace and punctuation at both ends.
 * Pure, shared by the server (authoritative) and the client (preview). May return start === end.
 */
export function trimSpan(
  source: string,
  start: number,
  end: number,
): { start: number; end: number } {
  while (start < end && EDGE.test(source[start])) start++;
  while (end > start && EDGE.test(source[end - 1])) end--;
  return { start, end };
}

/**
 * The two spans a split of [start, end) at `at` produces, each trimmed at the cut (the outer
 * edges stay where they were). Null when either part would be empty.
 */
export function splitSpan(
  source: string,
  start: number,
  end: number,
  at: number,
): [{ start: number; end: number }, { start: number; end: number }] | null {
  if (at <= start || at >= end) return null;
  let firstEnd = at;
  while (firstEnd > start && EDGE.test(source[firstEnd - 1])) firstEnd--;
  let secondStart = at;
  while (secondStart < end && EDGE.test(source[secondStart])) secondStart++;
  if (firstEnd <= start || secondStart >= end) return null;
  return [
    { start, end: firstEnd },
    { start: secondStart, end },
  ];
}
