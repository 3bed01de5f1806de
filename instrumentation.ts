/**
 * Runs once when the Next server starts, before it handles any request (Next's instrumentation
 * hook). It installs the X-Forwarded-For guard so that per-client rate limits (share links) key
 * on the real socket address unless DUIXIAN_TRUSTED_PROXIES says proxies in front may be believed:
 * see lib/ops/client-address.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installForwardedForGuard } = await import("@/lib/ops/client-address");
    installForwardedForGuard(await import("node:http"));
  }
}
