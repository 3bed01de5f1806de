import { NextResponse, type NextRequest } from "next/server";
import { requestClientKey } from "@/lib/ops/client-address";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/ops/log";
import { checkShareLookup, retryAfterSeconds } from "@/lib/shares/lookup-limit";

const SHARE_PAGE = /^\/share\/[^/]+\/?$/;

/**
 * Runs before every request (not before build assets). Not an authorization check: every action,
 * page and route handler checks the session itself.
 *
 * 1. Gives every request an id: the caller's own `x-request-id` when it is sane (a load
 *    balancer's), else a new UUID. The app reads it from the request header (server actions log
 *    it, see lib/auth/guarded-action.ts); the client gets it back as a response header, to quote in
 *    a bug report. The access log line of the request (lib/ops/access-log.ts) carries the same id.
 * 2. Sets the HTTP status of a public share page for a client refused for guessing tokens: a page
 *    cannot choose 429 itself, so the request goes on with status 429 and Retry-After, and the page
 *    (which asks the same limiter) renders "too many attempts".
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  let limited: { retryAfterMs: number } | null = null;
  if (SHARE_PAGE.test(request.nextUrl.pathname)) {
    const limit = await checkShareLookup(requestClientKey(request.headers));
    if (limit.blocked) limited = limit;
  }
  const response = limited
    ? NextResponse.next({ request: { headers }, status: 429, headers: { "Retry-After": String(retryAfterSeconds(limited.retryAfterMs)) } })
    : NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Build assets are files: no id, no proxy round trip.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
