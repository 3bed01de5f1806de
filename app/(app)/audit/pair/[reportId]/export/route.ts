import { auditIdSchema } from "@/lib/audit-reports/schema";
import { respondWithAuditExport } from "../../../_shared/export-route";

/** CSV or JSON export of a pair's audit report (?format=csv|json&approved=1). */
export async function GET(request: Request, { params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  return respondWithAuditExport(
    request,
    "pair",
    auditIdSchema.safeParse(reportId).success ? reportId : null,
  );
}
