"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import {
  approveAssessmentAction,
  assignPledgeAction,
  returnAssessmentAction,
  saveAssessmentAction,
  submitAssessmentAction,
  type AssessmentActionResult,
} from "@/lib/assessments/actions";
import { ASSESSMENT_STATUSES, type AssessmentConflict, type AssessmentDto, type PersonDto } from "@/lib/assessments/schema";
import { formatTarget } from "@/lib/pledges/target";
import type { SuggestedVerdictDto } from "@/lib/evidence-links/schema";
import { needsRationale } from "@/lib/assessments/transitions";
import type { ActionError } from "@/lib/app-error";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey, Translate } from "@/lib/i18n/messages";
import { useActionErrorText } from "@/app/_components/action-error-text";
import { formatTime, ReviewStateBadge } from "@/app/_components/assessment-badges";

export type AssessmentPermissions = {
  edit: boolean;
  submit: boolean;
  /** The role may approve and return (reviewer, admin). */
  review: boolean;
  assign: boolean;
  /** canReviewSubmission for this assessment: the role may review and the user neither submitted it nor last wrote its verdict (four eyes). */
  reviewThis: boolean;
  /** ownPartInVerdict: why four eyes bars this user from reviewing it, if it does. */
  ownPart: "submitted" | "wrote" | null;
};

type Props = { assessment: AssessmentDto; permissions: AssessmentPermissions; assignableUsers: PersonDto[]; suggestion?: SuggestedVerdictDto | null };

/** An error may carry a conflict (stale version) and, for a refused save, a way to redo it on the new version. */
type Feedback = { kind: "ok"; text: string } | { kind: "error"; error: ActionError; conflict?: AssessmentConflict; retry?: boolean } | null;


const statusLabel = (t: Translate, status: string) => t(`assessment.status.${status}` as MessageKey);
const stateLabel = (t: Translate, state: string) => t(`assessment.reviewState.${state}` as MessageKey);

/**
 * The assessment of one pledge: verdict, rationale, reported figure, review state and the review
 * steps the signed-in user may take. Every save names the version it read; a refused stale save
 * shows who changed what, and keeps the user's edits in the form.
 */
export function AssessmentPanel({ assessment: a, permissions, assignableUsers, suggestion = null }: Props) {
  const { t } = useTranslator();
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <section className="card p-4" aria-labelledby="assessment-title" data-testid="assessment-panel">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h2 id="assessment-title" className="font-semibold">{t("assessment.title")}</h2>
        <ReviewStateBadge state={a.reviewState} label={stateLabel(t, a.reviewState)} />
        <span className="ml-auto text-xs text-stone-500">{t("assessment.evidenceCount", { count: a.evidenceCount })}</span>
      </div>
      {/* Re-keyed on every new version: the form starts from what the server has now. */}
      <AssessmentForm key={a.version} assessment={a} permissions={permissions} assignableUsers={assignableUsers} suggestion={suggestion} feedback={feedback} setFeedback={setFeedback} />
    </section>
  );
}

/** Keyboard review: letter → verdict (shown in the keys help of the workspace). */
export const STATUS_KEYS: Record<string, string> = { f: "fulfilled", p: "partial", u: "unfulfilled", n: "not_verifiable", i: "in_progress", x: "not_assessed" };

/** Keyboard review: accept the suggested verdict (fills verdict, rationale and reported value). */
export const ACCEPT_KEY = "a";

/**
 * The verdict the evidence suggests, its confidence and the reason quoting the numbers or words it
 * rests on, with the button (and key A) that fills the form from it.
 */
