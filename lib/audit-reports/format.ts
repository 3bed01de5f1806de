/**
 * PURE formatting shared by the audit report page, its exports and its share page.
 */
import type { AuditTarget } from "./schema";

const SYMBOL: Record<string, string> = { ">=": "≥", "<=": "≤", "~": "~", "=": "" };

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

/** A parsed target compactly: "≥ 20 部", "~ 6%（增速）", "1–2 个". `growthLabel` names a rate of change. */
export function formatAuditTarget(target: AuditTarget, growthLabel: string): string {
  const symbol = SYMBOL[target.comparator] ?? target.comparator;
  const value = target.valueMax !== null ? `${formatNumber(target.value)}–${formatNumber(target.valueMax)}` : formatNumber(target.value);
  const unit = target.unit ?? "";
  const spacer = unit && unit !== "%" && unit !== "‰" ? " " : "";
  return `${symbol ? `${symbol} ` : ""}${value}${spacer}${unit}${target.growth ? `（${growthLabel}）` : ""}`;
}

/** A fraction as a whole percentage ("57%"), or "—" when undefined. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;
}

/** "YYYY-MM-DD HH:mm UTC" of an ISO time. */
export function formatAsOf(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—";
}
