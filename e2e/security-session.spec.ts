import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import { contextAs, expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { callFormServerAction, callServerAction, serverActionId } from "./server-actions";
import {
  actionReply,
  contextFor,
  createThrowaway,
  SESSION_COOKIE,
  sessionCookie,
  sessionEmail,
  signInAttempt,
  signInOverHttp,
  throwawayEmail,
  type Throwaway,
} from "./security-helpers";

/**
 * Issue 7, security review: sessions, sign-out, passwords and lockout. Every account that signs
 * out, changes its password, is disabled or locked here is a throwaway made by the admin: signing
 * out ends all sessions of an account, and the shared demo accounts' saved states must survive.
 */

let admin: BrowserContext;
test.beforeAll(async ({ browser }) => {
  admin = await contextAs(browser, "admin");
});
test.afterAll(async () => {
  await admin.close();
});

const throwaway = (label: string, role: "analyst" | "viewer" = "analyst") =>
  createThrowaway(admin.request, label, role);

/** Whether a request context (with whatever cookie it holds) gets into the app: pages, actions and exports. */
async function opensTheApp(
  request: APIRequestContext,
): Promise<{ page: boolean; action: boolean; session: boolean }> {
  const page = await request.get("/reports", { maxRedirects: 0 });
  const action = actionReply(
    (
      await callServerAction(
        request,
        "/audit",
        serverActionId("lib/shares/actions.ts", "createShareLinkAction"),
        [{ scope: "year", subjectId: "1950", expiresOn: null, showNotes: false }],
      )
    ).body,
  );
  return {
    page: page.status() === 200,
    action: action?.code !== "UNAUTHENTICATED",
    session: (await sessionEmail(request)) !== null,
  };
}

async function withCookie(browser: Browser, value: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies([
    { name: SESSION_COOKIE, value, url: test.info().project.use.baseURL! },
  ]);
  return context;
}

test("a session cookie planted before sign-in is not the one used after it", async ({
  browser,
}) => {
  const victim = await throwaway("fixation-victim");
  const attacker = await throwaway("fixation-attacker");

  // A made-up value planted by another site or a shared machine: the sign-in form replaces it.
  const planted = "planted-by-an-attacker";
  const context = await withCookie(browser, planted);
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(victim.email, victim.password);
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByTestId("current-user")).toContainText("fixation-victim");
  expect(await sessionCookie(context)).not.toBe(planted);
  await context.close();

  // The attacker's own valid session planted in the victim's browser: signing in issues a new one, the victim's.
  const attackerContext = await contextFor(browser, attacker);
  const attackerCookie = (await sessionCookie(attackerContext))!;
  const victimContext = await withCookie(browser, attackerCookie);
  expect(await sessionEmail(victimContext.request)).toBe(attacker.email);
  expect(await signInOverHttp(victimContext.request, victim.email, victim.password)).toBe(true);
  const issued = await sessionCookie(victimContext);
  expect(issued).not.toBe(attackerCookie);
  expect(await sessionEmail(victimContext.request)).toBe(victim.email);
  // …and the attacker's session is still only the attacker's.
  expect(await sessionEmail(attackerContext.request)).toBe(attacker.email);
  await Promise.all([victimContext.close(), attackerContext.close()]);
});

test("session cookies are HttpOnly and SameSite=Lax; after sign-out the old one is refused everywhere; the account's other sessions end too", async ({
  browser,
}) => {
  const user = await throwaway("sign-out");
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(user.email, user.password);
  await page.waitForURL((url) => url.pathname === "/");
  // next-auth's cookies are out of scripts' reach and not sent on cross-site requests.
  const cookies = (await context.cookies()).filter((c) => c.name.startsWith("next-auth."));
  expect(cookies.map((c) => c.name)).toEqual(
    expect.arrayContaining(["next-auth.csrf-token", "next-auth.session-token"]),
  );
  for (const c of cookies)
    expect(c, c.name).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  const copied = (await sessionCookie(context))!;
  const elsewhere = await contextFor(browser, user); // the same account in another browser
  expect(await opensTheApp(elsewhere.request)).toEqual({ page: true, action: true, session: true });

  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL("**/login**");
  expect(await sessionCookie(context)).toBeUndefined();

  // JWT sessions are stateless: the sign-out event moved the account's session version on, so
  // the copied cookie — still correctly signed and unexpired — opens nothing.
  const replay = await withCookie(browser, copied);
  expect(await opensTheApp(replay.request)).toEqual({ page: false, action: false, session: false });
  expect((await replay.request.get("/reports", { maxRedirects: 0 })).headers()["location"]).toMatch(
    /\/login/,
  );
  // The trade-off: signing out ends the other browser's session as well.
  expect(await opensTheApp(elsewhere.request)).toEqual({
    page: false,
    action: false,
    session: false,
  });
  // Signing in again works, with a new cookie.
  expect(await signInOverHttp(replay.request, user.email, user.password)).toBe(true);
  expect(await sessionCookie(replay)).not.toBe(copied);
  await Promise.all([context.close(), elsewhere.close(), replay.close()]);
});

