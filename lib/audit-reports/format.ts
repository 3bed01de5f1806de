/**
 * PURE formatting shared by the audit report page, its exports and its share page.
 */

/** A fraction as a whole percentage ("57%"), or "—" when undefined. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;
}

/** "YYYY-MM-DD HH:mm UTC" of an ISO time. */
export function formatAsOf(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—";
}
