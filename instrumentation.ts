/**
 * Runs once when the Next server starts, before it handles any request (Next's instrumentation
 * hook). In the Node.js server it:
 * - installs the request guard (lib/ops/request-guard.ts): forwarded headers a client may not
 *   choose are rewritten (so rate limits key on the real socket address, and Next's server-action
 *   origin check compares with the real host, unless DUIXIAN_TRUSTED_PROXIES says proxies in front
 *   may be believed), and cross-site writes (403) and oversized bodies (413) are refused before
 *   Next reads them;
 * - redacts what Next prints to the console as our own log lines are (lib/ops/log.ts: no query
 *   values, share tokens or Prisma argument dumps);
 * - starts the access log (one JSON line per request with its status and duration, which the proxy
 *   cannot see) and the shutdown hook that disconnects the database once the last request is done
 *   (lib/ops/access-log.ts);
 * - starts the background workers of batch imports (lib/imports/runner.ts) and of lineage
 *   (lib/lineage/runner.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { redactConsole } = await import("@/lib/ops/log");
    redactConsole();
    const { installRequestGuard } = await import("@/lib/ops/request-guard");
    installRequestGuard(await import("node:http"));
    const { observeHttpServer } = await import("./lib/ops/access-log");
    observeHttpServer();
    // Batch imports run in the background of every server process (not while `next build` loads this).
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startImportRunner } = await import("@/lib/imports/runner");
      startImportRunner();
      const { startLineageRunner } = await import("@/lib/lineage/runner");
      startLineageRunner();
    }
  }
}

/** Errors Next caught while rendering or running an action or route: one JSON line with the request id. */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routerKind: string; routePath: string; routeType: string },
): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger, redactPath, REQUEST_ID_HEADER } = await import("./lib/ops/log");
  const id = request.headers[REQUEST_ID_HEADER];
  logger.error("request.error", {
    requestId: Array.isArray(id) ? id[0] : id,
    method: request.method,
    path: redactPath(request.path),
    route: context.routePath,
    routeType: context.routeType,
    err: error,
  });
}
