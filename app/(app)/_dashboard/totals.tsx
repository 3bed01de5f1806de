import Link from "next/link";
import type { DashboardTotals } from "@/lib/dashboard/data";
import type { Translate } from "@/lib/i18n/messages";

/** A share as a whole percent; "<1%" rather than a misleading "0%" when there is some. */
function percent(part: number, whole: number): string {
  if (whole === 0) return "—";
  const p = (part / whole) * 100;
  return part > 0 && p < 1 ? "<1%" : `${Math.round(p)}%`;
}

/** Totals at a glance: reports, trackable pledges (with direction items beside), all pledges, assessed, awaiting review, approved. */
export function Totals({ totals, t }: { totals: DashboardTotals; t: Translate }) {
  const cards: {
    key: keyof DashboardTotals;
    label: string;
    href?: string;
    share?: string;
    sub?: string;
  }[] = [
    { key: "reports", label: t("dashboard.totals.reports"), href: "/reports" },
    {
      key: "trackable",
      label: t("tiers.dashboard.trackable"),
      sub: t("tiers.dashboard.sub", {
        direction: totals.direction.toLocaleString("en-US"),
        total: totals.pledges.toLocaleString("en-US"),
      }),
    },
    { key: "pledges", label: t("dashboard.totals.pledges") },
    {
      key: "assessed",
      label: t("dashboard.totals.assessed"),
      share: percent(totals.assessed, totals.pledges),
    },
    {
      key: "submitted",
      label: t("dashboard.totals.submitted"),
      href: "/review",
      share: percent(totals.submitted, totals.pledges),
    },
    {
      key: "approved",
      label: t("dashboard.totals.approved"),
      share: percent(totals.approved, totals.pledges),
    },
  ];
  return (
    <section
      className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6"
      aria-label={t("dashboard.title")}
      data-testid="dashboard-totals"
    >
      {cards.map((c) => {
        const body = (
          <>
            <span className="block text-xs font-medium text-stone-500">{c.label}</span>
            <span className="mt-0.5 block text-2xl font-semibold text-stone-900 tabular-nums">
              {totals[c.key].toLocaleString("en-US")}
            </span>
            <span className="block h-4 text-xs text-stone-400">
              {c.sub ?? (c.share ? t("dashboard.totals.share", { percent: c.share }) : null)}
            </span>
          </>
        );
        return c.href ? (
          <Link
            key={c.key}
            href={c.href}
            className="card block px-4 py-3 hover:border-stone-300 hover:bg-stone-50"
            data-testid={`total-${c.key}`}
          >
            {body}
          </Link>
        ) : (
          <div key={c.key} className="card px-4 py-3" data-testid={`total-${c.key}`}>
            {body}
          </div>
        );
      })}
    </section>
  );
}
