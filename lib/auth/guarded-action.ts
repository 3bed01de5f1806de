import "server-only";
import { z } from "zod";
import { fail, ok, toActionError, type ActionError } from "@/lib/app-error";
import type { Permission } from "./permissions";
import { authorizeAction, type CurrentUser } from "./session";

/** Zod failures as field errors; a single rule-like message (RATIONALE_REQUIRED) also becomes the message. */
export function invalidInput(error: z.ZodError): ActionError {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  const first = Object.values(fieldErrors).flat()[0];
  return fail("INVALID_INPUT", first && /^[A-Z_]+$/.test(first) ? first : undefined, fieldErrors);
}

/**
 * The body every server action shares: re-check the session and `permission` (the role read fresh
 * from the database), validate `input` with `schema`, run the mutation, then `after` (e.g.
 * revalidatePath). Every failure is a returned value; unexpected errors are logged, never shown.
 */
export async function runGuardedAction<S extends z.ZodType, T, E extends ActionError = ActionError>(
  options: {
    permission: Permission;
    schema: S;
    input: unknown;
    after?: (data: z.infer<S>) => void;
    mapError?: (e: unknown) => E;
  },
  mutate: (user: CurrentUser, data: z.infer<S>) => Promise<T>,
): Promise<{ ok: true; data: T } | ActionError | E> {
  const auth = await authorizeAction(options.permission);
  if (!auth.ok) return auth;
  const parsed = options.schema.safeParse(options.input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const res = await mutate(auth.user, parsed.data);
    options.after?.(parsed.data);
    return ok(res);
  } catch (e) {
    return options.mapError ? options.mapError(e) : toActionError(e);
  }
}
