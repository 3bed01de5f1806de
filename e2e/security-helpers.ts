import { readFileSync } from "node:fs";
import path from "node:path";
import {
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
} from "@playwright/test";
import { contextAs } from "./fixtures";
import { callFormServerAction, callServerAction, serverActionId } from "./server-actions";

/** Helpers of the security specs (e2e/security-*.spec.ts): forged requests and throwaway accounts. */

export type ActionReply = {
  ok: boolean;
  code?: string;
  message?: string;
  data?: unknown;
  fieldErrors?: Record<string, string[]>;
};

/** The value a server action returned, read from its RSC response (the first row that is an ActionResult). */
export function actionReply(body: string): ActionReply | null {
  for (const line of body.split("\n")) {
    const m = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!m) continue;
    try {
      const value = JSON.parse(m[1]) as Record<string, unknown>;
      if (typeof value.ok === "boolean") return value as ActionReply;
    } catch {
      // not JSON: a different kind of row
    }
  }
  return null;
}

/** Calls a server action whose single argument is a FormData (the import actions), with an optional file. */
export async function callFormDataAction(
  request: APIRequestContext,
  pagePath: string,
  actionId: string,
  fields: Record<string, string>,
  file?: { name: string; buffer: Buffer; mimeType?: string },
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  // Entries first, then the arguments in part "0" (see callFormServerAction).
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.append(`_1_${k}`, v);
  if (file)
    multipart.append(
      "_1_file",
      new File([new Uint8Array(file.buffer)], file.name, { type: file.mimeType ?? "text/plain" }),
    );
  multipart.append("0", JSON.stringify(["$K1"]));
  const res = await request.post(pagePath, {
    headers: { "Next-Action": actionId, Accept: "text/x-component", ...headers },
    multipart,
    timeout: 60_000,
  });
  return { status: res.status(), body: await res.text() };
}

/** An action of the build by file and export name, called with JSON arguments; returns its reply. */
export async function call(
  request: APIRequestContext,
  pagePath: string,
  file: string,
  exportName: string,
  args: unknown[],
): Promise<ActionReply> {
  const res = await callServerAction(request, pagePath, serverActionId(file, exportName), args);
  const reply = actionReply(res.body);
  if (!reply)
    throw new Error(`${exportName}: no action result in ${res.status} ${res.body.slice(0, 300)}`);
  return reply;
}

/** A unique, recognisable email for a throwaway account of one test run. */
export function throwawayEmail(label: string): string {
  return `sec-${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@duixian.test`;
}

export type Throwaway = { id: string; email: string; password: string; role: string };

/** Creates an account as the admin (through the admin's server action); never one of the shared demo accounts. */
export async function createThrowaway(
  admin: APIRequestContext,
  label: string,
  role: "admin" | "reviewer" | "analyst" | "viewer",
  name = `安全测试 ${label}`,
): Promise<Throwaway> {
  const email = throwawayEmail(label);
  const password = `pw-${label}-${Math.random().toString(36).slice(2, 10)}`;
  const res = await callFormServerAction(
    admin,
    "/admin/users",
    serverActionId("lib/users/actions.ts", "createUserAction"),
    { email, name, role, password },
  );
  const reply = actionReply(res.body);
  expect(reply, res.body.slice(0, 300)).toMatchObject({ ok: true });
  return { id: (reply!.data as { id: string }).id, email, password, role };
}

/**
 * Signs in through next-auth's own endpoints (CSRF token first, as its client does); the request
 * context keeps the session cookie. Returns whether a session cookie was issued.
 */
export async function signInOverHttp(
  request: APIRequestContext,
  email: string,
  password: string,
): Promise<boolean> {
  return (await signInAttempt(request, email, password)).signedIn;
}

/** One sign-in attempt as next-auth's client makes it: where it would go next (`url`, with ?error=… on refusal) and whether a session exists after it. */
export async function signInAttempt(
  request: APIRequestContext,
  email: string,
  password: string,
  callbackUrl = "/",
): Promise<{ url: string; signedIn: boolean }> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true", callbackUrl },
    maxRedirects: 0,
  });
  const { url } = (await res.json()) as { url: string };
  return { url, signedIn: (await sessionEmail(request)) === email };
}

/** The email of the session a request context holds, as /api/auth/session reports it (null: none). */
export async function sessionEmail(request: APIRequestContext): Promise<string | null> {
  const session = (await (await request.get("/api/auth/session")).json()) as {
    user?: { email?: string };
  };
  return session.user?.email ?? null;
}

/** next-auth's session cookie name on plain http (https adds the __Secure- prefix). */
export const SESSION_COOKIE = "next-auth.session-token";

/** The value of the session cookie a context holds, if any. */
export async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
}

/** A browser context signed in as a throwaway account (through the real sign-in form's endpoint). */
export async function contextFor(
  browser: Browser,
  user: { email: string; password: string },
): Promise<BrowserContext> {
  const context = await browser.newContext();
  expect(await signInOverHttp(context.request, user.email, user.password)).toBe(true);
  return context;
}

/** The admin's context (shared demo state: never signed out here). */
export function adminContext(browser: Browser): Promise<BrowserContext> {
  return contextAs(browser, "admin");
}

/** A shipped report's text with a marker line appended, so its content (and hash) is new. */
export function reportCopy(file: string, marker: string): Buffer {
  return Buffer.from(
    readFileSync(path.join(__dirname, "..", "seed", "reports", file), "utf8") + `\n${marker}\n`,
    "utf8",
  );
}

/**
 * Imports a report through the import action as `request`'s user; returns the new report's id. A
 * region name close to another spec's is a region of its own ("no, a new region"), so specs running
 * side by side never meet each other's "same as …?" question; the same name is the same region.
 */
export async function importReportOverHttp(
  request: APIRequestContext,
  file: { name: string; buffer: Buffer },
  meta: { region: string; year: number; title: string; level?: string; script?: string },
): Promise<string> {
  const res = await callFormDataAction(
    request,
    "/reports/import",
    serverActionId("lib/reports/actions.ts", "importReportAction"),
    {
      region: meta.region,
      level: meta.level ?? "county",
      year: String(meta.year),
      title: meta.title,
      deliveredOn: "",
      speaker: "",
      meeting: "",
      script: meta.script ?? "simplified",
      newRegion: "1",
    },
    file,
  );
  const reply = actionReply(res.body);
  expect(reply, res.body.slice(0, 300)).toMatchObject({ ok: true });
  return (reply!.data as { id: string }).id;
}

/** The JSON audit export of a plan's pair, without the moment it was made (so two reads compare equal). */
export async function pairExport(
  request: APIRequestContext,
  planId: string,
): Promise<Record<string, unknown>> {
  // Every pledge, direction items too (the audit counts trackable ones only by default).
  const res = await request.get(`/audit/pair/${planId}/export?format=json&tier=all`);
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as Record<string, unknown>;
  delete doc.asOf;
  return doc;
}
