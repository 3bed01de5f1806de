import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import { contextAs, expect, test, type Role } from "./fixtures";
import { callFormServerAction, callServerAction, serverActionId } from "./server-actions";
import {
  actionReply,
  callFormDataAction,
  contextFor,
  createThrowaway,
  importReportOverHttp,
  pairExport,
  reportCopy,
  signInOverHttp,
  type ActionReply,
  type Throwaway,
} from "./security-helpers";

/**
 * Issue 7, security review: IDOR. Every server action of the build is called directly over HTTP,
 * as an attacker would, by a role that must be refused and with ids that belong elsewhere; every
 * route handler and id-bearing page is requested signed out and by roles that may not see it.
 * The sweep works on data of its own (two imported reports in a region of their own, throwaway
 * accounts), so other specs running beside it are neither disturbed nor disturbing.
 */
test.describe.configure({ mode: "serial" });

const MARKER = "（安全测试：越权访问）";
const REGION = "安全测试越权区";
const NOWHERE = "cnonexistent00000000000000"; // shaped like an id, matches nothing

/** The ids the sweep aims at, created in beforeAll. */
type World = {
  planId: string;
  reviewId: string;
  regionId: string;
  /** Pledges of the plan: p[0] submitted by the analyst, p[1], p[2] submitted by the reviewer, p[3] untouched. */
  p: string[];
  /** The version each of p[] is at after setup. */
  v: number[];
  /** A pledge of the review report (another report). */
  other: string;
  /** An external evidence item on p[0] and one on p[1]. */
  e0: string;
  e1: string;
  shareId: string;
  /** The reviewer's batch import and one of its files; the reviewer's API token. */
  jobId: string;
  jobFileId: string;
  tokenId: string;
  /** Throwaway accounts: an analyst (changes passwords), a viewer (a target), an admin (for self-changes). */
  t1: Throwaway;
  t2: Throwaway;
  ta: Throwaway;
};

type Who = Role | "anonymous" | "t1" | "ta";
type Expectation = { code: string; message?: string } | ((reply: ActionReply) => void);
type Case = {
  as: Who;
  args?: unknown[];
  fields?: Record<string, string>;
  file?: { name: string; buffer: Buffer };
  expect: Expectation;
  why: string;
};
type Entry = {
  file: string;
  name: string;
  kind: "json" | "form" | "formdata";
  page: (w: World) => string;
  /** Cases that must be refused; an anonymous call with the first case's input is added to every entry but public ones. */
  cases: (w: World) => Case[];
  /** Why the action needs no account, if it does not. */
  public?: string;
};

const FORBIDDEN = { code: "FORBIDDEN" };
const NOT_FOUND = { code: "NOT_FOUND" };
const smallReport = () => ({
  name: "intruder.txt",
  buffer: reportCopy("hailar/hailar_2013.txt", "（越权导入）"),
});
/** A metadata edit of the plan that would change its year, as the report editor sends it. */
const reportEdit = (w: World) => ({
  reportId: w.planId,
  version: 1,
  region: REGION,
  regionId: w.regionId,
  level: "county",
  year: 2099,
  title: "越权改名",
  deliveredOn: null,
  speaker: null,
  meeting: null,
});
const importFields = {
  region: "越权",
  level: "county",
  year: "2013",
  title: "INTRUDER 越权导入",
  deliveredOn: "",
  speaker: "",
  meeting: "",
  script: "simplified",
};

