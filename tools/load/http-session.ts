/**
 * A signed-in HTTP client for the load test and the HTTP benchmark: a cookie jar over fetch, the
 * next-auth credentials sign-in, and calls to server actions as the browser encodes them. It only
 * ever talks to 127.0.0.1: load is never pointed at another machine by mistake.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** The one host these tools may target. */
export const LOCAL_HOST = "127.0.0.1";

/** Parses a target URL and refuses anything but http://127.0.0.1[:port] (no path, query or credentials). */
export function assertLocalTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`not a URL: ${raw}`);
  }
  if (url.protocol !== "http:")
    throw new Error(`only http:// targets are allowed, not ${url.protocol}`);
  if (url.hostname !== LOCAL_HOST)
    throw new Error(`only ${LOCAL_HOST} may be targeted, not ${url.hostname}`);
  if (
    url.username ||
    url.password ||
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search ||
    url.hash
  ) {
    throw new Error(`give the server's origin only (http://${LOCAL_HOST}:PORT), not ${raw}`);
  }
  return new URL(url.origin);
}

export type HttpResult = {
  status: number;
  ms: number;
  text: string;
  location: string | null;
  contentType: string;
};

/** Cookies from Set-Cookie headers; deletions (Max-Age=0 or empty value) remove the cookie. */
export function applySetCookies(jar: Map<string, string>, setCookies: string[]): void {
  for (const header of setCookies) {
    const [pair, ...attrs] = header.split(";");
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
    if (expired || value === "") jar.delete(name);
    else jar.set(name, value);
  }
}

/** One user's cookie jar against one origin. Redirects are not followed: they are returned. */
export class HttpSession {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly origin: URL,
    private readonly timeoutMs = 30_000,
  ) {}

  /** Sends a request and reads the whole body; `ms` is the time from sending to the last byte. */
  async request(
    pathAndQuery: string,
    init: {
      method?: string;
      headers?: Record<string, string>;
      body?: string | FormData | URLSearchParams;
    } = {},
  ): Promise<HttpResult> {
    if (!pathAndQuery.startsWith("/")) throw new Error(`a path must start with /: ${pathAndQuery}`);
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size)
      headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const t0 = performance.now();
    const res = await fetch(new URL(pathAndQuery, this.origin), {
      method: init.method ?? "GET",
      headers,
      body: init.body,
      redirect: "manual",
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    applySetCookies(this.cookies, res.headers.getSetCookie());
    return {
      status: res.status,
      ms,
      text,
      location: res.headers.get("location"),
      contentType: res.headers.get("content-type") ?? "",
    };
  }
}

/** Signs in through next-auth's credentials endpoint, as the login form does; throws when refused. */
export async function signIn(session: HttpSession, email: string, password: string): Promise<void> {
  const csrf = await session.request("/api/auth/csrf");
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf: HTTP ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const body = new URLSearchParams({
    csrfToken,
    email,
    password,
    callbackUrl: session.origin.origin + "/",
    json: "true",
  });
  const res = await session.request("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  const hasSession = [...session.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"));
  if (!hasSession) {
    let detail = `HTTP ${res.status}`;
    try {
      detail = (JSON.parse(res.text) as { url?: string }).url ?? detail;
    } catch {
      // not JSON: keep the status
    }
    throw new Error(`sign-in of ${email} refused (${detail})`);
  }
}

/** The id Next gave a server action at build time (from the build's manifest, as e2e/server-actions.ts does). */
export function serverActionIds(
  nextDir: string,
  wanted: { file: string; exportName: string }[],
): Record<string, string> {
  const manifestPath = path.join(nextDir, "server", "server-reference-manifest.json");
  let manifest: { node: Record<string, { filename?: string; exportedName?: string }> };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch {
    throw new Error(
      `no build at ${nextDir} (${manifestPath} unreadable): run from the checkout the server was built from`,
    );
  }
  const ids: Record<string, string> = {};
  for (const w of wanted) {
    const hit = Object.entries(manifest.node).find(
      ([, e]) => e.exportedName === w.exportName && e.filename?.endsWith(w.file),
    );
    if (!hit)
      throw new Error(`server action ${w.file}#${w.exportName} not found in ${manifestPath}`);
    ids[w.exportName] = hit[0];
  }
  return ids;
}

