/**
 * A time budget for parsing. Parsing is synchronous CPU work, so it cannot be interrupted from
 * outside: instead the long loops of lib/report call checkParseBudget(), which throws a
 * ReportInputError (TIMEOUT past the deadline, ABORTED once the caller's signal has fired) and so
 * ends the work. The budget is in force only for the duration of withParseBudget(); outside it the
 * checks do nothing. JavaScript runs one synchronous call at a time, so the budget of the parse
 * under way is simply held here while it runs (no parameter threaded through every function).
 *
 * An AbortSignal fires only between turns of the event loop, so during one synchronous parse it
 * is seen only if it had fired before the parse began; the deadline is what bounds the work.
 */
import { ReportInputError } from "./errors";

export type ParseBudget = {
  /** Epoch milliseconds (Date.now()) after which the parse gives up with TIMEOUT. */
  deadline?: number;
  /** Cancels the parse with ABORTED (e.g. the request's signal when the client is gone). */
  signal?: AbortSignal;
};

type Active = { deadline: number; signal?: AbortSignal; calls: number };

let active: Active | null = null;

/** How many checks pass between two looks at the clock (a look costs ~30 ns; a check ~1 ns). */
const CLOCK_EVERY = 256;

function enforce(budget: Active): void {
  if (budget.signal?.aborted)
    throw new ReportInputError("ABORTED", "Parsing was cancelled (the request was abandoned).");
  if (Date.now() > budget.deadline)
    throw new ReportInputError(
      "TIMEOUT",
      "Parsing this text took longer than allowed; it was stopped.",
    );
}

/**
 * Run `parse` under `budget` (none: no limit). Checks at once, so a deadline already past or a
 * signal already fired throws before any work is done. Budgets nest: the inner one applies.
 */
export function withParseBudget<T>(budget: ParseBudget | undefined, parse: () => T): T {
  if (!budget || (budget.deadline === undefined && !budget.signal)) return parse();
  const previous = active;
  const current: Active = {
    deadline: budget.deadline ?? Infinity,
    signal: budget.signal,
    calls: 0,
  };
  enforce(current);
  active = current;
  try {
    return parse();
  } finally {
    active = previous;
  }
}

/** Called from the long loops of the parser: throws TIMEOUT/ABORTED once the budget is spent. */
export function checkParseBudget(): void {
  if (active && ++active.calls % CLOCK_EVERY === 0) enforce(active);
}

/** How many budget checks the parse under way has made (for tests that count work, not time). */
export function parseBudgetChecks(): number {
  return active?.calls ?? 0;
}
