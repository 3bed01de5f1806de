import "server-only";
import { db, type Tx, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { reopenForChange } from "@/lib/assessments/mutations";
import { hasVerdict, reopensOnChange } from "@/lib/assessments/transitions";
import { classifyPledge } from "@/lib/report/pledges";
import { normalizeForParse, toSimplified } from "@/lib/report/script";
import { parseReport } from "@/lib/report/parse-report";
import { findMainTarget } from "@/lib/report/targets";
import { classifyTier } from "@/lib/report/tiers";
import type { Script, Target } from "@/lib/report/types";
import {
  MAX_PLEDGE_LENGTH,
  splitSpan,
  trimSpan,
  type AdjustPledgeSpanInput,
  type BulkSetPledgesExcludedInput,
  type BulkSetPledgesTierInput,
  type CreatePledgeInput,
  type NewPledgePreview,
  type DeletePledgeInput,
  type MergePledgeInput,
  type SetPledgeExcludedInput,
  type SetPledgeTierInput,
  type SetPledgeTitleInput,
  type SplitPledgeInput,
  type UpdatePledgeInput,
} from "./schema";
import { toTargetDto } from "./target";

type Actor = { id: string; role: string };

const pledgeSelect = {
  id: true,
  reportId: true,
  sectionId: true,
  start: true,
  end: true,
  text: true,
  topic: true,
  kind: true,
  targetValue: true,
  targetValueMax: true,
  targetUnit: true,
  targetComparator: true,
  targetGrowth: true,
  position: true,
  tier: true,
  tierReason: true,
  tierSource: true,
  excluded: true,
  title: true,
  reviewState: true,
  version: true,
} as const;

type PledgeRow = {
  id: string;
  reportId: string;
  sectionId: string | null;
  start: number;
  end: number;
  text: string;
  topic: string | null;
  kind: string;
  targetValue: number | null;
  targetValueMax: number | null;
  targetUnit: string | null;
  targetComparator: string | null;
  targetGrowth: boolean;
  position: number;
  tier: string;
  tierReason: string | null;
  tierSource: string;
  excluded: boolean;
  title: string | null;
  reviewState: string;
  version: number;
};

type TargetFields = Pick<
  PledgeRow,
  "targetValue" | "targetValueMax" | "targetUnit" | "targetComparator" | "targetGrowth"
>;

const NO_TARGET: TargetFields = {
  targetValue: null,
  targetValueMax: null,
  targetUnit: null,
  targetComparator: null,
  targetGrowth: false,
};

/** A pledge's verdict: what a merge or delete would lose, and what the delete's audit row keeps. */
const verdictSelect = {
  status: true,
  rationale: true,
  reportedValue: true,
  reviewState: true,
  approvedById: true,
} as const;

/** What the audit trail keeps of a pledge, before and after a change. */
function snapshot(p: PledgeRow) {
  return {
    id: p.id,
    start: p.start,
    end: p.end,
    text: p.text,
    sectionId: p.sectionId,
    topic: p.topic,
    kind: p.kind,
    target:
      p.targetValue === null
        ? null
        : {
            value: p.targetValue,
            valueMax: p.targetValueMax,
            unit: p.targetUnit,
            comparator: p.targetComparator,
            growth: p.targetGrowth,
          },
    tier: p.tier,
    tierReason: p.tierReason,
    tierSource: p.tierSource,
    version: p.version,
  };
}

type LoadedReport = { sourceText: string; script: Script; bodyStart: number; bodyEnd: number };

async function loadReport(tx: Tx, reportId: string): Promise<LoadedReport> {
  const report = await tx.report.findUnique({
    where: { id: reportId },
    select: { sourceText: true, script: true, bodyStart: true, bodyEnd: true },
  });
  if (!report) throw new AppError("NOT_FOUND");
  return { ...report, script: report.script === "traditional" ? "traditional" : "simplified" };
}

/** The pledge by id AND report (an id from another report finds nothing), at the version the caller read. */
async function loadPledge(
  tx: Tx,
  reportId: string,
  pledgeId: string,
  version: number,
): Promise<PledgeRow> {
  const p = await tx.pledge.findFirst({ where: { id: pledgeId, reportId }, select: pledgeSelect });
  if (!p) throw new AppError("NOT_FOUND");
  if (p.version !== version) throw new AppError("CONFLICT", "PLEDGE_STALE");
  return p;
}

/** Writes `data` only if the row is still at `version` (the guard against a concurrent writer), bumping it. */
async function guardedUpdate(
  tx: Tx,
  p: PledgeRow,
  version: number,
  data: Record<string, unknown>,
): Promise<PledgeRow> {
  const res = await tx.pledge.updateMany({
    where: { id: p.id, reportId: p.reportId, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (res.count !== 1) throw new AppError("CONFLICT", "PLEDGE_STALE");
  return (await tx.pledge.findUniqueOrThrow({
    where: { id: p.id },
    select: pledgeSelect,
  })) as PledgeRow;
}

/** A tier as the parser derives it: written with tierSource "parser". */
type DerivedTier = { tier: string; tierReason: string | null; tierSource: "parser" };

/** The parser's tier for the analysis text of a span and its target (stored columns or found). */
function deriveTier(analysisText: string, target: TargetFields): DerivedTier {
  const t: Target | null =
    target.targetValue === null
      ? null
      : {
          value: target.targetValue,
          unit: target.targetUnit ?? "",
          comparator: (target.targetComparator ?? "=") as Target["comparator"],
          growth: target.targetGrowth,
          start: 0,
          end: 0,
        };
  const { tier, reason } = classifyTier(analysisText, t);
  return { tier, tierReason: reason, tierSource: "parser" };
}

/** The analysis text (simplified, half-width: what the parser reads) of [start, end), with a window around it for the helpers that look back. */
function analysisWindow(
  sourceText: string,
  script: Script,
  start: number,
  end: number,
): { window: string; offset: number } {
  const from = Math.max(0, start - 40);
  return {
    window: normalizeForParse(sourceText.slice(from, Math.min(sourceText.length, end + 8)), script),
    offset: from,
  };
}

/**
 * Text, search text, kind, main target and tier of the span [start, end) of a report, re-derived
 * on the server with the parser's helpers (findMainTarget, classifyPledge, classifyTier) on the
 * normalised text around the span (the helpers look a few characters back for 不低于, 《…》 and
 * the like). The tier is the parser's: callers keep a person's tier with keepPersonTier.
 */
export function analyseSpan(
  sourceText: string,
  script: Script,
  start: number,
  end: number,
): { text: string; searchText: string; kind: string } & TargetFields & DerivedTier {
  const text = sourceText.slice(start, end);
  const { window, offset } = analysisWindow(sourceText, script, start, end);
  const target = findMainTarget(window, start - offset, end - offset);
  const analysis = window.slice(start - offset, end - offset);
  const kind = classifyPledge(analysis, target);
  const targetFields: TargetFields = target
    ? {
        targetValue: target.value,
        targetValueMax: target.valueMax ?? null,
        targetUnit: target.unit,
        targetComparator: target.comparator,
        targetGrowth: target.growth,
      }
    : NO_TARGET;
  return {
    text,
    searchText: toSimplified(text),
    kind,
    ...targetFields,
    ...deriveTier(analysis, targetFields),
  };
}

/** The fields a re-derivation writes, without the tier when a person set it (a person's tier is never overwritten). */
function keepPersonTier<T extends Partial<DerivedTier>>(
  p: Pick<PledgeRow, "tierSource">,
  derived: T,
): Partial<T> {
  if (p.tierSource !== "person") return derived;
  const rest: Partial<T> = { ...derived };
  delete rest.tier;
  delete rest.tierReason;
  delete rest.tierSource;
  return rest;
}

/** Makes room at `position` by moving every later pledge of the report one place down. */
async function shiftPositions(tx: Tx, reportId: string, position: number): Promise<void> {
  await tx.pledge.updateMany({
    where: { reportId, position: { gte: position } },
    data: { position: { increment: 1 } },
  });
}

/**
 * Splits a pledge at source offset `at` into two pledges whose spans are trimmed of whitespace and
 * punctuation at the cut. The first keeps the id, assessment and evidence; the second is new, in
 * the same section and topic, with no verdict. Both get text = sourceText.slice(start, end) and a
 * re-parsed target and kind. The first's text changed, so a submitted or approved verdict of it is
 * reopened (`reopened`; see reopenForChange). A stale version → CONFLICT; a cut that leaves an
 * empty part → INVALID_INPUT.
 */
export async function splitPledge(
  actor: Actor,
  input: SplitPledgeInput,
): Promise<{ firstId: string; secondId: string; reopened: boolean }> {
  return writeTransaction(async (tx) => {
    const { sourceText, script } = await loadReport(tx, input.reportId);
    const p = await loadPledge(tx, input.reportId, input.pledgeId, input.version);
    const parts = splitSpan(sourceText, p.start, p.end, input.at);
    if (!parts) throw new AppError("INVALID_INPUT", "SPLIT_POINT_INVALID");
    const [a, b] = parts;
    const first = await guardedUpdate(tx, p, input.version, {
      start: a.start,
      end: a.end,
      ...keepPersonTier(p, analyseSpan(sourceText, script, a.start, a.end)),
    });
    await shiftPositions(tx, p.reportId, p.position + 1);
    const second = (await tx.pledge.create({
      data: {
        reportId: p.reportId,
        sectionId: p.sectionId,
        topic: p.topic,
        start: b.start,
        end: b.end,
        position: p.position + 1,
        // Half of a "not a pledge" is not a pledge either.
        ...(p.excluded ? { excluded: true, excludedById: actor.id, excludedAt: new Date() } : {}),
        ...analyseSpan(sourceText, script, b.start, b.end),
      },
      select: pledgeSelect,
    })) as PledgeRow;
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "pledge",
      entityId: p.id,
      action: "pledge.split",
      before: snapshot(p),
      after: { at: input.at, first: snapshot(first), second: snapshot(second) },
      reportId: p.reportId,
      pledgeId: p.id,
    });
    const { reopened } = await reopenForChange(tx, actor.id, first.id, "pledge_split", {
      secondId: second.id,
    });
    return { firstId: first.id, secondId: second.id, reopened };
  });
}

/**
 * Merges a pledge with the pledge that directly follows it (no pledge in between, same section):
 * the first keeps its id and now spans first.start → second.end, text = the slice, target and
 * kind re-parsed; the second's evidence and comments move to the first (the audit row counts them)
 * and the second is deleted. A second pledge with a verdict of its own (hasVerdict) is refused
 * (INVALID_INPUT MERGE_WOULD_LOSE_VERDICT): a merge never silently deletes a verdict. The first's
 * text and evidence changed, so a submitted or approved verdict of it is reopened (`reopened`).
 */
export async function mergePledges(
  actor: Actor,
  input: MergePledgeInput,
): Promise<{ id: string; reopened: boolean }> {
  return writeTransaction(async (tx) => {
    const { sourceText, script } = await loadReport(tx, input.reportId);
    const p = await loadPledge(tx, input.reportId, input.pledgeId, input.version);
    const next = await loadPledge(tx, input.reportId, input.nextPledgeId, input.nextVersion);
    if (next.id === p.id || next.start < p.end)
      throw new AppError("INVALID_INPUT", "MERGE_NOT_NEXT");
    const between = await tx.pledge.count({
      where: { reportId: p.reportId, start: { gte: p.end, lt: next.start } },
    });
    if (between > 0) throw new AppError("INVALID_INPUT", "MERGE_NOT_NEXT");
    if (next.sectionId !== p.sectionId)
      throw new AppError("INVALID_INPUT", "MERGE_ACROSS_SECTIONS");
    if (next.end - p.start > MAX_PLEDGE_LENGTH)
      throw new AppError("INVALID_INPUT", "PLEDGE_TOO_LONG");
    const nextVerdict = await tx.pledge.findUniqueOrThrow({
      where: { id: next.id },
      select: verdictSelect,
    });
    if (hasVerdict(nextVerdict)) throw new AppError("INVALID_INPUT", "MERGE_WOULD_LOSE_VERDICT");
    const movedEvidence = (
      await tx.evidence.updateMany({ where: { pledgeId: next.id }, data: { pledgeId: p.id } })
    ).count;
    const movedComments = (
      await tx.comment.updateMany({ where: { pledgeId: next.id }, data: { pledgeId: p.id } })
    ).count;
    const removed = await tx.pledge.deleteMany({
      where: { id: next.id, reportId: next.reportId, version: input.nextVersion },
    });
    if (removed.count !== 1) throw new AppError("CONFLICT", "PLEDGE_STALE");
    const merged = await guardedUpdate(tx, p, input.version, {
      end: next.end,
      ...keepPersonTier(p, analyseSpan(sourceText, script, p.start, next.end)),
    });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "pledge",
      entityId: p.id,
      action: "pledge.merge",
      before: { first: snapshot(p), second: snapshot(next) },
      after: { ...snapshot(merged), moved: { evidence: movedEvidence, comments: movedComments } },
      reportId: p.reportId,
      pledgeId: p.id,
    });
    const { reopened } = await reopenForChange(tx, actor.id, merged.id, "pledge_merged", {
      mergedId: next.id,
      movedEvidence,
    });
    return { id: merged.id, reopened };
  });
}

