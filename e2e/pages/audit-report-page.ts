import { expect, type Locator, type Page } from "@playwright/test";

/** An audit report (signed in or shared): summary cards, charts, tables, pledges, share links. */
export class AuditReportPage {
  constructor(private readonly page: Page) {}

  /** Opens the pair audit report of a plan report from the audit overview. */
  async openPair(planTitle: string): Promise<void> {
    await this.page.goto("/audit");
    await this.page.getByTestId("audit-pair-link").filter({ hasText: planTitle }).first().click();
    await this.page.waitForURL(/\/audit\/pair\/[^/?]+/);
    await expect(this.root).toBeVisible();
  }

  get root(): Locator {
    return this.page.getByTestId("audit-report");
  }

  card(key: "pledges" | "assessed" | "approved" | "rate"): Locator {
    return this.page.getByTestId(`audit-card-${key}`);
  }

  get charts(): Locator {
    return this.root.locator('svg[role="img"]');
  }

  get pledges(): Locator {
    return this.page.getByTestId("audit-pledge");
  }

  get provisional(): Locator {
    return this.page.getByTestId("provisional");
  }

  get shareManager(): Locator {
    return this.page.getByTestId("share-manager");
  }

  get shareRows(): Locator {
    return this.page.getByTestId("share-row");
  }

  /** Creates a share link (notes off unless asked); returns its token. */
  async createShare(options: { showNotes?: boolean } = {}): Promise<string> {
    const before = await this.shareRows.count();
    if (options.showNotes) await this.page.getByTestId("share-show-notes").check();
    await this.page.getByTestId("share-create").click();
    await expect(this.page.getByTestId("share-created")).toBeVisible();
    await expect(this.shareRows).toHaveCount(before + 1);
    const token = await this.shareRows.first().getAttribute("data-token");
    if (!token) throw new Error("no token");
    return token;
  }

  /** Revokes the share link with this token, confirming the dialog. */
  async revokeShare(token: string): Promise<void> {
    this.page.once("dialog", (d) => void d.accept());
    const row = this.page.locator(`[data-testid="share-row"][data-token="${token}"]`);
    await row.getByTestId("share-revoke").click();
    await expect(row).toHaveAttribute("data-state", "revoked");
  }
}
