import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { fail, ok, toActionError, type ActionError } from "@/lib/app-error";
import type { Permission } from "./permissions";
import { authorizeAction, type CurrentUser } from "./session";
import { logger, REQUEST_ID_HEADER, withLogContext } from "@/lib/ops/log";
import { serverActionName } from "@/lib/ops/server-action-name";

/** Zod failures as field errors; a single rule-like message (RATIONALE_REQUIRED) also becomes the message. */
export function invalidInput(error: z.ZodError): ActionError {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  const first = Object.values(fieldErrors).flat()[0];
  return fail("INVALID_INPUT", first && /^[A-Z_]+$/.test(first) ? first : undefined, fieldErrors);
}

/**
 * Whether any string inside `value` holds a NUL character. PostgreSQL cannot store U+0000 in text,
 * SQLite truncates at it in places, and no person types one: such input is refused as invalid on
 * both engines alike, before it reaches a query.
 */
export function containsNul(value: unknown, depth = 0): boolean {
  // A lone UTF-16 surrogate (half an emoji, cut badly by a client) cannot be stored either: PostgreSQL
  // refuses it and Prisma fails on it. Refused the same way.
  if (typeof value === "string") return value.includes("\u0000") || !value.isWellFormed();
  if (depth > 8 || value === null || typeof value !== "object") return false;
  if (value instanceof Blob) return false; // file contents are checked by the decoder
  if (value instanceof FormData) return [...value.values()].some((v) => containsNul(v, depth + 1));
  return Object.values(value as Record<string, unknown>).some((v) => containsNul(v, depth + 1));
}

/** The request's id (set by proxy.ts) and server action id, when there is a request. */
async function currentRequest(): Promise<{ requestId?: string; actionId?: string }> {
  try {
    const h = await headers();
    return {
      requestId: h.get(REQUEST_ID_HEADER) ?? undefined,
      actionId: h.get("next-action") ?? undefined,
    };
  } catch {
    return {}; // called outside a request (tests, scripts)
  }
}

type ActionOptions<S extends z.ZodType, E> = {
  schema: S;
  input: unknown;
  after?: (data: z.infer<S>) => void;
  mapError?: (e: unknown) => E;
  /** The name in the log; by default the action's export name, found from the Next-Action id. */
  name?: string;
};

/**
 * The body every server action shares: re-check the session and `permission` (the role read fresh
 * from the database), validate `input` with `schema`, run the mutation, then `after` (e.g.
 * revalidatePath). Every failure is a returned value; unexpected errors are logged, never shown.
 * Each call writes one log line: action name, user id, outcome (ok or the error code), duration
 * and the request id, which also tags every line the mutation logs.
 *
 * This and `runPublicAction` are the only ways to build a server action (lib/auth/actions.test.ts
 * fails when an action in any lib/<domain>/actions.ts is built another way).
 */
export async function runGuardedAction<S extends z.ZodType, T, E extends ActionError = ActionError>(
  options: ActionOptions<S, E> & { permission: Permission },
  mutate: (user: CurrentUser, data: z.infer<S>) => Promise<T>,
): Promise<{ ok: true; data: T } | ActionError | E> {
  return runAction(options, () => authorizeAction(options.permission), mutate);
}

/**
 * An action anyone may call, signed in or not (the language switch on the sign-in page): the same
 * NUL refusal, validation, error mapping and log line as runGuardedAction, without a session check.
 * Only for actions that touch nothing but the caller's own browser.
 */
export async function runPublicAction<S extends z.ZodType, T, E extends ActionError = ActionError>(
  options: ActionOptions<S, E>,
  mutate: (data: z.infer<S>) => Promise<T>,
): Promise<{ ok: true; data: T } | ActionError | E> {
  return runAction(
    options,
    async () => ({ ok: true as const, user: null }),
    (_user, data) => mutate(data),
  );
}

async function runAction<
  S extends z.ZodType,
  T,
  E extends ActionError,
  U extends CurrentUser | null,
>(
  options: ActionOptions<S, E>,
  authorize: () => Promise<{ ok: true; user: U } | ActionError>,
  mutate: (user: U, data: z.infer<S>) => Promise<T>,
): Promise<{ ok: true; data: T } | ActionError | E> {
  const started = performance.now();
  const { requestId, actionId } = await currentRequest();
  let userId: string | null = null;
  const done = <R extends { ok: true; data: T } | ActionError | E>(
    result: R,
    error?: unknown,
  ): R => {
    const outcome = result.ok ? "ok" : result.code;
    const level =
      outcome === "INTERNAL"
        ? "error"
        : outcome === "UNAUTHENTICATED" || outcome === "FORBIDDEN"
          ? "warn"
          : "info";
    logger[level]("action", {
      requestId,
      action: options.name ?? serverActionName(actionId) ?? actionId ?? "unknown",
      userId,
      outcome,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      // The cause of an unexpected failure, for the log only (the client sees INTERNAL).
      ...(outcome === "INTERNAL" && error !== undefined ? { err: error } : {}),
    });
    return result;
  };
  return withLogContext({ requestId }, async () => {
    const auth = await authorize();
    if (!auth.ok) return done(auth);
    userId = auth.user?.id ?? null;
    if (containsNul(options.input)) return done(fail("INVALID_INPUT", "NUL_CHARACTER"));
    const parsed = options.schema.safeParse(options.input);
    if (!parsed.success) return done(invalidInput(parsed.error));
    try {
      const res = await mutate(auth.user, parsed.data);
      options.after?.(parsed.data);
      return done(ok(res));
    } catch (e) {
      return done(options.mapError ? options.mapError(e) : toActionError(e), e);
    }
  });
}
