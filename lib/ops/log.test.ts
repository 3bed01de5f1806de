import { afterEach, describe, expect, it, vi } from "vitest";
import {
  acceptRequestId,
  formatLogLine,
  log,
  logger,
  redactConsole,
  redactErrorMessage,
  redactPath,
  redactPathsInText,
  withLogContext,
} from "./log";

const parse = (line: string) => JSON.parse(line) as Record<string, unknown>;

describe("formatLogLine", () => {
  it("writes one JSON object on one line: time, level, msg, then the fields", () => {
    const line = formatLogLine(
      "info",
      "action",
      { action: "x", durationMs: 12.5, note: "two\nlines" },
      new Date("2026-01-02T03:04:05.678Z"),
    );
    expect(line.endsWith("\n")).toBe(true);
    expect(line.trimEnd()).not.toContain("\n");
    expect(Object.keys(parse(line))).toEqual([
      "time",
      "level",
      "msg",
      "action",
      "durationMs",
      "note",
    ]);
    expect(parse(line)).toEqual({
      time: "2026-01-02T03:04:05.678Z",
      level: "info",
      msg: "action",
      action: "x",
      durationMs: 12.5,
      note: "two\nlines",
    });
  });

  it("takes the request id from the context, across awaits, unless a field names one", async () => {
    await withLogContext({ requestId: "req-1" }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      expect(parse(formatLogLine("info", "m")).requestId).toBe("req-1");
      expect(parse(formatLogLine("info", "m", { requestId: "req-2" })).requestId).toBe("req-2");
    });
    expect(parse(formatLogLine("info", "m")).requestId).toBeUndefined();
  });

  it("never writes secrets: password, token, cookie and authorization fields, also nested", () => {
    const line = formatLogLine("warn", "login", {
      email: "a@b.c",
      password: "hunter2",
      headers: {
        authorization: "Bearer abc",
        Cookie: "next-auth.session-token=xyz",
        accept: "text/html",
      },
      share: { token: "0123456789abcdef", reportId: "r1" },
      NEXTAUTH_SECRET: "s3cret",
    });
    expect(line).not.toMatch(/hunter2|Bearer abc|xyz|0123456789abcdef|s3cret/);
    const rec = parse(line);
    expect(rec.password).toBe("[redacted]");
    expect(rec.headers).toEqual({
      authorization: "[redacted]",
      Cookie: "[redacted]",
      accept: "text/html",
    });
    expect(rec.share).toEqual({ token: "[redacted]", reportId: "r1" });
  });

  it("describes errors, cuts long strings and survives cycles and odd values", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const err = Object.assign(new Error("boom"), { code: "P2028" });
    const rec = parse(
      formatLogLine("error", "failed", {
        err,
        long: "x".repeat(5000),
        cyclic,
        big: 10n,
        fn: () => 1,
      }),
    );
    expect(rec.err).toMatchObject({ name: "Error", message: "boom", code: "P2028" });
    expect(String((rec.err as { stack: string }).stack)).toContain("boom");
    expect(String(rec.long).length).toBeLessThan(2100);
    expect(rec.cyclic).toEqual({ a: 1, self: "[circular]" });
    expect(rec.big).toBe("10");
    expect(rec.fn).toBeUndefined();
  });

  it("keeps time, level and msg its own", () => {
    const rec = parse(formatLogLine("info", "real", { msg: "forged", level: "error", time: "x" }));
    expect(rec).toMatchObject({ msg: "real", level: "info" });
    expect(rec.time).not.toBe("x");
  });
});

describe("redactPath", () => {
  it("hides share tokens and query values, keeps the rest", () => {
    expect(redactPath("/share/AbC123_secret-token")).toBe("/share/[redacted]");
    expect(redactPath("/share/AbC123/export?format=csv")).toBe("/share/[redacted]/export?format");
    expect(redactPath("/reports?q=%E6%B0%B4&status=open&page=2")).toBe("/reports?q&status&page");
    expect(redactPath("/api/auth/callback/credentials?code=abc&state=def")).toBe(
      "/api/auth/callback/credentials?code&state",
    );
    expect(redactPath("/reports/abc")).toBe("/reports/abc");
    expect(redactPath("/x?")).toBe("/x");
  });
});

describe("acceptRequestId", () => {
  it("keeps a sane incoming id and replaces anything else with a UUID", () => {
    expect(acceptRequestId("abc-123_X.y")).toBe("abc-123_X.y");
    expect(acceptRequestId("a".repeat(64))).toBe("a".repeat(64));
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const bad of [
      null,
      undefined,
      "",
      "a".repeat(65),
      "id with space",
      'x"}{"level":"error',
      "<script>",
      "ид",
      "a\nb",
    ]) {
      expect(acceptRequestId(bad)).toMatch(uuid);
    }
    expect(acceptRequestId(null)).not.toBe(acceptRequestId(null));
  });
});

describe("log", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.DUIXIAN_LOG_LEVEL;
  });

  it("writes enabled levels to stdout, one line each; DUIXIAN_LOG_LEVEL sets the threshold", () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    logger.debug("hidden");
    logger.info("shown", { n: 1 });
    log("error", "also shown");
    process.env.DUIXIAN_LOG_LEVEL = "debug";
    logger.debug("now shown");
    process.env.DUIXIAN_LOG_LEVEL = "silent";
    logger.error("silenced");
    process.env.DUIXIAN_LOG_LEVEL = "nonsense";
    logger.debug("unknown levels mean info");
    expect(lines.map((l) => parse(l).msg)).toEqual(["shown", "also shown", "now shown"]);
    expect(lines.every((l) => l.endsWith("\n") && !l.trimEnd().includes("\n"))).toBe(true);
  });
});

