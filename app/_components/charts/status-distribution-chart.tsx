import type { AssessmentStatus } from "@/lib/assessments/schema";
import { STATUS_FILL, STATUS_INK, STATUS_ORDER, stackSegments } from "./status-colors";
import { ChartDataTable } from "./chart-data-table";

type Props = {
  /** Unique in the page: names the title and description for assistive technology. */
  id: string;
  title: string;
  description: string;
  counts: Record<AssessmentStatus, number>;
  statusLabels: Record<AssessmentStatus, string>;
  /** Column headings of the text alternative: status, count, share. */
  columns: [string, string, string];
};

const WIDTH = 960;
const BAR_H = 34;
const LEGEND_ROW = 22;

function pct(n: number, total: number): string {
  return total ? `${Math.round((n / total) * 100)}%` : "—";
}

/**
 * One 100% stacked bar of the pledges per status, with counts in the segments, a legend with
 * counts and shares, and a visually hidden table as the text alternative. Inline SVG: prints.
 */
export function StatusDistributionChart({
  id,
  title,
  description,
  counts,
  statusLabels,
  columns,
}: Props) {
  const total = STATUS_ORDER.reduce((n, s) => n + counts[s], 0);
  const segments = stackSegments(counts, total, WIDTH);
  const legendCols = 3;
  const legendRows = Math.ceil(STATUS_ORDER.length / legendCols);
  const height = BAR_H + 14 + legendRows * LEGEND_ROW;
  return (
    // Below sm at least 720 of its 960 units wide (12-unit labels stay 9 px), scrolling in its figure.
    <figure className="chart max-sm:overflow-x-auto" data-testid="chart-status">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="block h-auto w-full max-w-[960px] max-sm:min-w-[720px]"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <rect x={0} y={0} width={WIDTH} height={BAR_H} fill={STATUS_FILL.not_assessed} />
        {segments.map((s) => (
          <g key={s.status}>
            <rect
              x={s.x}
              y={0}
              width={s.w}
              height={BAR_H}
              fill={STATUS_FILL[s.status]}
              stroke="#ffffff"
              strokeWidth={1}
            />
            {s.w >= 28 ? (
              <text
                x={s.x + s.w / 2}
                y={BAR_H / 2 + 4}
                textAnchor="middle"
                fontSize={12}
                fontWeight={600}
                fill={STATUS_INK[s.status]}
              >
                {counts[s.status]}
              </text>
            ) : null}
          </g>
        ))}
        {STATUS_ORDER.map((s, i) => {
          const col = i % legendCols;
          const row = Math.floor(i / legendCols);
          const lx = col * (WIDTH / legendCols);
          const ly = BAR_H + 14 + row * LEGEND_ROW;
          return (
            <g key={s} transform={`translate(${lx} ${ly})`}>
              <rect
                x={0}
                y={2}
                width={12}
                height={12}
                fill={STATUS_FILL[s]}
                stroke="#78716c"
                strokeWidth={0.5}
              />
              <text x={18} y={12} fontSize={12} fill="#292524">
                {statusLabels[s]} {counts[s]} ({pct(counts[s], total)})
              </text>
            </g>
          );
        })}
      </svg>
      <ChartDataTable
        title={title}
        columns={columns}
        rows={STATUS_ORDER.map((s) => ({
          key: s,
          cells: [statusLabels[s], counts[s], pct(counts[s], total)],
        }))}
      />
    </figure>
  );
}
