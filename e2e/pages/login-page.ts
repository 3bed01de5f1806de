import { expect, type Page } from "@playwright/test";

/** The sign-in screen. Labels are matched in both languages. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/login");
    await expect(this.page.locator("form")).toBeVisible();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel(/邮箱|Email/).fill(email);
    await this.page.getByLabel(/密码|Password/).fill(password);
    await this.page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  }

  get error() {
    return this.page.locator("form").getByRole("alert");
  }
}
