import { EventEmitter } from "node:events";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clientAddress } from "./client-address";
import {
  DRAIN_LIMIT_BYTES,
  installRequestGuard,
  MAX_REQUEST_BODY_BYTES,
  requestHost,
  requestRefusal,
  sameOrigin,
  scrubForwardedHeaders,
} from "./request-guard";

describe("scrubForwardedHeaders", () => {
  it("with no trusted proxy, keeps only the socket address and drops the forwarded host, proto and port a client sent", () => {
    const headers: Record<string, string | undefined> = {
      host: "duixian.example:3000",
      "x-forwarded-for": "6.6.6.6",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-forwarded-port": "443",
      forwarded: "host=evil.example",
    };
    scrubForwardedHeaders(headers, "192.0.2.4", 0);
    expect(headers).toEqual({ host: "duixian.example:3000", "x-forwarded-for": "192.0.2.4" });
  });

  it("behind trusted proxies, keeps what they set and appends the socket address", () => {
    const headers: Record<string, string | undefined> = {
      host: "127.0.0.1:3000",
      "x-forwarded-for": "198.51.100.7",
      "x-forwarded-host": "duixian.example",
      "x-forwarded-proto": "https",
    };
    scrubForwardedHeaders(headers, "10.0.0.2", 1);
    expect(headers).toEqual({
      host: "127.0.0.1:3000",
      "x-forwarded-for": "198.51.100.7, 10.0.0.2",
      "x-forwarded-host": "duixian.example",
      "x-forwarded-proto": "https",
    });
  });
});

describe("requestHost and sameOrigin", () => {
  it("is Host with no trusted proxy, the first forwarded host behind one", () => {
    expect(
      requestHost({ host: "Duixian.Example:3000", "x-forwarded-host": "evil.example" }, 0),
    ).toBe("duixian.example:3000");
    expect(
      requestHost({ host: "127.0.0.1:3000", "x-forwarded-host": "duixian.example, other" }, 1),
    ).toBe("duixian.example");
    expect(requestHost({ host: "127.0.0.1:3000" }, 1)).toBe("127.0.0.1:3000");
    expect(requestHost({}, 0)).toBeNull();
  });

  it("matches host and port; null, unreadable and other origins never match", () => {
    expect(sameOrigin("http://duixian.example:3000", "duixian.example:3000")).toBe(true);
    expect(sameOrigin("https://duixian.example", "duixian.example")).toBe(true);
    expect(sameOrigin("http://duixian.example:3001", "duixian.example:3000")).toBe(false);
    expect(sameOrigin("https://evil.example", "duixian.example")).toBe(false);
    expect(sameOrigin("null", "duixian.example")).toBe(false);
    expect(sameOrigin("not a url", "duixian.example")).toBe(false);
    expect(sameOrigin("https://duixian.example", null)).toBe(false);
  });
});

describe("requestRefusal", () => {
  const host = "duixian.example";
  it("lets reads through whatever their origin or size", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect(
        requestRefusal(
          {
            method,
            headers: {
              host,
              origin: "https://evil.example",
              "content-length": String(10 * MAX_REQUEST_BODY_BYTES),
            },
          },
          0,
        ),
      ).toBeNull();
  });

  it("refuses writes from another site, a null or an unreadable origin with 403; same-site and origin-less writes pass", () => {
    for (const origin of ["https://evil.example", "null", "::"])
      expect(requestRefusal({ method: "POST", headers: { host, origin } }, 0)).toMatchObject({
        status: 403,
        code: "FORBIDDEN",
      });
    expect(
      requestRefusal({ method: "DELETE", headers: { host, origin: "https://evil.example" } }, 0)
        ?.status,
    ).toBe(403);
    expect(
      requestRefusal(
        { method: "POST", headers: { host, origin: `https://${host}`, "content-length": "10" } },
        0,
      ),
    ).toBeNull();
    expect(
      requestRefusal({ method: "POST", headers: { host, "content-length": "10" } }, 0),
    ).toBeNull();
  });

  it("does not let a client's X-Forwarded-Host vouch for its origin unless a proxy is trusted", () => {
    const forged = { host, origin: "https://evil.example", "x-forwarded-host": "evil.example" };
    const direct = { ...forged };
    scrubForwardedHeaders(direct, "203.0.113.5", 0);
    expect(requestRefusal({ method: "POST", headers: direct }, 0)?.status).toBe(403);
    // Behind a trusted proxy the forwarded host is the proxy's word (it must set it).
    expect(
      requestRefusal(
        {
          method: "POST",
          headers: { host: "127.0.0.1:3000", origin: `https://${host}`, "x-forwarded-host": host },
        },
        1,
      ),
    ).toBeNull();
  });

  it("refuses a body over the limit by its length (413) and a body without a length (411)", () => {
    const post = (headers: Record<string, string>) =>
      requestRefusal({ method: "POST", headers: { host, ...headers } }, 0);
    expect(post({ "content-length": String(MAX_REQUEST_BODY_BYTES) })).toBeNull();
    expect(post({ "content-length": String(MAX_REQUEST_BODY_BYTES + 1) })).toMatchObject({
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
    });
    expect(post({ "content-length": "99999999999999999999" })?.status).toBe(413);
    expect(post({ "transfer-encoding": "chunked" })).toMatchObject({
      status: 411,
      code: "LENGTH_REQUIRED",
    });
    // Next forwarding a server action to the page that owns it streams the body without a length.
    expect(post({ "transfer-encoding": "chunked", "x-action-forwarded": "1" })).toBeNull();
  });

  it("uses the body limit next.config.js gives Next (server actions and the proxy's buffer)", () => {
    const config = createRequire(import.meta.url)(path.join(process.cwd(), "next.config.js")) as {
      experimental: { serverActions: { bodySizeLimit: string }; proxyClientMaxBodySize: string };
    };
    const mb = (s: string) => Number(/^(\d+)mb$/i.exec(s)![1]) * 1024 * 1024;
    expect(mb(config.experimental.serverActions.bodySizeLimit)).toBe(MAX_REQUEST_BODY_BYTES);
    expect(mb(config.experimental.proxyClientMaxBodySize)).toBe(MAX_REQUEST_BODY_BYTES);
  });
});

