import {
  ACCOUNTS,
  ROLES,
  contextAs,
  expect,
  screenshotPath,
  setLanguage,
  storageStateFor,
  test,
} from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { callFormServerAction, callServerAction, serverActionId } from "./server-actions";

test.describe("signed in as each role", () => {
  for (const role of ROLES) {
    test(`${role} sees the workspace with name and role`, async ({ browser }) => {
      const context = await contextAs(browser, role);
      const page = await context.newPage();
      await page.goto("/reports");
      await expect(page.getByTestId("current-user")).toContainText(ACCOUNTS[role].name);
      await expect(page.getByRole("link", { name: "报告", exact: true })).toBeVisible();
      await expect(page.getByRole("link", { name: "审核队列" })).toBeVisible();
      await expect(page.getByRole("link", { name: "审计报告" })).toBeVisible();
      const adminLink = page.getByRole("link", { name: "管理", exact: true });
      if (role === "admin") await expect(adminLink).toBeVisible();
      else await expect(adminLink).toHaveCount(0);
      await context.close();
    });
  }
});

test("the reports list shows the seeded reports", async ({ browser }) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await page.goto("/reports");
  // At least the ten seeded reports (other specs may import more).
  await expect(page.getByTestId("reports-table").locator("tbody tr").nth(9)).toBeVisible();
  await expect(page.getByTestId("reports-table")).toContainText("2020年大连市西岗区政府工作报告");
  await expect(page.getByTestId("reports-table")).toContainText("2020年大連市政府工作報告");
  await expect(page.getByTestId("reports-table")).toContainText("海拉尔区");
  await context.close();
});

test.describe("a viewer cannot administer", () => {
  test("the admin page answers 403 with a clear page", async ({ browser }) => {
    const context = await contextAs(browser, "viewer");
    const page = await context.newPage();
    const res = await page.goto("/admin/users");
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
    await context.close();
  });

  test("calling the admin actions directly is refused and changes nothing", async ({ browser }) => {
    const viewer = await contextAs(browser, "viewer");
    const updateId = serverActionId("lib/users/actions.ts", "updateUserAction");
    const createId = serverActionId("lib/users/actions.ts", "createUserAction");

    // Find the viewer's own id as an admin sees it, then try to promote the viewer to admin as the viewer.
    const admin = await contextAs(browser, "admin");
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/users");
    await expect(adminPage.getByTestId(`user-row-${ACCOUNTS.viewer.email}`)).toBeVisible();

    const promote = await callServerAction(viewer.request, "/admin/users", updateId, [
      { userId: "any-id", role: "admin" },
    ]);
    expect(promote.body).toContain("FORBIDDEN");

    const create = await callFormServerAction(viewer.request, "/admin/users", createId, {
      email: "intruder@duixian.test",
      name: "Intruder",
      role: "admin",
      password: "intruder-password",
    });
    expect(create.body).toContain("FORBIDDEN");

    // Signed out entirely: refused too.
    const anonymous = await browser.newContext();
    const anon = await callServerAction(anonymous.request, "/admin/users", updateId, [
      { userId: "any-id", role: "admin" },
    ]);
    expect(anon.body).toContain("UNAUTHENTICATED");

    await adminPage.reload();
    await expect(adminPage.getByTestId("users-table")).not.toContainText("intruder@duixian.test");
    await expect(adminPage.getByLabel(`角色: ${ACCOUNTS.viewer.email}`)).toHaveValue("viewer");
    await Promise.all([viewer.close(), admin.close(), anonymous.close()]);
  });

  test("an analyst cannot reach the admin page either", async ({ browser }) => {
    const context = await contextAs(browser, "analyst");
    const page = await context.newPage();
    expect((await page.goto("/admin/users"))?.status()).toBe(403);
    await context.close();
  });
});

test("a wrong password shows an error and stays on the sign-in page", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(ACCOUNTS.reviewer.email, "not-the-password");
  await expect(login.error).toHaveText("邮箱或密码不正确。");
  await expect(page).toHaveURL(/\/login/);
});

test("signed-out visitors are sent to the sign-in page", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login/);
});

