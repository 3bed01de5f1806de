/**
 * Who is asking, for per-client rate limits — without letting a client choose its own answer.
 *
 * Next 16 gives route handlers and server components no socket address: `next start` only sets
 * `x-forwarded-for` to the socket's address when the request does not carry that header already
 * (`req.headers['x-forwarded-for'] ??= socket.remoteAddress` in next/dist/server/base-server.js),
 * so a client that sends its own X-Forwarded-For would pick its own rate-limit key.
 *
 * So, at server start (instrumentation.ts), the request guard (lib/ops/request-guard.ts) rewrites
 * the header of every incoming request before Next sees it: with no trusted proxy (the default) it becomes the
 * socket address alone; with DUIXIAN_TRUSTED_PROXIES=N (N reverse proxies in front that each
 * append the address they saw, as nginx's $proxy_add_x_forwarded_for does) the socket address is
 * appended to what arrived, and `clientAddress` reads the entry N places left of the end.
 */
export const TRUSTED_PROXIES_ENV = "DUIXIAN_TRUSTED_PROXIES";

/** How many reverse proxies in front of the app are trusted to append to X-Forwarded-For (default 0). */
export function trustedProxyCount(env: Record<string, string | undefined> = process.env): number {
  const raw = env[TRUSTED_PROXIES_ENV]?.trim();
  if (!raw) return 0;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/**
 * The header value Next should see: the socket address alone (no trusted proxy), or what the
 * proxies sent followed by the socket address.
 */
export function guardedForwardedFor(
  sent: string | string[] | undefined,
  socketAddress: string | undefined,
  trustedProxies: number,
): string {
  const socket = socketAddress || "unknown";
  const received = (Array.isArray(sent) ? sent.join(", ") : (sent ?? "")).trim();
  return trustedProxies > 0 && received ? `${received}, ${socket}` : socket;
}

/** A rate-limit key for an address: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 by its /64 (one host's usual share). */
export function addressKey(address: string): string {
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1];
  if (!a.includes(":")) return a || "unknown";
  const [head, tail = ""] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = a.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g || "0").replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * The client's rate-limit key from the X-Forwarded-For that reaches the app (rewritten by the
 * guard): the entry `trustedProxies` places left of the last one, or the left-most if there are
 * fewer entries (a request that bypassed the proxies).
 */
export function clientAddress(
  forwardedFor: string | null,
  trustedProxies: number = trustedProxyCount(),
): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  return addressKey(entries[Math.max(0, entries.length - 1 - trustedProxies)]);
}

const INSTALLED = Symbol.for("duixian.forwardedForGuard");

/** Whether the guard runs in this process (it does under `next start` and `npm start`). */
export function forwardedForGuardInstalled(): boolean {
  return Boolean((globalThis as Record<symbol, unknown>)[INSTALLED]);
}

/** The rate-limit key of the client of a request to this app (route handler, page or proxy headers). */
export function requestClientKey(headers: { get(name: string): string | null }): string {
  if (!forwardedForGuardInstalled()) warnOnce();
  return clientAddress(headers.get("x-forwarded-for"));
}

let warned = false;
function warnOnce(): void {
  if (warned) return;
  warned = true;
  console.warn(
    "[client-address] the X-Forwarded-For guard is not installed (instrumentation.ts did not run): rate limits trust the header as sent",
  );
}
