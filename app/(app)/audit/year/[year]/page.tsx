import { pageTitle } from "@/app/_components/page-title";
import { notFound } from "next/navigation";
import { auditYearSchema, parseAuditView } from "@/lib/audit-reports/schema";
import { AuditScopePage } from "../../_shared/audit-scope-page";

export const generateMetadata = pageTitle("page.auditYear");

export default async function YearAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { year } = await params;
  const parsed = auditYearSchema.safeParse(year);
  if (!/^\d{4}$/.test(year) || !parsed.success) notFound();
  return (
    <AuditScopePage
      scope="year"
      subjectId={String(parsed.data)}
      basePath={`/audit/year/${parsed.data}`}
      view={parseAuditView(await searchParams)}
    />
  );
}
