import "server-only";
import { writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { reopenForChange } from "@/lib/assessments/mutations";
import { getPairing } from "@/lib/pairing/data";

const MAX_QUOTE = 2000;
const EDGE = /[\s\u3000,，。；;、：:！!？?]/;

/**
 * Links a span of the next year's report as evidence for a pledge. The span must lie in the report
 * that reviews the pledge's plan (lib/pairing: a cleared pairing leaves nothing to link from); the quote is the exact source slice,
 * trimmed of surrounding spaces and punctuation. The same span twice is refused with DUPLICATE.
 * New evidence changes what the verdict rests on: a submitted or approved one is reopened
 * (`reopened`; see reopenForChange).
 */
export async function linkReviewEvidence(
  actorId: string,
  input: { pledgeId: string; start: number; end: number; score?: number | null },
): Promise<{ id: string; reopened: boolean }> {
  return writeTransaction(async (tx) => {
    const pledge = await tx.pledge.findUnique({
      where: { id: input.pledgeId },
      select: { id: true, reportId: true },
    });
    if (!pledge) throw new AppError("NOT_FOUND");
    const pair = (await getPairing(tx, pledge.reportId))?.review ?? null;
    if (!pair) throw new AppError("INVALID_INPUT", "NO_REVIEW_REPORT");
    const review = await tx.report.findUnique({
      where: { id: pair.id },
      select: { id: true, sourceText: true },
    });
    if (!review) throw new AppError("NOT_FOUND");
    let { start, end } = input;
    if (!(
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      start >= 0 &&
      end <= review.sourceText.length &&
      start < end
    )) {
      throw new AppError("INVALID_INPUT", "SPAN_INVALID");
    }
    while (start < end && EDGE.test(review.sourceText[start])) start++;
    while (end > start && EDGE.test(review.sourceText[end - 1])) end--;
    if (start >= end) throw new AppError("INVALID_INPUT", "SPAN_EMPTY");
    if (end - start > MAX_QUOTE) throw new AppError("INVALID_INPUT", "SPAN_TOO_LONG");
    const dup = await tx.evidence.findFirst({
      where: { pledgeId: pledge.id, sourceReportId: review.id, start, end },
      select: { id: true },
    });
    if (dup) throw new AppError("DUPLICATE", "EVIDENCE_DUPLICATE");
    const quote = review.sourceText.slice(start, end);
    const created = await tx.evidence.create({
      data: {
        pledgeId: pledge.id,
        kind: "review",
        sourceReportId: review.id,
        start,
        end,
        quote,
        score: input.score ?? null,
        createdById: actorId,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "evidence",
      entityId: created.id,
      action: "evidence.link",
      after: { kind: "review", sourceReportId: review.id, start, end, quote },
      reportId: pledge.reportId,
      pledgeId: pledge.id,
    });
    const { reopened } = await reopenForChange(tx, actorId, pledge.id, "evidence_linked", {
      evidenceId: created.id,
    });
    return { id: created.id, reopened };
  });
}

/**
 * Links an external source (URL, quoted text, date, note) where the review is silent; like any
 * new evidence it reopens a submitted or approved verdict (`reopened`).
 */
export async function linkExternalEvidence(
  actorId: string,
  input: {
    pledgeId: string;
    url?: string | null;
    quote: string;
    sourceDate?: string | null;
    note?: string | null;
  },
): Promise<{ id: string; reopened: boolean }> {
  return writeTransaction(async (tx) => {
    const pledge = await tx.pledge.findUnique({
      where: { id: input.pledgeId },
      select: { id: true, reportId: true },
    });
    if (!pledge) throw new AppError("NOT_FOUND");
    const data = {
      kind: "external",
      quote: input.quote,
      url: input.url ?? null,
      sourceDate: input.sourceDate ?? null,
      note: input.note ?? null,
    };
    const created = await tx.evidence.create({
      data: { ...data, pledgeId: pledge.id, createdById: actorId },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "evidence",
      entityId: created.id,
      action: "evidence.link",
      after: data,
      reportId: pledge.reportId,
      pledgeId: pledge.id,
    });
    const { reopened } = await reopenForChange(tx, actorId, pledge.id, "evidence_linked", {
      evidenceId: created.id,
    });
    return { id: created.id, reopened };
  });
}

/**
 * Removes a linked evidence item of a pledge; the audit event keeps what it was. A submitted or
 * approved verdict loses part of its basis and is reopened (`reopened`).
 */
export async function unlinkEvidence(
  actorId: string,
  input: { pledgeId: string; evidenceId: string },
): Promise<{ reopened: boolean }> {
  return writeTransaction(async (tx) => {
    const evidence = await tx.evidence.findFirst({
      where: { id: input.evidenceId, pledgeId: input.pledgeId },
      select: {
        id: true,
        kind: true,
        quote: true,
        start: true,
        end: true,
        sourceReportId: true,
        url: true,
        sourceDate: true,
        note: true,
        pledge: { select: { reportId: true } },
      },
    });
    if (!evidence) throw new AppError("NOT_FOUND");
    await tx.evidence.delete({ where: { id: evidence.id } });
    const { pledge, ...before } = evidence;
    await recordAuditEvent(tx, {
      actorId,
      entityType: "evidence",
      entityId: evidence.id,
      action: "evidence.unlink",
      before,
      reportId: pledge.reportId,
      pledgeId: input.pledgeId,
    });
    const { reopened } = await reopenForChange(tx, actorId, input.pledgeId, "evidence_unlinked", {
      evidenceId: evidence.id,
    });
    return { reopened };
  });
}
