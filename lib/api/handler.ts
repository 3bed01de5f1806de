import "server-only";
import { AppError } from "@/lib/app-error";
import { findTokenHolder, type TokenHolder } from "@/lib/api-tokens/data";
import { touchApiToken } from "@/lib/api-tokens/mutations";
import { can, type Permission } from "@/lib/auth/permissions";
import { requestClientKey } from "@/lib/ops/client-address";
import { logger, REQUEST_ID_HEADER, withLogContext } from "@/lib/ops/log";
import { sharedLimiterOp } from "@/lib/ops/rate-limit";
import { API_VERSION } from "./schema";

/**
 * The one way to build a route of the data API (/api/v1): every call is authenticated by a
 * personal access token (`Authorization: Bearer dxp_…`; never a session cookie, so a page cannot
 * be made to call it for a signed-in person), the token's user is read fresh (revoked tokens and
 * disabled users get 401) and must hold `permission` in their role now (else 403), calls are rate
 * limited per token, and each call writes one `api` log line with its request id, token, user,
 * status and duration. Errors are JSON `{ error: { code, message } }` with a fitting status.
 */

/** Calls one token may make per minute (DUIXIAN_API_RATE_LIMIT), shared by all workers of `serve`. */
export function apiRateLimit(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.DUIXIAN_API_RATE_LIMIT);
  return Number.isInteger(n) && n >= 1 ? n : 600;
}
const WINDOW_MS = 60_000;
/** Calls without a valid token one client address may make per 15 minutes before it is answered 429. */
const BAD_TOKEN_LIMIT = 100;
const BAD_TOKEN_WINDOW_MS = 15 * 60_000;

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  LOCKED: 429,
  CONFLICT: 409,
};

/** An API error reply. */
export function apiError(
  code: string,
  message: string,
  status = STATUS[code] ?? 500,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { code, message } },
    { status, headers: { "Cache-Control": "no-store", ...headers } },
  );
}

export type ApiContext = {
  holder: TokenHolder;
  url: URL;
  request: Request;
  params: Record<string, string>;
};

/** The bearer token of a request, if it sent one. */
function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}

/**
 * A GET handler of the API: `handle` runs once the token, role and rate limit allow, and returns
 * the JSON body (or a whole Response, e.g. a stream). AppErrors it throws become error replies.
 */
export function apiRoute<P extends Record<string, string> = Record<string, string>>(
  permission: Permission,
  handle: (ctx: ApiContext & { params: P }) => Promise<unknown>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    const started = performance.now();
    const requestId = request.headers.get(REQUEST_ID_HEADER) ?? undefined;
    const url = new URL(request.url);
    return withLogContext({ requestId }, async () => {
      let tokenId: string | null = null;
      let userId: string | null = null;
      const done = (response: Response): Response => {
        // "patId": the personal access token's row id (a field named like "token" is redacted from logs).
        logger[response.status >= 500 ? "error" : "info"]("api", {
          requestId,
          path: url.pathname,
          patId: tokenId,
          userId,
          status: response.status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        });
        response.headers.set("X-Api-Version", String(API_VERSION));
        return response;
      };
      const client = requestClientKey(request.headers);
      const token = bearerToken(request);
      const holder = token ? await findTokenHolder(token) : null;
      if (!holder) {
        // Not a token, or a dead one: counted per address, so a client cannot use the API to probe tokens.
        const state = await sharedLimiterOp(
          "api-bad-token",
          { limit: BAD_TOKEN_LIMIT, windowMs: BAD_TOKEN_WINDOW_MS },
          "record",
          client,
        );
        if (state?.blocked)
          return done(
            apiError("LOCKED", "too many calls without a valid token", 429, {
              "Retry-After": String(Math.ceil(state.retryAfterMs / 1000)),
            }),
          );
        return done(
          apiError(
            "UNAUTHENTICATED",
            token
              ? "the token is unknown, revoked, or its account is disabled"
              : "send a personal access token: Authorization: Bearer dxp_…",
            401,
            { "WWW-Authenticate": 'Bearer realm="duixian"' },
          ),
        );
      }
      tokenId = holder.tokenId;
      userId = holder.user.id;
      const limit = apiRateLimit();
      const state = await sharedLimiterOp(
        "api-calls",
        { limit, windowMs: WINDOW_MS },
        "begin",
        holder.tokenId,
      );
      if (state?.blocked)
        return done(
          apiError("LOCKED", `at most ${limit} calls a minute per token`, 429, {
            "Retry-After": String(Math.ceil(state.retryAfterMs / 1000)),
          }),
        );
      if (!can(holder.user.role, permission))
        return done(apiError("FORBIDDEN", "the token's account may not read this"));
      try {
        await touchApiToken(holder.tokenId, holder.lastUsedAt);
        const body = await handle({ holder, url, request, params: await context.params });
        if (body instanceof Response) return done(body);
        return done(Response.json(body, { headers: { "Cache-Control": "no-store" } }));
      } catch (e) {
        if (e instanceof AppError)
          return done(
            apiError(
              e.code,
              e.message === e.code ? e.code.toLowerCase().replace(/_/g, " ") : e.message,
            ),
          );
        logger.error("api.failed", { err: e });
        return done(apiError("INTERNAL", "unexpected error", 500));
      }
    });
  };
}
