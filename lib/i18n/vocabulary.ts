/**
 * The labels of the vocabularies (lib/vocabulary.ts), with their message keys typed: each key is
 * built from the vocabulary's own type, so a status, state or kind without its message is a
 * compile error rather than a raw key on screen. Values that are not of the vocabulary (an old
 * row, a future value) show as they are.
 */
import {
  isAssessmentStatus,
  isPledgeKind,
  isReviewState,
  type AssessmentStatus,
  type PledgeKind,
  type ReviewState,
} from "@/lib/vocabulary";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { REGION_LEVELS } from "@/lib/reports/schema";
import type { Translate } from "./messages";

export const statusKey = (s: AssessmentStatus) => `status.${s}` as const;
export const reviewStateKey = (s: ReviewState) => `reviewState.${s}` as const;
export const kindKey = (k: PledgeKind) => `report.kind.${k}` as const;

/** "已兑现" / "Fulfilled" for a verdict's status. */
export function statusLabel(t: Translate, status: string): string {
  return isAssessmentStatus(status) ? t(statusKey(status)) : status;
}

/** "待审核" / "Submitted" for a review state. */
export function reviewStateLabel(t: Translate, state: string): string {
  return isReviewState(state) ? t(reviewStateKey(state)) : state;
}

/** "定量" / "Quantitative" for a pledge's kind. */
export function kindLabel(t: Translate, kind: string): string {
  return isPledgeKind(kind) ? t(kindKey(kind)) : kind;
}

type RegionLevel = (typeof REGION_LEVELS)[number];
const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);
const isRegionLevel = (v: string): v is RegionLevel =>
  (REGION_LEVELS as readonly string[]).includes(v);

export const roleKey = (r: Role) => `role.${r}` as const;
export const levelKey = (l: RegionLevel) => `level.${l}` as const;

/** "分析员" / "Analyst" for a user's role. */
export function roleLabel(t: Translate, role: string): string {
  return isRole(role) ? t(roleKey(role)) : role;
}

/** "区级" / "District" for a region's level (unknown levels read "other"). */
export function levelLabel(t: Translate, level: string): string {
  return t(levelKey(isRegionLevel(level) ? level : "other"));
}
