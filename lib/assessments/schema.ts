import type { TargetDto } from "@/lib/pledges/target";
import { z } from "zod";
import type { ReopenCause } from "./transitions";
import { ASSESSMENT_STATUSES, type AssessmentStatus, type ReviewState } from "@/lib/vocabulary";

// The vocabularies are lib/vocabulary.ts's; re-exported for the domain's callers.
export {
  ASSESSMENT_STATUSES,
  REVIEW_STATES,
  isAssessmentStatus,
  isReviewState,
  type AssessmentStatus,
  type ReviewState,
} from "@/lib/vocabulary";

export const MAX_RATIONALE = 5000;
export const MAX_REPORTED_VALUE = 200;
export const MAX_COMMENT = 5000;
/** The most pledges one bulk update may touch. */
export const MAX_BULK = 500;

const id = z.string().min(1).max(64);
const version = z.number().int().min(1);

/** Empty or blank text is stored as null. */
const optionalText = (max: number, tooLong: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v),
    z.string().trim().max(max, { message: tooLong }).nullable(),
  );

/** Save status, rationale and reported figure at the version the client read. */
export const saveAssessmentSchema = z.object({
  pledgeId: id,
  version,
  status: z.enum(ASSESSMENT_STATUSES, { message: "STATUS_INVALID" }),
  rationale: optionalText(MAX_RATIONALE, "RATIONALE_TOO_LONG"),
  reportedValue: optionalText(MAX_REPORTED_VALUE, "REPORTED_VALUE_TOO_LONG"),
});
export type SaveAssessmentInput = z.infer<typeof saveAssessmentSchema>;

/** Submit, approve: the pledge and the version the client read. */
export const reviewStepSchema = z.object({ pledgeId: id, version });
export type ReviewStepInput = z.infer<typeof reviewStepSchema>;

/** Return to the analyst with a required comment. */
export const returnAssessmentSchema = z.object({
  pledgeId: id,
  version,
  comment: z
    .string()
    .trim()
    .min(1, { message: "RETURN_NEEDS_COMMENT" })
    .max(MAX_COMMENT, { message: "COMMENT_TOO_LONG" }),
});
export type ReturnAssessmentInput = z.infer<typeof returnAssessmentSchema>;

/** Assign a pledge to a user, or clear the assignment (null). */
export const assignPledgeSchema = z.object({ pledgeId: id, version, assigneeId: id.nullable() });
export type AssignPledgeInput = z.infer<typeof assignPledgeSchema>;

/** A comment on a pledge. */
export const addCommentSchema = z.object({
  pledgeId: id,
  body: z
    .string()
    .trim()
    .min(1, { message: "COMMENT_REQUIRED" })
    .max(MAX_COMMENT, { message: "COMMENT_TOO_LONG" }),
});
export type AddCommentInput = z.infer<typeof addCommentSchema>;

/** One change applied to many pledges, each in its own transaction (no version check). */
export const bulkUpdateSchema = z
  .object({
    pledgeIds: z.array(id).min(1).max(MAX_BULK, { message: "TOO_MANY_PLEDGES" }),
    status: z.enum(ASSESSMENT_STATUSES, { message: "STATUS_INVALID" }).optional(),
    rationale: z.string().trim().max(MAX_RATIONALE, { message: "RATIONALE_TOO_LONG" }).optional(),
    assigneeId: id.nullable().optional(),
    submit: z.boolean().optional(),
  })
  .refine(
    (b) =>
      b.status !== undefined ||
      b.rationale !== undefined ||
      b.assigneeId !== undefined ||
      b.submit === true,
    {
      message: "NOTHING_TO_CHANGE",
      path: ["pledgeIds"],
    },
  );
export type BulkUpdateInput = z.infer<typeof bulkUpdateSchema>;

/**
 * Accept the evidence's suggested verdicts of a report's pledges, each as a draft with the
 * suggestion's reason as rationale: the pledges named, or (`pledgeIds` null) every quantitative one.
 */
export const acceptSuggestionsSchema = z.object({
  reportId: id,
  pledgeIds: z.array(id).min(1).max(MAX_BULK, { message: "TOO_MANY_PLEDGES" }).nullable(),
});
export type AcceptSuggestionsInput = z.infer<typeof acceptSuggestionsSchema>;

/** A suggestion to accept: the verdict, its reason as rationale and the figure it compared. */
export type SuggestionToAccept = {
  pledgeId: string;
  status: AssessmentStatus;
  rationale: string;
  reportedValue: string | null;
};

/** A user as the assessment panel names them. */
export type PersonDto = { id: string; name: string; role: string };

/** What the assessment panel shows of one pledge. */
export type AssessmentDto = {
  pledgeId: string;
  reportId: string;
  status: AssessmentStatus;
  rationale: string | null;
  reportedValue: string | null;
  reviewState: ReviewState;
  version: number;
  target: TargetDto | null;
  assignee: PersonDto | null;
  submittedBy: PersonDto | null;
  submittedAt: string | null;
  approvedBy: PersonDto | null;
  approvedAt: string | null;
  /** The reviewer's latest return comment while the assessment is returned. */
  lastReturn: { body: string; author: string | null; at: string } | null;
  evidenceCount: number;
  /** Who last wrote the verdict's content (status, rationale, reported figure), and when; null when unknown or never. */
  assessedBy: PersonDto | null;
  assessedAt: string | null;
  /**
   * While a verdict that was submitted or approved waits in draft after a reopen: the cause, the
   * state it left, who reopened it and when (its latest assessment.reopen, newer than any submit).
   */
  reopened: {
    cause: ReopenCause;
    from: "submitted" | "approved";
    by: string | null;
    at: string;
  } | null;
};

/** A comment in a pledge's thread. kind "return" is a reviewer's reason for returning. */
export type CommentDto = {
  id: string;
  kind: "comment" | "return";
  body: string;
  author: { name: string; role: string } | null;
  createdAt: string;
};

/**
 * What a refused save (stale version) shows: the pledge's current values and who changed it last,
 * so the user can see what changed and redo their edit.
 */
export type AssessmentConflict = {
  current: {
    status: AssessmentStatus;
    rationale: string | null;
    reportedValue: string | null;
    reviewState: ReviewState;
    assignee: PersonDto | null;
    version: number;
  };
  lastChange: { actor: { name: string; role: string } | null; action: string; at: string } | null;
};

/** An assignment of the signed-in user that is not approved yet (review page, tab "mine"). */
export type AssignmentItem = {
  pledgeId: string;
  text: string;
  status: AssessmentStatus;
  reviewState: ReviewState;
  reportId: string;
  reportTitle: string;
  /** The report's region and year, which name it in lists. */
  regionName: string;
  year: number | null;
  updatedAt: string;
};
