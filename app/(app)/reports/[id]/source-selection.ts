/**
 * Maps DOM positions in the source pane back to source offsets. The pane renders the source as
 * a flat sequence of elements with data-offset (the source index of their first character), each
 * holding exactly one text node; labels are CSS pseudo-elements, so they never enter a selection.
 */

function segmentsOf(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>("[data-offset]"));
}

/** The source offset of a DOM boundary point (node, offset) inside `root`, or null outside it. */
export function pointToSourceOffset(
  root: HTMLElement,
  node: Node,
  offset: number,
  sourceLength: number,
): number | null {
  if (!root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const seg = node.parentElement?.closest<HTMLElement>("[data-offset]");
    if (seg && root.contains(seg)) return Number(seg.dataset.offset) + offset;
  }
  // A point between elements: the start of the first segment at or after it, else the end of the source.
  const probe = document.createRange();
  probe.setStart(node, offset);
  probe.collapse(true);
  for (const seg of segmentsOf(root)) {
    if (probe.comparePoint(seg, 0) >= 0) return Number(seg.dataset.offset);
  }
  return sourceLength;
}

/** The source span [start, end) a DOM range covers inside `root`; null when it is empty or leaves the pane. */
export function rangeToSourceSpan(
  root: HTMLElement,
  range: Range,
  sourceLength: number,
): { start: number; end: number } | null {
  const start = pointToSourceOffset(root, range.startContainer, range.startOffset, sourceLength);
  const end = pointToSourceOffset(root, range.endContainer, range.endOffset, sourceLength);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/**
 * The report's source text as the page shows it: the source pane holds every character exactly
 * once, in order (labels are pseudo-elements), so its text is the source. Null before the pane is
 * in the document. Lets the span editor preview boundaries without a second copy in the payload.
 */
export function readSourceText(): string | null {
  return document.querySelector<HTMLElement>("[data-source-root]")?.textContent ?? null;
}