function SuggestionBox({ suggestion, canAccept, pending, onAccept, current }: { suggestion: SuggestedVerdictDto; canAccept: boolean; pending: boolean; onAccept: () => void; current: string }) {
  const { t, locale } = useTranslator();
  const tone = { high: "bg-green-100 text-green-800", medium: "bg-amber-100 text-amber-800", low: "bg-stone-200 text-stone-700" }[suggestion.confidence];
  return (
    <div className="rounded-md border border-sky-200 bg-sky-50/60 px-3 py-2 text-sm" data-testid="suggested-verdict" data-status={suggestion.status} data-confidence={suggestion.confidence}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-sky-900">{t("verdict.suggested")}</span>
        <strong>{statusLabel(t, suggestion.status)}</strong>
        <span className={`badge ${tone}`}>{t(`verdict.confidence.${suggestion.confidence}` as MessageKey)}</span>
        {current !== "not_assessed" ? (
          <span className="text-xs text-stone-500" data-testid="suggested-verdict-match">{t(current === suggestion.status ? "verdict.matches" : "verdict.differs")}</span>
        ) : null}
        {canAccept ? (
          <button type="button" className="btn btn-sm ml-auto" disabled={pending} onClick={onAccept} title={t("verdict.acceptHint")} data-testid="accept-suggestion">
            {t("verdict.accept")} <kbd className="ml-1 text-[10px] opacity-60">A</kbd>
          </button>
        ) : null}
      </div>
      <p className="mt-1 text-xs leading-relaxed text-stone-700" data-testid="suggested-verdict-reason">{suggestion.reason[locale]}</p>
    </div>
  );
}

