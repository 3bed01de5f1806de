import { pageTitle } from "@/app/_components/page-title";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can, ownPartInVerdict } from "@/lib/auth/permissions";
import { countReviewQueue, listReviewQueue, type ReviewQueueTier } from "@/lib/pledges/data";
import { countMyAssignments, listMyAssignments } from "@/lib/assessments/data";
import { getTranslator } from "@/lib/i18n/locale";
import { pageWindow, parsePageParam } from "@/lib/paging/page-param";
import { EmptyState, PageHeader } from "@/app/_components/page-header";
import { PageNotice, Pager } from "@/app/_components/pager";
import { formatTime, ReviewStateBadge, StatusBadge } from "@/app/_components/assessment-badges";
import { tierLabel } from "@/app/_components/tier-label";
import { reportLabel } from "@/lib/reports/naming";
import { statusLabel, reviewStateLabel } from "@/lib/i18n/vocabulary";

export const generateMetadata = pageTitle("page.review");

const pledgeHref = (reportId: string, pledgeId: string) =>
  `/reports/${reportId}/pledges/${pledgeId}`;

/**
 * Two paged tabs: the review queue and my assignments. Both tabs' totals are counted; only the
 * shown tab's page is loaded (the page asked for and the counts at once; a page past the end is
 * fetched again as the last). The queue leads with its trackable items' count and can show one
 * tier (?tier=trackable|direction).
 */