const ACTIONS: Entry[] = [
  // lib/users
  {
    file: "lib/users/actions.ts",
    name: "createUserAction",
    kind: "form",
    page: () => "/admin/users",
    cases: () =>
      (["viewer", "analyst", "reviewer"] as const).map((as) => ({
        as,
        fields: {
          email: `intruder-${as}@duixian.test`,
          name: "Intruder",
          role: "admin",
          password: "intruder-password",
        },
        expect: FORBIDDEN,
        why: "only admins create accounts",
      })),
  },
  {
    file: "lib/users/actions.ts",
    name: "updateUserAction",
    kind: "json",
    page: () => "/admin/users",
    cases: (w) => [
      ...(["viewer", "analyst", "reviewer"] as const).map((as) => ({
        as,
        args: [{ userId: w.t2.id, role: "admin" }],
        expect: FORBIDDEN,
        why: "only admins change roles",
      })),
      {
        as: "t1",
        args: [{ userId: w.t2.id, disabled: true }],
        expect: FORBIDDEN,
        why: "an analyst cannot disable another user",
      },
      {
        as: "ta",
        args: [{ userId: w.ta.id, role: "viewer" }],
        expect: { code: "FORBIDDEN", message: "SELF_CHANGE" },
        why: "an admin cannot demote themselves",
      },
      {
        as: "admin",
        args: [{ userId: NOWHERE, disabled: true }],
        expect: NOT_FOUND,
        why: "an unknown user id finds nothing",
      },
    ],
  },
  {
    file: "lib/users/actions.ts",
    name: "liftSignInLockAction",
    kind: "json",
    page: () => "/admin/users",
    cases: () => [
      ...(["viewer", "analyst", "reviewer"] as const).map((as) => ({
        as,
        args: [{ scope: "account", key: "admin@duixian.test" }],
        expect: FORBIDDEN,
        why: "only admins lift sign-in locks",
      })),
      {
        as: "admin",
        args: [{ scope: "account", key: "nobody-locked@duixian.test" }],
        expect: NOT_FOUND,
        why: "no lock to lift",
      },
      {
        as: "admin",
        args: [{ scope: "user", key: "x" }],
        expect: { code: "INVALID_INPUT" },
        why: "an unknown scope",
      },
    ],
  },
  {
    file: "lib/users/actions.ts",
    name: "changePasswordAction",
    kind: "form",
    page: () => "/account",
    cases: (w) => [
      {
        as: "t1",
        // The action takes no user id: one sent anyway is ignored, and the other user's password is not t1's current one.
        fields: {
          userId: w.t2.id,
          currentPassword: w.t2.password,
          newPassword: "taken-over-password",
          confirmPassword: "taken-over-password",
        },
        expect: { code: "INVALID_INPUT", message: "CURRENT_PASSWORD_WRONG" },
        why: "another user's id and password change nothing",
      },
    ],
  },
  // lib/shares
  {
    file: "lib/shares/actions.ts",
    name: "createShareLinkAction",
    kind: "json",
    page: (w) => `/audit/pair/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ scope: "pair", subjectId: w.planId, expiresOn: null, showNotes: true }],
        expect: FORBIDDEN,
        why: "viewers read, they do not share",
      },
      {
        as: "analyst",
        args: [{ scope: "pair", subjectId: NOWHERE, expiresOn: null, showNotes: true }],
        expect: NOT_FOUND,
        why: "an unknown report",
      },
      {
        as: "analyst",
        args: [{ scope: "region", subjectId: NOWHERE, expiresOn: null, showNotes: true }],
        expect: NOT_FOUND,
        why: "an unknown region",
      },
    ],
  },
  {
    file: "lib/shares/actions.ts",
    name: "revokeShareLinkAction",
    kind: "json",
    page: (w) => `/audit/pair/${w.planId}`,
    cases: (w) => [
      { as: "viewer", args: [{ id: w.shareId }], expect: FORBIDDEN, why: "viewers cannot revoke" },
      { as: "analyst", args: [{ id: NOWHERE }], expect: NOT_FOUND, why: "an unknown link" },
    ],
  },
  // lib/pledges: every call names the report; a pledge of another report finds nothing
  {
    file: "lib/pledges/actions.ts",
    name: "createPledgeAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, start: 10, end: 20 }],
        expect: FORBIDDEN,
        why: "viewers cannot edit pledges",
      },
      {
        as: "analyst",
        args: [{ reportId: NOWHERE, start: 10, end: 20 }],
        expect: NOT_FOUND,
        why: "an unknown report",
      },
    ],
  },
  {
    file: "lib/pledges/actions.ts",
    name: "previewPledgeAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, start: 10, end: 20 }],
        expect: FORBIDDEN,
        why: "viewers cannot add pledges, so they get no preview",
      },
      {
        as: "analyst",
        args: [{ reportId: NOWHERE, start: 10, end: 20 }],
        expect: NOT_FOUND,
        why: "an unknown report",
      },
    ],
  },
  {
    file: "lib/pledges/actions.ts",
    name: "deletePledgeAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, pledgeId: w.p[3], version: w.v[3] }],
        expect: FORBIDDEN,
        why: "viewers cannot delete",
      },
      {
        as: "analyst",
        args: [{ reportId: w.planId, pledgeId: w.other, version: 1 }],
        expect: NOT_FOUND,
        why: "a pledge of another report",
      },
    ],
  },
  {
    file: "lib/pledges/actions.ts",
    name: "mergePledgesAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [
          {
            reportId: w.planId,
            pledgeId: w.p[2],
            version: w.v[2],
            nextPledgeId: w.p[3],
            nextVersion: w.v[3],
          },
        ],
        expect: FORBIDDEN,
        why: "viewers cannot merge",
      },
      {
        as: "analyst",
        args: [
          {
            reportId: w.planId,
            pledgeId: w.p[3],
            version: w.v[3],
            nextPledgeId: w.other,
            nextVersion: 1,
          },
        ],
        expect: NOT_FOUND,
        why: "a next pledge of another report",
      },
    ],
  },
  {
    file: "lib/pledges/actions.ts",
    name: "splitPledgeAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, pledgeId: w.p[3], version: w.v[3], at: 1 }],
        expect: FORBIDDEN,
        why: "viewers cannot split",
      },
      {
        as: "analyst",
        args: [{ reportId: w.reviewId, pledgeId: w.p[3], version: w.v[3], at: 1 }],
        expect: NOT_FOUND,
        why: "the pledge is not the named report's",
      },
    ],
  },
  {
    file: "lib/pledges/actions.ts",
    name: "updatePledgeAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, pledgeId: w.p[3], version: w.v[3], kind: "policy" }],
        expect: FORBIDDEN,
        why: "viewers cannot edit",
      },
      {
        as: "analyst",
        args: [{ reportId: w.reviewId, pledgeId: w.p[3], version: w.v[3], kind: "policy" }],
        expect: NOT_FOUND,
        why: "the pledge is not the named report's",
      },
    ],
  },
  {
    file: "lib/pledges/actions.ts",
    name: "setPledgeTierAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, pledgeId: w.p[3], version: w.v[3], tier: "direction" }],
        expect: FORBIDDEN,
        why: "viewers cannot change a tier",
      },
      {
        as: "analyst",
        args: [{ reportId: w.reviewId, pledgeId: w.p[3], version: w.v[3], tier: "direction" }],
        expect: NOT_FOUND,
        why: "the pledge is not the named report's",
      },
    ],
  },
  {
    file: "lib/pledges/actions.ts",
    name: "setPledgeExcludedAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, pledgeId: w.p[3], version: w.v[3], excluded: true }],
        expect: FORBIDDEN,
        why: "viewers cannot mark not a pledge",
      },
      {
        as: "analyst",
        args: [{ reportId: w.reviewId, pledgeId: w.p[3], version: w.v[3], excluded: true }],
        expect: NOT_FOUND,
        why: "the pledge is not the named report's",
      },
      {
        as: "analyst",
        args: [{ reportId: w.planId, pledgeId: w.p[0], version: w.v[0], excluded: true }],
        expect: { code: "INVALID_INPUT", message: "EXCLUDE_WOULD_DROP_VERDICT" },
        why: "a submitted verdict is not dropped from the counts",
      },
    ],
  },
  {
    file: "lib/pledges/actions.ts",
    name: "adjustPledgeSpanAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, pledgeId: w.p[3], version: w.v[3], start: 10, end: 20 }],
        expect: FORBIDDEN,
        why: "viewers cannot move a span",
      },
      {
        as: "analyst",
        args: [{ reportId: w.reviewId, pledgeId: w.p[3], version: w.v[3], start: 10, end: 20 }],
        expect: NOT_FOUND,
        why: "the pledge is not the named report's",
      },
    ],
  },
  {
    file: "lib/pledges/actions.ts",
    name: "setPledgeTitleAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, pledgeId: w.p[3], version: w.v[3], title: "越权标题" }],
        expect: FORBIDDEN,
        why: "viewers cannot give a title",
      },
      {
        as: "analyst",
        args: [{ reportId: w.reviewId, pledgeId: w.p[3], version: w.v[3], title: "越权标题" }],
        expect: NOT_FOUND,
        why: "the pledge is not the named report's",
      },
    ],
  },
  {
    file: "lib/pledges/actions.ts",
    name: "bulkSetPledgesExcludedAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, pledgeIds: [w.p[3]], excluded: true }],
        expect: FORBIDDEN,
        why: "viewers cannot mark not a pledge in bulk",
      },
      {
        as: "analyst",
        args: [{ reportId: w.planId, pledgeIds: [w.other, NOWHERE], excluded: true }],
        expect: (r) =>
          expect(r).toMatchObject({
            ok: true,
            data: {
              updated: 0,
              skipped: [
                { pledgeId: w.other, reason: "NOT_FOUND" },
                { pledgeId: NOWHERE, reason: "NOT_FOUND" },
              ],
            },
          }),
        why: "pledges of another report are skipped, nothing is touched",
      },
      {
        as: "analyst",
        args: [{ reportId: w.planId, pledgeIds: [w.p[0]], excluded: true }],
        expect: (r) =>
          expect(r).toMatchObject({
            ok: true,
            data: { updated: 0, skipped: [{ reason: "EXCLUDE_WOULD_DROP_VERDICT" }] },
          }),
        why: "a submitted verdict is not dropped in bulk either",
      },
    ],
  },
  {
    file: "lib/pledges/actions.ts",
    name: "bulkSetPledgesTierAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, pledgeIds: [w.p[3]], tier: "direction" }],
        expect: FORBIDDEN,
        why: "viewers cannot set tiers in bulk",
      },
      {
        as: "analyst",
        args: [{ reportId: w.reviewId, pledgeIds: [w.p[3]], tier: "direction" }],
        expect: (r) =>
          expect(r).toMatchObject({
            ok: true,
            data: { updated: 0, skipped: [{ pledgeId: w.p[3], reason: "NOT_FOUND" }] },
          }),
        why: "the pledges are not the named report's",
      },
    ],
  },
  // lib/pairing
  {
    file: "lib/pairing/actions.ts",
    name: "setPairingAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, reviewId: null }],
        expect: FORBIDDEN,
        why: "viewers cannot pair",
      },
      {
        as: "analyst",
        args: [{ reportId: w.planId, reviewId: null }],
        expect: FORBIDDEN,
        why: "pairing is for reviewers and admins",
      },
      {
        as: "reviewer",
        args: [{ reportId: w.planId, reviewId: NOWHERE }],
        expect: NOT_FOUND,
        why: "an unknown review report",
      },
      {
        as: "reviewer",
        args: [{ reportId: NOWHERE, reviewId: w.reviewId }],
        expect: NOT_FOUND,
        why: "an unknown plan report",
      },
      {
        as: "reviewer",
        args: [{ reportId: w.planId, reviewId: w.planId }],
        expect: { code: "INVALID_INPUT", message: "PAIR_SELF" },
        why: "a report cannot review itself",
      },
    ],
  },
  // lib/lineage: analysts decide links; another region's or a later pledge is refused
  {
    file: "lib/lineage/actions.ts",
    name: "confirmPledgeLinkAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[0]}`,
    cases: () => [
      {
        as: "viewer",
        args: [{ linkId: NOWHERE, version: 1 }],
        expect: FORBIDDEN,
        why: "viewers cannot decide lineage",
      },
      {
        as: "analyst",
        args: [{ linkId: NOWHERE, version: 1 }],
        expect: NOT_FOUND,
        why: "an unknown link",
      },
    ],
  },
  {
    file: "lib/lineage/actions.ts",
    name: "rejectPledgeLinkAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[0]}`,
    cases: () => [
      {
        as: "viewer",
        args: [{ linkId: NOWHERE, version: 1 }],
        expect: FORBIDDEN,
        why: "viewers cannot decide lineage",
      },
      {
        as: "analyst",
        args: [{ linkId: NOWHERE, version: 1 }],
        expect: NOT_FOUND,
        why: "an unknown link",
      },
    ],
  },
  {
    file: "lib/lineage/actions.ts",
    name: "choosePledgeLinkAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[0]}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ pledgeId: w.p[0], predecessorId: w.other }],
        expect: FORBIDDEN,
        why: "viewers cannot decide lineage",
      },
      {
        as: "analyst",
        args: [{ pledgeId: w.p[0], predecessorId: w.other }],
        expect: { code: "INVALID_INPUT", message: "LINK_NOT_EARLIER" },
        why: "a pledge of a later report cannot come before",
      },
      {
        as: "analyst",
        args: [{ pledgeId: w.p[0], predecessorId: NOWHERE }],
        expect: NOT_FOUND,
        why: "an unknown pledge",
      },
      {
        as: "analyst",
        args: [{ pledgeId: w.p[0], predecessorId: w.p[0] }],
        expect: { code: "INVALID_INPUT", message: "LINK_SELF" },
        why: "a pledge cannot repeat itself",
      },
    ],
  },
  // lib/reports
  {
    file: "lib/reports/actions.ts",
    name: "updateReportMetadataAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ ...reportEdit(w), reportId: w.planId }],
        expect: FORBIDDEN,
        why: "viewers cannot edit a report",
      },
      {
        as: "analyst",
        args: [{ ...reportEdit(w), reportId: NOWHERE }],
        expect: NOT_FOUND,
        why: "an unknown report",
      },
      {
        as: "analyst",
        args: [{ ...reportEdit(w), version: 999 }],
        expect: { code: "CONFLICT", message: "REPORT_CHANGED" },
        why: "an edit of a version not read",
      },
      {
        as: "analyst",
        args: [{ ...reportEdit(w), regionId: NOWHERE }],
        expect: NOT_FOUND,
        why: "a region that does not exist",
      },
    ],
  },
  {
    file: "lib/reports/actions.ts",
    name: "archiveReportAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "analyst",
        args: [{ reportId: w.planId }],
        expect: FORBIDDEN,
        why: "archiving is for admins",
      },
      {
        as: "reviewer",
        args: [{ reportId: w.planId }],
        expect: FORBIDDEN,
        why: "archiving is for admins",
      },
      { as: "admin", args: [{ reportId: NOWHERE }], expect: NOT_FOUND, why: "an unknown report" },
    ],
  },
  {
    file: "lib/reports/actions.ts",
    name: "restoreReportAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "analyst",
        args: [{ reportId: w.planId }],
        expect: FORBIDDEN,
        why: "restoring is for admins",
      },
      {
        as: "admin",
        args: [{ reportId: w.planId }],
        expect: { code: "CONFLICT", message: "REPORT_NOT_ARCHIVED" },
        why: "a report in use is not restored",
      },
    ],
  },
  {
    file: "lib/reports/actions.ts",
    name: "deleteReportAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "analyst",
        args: [{ reportId: w.reviewId, version: 1 }],
        expect: FORBIDDEN,
        why: "deleting is for admins",
      },
      {
        as: "reviewer",
        args: [{ reportId: w.reviewId, version: 1 }],
        expect: FORBIDDEN,
        why: "deleting is for admins",
      },
      {
        as: "admin",
        args: [{ reportId: w.planId, version: 1 }],
        expect: { code: "CONFLICT", message: "REPORT_HAS_WORK" },
        why: "a report with verdicts and evidence is archived, never deleted",
      },
      {
        as: "admin",
        args: [{ reportId: w.reviewId, version: 999 }],
        expect: { code: "CONFLICT", message: "REPORT_CHANGED" },
        why: "a delete of a version not read",
      },
      {
        as: "admin",
        args: [{ reportId: NOWHERE, version: 1 }],
        expect: NOT_FOUND,
        why: "an unknown report",
      },
    ],
  },
  {
    file: "lib/reports/actions.ts",
    name: "importReportAction",
    kind: "formdata",
    page: () => "/reports/import",
    cases: () => [
      {
        as: "viewer",
        fields: importFields,
        file: smallReport(),
        expect: FORBIDDEN,
        why: "viewers cannot import",
      },
    ],
  },
  {
    file: "lib/reports/actions.ts",
    name: "previewImportAction",
    kind: "formdata",
    page: () => "/reports/import",
    cases: () => [
      {
        as: "viewer",
        fields: {},
        file: smallReport(),
        expect: FORBIDDEN,
        why: "viewers cannot import (not even preview)",
      },
    ],
  },
  // lib/regions
  {
    file: "lib/regions/actions.ts",
    name: "matchRegionAction",
    kind: "json",
    page: () => "/reports/import",
    cases: () => [
      {
        as: "viewer",
        args: [{ name: "区".repeat(101) }],
        expect: { code: "INVALID_INPUT" },
        why: "a name of more than 100 characters (a read: every role may ask)",
      },
    ],
  },
  {
    file: "lib/regions/actions.ts",
    name: "updateRegionAction",
    kind: "json",
    page: (w) => `/regions/${w.regionId}`,
    cases: (w) => [
      {
        as: "analyst",
        args: [
          { regionId: w.regionId, version: 1, name: "越权改名区", level: "county", parentId: null },
        ],
        expect: FORBIDDEN,
        why: "regions are corrected by admins",
      },
      {
        as: "reviewer",
        args: [
          { regionId: w.regionId, version: 1, name: "越权改名区", level: "county", parentId: null },
        ],
        expect: FORBIDDEN,
        why: "regions are corrected by admins",
      },
      {
        as: "admin",
        args: [
          { regionId: NOWHERE, version: 1, name: "越权改名区", level: "county", parentId: null },
        ],
        expect: NOT_FOUND,
        why: "an unknown region",
      },
      {
        as: "admin",
        args: [
          {
            regionId: w.regionId,
            version: 999,
            name: "越权改名区",
            level: "county",
            parentId: null,
          },
        ],
        expect: { code: "CONFLICT", message: "REGION_CHANGED" },
        why: "an edit of a version not read",
      },
      {
        as: "admin",
        args: [
          { regionId: w.regionId, version: 1, name: REGION, level: "county", parentId: w.regionId },
        ],
        expect: { code: "INVALID_INPUT", message: "PARENT_CYCLE" },
        why: "a region cannot lie in itself",
      },
    ],
  },
  {
    file: "lib/regions/actions.ts",
    name: "mergeRegionsAction",
    kind: "json",
    page: (w) => `/regions/${w.regionId}`,
    cases: (w) => [
      {
        as: "analyst",
        args: [{ sourceId: w.regionId, targetId: NOWHERE, sourceVersion: 1 }],
        expect: FORBIDDEN,
        why: "regions are merged by admins",
      },
      {
        as: "admin",
        args: [{ sourceId: NOWHERE, targetId: w.regionId, sourceVersion: 1 }],
        expect: NOT_FOUND,
        why: "an unknown region",
      },
      {
        as: "admin",
        args: [{ sourceId: w.regionId, targetId: w.regionId, sourceVersion: 1 }],
        expect: { code: "INVALID_INPUT", message: "MERGE_SELF" },
        why: "a region is not merged into itself",
      },
    ],
  },
  // lib/evidence-links
  {
    file: "lib/evidence-links/actions.ts",
    name: "linkReviewEvidenceAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[0]}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ pledgeId: w.p[0], start: 100, end: 120 }],
        expect: FORBIDDEN,
        why: "viewers cannot link",
      },
      {
        as: "analyst",
        args: [{ pledgeId: NOWHERE, start: 100, end: 120 }],
        expect: NOT_FOUND,
        why: "an unknown pledge",
      },
      {
        as: "analyst",
        args: [{ pledgeId: w.other, start: 100, end: 120 }],
        expect: { code: "INVALID_INPUT", message: "NO_REVIEW_REPORT" },
        why: "a span is only ever taken from the pledge's own review report",
      },
    ],
  },
  {
    file: "lib/evidence-links/actions.ts",
    name: "linkExternalEvidenceAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[0]}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ pledgeId: w.p[0], quote: "越权证据", url: null }],
        expect: FORBIDDEN,
        why: "viewers cannot link",
      },
      {
        as: "analyst",
        args: [{ pledgeId: NOWHERE, quote: "越权证据", url: null }],
        expect: NOT_FOUND,
        why: "an unknown pledge",
      },
    ],
  },
  {
    file: "lib/evidence-links/actions.ts",
    name: "unlinkEvidenceAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[0]}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ pledgeId: w.p[0], evidenceId: w.e0 }],
        expect: FORBIDDEN,
        why: "viewers cannot unlink",
      },
      {
        as: "analyst",
        args: [{ pledgeId: w.p[1], evidenceId: w.e0 }],
        expect: NOT_FOUND,
        why: "an evidence item of another pledge",
      },
      {
        as: "analyst",
        args: [{ pledgeId: w.other, evidenceId: w.e1 }],
        expect: NOT_FOUND,
        why: "an evidence item of a pledge of another report",
      },
    ],
  },
  // lib/assessments
  {
    file: "lib/assessments/actions.ts",
    name: "saveAssessmentAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[3]}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [
          {
            pledgeId: w.p[3],
            version: w.v[3],
            status: "fulfilled",
            rationale: "越权",
            reportedValue: null,
          },
        ],
        expect: FORBIDDEN,
        why: "viewers cannot assess",
      },
      {
        as: "analyst",
        args: [
          {
            pledgeId: NOWHERE,
            version: 1,
            status: "fulfilled",
            rationale: "越权",
            reportedValue: null,
          },
        ],
        expect: NOT_FOUND,
        why: "an unknown pledge",
      },
    ],
  },
  {
    file: "lib/assessments/actions.ts",
    name: "submitAssessmentAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[3]}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ pledgeId: w.p[3], version: w.v[3] }],
        expect: FORBIDDEN,
        why: "viewers cannot submit",
      },
      {
        as: "analyst",
        args: [{ pledgeId: NOWHERE, version: 1 }],
        expect: NOT_FOUND,
        why: "an unknown pledge",
      },
    ],
  },
  {
    file: "lib/assessments/actions.ts",
    name: "approveAssessmentAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[0]}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ pledgeId: w.p[0], version: w.v[0] }],
        expect: FORBIDDEN,
        why: "viewers cannot approve",
      },
      {
        as: "analyst",
        args: [{ pledgeId: w.p[0], version: w.v[0] }],
        expect: FORBIDDEN,
        why: "approving is for reviewers and admins",
      },
      {
        as: "reviewer",
        args: [{ pledgeId: w.p[1], version: w.v[1] }],
        expect: { code: "FORBIDDEN", message: "FOUR_EYES" },
        why: "nobody approves their own submission",
      },
      {
        as: "reviewer",
        args: [{ pledgeId: NOWHERE, version: 1 }],
        expect: NOT_FOUND,
        why: "an unknown pledge",
      },
    ],
  },
  {
    file: "lib/assessments/actions.ts",
    name: "returnAssessmentAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[0]}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ pledgeId: w.p[0], version: w.v[0], comment: "越权退回" }],
        expect: FORBIDDEN,
        why: "viewers cannot return",
      },
      {
        as: "analyst",
        args: [{ pledgeId: w.p[0], version: w.v[0], comment: "越权退回" }],
        expect: FORBIDDEN,
        why: "returning is for reviewers and admins",
      },
      {
        as: "reviewer",
        args: [{ pledgeId: w.p[2], version: w.v[2], comment: "越权退回" }],
        expect: { code: "FORBIDDEN", message: "FOUR_EYES" },
        why: "nobody returns their own submission",
      },
    ],
  },
  {
    file: "lib/assessments/actions.ts",
    name: "assignPledgeAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[3]}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ pledgeId: w.p[3], version: w.v[3], assigneeId: null }],
        expect: FORBIDDEN,
        why: "viewers cannot assign",
      },
      {
        as: "analyst",
        args: [{ pledgeId: w.p[3], version: w.v[3], assigneeId: w.t2.id }],
        expect: { code: "INVALID_INPUT", message: "ASSIGNEE_INVALID" },
        why: "a viewer cannot be given work",
      },
      {
        as: "analyst",
        args: [{ pledgeId: w.p[3], version: w.v[3], assigneeId: NOWHERE }],
        expect: { code: "INVALID_INPUT", message: "ASSIGNEE_INVALID" },
        why: "an unknown user",
      },
    ],
  },
  {
    file: "lib/assessments/actions.ts",
    name: "addCommentAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}/pledges/${w.p[3]}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ pledgeId: w.p[3], body: "越权评论" }],
        expect: FORBIDDEN,
        why: "viewers cannot comment",
      },
      {
        as: "analyst",
        args: [{ pledgeId: NOWHERE, body: "越权评论" }],
        expect: NOT_FOUND,
        why: "an unknown pledge",
      },
    ],
  },
  {
    file: "lib/assessments/actions.ts",
    name: "bulkUpdateAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ pledgeIds: [w.p[3]], status: "fulfilled", rationale: "越权" }],
        expect: FORBIDDEN,
        why: "viewers cannot bulk-edit",
      },
      {
        as: "analyst",
        args: [{ pledgeIds: [NOWHERE], status: "fulfilled", rationale: "越权" }],
        expect: (r) =>
          expect(r).toMatchObject({
            ok: true,
            data: { updated: 0, skipped: [{ pledgeId: NOWHERE, reason: "NOT_FOUND" }] },
          }),
        why: "unknown pledges are skipped, nothing else is touched",
      },
      {
        as: "analyst",
        args: [{ pledgeIds: [w.p[3]], assigneeId: w.t2.id }],
        expect: (r) =>
          expect(r).toMatchObject({
            ok: true,
            data: { updated: 0, skipped: [{ reason: "ASSIGNEE_INVALID" }] },
          }),
        why: "a viewer cannot be given work in bulk either",
      },
    ],
  },
  {
    file: "lib/assessments/actions.ts",
    name: "acceptSuggestionsAction",
    kind: "json",
    page: (w) => `/reports/${w.planId}`,
    cases: (w) => [
      {
        as: "viewer",
        args: [{ reportId: w.planId, pledgeIds: [w.p[3]] }],
        expect: FORBIDDEN,
        why: "viewers cannot assess",
      },
      {
        as: "analyst",
        args: [{ reportId: NOWHERE, pledgeIds: null }],
        expect: NOT_FOUND,
        why: "an unknown report",
      },
      {
        as: "analyst",
        args: [{ reportId: w.planId, pledgeIds: [w.other] }],
        expect: (r) =>
          expect(r).toMatchObject({
            ok: true,
            data: { accepted: 0, skipped: [{ pledgeId: w.other, reason: "NOT_FOUND" }] },
          }),
        why: "a pledge of another report is skipped, nothing is touched",
      },
    ],
  },
  // lib/imports: batches are their owner's; another person's id finds nothing
  {
    file: "lib/imports/actions.ts",
    name: "addImportFilesAction",
    kind: "formdata",
    page: () => "/reports/import",
    cases: (w) => [
      {
        as: "viewer",
        fields: { jobId: "" },
        file: smallReport(),
        expect: FORBIDDEN,
        why: "viewers cannot import",
      },
      {
        as: "analyst",
        fields: { jobId: w.jobId },
        file: smallReport(),
        expect: NOT_FOUND,
        why: "files cannot be added to another person's batch",
      },
    ],
  },
  {
    file: "lib/imports/actions.ts",
    name: "getImportJobAction",
    kind: "json",
    page: () => "/reports/import",
    cases: (w) => [
      {
        as: "viewer",
        args: [{ jobId: w.jobId }],
        expect: FORBIDDEN,
        why: "viewers have no batches",
      },
      {
        as: "analyst",
        args: [{ jobId: w.jobId }],
        expect: NOT_FOUND,
        why: "another person's batch",
      },
    ],
  },
  {
    file: "lib/imports/actions.ts",
    name: "updateImportFileAction",
    kind: "json",
    page: () => "/reports/import",
    cases: (w) => [
      {
        as: "viewer",
        args: [{ jobId: w.jobId, fileId: w.jobFileId, include: false }],
        expect: FORBIDDEN,
        why: "viewers cannot import",
      },
      {
        as: "analyst",
        args: [{ jobId: w.jobId, fileId: w.jobFileId, include: false }],
        expect: NOT_FOUND,
        why: "a file of another person's batch",
      },
    ],
  },
  {
    file: "lib/imports/actions.ts",
    name: "startImportJobAction",
    kind: "json",
    page: () => "/reports/import",
    cases: (w) => [
      { as: "viewer", args: [{ jobId: w.jobId }], expect: FORBIDDEN, why: "viewers cannot import" },
      {
        as: "analyst",
        args: [{ jobId: w.jobId }],
        expect: NOT_FOUND,
        why: "another person's batch",
      },
    ],
  },
  {
    file: "lib/imports/actions.ts",
    name: "cancelImportJobAction",
    kind: "json",
    page: () => "/reports/import",
    cases: (w) => [
      { as: "viewer", args: [{ jobId: w.jobId }], expect: FORBIDDEN, why: "viewers cannot import" },
      {
        as: "analyst",
        args: [{ jobId: w.jobId }],
        expect: NOT_FOUND,
        why: "another person's batch",
      },
    ],
  },
  // lib/api-tokens: every account may hold tokens, and only touch its own
  {
    file: "lib/api-tokens/actions.ts",
    name: "createApiTokenAction",
    kind: "json",
    page: () => "/account",
    cases: () => [
      {
        as: "viewer",
        args: [{ name: "" }],
        expect: { code: "INVALID_INPUT" },
        why: "a token needs a name",
      },
    ],
  },
  {
    file: "lib/api-tokens/actions.ts",
    name: "revokeApiTokenAction",
    kind: "json",
    page: () => "/account",
    cases: (w) => [
      { as: "viewer", args: [{ id: w.tokenId }], expect: NOT_FOUND, why: "another person's token" },
      {
        as: "analyst",
        args: [{ id: w.tokenId }],
        expect: NOT_FOUND,
        why: "another person's token",
      },
    ],
  },
  // lib/i18n
  {
    file: "lib/i18n/actions.ts",
    name: "setLocaleAction",
    kind: "json",
    page: () => "/login",
    public:
      "it only sets the caller's own language cookie, to a validated value; no data, no account",
    cases: () => [],
  },
];

