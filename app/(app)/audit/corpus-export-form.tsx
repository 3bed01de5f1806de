import { ASSESSMENT_STATUSES } from "@/lib/assessments/schema";
import type { Translate } from "@/lib/i18n/messages";

/**
 * The whole-corpus export (issue 19): a plain GET form to /audit/export, so the browser downloads
 * the streamed file itself (no script, any size). Regions, years, tier and verdicts select; none
 * selected means all.
 */
export function CorpusExportForm({
  regions,
  years,
  t,
}: {
  regions: { id: string; name: string }[];
  years: number[];
  t: Translate;
}) {
  const first = years.length ? Math.min(...years) : undefined;
  const last = years.length ? Math.max(...years) : undefined;
  return (
    <section className="card mt-5 space-y-3 p-4" data-testid="corpus-export">
      <h2 className="text-sm font-semibold text-stone-800">{t("corpusExport.title")}</h2>
      <p className="text-xs text-stone-600">{t("corpusExport.intro")}</p>
      <form action="/audit/export" method="get" className="grid gap-3 md:grid-cols-4">
        <div className="md:col-span-2">
          <label className="label" htmlFor="export-region">
            {t("corpusExport.regions")}
          </label>
          <select id="export-region" name="region" multiple className="input h-28">
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-2">
          <div>
            <label className="label" htmlFor="export-from">
              {t("corpusExport.from")}
            </label>
            <input
              id="export-from"
              name="from"
              type="number"
              min={1949}
              max={2100}
              placeholder={first?.toString()}
              className="input"
            />
          </div>
          <div>
            <label className="label" htmlFor="export-to">
              {t("corpusExport.to")}
            </label>
            <input
              id="export-to"
              name="to"
              type="number"
              min={1949}
              max={2100}
              placeholder={last?.toString()}
              className="input"
            />
          </div>
        </div>
        <div>
          <label className="label" htmlFor="export-tier">
            {t("corpusExport.tier")}
          </label>
          <select id="export-tier" name="tier" className="input" defaultValue="">
            <option value="">{t("corpusExport.tierAll")}</option>
            <option value="trackable">{t("tiers.tier.trackable")}</option>
            <option value="direction">{t("tiers.tier.direction")}</option>
          </select>
        </div>
        <fieldset className="md:col-span-4">
          <legend className="label">{t("corpusExport.statuses")}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {ASSESSMENT_STATUSES.map((s) => (
              <label key={s} className="inline-flex items-center gap-1">
                <input type="checkbox" name="status" value={s} /> {t(`status.${s}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex gap-2 md:col-span-4">
          <button
            className="btn btn-primary"
            name="format"
            value="csv"
            data-testid="corpus-export-csv"
          >
            {t("corpusExport.csv")}
          </button>
          <button className="btn" name="format" value="jsonl" data-testid="corpus-export-jsonl">
            {t("corpusExport.jsonl")}
          </button>
        </div>
      </form>
    </section>
  );
}
