import "server-only";
import { type Tx, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { reopenForChange } from "@/lib/assessments/mutations";
import { hasVerdict, reopensOnChange } from "@/lib/assessments/transitions";
import { classifyPledge } from "@/lib/report/pledges";
import { normalizeForParse, toSimplified } from "@/lib/report/script";
import { findMainTarget } from "@/lib/report/targets";
import type { Script } from "@/lib/report/types";
import {
  MAX_PLEDGE_LENGTH,
  splitSpan,
  trimSpan,
  type CreatePledgeInput,
  type DeletePledgeInput,
  type MergePledgeInput,
  type SplitPledgeInput,
  type UpdatePledgeInput,
} from "./schema";

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
  version: number;
};

type TargetFields = Pick<PledgeRow, "targetValue" | "targetValueMax" | "targetUnit" | "targetComparator" | "targetGrowth">;

const NO_TARGET: TargetFields = { targetValue: null, targetValueMax: null, targetUnit: null, targetComparator: null, targetGrowth: false };

/** A pledge's verdict: what a merge or delete would lose, and what the delete's audit row keeps. */
const verdictSelect = { status: true, rationale: true, reportedValue: true, reviewState: true, approvedById: true } as const;

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
    target: p.targetValue === null ? null : { value: p.targetValue, valueMax: p.targetValueMax, unit: p.targetUnit, comparator: p.targetComparator, growth: p.targetGrowth },
    version: p.version,
  };
}

async function loadReport(tx: Tx, reportId: string): Promise<{ sourceText: string; script: Script }> {
  const report = await tx.report.findUnique({ where: { id: reportId }, select: { sourceText: true, script: true } });
  if (!report) throw new AppError("NOT_FOUND");
  return { sourceText: report.sourceText, script: report.script === "traditional" ? "traditional" : "simplified" };
}

/** The pledge by id AND report (an id from another report finds nothing), at the version the caller read. */
async function loadPledge(tx: Tx, reportId: string, pledgeId: string, version: number): Promise<PledgeRow> {
  const p = await tx.pledge.findFirst({ where: { id: pledgeId, reportId }, select: pledgeSelect });
  if (!p) throw new AppError("NOT_FOUND");
  if (p.version !== version) throw new AppError("CONFLICT", "PLEDGE_STALE");
  return p;
}

/** Writes `data` only if the row is still at `version` (the guard against a concurrent writer), bumping it. */
async function guardedUpdate(tx: Tx, p: PledgeRow, version: number, data: Record<string, unknown>): Promise<PledgeRow> {
  const res = await tx.pledge.updateMany({ where: { id: p.id, reportId: p.reportId, version }, data: { ...data, version: { increment: 1 } } });
  if (res.count !== 1) throw new AppError("CONFLICT", "PLEDGE_STALE");
  return (await tx.pledge.findUniqueOrThrow({ where: { id: p.id }, select: pledgeSelect })) as PledgeRow;
}

/**
 * Text, search text, kind and main target of the span [start, end) of a report, re-derived on the
 * server with the parser's helpers (findMainTarget, classifyPledge) on the normalised text around
 * the span (the helpers look a few characters back for 不低于, 《…》 and the like).
 */
export function analyseSpan(
  sourceText: string,
  script: Script,
  start: number,
  end: number,
): { text: string; searchText: string; kind: string } & TargetFields {
  const text = sourceText.slice(start, end);
  const from = Math.max(0, start - 40);
  const window = normalizeForParse(sourceText.slice(from, Math.min(sourceText.length, end + 8)), script);
  const target = findMainTarget(window, start - from, end - from);
  const kind = classifyPledge(window.slice(start - from, end - from), target);
  return {
    text,
    searchText: toSimplified(text),
    kind,
    ...(target
      ? { targetValue: target.value, targetValueMax: target.valueMax ?? null, targetUnit: target.unit, targetComparator: target.comparator, targetGrowth: target.growth }
      : NO_TARGET),
  };
}

