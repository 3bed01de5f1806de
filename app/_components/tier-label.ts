import type { Translate } from "@/lib/i18n/messages";
import { isTierReason, isTierSource } from "@/lib/vocabulary";

/**
 * A pledge's tier as people read it: "可跟踪 · 目标" (trackable, with its reason) or "方向性".
 * The one wording of the report page, the pledge page and the audit reports.
 */
export function tierLabel(p: { tier: string; tierReason: string | null }, t: Translate): string {
  if (p.tier !== "trackable") return t("tiers.tier.direction");
  return isTierReason(p.tierReason)
    ? `${t("tiers.tier.trackable")} · ${t(`tiers.reason.${p.tierReason}`)}`
    : t("tiers.tier.trackable");
}

/** Who decided the tier: "人工设定" / "Set by a person", "自动判断", "按类型推定". */
export function tierSourceLabel(source: string, t: Translate): string {
  return isTierSource(source) ? t(`tiers.source.${source}`) : source;
}
