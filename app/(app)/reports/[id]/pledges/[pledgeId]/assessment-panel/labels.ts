import type { MessageKey, Translate } from "@/lib/i18n/messages";

/** The label of a verdict (fulfilled, partial, …). */
export const statusLabel = (t: Translate, status: string) => t(`assessment.status.${status}` as MessageKey);

/** The label of a review state (draft, submitted, …). */
export const stateLabel = (t: Translate, state: string) => t(`assessment.reviewState.${state}` as MessageKey);