function AssessmentForm({
  assessment: a,
  permissions: can,
  assignableUsers,
  suggestion,
  feedback,
  setFeedback,
}: Props & { feedback: Feedback; setFeedback: (f: Feedback) => void }) {
  const { t, locale } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [transitioning, startTransition] = useTransition();
  // After a successful step the server has a new version; until the refreshed data re-keys this
  // form, further steps would carry the old version, so the form stays busy.
  const [refreshing, setRefreshing] = useState(false);
  const pending = transitioning || refreshing;
  const [status, setStatus] = useState<string>(a.status);
  const [rationale, setRationale] = useState(a.rationale ?? "");
  const [reportedValue, setReportedValue] = useState(a.reportedValue ?? "");
  const [returning, setReturning] = useState(false);
  const [returnComment, setReturnComment] = useState("");

  const dirty = status !== a.status || rationale.trim() !== (a.rationale ?? "").trim() || reportedValue.trim() !== (a.reportedValue ?? "").trim();
  const leavesReview = dirty && (a.reviewState === "approved" || a.reviewState === "submitted");
  const rationaleMissing = needsRationale(status) && rationale.trim() === "";

  function act<T>(fn: () => Promise<AssessmentActionResult<T>>, okText: (data: T) => string, after?: () => void, retry = false) {
    startTransition(async () => {
      const res = await fn();
      if (res.ok) {
        setFeedback({ kind: "ok", text: okText(res.data) });
        if (res.data && typeof res.data === "object" && "version" in res.data) setRefreshing(true);
        after?.();
        router.refresh();
      } else {
        setFeedback({ kind: "error", error: res, conflict: res.conflict, retry });
      }
    });
  }

  function save(version: number) {
    act(
      () => saveAssessmentAction({ pledgeId: a.pledgeId, version, status, rationale, reportedValue }),
      (d) => t(d.reopened ? "assessment.reopened" : "assessment.saved"),
      undefined,
      true,
    );
  }

  // Keyboard review: a letter sets the verdict and puts the cursor in the rationale; Enter in the
  // rationale saves (Shift+Enter: new line); Enter elsewhere saves pending edits, else submits.
  const rationaleRef = useRef<HTMLTextAreaElement>(null);
  const canSubmitNow = can.submit && (a.reviewState === "draft" || a.reviewState === "returned");
  const keys = useRef({ dirty: false, rationaleMissing: false, canSubmitNow: false, pending: false, save: () => {}, submit: () => {}, accept: () => {} });
  useEffect(() => {
    keys.current = {
      dirty,
      rationaleMissing,
      canSubmitNow,
      pending,
      save: () => save(a.version),
      submit: () => act(() => submitAssessmentAction({ pledgeId: a.pledgeId, version: a.version }), () => t("assessment.submittedOk")),
      accept: acceptSuggestion,
    };
  });

  // Accepting a suggestion fills the form (verdict, rationale quoting the evidence, reported
  // figure) without saving: the analyst reads and edits it, then saves with Enter.
  function acceptSuggestion() {
    if (!suggestion || !can.edit) return;
    setStatus(suggestion.status);
    setRationale(suggestion.reason[locale]);
    if (a.target && suggestion.reportedValue) setReportedValue(suggestion.reportedValue);
    setFeedback({ kind: "ok", text: t("verdict.filled") });
    requestAnimationFrame(() => rationaleRef.current?.focus());
  }
  useEffect(() => {
    if (!can.edit) return;
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey || e.isComposing) return;
      const k = keys.current;
      const target = e.target as HTMLElement;
      if (target === rationaleRef.current) {
        if (e.key === "Enter" && !e.shiftKey) {
          e.preventDefault();
          if (k.dirty && !k.rationaleMissing && !k.pending) k.save();
          rationaleRef.current?.blur();
        } else if (e.key === "Escape") rationaleRef.current?.blur();
        return;
      }
      if (target.closest("input, textarea, select, button, [contenteditable]")) return;
      const status = STATUS_KEYS[e.key.toLowerCase()];
      if (e.key.toLowerCase() === ACCEPT_KEY && !e.shiftKey) {
        e.preventDefault();
        k.accept();
      } else if (status) {
        e.preventDefault();
        setStatus(status);
        requestAnimationFrame(() => rationaleRef.current?.focus());
      } else if (e.key === "Enter" && !k.pending) {
        e.preventDefault();
        if (k.dirty) {
          if (!k.rationaleMissing) k.save();
        } else if (k.canSubmitNow) k.submit();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [can.edit]);

  const conflict = feedback?.kind === "error" ? feedback.conflict : undefined;
  const retry = feedback?.kind === "error" ? feedback.retry : undefined;

  return (
    <div className="space-y-3">
      {a.reviewState === "returned" && a.lastReturn ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="assessment-returned">
          <p className="text-xs font-medium text-amber-900">{t("assessment.returnedBy", { name: a.lastReturn.author ?? t("history.system") })}</p>
          <p className="mt-0.5 whitespace-pre-wrap text-amber-950">{a.lastReturn.body}</p>
        </div>
      ) : null}
      {a.reviewState === "approved" && a.approvedBy ? (
        <p className="rounded-md bg-green-50 px-3 py-2 text-xs text-green-900">{t("assessment.approvedBy", { name: a.approvedBy.name, date: formatTime(a.approvedAt) })}</p>
      ) : null}
      {a.reviewState === "submitted" && a.submittedBy ? (
        <p className="rounded-md bg-sky-50 px-3 py-2 text-xs text-sky-900">{t("assessment.submittedBy", { name: a.submittedBy.name, date: formatTime(a.submittedAt) })}</p>
      ) : null}
      {a.reviewState === "draft" && a.reopened ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="assessment-reopened" data-cause={a.reopened.cause}>
          {t(a.reopened.from === "submitted" ? "assessment.reopenedBanner.submitted" : "assessment.reopenedBanner.approved", {
            cause: t(`assessment.reopenCause.${a.reopened.cause}` as MessageKey),
            name: a.reopened.by ?? t("history.system"),
            date: formatTime(a.reopened.at),
          })}
        </p>
      ) : null}
      {a.assessedBy && a.status !== "not_assessed" ? (
        <p className="text-xs text-stone-500" data-testid="assessment-assessed-by">{t("assessment.assessedBy", { name: a.assessedBy.name, date: formatTime(a.assessedAt) })}</p>
      ) : null}

      {suggestion ? <SuggestionBox suggestion={suggestion} canAccept={can.edit} pending={pending} onAccept={acceptSuggestion} current={status} /> : null}

      <fieldset disabled={!can.edit || pending}>
        <legend className="label">{t("assessment.field.status")}</legend>
        <div role="radiogroup" aria-label={t("assessment.field.status")} className="flex flex-wrap gap-1.5" data-testid="assessment-status">
          {ASSESSMENT_STATUSES.map((s) => (
            <label
              key={s}
              className={`cursor-pointer rounded-md border px-2.5 py-1 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 ${
                status === s ? "border-brand-700 bg-brand-600 text-white" : "border-stone-300 bg-white text-stone-800 hover:bg-stone-50"
              }`}
            >
              <input type="radio" name={`status-${a.pledgeId}`} value={s} checked={status === s} onChange={() => setStatus(s)} className="sr-only" />
              {statusLabel(t, s)}
              <kbd aria-hidden className="ml-1 text-[10px] uppercase opacity-60">{Object.keys(STATUS_KEYS).find((k) => STATUS_KEYS[k] === s)}</kbd>
            </label>
          ))}
        </div>
      </fieldset>

      <div>
        <label className="label" htmlFor="assessment-rationale">
          {t("assessment.field.rationale")}
          {needsRationale(status) ? <span className="text-brand-700"> *</span> : null}
        </label>
        <textarea
          ref={rationaleRef}
          id="assessment-rationale"
          className="input h-24 leading-relaxed"
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          readOnly={!can.edit}
          aria-describedby="assessment-rationale-hint"
        />
        <p id="assessment-rationale-hint" className="mt-0.5 text-xs text-stone-500">{t("assessment.rationaleHint")}</p>
      </div>

      {a.target ? (
        <div>
          <label className="label" htmlFor="assessment-reported">{t("assessment.field.reportedValue")}</label>
          <input id="assessment-reported" className="input max-w-xs" value={reportedValue} onChange={(e) => setReportedValue(e.target.value)} readOnly={!can.edit} />
          <p className="mt-0.5 text-xs text-stone-500">{t("assessment.reportedValueHint", { target: formatTarget(a.target, t("target.growthSuffix")) })}</p>
        </div>
      ) : null}

      {leavesReview ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="assessment-reopen-notice">
          {t(a.reviewState === "approved" ? "assessment.reopenNotice" : "assessment.withdrawNotice")}
        </p>
      ) : null}

      {!can.edit ? <p className="text-xs text-stone-500">{t("assessment.readOnly")}</p> : null}

      <div className="flex flex-wrap items-center gap-2">
        {can.edit ? (
          <button type="button" className="btn btn-primary" disabled={pending || !dirty || rationaleMissing} onClick={() => save(a.version)} title={rationaleMissing ? t("field.RATIONALE_REQUIRED") : undefined}>
            {pending ? t("assessment.saving") : t(leavesReview ? (a.reviewState === "approved" ? "assessment.saveReopen" : "assessment.saveWithdraw") : "assessment.save")}
          </button>
        ) : null}
        {can.submit && (a.reviewState === "draft" || a.reviewState === "returned") ? (
          <button
            type="button"
            className="btn"
            disabled={pending || dirty}
            onClick={() => act(() => submitAssessmentAction({ pledgeId: a.pledgeId, version: a.version }), () => t("assessment.submittedOk"))}
          >
            {t("assessment.submit")}
          </button>
        ) : null}
        {a.reviewState === "submitted" && can.reviewThis ? (
          <>
            <button
              type="button"
              className="btn border-green-700 bg-green-600 text-white hover:bg-green-700"
              disabled={pending || dirty}
              onClick={() => act(() => approveAssessmentAction({ pledgeId: a.pledgeId, version: a.version }), () => t("assessment.approvedOk"))}
            >
              {t("assessment.approve")}
            </button>
            <button type="button" className="btn" disabled={pending || dirty} onClick={() => setReturning((r) => !r)} aria-expanded={returning}>
              {t("assessment.return")}
            </button>
          </>
        ) : null}
        {dirty && can.submit && (a.reviewState === "draft" || a.reviewState === "returned") ? <span className="text-xs text-stone-500">{t("assessment.unsaved")}</span> : null}
      </div>

      {a.reviewState === "submitted" && can.review && !can.reviewThis ? (
        <p className="text-xs text-stone-600" data-testid="assessment-four-eyes">{t(can.ownPart === "wrote" ? "assessment.fourEyesWrote" : "assessment.fourEyes")}</p>
      ) : null}
      {a.reviewState === "submitted" && !can.review ? <p className="text-xs text-stone-500">{t("assessment.reviewerOnly")}</p> : null}

      {returning ? (
        <form
          className="space-y-2 rounded-md border border-stone-200 bg-stone-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            act(
              () => returnAssessmentAction({ pledgeId: a.pledgeId, version: a.version, comment: returnComment }),
              () => t("assessment.returnedOk"),
              () => setReturning(false),
            );
          }}
        >
          <label className="label" htmlFor="assessment-return-comment">{t("assessment.returnComment")}</label>
          <textarea id="assessment-return-comment" className="input h-20" value={returnComment} onChange={(e) => setReturnComment(e.target.value)} autoFocus />
          <div className="flex gap-2">
            <button className="btn btn-primary" disabled={pending || returnComment.trim() === ""}>{t("assessment.returnConfirm")}</button>
            <button type="button" className="btn" onClick={() => setReturning(false)}>{t("assessment.cancel")}</button>
          </div>
        </form>
      ) : null}

      {feedback?.kind === "ok" ? <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">{feedback.text}</p> : null}
      {feedback?.kind === "error" && !conflict ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{errorText(feedback.error)}</p> : null}
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          read={a}
          pending={pending}
          onReload={() => {
            setFeedback(null);
            router.refresh();
          }}
          onKeep={retry ? () => save(conflict.current.version) : undefined}
        />
      ) : null}
      {can.assign || a.assignee ? (
        <div className="flex items-center gap-2 border-t border-stone-100 pt-3">
          <label className="text-xs font-medium text-stone-600" htmlFor="assessment-assignee">{t("assessment.assignee")}</label>
          {can.assign ? (
            <select
              id="assessment-assignee"
              className="input w-auto py-1"
              value={a.assignee?.id ?? ""}
              disabled={pending}
              onChange={(e) => {
                const assigneeId = e.target.value || null;
                act(() => assignPledgeAction({ pledgeId: a.pledgeId, version: a.version, assigneeId }), () => t("assessment.assignedOk"));
              }}
            >
              <option value="">{t("assessment.unassigned")}</option>
              {assignableUsers.map((u) => (
                <option key={u.id} value={u.id}>{`${u.name}（${t(`role.${u.role}` as MessageKey)}）`}</option>
              ))}
              {a.assignee && !assignableUsers.some((u) => u.id === a.assignee!.id) ? <option value={a.assignee.id}>{a.assignee.name}</option> : null}
            </select>
          ) : (
            <span id="assessment-assignee" className="text-sm">{a.assignee?.name}</span>
          )}
        </div>
      ) : null}

    </div>
  );
}

