import { createHash } from "node:crypto";

/**
 * The identity of a report's content for duplicate detection: sha256 of the text with line endings
 * unified and surrounding whitespace trimmed, so the same report saved as CRLF or LF, or with a
 * trailing newline, is recognised as the same.
 */
export function hashReportContent(text: string): string {
  const canonical = text.replace(/\r\n?/g, "\n").trim();
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}