/**
 * Changes a pledge's kind and/or target (target null clears it; undefined leaves it). Span and
 * text are untouched. A new target re-derives the tier (a number makes most pledges trackable)
 * unless a person set it. Nothing to change → no write and no audit row. A verdict rests on the
 * target, kind and tier, so a submitted or approved one is reopened (`reopened`; the version
 * returned is the pledge's after that).
 */
export async function updatePledge(
  actor: Actor,
  input: UpdatePledgeInput,
): Promise<{ id: string; version: number; reopened: boolean }> {
  return writeTransaction(async (tx) => {
    const p = await loadPledge(tx, input.reportId, input.pledgeId, input.version);
    const data: Partial<TargetFields> & { kind?: string } & Partial<DerivedTier> = {};
    if (input.kind !== undefined && input.kind !== p.kind) data.kind = input.kind;
    if (input.target === null) Object.assign(data, NO_TARGET);
    else if (input.target !== undefined) {
      Object.assign(data, {
        targetValue: input.target.value,
        targetValueMax: input.target.valueMax,
        targetUnit: input.target.unit || null,
        targetComparator: input.target.comparator,
        targetGrowth: input.target.growth,
      });
    }
    const differs = (k: string) => p[k as keyof PledgeRow] !== (data as Record<string, unknown>)[k];
    const targetChanged = Object.keys(data).some((k) => k.startsWith("target") && differs(k));
    if (targetChanged && p.tierSource !== "person") {
      const { sourceText, script } = await loadReport(tx, p.reportId);
      const { window, offset } = analysisWindow(sourceText, script, p.start, p.end);
      Object.assign(
        data,
        deriveTier(window.slice(p.start - offset, p.end - offset), {
          ...pickTarget(p),
          ...pickTarget(data),
        } as TargetFields),
      );
    }
    const changedFields = Object.keys(data).filter(differs);
    if (!changedFields.length) return { id: p.id, version: p.version, reopened: false };
    const after = await guardedUpdate(tx, p, input.version, data);
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "pledge",
      entityId: p.id,
      action: "pledge.update",
      before: snapshot(p),
      after: snapshot(after),
      reportId: p.reportId,
      pledgeId: p.id,
    });
    // Every field written here is one the verdict rests on.
    const fields = [
      ...(changedFields.includes("kind") ? ["kind"] : []),
      ...(targetChanged ? ["target"] : []),
      ...(after.tier !== p.tier ? ["tier"] : []),
    ];
    if (!fields.length) return { id: after.id, version: after.version, reopened: false };
    const cause = targetChanged
      ? "target_changed"
      : fields.includes("kind")
        ? "kind_changed"
        : "tier_changed";
    const { reopened, version } = await reopenForChange(tx, actor.id, after.id, cause, { fields });
    return { id: after.id, version, reopened };
  });
}

