import { expect, type Page } from "@playwright/test";

/** The evidence-linking workspace of one pledge. */
export class LinkingPage {
  constructor(private readonly page: Page) {}

  /** Opens a report from the list, finds a pledge (of any tier) by text, and opens its workspace. */
  async open(reportTitle: string, pledgeText: string): Promise<void> {
    await this.page.goto("/reports");
    await this.page.getByRole("link", { name: reportTitle, exact: true }).click();
    // Every tier: the pledge may be a direction item (the list opens on the trackable ones).
    await this.page.waitForURL(/\/reports\/[^/?]+$/);
    await this.page.goto(`${this.page.url()}?tier=all`);
    await this.page.getByTestId("filter-q").fill(pledgeText);
    await expect(this.page).toHaveURL(/[?&]q=/);
    await this.page.getByTestId("pledge-list").getByText(pledgeText).first().click();
    await this.page.getByTestId("open-evidence").click();
    await expect(this.page.getByTestId("ws-pledge-text")).toContainText(pledgeText);
  }

  get suggestions() {
    return this.page.getByTestId("ws-suggestion");
  }

  get evidence() {
    return this.page.getByTestId("ws-evidence-item");
  }

  /** Selects `text` inside the review pane, as a person dragging the mouse would. */
  async selectInReview(text: string): Promise<void> {
    const found = await this.page.getByTestId("ws-review-text").evaluate((root, needle) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(needle) ?? -1;
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + needle.length);
          const sel = window.getSelection()!;
          sel.removeAllRanges();
          sel.addRange(range);
          return true;
        }
      }
      return false;
    }, text);
    expect(found, `"${text}" in the review pane`).toBe(true);
  }
}
