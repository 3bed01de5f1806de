import { pageTitle } from "@/app/_components/page-title";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import {
  getDashboardTotals,
  getMyWork,
  getReviewQueueSummary,
  listRecentActivity,
  listReportsAwaiting,
} from "@/lib/dashboard/data";
import { getTranslator } from "@/lib/i18n/locale";
import { PageHeader } from "@/app/_components/page-header";
import { Totals } from "./_dashboard/totals";
import { MyWorkWidgets, ReviewQueueWidget } from "./_dashboard/my-queue";
import { ReportsAwaitingWidgets } from "./_dashboard/reports-awaiting";
import { RecentActivity } from "./_dashboard/recent-activity";

export const generateMetadata = pageTitle("page.home");

/** The signed-in home: totals, the user's queue, reports awaiting pairing or assessment, recent activity. */
export default async function DashboardPage() {
  const user = await requirePageUser();
  const reviews = can(user.role, "assessment:review");
  const assesses = can(user.role, "assessment:edit");
  const [{ t }, totals, awaiting, activity, queue, work] = await Promise.all([
    getTranslator(),
    getDashboardTotals(),
    listReportsAwaiting(),
    listRecentActivity({ limit: 20, includeUserEvents: can(user.role, "user:manage") }),
    reviews ? getReviewQueueSummary() : null,
    assesses ? getMyWork(user.id) : null,
  ]);
  // Reviewers see their own returned/assigned work only when there is some; analysts always.
  const showWork =
    work !== null && (!reviews || work.assigned.count > 0 || work.returned.count > 0);
  return (
    <>
      <PageHeader
        title={t("dashboard.title")}
        subtitle={t("dashboard.subtitle", { name: user.name })}
      />
      <Totals totals={totals} t={t} />
      {/* Columns may shrink below their content, and text people typed (a pasted URL) wraps anywhere. */}
      <div className="grid gap-4 wrap-anywhere *:min-w-0 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {queue || showWork ? (
            <div
              className="grid gap-4 *:min-w-0 md:grid-cols-2"
              aria-label={t("dashboard.queue.title")}
              role="region"
              data-testid="my-queue"
            >
              {queue ? <ReviewQueueWidget queue={queue} t={t} /> : null}
              {showWork && work ? <MyWorkWidgets work={work} t={t} /> : null}
            </div>
          ) : null}
          <ReportsAwaitingWidgets awaiting={awaiting} t={t} />
        </div>
        <RecentActivity events={activity} />
      </div>
    </>
  );
}