/** The target columns of a row or a partial change (only those present). */
function pickTarget(x: Partial<TargetFields>): Partial<TargetFields> {
  return Object.fromEntries(
    Object.entries(x).filter(([k]) => k.startsWith("target")),
  ) as Partial<TargetFields>;
}

/**
 * Deletes a pledge (with its evidence and comments) at the version the caller read; the audit row
 * keeps its verdict too. A verdict that is submitted or approved is refused (INVALID_INPUT
 * DELETE_WOULD_LOSE_VERDICT): deleting would drop it from the approved-only audit without a
 * reviewer's say; reopen it first (edit the verdict), which the history records.
 */
export async function deletePledge(actor: Actor, input: DeletePledgeInput): Promise<void> {
  await writeTransaction(async (tx) => {
    const p = await loadPledge(tx, input.reportId, input.pledgeId, input.version);
    const verdict = await tx.pledge.findUniqueOrThrow({
      where: { id: p.id },
      select: verdictSelect,
    });
    // The verdicts a change would reopen are exactly those with a review to lose.
    if (reopensOnChange(verdict.reviewState))
      throw new AppError("INVALID_INPUT", "DELETE_WOULD_LOSE_VERDICT");
    const removed = await tx.pledge.deleteMany({
      where: { id: p.id, reportId: p.reportId, version: input.version },
    });
    if (removed.count !== 1) throw new AppError("CONFLICT", "PLEDGE_STALE");
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "pledge",
      entityId: p.id,
      action: "pledge.delete",
      before: { ...snapshot(p), verdict },
      reportId: p.reportId,
      pledgeId: p.id,
    });
  });
}

