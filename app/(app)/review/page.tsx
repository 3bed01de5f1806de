import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listReviewQueue } from "@/lib/pledges/data";
import { getTranslator } from "@/lib/i18n/locale";
import { EmptyState, PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Review queue" };

export default async function ReviewQueuePage() {
  await requirePageUser();
  const [{ t }, queue] = await Promise.all([getTranslator(), listReviewQueue()]);
  return (
    <>
      <PageHeader title={t("review.title")} subtitle={t("review.subtitle")} />
      {queue.length === 0 ? (
        <EmptyState title={t("review.empty")} />
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-dense">
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
              {queue.map((q) => (
                <tr key={q.pledgeId}>
                  <td className="max-w-xl">{q.text}</td>
                  <td><Link className="text-brand-700 hover:underline" href={`/reports/${q.reportId}`}>{q.reportTitle}</Link></td>
                  <td>{q.status}</td>
                  <td>{q.submittedBy ?? "—"}</td>
                  <td className="whitespace-nowrap tabular-nums">{q.submittedAt?.slice(0, 16).replace("T", " ") ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
