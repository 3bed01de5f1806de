import { expect, type Locator, type Page } from "@playwright/test";

/** The assessment panel, discussion and history under a pledge's evidence workspace. */
export class AssessmentPanel {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId("assessment-panel");
  }

  get reviewState(): Locator {
    return this.root.getByTestId("review-state");
  }

  get rationale(): Locator {
    return this.root.getByLabel(/^(理由|Rationale)/);
  }

  get reportedValue(): Locator {
    return this.root.getByLabel(/^(实际数值|Reported figure)/);
  }

  get notice(): Locator {
    return this.root.getByRole("status");
  }

  get alert(): Locator {
    return this.root.getByRole("alert");
  }

  get conflict(): Locator {
    return this.root.getByTestId("assessment-conflict");
  }

  get comments(): Locator {
    return this.page.getByTestId("comment");
  }

  get history(): Locator {
    return this.page.getByTestId("pledge-history");
  }

  status(label: string): Locator {
    return this.root.getByRole("radio", { name: label, exact: true });
  }

  /** Picks a verdict by clicking its label (the radio itself is visually hidden). */
  async choose(label: string): Promise<void> {
    await this.root
      .getByTestId("assessment-status")
      .locator("label")
      .filter({ hasText: new RegExp(`^${label}`) })
      .click();
    await expect(this.status(label)).toBeChecked();
  }

  button(name: string): Locator {
    return this.root.getByRole("button", { name, exact: true });
  }

  /** Sets verdict, rationale (and the reported figure when given), then saves. */
  async assess(status: string, rationale: string, reported?: string): Promise<void> {
    await this.choose(status);
    await this.rationale.fill(rationale);
    if (reported !== undefined) await this.reportedValue.fill(reported);
    await this.button("保存评估").click();
  }

  async expectState(label: string): Promise<void> {
    await expect(this.reviewState).toHaveText(label);
  }

  /** Posts a comment in the discussion. */
  async comment(body: string): Promise<void> {
    const thread = this.page.getByTestId("comment-thread");
    await thread.getByRole("textbox").fill(body);
    await thread.getByRole("button", { name: "发表评论" }).click();
    await expect(this.comments.filter({ hasText: body })).toHaveCount(1);
  }
}
