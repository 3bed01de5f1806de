"use client";
import Link from "next/link";
import type { ActivityItem } from "@/lib/dashboard/data";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey, Translate } from "@/lib/i18n/messages";
import { formatTime } from "@/app/_components/assessment-badges";
// The pledge history's wording, so the feed and the pledge page describe an event alike.
import { describeEvent } from "@/app/(app)/reports/[id]/pledges/[pledgeId]/pledge-history";

const field = (v: unknown, key: string): string | null => {
  const x = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return typeof x === "string" && x !== "" ? x : null;
};

/** Report and user events (which a pledge's history never shows); pledge events as the history says them. */
function describeActivity(e: ActivityItem, t: Translate): string[] {
  switch (e.action) {
    case "report.import":
      return [t("dashboard.event.reportImported")];
    case "report.pair_auto":
      return [e.pairedWith ? t("dashboard.event.pairedAuto", { title: e.relatedReport?.title ?? "—" }) : t("regions.event.pairingAutoCleared")];
    case "report.pair_manual":
      return [e.pairedWith ? t("dashboard.event.pairedManual", { title: e.relatedReport?.title ?? "—" }) : t("dashboard.event.pairingCleared")];
    case "report.update":
      return [t("regions.event.reportUpdated", { fields: Object.keys(e.after && typeof e.after === "object" ? e.after : {}).filter((k) => k !== "reason" && k !== "regionId").join(", ") })];
    case "report.archive":
      return [t("regions.event.reportArchived")];
    case "report.restore":
      return [t("regions.event.reportRestored")];
    case "report.delete":
      return [t("regions.event.reportDeleted", { title: field(e.before, "title") ?? "—" })];
    case "region.create":
      return [t("regions.event.regionCreated", { name: field(e.after, "name") ?? "—" })];
    case "region.update":
      return [t("regions.event.regionUpdated", { name: field(e.after, "name") ?? field(e.before, "name") ?? "—" })];
    case "region.merge": {
      const source = e.before && typeof e.before === "object" ? (e.before as { source?: { name?: unknown } }).source?.name : null;
      return [t("regions.event.regionMerged", { name: typeof source === "string" ? source : "—" })];
    }
    case "region.alias":
      return [t("regions.event.regionAlias", { name: field(e.after, "nameKey") ?? "—" })];
    case "user.create":
      return [t("dashboard.event.userCreated", { name: field(e.after, "name") ?? "—" })];
    case "user.update":
      return [t("dashboard.event.userUpdated")];
    case "user.password_change":
      return [t("dashboard.event.passwordChanged")];
    case "share.create":
      return [t("dashboard.event.shareCreated", { title: field(e.after, "title") ?? "—" })];
    case "share.revoke":
      return [t("dashboard.event.shareRevoked", { title: field(e.before, "title") ?? field(e.after, "title") ?? "—" })];
    case "pledge.retier": {
      const n = (key: string) => {
        const x = e.after && typeof e.after === "object" ? (e.after as Record<string, unknown>)[key] : undefined;
        return typeof x === "number" ? x : 0;
      };
      return [t("tiers.history.retier", { pledges: n("pledges"), changed: n("changed"), excluded: n("excluded") })];
    }
    case "user.create_cli":
    case "user.reset_cli":
      return [t("dashboard.event.userCli", { email: field(e.after, "email") ?? "—" })];
    default:
      return describeEvent(e, t);
  }
}

/** The latest audit events across the app: when, who, what in words, and the pledge/report it concerns. */
export function RecentActivity({ events }: { events: ActivityItem[] }) {
  const { t } = useTranslator();
  return (
    <section className="card p-4" aria-labelledby="activity-title" data-testid="recent-activity">
      <h2 id="activity-title" className="mb-3 font-semibold text-stone-900">{t("dashboard.activity.title")}</h2>
      {events.length === 0 ? <p className="text-sm text-stone-500">{t("dashboard.activity.empty")}</p> : null}
      <ol className="divide-y divide-stone-100">
        {events.map((e) => {
          const deletedPledge = e.pledge === null && e.entityType !== "report" && e.entityType !== "user" && e.entityType !== "share" && e.entityType !== "region" && e.report !== null;
          return (
            <li key={e.id} className="py-2 text-sm" data-testid="activity-item" data-action={e.action}>
              <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-stone-500">
                <span className="font-medium text-stone-800">{e.actor?.name ?? t("history.system")}</span>
                {e.actor ? <span>{t(`role.${e.actor.role}` as MessageKey)}</span> : null}
                <time className="ml-auto tabular-nums" dateTime={e.at}>{formatTime(e.at)}</time>
              </div>
              <ul className="mt-0.5 text-stone-800">
                {describeActivity(e, t).map((line, i) => (
                  <li key={i} className="line-clamp-2 break-words">{line}</li>
                ))}
              </ul>
              {e.pledge && e.report ? (
                <Link href={`/reports/${e.report.id}/pledges/${e.pledge.id}`} className="mt-0.5 line-clamp-1 text-xs text-brand-700 hover:underline">
                  {e.pledge.text}
                </Link>
              ) : deletedPledge ? (
                <p className="mt-0.5 text-xs text-stone-400">{t("dashboard.event.deletedPledge")}</p>
              ) : null}
              {e.report ? (
                <Link href={`/reports/${e.report.id}`} className="mt-0.5 block truncate text-xs text-stone-500 hover:underline">
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
