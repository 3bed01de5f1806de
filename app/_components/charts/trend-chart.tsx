import { ChartDataTable } from "./chart-data-table";
export type TrendPoint = { label: string; value: number | null; note: string };

type Props = {
  id: string;
  title: string;
  description: string;
  points: TrendPoint[];
  /** Headings of the text alternative: the x label (plan year), the value (rate), the note (assessed). */
  columns: [string, string, string];
  /** Shown instead of a bar when a point has no value. */
  noValue: string;
};

const WIDTH = 960;
const HEIGHT = 240;
const LEFT = 44;
const BOTTOM = 28;
const TOP = 18;

/**
 * Fulfilment rate per plan year as columns on a 0–100% scale, with value labels and gridlines;
 * years without a rate show a dash. A visually hidden table carries the same numbers.
 */
export function TrendChart({ id, title, description, points, columns, noValue }: Props) {
  const plotH = HEIGHT - TOP - BOTTOM;
  const plotW = WIDTH - LEFT - 10;
  const slot = plotW / Math.max(1, points.length);
  const barW = Math.min(64, slot * 0.6);
  const yOf = (v: number) => TOP + plotH * (1 - v);
  return (
    // Below sm at least 720 of its 960 units wide (12-unit labels stay 9 px), scrolling in its figure.
    <figure className="chart max-sm:overflow-x-auto" data-testid="chart-trend">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="block h-auto w-full max-w-[960px] max-sm:min-w-[720px]"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line
              x1={LEFT}
              x2={WIDTH - 10}
              y1={yOf(v)}
              y2={yOf(v)}
              stroke={v === 0 ? "#57534e" : "#e7e5e4"}
              strokeWidth={v === 0 ? 1 : 0.75}
            />
            <text
              x={LEFT - 6}
              y={yOf(v) + 4}
              textAnchor="end"
              fontSize={11}
              fill="#57534e"
            >{`${v * 100}%`}</text>
          </g>
        ))}
        {points.map((p, i) => {
          const cx = LEFT + slot * i + slot / 2;
          return (
            <g key={p.label}>
              <title>{`${p.label}: ${p.value === null ? noValue : `${Math.round(p.value * 100)}%`} (${p.note})`}</title>
              {p.value !== null ? (
                <>
                  <rect
                    x={cx - barW / 2}
                    y={yOf(p.value)}
                    width={barW}
                    height={Math.max(0.5, plotH * p.value)}
                    fill="#b42318"
                  />
                  <text
                    x={cx}
                    y={yOf(p.value) - 5}
                    textAnchor="middle"
                    fontSize={12}
                    fontWeight={600}
                    fill="#1c1917"
                  >{`${Math.round(p.value * 100)}%`}</text>
                </>
              ) : (
                <text x={cx} y={yOf(0) - 6} textAnchor="middle" fontSize={12} fill="#78716c">
                  {noValue}
                </text>
              )}
              <text x={cx} y={HEIGHT - 10} textAnchor="middle" fontSize={12} fill="#292524">
                {p.label}
              </text>
            </g>
          );
        })}
      </svg>
      <ChartDataTable
        title={title}
        columns={columns}
        rows={points.map((p) => ({
          key: p.label,
          cells: [p.label, p.value === null ? noValue : `${Math.round(p.value * 100)}%`, p.note],
        }))}
      />
    </figure>
  );
}