describe("installRequestGuard", () => {
  const INSTALLED = Symbol.for("duixian.forwardedForGuard");
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[INSTALLED];
    vi.restoreAllMocks();
  });

  class FakeServer extends EventEmitter {}
  class FakeResponse {
    status = 0;
    headers: Record<string, unknown> = {};
    body = "";
    writeHead(status: number, headers: Record<string, unknown>) {
      this.status = status;
      this.headers = headers;
    }
    end(body: string) {
      this.body = body;
    }
  }

  it("rewrites the headers of every request before the server's listeners see it", () => {
    installRequestGuard({ Server: FakeServer as unknown as typeof Server }, 0);
    const server = new FakeServer();
    let seen: Record<string, string> | undefined;
    server.on("request", (req: { headers: Record<string, string> }) => (seen = req.headers));
    server.emit(
      "request",
      {
        method: "GET",
        headers: { "x-forwarded-for": "6.6.6.6", "x-forwarded-host": "evil.example" },
        socket: { remoteAddress: "::ffff:192.0.2.4" },
      },
      new FakeResponse(),
    );
    expect(seen!["x-forwarded-for"]).toBe("::ffff:192.0.2.4");
    expect(seen!["x-forwarded-host"]).toBeUndefined();
    expect(clientAddress(seen!["x-forwarded-for"], 0)).toBe("192.0.2.4");
    // Other events pass untouched.
    let other: unknown;
    server.on("close", (x: unknown) => (other = x));
    server.emit("close", 42);
    expect(other).toBe(42);
  });

  /** An incoming request as the guard sees it: headers, and a body it can read and drop. */
  const incoming = (fields: { method: string; url: string; headers: Record<string, string> }) => {
    const req = Object.assign(new EventEmitter(), fields, {
      socket: { destroy: vi.fn() },
      resume: vi.fn(),
    });
    return req;
  };

  it("answers a refused request itself (status, JSON code, request id) and never passes it on", () => {
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    installRequestGuard({ Server: FakeServer as unknown as typeof Server }, 0);
    const server = new FakeServer();
    const listener = vi.fn();
    server.on("request", listener);
    const res = new FakeResponse();
    server.emit(
      "request",
      incoming({
        method: "POST",
        url: "/admin/users?q=secret",
        headers: {
          host: "duixian.example",
          origin: "https://evil.example",
          "x-request-id": "lb-1",
        },
      }),
      res,
    );
    expect(listener).not.toHaveBeenCalled();
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ ok: false, code: "FORBIDDEN" });
    expect(res.headers["x-request-id"]).toBe("lb-1");
    const big = new FakeResponse();
    const upload = incoming({
      method: "POST",
      url: "/reports/import",
      headers: { host: "duixian.example", "content-length": String(10 * MAX_REQUEST_BODY_BYTES) },
    });
    server.emit("request", upload, big);
    expect(big.status).toBe(413);
    expect(listener).not.toHaveBeenCalled();
    // The body is read and dropped so the client can take its answer, up to a limit; then the connection is cut.
    expect(upload.resume).toHaveBeenCalled();
    upload.emit("data", { length: DRAIN_LIMIT_BYTES }); // a chunk of that size, as the guard counts it
    expect(upload.socket.destroy).not.toHaveBeenCalled();
    upload.emit("data", Buffer.alloc(1));
    expect(upload.socket.destroy).toHaveBeenCalled();
  });
});
