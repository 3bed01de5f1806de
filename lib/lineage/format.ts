/**
 * PURE formatting of indicator figures, which are stored in canonical units (亿元 as 元, 万人次 as
 * 人次): back to the magnitude a report would write them in.
 */

const MAGNITUDES: [number, string][] = [
  [1e8, "亿"],
  [1e4, "万"],
];

function trim(n: number): string {
  return String(Number(n.toFixed(2)));
}

/** A figure in its canonical unit as a report writes it: 24800000000 元 → "248亿元", 4.2 % → "4.2%". */
export function formatIndicatorValue(value: number, unit: string): string {
  if (unit === "%" || unit === "‰" || unit === "个百分点")
    return `${trim(value)}${unit === "个百分点" ? " 个百分点" : unit}`;
  for (const [factor, word] of MAGNITUDES)
    if (Math.abs(value) >= factor) return `${trim(value / factor)}${word}${unit}`;
  return `${trim(value)}${unit}`;
}

/** The factor and magnitude word a series of figures is best shown in (its largest value decides). */
export function seriesScale(values: number[], unit: string): { factor: number; label: string } {
  if (unit === "%" || unit === "‰" || unit === "个百分点") return { factor: 1, label: unit };
  const max = Math.max(0, ...values.map((v) => Math.abs(v)));
  for (const [factor, word] of MAGNITUDES)
    if (max >= factor) return { factor, label: `${word}${unit}` };
  return { factor: 1, label: unit };
}
