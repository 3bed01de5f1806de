import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from "node:http";
import { guardedForwardedFor, trustedProxyCount } from "./client-address";
import { acceptRequestId, logger, redactPath, REQUEST_ID_HEADER } from "./log";

/**
 * What every request goes through before Next sees it (installed on the Node HTTP servers of the
 * process by instrumentation.ts, at server start):
 *
 * 1. Forwarded headers a client may not choose. X-Forwarded-For becomes the socket address (or,
 *    behind DUIXIAN_TRUSTED_PROXIES proxies, what they sent plus the socket address; see
 *    lib/ops/client-address.ts). With no trusted proxy, X-Forwarded-Host, -Proto and -Port are
 *    removed: Next fills them from the real connection, and its server-action origin check
 *    compares the Origin with X-Forwarded-Host first — a client that sent
 *    `X-Forwarded-Host: evil.example` with `Origin: https://evil.example` would otherwise pass it.
 * 2. Refusals that Next would answer with 500 (it throws for both, whatever the kind of request):
 *    - a cross-site write: any method but GET, HEAD and OPTIONS whose Origin is another host,
 *      `null` or unreadable → 403. A request without Origin is let through, as Next does: browsers
 *      send one with every POST, and a hand-made request carries no one else's cookies.
 *    - a body larger than MAX_REQUEST_BODY_BYTES by its Content-Length → 413, and a body without
 *      a length (chunked; browsers never send one) → 411, both without reading the body. Next would
 *      read it, keep the first 25 MB and fail on the cut form. (Next's own forwarded action
 *      requests have no length: see ACTION_FORWARDED_HEADER.)
 *    The refusal is a small JSON body `{"ok":false,"code":…}`. A body on its way is read and
 *    thrown away (a client still sending would not see the answer if the connection closed under
 *    it), up to DRAIN_LIMIT_BYTES; past that the connection is cut.
 */

/**
 * The largest request body accepted: a 20 MB report upload and its multipart envelope. The same
 * figure as `serverActions.bodySizeLimit` and `proxyClientMaxBodySize` in next.config.js (a unit
 * test holds them together).
 */
export const MAX_REQUEST_BODY_BYTES = 25 * 1024 * 1024;

/** How much of a refused body is read (and dropped) so the client gets its answer; more and the connection is cut. */
export const DRAIN_LIMIT_BYTES = 2 * MAX_REQUEST_BODY_BYTES;

/**
 * Next forwards a server action called on a page other than its own to that page, through its own
 * HTTP server, streaming the body without a length and with this header; such a request passes the
 * length rule (a client that sends the header itself only gets Next's own body limits).
 */
const ACTION_FORWARDED_HEADER = "x-action-forwarded";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const CLIENT_CHOSEN_WHEN_DIRECT = [
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "forwarded",
];

export type RequestRefusal = {
  status: 403 | 411 | 413;
  code: "FORBIDDEN" | "LENGTH_REQUIRED" | "PAYLOAD_TOO_LARGE";
  reason: string;
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Rewrites, in place, the forwarded headers of a request as it arrives (see 1. above): the
 * headers Next and the app read afterwards can be believed.
 */
export function scrubForwardedHeaders(
  headers: IncomingHttpHeaders,
  socketAddress: string | undefined,
  trustedProxies: number,
): void {
  headers["x-forwarded-for"] = guardedForwardedFor(
    headers["x-forwarded-for"],
    socketAddress,
    trustedProxies,
  );
  if (trustedProxies === 0) for (const name of CLIENT_CHOSEN_WHEN_DIRECT) delete headers[name];
}

/**
 * The host this request was addressed to, as Next's origin check sees it after the scrub: the
 * first X-Forwarded-Host when trusted proxies set it, else Host. Lower case; null when neither.
 */
export function requestHost(headers: IncomingHttpHeaders, trustedProxies: number): string | null {
  const forwarded =
    trustedProxies > 0 ? first(headers["x-forwarded-host"])?.split(",")[0]?.trim() : undefined;
  const host = forwarded || first(headers.host)?.trim();
  return host ? host.toLowerCase() : null;
}

/** Whether `origin` (an Origin header) names `host`; `null`, unreadable and other hosts do not. */
export function sameOrigin(origin: string, host: string | null): boolean {
  if (!host || origin === "null") return false;
  try {
    return new URL(origin).host.toLowerCase() === host;
  } catch {
    return false;
  }
}

/** Why the request must be refused before Next handles it (see 2. above), or null. Headers already scrubbed. */
export function requestRefusal(
  request: { method?: string; headers: IncomingHttpHeaders },
  trustedProxies: number,
  maxBodyBytes: number = MAX_REQUEST_BODY_BYTES,
): RequestRefusal | null {
  const method = (request.method ?? "GET").toUpperCase();
  if (SAFE_METHODS.has(method)) return null;
  const { headers } = request;
  const origin = first(headers.origin);
  if (origin !== undefined && !sameOrigin(origin, requestHost(headers, trustedProxies)))
    return { status: 403, code: "FORBIDDEN", reason: "cross_site" };
  const length = first(headers["content-length"]);
  if (length !== undefined) {
    // Node's parser has refused malformed lengths already; a huge one is not a safe integer.
    const bytes = Number(length);
    if (!Number.isSafeInteger(bytes) || bytes > maxBodyBytes)
      return { status: 413, code: "PAYLOAD_TOO_LARGE", reason: "body_too_large" };
  } else if (
    headers["transfer-encoding"] !== undefined &&
    headers[ACTION_FORWARDED_HEADER] === undefined
  ) {
    return { status: 411, code: "LENGTH_REQUIRED", reason: "body_without_length" };
  }
  return null;
}

/** Answers a refused request itself, reading and dropping its body (see DRAIN_LIMIT_BYTES); Next never sees it. */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: RequestRefusal): void {
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket?.destroy();
  });
  req.resume();
  const requestId = acceptRequestId(first(req.headers[REQUEST_ID_HEADER]));
  logger.warn("request.refused", {
    requestId,
    method: req.method,
    path: redactPath(req.url ?? ""),
    status: refusal.status,
    reason: refusal.reason,
  });
  const body = JSON.stringify({ ok: false, code: refusal.code });
  res.writeHead(refusal.status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    [REQUEST_ID_HEADER]: requestId,
  });
  res.end(body);
}

const INSTALLED = Symbol.for("duixian.forwardedForGuard");

/**
 * Installs the guard on every Node HTTP server of this process, before Next's own request
 * listener runs. Idempotent. Called from instrumentation.ts, which Next runs once at start, before
 * the server handles any request.
 */
export function installRequestGuard(
  http: { Server: typeof Server },
  trustedProxies: number = trustedProxyCount(),
): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (
    this: Server,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      scrubForwardedHeaders(req.headers, req.socket?.remoteAddress, trustedProxies);
      const refusal = requestRefusal(req, trustedProxies);
      if (refusal) {
        refuse(req, args[1] as ServerResponse, refusal);
        return true;
      }
    }
    return (emit as (this: Server, event: string | symbol, ...rest: unknown[]) => boolean).call(
      this,
      event,
      ...args,
    );
  } as typeof emit;
}
