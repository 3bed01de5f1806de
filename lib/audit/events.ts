/**
 * The closed list of audit events: every action the app records, the entity it is about, and the
 * shape of its before/after. The one owner of audit event types: writers (`recordAuditEvent`)
 * accept only these actions with these payloads, and readers (the pledge history, the activity
 * feed, the integrity check) get a typed event from `readAuditEvent` instead of switching on
 * strings and parsing JSON by hand. Pure: no Prisma, no Next.
 *
 * Payload fields are optional where rows written by older versions lack them (the audit trail is
 * never rewritten); readers must not assume more than the types say.
 */
import type { PairingEventPayload } from "@/lib/pairing/rule";

/** What a pledge looked like: written by pledge edits (split, merge, update, span, create, delete). */
export type PledgeSnapshot = {
  id?: string;
  start?: number;
  end?: number;
  text?: string;
  sectionId?: string | null;
  topic?: string | null;
  kind?: string;
  target?: {
    value: number;
    valueMax?: number | null;
    unit?: string | null;
    comparator?: string | null;
    growth?: boolean | null;
  } | null;
  tier?: string;
  tierReason?: string | null;
  tierSource?: string | null;
  version?: number;
};

/** A verdict's fields (assessment.save before and after). */
export type AssessmentSnapshot = {
  status?: string;
  rationale?: string | null;
  reportedValue?: string | null;
  reviewState?: string;
};

type Bulk = { bulk?: boolean };
type Requested = { requested?: { start: number; end: number } };
type Pairing = PairingEventPayload;
type Tier = { tier?: string; tierReason?: string | null; tierSource?: string | null };
/** A lineage link of the pledge to the earlier pledge it repeats (issue 18). */
type LineageLink = { linkId?: string; predecessorId?: string; state?: string };

/** Each action's entity type and before/after; `null` where the action records none. */
type Spec<E extends AuditEntityType, B, A> = { entity: E; before: B; after: A };

export type AuditEntityType =
  | "user"
  | "report"
  | "pledge"
  | "evidence"
  | "comment"
  | "share"
  | "section"
  | "region"
  | "import"
  | "token";

