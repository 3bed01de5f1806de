import { expect, type Locator, type Page } from "@playwright/test";

/** The import screen: upload or paste, then one card per report with its preview and metadata form. */
export class ImportPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/reports/import");
    await expect(this.page.getByRole("heading", { name: /导入报告|Import reports/ })).toBeVisible();
  }

  async upload(name: string, buffer: Buffer, mimeType = "text/plain"): Promise<Locator> {
    await this.page.getByTestId("import-file-input").setInputFiles({ name, mimeType, buffer });
    return this.card(name);
  }

  async paste(text: string): Promise<Locator> {
    await this.page.getByRole("tab", { name: /粘贴文本|Paste text/ }).click();
    await this.page.getByRole("textbox", { name: /粘贴文本|Paste text/ }).fill(text);
    await this.page.getByRole("button", { name: /^(预览|Preview)$/ }).click();
    return this.card(/粘贴文本|Paste text/);
  }

  card(label: string | RegExp): Locator {
    return this.page
      .getByTestId("import-card")
      .filter({ has: this.page.getByRole("heading", { name: label }) })
      .first();
  }
}
