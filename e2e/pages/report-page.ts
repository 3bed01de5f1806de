import { expect, type Locator, type Page } from "@playwright/test";

/** The report page: pledge list on the left, source text on the right. */
export class ReportPage {
  constructor(private readonly page: Page) {}

  /**
   * Opens a report from the reports list by its title; returns the report id. The list then shows
   * every tier (?tier=all), as the specs written before tiers expect; `view: "default"` keeps the
   * page as it opens (trackable items only).
   */
  async openByTitle(title: string, view: "all" | "default" = "all"): Promise<string> {
    await this.page.goto("/reports");
    await this.page.getByRole("link", { name: title, exact: true }).click();
    await this.page.waitForURL(/\/reports\/[^/?]+$/);
    const id = this.page.url().split("/").pop()!;
    if (view === "all") await this.page.goto(`/reports/${id}?tier=all`);
    // Attached, not visible: at phone width the source is a tab of its own, the list shows first.
    await expect(this.sourceRoot).toBeAttached();
    await this.waitForAllRows();
    return id;
  }

  /** Waits until the list holds every row: the server renders the first 100, the browser the rest. */
  async waitForAllRows(): Promise<void> {
    await expect(this.page.getByTestId("pledge-list-more")).toHaveCount(0);
  }

  get meta(): Locator {
    return this.page.getByTestId("report-meta");
  }

  get list(): Locator {
    return this.page.getByTestId("pledge-list");
  }

  get rows(): Locator {
    return this.list.locator("li[data-pid]");
  }

  get sourceRoot(): Locator {
    return this.page.locator("[data-source-root]");
  }

  get marks(): Locator {
    return this.sourceRoot.locator("mark[data-pid]");
  }

  get editor(): Locator {
    return this.page.getByTestId("pledge-editor");
  }

  get addBar(): Locator {
    return this.page.getByTestId("add-pledge-bar");
  }

  /** The list row whose text is exactly `text`. */
  row(text: string | RegExp): Locator {
    return this.rows.filter({
      has: this.page.locator('[data-f="text"]').getByText(text, { exact: true }),
    });
  }

  /** The text, kind badge and target of a row. */
  textOf(row: Locator): Locator {
    return row.locator('[data-f="text"]');
  }

  kindOf(row: Locator): Locator {
    return row.locator('[data-f="kind"]');
  }

  targetOf(row: Locator): Locator {
    return row.locator('[data-f="target"]');
  }

  /** Selects a pledge by clicking its row (the source scrolls to its span). */
  async select(text: string | RegExp): Promise<Locator> {
    const row = this.row(text);
    await row.getByRole("button").first().click();
    await expect(row.getByRole("button").first()).toHaveAttribute("aria-pressed", "true");
    return row;
  }

  /** The highlight of a pledge in the source. */
  mark(pledgeId: string): Locator {
    return this.sourceRoot.locator(`mark[data-pid="${pledgeId}"]`);
  }

  /** Cuts the selected pledge before its character at `charIndex` (clicking that character's left edge), then splits. */
  async splitSelectedAt(charIndex: number): Promise<void> {
    await this.editor
      .getByTestId("split-text")
      .locator(`[data-i="${charIndex}"]`)
      .click({ position: { x: 1, y: 5 } });
    await expect(this.editor.getByTestId("split-cut")).toBeVisible();
    await expect(this.editor.getByTestId("split-preview")).toBeVisible();
    await this.editor.getByRole("button", { name: /在此拆分|Split here/ }).click();
  }

  /** The source offset of `phrase` (its first occurrence), read from the rendered spans. */
  async sourceOffsetOf(phrase: string): Promise<number> {
    return this.sourceRoot.evaluate((root, p) => {
      let text = "";
      for (const el of Array.from(root.querySelectorAll<HTMLElement>("[data-offset]"))) {
        if (Number(el.dataset.offset) !== text.length)
          throw new Error("data-offset does not match the text before it");
        text += el.textContent ?? "";
      }
      return text.indexOf(p);
    }, phrase);
  }

  /** Selects source [start, end) with a DOM Range built over the spans, as a mouse selection would. */
  async selectSource(start: number, end: number): Promise<void> {
    await this.sourceRoot.evaluate(
      (root, [s, e]) => {
        const point = (offset: number): [Node, number] => {
          for (const el of Array.from(root.querySelectorAll<HTMLElement>("[data-offset]"))) {
            const from = Number(el.dataset.offset);
            const len = el.textContent?.length ?? 0;
            if (offset >= from && offset <= from + len && el.firstChild)
              return [el.firstChild, offset - from];
          }
          throw new Error(`offset ${offset} not rendered`);
        };
        const range = document.createRange();
        range.setStart(...point(s));
        range.setEnd(...point(e));
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
      },
      [start, end] as const,
    );
  }
}
