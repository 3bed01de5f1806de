/**
 * The review pane's text is cut into spans that carry their offset (data-offset, relative to the
 * pane's text); these two functions translate between those offsets and the DOM selection.
 */

/** Selects [start, end) of the review text in its pane and scrolls to it. */
export function selectReviewSpan(container: HTMLElement | null, start: number, end: number): void {
  if (!container) return;
  const spans = [...container.querySelectorAll<HTMLElement>("[data-offset]")];
  const locate = (offset: number): { node: Node; offset: number } | null => {
    for (let i = spans.length - 1; i >= 0; i--) {
      const base = Number(spans[i].dataset.offset);
      if (base <= offset) {
        const node = spans[i].firstChild;
        return node
          ? { node, offset: Math.min(offset - base, node.textContent?.length ?? 0) }
          : null;
      }
    }
    return null;
  };
  const a = locate(start);
  const b = locate(end);
  if (!a || !b) return;
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  (a.node.parentElement ?? container).scrollIntoView({ block: "center" });
}

/** Offsets of the current DOM selection inside the review pane, or null when nothing in it is selected. */
export function selectionOffsets(
  container: HTMLElement | null,
): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (!container || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const at = (node: Node, offset: number): number | null => {
    const el = (
      node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element)
    )?.closest<HTMLElement>("[data-offset]");
    if (!el || !container.contains(el)) return null;
    return Number(el.dataset.offset) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  };
  const start = at(range.startContainer, range.startOffset);
  const end = at(range.endContainer, range.endOffset);
  return start !== null && end !== null && end > start ? { start, end } : null;
}
