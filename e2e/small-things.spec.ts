import { contextAs, expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { ReportPage } from "./pages/report-page";
import { createThrowaway } from "./security-helpers";

/** Issue 16, "small things a user trips on": each can fail. */

test("an empty sign-in form is refused before it is sent, with a message", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  let posted = false;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/api/auth/callback/credentials")) posted = true;
  });
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await expect(login.error).toHaveText("请填写邮箱和密码。");
  expect(posted).toBe(false);
  await context.close();
});

test("signing out stays on the host the person is on (127.0.0.1, not localhost)", async ({
  browser,
  baseURL,
}) => {
  const admin = await contextAs(browser, "admin");
  const user = await createThrowaway(admin.request, "signout-host", "viewer");
  await admin.close();
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(user.email, user.password);
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByRole("button", { name: /退出登录|Sign out/ }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);
  await context.close();
});

test("the report page opens on its plan and shows no character offsets; the app has a favicon", async ({
  browser,
  request,
}) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  const report = new ReportPage(page);
  await report.openByTitle("2014年海拉尔区政府工作报告", "default");
  const plan = page.locator('section[data-region="plan"]').first();
  const pane = page.locator("[data-source-root]").locator("xpath=..");
  await expect
    .poll(async () => {
      const [p, s] = await Promise.all([plan.boundingBox(), pane.boundingBox()]);
      return p && s ? p.y < s.y + s.height && p.y + p.height > s.y : false;
    })
    .toBe(true);
  await expect(page.getByTestId("pledge-list")).not.toContainText(/\d{3,}–\d{3,}/);
  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  await context.close();
});

test("tab titles are in the reader's language", async ({ browser }) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await page.goto("/reports");
  await expect(page).toHaveTitle("报告 · 兑现 Duixian");
  await page.goto("/search");
  await expect(page).toHaveTitle("搜索承诺 · 兑现 Duixian");
  await context.close();
});
