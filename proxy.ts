import { NextResponse, type NextRequest } from "next/server";
import { requestClientKey } from "@/lib/ops/client-address";
import { checkShareLookup, retryAfterSeconds } from "@/lib/shares/lookup-limit";

/**
 * Only the HTTP status of a public share page: a page cannot choose 429 itself, so for a client
 * that failed too many share lookups this passes the request on with status 429 and Retry-After,
 * and the page (which asks the same limiter) renders "too many attempts". Not an access check:
 * the page and the export route check tokens and limits themselves.
 */
export function proxy(request: NextRequest) {
  const limit = checkShareLookup(requestClientKey(request.headers));
  if (!limit.blocked) return NextResponse.next();
  return NextResponse.next({ status: 429, headers: { "Retry-After": String(retryAfterSeconds(limit.retryAfterMs)) } });
}

export const config = { matcher: "/share/:token" };
