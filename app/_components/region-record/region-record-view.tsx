import type { RegionRecordDto } from "@/lib/lineage/schema";
import { createTranslator, type Locale } from "@/lib/i18n/messages";
import { IndicatorSeriesView } from "./indicator-series";
import { RecurringLines } from "./recurring-lines";

/**
 * A region's multi-year record: its headline targets against outcomes (charts with their tables)
 * and its recurring pledges, worst record first. On the region page, the region's audit report and
 * its share link (`mode` public: no links into the workspace).
 */
export function RegionRecordView({
  record,
  locale,
  mode,
}: {
  record: RegionRecordDto;
  locale: Locale;
  mode: "internal" | "public";
}) {
  const t = createTranslator(locale);
  return (
    <div className="region-record space-y-5" data-testid="region-record">
      {record.pending ? (
        <p
          className="no-print rounded border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900"
          data-testid="record-pending"
        >
          {t("record.pending", { n: record.pending })}
        </p>
      ) : null}
      <section
        className="card p-4"
        data-testid="record-indicators"
        aria-labelledby="record-indicators-title"
      >
        <h2 id="record-indicators-title" className="mb-1 text-sm font-semibold text-stone-800">
          {t("record.indicators.title")}
        </h2>
        <p className="mb-3 text-xs text-stone-600">
          {t("record.indicators.intro")} {t("record.scope")}
        </p>
        <IndicatorSeriesView series={record.series} t={t} locale={locale} />
      </section>
      <section
        className="card p-4"
        data-testid="record-recurring"
        aria-labelledby="record-recurring-title"
      >
        <h2 id="record-recurring-title" className="mb-1 text-sm font-semibold text-stone-800">
          {t("record.recurring.title")}
        </h2>
        <p className="mb-3 text-xs text-stone-600">{t("record.recurring.intro")}</p>
        <RecurringLines lines={record.recurring} t={t} locale={locale} mode={mode} />
      </section>
    </div>
  );
}