/**
 * Adds a pledge over [start, end) of the report's source, trimmed of whitespace and punctuation.
 * Refuses spans outside the text, empty after trimming or longer than MAX_PLEDGE_LENGTH
 * (INVALID_INPUT), and spans overlapping an existing pledge (INVALID_INPUT PLEDGE_OVERLAP, with
 * details.pledgeId and details.text naming it). Section = the innermost section containing the
 * span, topic = the last topic of that section starting before it; text, target and kind are
 * derived on the server.
 */
/**
 * What a new pledge over source [start, end) would be: the span trimmed as it will be stored and
 * the parser's reading of it (kind, target, tier). Refuses what createPledge refuses (a span out of
 * the text, empty, too long, or overlapping a pledge). The one check for both the preview and the
 * creation, so what the analyst confirms is what is saved.
 */
async function planNewPledge(tx: Tx, input: CreatePledgeInput) {
  const { sourceText, script } = await loadReport(tx, input.reportId);
  if (!(input.start >= 0 && input.start < input.end && input.end <= sourceText.length))
    throw new AppError("INVALID_INPUT", "SPAN_INVALID");
  const span = trimSpan(sourceText, input.start, input.end);
  if (span.start >= span.end) throw new AppError("INVALID_INPUT", "SPAN_EMPTY");
  if (span.end - span.start > MAX_PLEDGE_LENGTH)
    throw new AppError("INVALID_INPUT", "PLEDGE_TOO_LONG");
  const overlap = await tx.pledge.findFirst({
    where: { reportId: input.reportId, start: { lt: span.end }, end: { gt: span.start } },
    select: { id: true, text: true },
    orderBy: { start: "asc" },
  });
  if (overlap)
    throw new AppError("INVALID_INPUT", "PLEDGE_OVERLAP", {
      pledgeId: overlap.id,
      text: overlap.text,
    });
  return { span, analysis: analyseSpan(sourceText, script, span.start, span.end) };
}

/** The preview of a pledge to add (nothing is written): its text as it will be stored, kind, target and tier. */
export async function previewNewPledge(
  _actor: Actor,
  input: CreatePledgeInput,
): Promise<NewPledgePreview> {
  // Reads only, so no transaction: createPledge checks everything again in its own.
  const { span, analysis: a } = await planNewPledge(db, input);
  const target = toTargetDto({
    targetValue: a.targetValue,
    targetValueMax: a.targetValueMax,
    targetUnit: a.targetUnit,
    targetComparator: a.targetComparator,
    targetGrowth: a.targetGrowth,
  });
  return {
    start: span.start,
    end: span.end,
    text: a.text,
    kind: a.kind,
    target,
    tier: a.tier,
    tierReason: a.tierReason,
  };
}

