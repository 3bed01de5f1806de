import Link from "next/link";
import { lineLabel, type PledgeLine } from "@/lib/lineage/line";
import { formatRate } from "@/lib/audit-reports/format";
import type { Translate } from "@/lib/i18n/messages";
import { StatusBadge } from "@/app/_components/assessment-badges";
import { lineSummary } from "./line-summary";
import { statusLabel } from "@/lib/i18n/vocabulary";

/**
 * The recurring pledges of a region: lines spanning three plan years or more, worst record first,
 * each with its latest wording, its years and the verdict of each year. `internal`: the wording
 * links to the pledge page (not on share pages). At most `limit` lines are listed.
 */
export function RecurringLines({
  lines,
  t,
  locale,
  mode,
  limit = 50,
}: {
  lines: PledgeLine[];
  t: Translate;
  locale: "zh" | "en";
  mode: "internal" | "public";
  limit?: number;
}) {
  if (!lines.length)
    return (
      <p className="text-sm text-stone-500" data-testid="recurring-none">
        {t("record.recurring.none")}
      </p>
    );
  const shown = lines.slice(0, limit);
  return (
    <div className="overflow-x-auto">
      <table className="table-dense audit-table" data-testid="recurring-lines">
        <thead>
          <tr>
            <th>{t("record.recurring.col.pledge")}</th>
            <th>{t("record.recurring.col.years")}</th>
            <th>{t("record.recurring.col.record")}</th>
            <th className="text-right whitespace-nowrap">{t("record.recurring.col.rate")}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((line) => {
            const last = line.nodes[line.nodes.length - 1];
            return (
              <tr
                key={line.nodes[0].pledgeId}
                data-testid="recurring-line"
                data-years={line.years.join(",")}
                data-pledges={line.nodes.map((n) => n.pledgeId).join(",")}
              >
                <td className="min-w-[18rem]">
                  {mode === "internal" ? (
                    <Link
                      href={`/reports/${last.reportId}/pledges/${last.pledgeId}`}
                      className="hover:text-brand-700 hover:underline"
                    >
                      {lineLabel(line)}
                    </Link>
                  ) : (
                    lineLabel(line)
                  )}
                  <div className="mt-0.5 text-xs text-stone-500">
                    {lineSummary(line, t, locale)}
                    {line.confirmed ? null : (
                      <span className="ml-1 text-stone-400">
                        {t("record.recurring.unconfirmed")}
                      </span>
                    )}
                  </div>
                </td>
                <td className="whitespace-nowrap tabular-nums">
                  {line.years.join(locale === "zh" ? "、" : ", ")}
                </td>
                <td>
                  <div className="flex flex-wrap gap-1">
                    {line.nodes.map((n) => (
                      <span key={n.pledgeId} className="text-xs whitespace-nowrap">
                        <span className="mr-0.5 text-stone-500 tabular-nums">{n.year}</span>
                        <StatusBadge status={n.status} label={statusLabel(t, n.status)} />
                      </span>
                    ))}
                  </div>
                </td>
                <td className="text-right font-semibold tabular-nums">
                  {formatRate(line.record.rate)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {lines.length > shown.length ? (
        <p className="mt-1 text-xs text-stone-500">
          {t("record.recurring.more", { n: lines.length - shown.length })}
        </p>
      ) : null}
    </div>
  );
}
