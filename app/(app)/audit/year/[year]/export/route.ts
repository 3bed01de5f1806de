import { respondWithAuditExport } from "../../../_shared/export-route";

/** CSV or JSON export of a year's audit roll-up (?format=csv|json&approved=1). */
export async function GET(request: Request, { params }: { params: Promise<{ year: string }> }) {
  const { year } = await params;
  return respondWithAuditExport(request, "year", /^\d{4}$/.test(year) ? year : null);
}
