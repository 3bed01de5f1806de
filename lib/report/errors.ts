/**
 * Errors for input the report library refuses. The UI translates by `code`; `message`
 * is one clear English line for logs and the command line.
 */
export type ReportInputErrorCode =
  | "EMPTY"
  | "BINARY"
  | "PDF"
  | "UNSUPPORTED_FORMAT"
  | "TOO_LARGE"
  | "UNKNOWN_ENCODING"
  | "NOT_A_REPORT"
  | "NO_PLAN"
  // Caps on what one report may be and produce (limits.ts) and the parse time budget (budget.ts).
  | "TOO_LONG"
  | "TOO_MANY_PLEDGES"
  | "TOO_MANY_SECTIONS"
  | "TIMEOUT"
  | "ABORTED";

export class ReportInputError extends Error {
  /** Create a refusal with a machine-readable code and a one-line English message. */
  constructor(
    public code: ReportInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ReportInputError";
  }
}