export type ActionOutcome =
  { ok: true; data: unknown } | { ok: false; code: string; message?: string };

/**
 * The result value of a server action from its RSC response: the row holding `{"ok":…}`.
 * Null when the response carries none (an HTML error page, a redirect).
 */
export function parseActionResult(body: string): ActionOutcome | null {
  for (const line of body.split("\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const rest = line.slice(colon + 1);
    if (!rest.startsWith("{") || !rest.includes('"ok":')) continue;
    try {
      const value = JSON.parse(rest) as {
        ok?: unknown;
        data?: unknown;
        code?: unknown;
        message?: unknown;
      };
      if (value.ok === true) return { ok: true, data: value.data };
      if (value.ok === false)
        return {
          ok: false,
          code: String(value.code ?? "UNKNOWN"),
          ...(typeof value.message === "string" ? { message: value.message } : {}),
        };
    } catch {
      // another row that merely contains the text
    }
  }
  return null;
}

/** Calls a server action with JSON-encodable arguments, as the browser does from `pagePath`. */
export async function callAction(
  session: HttpSession,
  pagePath: string,
  actionId: string,
  args: unknown[],
): Promise<HttpResult & { outcome: ActionOutcome | null }> {
  const res = await session.request(pagePath, {
    method: "POST",
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    body: JSON.stringify(args),
  });
  return { ...res, outcome: parseActionResult(res.text) };
}

/** Calls a `(prevState, formData)` server action the way React encodes a form submission. */
export async function callFormAction(
  session: HttpSession,
  pagePath: string,
  actionId: string,
  fields: Record<string, string>,
): Promise<HttpResult & { outcome: ActionOutcome | null }> {
  // As React's encodeReply writes it: the form's fields as "_1_<name>", the arguments (state, form) as "0".
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(`_1_${k}`, v);
  form.set("0", JSON.stringify([null, "$K1"]));
  const res = await session.request(pagePath, {
    method: "POST",
    headers: { "Next-Action": actionId, Accept: "text/x-component" },
    body: form,
  });
  return { ...res, outcome: parseActionResult(res.text) };
}

/**
 * The React Server Components payload embedded in a server-rendered page (the strings passed to
 * `self.__next_f.push([1, "…"])`), concatenated: the props of client components, readable as JSON.
 */
export function flightData(html: string): string {
  const chunks: string[] = [];
  const re = /self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    try {
      chunks.push(JSON.parse(m[1]) as string);
    } catch {
      // a chunk that is not a plain JSON string literal: skip
    }
  }
  return chunks.join("");
}

/** The distinct ids in links of the form /reports/ID (not /reports/import). */
export function reportIdsIn(html: string): string[] {
  const ids = new Set<string>();
  for (const m of html.matchAll(/href="\/reports\/([A-Za-z0-9_-]{6,64})"/g))
    if (m[1] !== "import") ids.add(m[1]);
  return [...ids];
}

/** The distinct (report, pledge) pairs in links of the form /reports/R/pledges/P. */
export function pledgeLinksIn(html: string): { reportId: string; pledgeId: string }[] {
  const seen = new Map<string, { reportId: string; pledgeId: string }>();
  for (const m of html.matchAll(
    /\/reports\/([A-Za-z0-9_-]{6,64})\/pledges\/([A-Za-z0-9_-]{6,64})/g,
  ))
    seen.set(m[2], { reportId: m[1], pledgeId: m[2] });
  return [...seen.values()];
}

/**
 * The pledge ids of a report page, in source order: the marks of the source pane
 * (`<mark data-pid="…">`, one per pledge, all in the server HTML; pledges open from the list by
 * selection, so the page holds no links to them).
 */
export function pledgeIdsInReportPage(html: string): string[] {
  const ids = new Set<string>();
  for (const m of html.matchAll(/<mark [^>]*?data-pid="([A-Za-z0-9_-]{6,64})"/g)) ids.add(m[1]);
  return [...ids];
}