test("disabling an account and changing a password end the existing sessions", async ({
  browser,
}) => {
  const disabled = await throwaway("disabled");
  const changer = await throwaway("changer");
  const [d1, c1, c2] = await Promise.all([
    contextFor(browser, disabled),
    contextFor(browser, changer),
    contextFor(browser, changer),
  ]);
  expect((await opensTheApp(d1.request)).page).toBe(true);

  const update = serverActionId("lib/users/actions.ts", "updateUserAction");
  expect(
    actionReply(
      (
        await callServerAction(admin.request, "/admin/users", update, [
          { userId: disabled.id, disabled: true },
        ])
      ).body,
    ),
  ).toMatchObject({ ok: true });
  expect(await opensTheApp(d1.request)).toEqual({ page: false, action: false, session: false });
  expect((await signInAttempt(d1.request, disabled.email, disabled.password)).signedIn).toBe(false);

  const change = serverActionId("lib/users/actions.ts", "changePasswordAction");
  const res = await callFormServerAction(c1.request, "/account", change, {
    currentPassword: changer.password,
    newPassword: "a-brand-new-password",
    confirmPassword: "a-brand-new-password",
  });
  expect(actionReply(res.body)).toMatchObject({ ok: true });
  for (const c of [c1, c2])
    expect(await opensTheApp(c.request)).toEqual({ page: false, action: false, session: false });
  expect(await signInOverHttp(c2.request, changer.email, changer.password)).toBe(false);
  expect(await signInOverHttp(c2.request, changer.email, "a-brand-new-password")).toBe(true);
  await Promise.all([d1.close(), c1.close(), c2.close()]);
});

test("next-auth refuses sign-in and sign-out POSTs without its CSRF token; a GET never signs out", async ({
  browser,
}) => {
  const user = await throwaway("csrf");
  const base = test.info().project.use.baseURL!;

  // Sign-in without the token (a cross-site form post cannot read it): refused, no session.
  const forged = await browser.newContext();
  const noToken = await forged.request.post("/api/auth/callback/credentials", {
    form: { email: user.email, password: user.password, json: "true" },
    maxRedirects: 0,
  });
  expect((await noToken.json()).url).toContain("csrf=true");
  expect(await sessionEmail(forged.request)).toBeNull();
  // A token taken from another client does not match this client's CSRF cookie.
  const other = await browser.newContext();
  const { csrfToken } = await (await other.request.get("/api/auth/csrf")).json();
  const stolen = await forged.request.post("/api/auth/callback/credentials", {
    form: { email: user.email, password: user.password, csrfToken, json: "true" },
    maxRedirects: 0,
  });
  expect((await stolen.json()).url).toContain("csrf=true");
  expect(await sessionEmail(forged.request)).toBeNull();

  // Sign-out without the token, and a GET of the sign-out address: the session stays.
  const signedIn = await contextFor(browser, user);
  const out = await signedIn.request.post("/api/auth/signout", {
    form: { json: "true" },
    maxRedirects: 0,
  });
  expect((await out.json()).url).toContain("csrf=true");
  expect((await signedIn.request.get("/api/auth/signout")).status()).toBe(200);
  expect(await sessionEmail(signedIn.request)).toBe(user.email);
  expect(await opensTheApp(signedIn.request)).toEqual({ page: true, action: true, session: true });

  // The sign-in redirect never leaves the site, whatever callbackUrl says.
  const redirected = await signInAttempt(
    other.request,
    user.email,
    user.password,
    "https://evil.example/steal",
  );
  expect(redirected.signedIn).toBe(true);
  expect(redirected.url.startsWith(base)).toBe(true);
  await Promise.all([forged.close(), other.close(), signedIn.close()]);
});

