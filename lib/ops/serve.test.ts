import { describe, expect, it } from "vitest";
import { redactDatabaseUrl } from "./serve";

describe("redactDatabaseUrl", () => {
  it("keeps SQLite paths and hides PostgreSQL passwords in the start log", () => {
    expect(redactDatabaseUrl("file:./data/app.db")).toBe("file:./data/app.db");
    expect(
      redactDatabaseUrl("postgresql://duixian:s3cret@db.internal:5432/duixian?schema=public"),
    ).toBe("postgresql://duixian:redacted@db.internal:5432/duixian?schema=public");
    expect(redactDatabaseUrl("postgres://db.internal/duixian")).toBe(
      "postgres://db.internal/duixian",
    );
    expect(redactDatabaseUrl("not a url")).toBe("[unparseable database url]");
  });
});