export async function createPledge(
  actor: Actor,
  input: CreatePledgeInput,
): Promise<{ id: string }> {
  return writeTransaction(async (tx) => {
    const { span, analysis } = await planNewPledge(tx, input);

    const sections = await tx.section.findMany({
      where: { reportId: input.reportId, start: { lte: span.start }, end: { gte: span.end } },
      select: { id: true, parentId: true, kind: true, start: true, end: true },
    });
    let section: (typeof sections)[number] | null = null;
    for (const s of sections) {
      if (s.kind === "topic") continue;
      const deeper = (s.parentId !== null ? 1 : 0) - (section?.parentId != null ? 1 : 0);
      if (!section || deeper > 0 || (deeper === 0 && s.end - s.start < section.end - section.start))
        section = s;
    }
    const topic = section
      ? await tx.section.findFirst({
          where: {
            reportId: input.reportId,
            parentId: section.id,
            kind: "topic",
            start: { lte: span.start },
          },
          select: { heading: true },
          orderBy: { start: "desc" },
        })
      : null;
    const previous = await tx.pledge.findFirst({
      where: { reportId: input.reportId, start: { lt: span.start } },
      select: { position: true },
      orderBy: { start: "desc" },
    });
    const position = (previous?.position ?? -1) + 1;
    await shiftPositions(tx, input.reportId, position);
    const created = (await tx.pledge.create({
      data: {
        reportId: input.reportId,
        sectionId: section?.id ?? null,
        topic: topic?.heading ?? null,
        start: span.start,
        end: span.end,
        position,
        ...analysis,
      },
      select: pledgeSelect,
    })) as PledgeRow;
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "pledge",
      entityId: created.id,
      action: "pledge.create",
      after: { ...snapshot(created), requested: { start: input.start, end: input.end } },
      reportId: input.reportId,
      pledgeId: created.id,
    });
    return { id: created.id };
  });
}

// ---------------------------------------------------------------------------------------------
// Tiers, "not a pledge", span boundaries, titles (issue 14)

/** A pledge by id AND report, at whatever version it has (bulk changes name none). */
async function loadForBulk(tx: Tx, reportId: string, pledgeId: string): Promise<PledgeRow> {
  const p = await tx.pledge.findFirst({ where: { id: pledgeId, reportId }, select: pledgeSelect });
  if (!p) throw new AppError("NOT_FOUND");
  return p as PledgeRow;
}

/** What a tier change writes: the tier chosen by a person, or (auto) the parser's again. */
async function tierChange(
  tx: Tx,
  p: PledgeRow,
  tier: SetPledgeTierInput["tier"],
  reason: string | null | undefined,
): Promise<DerivedTier | { tier: string; tierReason: string | null; tierSource: "person" }> {
  if (tier === "auto") {
    const { sourceText, script } = await loadReport(tx, p.reportId);
    const { window, offset } = analysisWindow(sourceText, script, p.start, p.end);
    return deriveTier(window.slice(p.start - offset, p.end - offset), p);
  }
  // A trackable tier keeps the reason it had unless a new one is given; direction has none.
  const tierReason =
    tier === "direction" ? null : (reason ?? (p.tier === "trackable" ? p.tierReason : null));
  return { tier, tierReason, tierSource: "person" };
}

/**
 * Writes a tier change of one loaded pledge with its `pledge.tier` audit row, then reopens a
 * submitted or approved verdict when the tier itself changed (cause tier_changed). In bulk
 * (`bulk`), a change that would reopen one is refused instead (BULK_WOULD_REOPEN): like a bulk
 * verdict edit, a bulk change never withdraws reviews wholesale. Unchanged → no write.
 */
async function applyTier(
  tx: Tx,
  actor: Actor,
  p: PledgeRow,
  change: { tier: string; tierReason: string | null; tierSource: string },
  options: { bulk?: boolean } = {},
): Promise<{ version: number; reopened: boolean; changed: boolean }> {
  if (
    change.tier === p.tier &&
    change.tierReason === p.tierReason &&
    change.tierSource === p.tierSource
  )
    return { version: p.version, reopened: false, changed: false };
  const tierChanged = change.tier !== p.tier;
  if (options.bulk && tierChanged && reopensOnChange(p.reviewState))
    throw new AppError("INVALID_INPUT", "BULK_WOULD_REOPEN");
  const after = await guardedUpdate(tx, p, p.version, change);
  await recordAuditEvent(tx, {
    actorId: actor.id,
    entityType: "pledge",
    entityId: p.id,
    action: "pledge.tier",
    before: { tier: p.tier, tierReason: p.tierReason, tierSource: p.tierSource },
    after: {
      tier: after.tier,
      tierReason: after.tierReason,
      tierSource: after.tierSource,
      ...(options.bulk ? { bulk: true } : {}),
    },
    reportId: p.reportId,
    pledgeId: p.id,
  });
  if (!tierChanged) return { version: after.version, reopened: false, changed: true };
  const { reopened, version } = await reopenForChange(tx, actor.id, p.id, "tier_changed", {
    from: p.tier,
    to: after.tier,
  });
  return { version, reopened, changed: true };
}

/**
 * Sets a pledge's tier by hand (trackable with an optional reason, or direction): tierSource
 * becomes "person", so that no re-derivation (a split, a moved boundary, `cli retier`) overwrites
 * it; "auto" hands it back to the parser's classifier. Audited (`pledge.tier`); a submitted or
 * approved verdict is reopened when the tier changes. Unchanged → no write, no audit row.
 */
