import { test as setup, expect } from "@playwright/test";
import { ACCOUNTS, ROLES, storageStateFor } from "./fixtures";
import { LoginPage } from "./pages/login-page";

// Sign in once per role through the real form and keep the state for the specs.
for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(ACCOUNTS[role].email, ACCOUNTS[role].password);
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByTestId("current-user")).toContainText(ACCOUNTS[role].name);
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