export default async function ReviewQueuePage({
  searchParams,
}: {
  searchParams: Promise<{
    tab?: string | string[];
    page?: string | string[];
    tier?: string | string[];
  }>;
}) {
  const user = await requirePageUser();
  const params = await searchParams;
  const tab = params.tab === "mine" ? "mine" : "queue";
  const tier: ReviewQueueTier =
    params.tier === "trackable" || params.tier === "direction" ? params.tier : "all";
  const requested = parsePageParam(params.page);
  const first = pageWindow(requested, Number.MAX_SAFE_INTEGER);
  const load = (w: { skip: number; take: number }) =>
    tab === "queue" ? listReviewQueue(w, tier) : Promise.resolve([]);
  const loadMine = (w: { skip: number; take: number }) =>
    tab === "mine" ? listMyAssignments(user.id, w) : Promise.resolve([]);
  const [{ t }, queueCounts, mineTotal, firstQueue, firstMine] = await Promise.all([
    getTranslator(),
    countReviewQueue(),
    countMyAssignments(user.id),
    load(first),
    loadMine(first),
  ]);
  const queueTotal = queueCounts.all;
  const window = pageWindow(requested, tab === "queue" ? queueCounts[tier] : mineTotal);
  const refetch = window.skip !== first.skip;
  const queue = refetch ? await load(window) : firstQueue;
  const mine = refetch ? await loadMine(window) : firstMine;
  const pager =
    window.pages > 1 ? (
      <Pager
        window={window}
        path="/review"
        params={tab === "mine" ? { tab } : tier !== "all" ? { tier } : {}}
        t={t}
        testId="review-pager"
      />
    ) : null;
  const tierLink = (v: ReviewQueueTier, label: string) => (
    <Link
      href={v === "all" ? "/review" : `/review?tier=${v}`}
      aria-current={tier === v ? "true" : undefined}
      className={tier === v ? "font-semibold text-stone-900" : "text-brand-700 hover:underline"}
      data-testid={`review-tier-${v}`}
    >
      {label}
    </Link>
  );
  const tabClass = (active: boolean) =>
    `-mb-px border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand-600 text-brand-700" : "border-transparent text-stone-500 hover:text-stone-800"}`;
  return (
    <>
      <PageHeader title={t("review.title")} subtitle={t("review.subtitle")} />
      <nav className="mb-3 flex gap-1 border-b border-stone-200" aria-label={t("review.title")}>
        <Link
          href="/review"
          className={tabClass(tab === "queue")}
          aria-current={tab === "queue" ? "page" : undefined}
          data-testid="tab-queue"
        >
          {t("review.tab.queue", { count: queueTotal })}
        </Link>
        <Link
          href="/review?tab=mine"
          className={tabClass(tab === "mine")}
          aria-current={tab === "mine" ? "page" : undefined}
          data-testid="tab-mine"
        >
          {t("review.tab.mine", { count: mineTotal })}
        </Link>
      </nav>
      <PageNotice window={window} t={t} />
      {tab === "queue" ? (
        <p
          className="mb-2 flex flex-wrap gap-x-3 text-sm text-stone-600"
          data-testid="review-tier-counts"
        >
          {tierLink("trackable", `${t("tiers.tier.trackable")} ${queueCounts.trackable}`)}
          {tierLink("direction", `${t("tiers.tier.direction")} ${queueCounts.direction}`)}
          {tierLink("all", `${t("tiers.review.all")} ${queueCounts.all}`)}
        </p>
      ) : null}
      {tab === "queue" ? (
        queue.length === 0 ? (
          <EmptyState title={t("review.empty")} />
        ) : (
          <div className="card overflow-x-auto">
            <table className="table-dense" data-testid="review-queue">
              <thead>
                <tr>
                  <th>{t("review.col.pledge")}</th>
                  <th>{t("review.col.report")}</th>
                  <th>{t("review.col.status")}</th>
                  <th>{t("review.col.submittedBy")}</th>
                  <th>{t("review.col.submittedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {queue.map((q) => {
                  // Four eyes: a reviewer's own submissions and verdicts are marked; someone else reviews them.
                  const own = can(user.role, "assessment:review")
                    ? ownPartInVerdict(user.id, q.submittedById, q.assessedById)
                    : null;
                  return (
                    <tr key={q.pledgeId} data-testid="review-row">
                      <td className="max-w-xl">
                        <span
                          className={`badge mr-2 ${q.tier === "trackable" ? "bg-stone-900 text-white" : "bg-stone-100 text-stone-600"}`}
                          data-testid="review-tier"
                          data-tier={q.tier}
                        >
                          {tierLabel(q, t)}
                        </span>
                        <Link
                          className="text-brand-700 hover:underline"
                          href={pledgeHref(q.reportId, q.pledgeId)}
                        >
                          {q.text}
                        </Link>
                        {own ? (
                          <span
                            className="badge ml-2 bg-stone-100 text-stone-600"
                            title={t("review.ownPart.hint")}
                            data-testid="review-own-part"
                          >
                            {t(
                              own === "wrote" ? "review.ownPart.wrote" : "review.ownPart.submitted",
                            )}
                          </span>
                        ) : null}
                      </td>
                      <td className="min-w-[10rem]" data-testid="review-report">
                        <span className="block font-medium whitespace-nowrap text-stone-800">
                          {reportLabel(q.regionName, q.year)}
                        </span>
                        <Link
                          className="text-xs text-stone-600 hover:underline"
                          href={`/reports/${q.reportId}`}
                        >
                          {q.reportTitle}
                        </Link>
                      </td>
                      <td>
                        <StatusBadge status={q.status} label={statusLabel(t, q.status)} />
                      </td>
                      <td>{q.submittedBy ?? "—"}</td>
                      <td className="whitespace-nowrap tabular-nums">
                        {formatTime(q.submittedAt)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )
      ) : mine.length === 0 ? (
        <EmptyState title={t("review.mine.empty")} />
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-dense" data-testid="my-assignments">
            <thead>
              <tr>
                <th>{t("review.col.pledge")}</th>
                <th>{t("review.col.report")}</th>
                <th>{t("review.col.status")}</th>
                <th>{t("review.col.reviewState")}</th>
                <th>{t("review.col.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((m) => (
                <tr key={m.pledgeId} data-testid="assignment-row">
                  <td className="max-w-xl">
                    <Link
                      className="text-brand-700 hover:underline"
                      href={pledgeHref(m.reportId, m.pledgeId)}
                    >
                      {m.text}
                    </Link>
                  </td>
                  <td className="min-w-[10rem]">
                    <span className="block font-medium whitespace-nowrap text-stone-800">
                      {reportLabel(m.regionName, m.year)}
                    </span>
                    <Link
                      className="text-xs text-stone-600 hover:underline"
                      href={`/reports/${m.reportId}`}
                    >
                      {m.reportTitle}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={m.status} label={statusLabel(t, m.status)} />
                  </td>
                  <td>
                    <ReviewStateBadge
                      state={m.reviewState}
                      label={reviewStateLabel(t, m.reviewState)}
                    />
                  </td>
                  <td className="whitespace-nowrap tabular-nums">{formatTime(m.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pager}
    </>
  );
}
