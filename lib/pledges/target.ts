/** A pledge's numeric target as stored in its target* columns. */
export type StoredTargetColumns = {
  targetValue: number | null;
  targetValueMax: number | null;
  targetUnit: string | null;
  targetComparator: string | null;
  targetGrowth: boolean;
};

export type TargetDto = { value: number; valueMax: number | null; unit: string | null; comparator: string; growth: boolean };

/** The target columns of a pledge row as one object, or null when the pledge has no numeric target. */
export function toTargetDto(p: StoredTargetColumns): TargetDto | null {
  return p.targetValue === null
    ? null
    : { value: p.targetValue, valueMax: p.targetValueMax, unit: p.targetUnit, comparator: p.targetComparator ?? "=", growth: p.targetGrowth };
}
