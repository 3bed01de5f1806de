import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/auth/permissions";
import { ASSESSMENT_STATUSES, REVIEW_STATES } from "./schema";
import {
  hasVerdict,
  isSameAssessment,
  needsRationale,
  nextReviewState,
  reasonCode,
  reopensOnChange,
  REOPEN_RESET,
  REVIEW_ACTIONS,
  type ReviewAction,
  type TransitionContext,
} from "./transitions";

const ANALYST = { actorId: "ana", actorRole: "analyst" };
const REVIEWER = { actorId: "rev", actorRole: "reviewer" };
const ADMIN = { actorId: "adm", actorRole: "admin" };
const VIEWER = { actorId: "vie", actorRole: "viewer" };

/** A complete assessment (status + rationale), written and submitted by the analyst. */
const filled = (over: Partial<TransitionContext> = {}): TransitionContext => ({
  ...ANALYST,
  submittedById: "ana",
  assessedById: "ana",
  status: "fulfilled",
  rationale: "次年报告：已完成。",
  comment: "请补充证据",
  ...over,
});

describe("nextReviewState: the full table for a complete assessment", () => {
  // [current state, action, actor] → resulting state or refusal reason.
  const table: [string, ReviewAction, { actorId: string; actorRole: string }, string][] = [
    ["draft", "edit", ANALYST, "draft"],
    ["returned", "edit", ANALYST, "draft"],
    ["submitted", "edit", ANALYST, "draft"],
    ["approved", "edit", ANALYST, "draft"],
    ["draft", "submit", ANALYST, "submitted"],
    ["returned", "submit", ANALYST, "submitted"],
    ["submitted", "submit", ANALYST, "TRANSITION_NOT_ALLOWED"],
    ["approved", "submit", ANALYST, "TRANSITION_NOT_ALLOWED"],
    ["submitted", "approve", REVIEWER, "approved"],
    ["submitted", "approve", ADMIN, "approved"],
    ["draft", "approve", REVIEWER, "TRANSITION_NOT_ALLOWED"],
    ["returned", "approve", REVIEWER, "TRANSITION_NOT_ALLOWED"],
    ["approved", "approve", REVIEWER, "TRANSITION_NOT_ALLOWED"],
    ["submitted", "return", REVIEWER, "returned"],
    ["submitted", "return", ADMIN, "returned"],
    ["draft", "return", REVIEWER, "TRANSITION_NOT_ALLOWED"],
    ["returned", "return", REVIEWER, "TRANSITION_NOT_ALLOWED"],
    ["approved", "return", REVIEWER, "TRANSITION_NOT_ALLOWED"],
  ];
  for (const [current, action, actor, expected] of table) {
    it(`${current} --${action} by ${actor.actorRole}--> ${expected}`, () => {
      const res = nextReviewState(current, action, filled(actor));
      expect(res.ok ? res.state : res.reason).toBe(expected);
    });
  }

  it("covers every state × action pair", () => {
    const covered = new Set(table.map(([s, a]) => `${s}:${a}`));
    for (const s of REVIEW_STATES)
      for (const a of REVIEW_ACTIONS) expect(covered, `${s}:${a}`).toContain(`${s}:${a}`);
  });

  it("refuses an unknown current state for every action", () => {
    for (const a of REVIEW_ACTIONS)
      expect(
        nextReviewState(
          "archived",
          a,
          filled(a === "approve" || a === "return" ? REVIEWER : ANALYST),
        ),
      ).toEqual({ ok: false, reason: "TRANSITION_NOT_ALLOWED" });
  });
});

describe("roles", () => {
  it("a viewer may do nothing, in any state", () => {
    for (const s of REVIEW_STATES)
      for (const a of REVIEW_ACTIONS)
        expect(nextReviewState(s, a, filled(VIEWER))).toEqual({ ok: false, reason: "FORBIDDEN" });
  });

  it("an unknown role may do nothing", () => {
    for (const a of REVIEW_ACTIONS)
      expect(
        nextReviewState("submitted", a, filled({ actorId: "x", actorRole: "superuser" })),
      ).toEqual({ ok: false, reason: "FORBIDDEN" });
  });

  it("an analyst can neither approve nor return", () => {
    expect(
      nextReviewState("submitted", "approve", filled({ actorId: "other", actorRole: "analyst" })),
    ).toEqual({ ok: false, reason: "FORBIDDEN" });
    expect(
      nextReviewState("submitted", "return", filled({ actorId: "other", actorRole: "analyst" })),
    ).toEqual({ ok: false, reason: "FORBIDDEN" });
  });

  it("analysts, reviewers and admins may edit and submit", () => {
    for (const role of ["analyst", "reviewer", "admin"]) {
      expect(nextReviewState("draft", "edit", filled({ actorId: "x", actorRole: role }))).toEqual({
        ok: true,
        state: "draft",
      });
      expect(nextReviewState("draft", "submit", filled({ actorId: "x", actorRole: role }))).toEqual(
        { ok: true, state: "submitted" },
      );
    }
  });

  it("exactly reviewers and admins may review", () => {
    const reviewers = ROLES.filter(
      (role) =>
        nextReviewState(
          "submitted",
          "approve",
          filled({ actorId: "someone-else", actorRole: role }),
        ).ok,
    );
    expect(reviewers.sort()).toEqual(["admin", "reviewer"]);
  });
});

