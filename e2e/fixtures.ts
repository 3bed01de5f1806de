import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import path from "node:path";

export const ROLES = ["admin", "reviewer", "analyst", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** The demo accounts seeded by seed/demo-users.ts. */
export const ACCOUNTS: Record<Role, { email: string; password: string; name: string }> = {
  admin: { email: "admin@duixian.test", password: "duixian-admin", name: "管理员 Admin" },
  reviewer: {
    email: "reviewer@duixian.test",
    password: "duixian-reviewer",
    name: "审核员 Reviewer",
  },
  analyst: { email: "analyst@duixian.test", password: "duixian-analyst", name: "分析员 Analyst" },
  viewer: { email: "viewer@duixian.test", password: "duixian-viewer", name: "访客 Viewer" },
};

/** Where the setup project saves each role's signed-in browser state. */
export function storageStateFor(role: Role): string {
  return path.join(__dirname, ".auth", `${role}.json`);
}

/** A new browser context signed in as `role` (state saved by the setup project). */
export async function contextAs(browser: Browser, role: Role): Promise<BrowserContext> {
  return browser.newContext({ storageState: storageStateFor(role) });
}

/** Screenshots go to a gitignored folder for people to look at. */
export function screenshotPath(name: string): string {
  return path.join(__dirname, "screenshots", `${name}.png`);
}

export async function setLanguage(page: Page, lang: "zh" | "en"): Promise<void> {
  await page.getByRole("button", { name: lang === "zh" ? "中文" : "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang === "zh" ? "zh-CN" : "en");
}

export const test = base;
export { expect };
