import type { Translate } from "@/lib/i18n/messages";
import type { SourceBlock, SourceSegment } from "./source-segments";
import { regionLabelKey } from "./report-styles";
import styles from "./report-page.module.css";

/**
 * The report's source exactly as stored, as a flat run of spans each carrying data-offset (the
 * source index of its first character), so a DOM selection maps back to exact offsets. Pledge
 * spans are <mark data-pid data-kind> (data-t on trackable items, which stand out; data-x on
 * items marked "not a pledge", drawn faintest); headings carry data-h, web chrome data-c; top-level
 * sections are outlined <section data-region> blocks labelled by a CSS pseudo-element (never
 * selectable, never part of the DOM text).
 *
 * The spans are written as one HTML string (sourceHtml) set as the root's inner HTML, not as a
 * React element per span: a server component passed to the client workspace travels twice, as
 * HTML and again in the React payload, and a thousand elements cost ~80 bytes of payload each
 * plus their rendering on every view. As a string it is one payload chunk, built in a single
 * pass, and the client never re-renders the spans (selection is shown by one CSS rule).
 */
export function SourceText({
  blocks,
  sourceText,
  t,
}: {
  blocks: SourceBlock[];
  sourceText: string;
  t: Translate;
}) {
  return (
    <div
      data-source-root
      data-length={sourceText.length}
      className={styles.source}
      dangerouslySetInnerHTML={{ __html: sourceHtml(blocks, sourceText, t) }}
    />
  );
}

/** The inner HTML of the source root: every character of the source in order, escaped. */
export function sourceHtml(blocks: SourceBlock[], sourceText: string, t: Translate): string {
  let html = "";
  for (const b of blocks) {
    if (b.region)
      html += `<section data-region="${escapeHtml(b.region.kind)}" data-label="${escapeHtml(t(regionLabelKey(b.region.kind)))}">`;
    for (const s of b.segments) html += segmentHtml(s, sourceText);
    if (b.region) html += "</section>";
  }
  return html;
}

function segmentHtml(s: SourceSegment, sourceText: string): string {
  const text = escapeHtml(sourceText.slice(s.start, s.end));
  const h = s.heading ? ` data-h="${s.heading}"` : "";
  const c = s.chrome ? ` data-c=""` : "";
  if (s.pledgeId) {
    const kind = s.pledgeKind ? ` data-kind="${escapeHtml(s.pledgeKind)}"` : "";
    // Only the (few) trackable marks carry an attribute: hundreds of direction marks stay bare.
    const tier = s.pledgeTier === "trackable" ? ` data-t=""` : "";
    const x = s.pledgeExcluded ? ` data-x=""` : "";
    return `<mark data-offset="${s.start}" data-pid="${escapeHtml(s.pledgeId)}"${kind}${tier}${x}${h}${c}>${text}</mark>`;
  }
  return `<span data-offset="${s.start}"${h}${c}>${text}</span>`;
}

// A carriage return is written as a reference: the HTML parser turns a literal CR (and CR LF) into
// LF, which would shift every offset after it; a character reference survives as itself.
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "\r": "&#13;",
};

/** Text or an attribute value made safe to place in HTML (the source is untrusted imported text), character for character. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]);
}
