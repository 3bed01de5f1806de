import { pageTitle } from "@/app/_components/page-title";
import { notFound } from "next/navigation";
import { auditIdSchema, parseAuditView } from "@/lib/audit-reports/schema";
import { AuditScopePage } from "../../_shared/audit-scope-page";

export const generateMetadata = pageTitle("page.auditRegion");

export default async function RegionAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ regionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { regionId } = await params;
  if (!auditIdSchema.safeParse(regionId).success) notFound();
  return (
    <AuditScopePage
      scope="region"
      subjectId={regionId}
      basePath={`/audit/region/${regionId}`}
      view={parseAuditView(await searchParams)}
    />
  );
}