test("create-user and change-password refuse too short and too long passwords with a clear message", async ({
  browser,
}) => {
  const page = await admin.newPage();
  await page.goto("/admin/users");
  const form = page.getByTestId("create-user-form");
  const email = throwawayEmail("rules");
  await form.getByLabel("姓名").fill("密码规则 Rules");
  await form.getByLabel("邮箱").fill(email);
  await form.getByLabel("初始密码").fill("nine-char");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByRole("alert")).toHaveText("密码至少需要 10 个字符。");
  await form.getByLabel("初始密码").fill("x".repeat(201));
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByRole("alert")).toHaveText("密码不能超过 200 个字符。");
  await page.reload();
  await expect(page.getByTestId(`user-row-${email}`)).toHaveCount(0);
  await page.close();

  // The limits themselves are accepted: exactly 10 and exactly 200 characters.
  const ten: Throwaway = await throwaway("ten");
  const create = serverActionId("lib/users/actions.ts", "createUserAction");
  expect(
    actionReply(
      (
        await callFormServerAction(admin.request, "/admin/users", create, {
          email: throwawayEmail("limit"),
          name: "Limit",
          role: "viewer",
          password: "0123456789",
        })
      ).body,
    ),
  ).toMatchObject({ ok: true });
  const longest = throwawayEmail("limit");
  expect(
    actionReply(
      (
        await callFormServerAction(admin.request, "/admin/users", create, {
          email: longest,
          name: "Limit",
          role: "viewer",
          password: "y".repeat(200),
        })
      ).body,
    ),
  ).toMatchObject({ ok: true });
  const c = await browser.newContext();
  expect(await signInOverHttp(c.request, longest, "y".repeat(200))).toBe(true);
  await c.close();

  // Changing one's own password follows the same rules, in the account page's form.
  const context = await contextFor(browser, ten);
  const own = await context.newPage();
  await own.goto("/account");
  const pw = own.getByTestId("change-password-form");
  await pw.getByLabel("当前密码").fill(ten.password);
  for (const [next, message] of [
    ["short-pw", "密码至少需要 10 个字符。"],
    ["z".repeat(201), "密码不能超过 200 个字符。"],
  ] as const) {
    await pw.getByLabel(/^新密码/).fill(next);
    await pw.getByLabel("确认新密码").fill(next);
    await pw.getByRole("button", { name: "修改密码" }).click();
    await expect(pw.getByRole("alert").first()).toHaveText(message);
  }
  // Refused changes changed nothing: the old password still signs in.
  const check = await browser.newContext();
  expect(await signInOverHttp(check.request, ten.email, ten.password)).toBe(true);
  await Promise.all([context.close(), check.close()]);
});

test("five wrong passwords lock the account: even the right one is refused, with a clear message; other accounts are unaffected", async ({
  browser,
}) => {
  const locked = await throwaway("lockout");
  const bystander = await throwaway("bystander");
  const visitor = await browser.newContext();
  for (let i = 0; i < 5; i++) {
    const attempt = await signInAttempt(visitor.request, locked.email, `wrong-password-${i}`);
    expect(attempt.url).toContain("error=CredentialsSignin");
  }
  const right = await signInAttempt(visitor.request, locked.email, locked.password);
  expect(right).toMatchObject({ signedIn: false });
  expect(right.url).toContain("error=LOCKED");
  // Also when the email is typed differently (case, spaces): the lock is on the account.
  expect(
    (await signInAttempt(visitor.request, `  ${locked.email.toUpperCase()} `, locked.password)).url,
  ).toContain("error=LOCKED");

  // The person at the sign-in form is told, in words.
  const page = await visitor.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(locked.email, locked.password);
  await expect(login.error).toHaveText("登录失败次数过多，此账户已暂时锁定。请 15 分钟后再试。");
  await expect(page).toHaveURL(/\/login/);

  // Another account, from the same browser: unaffected.
  expect(await signInOverHttp(visitor.request, bystander.email, bystander.password)).toBe(true);
  await visitor.close();
});

test("the change-password form cannot be used to guess the current password: wrong guesses lock the account too", async ({
  browser,
}) => {
  const user = await throwaway("guess-current");
  const context = await contextFor(browser, user);
  const change = serverActionId("lib/users/actions.ts", "changePasswordAction");
  for (let i = 0; i < 5; i++) {
    const res = await callFormServerAction(context.request, "/account", change, {
      currentPassword: `guess-${i}`,
      newPassword: "taken-over-pw",
      confirmPassword: "taken-over-pw",
    });
    expect(actionReply(res.body)).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      message: "CURRENT_PASSWORD_WRONG",
    });
  }
  const page = await context.newPage();
  await page.goto("/account");
  const pw = page.getByTestId("change-password-form");
  await pw.getByLabel("当前密码").fill(user.password);
  await pw.getByLabel(/^新密码/).fill("taken-over-pw");
  await pw.getByLabel("确认新密码").fill("taken-over-pw");
  await pw.getByRole("button", { name: "修改密码" }).click();
  await expect(pw.getByRole("alert")).toHaveText(
    "密码输错次数过多，此账户已暂时锁定。请 15 分钟后再试。",
  );
  // The password did not change, and sign-in is locked for the account as well.
  const other = await browser.newContext();
  expect((await signInAttempt(other.request, user.email, user.password)).url).toContain(
    "error=LOCKED",
  );
  expect((await signInAttempt(other.request, user.email, "taken-over-pw")).url).toContain(
    "error=LOCKED",
  );
  await Promise.all([context.close(), other.close()]);
});
