import { NextResponse, type NextRequest } from "next/server";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/ops/log";

/**
 * Gives every request an id: the caller's own `x-request-id` when it is sane (a load balancer's),
 * else a new UUID. The app reads it from the request header (server actions log it, see
 * lib/auth/guarded-action.ts); the client gets it back as a response header, to quote in a bug
 * report. The access log line of the request (lib/ops/access-log.ts) carries the same id.
 * Not an authorization check: every action and route handler checks the session itself.
 */
export function proxy(request: NextRequest): NextResponse {
  const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Build assets are files: no id, no proxy round trip.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
