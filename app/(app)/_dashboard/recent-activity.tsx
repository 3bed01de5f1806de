"use client";
import Link from "next/link";
import type { ActivityItem } from "@/lib/dashboard/data";
import { useTranslator } from "@/lib/i18n/client";
import type { Translate } from "@/lib/i18n/messages";
import { formatTime } from "@/app/_components/assessment-badges";
// The pledge history's wording, so the feed and the pledge page describe an event alike.
import { describeEvent } from "@/app/(app)/reports/[id]/pledges/[pledgeId]/pledge-history";
import { isKnownEvent } from "@/lib/audit/events";
import { roleLabel } from "@/lib/i18n/vocabulary";

/** Report, region, user and share events (which a pledge's history never shows); pledge events as the history says them. */
function describeActivity(item: ActivityItem, t: Translate): string[] {
  const e = item.event;
  if (!isKnownEvent(e)) return describeEvent(e, t);
  const or = (v: string | null | undefined) => (v ? v : "—");
  switch (e.action) {
    case "report.import":
      return [t("dashboard.event.reportImported")];
    case "report.pair_auto":
      return [
        item.pairedWith
          ? t("dashboard.event.pairedAuto", { title: item.relatedReport?.title ?? "—" })
          : t("regions.event.pairingAutoCleared"),
      ];
    case "report.pair_manual":
      return [
        item.pairedWith
          ? t("dashboard.event.pairedManual", { title: item.relatedReport?.title ?? "—" })
          : t("dashboard.event.pairingCleared"),
      ];
    case "report.update":
      return [
        t("regions.event.reportUpdated", {
          fields: Object.keys(e.after ?? {})
            .filter((k) => k !== "reason" && k !== "regionId")
            .join(", "),
        }),
      ];
    case "report.archive":
      return [t("regions.event.reportArchived")];
    case "report.restore":
      return [t("regions.event.reportRestored")];
    case "report.delete":
      return [t("regions.event.reportDeleted", { title: or(e.before?.title) })];
    case "region.create":
      return [t("regions.event.regionCreated", { name: or(e.after?.name) })];
    case "region.update":
      return [t("regions.event.regionUpdated", { name: or(e.after?.name ?? e.before?.name) })];
    case "region.merge":
      return [t("regions.event.regionMerged", { name: or(e.before?.source?.name) })];
    case "region.alias":
      return [t("regions.event.regionAlias", { name: or(e.after?.nameKey) })];
    case "user.create":
      return [t("dashboard.event.userCreated", { name: or(e.after?.name) })];
    case "user.update":
      return [t("dashboard.event.userUpdated")];
    case "user.password_change":
      return [t("dashboard.event.passwordChanged")];
    case "share.create":
      return [t("dashboard.event.shareCreated", { title: or(e.after?.title) })];
    case "share.revoke":
      return [t("dashboard.event.shareRevoked", { title: or(e.after?.title) })];
    case "pledge.retier":
      return [
        t("tiers.history.retier", {
          pledges: e.after?.pledges ?? 0,
          changed: e.after?.changed ?? 0,
          excluded: e.after?.excluded ?? 0,
        }),
      ];
    case "user.create_cli":
    case "user.reset_cli":
      return [t("dashboard.event.userCli", { email: or(e.after?.email) })];
    default:
      return describeEvent(e, t);
  }
}

/** The latest audit events across the app: when, who, what in words, and the pledge/report it concerns. */
export function RecentActivity({ events }: { events: ActivityItem[] }) {
  const { t } = useTranslator();
  return (
    <section className="card p-4" aria-labelledby="activity-title" data-testid="recent-activity">
      <h2 id="activity-title" className="mb-3 font-semibold text-stone-900">
        {t("dashboard.activity.title")}
      </h2>
      {events.length === 0 ? (
        <p className="text-sm text-stone-500">{t("dashboard.activity.empty")}</p>
      ) : null}
      <ol className="divide-y divide-stone-100">
        {events.map((e) => {
          const deletedPledge =
            e.pledge === null &&
            e.entityType !== "report" &&
            e.entityType !== "user" &&
            e.entityType !== "share" &&
            e.entityType !== "region" &&
            e.report !== null;
          return (
            <li
              key={e.id}
              className="py-2 text-sm"
              data-testid="activity-item"
              data-action={e.event.action}
            >
              <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-stone-500">
                <span className="font-medium text-stone-800">
                  {e.actor?.name ?? t("history.system")}
                </span>
                {e.actor ? <span>{roleLabel(t, e.actor.role)}</span> : null}
                <time className="ml-auto tabular-nums" dateTime={e.at}>
                  {formatTime(e.at)}
                </time>
              </div>
              <ul className="mt-0.5 text-stone-800">
                {describeActivity(e, t).map((line, i) => (
                  <li key={i} className="line-clamp-2 break-words">
                    {line}
                  </li>
                ))}
              </ul>
              {e.pledge && e.report ? (
                <Link
                  href={`/reports/${e.report.id}/pledges/${e.pledge.id}`}
                  className="mt-0.5 line-clamp-1 text-xs text-brand-700 hover:underline"
                >
                  {e.pledge.text}
                </Link>
              ) : deletedPledge ? (
                <p className="mt-0.5 text-xs text-stone-400">
                  {t("dashboard.event.deletedPledge")}
                </p>
              ) : null}
              {e.report ? (
                <Link
                  href={`/reports/${e.report.id}`}
                  className="mt-0.5 block truncate text-xs text-stone-500 hover:underline"
                >
                  {e.report.title}
                </Link>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