/** Every audit event: entity, before, after. Adding an action means adding it here (and to AUDIT_ENTITY). */
export type AuditEventSpecs = {
  "assessment.save": Spec<
    "pledge",
    AssessmentSnapshot,
    AssessmentSnapshot &
      Bulk & { reopened?: boolean; suggested?: string; acceptedSuggestion?: boolean }
  >;
  "assessment.reopen": Spec<
    "pledge",
    {
      reviewState?: string;
      status?: string;
      submittedById?: string | null;
      approvedById?: string | null;
    },
    { reviewState?: string; cause?: string } & Record<string, unknown>
  >;
  "assessment.submit": Spec<
    "pledge",
    { reviewState?: string },
    { reviewState?: string; status?: string } & Bulk
  >;
  "assessment.approve": Spec<
    "pledge",
    { reviewState?: string },
    { reviewState?: string; status?: string }
  >;
  "assessment.return": Spec<
    "pledge",
    { reviewState?: string },
    { reviewState?: string; comment?: string; commentId?: string }
  >;
  "pledge.assign": Spec<
    "pledge",
    { assigneeId?: string | null; assignee?: string | null },
    { assigneeId?: string | null; assignee?: string | null } & Bulk
  >;
  "pledge.create": Spec<"pledge", null, PledgeSnapshot & Requested>;
  "pledge.split": Spec<
    "pledge",
    PledgeSnapshot,
    { at?: number; first?: PledgeSnapshot; second?: PledgeSnapshot }
  >;
  "pledge.merge": Spec<
    "pledge",
    { first?: PledgeSnapshot; second?: PledgeSnapshot },
    PledgeSnapshot & { moved?: { evidence: number; comments: number } }
  >;
  "pledge.update": Spec<"pledge", PledgeSnapshot, PledgeSnapshot>;
  "pledge.delete": Spec<"pledge", PledgeSnapshot & { verdict?: unknown }, null>;
  "pledge.tier": Spec<"pledge", Tier, Tier & Bulk>;
  "pledge.exclude": Spec<
    "pledge",
    { excluded?: boolean },
    { excluded?: boolean; system?: boolean; reason?: string } & Bulk
  >;
  "pledge.restore": Spec<"pledge", { excluded?: boolean }, { excluded?: boolean } & Bulk>;
  "pledge.span": Spec<"pledge", PledgeSnapshot, PledgeSnapshot & Requested>;
  "pledge.title": Spec<"pledge", { title?: string | null }, { title?: string | null }>;
  "pledge.retier": Spec<
    "report",
    null,
    { pledges?: number; changed?: number; excluded?: number; all?: boolean }
  >;
  "lineage.confirm": Spec<"pledge", LineageLink, LineageLink>;
  "lineage.reject": Spec<"pledge", LineageLink, LineageLink>;
  "lineage.choose": Spec<
    "pledge",
    { links?: { id: string; predecessorId: string; state: string }[] },
    LineageLink
  >;
  "evidence.link": Spec<
    "evidence",
    null,
    {
      kind?: string;
      sourceReportId?: string | null;
      start?: number | null;
      end?: number | null;
      quote?: string;
      url?: string | null;
    }
  >;
  "evidence.unlink": Spec<"evidence", { kind?: string; quote?: string; url?: string | null }, null>;
  "comment.create": Spec<"comment", null, { kind?: string; body?: string }>;
  "report.import": Spec<
    "report",
    null,
    {
      title?: string;
      regionId?: string;
      fileName?: string | null;
      encoding?: string | null;
      sections?: number;
      pledges?: number;
    } & Record<string, unknown>
  >;
  "report.update": Spec<"report", Record<string, unknown>, Record<string, unknown>>;
  "report.archive": Spec<
    "report",
    { archivedAt?: string | null },
    { archivedAt?: string | null; title?: string }
  >;
  "report.restore": Spec<
    "report",
    { archivedAt?: string | null },
    { archivedAt?: string | null; title?: string }
  >;
  "report.delete": Spec<
    "report",
    {
      title?: string;
      region?: string;
      regionId?: string;
      year?: number | null;
      deliveredOn?: string | null;
      fileName?: string | null;
      contentHash?: string;
      pledges?: number;
    },
    null
  >;
  "report.pair_auto": Spec<"report", Pairing, Pairing>;
  "report.pair_manual": Spec<"report", Pairing, Pairing>;
  "region.create": Spec<
    "region",
    null,
    { name?: string; level?: string | null; parentId?: string | null }
  >;
  "region.update": Spec<
    "region",
    {
      name?: string;
      nameKey?: string;
      shortName?: string | null;
      level?: string | null;
      parentId?: string | null;
    },
    {
      name?: string;
      nameKey?: string;
      shortName?: string | null;
      level?: string | null;
      parentId?: string | null;
      reason?: string;
    }
  >;
  "region.merge": Spec<
    "region",
    {
      source?: {
        id: string;
        name: string;
        level?: string | null;
        parentId?: string | null;
        aliases?: string[];
      };
      target?: { id: string; name: string };
    },
    { regionId?: string; reports?: string[]; reason?: string }
  >;
  "region.alias": Spec<"region", null, { nameKey?: string }>;
  "user.create": Spec<"user", null, { id?: string; email?: string; name?: string; role?: string }>;
  "user.update": Spec<
    "user",
    { id?: string; role?: string; disabled?: boolean },
    { id?: string; role?: string; disabled?: boolean }
  >;
  "user.password_change": Spec<"user", null, null>;
  "user.unlock": Spec<"user", null, { scope?: string; key?: string; failures?: number }>;
  "user.create_cli": Spec<"user", null, { email?: string; role?: string }>;
  "user.reset_cli": Spec<"user", null, { email?: string; role?: string }>;
  "share.create": Spec<
    "share",
    null,
    {
      scope?: string;
      subjectId?: string;
      title?: string;
      showNotes?: boolean;
      expiresAt?: string | null;
    }
  >;
  "share.revoke": Spec<
    "share",
    { revokedAt?: string | null },
    { revokedAt?: string; scope?: string; title?: string }
  >;
  "token.create": Spec<"token", null, { name?: string; prefix?: string; scope?: string }>;
  "token.revoke": Spec<"token", { name?: string }, null>;
  "import.create": Spec<"import", null, null>;
  "import.add_files": Spec<"import", null, { files?: number; names?: string[] }>;
  "import.update_file": Spec<
    "import",
    {
      file?: string;
      include?: boolean;
      region?: string | null;
      year?: number | null;
      title?: string | null;
    },
    {
      file?: string;
      include?: boolean;
      region?: string | null;
      year?: number | null;
      title?: string | null;
      regionAnswer?: unknown;
    }
  >;
  "import.start": Spec<"import", null, { queued?: number; skipped?: number }>;
  "import.cancel": Spec<"import", { state?: string }, { skipped?: number }>;
};

