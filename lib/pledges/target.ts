/** A pledge's numeric target as stored in its target* columns. */
export type StoredTargetColumns = {
  targetValue: number | null;
  targetValueMax: number | null;
  targetUnit: string | null;
  targetComparator: string | null;
  targetGrowth: boolean;
};

/** The one shape of a pledge's numeric target outside the parser (pages, audits, exports, the API). */
export type TargetDto = {
  value: number;
  valueMax: number | null;
  unit: string | null;
  comparator: string;
  growth: boolean;
};

/** The target columns of a pledge row as one object, or null when the pledge has no numeric target. */
export function toTargetDto(p: StoredTargetColumns): TargetDto | null {
  return p.targetValue === null
    ? null
    : {
        value: p.targetValue,
        valueMax: p.targetValueMax,
        unit: p.targetUnit,
        comparator: p.targetComparator ?? "=",
        growth: p.targetGrowth,
      };
}

const SYMBOL: Record<string, string> = { ">=": "≥", "<=": "≤", "~": "~", "=": "" };

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

/**
 * The one way a target is written, on every page, in every export: "≥ 20 部", "~ 6%（增速）",
 * "1–2 个", "≤ 1 个工作日". `growthSuffix` is the translated mark of a rate of change with its own
 * brackets (message `target.growthSuffix`: "（增速）" / " (growth)").
 */
export function formatTarget(target: TargetDto, growthSuffix: string): string {
  const symbol = SYMBOL[target.comparator] ?? target.comparator;
  const value =
    target.valueMax !== null
      ? `${formatNumber(target.value)}–${formatNumber(target.valueMax)}`
      : formatNumber(target.value);
  const unit = target.unit ?? "";
  const spacer = unit && unit !== "%" && unit !== "‰" ? " " : "";
  return `${symbol ? `${symbol} ` : ""}${value}${spacer}${unit}${target.growth ? growthSuffix : ""}`;
}
