import { describe, expect, it } from "vitest";
import { auditViewQuery, parseAuditView } from "./schema";

describe("parseAuditView / auditViewQuery", () => {
  it("reads ?approved=1 and ?tier=all; anything else is the default (all verdicts, trackable only)", () => {
    expect(parseAuditView({})).toEqual({ approvedOnly: false, tiers: "trackable" });
    expect(parseAuditView({ approved: "1", tier: "all" })).toEqual({
      approvedOnly: true,
      tiers: "all",
    });
    expect(parseAuditView({ approved: "yes", tier: ["direction", "all"] })).toEqual({
      approvedOnly: false,
      tiers: "trackable",
    });
    expect(parseAuditView(new URLSearchParams("format=csv&tier=all"))).toEqual({
      approvedOnly: false,
      tiers: "all",
    });
  });

  it("writes the query back, extra parameters first, defaults left out", () => {
    expect(auditViewQuery({ approvedOnly: false, tiers: "trackable" })).toBe("");
    expect(auditViewQuery({ approvedOnly: true, tiers: "all" }, { format: "csv" })).toBe(
      "?format=csv&approved=1&tier=all",
    );
    for (const view of [
      { approvedOnly: true, tiers: "trackable" },
      { approvedOnly: false, tiers: "all" },
    ] as const) {
      expect(parseAuditView(new URLSearchParams(auditViewQuery(view)))).toEqual(view);
    }
  });
});
