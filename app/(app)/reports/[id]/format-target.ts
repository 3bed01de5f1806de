import type { PledgeDto } from "@/lib/pledges/schema";

const SYMBOL: Record<string, string> = { ">=": "≥", "<=": "≤", "~": "~", "=": "" };

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

/**
 * A parsed target, compactly: "≥ 20 部", "~ 6%（增速）", "1–2 个", "≤ 1 个工作日".
 * `growthLabel` is the translated word for a rate of change.
 */
export function formatTarget(target: NonNullable<PledgeDto["target"]>, growthLabel: string): string {
  const symbol = SYMBOL[target.comparator] ?? target.comparator;
  const value = target.valueMax !== null ? `${formatNumber(target.value)}–${formatNumber(target.valueMax)}` : formatNumber(target.value);
  const unit = target.unit ?? "";
  const spacer = unit && unit !== "%" && unit !== "‰" ? " " : "";
  return `${symbol ? `${symbol} ` : ""}${value}${spacer}${unit}${target.growth ? `（${growthLabel}）` : ""}`;
}
