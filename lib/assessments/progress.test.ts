import { describe, expect, it } from "vitest";
import { tallyProgress } from "./progress";

describe("tallyProgress", () => {
  it("counts verdicts, submissions and approvals, one row or a group count at a time", () => {
    expect(
      tallyProgress([
        { status: "not_assessed", reviewState: "draft" },
        { status: "fulfilled", reviewState: "draft" },
        { status: "partial", reviewState: "submitted", n: 3 },
        { status: "unfulfilled", reviewState: "approved", n: 2 },
      ]),
    ).toEqual({ total: 7, assessed: 6, submitted: 3, approved: 2 });
    expect(tallyProgress([])).toEqual({ total: 0, assessed: 0, submitted: 0, approved: 0 });
  });
});