/** Makes room at `position` by moving every later pledge of the report one place down. */
async function shiftPositions(tx: Tx, reportId: string, position: number): Promise<void> {
  await tx.pledge.updateMany({ where: { reportId, position: { gte: position } }, data: { position: { increment: 1 } } });
}

/**
 * Splits a pledge at source offset `at` into two pledges whose spans are trimmed of whitespace and
 * punctuation at the cut. The first keeps the id, assessment and evidence; the second is new, in
 * the same section and topic, with no verdict. Both get text = sourceText.slice(start, end) and a
 * re-parsed target and kind. The first's text changed, so a submitted or approved verdict of it is
 * reopened (`reopened`; see reopenForChange). A stale version → CONFLICT; a cut that leaves an
 * empty part → INVALID_INPUT.
 */
export async function splitPledge(actor: Actor, input: SplitPledgeInput): Promise<{ firstId: string; secondId: string; reopened: boolean }> {
  return writeTransaction(async (tx) => {
    const { sourceText, script } = await loadReport(tx, input.reportId);
    const p = await loadPledge(tx, input.reportId, input.pledgeId, input.version);
    const parts = splitSpan(sourceText, p.start, p.end, input.at);
    if (!parts) throw new AppError("INVALID_INPUT", "SPLIT_POINT_INVALID");
    const [a, b] = parts;
    const first = await guardedUpdate(tx, p, input.version, { start: a.start, end: a.end, ...analyseSpan(sourceText, script, a.start, a.end) });
    await shiftPositions(tx, p.reportId, p.position + 1);
    const second = (await tx.pledge.create({
      data: {
        reportId: p.reportId,
        sectionId: p.sectionId,
        topic: p.topic,
        start: b.start,
        end: b.end,
        position: p.position + 1,
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
    const { reopened } = await reopenForChange(tx, actor.id, first.id, "pledge_split", { secondId: second.id });
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
export async function mergePledges(actor: Actor, input: MergePledgeInput): Promise<{ id: string; reopened: boolean }> {
  return writeTransaction(async (tx) => {
    const { sourceText, script } = await loadReport(tx, input.reportId);
    const p = await loadPledge(tx, input.reportId, input.pledgeId, input.version);
    const next = await loadPledge(tx, input.reportId, input.nextPledgeId, input.nextVersion);
    if (next.id === p.id || next.start < p.end) throw new AppError("INVALID_INPUT", "MERGE_NOT_NEXT");
    const between = await tx.pledge.count({ where: { reportId: p.reportId, start: { gte: p.end, lt: next.start } } });
    if (between > 0) throw new AppError("INVALID_INPUT", "MERGE_NOT_NEXT");
    if (next.sectionId !== p.sectionId) throw new AppError("INVALID_INPUT", "MERGE_ACROSS_SECTIONS");
    if (next.end - p.start > MAX_PLEDGE_LENGTH) throw new AppError("INVALID_INPUT", "PLEDGE_TOO_LONG");
    const nextVerdict = await tx.pledge.findUniqueOrThrow({ where: { id: next.id }, select: verdictSelect });
    if (hasVerdict(nextVerdict)) throw new AppError("INVALID_INPUT", "MERGE_WOULD_LOSE_VERDICT");
    const movedEvidence = (await tx.evidence.updateMany({ where: { pledgeId: next.id }, data: { pledgeId: p.id } })).count;
    const movedComments = (await tx.comment.updateMany({ where: { pledgeId: next.id }, data: { pledgeId: p.id } })).count;
    const removed = await tx.pledge.deleteMany({ where: { id: next.id, reportId: next.reportId, version: input.nextVersion } });
    if (removed.count !== 1) throw new AppError("CONFLICT", "PLEDGE_STALE");
    const merged = await guardedUpdate(tx, p, input.version, { end: next.end, ...analyseSpan(sourceText, script, p.start, next.end) });
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
    const { reopened } = await reopenForChange(tx, actor.id, merged.id, "pledge_merged", { mergedId: next.id, movedEvidence });
    return { id: merged.id, reopened };
  });
}

/**
 * Changes a pledge's kind and/or target (target null clears it; undefined leaves it). Span and
 * text are untouched. Nothing to change → no write and no audit row. A verdict rests on the
 * target and kind, so a submitted or approved one is reopened (`reopened`; the version returned is
 * the pledge's after that).
 */
export async function updatePledge(actor: Actor, input: UpdatePledgeInput): Promise<{ id: string; version: number; reopened: boolean }> {
  return writeTransaction(async (tx) => {
    const p = await loadPledge(tx, input.reportId, input.pledgeId, input.version);
    const data: Partial<TargetFields> & { kind?: string } = {};
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
    const changedFields = Object.entries(data).filter(([k, v]) => p[k as keyof PledgeRow] !== v).map(([k]) => k);
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
    // Every field written here is one the verdict rests on; a new one (a tier, say) gets its own
    // ReopenCause in lib/assessments/transitions.ts and a branch here.
    const targetChanged = changedFields.some((k) => k.startsWith("target"));
    const fields = [...(changedFields.includes("kind") ? ["kind"] : []), ...(targetChanged ? ["target"] : [])];
    const { reopened, version } = await reopenForChange(tx, actor.id, after.id, targetChanged ? "target_changed" : "kind_changed", { fields });
    return { id: after.id, version, reopened };
  });
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
    const verdict = await tx.pledge.findUniqueOrThrow({ where: { id: p.id }, select: verdictSelect });
    // The verdicts a change would reopen are exactly those with a review to lose.
    if (reopensOnChange(verdict.reviewState)) throw new AppError("INVALID_INPUT", "DELETE_WOULD_LOSE_VERDICT");
    const removed = await tx.pledge.deleteMany({ where: { id: p.id, reportId: p.reportId, version: input.version } });
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
export async function createPledge(actor: Actor, input: CreatePledgeInput): Promise<{ id: string }> {
  return writeTransaction(async (tx) => {
    const { sourceText, script } = await loadReport(tx, input.reportId);
    if (!(input.start >= 0 && input.start < input.end && input.end <= sourceText.length)) throw new AppError("INVALID_INPUT", "SPAN_INVALID");
    const span = trimSpan(sourceText, input.start, input.end);
    if (span.start >= span.end) throw new AppError("INVALID_INPUT", "SPAN_EMPTY");
    if (span.end - span.start > MAX_PLEDGE_LENGTH) throw new AppError("INVALID_INPUT", "PLEDGE_TOO_LONG");
    const overlap = await tx.pledge.findFirst({
      where: { reportId: input.reportId, start: { lt: span.end }, end: { gt: span.start } },
      select: { id: true, text: true },
      orderBy: { start: "asc" },
    });
    if (overlap) throw new AppError("INVALID_INPUT", "PLEDGE_OVERLAP", { pledgeId: overlap.id, text: overlap.text });

    const sections = await tx.section.findMany({
      where: { reportId: input.reportId, start: { lte: span.start }, end: { gte: span.end } },
      select: { id: true, parentId: true, kind: true, start: true, end: true },
    });
    let section: (typeof sections)[number] | null = null;
    for (const s of sections) {
      if (s.kind === "topic") continue;
      const deeper = (s.parentId !== null ? 1 : 0) - (section?.parentId != null ? 1 : 0);
      if (!section || deeper > 0 || (deeper === 0 && s.end - s.start < section.end - section.start)) section = s;
    }
    const topic = section
      ? await tx.section.findFirst({
          where: { reportId: input.reportId, parentId: section.id, kind: "topic", start: { lte: span.start } },
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
        ...analyseSpan(sourceText, script, span.start, span.end),
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