export type AuditAction = keyof AuditEventSpecs;

/** The entity type of each action: the closed list at run time (the type above is the list at compile time). */
export const AUDIT_ENTITY: { readonly [A in AuditAction]: AuditEventSpecs[A]["entity"] } = {
  "assessment.save": "pledge",
  "assessment.reopen": "pledge",
  "assessment.submit": "pledge",
  "assessment.approve": "pledge",
  "assessment.return": "pledge",
  "pledge.assign": "pledge",
  "pledge.create": "pledge",
  "pledge.split": "pledge",
  "pledge.merge": "pledge",
  "pledge.update": "pledge",
  "pledge.delete": "pledge",
  "pledge.tier": "pledge",
  "pledge.exclude": "pledge",
  "pledge.restore": "pledge",
  "pledge.span": "pledge",
  "pledge.title": "pledge",
  "pledge.retier": "report",
  "lineage.confirm": "pledge",
  "lineage.reject": "pledge",
  "lineage.choose": "pledge",
  "evidence.link": "evidence",
  "evidence.unlink": "evidence",
  "comment.create": "comment",
  "report.import": "report",
  "report.update": "report",
  "report.archive": "report",
  "report.restore": "report",
  "report.delete": "report",
  "report.pair_auto": "report",
  "report.pair_manual": "report",
  "region.create": "region",
  "region.update": "region",
  "region.merge": "region",
  "region.alias": "region",
  "user.create": "user",
  "user.update": "user",
  "user.password_change": "user",
  "user.unlock": "user",
  "user.create_cli": "user",
  "user.reset_cli": "user",
  "share.create": "share",
  "share.revoke": "share",
  "token.create": "token",
  "token.revoke": "token",
  "import.create": "import",
  "import.add_files": "import",
  "import.update_file": "import",
  "import.start": "import",
  "import.cancel": "import",
};

export const AUDIT_ACTIONS = Object.keys(AUDIT_ENTITY) as AuditAction[];

export function isAuditAction(v: unknown): v is AuditAction {
  return typeof v === "string" && Object.hasOwn(AUDIT_ENTITY, v);
}

/**
 * What a writer passes for action `A`: its payloads as typed above (`before`/`after` left out
 * where the action records none). The entity type follows from the action.
 */
export type AuditEventOf<A extends AuditAction> = {
  action: A;
  before?: AuditEventSpecs[A]["before"] extends null ? undefined : AuditEventSpecs[A]["before"];
  after?: AuditEventSpecs[A]["after"] extends null ? undefined : AuditEventSpecs[A]["after"];
};

/** A stored event as readers see it: the action with its payloads typed (null when absent). */
export type AuditEvent = {
  [A in AuditAction]: {
    action: A;
    before: AuditEventSpecs[A]["before"] | null;
    after: AuditEventSpecs[A]["after"] | null;
  };
}[AuditAction];

/** A stored event whose action is not in the list (a row of a future or foreign version): shown by name. */
export type UnknownAuditEvent = { action: string; unknown: true; before: unknown; after: unknown };

const asObjectOrNull = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** A before/after JSON text as a value; null when absent or unreadable. */
export function parseAuditJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * A stored row as a typed event: known actions get their payloads as objects (null when the row
 * has none, or something that is not an object: old or damaged rows never throw); unknown actions
 * are returned as such.
 */
export function readAuditEvent(row: {
  action: string;
  before: string | null;
  after: string | null;
}): AuditEvent | UnknownAuditEvent {
  const before = parseAuditJson(row.before);
  const after = parseAuditJson(row.after);
  if (!isAuditAction(row.action)) return { action: row.action, unknown: true, before, after };
  return {
    action: row.action,
    before: asObjectOrNull(before),
    after: asObjectOrNull(after),
  } as AuditEvent;
}

/** Whether `e` is an event of the closed list (narrows the union for a `switch` on its action). */
export function isKnownEvent(e: AuditEvent | UnknownAuditEvent): e is AuditEvent {
  return !("unknown" in e);
}