/** A refused stale save: who changed the pledge, what its values are now (against what this user read), and two ways on. */
function ConflictNotice({
  conflict,
  read,
  pending,
  onReload,
  onKeep,
}: {
  conflict: AssessmentConflict;
  read: AssessmentDto;
  pending: boolean;
  onReload: () => void;
  /** Only for a refused save: save the same edits on the current version. */
  onKeep?: () => void;
}) {
  const { t } = useTranslator();
  const cur = conflict.current;
  const last = conflict.lastChange;
  const empty = t("assessment.empty");
  const rows: { field: MessageKey; before: string; after: string }[] = [];
  if (cur.status !== read.status) rows.push({ field: "assessment.field.status", before: statusLabel(t, read.status), after: statusLabel(t, cur.status) });
  if ((cur.rationale ?? "") !== (read.rationale ?? "")) rows.push({ field: "assessment.field.rationale", before: read.rationale || empty, after: cur.rationale || empty });
  if ((cur.reportedValue ?? "") !== (read.reportedValue ?? "")) rows.push({ field: "assessment.field.reportedValue", before: read.reportedValue || empty, after: cur.reportedValue || empty });
  if (cur.reviewState !== read.reviewState) rows.push({ field: "assessment.field.reviewState", before: stateLabel(t, read.reviewState), after: stateLabel(t, cur.reviewState) });
  if ((cur.assignee?.id ?? null) !== (read.assignee?.id ?? null)) rows.push({ field: "assessment.field.assignee", before: read.assignee?.name ?? t("assessment.unassigned"), after: cur.assignee?.name ?? t("assessment.unassigned") });
  return (
    <div role="alert" className="space-y-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="assessment-conflict">
      <p className="font-medium">
        {last?.actor
          ? t("assessment.conflict.title", { name: last.actor.name, role: t(`role.${last.actor.role}` as MessageKey), time: formatTime(last.at) })
          : t("assessment.conflict.titleUnknown")}
      </p>
      {rows.length ? (
        <>
          <p className="text-xs">{t("assessment.conflict.changed")}</p>
          <ul className="space-y-1 text-xs" data-testid="assessment-conflict-changes">
            {rows.map((r) => (
              <li key={r.field} className="whitespace-pre-wrap">
                <strong>{t(r.field)}</strong>: <span className="line-through opacity-70">{r.before}</span> → <span className="font-medium">{r.after}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="text-xs">{t("assessment.conflict.yours")}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn btn-sm" disabled={pending} onClick={onReload}>{t("assessment.conflict.reload")}</button>
        {onKeep ? <button type="button" className="btn btn-sm" disabled={pending} onClick={onKeep}>{t("assessment.conflict.keep")}</button> : null}
      </div>
    </div>
  );
}
