/**
 * Structured logs: one JSON object per line on stdout — `time`, `level`, `msg`, `requestId` (when
 * there is one) and the caller's fields — so a log collector can parse every line and follow one
 * request through the proxy, its server action and the database work it caused.
 *
 * Nothing secret is written: fields named like passwords, tokens, cookies or secrets are replaced,
 * paths of share links lose their token and query strings lose their values (see redactPath), also
 * inside error messages, where the argument dump of a failed Prisma call (which holds the values
 * the app passed, such as a search query) is left out too (redactErrorMessage). Next's own console
 * output goes through the same redaction (redactConsole).
 * DUIXIAN_LOG_LEVEL (debug, info, warn, error, silent; default info) sets what is written.
 * Pure Node: usable from the proxy, route handlers, server actions and the command line.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;
type LogContext = { requestId?: string };

const LEVELS: Record<LogLevel | "silent", number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

/** The header that carries a request's id, to the app (request) and back to the client (response). */
export const REQUEST_ID_HEADER = "x-request-id";

// One store per process, even when Next bundles this module into several graphs (proxy, app).
const CONTEXT_KEY = Symbol.for("duixian.log.context");
const contextStore: AsyncLocalStorage<LogContext> = ((globalThis as Record<symbol, unknown>)[
  CONTEXT_KEY
] ??= new AsyncLocalStorage<LogContext>()) as AsyncLocalStorage<LogContext>;

/** Runs `fn` with `context` (e.g. the request id) added to every line it logs, also across awaits. */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return contextStore.run({ ...contextStore.getStore(), ...context }, fn);
}

/**
 * The request id to use for an incoming request: the caller's own id when it is sane (1–64
 * characters of A–Z a–z 0–9 . _ -, so it cannot forge log lines or carry markup), else a new UUID.
 */
export function acceptRequestId(incoming: string | null | undefined): string {
  return incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

const SECRET_KEY =
  /passw(or)?d|passphrase|secret|token|cookie|authori[sz]ation|^session$|csrf|api[-_]?key/i;
const MAX_STRING = 2000;
const MAX_DEPTH = 5;

/** The names of a query string's parameters, without their values (`q=a&page=2` → `q&page`). */
function queryNames(query: string): string {
  return query
    .split("&")
    .filter(Boolean)
    .map((pair) => pair.split("=", 1)[0].slice(0, 40))
    .join("&");
}

/**
 * A URL path fit for a log: a share link's token is replaced (the token is the only key to a
 * public report) and query strings keep their parameter names but lose their values.
 */
export function redactPath(url: string): string {
  const q = url.indexOf("?");
  let pathname = q === -1 ? url : url.slice(0, q);
  pathname = pathname.replace(/^\/share\/[^/]+/, "/share/[redacted]");
  if (q === -1) return pathname;
  const names = queryNames(url.slice(q + 1));
  return names ? `${pathname}?${names}` : pathname;
}

/**
 * Free text (an error message, a line Next prints) with every path or URL in it redacted as
 * redactPath does: share tokens replaced, query values dropped.
 */
export function redactPathsInText(text: string): string {
  return text
    .replace(/\/share\/[^/\s"'`?#<>]+/g, "/share/[redacted]")
    .replace(/(\/[^\s"'`?#<>]*)\?([^\s"'`#<>]*)/g, (_, path: string, query: string) => {
      const names = queryNames(query);
      return names ? `${path}?${names}` : path;
    });
}

const PRISMA_INVOCATION = /Invalid `([^`]{1,200})` invocation/;

/**
 * An error message fit for a log. A failed Prisma call's message shows the call's arguments
 * (`{ where: { email: "…" } }`, a raw query's `values: […]`), so only the name of the call and the
 * reason (its last line) are kept; paths in any message are redacted.
 */
export function redactErrorMessage(message: string): string {
  const prisma = PRISMA_INVOCATION.exec(message);
  let text = message;
  if (prisma) {
    const reason =
      message
        .trim()
        .split("\n")
        .filter((l) => l.trim())
        .at(-1)
        ?.trim() ?? "";
    text =
      `Invalid \`${prisma[1]}\` invocation (arguments not logged): ${PRISMA_INVOCATION.test(reason) ? "" : reason}`.trim();
  }
  return redactPathsInText(text);
}

/** An error's stack with its message part replaced by the redacted message (the frames kept). */
function redactedStack(e: Error, message: string): string | undefined {
  if (!e.stack) return undefined;
  const frames = e.stack.split("\n").filter((l) => /^\s+at /.test(l));
  return [`${e.name}: ${message}`, ...frames.slice(0, 11)].join("\n");
}

