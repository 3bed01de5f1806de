/**
 * A tiny RFC 4180 CSV writer (no CSV package is installed, and this is all the exports need):
 * fields with a quote, comma, CR or LF are quoted and their quotes doubled; records end with CRLF;
 * the text starts with a UTF-8 byte order mark so Excel opens Chinese text correctly.
 */
export const BOM = "\uFEFF";

export type CsvValue = string | number | boolean | null | undefined;

/** One field, quoted when it must be. null and undefined are empty fields. */
export function formatCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, then each record as quoted fields joined by commas, CRLF after each. */
export function writeCsv(records: readonly (readonly CsvValue[])[], options: { bom?: boolean } = {}): string {
  const body = records.map((r) => r.map(formatCsvField).join(",") + "\r\n").join("");
  return (options.bom ?? true ? BOM : "") + body;
}
