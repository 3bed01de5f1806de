import type { Page } from "@playwright/test";

/** What sticks out sideways on a page: its scroll width and the visible elements past an edge. */
export type Overflow = { scrollWidth: number; offenders: string[] };

/**
 * Measures sideways overflow against a viewport `width` wide: document.documentElement.scrollWidth,
 * and every element with a box whose right edge is beyond `width` (or left edge below 0). Allowed:
 * elements inside a container that scrolls on its own (overflow-x auto/scroll, e.g. a table
 * wrapper) and elements inside a visually hidden container (sr-only: clipped to 1 px).
 */
export async function measureOverflow(page: Page, width: number): Promise<Overflow> {
  return page.evaluate((vw) => {
    const excused = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX === "auto" || s.overflowX === "scroll") return true;
        const r = p.getBoundingClientRect();
        if (s.overflowX !== "visible" && r.width <= 1 && r.height <= 1) return true;
      }
      return false;
    };
    const offenders: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right <= vw + 0.5 && r.left >= -0.5) continue;
      if (getComputedStyle(el).visibility === "hidden" || excused(el)) continue;
      const testId = el.getAttribute("data-testid");
      const cls = (el.getAttribute("class") ?? "").slice(0, 60);
      offenders.push(
        `<${el.tagName.toLowerCase()}${testId ? ` data-testid=${testId}` : ""} class="${cls}"> ${Math.round(r.left)}–${Math.round(r.right)}px «${(el.textContent ?? "").trim().slice(0, 24)}»`,
      );
    }
    return { scrollWidth: document.documentElement.scrollWidth, offenders };
  }, width);
}
