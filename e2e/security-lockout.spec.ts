import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { ACCOUNTS, contextAs, expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { createThrowaway } from "./security-helpers";
import { withOwnServer } from "./spawned-server";
import { ownServerPort } from "./ports";

/**
 * Issue 12, findings 1 and 9: the sign-in lockout under concurrent guessing, per address, and an
 * admin lifting a lock.
 */

type Prepared = { api: APIRequestContext; csrfToken: string };

/** A request context with next-auth's CSRF cookie and token, ready to post one sign-in. */
async function prepare(baseURL: string, headers: Record<string, string> = {}): Promise<Prepared> {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: headers });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return { api, csrfToken };
}

/** Posts the sign-in; the outcome as next-auth's client would read it. */
async function post(
  { api, csrfToken }: Prepared,
  email: string,
  password: string,
): Promise<"signed-in" | "wrong" | "locked" | string> {
  const res = await api.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true", callbackUrl: "/" },
    maxRedirects: 0,
  });
  const { url } = (await res.json()) as { url: string };
  if (url.includes("error=LOCKED")) return "locked";
  if (url.includes("error=CredentialsSignin")) return "wrong";
  if (!url.includes("error=")) return "signed-in";
  return url;
}

test("40 sign-ins at once to one account (the attack): at most 5 passwords are checked, across both workers", async ({
  browser,
  baseURL,
}) => {
  const admin = await contextAs(browser, "admin");
  const target = await createThrowaway(admin.request, "race", "admin");
  await admin.close();
  const clients = await Promise.all(Array.from({ length: 40 }, () => prepare(baseURL!)));
  // All requests are ready before any is sent, then go out together; the right password is last.
  const outcomes = await Promise.all(
    clients.map((c, i) =>
      post(c, target.email, i === clients.length - 1 ? target.password : `wrong-guess-${i}`),
    ),
  );
  await Promise.all(clients.map((c) => c.api.dispose()));
  const checked = outcomes.filter((o) => o === "wrong" || o === "signed-in");
  expect(checked.length, outcomes.join(",")).toBeLessThanOrEqual(5);
  expect(outcomes.filter((o) => o === "locked").length).toBeGreaterThanOrEqual(35);
  expect(
    outcomes.every((o) => ["wrong", "signed-in", "locked"].includes(o)),
    outcomes.join(","),
  ).toBe(true);
});

// A server of its own behind a (simulated) trusted proxy, so that requests can come from several
// client addresses: the proxy's X-Forwarded-For names them.
const PORT = ownServerPort("lockout");

test("a stranger's guesses lock the account only from the stranger's address; an admin sees the lock and lifts it", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  await withOwnServer(
    "lockout",
    { port: PORT, env: { DUIXIAN_TRUSTED_PROXIES: "1", DUIXIAN_LOG_LEVEL: "warn" } },
    async (server) => {
      const stranger = { "X-Forwarded-For": "203.0.113.5" };
      const owner = { "X-Forwarded-For": "198.51.100.7" };
      const victim = ACCOUNTS.admin;

      // Five guesses from the stranger's address lock the admin account there, even with the right password.
      for (let i = 0; i < 5; i++)
        expect(await post(await prepare(server.url, stranger), victim.email, `guess-${i}`)).toBe(
          "wrong",
        );
      expect(await post(await prepare(server.url, stranger), victim.email, victim.password)).toBe(
        "locked",
      );

      // The admin, from their own address, signs in through the form and finds the lock listed.
      const context = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: owner });
      const page = await context.newPage();
      const login = new LoginPage(page);
      await login.goto();
      await login.signIn(victim.email, victim.password);
      await page.waitForURL((url) => url.pathname === "/");
      await page.goto("/admin/users");
      const locks = page.getByTestId("sign-in-locks");
      const row = locks.getByTestId(`lock-account-${victim.email}`);
      await expect(row).toContainText("5（来自 1 个地址）");
      await page.screenshot({ path: "e2e/screenshots/admin-sign-in-locks.png", fullPage: true });

      // Lifting it lets the stranger's address try again (and fail honestly, not as locked).
      await row.getByRole("button", { name: "解除锁定" }).click();
      await expect(locks).toContainText("当前没有登录锁定。");
      expect(
        await post(await prepare(server.url, stranger), victim.email, "guess-after-lift"),
      ).toBe("wrong");

      // An address that sprays 30 accounts is locked for every account, the owner's address is not.
      const sprayer = { "X-Forwarded-For": "192.0.2.66" };
      const prepared = await Promise.all(
        Array.from({ length: 30 }, () => prepare(server.url, sprayer)),
      );
      for (const [i, p] of prepared.entries())
        expect(await post(p, `nobody-${i}@example.test`, "Password123")).toBe("wrong");
      expect(
        await post(
          await prepare(server.url, sprayer),
          ACCOUNTS.analyst.email,
          ACCOUNTS.analyst.password,
        ),
      ).toBe("locked");
      expect(
        await post(
          await prepare(server.url, owner),
          ACCOUNTS.analyst.email,
          ACCOUNTS.analyst.password,
        ),
      ).toBe("signed-in");
      await page.reload();
      await expect(locks.getByTestId("lock-address-192.0.2.66")).toContainText("30");
      await context.close();
    },
  );
});