function findFiles(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...findFiles(full, name));
    else if (entry === name)
      out.push(path.relative(path.join(process.cwd(), "app"), full).split(path.sep).join("/"));
  }
  return out.sort();
}

let world: World;
const contexts = new Map<Who, BrowserContext>();

async function requestAs(browser: Browser, who: Who): Promise<APIRequestContext> {
  let context = contexts.get(who);
  if (!context) {
    if (who === "anonymous") context = await browser.newContext();
    else if (who === "t1") context = await contextFor(browser, world.t1);
    else if (who === "ta") context = await contextFor(browser, world.ta);
    else context = await contextAs(browser, who);
    contexts.set(who, context);
  }
  return context.request;
}

async function invoke(
  browser: Browser,
  entry: Entry,
  c: Case,
): Promise<{ status: number; body: string }> {
  const request = await requestAs(browser, c.as);
  const id = serverActionId(entry.file, entry.name);
  const page = entry.page(world);
  if (entry.kind === "form") return callFormServerAction(request, page, id, c.fields ?? {});
  if (entry.kind === "formdata")
    return callFormDataAction(request, page, id, c.fields ?? {}, c.file);
  return callServerAction(request, page, id, c.args ?? []);
}

/** Everything the sweep could have changed, as the admin reads it (pages and exports). */
async function fingerprint(browser: Browser): Promise<unknown> {
  const admin = await requestAs(browser, "admin");
  const page = await contexts.get("admin")!.newPage();
  const pledgePages: string[] = [];
  for (const id of world.p) {
    await page.goto(`/reports/${world.planId}/pledges/${id}`);
    pledgePages.push(
      [
        // A <select> counts by its chosen value: its options list every account, and other specs add accounts meanwhile.
        await page.getByTestId("assessment-panel").evaluate((el) => {
          const copy = el.cloneNode(true) as HTMLElement;
          const chosen = [...el.querySelectorAll("select")].map(
            (s) => `[${s.name || s.id}=${s.value}]`,
          );
          copy.querySelectorAll("select").forEach((s, i) => s.replaceWith(chosen[i]));
          return copy.textContent;
        }),
        await page.getByTestId("comment-thread").innerText(),
        await page.getByTestId("pledge-history").innerText(),
      ].join("\n"),
    );
  }
  await page.goto(`/audit/pair/${world.planId}`);
  const shares = await page
    .getByTestId("share-row")
    .evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute("data-token")}:${r.getAttribute("data-state")}`),
    );
  await page.goto("/admin/users");
  const users = await Promise.all(
    [world.t1, world.t2, world.ta].map((u) => page.getByTestId(`user-row-${u.email}`).innerText()),
  );
  const usersTable = await page.getByTestId("users-table").innerText();
  await page.goto("/reports");
  const reports = await page.getByTestId("reports-table").innerText();
  await page.close();
  return {
    plan: await pairExport(admin, world.planId),
    review: await pairExport(admin, world.reviewId),
    pledgePages,
    shares,
    users,
    intruders: usersTable.includes("intruder"),
    intruderReports: reports.includes("INTRUDER"),
  };
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await contextAs(browser, "admin");
  const analyst = await contextAs(browser, "analyst");
  const reviewer = await contextAs(browser, "reviewer");
  contexts.set("admin", admin);
  contexts.set("analyst", analyst);
  contexts.set("reviewer", reviewer);

  const [t1, t2, ta] = await Promise.all([
    createThrowaway(admin.request, "idor-analyst", "analyst"),
    createThrowaway(admin.request, "idor-viewer", "viewer"),
    createThrowaway(admin.request, "idor-admin", "admin"),
  ]);
  const planId = await importReportOverHttp(
    analyst.request,
    { name: "越权-2014.txt", buffer: reportCopy("hailar/hailar_2014.txt", MARKER) },
    { region: REGION, year: 2014, title: `2014年${REGION}政府工作报告` },
  );
  const reviewId = await importReportOverHttp(
    analyst.request,
    { name: "越权-2015.txt", buffer: reportCopy("hailar/hailar_2015.txt", MARKER) },
    { region: REGION, year: 2015, title: `2015年${REGION}政府工作报告` },
  );
  const plan = await pairExport(admin.request, planId);
  expect((plan.plans as { review: { id: string } | null }[])[0].review?.id).toBe(reviewId);
  const regionId = (plan.plans as { region: { id: string } }[])[0].region.id;
  const p = (plan.pledges as { id: string }[]).slice(0, 4).map((x) => x.id);
  const other = ((await pairExport(admin.request, reviewId)).pledges as { id: string }[])[0].id;

  const page = (id: string) => `/reports/${planId}/pledges/${id}`;
  const A = "lib/assessments/actions.ts";
  const v = [1, 1, 1, 1];
  // Evidence first: linking it to a submitted verdict would withdraw it to draft.
  const E = "lib/evidence-links/actions.ts";
  const e0 = (
    await call(analyst.request, page(p[0]), E, "linkExternalEvidenceAction", [
      { pledgeId: p[0], quote: "第一条证据", url: null },
    ])
  ).data as { id: string };
  const e1 = (
    await call(analyst.request, page(p[1]), E, "linkExternalEvidenceAction", [
      { pledgeId: p[1], quote: "第二条证据", url: null },
    ])
  ).data as { id: string };
  // p[0]: saved and submitted by the analyst; p[1], p[2]: by the reviewer (own submissions).
  for (const [i, who] of [
    [0, analyst],
    [1, reviewer],
    [2, reviewer],
  ] as const) {
    const saved = await call(who.request, page(p[i]), A, "saveAssessmentAction", [
      {
        pledgeId: p[i],
        version: v[i],
        status: "partial",
        rationale: "安全测试",
        reportedValue: null,
      },
    ]);
    const submitted = await call(who.request, page(p[i]), A, "submitAssessmentAction", [
      { pledgeId: p[i], version: (saved.data as { version: number }).version },
    ]);
    v[i] = (submitted.data as { version: number }).version;
  }
  const share = (
    await call(
      analyst.request,
      `/audit/pair/${planId}`,
      "lib/shares/actions.ts",
      "createShareLinkAction",
      [{ scope: "pair", subjectId: planId, expiresOn: null, showNotes: false }],
    )
  ).data as { id: string };
  const job = actionReply(
    (
      await callFormDataAction(
        reviewer.request,
        "/reports/import",
        serverActionId("lib/imports/actions.ts", "addImportFilesAction"),
        {},
        { name: "审核员的批量.txt", buffer: Buffer.from("不是报告") },
      )
    ).body,
  );
  const jobId = (job?.data as { jobId: string }).jobId;
  const jobFile = (
    await call(
      reviewer.request,
      "/reports/import",
      "lib/imports/actions.ts",
      "getImportJobAction",
      [{ jobId }],
    )
  ).data as { files: { id: string }[] };
  const token = (
    await call(reviewer.request, "/account", "lib/api-tokens/actions.ts", "createApiTokenAction", [
      { name: "审核员的令牌" },
    ])
  ).data as { id: string };
  world = {
    planId,
    reviewId,
    regionId,
    p,
    v,
    other,
    e0: e0.id,
    e1: e1.id,
    shareId: share.id,
    jobId,
    jobFileId: jobFile.files[0].id,
    tokenId: token.id,
    t1,
    t2,
    ta,
  };
});

test.afterAll(async () => {
  await Promise.all([...contexts.values()].map((c) => c.close()));
});

async function call(
  request: APIRequestContext,
  pagePath: string,
  file: string,
  name: string,
  args: unknown[],
): Promise<ActionReply> {
  const res = await callServerAction(request, pagePath, serverActionId(file, name), args);
  const reply = actionReply(res.body);
  expect(reply, `${name}: ${res.body.slice(0, 300)}`).toMatchObject({ ok: true });
  return reply!;
}

test("every server action in the build is in the sweep's table", () => {
  const manifest = JSON.parse(
    readFileSync(
      path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"),
      "utf8",
    ),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const built = Object.values(manifest.node)
    .map((e) => `${e.filename}#${e.exportedName}`)
    .sort();
  const covered = ACTIONS.map((a) => `${a.file}#${a.name}`).sort();
  // A new action fails here until it is added to ACTIONS with the refusals it must give.
  expect(built).toEqual(covered);
  expect(built.length).toBeGreaterThanOrEqual(24);
  for (const a of ACTIONS)
    expect(
      a.public ?? a.cases(world).length,
      `${a.name} has no refusal cases and is not marked public`,
    ).toBeTruthy();
});

