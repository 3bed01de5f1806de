import { NextResponse, type NextRequest } from "next/server";
import { requestClientKey } from "@/lib/ops/client-address";
import { contentSecurityPolicy, createNonce } from "@/lib/ops/content-security-policy";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/ops/log";
import { shareTokenOpens } from "@/lib/shares/data";
import { checkShareLookup, retryAfterSeconds } from "@/lib/shares/lookup-limit";

const SHARE_PAGE = /^\/share\/([^/]+)\/?$/;
const CSP_HEADER = "Content-Security-Policy";

/**
 * Runs before every request (not before build assets). Not an authorization check: every action,
 * page and route handler checks the session itself. (Cross-site writes and oversized bodies are
 * refused earlier still, before Next reads them: lib/ops/request-guard.ts.)
 *
 * 1. Gives every request an id: the caller's own `x-request-id` when it is sane (a load
 *    balancer's), else a new UUID. The app reads it from the request header (server actions log
 *    it, see lib/auth/guarded-action.ts); the client gets it back as a response header, to quote in
 *    a bug report. The access log line of the request (lib/ops/access-log.ts) carries the same id.
 * 2. Sets the Content-Security-Policy with a fresh nonce (lib/ops/content-security-policy.ts), on
 *    the request too: Next reads the nonce from there and puts it on the scripts it renders.
 * 3. Sets the HTTP status of a public share page whose lookup a throttled client failed: a page
 *    cannot choose 429 itself, so for a throttled client (lib/shares/lookup-limit.ts) the token is
 *    checked here and, when it opens nothing, the request goes on with status 429 and Retry-After;
 *    the page (which counts the miss) renders "too many attempts". A valid token goes on as usual.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const csp = contentSecurityPolicy(createNonce(), { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set(CSP_HEADER, csp);
  const throttled = await shareRefusal(request);
  const response = throttled
    ? NextResponse.next({
        request: { headers },
        status: 429,
        headers: { "Retry-After": String(retryAfterSeconds(throttled.retryAfterMs)) },
      })
    : NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set(CSP_HEADER, csp);
  return response;
}

/** For a share page asked by a throttled client with a token that opens nothing: how long the throttle lasts. */
async function shareRefusal(request: NextRequest): Promise<{ retryAfterMs: number } | null> {
  const match = SHARE_PAGE.exec(request.nextUrl.pathname);
  if (!match || (request.method !== "GET" && request.method !== "HEAD")) return null;
  const state = await checkShareLookup(requestClientKey(request.headers));
  if (!state.throttled) return null;
  let token: string;
  try {
    token = decodeURIComponent(match[1]);
  } catch {
    return state;
  }
  return (await shareTokenOpens(token)) ? null : state;
}

export const config = {
  // Build assets are files: no id, no proxy round trip.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
