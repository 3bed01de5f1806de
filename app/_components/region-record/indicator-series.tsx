import type { IndicatorSeries } from "@/lib/lineage/line";
import { formatIndicatorValue, seriesScale } from "@/lib/lineage/format";
import { isMessageKey, type Translate } from "@/lib/i18n/messages";
import { IndicatorChart } from "@/app/_components/charts/indicator-chart";

/** The indicator's name: 地区生产总值（增速）; a rate (城镇登记失业率 4%) is no 总量, so it goes without. */
function seriesName(s: IndicatorSeries, t: Translate): string {
  const key = `indicator.${s.indicator}`;
  const name = isMessageKey(key) ? t(key) : s.indicator;
  if (!s.growth && s.unit === "%") return name;
  return t("record.indicators.name", {
    name,
    kind: s.growth ? t("record.indicators.growth") : t("record.indicators.level"),
  });
}

const OUTCOME_KEY = {
  met: "record.met.yes",
  missed: "record.met.no",
  "not-annual": "record.met.notAnnual",
  "no-figure": "record.met.unknown",
  "no-review": "record.met.noReview",
} as const;

const COMPARATOR: Record<string, string> = { ">=": "≥ ", "<=": "≤ ", "~": "~", "=": "" };

function targetLabel(p: IndicatorSeries["points"][number], unit: string): string {
  const value = formatIndicatorValue(p.target.value, unit);
  const high = p.target.high !== null ? `–${formatIndicatorValue(p.target.high, unit)}` : "";
  return `${COMPARATOR[p.target.comparator] ?? ""}${value}${high}`;
}

/**
 * Each headline indicator as a chart and a table: the target of each plan year, the figure the
 * next year's report gave, met or not, and how the next target moved. Prints; the table is the
 * chart's data.
 */
export function IndicatorSeriesView({
  series,
  t,
  locale,
}: {
  series: IndicatorSeries[];
  t: Translate;
  locale: "zh" | "en";
}) {
  if (!series.length)
    return (
      <p className="text-sm text-stone-500" data-testid="indicators-none">
        {t("record.indicators.none")}
      </p>
    );
  return (
    <div className="grid gap-5 xl:grid-cols-2">
      {series.map((s, i) => {
        const scale = seriesScale(
          s.points.flatMap((p) => [p.target.value, p.reported?.value ?? p.target.value]),
          s.unit,
        );
        const name = seriesName(s, t);
        const metText = (outcome: IndicatorSeries["points"][number]["outcome"]) =>
          t(OUTCOME_KEY[outcome]);
        const list = s.points
          .map(
            (p) =>
              `${p.year} ${t("record.legend.target")} ${targetLabel(p, s.unit)}, ${p.reported ? formatIndicatorValue(p.reported.value, s.unit) : "—"} (${metText(p.outcome)})`,
          )
          .join(locale === "zh" ? "；" : "; ");
        const years = s.points.map((p) => p.year);
        return (
          <figure
            key={s.key}
            className="chart indicator-series break-inside-avoid"
            data-testid="indicator-series"
            data-indicator={s.indicator}
            data-growth={s.growth ? "1" : "0"}
          >
            <figcaption className="mb-1 text-sm font-semibold text-stone-800">{name}</figcaption>
            <IndicatorChart
              id={`indicator-${i}`}
              title={name}
              description={t("record.chart.desc", {
                name,
                from: Math.min(...years),
                to: Math.max(...years),
                list,
              })}
              unitLabel={scale.label}
              legend={{
                target: t("record.legend.target"),
                met: t("record.legend.met"),
                missed: t("record.legend.missed"),
                unknown: t("record.legend.unknown"),
              }}
              points={s.points.map((p) => ({
                year: p.year,
                target: p.target.value / scale.factor,
                targetHigh: p.target.high !== null ? p.target.high / scale.factor : null,
                reported: p.reported ? p.reported.value / scale.factor : null,
                met: p.met,
                targetLabel: String(Number((p.target.value / scale.factor).toFixed(2))),
                reportedLabel: p.reported
                  ? String(Number((p.reported.value / scale.factor).toFixed(2)))
                  : null,
              }))}
            />
            <table className="table-dense audit-table mt-2" data-testid="indicator-table">
              <caption className="sr-only">{name}</caption>
              <thead>
                <tr>
                  <th>{t("record.col.year")}</th>
                  <th>{t("record.col.target")}</th>
                  <th>{t("record.col.reported")}</th>
                  <th>{t("record.col.met")}</th>
                  <th>{t("record.col.next")}</th>
                </tr>
              </thead>
              <tbody>
                {s.points.map((p) => (
                  <tr key={p.year} data-testid="indicator-row" data-year={p.year}>
                    <td className="tabular-nums">{p.year}</td>
                    <td className="whitespace-nowrap tabular-nums" title={p.target.text}>
                      {targetLabel(p, s.unit)}
                    </td>
                    <td
                      className="whitespace-nowrap tabular-nums"
                      title={p.reported?.quote ?? undefined}
                    >
                      {p.reported ? formatIndicatorValue(p.reported.value, s.unit) : "—"}
                      {p.reported?.year ? (
                        <span className="ml-1 text-xs text-stone-400">
                          {t("record.reportedIn", { year: p.reported.year })}
                        </span>
                      ) : null}
                    </td>
                    <td
                      className={
                        p.met === true
                          ? "text-green-700"
                          : p.met === false
                            ? "font-medium text-red-700"
                            : "text-stone-400"
                      }
                      data-testid="indicator-met"
                      data-met={p.met === null ? "unknown" : p.met ? "yes" : "no"}
                    >
                      {metText(p.outcome)}
                    </td>
                    <td>{p.next ? t(`record.next.${p.next}`) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
        );
      })}
    </div>
  );
}
