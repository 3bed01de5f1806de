export type IndicatorPoint = {
  year: number;
  /** Target and reported figure in the chart's unit (already scaled); null: none. */
  target: number;
  targetHigh: number | null;
  reported: number | null;
  /** met, missed, or not comparable. */
  met: boolean | null;
  /** As written (增长20%, 235.2亿元), for the value labels and tooltips. */
  targetLabel: string;
  reportedLabel: string | null;
};

type Props = {
  /** Unique in the page: names the title and description for assistive technology. */
  id: string;
  title: string;
  description: string;
  /** The unit of the axis (%, 亿元…). */
  unitLabel: string;
  points: IndicatorPoint[];
  legend: { target: string; met: string; missed: string; unknown: string };
};

const WIDTH = 640;
const HEIGHT = 230;
const LEFT = 54;
const RIGHT = 12;
const TOP = 30;
const BOTTOM = 28;
const MET = "#15803d";
const MISSED = "#b91c1c";
const UNKNOWN = "#78716c";
const TARGET = "#1c1917";

function niceStep(span: number): number {
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

function tick(v: number): string {
  return String(Number(v.toFixed(2)));
}

/**
 * One headline indicator across plan years: each year's target (hollow diamond, a dashed line
 * joining them; a range as a bar) and the figure the next year's report gave (a dot: green met,
 * red missed, grey not comparable), with value labels and a legend. Inline SVG: prints; the
 * figures are also in the data table the page shows beside it.
 */
export function IndicatorChart({ id, title, description, unitLabel, points, legend }: Props) {
  const values = points.flatMap((p) => [
    p.target,
    p.targetHigh ?? p.target,
    p.reported ?? p.target,
  ]);
  let lo = Math.min(0, ...values);
  let hi = Math.max(...values, lo + 1);
  const step = niceStep(hi - lo);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil((hi * 1.08) / step) * step;
  const plotH = HEIGHT - TOP - BOTTOM;
  const plotW = WIDTH - LEFT - RIGHT;
  const yOf = (v: number) => TOP + plotH * (1 - (v - lo) / (hi - lo));
  const slot = plotW / Math.max(1, points.length);
  const xOf = (i: number) => LEFT + slot * i + slot / 2;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(v);
  const targetPath = points
    .map((p, i) => `${i ? "L" : "M"}${xOf(i).toFixed(1)},${yOf(p.target).toFixed(1)}`)
    .join(" ");
  const colour = (met: boolean | null) => (met === true ? MET : met === false ? MISSED : UNKNOWN);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      className="block h-auto w-full max-w-[640px]"
      data-testid="indicator-chart-svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g fontSize={11} fill="#44403c">
        <path
          d={`M${LEFT},10 l5,-5 l5,5 l-5,5 z`}
          fill="#ffffff"
          stroke={TARGET}
          strokeWidth={1.5}
        />
        <text x={LEFT + 14} y={14}>
          {legend.target}
        </text>
        {[
          [MET, legend.met],
          [MISSED, legend.missed],
          [UNKNOWN, legend.unknown],
        ].map(([c, label], i) => (
          <g key={label} transform={`translate(${LEFT + 110 + i * 130} 0)`}>
            <circle cx={5} cy={10} r={4.5} fill={c} />
            <text x={14} y={14}>
              {label}
            </text>
          </g>
        ))}
      </g>
      {ticks.map((v) => (
        <g key={v}>
          <line
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={yOf(v)}
            y2={yOf(v)}
            stroke={v === 0 ? "#57534e" : "#e7e5e4"}
            strokeWidth={v === 0 ? 1 : 0.75}
          />
          <text x={LEFT - 6} y={yOf(v) + 4} textAnchor="end" fontSize={10} fill="#57534e">
            {tick(v)}
          </text>
        </g>
      ))}
      <text x={4} y={TOP - 6} fontSize={10} fill="#57534e">
        {unitLabel}
      </text>
      <path d={targetPath} fill="none" stroke={TARGET} strokeWidth={1} strokeDasharray="4 3" />
      {points.map((p, i) => {
        const x = xOf(i);
        const ty = yOf(p.target);
        return (
          <g
            key={p.year}
            data-testid="indicator-point"
            data-year={p.year}
            data-met={p.met === null ? "unknown" : p.met ? "yes" : "no"}
          >
            <title>{`${p.year}: ${legend.target} ${p.targetLabel}${p.reportedLabel ? ` · ${p.reportedLabel}` : ""}`}</title>
            {p.targetHigh !== null ? (
              <line
                x1={x - 10}
                x2={x - 10}
                y1={ty}
                y2={yOf(p.targetHigh)}
                stroke={TARGET}
                strokeWidth={3}
                opacity={0.35}
              />
            ) : null}
            <path
              d={`M${x - 10},${ty} l6,-6 l6,6 l-6,6 z`}
              fill="#ffffff"
              stroke={TARGET}
              strokeWidth={1.5}
            />
            <text x={x - 18} y={ty + 4} textAnchor="end" fontSize={10} fill="#44403c">
              {p.targetLabel}
            </text>
            {p.reported !== null ? (
              <>
                <circle cx={x + 6} cy={yOf(p.reported)} r={5} fill={colour(p.met)} />
                <text
                  x={x + 14}
                  y={yOf(p.reported) + 4}
                  fontSize={10}
                  fontWeight={600}
                  fill={colour(p.met)}
                >
                  {p.reportedLabel}
                </text>
              </>
            ) : null}
            <text x={x} y={HEIGHT - 8} textAnchor="middle" fontSize={11} fill="#292524">
              {p.year}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