export async function setPledgeTier(
  actor: Actor,
  input: SetPledgeTierInput,
): Promise<{ id: string; version: number; reopened: boolean }> {
  return writeTransaction(async (tx) => {
    const p = await loadPledge(tx, input.reportId, input.pledgeId, input.version);
    const { version, reopened } = await applyTier(
      tx,
      actor,
      p,
      await tierChange(tx, p, input.tier, input.reason),
    );
    return { id: p.id, version, reopened };
  });
}

/**
 * Marks one loaded pledge "not a pledge" or restores it, with its audit row (`pledge.exclude` /
 * `pledge.restore`). A verdict that is submitted or approved is refused (INVALID_INPUT
 * EXCLUDE_WOULD_DROP_VERDICT): an excluded pledge leaves every count, the approved-only audit
 * included, so excluding it would withdraw a reviewed verdict as silently as a delete; reopen it
 * first (edit the verdict). A draft or returned verdict, evidence and comments stay on the pledge
 * and come back with it. Unchanged → no write.
 */
async function applyExcluded(
  tx: Tx,
  actor: Actor,
  p: PledgeRow,
  excluded: boolean,
  options: { bulk?: boolean } = {},
): Promise<{ version: number; changed: boolean }> {
  if (p.excluded === excluded) return { version: p.version, changed: false };
  if (excluded && reopensOnChange(p.reviewState))
    throw new AppError("INVALID_INPUT", "EXCLUDE_WOULD_DROP_VERDICT");
  const after = await guardedUpdate(
    tx,
    p,
    p.version,
    excluded
      ? { excluded: true, excludedById: actor.id, excludedAt: new Date() }
      : { excluded: false, excludedById: null, excludedAt: null },
  );
  await recordAuditEvent(tx, {
    actorId: actor.id,
    entityType: "pledge",
    entityId: p.id,
    action: excluded ? "pledge.exclude" : "pledge.restore",
    before: { excluded: p.excluded },
    after: { excluded, ...(options.bulk ? { bulk: true } : {}) },
    reportId: p.reportId,
    pledgeId: p.id,
  });
  return { version: after.version, changed: true };
}

/** Marks a pledge "not a pledge" (excluded: hidden from lists and counts) or restores it; see applyExcluded. */
export async function setPledgeExcluded(
  actor: Actor,
  input: SetPledgeExcludedInput,
): Promise<{ id: string; version: number }> {
  return writeTransaction(async (tx) => {
    const p = await loadPledge(tx, input.reportId, input.pledgeId, input.version);
    const { version } = await applyExcluded(tx, actor, p, input.excluded);
    return { id: p.id, version };
  });
}

type BulkResult = { updated: number; skipped: { pledgeId: string; reason: string }[] };

/** Runs `change` on each pledge of the report in its own transaction; refusals are skipped with their reason. */
async function forEachPledge(
  reportId: string,
  pledgeIds: string[],
  change: (tx: Tx, p: PledgeRow) => Promise<boolean>,
): Promise<BulkResult> {
  const skipped: BulkResult["skipped"] = [];
  let updated = 0;
  for (const pledgeId of [...new Set(pledgeIds)]) {
    try {
      if (
        await writeTransaction(async (tx) => change(tx, await loadForBulk(tx, reportId, pledgeId)))
      )
        updated++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      skipped.push({ pledgeId, reason: e.message === e.code || !e.message ? e.code : e.message });
    }
  }
  return { updated, skipped };
}

/**
 * Marks many pledges of one report "not a pledge", or restores them, each in its own transaction
 * with its own audit row, at whatever version each has. A pledge of another report (NOT_FOUND) or
 * with a submitted or approved verdict (EXCLUDE_WOULD_DROP_VERDICT) is skipped and reported.
 */
export async function bulkSetPledgesExcluded(
  actor: Actor,
  input: BulkSetPledgesExcludedInput,
): Promise<BulkResult> {
  return forEachPledge(
    input.reportId,
    input.pledgeIds,
    async (tx, p) => (await applyExcluded(tx, actor, p, input.excluded, { bulk: true })).changed,
  );
}

/**
 * Sets the tier of many pledges of one report by hand ("auto": back to the classifier), each in
 * its own transaction with its own audit row. Pledges of another report (NOT_FOUND) and pledges
 * whose submitted or approved verdict the change would reopen (BULK_WOULD_REOPEN) are skipped.
 */
export async function bulkSetPledgesTier(
  actor: Actor,
  input: BulkSetPledgesTierInput,
): Promise<BulkResult> {
  return forEachPledge(
    input.reportId,
    input.pledgeIds,
    async (tx, p) =>
      (
        await applyTier(tx, actor, p, await tierChange(tx, p, input.tier, undefined), {
          bulk: true,
        })
      ).changed,
  );
}

