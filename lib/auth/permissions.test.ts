import { describe, expect, it } from "vitest";
import {
  can,
  canManageUser,
  canReviewSubmission,
  isRole,
  ownPartInVerdict,
  PERMISSIONS,
  ROLES,
  type Permission,
} from "./permissions";

describe("can", () => {
  const expected: Record<string, Permission[]> = {
    viewer: ["report:read"],
    analyst: [
      "report:read",
      "report:import",
      "report:edit",
      "pledge:edit",
      "evidence:link",
      "assessment:edit",
      "assessment:submit",
      "assessment:assign",
      "comment:create",
      "share:manage",
    ],
    reviewer: [
      "report:read",
      "report:import",
      "report:edit",
      "pledge:edit",
      "evidence:link",
      "assessment:edit",
      "assessment:submit",
      "assessment:assign",
      "comment:create",
      "share:manage",
      "assessment:review",
      "pairing:edit",
    ],
    admin: [...PERMISSIONS],
  };

  for (const role of ROLES) {
    it(`grants ${role} exactly its permissions`, () => {
      const granted = PERMISSIONS.filter((p) => can(role, p));
      expect(new Set(granted)).toEqual(new Set(expected[role]));
    });
  }

  it("a viewer cannot write anything", () => {
    expect(PERMISSIONS.filter((p) => p !== "report:read" && can("viewer", p))).toEqual([]);
  });

  it("an analyst cannot approve, manage users or delete reports", () => {
    expect(can("analyst", "assessment:review")).toBe(false);
    expect(can("analyst", "user:manage")).toBe(false);
    expect(can("analyst", "report:delete")).toBe(false);
  });

  it("only admins manage users", () => {
    expect(ROLES.filter((r) => can(r, "user:manage"))).toEqual(["admin"]);
  });

  it("report metadata is for analysts, reviewers and admins; deleting, archiving and regions for admins", () => {
    expect(ROLES.filter((r) => can(r, "report:edit"))).toEqual(["admin", "reviewer", "analyst"]);
    for (const p of ["report:delete", "report:archive", "region:manage"] as const)
      expect(ROLES.filter((r) => can(r, p))).toEqual(["admin"]);
  });

  it("unknown, empty and missing roles grant nothing", () => {
    for (const role of ["", "root", "ADMIN", null, undefined]) {
      expect(PERMISSIONS.some((p) => can(role, p))).toBe(false);
    }
  });

  it("isRole accepts only the four roles", () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole("superuser")).toBe(false);
    expect(isRole(1)).toBe(false);
  });
});

describe("canReviewSubmission (four eyes)", () => {
  it("lets a reviewer review someone else's submission", () => {
    expect(canReviewSubmission({ id: "r", role: "reviewer" }, "a", "a")).toBe(true);
    expect(canReviewSubmission({ id: "x", role: "admin" }, "a", "b")).toBe(true);
    expect(canReviewSubmission({ id: "r", role: "reviewer" }, "a", null)).toBe(true); // last writer unknown: only the submitter counts
  });
  it("refuses one's own submission, even for admins", () => {
    expect(canReviewSubmission({ id: "r", role: "reviewer" }, "r", null)).toBe(false);
    expect(canReviewSubmission({ id: "x", role: "admin" }, "x", "a")).toBe(false);
  });
  it("refuses the last writer of the verdict, though someone else submitted it", () => {
    expect(canReviewSubmission({ id: "r", role: "reviewer" }, "a", "r")).toBe(false);
    expect(canReviewSubmission({ id: "x", role: "admin" }, "a", "x")).toBe(false);
  });
  it("refuses analysts and viewers, and unsubmitted assessments", () => {
    expect(canReviewSubmission({ id: "a", role: "analyst" }, "b", "b")).toBe(false);
    expect(canReviewSubmission({ id: "v", role: "viewer" }, "b", "b")).toBe(false);
    expect(canReviewSubmission({ id: "r", role: "reviewer" }, null, null)).toBe(false);
  });
});

describe("ownPartInVerdict", () => {
  it("names the actor's part: submitter first, then last writer, else none", () => {
    expect(ownPartInVerdict("r", "r", "r")).toBe("submitted");
    expect(ownPartInVerdict("r", "a", "r")).toBe("wrote");
    expect(ownPartInVerdict("r", "a", "b")).toBeNull();
    expect(ownPartInVerdict("r", null, null)).toBeNull();
  });
});

describe("canManageUser", () => {
  it("lets an admin manage others but not themselves", () => {
    expect(canManageUser({ id: "a", role: "admin" }, "b")).toBe(true);
    expect(canManageUser({ id: "a", role: "admin" }, "a")).toBe(false);
  });
  it("refuses non-admins", () => {
    expect(canManageUser({ id: "r", role: "reviewer" }, "b")).toBe(false);
  });
});