describe("four eyes", () => {
  for (const action of ["approve", "return"] as const) {
    it(`nobody may ${action} an assessment they submitted, not even an admin`, () => {
      expect(
        nextReviewState("submitted", action, filled({ ...REVIEWER, submittedById: "rev" })),
      ).toEqual({ ok: false, reason: "FOUR_EYES" });
      expect(
        nextReviewState("submitted", action, filled({ ...ADMIN, submittedById: "adm" })),
      ).toEqual({ ok: false, reason: "FOUR_EYES" });
    });

    it(`an assessment without a recorded submitter cannot be ${action}d`, () => {
      expect(
        nextReviewState("submitted", action, filled({ ...REVIEWER, submittedById: null })),
      ).toEqual({ ok: false, reason: "FOUR_EYES" });
    });

    it(`another reviewer may ${action}`, () => {
      expect(
        nextReviewState(
          "submitted",
          action,
          filled({ ...REVIEWER, submittedById: "other-reviewer" }),
        ).ok,
      ).toBe(true);
    });

    it(`nobody may ${action} a verdict they last wrote, though someone else submitted it`, () => {
      // The attack: a reviewer writes the verdict, an analyst (bulk-)submits it, the reviewer approves.
      expect(
        nextReviewState(
          "submitted",
          action,
          filled({ ...REVIEWER, submittedById: "ana", assessedById: "rev" }),
        ),
      ).toEqual({ ok: false, reason: "FOUR_EYES" });
      expect(
        nextReviewState(
          "submitted",
          action,
          filled({ ...ADMIN, submittedById: "ana", assessedById: "adm" }),
        ),
      ).toEqual({ ok: false, reason: "FOUR_EYES" });
    });

    it(`an unknown last writer (older data) falls back to the submitter: another reviewer may ${action}`, () => {
      expect(
        nextReviewState(
          "submitted",
          action,
          filled({ ...REVIEWER, submittedById: "ana", assessedById: null }),
        ).ok,
      ).toBe(true);
      expect(
        nextReviewState(
          "submitted",
          action,
          filled({ ...REVIEWER, submittedById: "rev", assessedById: null }),
        ),
      ).toEqual({ ok: false, reason: "FOUR_EYES" });
    });
  }

  it("the role check comes first: an analyst who did not submit still gets FORBIDDEN", () => {
    expect(
      nextReviewState(
        "submitted",
        "approve",
        filled({ actorId: "b", actorRole: "analyst", submittedById: "a" }),
      ),
    ).toEqual({ ok: false, reason: "FORBIDDEN" });
  });
});

describe("content rules", () => {
  it("every status but not_assessed needs a rationale to be saved", () => {
    for (const status of ASSESSMENT_STATUSES) {
      for (const rationale of [null, "", "   \n"]) {
        const res = nextReviewState("draft", "edit", filled({ status, rationale }));
        if (status === "not_assessed") expect(res).toEqual({ ok: true, state: "draft" });
        else expect(res).toEqual({ ok: false, reason: "RATIONALE_REQUIRED" });
      }
      expect(nextReviewState("draft", "edit", filled({ status, rationale: "理由" }))).toEqual({
        ok: true,
        state: "draft",
      });
      expect(needsRationale(status)).toBe(status !== "not_assessed");
    }
  });

  it("not_assessed cannot be submitted, from draft or returned", () => {
    for (const s of ["draft", "returned"])
      expect(
        nextReviewState(s, "submit", filled({ status: "not_assessed", rationale: "x" })),
      ).toEqual({ ok: false, reason: "SUBMIT_NEEDS_STATUS" });
  });

  it("every other status can be submitted with a rationale, none without", () => {
    for (const status of ASSESSMENT_STATUSES.filter((s) => s !== "not_assessed")) {
      expect(nextReviewState("draft", "submit", filled({ status }))).toEqual({
        ok: true,
        state: "submitted",
      });
      expect(nextReviewState("draft", "submit", filled({ status, rationale: " " }))).toEqual({
        ok: false,
        reason: "RATIONALE_REQUIRED",
      });
    }
  });

  it("a return needs a comment", () => {
    for (const comment of [null, undefined, "", "  "]) {
      expect(nextReviewState("submitted", "return", filled({ ...REVIEWER, comment }))).toEqual({
        ok: false,
        reason: "RETURN_NEEDS_COMMENT",
      });
    }
  });

  it("approving needs no comment", () => {
    expect(nextReviewState("submitted", "approve", filled({ ...REVIEWER, comment: null }))).toEqual(
      { ok: true, state: "approved" },
    );
  });

  it("a state that moved on is refused before content is checked", () => {
    expect(nextReviewState("approved", "submit", filled({ status: "not_assessed" }))).toEqual({
      ok: false,
      reason: "TRANSITION_NOT_ALLOWED",
    });
    expect(nextReviewState("draft", "return", filled({ ...REVIEWER, comment: "" }))).toEqual({
      ok: false,
      reason: "TRANSITION_NOT_ALLOWED",
    });
  });
});

