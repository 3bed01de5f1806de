import "server-only";
import { db } from "@/lib/db";

export type ReviewQueueItem = {
  pledgeId: string;
  text: string;
  status: string;
  reportId: string;
  reportTitle: string;
  submittedBy: string | null;
  submittedAt: string | null;
};

/** Submitted assessments awaiting review, oldest submission first. */
export async function listReviewQueue(limit = 200): Promise<ReviewQueueItem[]> {
  const rows = await db.pledge.findMany({
    where: { reviewState: "submitted" },
    select: {
      id: true,
      text: true,
      status: true,
      reportId: true,
      submittedAt: true,
      report: { select: { title: true } },
      submittedBy: { select: { name: true } },
    },
    orderBy: [{ submittedAt: "asc" }],
    take: limit,
  });
  return rows.map((p) => ({
    pledgeId: p.id,
    text: p.text,
    status: p.status,
    reportId: p.reportId,
    reportTitle: p.report.title,
    submittedBy: p.submittedBy?.name ?? null,
    submittedAt: p.submittedAt?.toISOString() ?? null,
  }));
}
