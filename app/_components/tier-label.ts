import type { MessageKey, Translate } from "@/lib/i18n/messages";
import { TIER_REASONS } from "@/lib/pledges/schema";

/**
 * A pledge's tier as people read it: "可跟踪 · 目标" (trackable, with its reason) or "方向性".
 * The one wording of the report page, the pledge page and the audit reports.
 */
export function tierLabel(p: { tier: string; tierReason: string | null }, t: Translate): string {
  if (p.tier !== "trackable") return t("tiers.tier.direction");
  const reason = (TIER_REASONS as readonly (string | null)[]).includes(p.tierReason) ? t(`tiers.reason.${p.tierReason}` as MessageKey) : null;
  return reason ? `${t("tiers.tier.trackable")} · ${reason}` : t("tiers.tier.trackable");
}