/**
 * Moves a pledge's boundaries to [start, end) of its report's source, trimmed of whitespace and
 * punctuation; text is always sourceText.slice(start, end). Refused (INVALID_INPUT): a span
 * outside the source or the report body (SPAN_INVALID, SPAN_OUTSIDE_REPORT), empty after trimming
 * (SPAN_EMPTY), too long (PLEDGE_TOO_LONG), not touching the old span (SPAN_DISJOINT: an
 * adjustment, not a move; this also keeps the pledges in order), outside the pledge's section
 * (SPAN_OUTSIDE_SECTION), or overlapping another pledge (PLEDGE_OVERLAP, naming it). Target, kind
 * and (unless a person set it) tier are re-derived. Audited (`pledge.span`); a submitted or
 * approved verdict is reopened (span_changed). The same span → no write.
 */
export async function adjustPledgeSpan(
  actor: Actor,
  input: AdjustPledgeSpanInput,
): Promise<{ id: string; version: number; reopened: boolean; start: number; end: number }> {
  return writeTransaction(async (tx) => {
    const report = await loadReport(tx, input.reportId);
    const p = await loadPledge(tx, input.reportId, input.pledgeId, input.version);
    const { sourceText, script } = report;
    if (!(input.start >= 0 && input.start < input.end && input.end <= sourceText.length))
      throw new AppError("INVALID_INPUT", "SPAN_INVALID");
    const span = trimSpan(sourceText, input.start, input.end);
    if (span.start >= span.end) throw new AppError("INVALID_INPUT", "SPAN_EMPTY");
    const bodyEnd = report.bodyEnd > report.bodyStart ? report.bodyEnd : sourceText.length;
    if (span.start < report.bodyStart || span.end > bodyEnd)
      throw new AppError("INVALID_INPUT", "SPAN_OUTSIDE_REPORT");
    if (span.end - span.start > MAX_PLEDGE_LENGTH)
      throw new AppError("INVALID_INPUT", "PLEDGE_TOO_LONG");
    if (span.start === p.start && span.end === p.end)
      return { id: p.id, version: p.version, reopened: false, start: p.start, end: p.end };
    if (span.start >= p.end || span.end <= p.start)
      throw new AppError("INVALID_INPUT", "SPAN_DISJOINT");
    if (p.sectionId) {
      const section = await tx.section.findUnique({
        where: { id: p.sectionId },
        select: { start: true, end: true },
      });
      if (section && (span.start < section.start || span.end > section.end))
        throw new AppError("INVALID_INPUT", "SPAN_OUTSIDE_SECTION");
    }
    const overlap = await tx.pledge.findFirst({
      where: {
        reportId: p.reportId,
        id: { not: p.id },
        start: { lt: span.end },
        end: { gt: span.start },
      },
      select: { id: true, text: true },
      orderBy: { start: "asc" },
    });
    if (overlap)
      throw new AppError("INVALID_INPUT", "PLEDGE_OVERLAP", {
        pledgeId: overlap.id,
        text: overlap.text,
      });
    const after = await guardedUpdate(tx, p, input.version, {
      start: span.start,
      end: span.end,
      ...keepPersonTier(p, analyseSpan(sourceText, script, span.start, span.end)),
    });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "pledge",
      entityId: p.id,
      action: "pledge.span",
      before: snapshot(p),
      after: { ...snapshot(after), requested: { start: input.start, end: input.end } },
      reportId: p.reportId,
      pledgeId: p.id,
    });
    const { reopened, version } = await reopenForChange(tx, actor.id, p.id, "span_changed", {
      before: { start: p.start, end: p.end },
      after: span,
    });
    return { id: p.id, version, reopened, start: span.start, end: span.end };
  });
}

/**
 * Sets or clears (null) a pledge's title: an analyst's short label where the source words alone
 * do not stand. The source text is untouched and the verdict does not rest on the title, so no
 * verdict is reopened. Audited (`pledge.title`); unchanged → no write.
 */
export async function setPledgeTitle(
  actor: Actor,
  input: SetPledgeTitleInput,
): Promise<{ id: string; version: number }> {
  return writeTransaction(async (tx) => {
    const p = await loadPledge(tx, input.reportId, input.pledgeId, input.version);
    if ((p.title ?? null) === input.title) return { id: p.id, version: p.version };
    const after = await guardedUpdate(tx, p, input.version, { title: input.title });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "pledge",
      entityId: p.id,
      action: "pledge.title",
      before: { title: p.title },
      after: { title: after.title },
      reportId: p.reportId,
      pledgeId: p.id,
    });
    return { id: p.id, version: after.version };
  });
}

// ---------------------------------------------------------------------------------------------
// The one-time data step of the tier migration

export type RetierSummary = {
  reports: number;
  pledges: number;
  trackable: number;
  direction: number;
  changed: number;
  excluded: number;
};

/**
 * Re-derives the tier of stored pledges with the parser's classifier (classifyTier on the
 * pledge's text and stored target), report by report, each report in one transaction with one
 * `pledge.retier` audit row on the report. By default only the rows the tier migration carried
 * over from their kind (tierSource "kind"); with `all`, every row whose tier no person set (after
 * a better classifier). A person's tier is never touched. Idempotent: re-derived rows become
 * tierSource "parser", so a second run finds nothing to do. `cli retier` runs it; `cli migrate`
 * and `npm start` run the default (pending rows only) after the migrations.
 *
 * It changes what the parser suggests, not what a verdict rests on (text, target and kind stay),
 * so no verdict is reopened.
 *
 * Rows carried over from the old parser that the new parser would not extract at all (no
 * extracted item overlaps them: rhetoric, situation, fragments) are marked "not a pledge" by the
 * system (excludedById null, a `pledge.exclude` row with `system: true`), but only when nobody
 * has worked on them: no verdict, rationale or figure, not assigned, no evidence, no comments.
 * Anything with work stays as it is. Nothing is deleted; an analyst can restore any of them.
 */
