import { pageTitle } from "@/app/_components/page-title";
import { notFound } from "next/navigation";
import { auditIdSchema, parseAuditView } from "@/lib/audit-reports/schema";
import { AuditScopePage } from "../../_shared/audit-scope-page";

export const generateMetadata = pageTitle("page.auditPair");

export default async function PairAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ reportId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { reportId } = await params;
  if (!auditIdSchema.safeParse(reportId).success) notFound();
  return (
    <AuditScopePage
      scope="pair"
      subjectId={reportId}
      basePath={`/audit/pair/${reportId}`}
      view={parseAuditView(await searchParams)}
    />
  );
}
