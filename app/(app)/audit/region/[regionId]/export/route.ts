import { auditIdSchema } from "@/lib/audit-reports/schema";
import { respondWithAuditExport } from "../../../_shared/export-route";

/** CSV or JSON export of a region's audit roll-up (?format=csv|json&approved=1). */
export async function GET(request: Request, { params }: { params: Promise<{ regionId: string }> }) {
  const { regionId } = await params;
  return respondWithAuditExport(
    request,
    "region",
    auditIdSchema.safeParse(regionId).success ? regionId : null,
  );
}