describe("bulk edits never reopen", () => {
  it("allowReopen: false refuses edits of submitted and approved assessments, allows draft and returned", () => {
    expect(nextReviewState("submitted", "edit", filled({ allowReopen: false }))).toEqual({
      ok: false,
      reason: "TRANSITION_NOT_ALLOWED",
    });
    expect(nextReviewState("approved", "edit", filled({ allowReopen: false }))).toEqual({
      ok: false,
      reason: "TRANSITION_NOT_ALLOWED",
    });
    expect(nextReviewState("draft", "edit", filled({ allowReopen: false }))).toEqual({
      ok: true,
      state: "draft",
    });
    expect(nextReviewState("returned", "edit", filled({ allowReopen: false }))).toEqual({
      ok: true,
      state: "draft",
    });
  });
});

describe("reopening on a change of what the verdict rests on", () => {
  it("reopens exactly submitted and approved verdicts", () => {
    expect(REVIEW_STATES.filter(reopensOnChange)).toEqual(["submitted", "approved"]);
  });

  it("a reopen returns to draft and clears the submission and the approval", () => {
    expect(REOPEN_RESET).toEqual({
      reviewState: "draft",
      submittedById: null,
      submittedAt: null,
      approvedById: null,
      approvedAt: null,
    });
  });

  it("hasVerdict: a status, a rationale or a reported figure is a verdict; blank is none", () => {
    expect(hasVerdict({ status: "not_assessed", rationale: null, reportedValue: null })).toBe(
      false,
    );
    expect(hasVerdict({ status: "not_assessed", rationale: "  ", reportedValue: "" })).toBe(false);
    expect(hasVerdict({ status: "fulfilled", rationale: null, reportedValue: null })).toBe(true);
    expect(hasVerdict({ status: "not_assessed", rationale: "待核实", reportedValue: null })).toBe(
      true,
    );
    expect(hasVerdict({ status: "not_assessed", rationale: null, reportedValue: "240亿元" })).toBe(
      true,
    );
  });
});

describe("helpers", () => {
  it("reasonCode maps each reason to an error code", () => {
    expect(reasonCode("FORBIDDEN")).toBe("FORBIDDEN");
    expect(reasonCode("FOUR_EYES")).toBe("FORBIDDEN");
    expect(reasonCode("TRANSITION_NOT_ALLOWED")).toBe("CONFLICT");
    expect(reasonCode("SUBMIT_NEEDS_STATUS")).toBe("INVALID_INPUT");
    expect(reasonCode("RATIONALE_REQUIRED")).toBe("INVALID_INPUT");
    expect(reasonCode("RETURN_NEEDS_COMMENT")).toBe("INVALID_INPUT");
  });

  it("isSameAssessment treats blank and null alike and compares trimmed text", () => {
    const a = { status: "fulfilled", rationale: "理由", reportedValue: null };
    expect(
      isSameAssessment(a, { status: "fulfilled", rationale: " 理由 ", reportedValue: "" }),
    ).toBe(true);
    expect(isSameAssessment(a, { status: "partial", rationale: "理由", reportedValue: null })).toBe(
      false,
    );
    expect(
      isSameAssessment(a, { status: "fulfilled", rationale: "理由2", reportedValue: null }),
    ).toBe(false);
    expect(
      isSameAssessment(a, { status: "fulfilled", rationale: "理由", reportedValue: "42部" }),
    ).toBe(false);
  });
});
