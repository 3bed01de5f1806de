import type { Translate } from "@/lib/i18n/messages";
import type { SourceBlock, SourceSegment } from "./source-segments";
import { regionLabelKey } from "./report-styles";
import styles from "./report-page.module.css";

/**
 * The report's source exactly as stored, as a flat run of spans each carrying data-offset (the
 * source index of its first character), so a DOM selection maps back to exact offsets. Pledge
 * spans are <mark data-pid data-kind>; headings carry data-h, web chrome data-c; top-level
 * sections are outlined <section data-region> blocks labelled by a CSS pseudo-element (never
 * selectable, never part of the DOM text). A server component: the spans are rendered once, carry
 * no class lists, and are never re-rendered on the client.
 */
export function SourceText({ blocks, sourceText, t }: { blocks: SourceBlock[]; sourceText: string; t: Translate }) {
  return (
    <div data-source-root data-length={sourceText.length} className={styles.source}>
      {blocks.map((b) =>
        b.region ? (
          <section key={b.region.start} data-region={b.region.kind} data-label={t(regionLabelKey(b.region.kind))}>
            {b.segments.map((s) => renderSegment(s, sourceText))}
          </section>
        ) : (
          b.segments.map((s) => renderSegment(s, sourceText))
        ),
      )}
    </div>
  );
}

function renderSegment(s: SourceSegment, sourceText: string) {
  const text = sourceText.slice(s.start, s.end);
  const h = s.heading ? s.heading : undefined;
  const c = s.chrome ? "" : undefined;
  if (s.pledgeId) {
    return (
      <mark key={s.start} data-offset={s.start} data-pid={s.pledgeId} data-kind={s.pledgeKind ?? undefined} data-h={h} data-c={c}>
        {text}
      </mark>
    );
  }
  return (
    <span key={s.start} data-offset={s.start} data-h={h} data-c={c}>
      {text}
    </span>
  );
}