// Issue 12, finding 7: a search query reached the error log through Prisma's message and Next's own output.
const PRISMA_MESSAGE =
  '\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n{\n  query: "SELECT p.\\"id\\" FROM \\"PledgeSearch\\" s WHERE \\"PledgeSearch\\" MATCH ?",\n  parameters: {\n    values: "[\\"\\\\\\"SECRET-QUERY\\\\ud83d\\\\\\"\\"]",\n    __prismaRawParameters__: true\n  }\n  ~~~~~~~~~~~~~~~\n}\n\nInvalid value for argument `parameters`: unexpected end of hex escape at line 1 column 23. Expected JSON String.';

describe("redactErrorMessage and redactPathsInText", () => {
  it("keeps a failed Prisma call's name and reason, never its arguments", () => {
    expect(redactErrorMessage(PRISMA_MESSAGE)).toBe(
      "Invalid `prisma.$queryRawUnsafe()` invocation (arguments not logged): Invalid value for argument `parameters`: unexpected end of hex escape at line 1 column 23. Expected JSON String.",
    );
    const validation =
      '\nInvalid `prisma.user.findUnique()` invocation:\n\n{\n  where: {\n    email: "SECRET@x.y",\n    bogus: 1,\n    ~~~~~\n?   id?: String\n  }\n}\n\nUnknown argument `bogus`. Available options are marked with ?.';
    expect(redactErrorMessage(validation)).toBe(
      "Invalid `prisma.user.findUnique()` invocation (arguments not logged): Unknown argument `bogus`. Available options are marked with ?.",
    );
    expect(
      redactErrorMessage(
        "\nInvalid `prisma.user.create()` invocation:\n\n\nUnique constraint failed on the fields: (`email`)",
      ),
    ).toContain("Unique constraint failed on the fields: (`email`)");
    expect(redactErrorMessage("boom")).toBe("boom");
  });

  it("drops query values and share tokens from paths and URLs inside text", () => {
    expect(
      redactPathsInText(
        "Request body exceeded 25MB for /reports/import?q=SECRET&x=1. Only the first 25MB",
      ),
    ).toBe("Request body exceeded 25MB for /reports/import?q&x Only the first 25MB");
    expect(redactPathsInText("GET http://127.0.0.1:3000/search?q=SECRET failed")).toBe(
      "GET http://127.0.0.1:3000/search?q failed",
    );
    expect(redactPathsInText("see /share/SECRET-TOKEN/export?format=csv")).toBe(
      "see /share/[redacted]/export?format",
    );
    expect(redactPathsInText("Available options are marked with ?.")).toBe(
      "Available options are marked with ?.",
    );
  });

  it("an error logged with such a message keeps neither the values nor them in its stack", () => {
    const err = Object.assign(new Error(PRISMA_MESSAGE), {
      name: "PrismaClientValidationError",
      clientVersion: "6.19.3",
    });
    const line = formatLogLine("error", "request.error", {
      err,
      path: redactPath("/search?q=SECRET-QUERY"),
    });
    expect(line).not.toContain("SECRET-QUERY");
    expect(parse(line).err).toMatchObject({
      name: "PrismaClientValidationError",
      message: expect.stringContaining("Invalid value for argument `parameters`"),
    });
    expect(String((parse(line).err as { stack: string }).stack)).toMatch(
      /^PrismaClientValidationError: Invalid `prisma/,
    );
  });
});

describe("redactConsole", () => {
  it("prints errors by name, redacted message, frames and digest, and strips query values from strings", () => {
    const printed: unknown[][] = [];
    const target = {
      log: (...a: unknown[]) => printed.push(a),
      info: (...a: unknown[]) => printed.push(a),
      warn: (...a: unknown[]) => printed.push(a),
      error: (...a: unknown[]) => printed.push(a),
    };
    redactConsole(target);
    redactConsole(target); // idempotent: not wrapped twice
    const err = Object.assign(new Error(PRISMA_MESSAGE), {
      name: "PrismaClientValidationError",
      digest: "1729155420",
      meta: { SECRET: "SECRET-QUERY" },
    });
    target.error("⨯", err);
    target.warn(
      "Request body exceeded 25MB for /search?q=SECRET-QUERY. Only the first 25MB will be available",
    );
    target.log({ kept: 1 });
    expect(JSON.stringify(printed)).not.toContain("SECRET-QUERY");
    expect(printed[0][0]).toBe("⨯");
    expect(String(printed[0][1])).toMatch(
      /^PrismaClientValidationError: Invalid `prisma\.\$queryRawUnsafe\(\)` invocation \(arguments not logged\): Invalid value/,
    );
    expect(String(printed[0][1])).toContain("(digest 1729155420)");
    expect(printed[1][0]).toBe(
      "Request body exceeded 25MB for /search?q Only the first 25MB will be available",
    );
    expect(printed[2][0]).toEqual({ kept: 1 });
  });
});