test("admin creates, re-roles and disables a user; the lockout refuses even the right password", async ({
  browser,
}) => {
  const admin = await contextAs(browser, "admin");
  const page = await admin.newPage();
  await page.goto("/admin/users");
  const form = page.getByTestId("create-user-form");
  await form.getByLabel("姓名").fill("锁定测试 Lock Test");
  await form.getByLabel("邮箱").fill("lock-test@duixian.test");
  await form.getByLabel("角色").selectOption("analyst");
  await form.getByLabel("初始密码").fill("short");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByRole("alert")).toHaveText("密码至少需要 10 个字符。");
  await form.getByLabel("初始密码").fill("lock-test-password");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByRole("status")).toHaveText("用户已创建。");
  const row = page.getByTestId("user-row-lock-test@duixian.test");
  await expect(row).toBeVisible();
  await row.getByLabel("角色: lock-test@duixian.test").selectOption("reviewer");
  await expect(row.getByLabel("角色: lock-test@duixian.test")).toHaveValue("reviewer");

  // Five wrong passwords, then the right one is refused with the lockout message.
  const visitor = await browser.newContext();
  const vpage = await visitor.newPage();
  const login = new LoginPage(vpage);
  await login.goto();
  for (let i = 0; i < 5; i++) {
    await login.signIn("lock-test@duixian.test", `wrong-password-${i}`);
    await expect(login.error).toHaveText("邮箱或密码不正确。");
  }
  await login.signIn("lock-test@duixian.test", "lock-test-password");
  await expect(login.error).toContainText("已暂时锁定");
  await expect(vpage).toHaveURL(/\/login/);

  // A disabled account cannot sign in.
  await page.reload();
  await row.getByRole("button", { name: "停用" }).click();
  await expect(row).toContainText("已停用");
  await Promise.all([admin.close(), visitor.close()]);
});

test("sign out ends the session", async ({ browser }) => {
  // A throwaway account: signing out ends every session of the account (lib/users/mutations.ts
  // endSessions), which would sign the shared demo accounts of the other specs out too.
  const admin = await contextAs(browser, "admin");
  const apage = await admin.newPage();
  await apage.goto("/admin/users");
  const form = apage.getByTestId("create-user-form");
  await form.getByLabel("姓名").fill("退出 Sign-out");
  await form.getByLabel("邮箱").fill("sign-out@duixian.test");
  await form.getByLabel("角色").selectOption("viewer");
  await form.getByLabel("初始密码").fill("sign-out-password");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByRole("status")).toBeVisible();
  await admin.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn("sign-out@duixian.test", "sign-out-password");
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL("**/login**");
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test("the language switch turns the UI to English and back, and sticks", async ({ browser }) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "报告" })).toBeVisible();
  await setLanguage(page, "en");
  await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Review queue" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
  await setLanguage(page, "zh");
  await expect(page.getByRole("heading", { name: "报告" })).toBeVisible();
  await context.close();
});

test("a user changes their own password and signs in with the new one", async ({ browser }) => {
  // Create a throwaway account so the shared demo accounts keep their passwords.
  const admin = await contextAs(browser, "admin");
  const apage = await admin.newPage();
  await apage.goto("/admin/users");
  const form = apage.getByTestId("create-user-form");
  await form.getByLabel("姓名").fill("改密 Password");
  await form.getByLabel("邮箱").fill("password-change@duixian.test");
  await form.getByLabel("初始密码").fill("first-password-1");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByRole("status")).toBeVisible();
  await admin.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn("password-change@duixian.test", "first-password-1");
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/account");
  const pw = page.getByTestId("change-password-form");
  await pw.getByLabel("当前密码").fill("wrong-current");
  await pw.getByLabel(/^新密码/).fill("second-password-2");
  await pw.getByLabel("确认新密码").fill("second-password-2");
  await pw.getByRole("button", { name: "修改密码" }).click();
  await expect(pw.getByRole("alert")).toHaveText("当前密码不正确。");
  await pw.getByLabel("当前密码").fill("first-password-1");
  await pw.getByRole("button", { name: "修改密码" }).click();
  await page.waitForURL("**/login?changed=1");
  await expect(page.getByRole("status")).toContainText("密码已修改");
  await login.signIn("password-change@duixian.test", "first-password-1");
  await expect(login.error).toHaveText("邮箱或密码不正确。");
  await login.signIn("password-change@duixian.test", "second-password-2");
  await page.waitForURL((url) => url.pathname === "/");
  await context.close();
});

test("screenshots of the sign-in page, reports list and admin users page in both languages", async ({
  browser,
}) => {
  for (const lang of ["zh", "en"] as const) {
    const anon = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const login = await anon.newPage();
    await login.goto("/login");
    if (lang === "en") await setLanguage(login, "en");
    await login.screenshot({ path: screenshotPath(`login-${lang}`) });
    await anon.close();

    const admin = await browser.newContext({
      storageState: storageStateFor("admin"),
      viewport: { width: 1280, height: 800 },
    });
    const page = await admin.newPage();
    await page.goto("/reports");
    await setLanguage(page, lang);
    await page.screenshot({ path: screenshotPath(`reports-${lang}`), fullPage: true });
    await page.goto("/admin/users");
    await page.screenshot({ path: screenshotPath(`admin-users-${lang}`), fullPage: true });
    await admin.close();
  }
});