function describeError(e: Error, depth: number): Record<string, unknown> {
  const message = redactErrorMessage(String(e.message));
  const out: Record<string, unknown> = { name: e.name, message: clean(message, depth + 1) };
  const code = (e as { code?: unknown }).code;
  if (code !== undefined) out.code = clean(code, depth + 1);
  const stack = redactedStack(e, message);
  if (stack) out.stack = stack;
  if (e.cause !== undefined && depth < MAX_DEPTH) out.cause = clean(e.cause, depth + 1);
  return out;
}

/** A JSON-safe copy of a value: secrets redacted, long strings cut, errors described, cycles broken. */
function clean(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "string")
    return value.length > MAX_STRING
      ? `${value.slice(0, MAX_STRING)}…[${value.length} chars]`
      : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "object") return String(value);
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (value instanceof Error) return describeError(value, depth);
  if (depth >= MAX_DEPTH) return "[nested]";
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => clean(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) ? "[redacted]" : clean(v, depth + 1, seen);
  return out;
}

/** The JSON line for one event (without writing it); exported for tests. */
export function formatLogLine(
  level: LogLevel,
  msg: string,
  fields: LogFields = {},
  now: Date = new Date(),
): string {
  const context = contextStore.getStore();
  const { requestId, ...rest } = fields;
  const record: Record<string, unknown> = { time: now.toISOString(), level, msg };
  // Which `serve` worker wrote it (lib/ops/cluster.ts), when there are workers.
  const worker = Number(process.env.DUIXIAN_WORKER);
  if (worker > 0) record.worker = worker;
  const id = requestId ?? context?.requestId;
  if (id) record.requestId = clean(id);
  for (const [k, v] of Object.entries(rest)) {
    if (k === "time" || k === "level" || k === "msg") continue;
    record[k] = SECRET_KEY.test(k) ? "[redacted]" : clean(v, 1);
  }
  return JSON.stringify(record) + "\n";
}

function threshold(): number {
  const wanted = (process.env.DUIXIAN_LOG_LEVEL ?? "info").toLowerCase();
  return wanted in LEVELS ? LEVELS[wanted as LogLevel] : LEVELS.info;
}

/** Writes one event as a JSON line on stdout, when its level is enabled. */
export function log(level: LogLevel, msg: string, fields?: LogFields): void {
  if (LEVELS[level] < threshold()) return;
  process.stdout.write(formatLogLine(level, msg, fields));
}

export const logger = {
  debug: (msg: string, fields?: LogFields) => log("debug", msg, fields),
  info: (msg: string, fields?: LogFields) => log("info", msg, fields),
  warn: (msg: string, fields?: LogFields) => log("warn", msg, fields),
  error: (msg: string, fields?: LogFields) => log("error", msg, fields),
};

/** What Next prints for an error: its name, redacted message, frames and digest (never its other properties). */
function describeErrorForConsole(e: Error): string {
  const message = redactErrorMessage(String(e.message));
  const digest = (e as { digest?: unknown }).digest;
  return `${redactedStack(e, message) ?? `${e.name}: ${message}`}${typeof digest === "string" ? ` (digest ${digest})` : ""}`;
}

const CONSOLE_REDACTED = Symbol.for("duixian.log.consoleRedacted");

/**
 * Makes what Next (and anything else in the server process) prints through `console` as safe as
 * our own lines: errors are described by name, redacted message and frames — never dumped with
 * their properties, which for a failed Prisma call hold the values passed to it — and paths in
 * strings lose share tokens and query values (Next prints "Request body exceeded 25MB for /path?…").
 * Called once at server start (instrumentation.ts). Idempotent.
 */
export function redactConsole(
  target: Pick<Console, "log" | "info" | "warn" | "error"> = console,
): void {
  const t = target as typeof target & { [CONSOLE_REDACTED]?: boolean };
  if (t[CONSOLE_REDACTED]) return;
  t[CONSOLE_REDACTED] = true;
  const redact = (arg: unknown) =>
    arg instanceof Error
      ? describeErrorForConsole(arg)
      : typeof arg === "string"
        ? redactPathsInText(arg)
        : arg;
  for (const method of ["log", "info", "warn", "error"] as const) {
    const original = target[method].bind(target);
    target[method] = (...args: unknown[]) => original(...args.map(redact));
  }
}
