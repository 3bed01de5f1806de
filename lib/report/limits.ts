/**
 * What one report may be and produce. Parsing is linear in its input, but an upload may still be
 * built to yield absurd output (a 200 KB file of figures gave 8,000 pledges and a 22 MB, 3.6 s
 * audit page; issue 12), so a report past any of these caps is refused whole, with a clear
 * message, rather than cut short in silence. Each cap is several times what real reports reach
 * (52 real reports in shared/corpus: at most 43,455 characters, 1,136 pledges, 149 section rows).
 */
import { isWhitespaceCode } from "./whitespace";

/**
 * Characters of decoded text (after HTML extraction), whitespace not counted (countReportChars):
 * 9× the longest real report, about 1.2 MB of UTF-8 Chinese; at this size even a pathological
 * text parses in well under a second. Whitespace costs the parser next to nothing and the 20 MB
 * upload cap (MAX_REPORT_BYTES) still holds, so a report padded with blanks up to 20 MB is taken.
 */
export const MAX_REPORT_CHARS = 400_000;

/**
 * Pledges of one report: 2.6× the most a real report yields (1,136; work reports stay under
 * 1,500). Every pledge is a row to save, assess and show on the audit page (about 2.7 KB of HTML
 * each there), so this also bounds the pages built from one report.
 */
export const MAX_PLEDGES = 3_000;

/**
 * Section rows of one report, as stored: top-level sections, subsections, topic sentences and
 * headline-target/list blocks together. 6.7× the most a real report has (149).
 */
export const MAX_SECTIONS = 1_000;

/** The caps in force for one parse (parseReport's `limits` option overrides them one by one). */
export type ReportLimits = { maxChars: number; maxPledges: number; maxSections: number };

/** The caps every import goes through. */
export const REPORT_LIMITS: ReportLimits = {
  maxChars: MAX_REPORT_CHARS,
  maxPledges: MAX_PLEDGES,
  maxSections: MAX_SECTIONS,
};

/** The characters of `text` that count against MAX_REPORT_CHARS: all but whitespace (as \s). */
export function countReportChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (!isWhitespaceCode(text.charCodeAt(i))) n++;
  return n;
}