export async function retierPledges(
  options: { all?: boolean; log?: (line: string) => void } = {},
): Promise<RetierSummary> {
  const pending = options.all ? { tierSource: { not: "person" } } : { tierSource: "kind" };
  const summary: RetierSummary = {
    reports: 0,
    pledges: 0,
    trackable: 0,
    direction: 0,
    changed: 0,
    excluded: 0,
  };
  const reports = await db.pledge.groupBy({ by: ["reportId"], where: pending });
  for (const { reportId } of reports) {
    const report = await db.report.findUnique({
      where: { id: reportId },
      select: { sourceText: true, script: true },
    });
    if (!report) continue;
    const rows = await db.pledge.findMany({
      where: { reportId, ...pending },
      select: {
        id: true,
        start: true,
        end: true,
        tier: true,
        tierReason: true,
        tierSource: true,
        targetValue: true,
        targetValueMax: true,
        targetUnit: true,
        targetComparator: true,
        targetGrowth: true,
      },
    });
    const script: Script = report.script === "traditional" ? "traditional" : "simplified";
    const a = normalizeForParse(report.sourceText, script);
    // Same (tier, reason) → one UPDATE; only rows still pending are written (a person may have set one meanwhile).
    const groups = new Map<string, { tier: string; tierReason: string | null; ids: string[] }>();
    let changed = 0;
    // Where today's parser extracts the very same span, its tier is the one (it knows the item's
    // context: a headline indicator is a target whatever its words); elsewhere the span is re-read.
    const extracted = parseReport(report.sourceText).pledges;
    const bySpan = new Map(extracted.map((x) => [`${x.start}:${x.end}`, x]));
    for (const p of rows) {
      const same = bySpan.get(`${p.start}:${p.end}`);
      const d: DerivedTier = same
        ? { tier: same.tier, tierReason: same.tierReason, tierSource: "parser" }
        : deriveTier(a.slice(p.start, p.end), p);
      if (d.tier !== p.tier || d.tierReason !== p.tierReason) changed++;
      summary[d.tier === "trackable" ? "trackable" : "direction"]++;
      const key = `${d.tier}:${d.tierReason}`;
      const g = groups.get(key) ?? { tier: d.tier, tierReason: d.tierReason, ids: [] };
      g.ids.push(p.id);
      groups.set(key, g);
    }
    // Carried-over rows the parser of today would not extract (parsed outside the transaction).
    const notExtracted: string[] = [];
    if (rows.some((p) => p.tierSource === "kind")) {
      for (const p of rows) {
        if (p.tierSource === "kind" && !extracted.some((x) => x.start < p.end && x.end > p.start))
          notExtracted.push(p.id);
      }
    }
    const excluded = await writeTransaction(
      async (tx) => {
        for (const g of groups.values()) {
          for (let i = 0; i < g.ids.length; i += 500) {
            await tx.pledge.updateMany({
              where: { id: { in: g.ids.slice(i, i + 500) }, ...pending },
              data: { tier: g.tier, tierReason: g.tierReason, tierSource: "parser" },
            });
          }
        }
        // Only what nobody has worked on; the conditions are checked again inside the transaction.
        const idle = notExtracted.length
          ? await tx.pledge.findMany({
              where: {
                id: { in: notExtracted },
                excluded: false,
                status: "not_assessed",
                reviewState: "draft",
                rationale: null,
                reportedValue: null,
                assigneeId: null,
                evidence: { none: {} },
                comments: { none: {} },
              },
              select: { id: true },
            })
          : [];
        if (idle.length) {
          const now = new Date();
          await tx.pledge.updateMany({
            where: { id: { in: idle.map((p) => p.id) } },
            data: {
              excluded: true,
              excludedById: null,
              excludedAt: now,
              version: { increment: 1 },
            },
          });
          for (const p of idle) {
            await recordAuditEvent(tx, {
              actorId: null,
              entityType: "pledge",
              entityId: p.id,
              action: "pledge.exclude",
              before: { excluded: false },
              after: { excluded: true, system: true, reason: "not_extracted" },
              reportId,
              pledgeId: p.id,
            });
          }
        }
        await recordAuditEvent(tx, {
          actorId: null,
          entityType: "report",
          entityId: reportId,
          action: "pledge.retier",
          after: {
            pledges: rows.length,
            changed,
            excluded: idle.length,
            all: Boolean(options.all),
          },
          reportId,
        });
        return idle.length;
      },
      { timeout: 60_000 },
    );
    summary.reports++;
    summary.pledges += rows.length;
    summary.changed += changed;
    summary.excluded += excluded;
    options.log?.(
      `report ${reportId}: ${rows.length} pledges re-derived, ${changed} changed tier, ${excluded} marked not a pledge`,
    );
  }
  return summary;
}
