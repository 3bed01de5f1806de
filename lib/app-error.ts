/**
 * Errors as a closed set. Expected failures travel as `ActionResult` values with a code; the UI
 * shows a translated message for the code (lib/i18n), never a stack or raw database text.
 */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_INPUT",
  "DUPLICATE",
  "LOCKED",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message?: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message ?? code);
    this.name = "AppError";
  }
}

export type ActionError = {
  ok: false;
  code: ErrorCode;
  message?: string;
  fieldErrors?: Record<string, string[]>;
};
export type ActionResult<T = undefined> = { ok: true; data: T } | ActionError;

/** Success value of an action. */
export function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}

/** Failure value of an action; `message` must be safe to show (no internals). */
export function fail(
  code: ErrorCode,
  message?: string,
  fieldErrors?: Record<string, string[]>,
): ActionError {
  return {
    ok: false,
    code,
    ...(message ? { message } : {}),
    ...(fieldErrors ? { fieldErrors } : {}),
  };
}

/** Turns anything thrown inside an action into a safe ActionError (unexpected errors are logged, not shown). */
export function toActionError(e: unknown): ActionError {
  if (e instanceof AppError) return fail(e.code, e.message === e.code ? undefined : e.message);
  console.error("[action] unexpected error", e);
  return fail("INTERNAL");
}
