import { z } from "zod";

/** The kinds a pledge can have (lib/report classifies; analysts correct). */
export const PLEDGE_KINDS = ["quantitative", "project", "policy"] as const;
export type PledgeKindValue = (typeof PLEDGE_KINDS)[number];

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
  .refine((t) => t.valueMax === null || t.valueMax > t.value, { message: "TARGET_RANGE_INVALID", path: ["valueMax"] });
export type TargetInput = z.infer<typeof targetSchema>;

/** Split a pledge at source offset `at` (strictly inside its span). */
export const splitPledgeSchema = z.object({ reportId: id, pledgeId: id, version, at: offset });
export type SplitPledgeInput = z.infer<typeof splitPledgeSchema>;

/** Merge a pledge with the one that follows it (both versions as the client read them). */
export const mergePledgeSchema = z.object({ reportId: id, pledgeId: id, version, nextPledgeId: id, nextVersion: version });
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

/** What the report page sees of a pledge. Offsets index the report's sourceText; text is its slice. */
export type PledgeDto = {
  id: string;
  start: number;
  end: number;
  text: string;
  sectionId: string | null;
  topic: string | null;
  kind: string;
  target: {
    value: number;
    valueMax: number | null;
    unit: string | null;
    comparator: string;
    growth: boolean;
  } | null;
  position: number;
  status: string;
  reviewState: string;
  assigneeId: string | null;
  evidenceCount: number;
  version: number;
};

// Whitespace and punctuation (full- and half-width) that never starts or ends a pledge.
const EDGE = /[\s\u3000,，;；:：、。.．!！?？·…—\-~～]/;

/**
 * Tightens [start, end) of `source` by dropping whitespace and punctuation at both ends.
 * Pure, shared by the server (authoritative) and the client (preview). May return start === end.
 */
export function trimSpan(source: string, start: number, end: number): { start: number; end: number } {
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