test("forged calls of every server action by refused roles and with ids of elsewhere are refused and change nothing", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const before = await fingerprint(browser);
  const results: string[] = [];
  for (const entry of ACTIONS) {
    const cases = entry.cases(world);
    const all = entry.public
      ? cases
      : [
          ...cases,
          {
            ...cases[0],
            as: "anonymous" as const,
            expect: { code: "UNAUTHENTICATED" },
            why: "signed out",
          },
        ];
    for (const c of all) {
      const res = await invoke(browser, entry, c);
      const reply = actionReply(res.body);
      const label = `${entry.name} as ${c.as}: ${c.why}`;
      expect(reply, `${label} → ${res.status} ${res.body.slice(0, 300)}`).not.toBeNull();
      if (typeof c.expect === "function") c.expect(reply!);
      else
        expect(reply, label).toMatchObject({
          ok: false,
          code: c.expect.code,
          ...(c.expect.message ? { message: c.expect.message } : {}),
        });
      results.push(`${label} → ${reply!.ok ? "ok (nothing done)" : reply!.code}`);
    }
  }
  test
    .info()
    .annotations.push({ type: "refusals", description: `${results.length} forged calls refused` });
  expect(await fingerprint(browser)).toEqual(before);

  // Both throwaway accounts keep their passwords.
  for (const u of [world.t1, world.t2]) {
    const check = await browser.newContext();
    expect(await signInOverHttp(check.request, u.email, u.password)).toBe(true);
    await check.close();
  }
});

