/**
 * Inside the Next server process (started from instrumentation.ts):
 *
 * - the access log: one JSON line per finished request — method, path (redacted), status,
 *   duration, request id (set by proxy.ts) and, for a server action, its name. Node's built-in
 *   HTTP diagnostics channels report each request's start and finish without wrapping the server
 *   that `next start` owns.
 * - shutdown: `next start` handles SIGTERM/SIGINT itself (it stops accepting connections, lets
 *   in-flight requests finish, waits for every connection to close, then exits). Once the last
 *   in-flight request is done, idle keep-alive connections are closed (else Next waits for their
 *   timeout) and the Prisma client is disconnected, so no connection or SQLite write-ahead log
 *   is left open.
 */
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { logger, redactPath, REQUEST_ID_HEADER } from "./log";
import { serverActionName } from "./server-action-name";

type HttpEvent = { request: IncomingMessage; response: ServerResponse; server?: Server };

const STARTED = Symbol.for("duixian.accessLog.started");
const QUIET = /^\/(_next\/static|_next\/image|favicon\.ico)/;

function headerValue(v: string | number | string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v[0] : String(v);
}

/** Subscribes the access log and the shutdown hook, once per process. */
export function observeHttpServer(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[STARTED]) return;
  g[STARTED] = true;

  const startedAt = new WeakMap<IncomingMessage, number>();
  let inFlight = 0;
  let onIdle: (() => void) | null = null;

  const servers = new Set<Server>();

  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { request, response, server } = message as HttpEvent;
    if (server) servers.add(server);
    startedAt.set(request, performance.now());
    inFlight++;
    // "close" also fires when the client goes away before the response is finished.
    response.once("close", () => {
      inFlight--;
      if (inFlight === 0 && onIdle) onIdle();
    });
  });

  diagnosticsChannel.subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as HttpEvent;
    const url = request.url ?? "";
    const quiet = QUIET.test(url);
    const t0 = startedAt.get(request);
    const actionId = headerValue(request.headers["next-action"]);
    const status = response.statusCode;
    const fields = {
      requestId:
        headerValue(response.getHeader(REQUEST_ID_HEADER)) ??
        headerValue(request.headers[REQUEST_ID_HEADER]),
      method: request.method,
      path: redactPath(url),
      status,
      durationMs: t0 === undefined ? undefined : Math.round((performance.now() - t0) * 10) / 10,
      ...(actionId ? { action: serverActionName(actionId) ?? actionId.slice(0, 64) } : {}),
    };
    if (status >= 500) logger.error("request", fields);
    else if (quiet) logger.debug("request", fields);
    else logger.info("request", fields);
  });

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info("server.stopping", { signal, inFlight });
    const disconnect = async () => {
      onIdle = null;
      // Next has stopped listening and waits for every connection to close; a client's idle
      // keep-alive connection would hold the exit back until its timeout.
      for (const server of servers) server.closeIdleConnections();
      try {
        const { db } = await import("@/lib/db");
        await db.$disconnect();
        logger.info("server.database_disconnected");
      } catch (e) {
        logger.error("server.database_disconnect_failed", { err: e });
      }
    };
    if (inFlight === 0) void disconnect();
    else onIdle = () => void disconnect();
  };
  // Beside Next's own handlers, which close the server, wait for in-flight requests and exit.
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
