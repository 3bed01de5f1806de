"use client";
import type { Comparison } from "@/lib/evidence/compare-numbers";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages";

const COMPARATOR: Record<string, string> = { ">=": "≥", "<=": "≤", "~": "≈", "=": "=" };

/** A figure with its comparator and growth sign, in canonical units (≥ +6%). */
export function formatFigure(v: {
  value: number;
  unit: string;
  comparator?: string;
  growth: boolean;
}): string {
  const sign = v.comparator && v.comparator !== "=" ? `${COMPARATOR[v.comparator] ?? ""} ` : "";
  return `${sign}${v.growth ? "+" : ""}${v.value}${v.unit}`;
}

/** The target as the pledge writes it (50亿元, with its comparator), else in canonical units. */
function writtenTarget(target: Comparison["target"]): string {
  if (!target.text) return formatFigure(target);
  const comparator = target.ceiling && target.comparator !== "<=" ? "<=" : target.comparator;
  const sign = comparator !== "=" ? `${COMPARATOR[comparator] ?? ""} ` : "";
  return `${sign}${target.text.replace(/(以上|以内|左右|以下)$/, "")}`;
}

/** The pledge's target against the figure the evidence reports, and what the comparison suggests. */
export function VerdictBadge({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslator();
  const tone = {
    met: "bg-green-100 text-green-800",
    below: "bg-red-100 text-red-800",
    exceeded: "bg-amber-100 text-amber-800",
    unclear: "bg-stone-200 text-stone-700",
  }[comparison.verdict];
  return (
    <span
      className="inline-flex flex-wrap items-center gap-1.5 text-xs"
      title={t("ws.suggestedVerdict")}
      data-testid="comparison"
    >
      <span className="text-stone-600">
        {t("ws.comparison", {
          target: writtenTarget(comparison.target),
          reported: comparison.reported.text || formatFigure(comparison.reported),
        })}
      </span>
      <span className={`badge ${tone}`}>{t(`ws.verdict.${comparison.verdict}` as MessageKey)}</span>
    </span>
  );
}

/** How far a suggestion can be trusted: its level, with what the level measured on the labelled pairs. */
export function LevelBadge({ level }: { level: "strong" | "fair" | "weak" }) {
  const { t } = useTranslator();
  const tone = {
    strong: "bg-green-100 text-green-800",
    fair: "bg-amber-100 text-amber-800",
    weak: "bg-stone-200 text-stone-600",
  }[level];
  const label = level === "weak" ? t("ws.weak") : t(`ws.level.${level}` as MessageKey);
  return (
    <span
      className={`badge ${tone}`}
      title={t(`ws.level.${level}Hint` as MessageKey)}
      data-testid="suggestion-level"
      data-level={level}
    >
      {label}
    </span>
  );
}
