/**
 * The app's vocabularies, defined once: a verdict's statuses, the review workflow's states, the
 * kinds and tiers of a pledge. Everything else (the parser's types, zod schemas, filters, the audit
 * aggregate, the evidence engine's verdicts, the UI's labels in lib/i18n/vocabulary.ts) takes them
 * from here. Dependency-free, so the pure libraries may import it too.
 */

/** A pledge's verdict. Every status but not_assessed needs a rationale. */
export const ASSESSMENT_STATUSES = [
  "not_assessed",
  "in_progress",
  "fulfilled",
  "partial",
  "unfulfilled",
  "not_verifiable",
] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The verdicts the evidence engine suggests (and the gold files label): the four a review can settle. */
export const VERDICT_STATUSES = [
  "fulfilled",
  "partial",
  "unfulfilled",
  "not_verifiable",
] as const satisfies readonly AssessmentStatus[];
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

/** The review workflow: draft → submitted → approved, or → returned → (edited) draft. */
export const REVIEW_STATES = ["draft", "submitted", "approved", "returned"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** The kinds a pledge can have (lib/report classifies; analysts correct). */
export const PLEDGE_KINDS = ["quantitative", "project", "policy"] as const;
export type PledgeKind = (typeof PLEDGE_KINDS)[number];

/** Tiers (lib/report/tiers.ts): whether next year's review can confirm or refute a pledge. */
export const PLEDGE_TIERS = ["trackable", "direction"] as const;
export type PledgeTier = (typeof PLEDGE_TIERS)[number];

/** Why a pledge is trackable: a checkable target, a count, a named project, a date, a specific reform step. */
export const TIER_REASONS = ["target", "count", "project", "date", "reform"] as const;
export type TierReason = (typeof TIER_REASONS)[number];

/**
 * Who decided a pledge's tier: the parser (at import, or re-derived from the text after a change),
 * a person (never overwritten by a re-derivation), or the stored kind (rows older than tiers,
 * waiting for `cli retier`).
 */
export const TIER_SOURCES = ["parser", "person", "kind"] as const;
export type TierSource = (typeof TIER_SOURCES)[number];

const member =
  <T extends string>(list: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === "string" && (list as readonly string[]).includes(value);

/** Whether a value (a database row's plain string, a URL parameter) is of the vocabulary. */
export const isAssessmentStatus = member(ASSESSMENT_STATUSES);
export const isVerdictStatus = member(VERDICT_STATUSES);
export const isReviewState = member(REVIEW_STATES);
export const isPledgeKind = member(PLEDGE_KINDS);
export const isPledgeTier = member(PLEDGE_TIERS);
export const isTierReason = member(TIER_REASONS);
export const isTierSource = member(TIER_SOURCES);
