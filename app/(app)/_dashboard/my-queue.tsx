import Link from "next/link";
import type { MyWork, QueuePledge, ReviewQueueSummary } from "@/lib/dashboard/data";
import type { Translate } from "@/lib/i18n/messages";
import { formatTime, ReviewStateBadge, StatusBadge } from "@/app/_components/assessment-badges";
import { WidgetCard } from "./widget-card";
import { statusLabel, reviewStateLabel } from "@/lib/i18n/vocabulary";

const pledgeHref = (p: QueuePledge) => `/reports/${p.reportId}/pledges/${p.pledgeId}`;

/** One pledge of a queue: its text (linking to the workspace), badges, report, and a detail line. */
function QueueRow({
  p,
  t,
  detail,
  showReviewState = false,
}: {
  p: QueuePledge;
  t: Translate;
  detail?: React.ReactNode;
  showReviewState?: boolean;
}) {
  return (
    <li className="py-2" data-testid="queue-item">
      <Link href={pledgeHref(p)} className="line-clamp-2 text-sm text-brand-700 hover:underline">
        {p.text}
      </Link>
      <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-stone-500">
        <StatusBadge status={p.status} label={statusLabel(t, p.status)} />
        {showReviewState ? (
          <ReviewStateBadge state={p.reviewState} label={reviewStateLabel(t, p.reviewState)} />
        ) : null}
        <Link href={`/reports/${p.reportId}`} className="hover:underline" title={p.reportTitle}>
          {p.reportLabel}
        </Link>
      </div>
      {detail}
    </li>
  );
}

/** Reviewers and admins: the submitted assessments awaiting review, oldest first. */
export function ReviewQueueWidget({ queue, t }: { queue: ReviewQueueSummary; t: Translate }) {
  return (
    <WidgetCard
      title={t("dashboard.queue.review")}
      count={queue.count}
      hint={
        queue.count > 0
          ? t("dashboard.queue.reviewOldest", { count: queue.oldest.length })
          : undefined
      }
      more={
        queue.count > 0
          ? { href: "/review", label: t("dashboard.queue.all", { count: queue.count }) }
          : undefined
      }
      testId="dashboard-review-queue"
      className="md:col-span-2"
    >
      {queue.oldest.length === 0 ? (
        <p className="text-sm text-stone-500">{t("dashboard.queue.reviewEmpty")}</p>
      ) : (
        <ol className="divide-y divide-stone-100">
          {queue.oldest.map((p) => (
            <QueueRow
              key={p.pledgeId}
              p={p}
              t={t}
              detail={
                <p className="mt-0.5 text-xs text-stone-500 tabular-nums">
                  {t("dashboard.queue.submittedBy", {
                    name: p.submittedBy ?? t("history.system"),
                    time: formatTime(p.submittedAt),
                  })}
                </p>
              }
            />
          ))}
        </ol>
      )}
    </WidgetCard>
  );
}

/** Anyone who assesses: returned assessments (with the reason) and open assignments. */
export function MyWorkWidgets({ work, t }: { work: MyWork; t: Translate }) {
  return (
    <>
      <WidgetCard
        title={t("dashboard.queue.returned")}
        count={work.returned.count}
        more={
          work.returned.count > work.returned.items.length
            ? {
                href: "/review?tab=mine",
                label: t("dashboard.queue.all", { count: work.returned.count }),
              }
            : undefined
        }
        testId="dashboard-returned"
      >
        {work.returned.items.length === 0 ? (
          <p className="text-sm text-stone-500">{t("dashboard.queue.returnedEmpty")}</p>
        ) : (
          <ol className="divide-y divide-stone-100">
            {work.returned.items.map((p) => (
              <QueueRow
                key={p.pledgeId}
                p={p}
                t={t}
                detail={
                  p.reason ? (
                    <p
                      className="mt-1 line-clamp-3 rounded border-l-2 border-amber-400 bg-amber-50 px-2 py-1 text-xs text-amber-900"
                      data-testid="return-reason"
                    >
                      {t("dashboard.queue.returnReason", {
                        name: p.returnedBy ?? t("history.system"),
                        reason: p.reason,
                      })}
                    </p>
                  ) : null
                }
              />
            ))}
          </ol>
        )}
      </WidgetCard>
      <WidgetCard
        title={t("dashboard.queue.assigned")}
        count={work.assigned.count}
        more={
          work.assigned.count > 0
            ? {
                href: "/review?tab=mine",
                label: t("dashboard.queue.all", { count: work.assigned.count }),
              }
            : undefined
        }
        testId="dashboard-assigned"
      >
        {work.assigned.items.length === 0 ? (
          <p className="text-sm text-stone-500">{t("dashboard.queue.assignedEmpty")}</p>
        ) : (
          <ol className="divide-y divide-stone-100">
            {work.assigned.items.map((p) => (
              <QueueRow key={p.pledgeId} p={p} t={t} showReviewState />
            ))}
          </ol>
        )}
      </WidgetCard>
    </>
  );
}