test("the public action sets only a validated language cookie for its caller", async ({
  browser,
}) => {
  const anonymous = await requestAs(browser, "anonymous");
  const id = serverActionId("lib/i18n/actions.ts", "setLocaleAction");
  const res = await anonymous.post("/login", {
    headers: {
      "Next-Action": id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    data: JSON.stringify(["<script>"]),
  });
  expect(res.status()).toBe(200);
  expect(res.headers()["set-cookie"] ?? "").not.toContain("duixian-lang");
});

/**
 * Route handlers: every app/**\/route.ts, signed out and by the roles that matter. Audit exports
 * are for every signed-in role (report:read); share exports for anyone holding a valid token.
 */
const ROUTES: Record<
  string,
  (w: World) => { path: string; signedOut: number; viewer?: number; note: string }[]
> = {
  "(app)/audit/pair/[reportId]/export/route.ts": (w) => [
    {
      path: `/audit/pair/${w.planId}/export?format=json`,
      signedOut: 401,
      viewer: 200,
      note: "every role may read and export",
    },
    {
      path: `/audit/pair/${NOWHERE}/export?format=json`,
      signedOut: 401,
      viewer: 404,
      note: "an unknown report",
    },
  ],
  "(app)/audit/region/[regionId]/export/route.ts": (w) => [
    {
      path: `/audit/region/${w.regionId}/export?format=csv`,
      signedOut: 401,
      viewer: 200,
      note: "every role may read and export",
    },
    {
      path: `/audit/region/${NOWHERE}/export?format=csv`,
      signedOut: 401,
      viewer: 404,
      note: "an unknown region",
    },
  ],
  "(app)/audit/year/[year]/export/route.ts": () => [
    {
      path: `/audit/year/2014/export?format=csv`,
      signedOut: 401,
      viewer: 200,
      note: "every role may read and export",
    },
    {
      path: `/audit/year/1950/export?format=csv`,
      signedOut: 401,
      viewer: 404,
      note: "a year without reports",
    },
  ],
  // One unknown token only: failed lookups count against this client's share rate limit (e2e/security-share.spec.ts).
  "share/[token]/export/route.ts": () => [
    {
      path: `/share/${"A".repeat(32)}/export?format=csv`,
      signedOut: 404,
      note: "public by token; unknown tokens find nothing",
    },
  ],
  "share/[token]/badge.svg/route.ts": () => [
    {
      path: `/share/${"C".repeat(32)}/badge.svg`,
      signedOut: 404,
      note: "public by token (an embeddable image); unknown tokens find nothing",
    },
  ],
  "api/health/route.ts": () => [
    { path: "/api/health", signedOut: 200, note: "public: status only, no data" },
  ],
  // The data API takes personal access tokens only (e2e/api.spec.ts): a session cookie opens nothing.
  "api/v1/regions/route.ts": () => [
    { path: "/api/v1/regions", signedOut: 401, viewer: 401, note: "tokens only" },
  ],
  "api/v1/reports/route.ts": () => [
    { path: "/api/v1/reports", signedOut: 401, viewer: 401, note: "tokens only" },
  ],
  "api/v1/reports/[id]/pledges/route.ts": (w) => [
    {
      path: `/api/v1/reports/${w.planId}/pledges`,
      signedOut: 401,
      viewer: 401,
      note: "tokens only",
    },
  ],
  "api/v1/pledges/[id]/route.ts": (w) => [
    { path: `/api/v1/pledges/${w.p[0]}`, signedOut: 401, viewer: 401, note: "tokens only" },
  ],
  "api/v1/exports/pledges/route.ts": () => [
    {
      path: "/api/v1/exports/pledges?format=jsonl",
      signedOut: 401,
      viewer: 401,
      note: "tokens only",
    },
  ],
  "api/v1/imports/[id]/route.ts": (w) => [
    { path: `/api/v1/imports/${w.jobId}`, signedOut: 401, viewer: 401, note: "tokens only" },
  ],
  "api/v1/openapi.json/route.ts": () => [
    { path: "/api/v1/openapi.json", signedOut: 200, note: "public: the API's contract, no data" },
  ],
  "(app)/audit/export/route.ts": () => [
    {
      path: "/audit/export?format=csv&tier=trackable",
      signedOut: 401,
      viewer: 200,
      note: "every role may read and export the corpus",
    },
  ],
  "api/auth/[...nextauth]/route.ts": () => [
    {
      path: "/api/auth/session",
      signedOut: 200,
      note: "next-auth's own endpoints; signed out the session is empty",
    },
  ],
};

test("every route handler is in the table; signed out it answers 401 or nothing private, and roles get what they may", async ({
  browser,
}) => {
  expect(findFiles(path.join(process.cwd(), "app"), "route.ts")).toEqual(
    Object.keys(ROUTES).sort(),
  );
  const anonymous = await requestAs(browser, "anonymous");
  const viewer = await requestAs(browser, "viewer");
  for (const [file, rows] of Object.entries(ROUTES)) {
    for (const r of rows(world)) {
      const out = await anonymous.get(r.path, { maxRedirects: 0 });
      expect(out.status(), `${file} ${r.path} signed out (${r.note})`).toBe(r.signedOut);
      if (r.signedOut === 200) expect(await out.text()).not.toMatch(/@duixian\.test|安全测试/);
      if (r.viewer)
        expect(
          (await viewer.get(r.path, { maxRedirects: 0 })).status(),
          `${file} ${r.path} as viewer`,
        ).toBe(r.viewer);
    }
  }
  // A signed-out session answers as empty, not as an error.
  expect(await (await anonymous.get("/api/auth/session")).json()).toEqual({});
  // A disabled account's cookie no longer opens exports (its session ended).
  const victim = await createThrowaway(
    await requestAs(browser, "admin"),
    "idor-disabled",
    "analyst",
  );
  const context = await contextFor(browser, victim);
  expect(
    (await context.request.get(`/audit/pair/${world.planId}/export?format=json`)).status(),
  ).toBe(200);
  expect(
    actionReply(
      (
        await callServerAction(
          await requestAs(browser, "admin"),
          "/admin/users",
          serverActionId("lib/users/actions.ts", "updateUserAction"),
          [{ userId: victim.id, disabled: true }],
        )
      ).body,
    ),
  ).toMatchObject({ ok: true });
  expect(
    (await context.request.get(`/audit/pair/${world.planId}/export?format=json`)).status(),
  ).toBe(401);
  await context.close();
});

/** Pages: every app/**\/page.tsx; signed out → the sign-in page; ids of elsewhere → 404; roles without the permission → 403. */
const PAGES: Record<
  string,
  (w: World) => {
    path: string;
    signedOut: "login" | number;
    as?: Partial<Record<Role, number>>;
    note: string;
  }[]
> = {
  "(app)/page.tsx": () => [
    { path: "/", signedOut: "login", as: { viewer: 200 }, note: "dashboard" },
  ],
  "(app)/account/page.tsx": () => [
    { path: "/account", signedOut: "login", as: { viewer: 200 }, note: "own account only" },
  ],
  "(app)/admin/users/page.tsx": () => [
    {
      path: "/admin/users",
      signedOut: "login",
      as: { viewer: 403, analyst: 403, reviewer: 403, admin: 200 },
      note: "admins only",
    },
  ],
  "(app)/audit/page.tsx": () => [
    { path: "/audit", signedOut: "login", as: { viewer: 200 }, note: "every role reads" },
  ],
  "(app)/audit/pair/[reportId]/page.tsx": (w) => [
    {
      path: `/audit/pair/${w.planId}`,
      signedOut: "login",
      as: { viewer: 200 },
      note: "every role reads",
    },
    {
      path: `/audit/pair/${NOWHERE}`,
      signedOut: "login",
      as: { viewer: 404 },
      note: "an unknown report",
    },
  ],
  "(app)/audit/region/[regionId]/page.tsx": (w) => [
    {
      path: `/audit/region/${w.regionId}`,
      signedOut: "login",
      as: { viewer: 200 },
      note: "every role reads",
    },
    {
      path: `/audit/region/${NOWHERE}`,
      signedOut: "login",
      as: { viewer: 404 },
      note: "an unknown region",
    },
  ],
  "(app)/audit/year/[year]/page.tsx": () => [
    {
      path: "/audit/year/1950",
      signedOut: "login",
      as: { viewer: 404 },
      note: "a year without reports",
    },
  ],
  "(app)/reports/page.tsx": () => [
    { path: "/reports", signedOut: "login", as: { viewer: 200 }, note: "every role reads" },
  ],
  "(app)/regions/page.tsx": () => [
    { path: "/regions", signedOut: "login", as: { viewer: 200 }, note: "every role reads" },
  ],
  "(app)/regions/[id]/page.tsx": (w) => [
    {
      path: `/regions/${w.regionId}`,
      signedOut: "login",
      as: { viewer: 200 },
      note: "every role reads (only admins get the forms, and the actions check again)",
    },
    {
      path: `/regions/${NOWHERE}`,
      signedOut: "login",
      as: { viewer: 404 },
      note: "an unknown region",
    },
  ],
  "(app)/reports/[id]/page.tsx": (w) => [
    {
      path: `/reports/${w.planId}`,
      signedOut: "login",
      as: { viewer: 200 },
      note: "every role reads",
    },
    {
      path: `/reports/${NOWHERE}`,
      signedOut: "login",
      as: { viewer: 404 },
      note: "an unknown report",
    },
  ],
  "(app)/reports/[id]/pledges/[pledgeId]/page.tsx": (w) => [
    {
      path: `/reports/${w.planId}/pledges/${w.p[0]}`,
      signedOut: "login",
      as: { viewer: 200 },
      note: "every role reads",
    },
    {
      path: `/reports/${w.planId}/pledges/${w.other}`,
      signedOut: "login",
      as: { viewer: 404, admin: 404 },
      note: "a pledge of another report under this report's address",
    },
  ],
  "(app)/reports/import/page.tsx": () => [
    {
      path: "/reports/import",
      signedOut: "login",
      as: { viewer: 403, analyst: 200 },
      note: "importers only",
    },
  ],
  "(app)/review/page.tsx": () => [
    { path: "/review", signedOut: "login", as: { viewer: 200 }, note: "every role reads" },
  ],
  "(app)/search/page.tsx": () => [
    {
      path: "/search?q=%E5%BB%BA%E8%AE%BE",
      signedOut: "login",
      as: { viewer: 200 },
      note: "every role reads; search results carry no ids beyond what the reader may open",
    },
  ],
  "(auth)/login/page.tsx": () => [{ path: "/login", signedOut: 200, note: "the sign-in page" }],
  // One unknown token only, as above.
  "share/[token]/page.tsx": () => [
    { path: `/share/${"B".repeat(32)}`, signedOut: 404, note: "public by token" },
  ],
};

test("every page is in the table; signed out it sends to sign-in, ids of elsewhere are 404, roles without permission get 403", async ({
  browser,
}) => {
  expect(findFiles(path.join(process.cwd(), "app"), "page.tsx")).toEqual(Object.keys(PAGES).sort());
  const anonymous = await requestAs(browser, "anonymous");
  for (const [file, rows] of Object.entries(PAGES)) {
    for (const r of rows(world)) {
      const out = await anonymous.get(r.path, { maxRedirects: 0 });
      if (r.signedOut === "login") {
        expect([302, 303, 307], `${file} ${r.path} signed out`).toContain(out.status());
        expect(out.headers()["location"], `${file} ${r.path} signed out`).toMatch(/\/login/);
      } else expect(out.status(), `${file} ${r.path} signed out`).toBe(r.signedOut);
      for (const [role, status] of Object.entries(r.as ?? {})) {
        expect(
          (
            await (await requestAs(browser, role as Role)).get(r.path, { maxRedirects: 0 })
          ).status(),
          `${file} ${r.path} as ${role} (${r.note})`,
        ).toBe(status);
      }
    }
  }
});
