import type { AssessmentStatus } from "@/lib/assessments/schema";
import { STATUS_FILL, STATUS_INK, STATUS_ORDER, stackSegments } from "./status-colors";
import { ChartDataTable } from "./chart-data-table";

export type GroupBar = {
  key: string;
  label: string;
  pledges: number;
  counts: Record<AssessmentStatus, number>;
  /** Shown at the end of the bar, e.g. the fulfilment rate "57%". */
  valueText: string;
};

type Props = {
  id: string;
  title: string;
  description: string;
  groups: GroupBar[];
  statusLabels: Record<AssessmentStatus, string>;
  /** Headings of the text alternative's first and last columns (e.g. section, fulfilment rate). */
  groupHeading: string;
  valueHeading: string;
  pledgesHeading: string;
};

const WIDTH = 960;
const LABEL_W = 280;
const VALUE_W = 70;
const BAR_W = WIDTH - LABEL_W - VALUE_W;
const ROW_H = 30;
const BAR_H = 20;

function truncate(text: string, max: number): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join("")}…` : text;
}

/**
 * One horizontal bar per group (a plan's section, or a report of a roll-up), its length the
 * group's pledge count relative to the largest group, stacked by status; the value text (the
 * fulfilment rate) at its end. A visually hidden table carries the same numbers.
 */
export function GroupStatusChart({
  id,
  title,
  description,
  groups,
  statusLabels,
  groupHeading,
  valueHeading,
  pledgesHeading,
}: Props) {
  const max = Math.max(1, ...groups.map((g) => g.pledges));
  const height = groups.length * ROW_H + 4;
  return (
    // Below sm at least 720 of its 960 units wide (12-unit labels stay 9 px), scrolling in its figure.
    <figure className="chart max-sm:overflow-x-auto" data-testid="chart-groups">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="block h-auto w-full max-w-[960px] max-sm:min-w-[720px]"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {groups.map((g, i) => {
          const y = i * ROW_H + 2;
          const scale = (g.pledges / max) * BAR_W;
          return (
            <g key={g.key}>
              <title>{`${g.label}: ${g.pledges} · ${g.valueText}`}</title>
              <text
                x={LABEL_W - 8}
                y={y + BAR_H / 2 + 4}
                textAnchor="end"
                fontSize={12}
                fill="#292524"
              >
                {truncate(g.label, 21)}
              </text>
              <rect
                x={LABEL_W}
                y={y}
                width={scale}
                height={BAR_H}
                fill="none"
                stroke="#a8a29e"
                strokeWidth={0.75}
              />
              {stackSegments(g.counts, g.pledges, scale).map(({ status: s, x, w }) => (
                <g key={s}>
                  <rect
                    x={LABEL_W + x}
                    y={y}
                    width={w}
                    height={BAR_H}
                    fill={STATUS_FILL[s]}
                    stroke="#ffffff"
                    strokeWidth={0.75}
                  />
                  {w >= 22 ? (
                    <text
                      x={LABEL_W + x + w / 2}
                      y={y + BAR_H / 2 + 4}
                      textAnchor="middle"
                      fontSize={11}
                      fill={STATUS_INK[s]}
                    >
                      {g.counts[s]}
                    </text>
                  ) : null}
                </g>
              ))}
              <text
                x={LABEL_W + scale + 6}
                y={y + BAR_H / 2 + 4}
                fontSize={12}
                fontWeight={600}
                fill="#1c1917"
              >
                {g.valueText}
              </text>
            </g>
          );
        })}
      </svg>
      <ChartDataTable
        title={title}
        columns={[
          groupHeading,
          pledgesHeading,
          ...STATUS_ORDER.map((s) => statusLabels[s]),
          valueHeading,
        ]}
        rows={groups.map((g) => ({
          key: g.key,
          cells: [g.label, g.pledges, ...STATUS_ORDER.map((s) => g.counts[s]), g.valueText],
        }))}
      />
    </figure>
  );
}
