"use client";
import { tierLabel } from "@/app/_components/tier-label";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import type { PledgeWorkspace } from "@/lib/evidence-links/data";
import { linkExternalEvidenceAction, linkReviewEvidenceAction, unlinkEvidenceAction } from "@/lib/evidence-links/actions";
import type { ActionError, ActionResult } from "@/lib/app-error";
import type { Comparison } from "@/lib/evidence/compare-numbers";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages";
import { MarkedText } from "@/app/_components/marked-text";
import { useActionErrorText } from "@/app/_components/action-error-text";

type Props = { workspace: PledgeWorkspace; canLink: boolean };

const COMPARATOR: Record<string, string> = { ">=": "≥", "<=": "≤", "~": "≈", "=": "=" };

function formatFigure(v: { value: number; unit: string; comparator?: string; growth: boolean }): string {
  const sign = v.comparator && v.comparator !== "=" ? `${COMPARATOR[v.comparator] ?? ""} ` : "";
  return `${sign}${v.growth ? "+" : ""}${v.value}${v.unit}`;
}

/** The target as the pledge writes it (50亿元, with its comparator), else in canonical units. */
function writtenTarget(target: Comparison["target"]): string {
  if (!target.text) return formatFigure(target);
  const comparator = target.ceiling && target.comparator !== "<=" ? "<=" : target.comparator;
  const sign = comparator !== "=" ? `${COMPARATOR[comparator] ?? ""} ` : "";
  return `${sign}${target.text.replace(/(以上|以内|左右|以下)$/, "")}`;
}

function VerdictBadge({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslator();
  const tone = { met: "bg-green-100 text-green-800", below: "bg-red-100 text-red-800", exceeded: "bg-amber-100 text-amber-800", unclear: "bg-stone-200 text-stone-700" }[comparison.verdict];
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-xs" title={t("ws.suggestedVerdict")} data-testid="comparison">
      <span className="text-stone-600">{t("ws.comparison", { target: writtenTarget(comparison.target), reported: comparison.reported.text || formatFigure(comparison.reported) })}</span>
      <span className={`badge ${tone}`}>{t(`ws.verdict.${comparison.verdict}` as MessageKey)}</span>
    </span>
  );
}

/** How far a suggestion can be trusted: its level, with what the level measured on the labelled pairs. */
function LevelBadge({ level }: { level: "strong" | "fair" | "weak" }) {
  const { t } = useTranslator();
  const tone = { strong: "bg-green-100 text-green-800", fair: "bg-amber-100 text-amber-800", weak: "bg-stone-200 text-stone-600" }[level];
  const label = level === "weak" ? t("ws.weak") : t(`ws.level.${level}` as MessageKey);
  return (
    <span className={`badge ${tone}`} title={t(`ws.level.${level}Hint` as MessageKey)} data-testid="suggestion-level" data-level={level}>
      {label}
    </span>
  );
}

/**
 * What the page says when the review appears silent on the pledge: that, a finder that selects a
 * word in next year's report (then L links it), and the way to an external source.
 */
function SilenceNotice({ reviewText, onFind, canLink }: { reviewText: string; onFind: (start: number, end: number) => void; canLink: boolean }) {
  const { t } = useTranslator();
  const [term, setTerm] = useState("");
  const [result, setResult] = useState<string | null>(null);
  const from = useRef(0);
  return (
    <div className="mb-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" role="note" data-testid="ws-silent">
      <p>{t("ws.silent")}</p>
      <form
        className="mt-2 flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const q = term.trim();
          if (!q) return;
          // the next occurrence after the last one found, wrapping around
          let at = reviewText.indexOf(q, from.current);
          if (at < 0) at = reviewText.indexOf(q);
          if (at < 0) {
            setResult(t("ws.silentNotFound", { term: q }));
            return;
          }
          from.current = at + q.length;
          onFind(at, at + q.length);
          setResult(canLink ? t("ws.silentFound", { term: q }) : null);
        }}
      >
        <label className="sr-only" htmlFor="ws-silent-find">{t("ws.silentSearch")}</label>
        <input id="ws-silent-find" className="input w-48 py-1" placeholder={t("ws.silentSearch")} value={term} onChange={(e) => { setTerm(e.target.value); from.current = 0; }} />
        <button className="btn btn-sm">{t("ws.silentSearchGo")}</button>
        <a className="text-xs text-brand-700 hover:underline" href="#ws-external" onClick={() => { const d = document.getElementById("ws-external") as HTMLDetailsElement | null; if (d) d.open = true; }}>{t("ws.external")}</a>
      </form>
      {result ? <p className="mt-1 text-xs" role="status">{result}</p> : null}
    </div>
  );
}

/** Selects [start, end) of the review text in its pane (offsets relative to the pane's text) and scrolls to it. */
function selectReviewSpan(container: HTMLElement | null, start: number, end: number): void {
  if (!container) return;
  const spans = [...container.querySelectorAll<HTMLElement>("[data-offset]")];
  const locate = (offset: number): { node: Node; offset: number } | null => {
    for (let i = spans.length - 1; i >= 0; i--) {
      const base = Number(spans[i].dataset.offset);
      if (base <= offset) {
        const node = spans[i].firstChild;
        return node ? { node, offset: Math.min(offset - base, node.textContent?.length ?? 0) } : null;
      }
    }
    return null;
  };
  const a = locate(start);
  const b = locate(end);
  if (!a || !b) return;
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  (a.node.parentElement ?? container).scrollIntoView({ block: "center" });
}

/** Offsets of the current DOM selection inside the review pane, via data-offset on its text spans. */
function selectionOffsets(container: HTMLElement | null): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (!container || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const at = (node: Node, offset: number): number | null => {
    const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>("[data-offset]");
    if (!el || !container.contains(el)) return null;
    return Number(el.dataset.offset) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  };
  const start = at(range.startContainer, range.startOffset);
  const end = at(range.endContainer, range.endOffset);
  return start !== null && end !== null && end > start ? { start, end } : null;
}

export function LinkingWorkspace({ workspace: ws, canLink }: Props) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [showKeys, setShowKeys] = useState(false);
  const reviewRef = useRef<HTMLDivElement>(null);
  const base = ws.review?.base ?? 0;

  const run = useCallback(
    (fn: () => Promise<ActionResult<unknown>>) =>
      startTransition(async () => {
        const res = await fn();
        if (res.ok) {
          setError(null);
          // A submitted or approved verdict went back to draft: say so where the change was made.
          const reopened = Boolean(res.data && typeof res.data === "object" && "reopened" in res.data && res.data.reopened);
          setNotice(t(reopened ? "ws.changedReopened" : "ws.linkedOk"));
          router.refresh();
        } else {
          setNotice(null);
          setError(res);
        }
      }),
    [router, t],
  );

  const linkSuggestion = useCallback(
    (i: number) => {
      const s = ws.suggestions[i];
      if (!s || !canLink || s.linkedEvidenceId) return;
      setActive(i);
      run(() => linkReviewEvidenceAction({ pledgeId: ws.pledge.id, start: s.start, end: s.end, score: s.score }));
    },
    [ws, canLink, run],
  );

  const linkSelection = useCallback(() => {
    const span = selectionOffsets(reviewRef.current);
    if (!span || !canLink) return;
    run(() => linkReviewEvidenceAction({ pledgeId: ws.pledge.id, start: base + span.start, end: base + span.end }));
    window.getSelection()?.removeAllRanges();
  }, [base, canLink, run, ws.pledge.id]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement;
      if (e.metaKey || e.ctrlKey || e.altKey || target.closest("input, textarea, select, [contenteditable]")) return;
      if (e.key === "?") {
        e.preventDefault();
        setShowKeys((v) => !v);
      } else if (e.key === "Escape") {
        setShowKeys(false);
      } else if (/^[1-9]$/.test(e.key)) {
        e.preventDefault();
        linkSuggestion(Number(e.key) - 1);
      } else if (e.key === "l" || e.key === "L") {
        e.preventDefault();
        linkSelection();
      } else if ((e.key === "j" || e.key === "J") && ws.position.nextId) {
        router.push(`/reports/${ws.report.id}/pledges/${ws.position.nextId}`);
      } else if ((e.key === "k" || e.key === "K") && ws.position.prevId) {
        router.push(`/reports/${ws.report.id}/pledges/${ws.position.prevId}`);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [linkSuggestion, linkSelection, router, ws]);

  const activeSuggestion = ws.suggestions[active];
  const reviewMarks = buildReviewMarks(ws, base);

  return (
    <div className="space-y-3">
      {showKeys ? <KeysHelp onClose={() => setShowKeys(false)} /> : null}
      <nav className="flex flex-wrap items-center gap-2 text-sm" aria-label="pledge navigation">
        <Link href={`/reports/${ws.report.id}`} className="text-brand-700 hover:underline">{ws.report.title}</Link>
        <span className="text-stone-400">›</span>
        <span className="text-stone-600">{t("ws.pledgeOf", { index: ws.position.index + 1, total: ws.position.total })}</span>
        <span className="ml-auto flex gap-2">
          {ws.position.prevId ? <Link className="btn btn-sm" href={`/reports/${ws.report.id}/pledges/${ws.position.prevId}`}>← {t("ws.prev")} (K)</Link> : null}
          {ws.position.nextId ? <Link className="btn btn-sm" href={`/reports/${ws.report.id}/pledges/${ws.position.nextId}`}>{t("ws.next")} (J) →</Link> : null}
        </span>
      </nav>

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="space-y-4 lg:sticky lg:top-16">
          <section className="card p-4" aria-labelledby="ws-pledge">
            <h1 id="ws-pledge" className="label flex flex-wrap items-center gap-1.5">
              {t("ws.pledge")}
              <span className={`badge ${ws.pledge.tier === "trackable" ? "bg-stone-900 text-white" : "bg-stone-100 text-stone-600"}`} data-testid="ws-pledge-tier" data-tier={ws.pledge.tier} title={t(`tiers.source.${ws.pledge.tierSource}` as MessageKey)}>
                {tierLabel(ws.pledge, t)}
              </span>
              {ws.pledge.excluded ? <span className="badge bg-red-50 text-red-800" data-testid="ws-pledge-excluded">{t("tiers.excluded")}</span> : null}
            </h1>
            {ws.pledge.title ? <p className="mb-1 text-lg font-semibold text-stone-900" data-testid="ws-pledge-title">{ws.pledge.title}</p> : null}
            <p className="text-base leading-relaxed" data-testid="ws-pledge-text">
              <MarkedText text={ws.pledge.text} marks={activeSuggestion?.pledgeMarks ?? []} />
            </p>
            <p className="mt-2 text-xs text-stone-500">{[ws.pledge.section, ws.pledge.topic].filter(Boolean).join(" › ")}</p>
            {ws.pledge.target ? (
              <p className="mt-1 text-xs text-stone-600">
                {t("ws.target")}: {formatFigure({ value: ws.pledge.target.value, unit: ws.pledge.target.unit ?? "", comparator: ws.pledge.target.comparator, growth: ws.pledge.target.growth })}
                {ws.pledge.target.valueMax !== null ? `–${ws.pledge.target.valueMax}` : ""}
              </p>
            ) : null}
            <details className="mt-2 text-xs text-stone-500">
              <summary className="cursor-pointer">{t("ws.context")}</summary>
              <p className="mt-1 leading-relaxed">…{ws.context.before}<strong className="text-stone-800">{ws.pledge.text}</strong>{ws.context.after}…</p>
            </details>
          </section>

          <section className="card p-4" aria-labelledby="ws-evidence" data-testid="ws-evidence">
            <h2 id="ws-evidence" className="mb-2 font-semibold">{t("ws.evidence")} <span className="text-stone-400">({ws.evidence.length})</span></h2>
            {ws.evidence.length === 0 ? <p className="text-sm text-stone-500">{t("ws.noEvidence")}</p> : null}
            <ul className="space-y-2">
              {ws.evidence.map((e) => (
                <li key={e.id} className="rounded-md border border-stone-200 p-2 text-sm" data-testid="ws-evidence-item">
                  <div className="mb-1 flex items-center gap-2 text-xs text-stone-500">
                    <span className={`badge ${e.kind === "review" ? "bg-green-100 text-green-800" : "bg-sky-100 text-sky-800"}`}>{t(e.kind === "review" ? "ws.source.review" : "ws.source.external")}</span>
                    <span>{t("ws.by", { name: e.createdBy ?? "—", date: e.createdAt.slice(0, 10) })}</span>
                    {canLink ? (
                      <button type="button" className="ml-auto text-red-700 hover:underline" disabled={pending} onClick={() => run(() => unlinkEvidenceAction({ pledgeId: ws.pledge.id, evidenceId: e.id }))}>
                        {t("ws.unlink")}
                      </button>
                    ) : null}
                  </div>
                  <blockquote className="border-l-2 border-stone-300 pl-2 leading-relaxed">{e.quote}</blockquote>
                  {e.url ? <a className="mt-1 block truncate text-xs text-brand-700 hover:underline" href={e.url} target="_blank" rel="noopener noreferrer nofollow">{e.url}</a> : null}
                  {e.sourceDate || e.note ? <p className="mt-1 text-xs text-stone-500">{[e.sourceDate, e.note].filter(Boolean).join(" · ")}</p> : null}
                  {e.comparison ? <div className="mt-1"><VerdictBadge comparison={e.comparison} /></div> : null}
                </li>
              ))}
            </ul>
          </section>

          {canLink ? <ExternalSourceForm
              pledgeId={ws.pledge.id}
              onDone={(reopened) => {
                setError(null);
                setNotice(t(reopened ? "ws.changedReopened" : "ws.linkedOk"));
                router.refresh();
              }}
            /> : null}
        </div>

        <div className="space-y-4">
          {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{errorText(error)}</p> : null}
          {notice ? <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">{notice}</p> : null}
          {!ws.review ? (
            <section className="card p-4 text-sm" data-testid="ws-no-review">
              <p className="text-stone-700">{t("ws.noReview")}</p>
              {canLink ? <Link href="/reports/import" className="btn btn-primary mt-3">{t("ws.importNext")}</Link> : null}
            </section>
          ) : (
            <>
              <section className="card p-4" aria-labelledby="ws-suggestions" data-testid="ws-suggestions">
                <h2 id="ws-suggestions" className="mb-2 font-semibold">{t("ws.suggestions")}</h2>
                {ws.silent ? (
                  <SilenceNotice
                    onFind={(start, end) => selectReviewSpan(reviewRef.current, start, end)}
                    reviewText={ws.review.text}
                    canLink={canLink}
                  />
                ) : ws.suggestions.length === 0 ? (
                  <p className="text-sm text-stone-500">{t("ws.noSuggestions")}</p>
                ) : null}
                <ol className="space-y-2">
                  {ws.suggestions.map((s, i) => (
                    <li
                      key={`${s.start}-${s.end}`}
                      data-testid="ws-suggestion"
                      className={`flex gap-3 rounded-md border p-2 text-sm ${i === active ? "border-brand-600 bg-brand-50/40" : "border-stone-200"}`}
                      onMouseEnter={() => setActive(i)}
                    >
                      <kbd className="h-fit rounded border border-stone-300 bg-stone-100 px-1.5 text-xs font-semibold text-stone-600">{i + 1}</kbd>
                      <div className="min-w-0 flex-1">
                        <p className="leading-relaxed">
                          <MarkedText text={s.text} marks={s.marks} />
                        </p>
                        <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-stone-500">
                          <span>{t("ws.matched")}: {s.terms.slice(0, 6).join("、") || "—"}</span>
                          <span className="tabular-nums">· {s.score.toFixed(1)}</span>
                          <LevelBadge level={s.level} />
                          {s.comparison ? <VerdictBadge comparison={s.comparison} /> : null}
                        </div>
                      </div>
                      {canLink ? (
                        s.linkedEvidenceId ? (
                          <span className="badge h-fit bg-green-100 text-green-800">{t("ws.linked")}</span>
                        ) : (
                          <button type="button" className="btn btn-sm h-fit" disabled={pending} onClick={() => linkSuggestion(i)}>{t("ws.link")}</button>
                        )
                      ) : null}
                    </li>
                  ))}
                </ol>
                <p className="mt-3 text-xs text-stone-400">{t("ws.keys")}</p>
              </section>

              <section className="card p-4" aria-labelledby="ws-review">
                <div className="mb-2 flex flex-wrap items-center gap-2">
                  <h2 id="ws-review" className="font-semibold">
                    {t("ws.reviewText", { title: ws.review.title })}
                  </h2>
                  {ws.review.inferred ? <span className="badge bg-stone-200 text-stone-600">{t("ws.inferredPair")}</span> : null}
                  {canLink ? (
                    <button type="button" className="btn btn-sm ml-auto" disabled={pending} onClick={linkSelection} data-testid="ws-link-selection">
                      {t("ws.linkSelection")} (L)
                    </button>
                  ) : null}
                </div>
                {canLink ? <p className="mb-2 text-xs text-stone-500">{t("ws.selectHint")}</p> : null}
                <div ref={reviewRef} className="max-h-[32rem] overflow-y-auto whitespace-pre-wrap rounded-md bg-stone-50 p-3 text-sm leading-7" data-testid="ws-review-text">
                  {reviewMarks.map((seg) => (
                    <span key={seg.start} data-offset={seg.start} className={seg.className} id={seg.anchor}>
                      {ws.review!.text.slice(seg.start, seg.end)}
                    </span>
                  ))}
                </div>
              </section>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

const KEYS: [string, MessageKey][] = [
  ["J / K", "keys.nav"],
  ["1 – 9", "keys.link"],
  ["L", "keys.linkSelection"],
  ["A", "keys.accept"],
  ["F P U N I X", "keys.status"],
  ["Enter", "keys.enter"],
  ["Shift+Enter", "keys.newline"],
  ["?", "keys.help"],
];

/** The keyboard reference, opened with ? and closed with Esc. */
function KeysHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslator();
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="keys-title" className="fixed inset-0 z-50 flex items-center justify-center bg-black/30 p-4" onClick={onClose} data-testid="keys-help">
      <div className="card w-full max-w-md p-5" onClick={(e) => e.stopPropagation()}>
        <h2 id="keys-title" className="mb-3 font-semibold">{t("keys.title")}</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {KEYS.map(([k, label]) => (
            <div key={k} className="contents">
              <dt><kbd className="rounded border border-stone-300 bg-stone-100 px-1.5 text-xs font-semibold">{k}</kbd></dt>
              <dd className="text-stone-700">{t(label)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="btn btn-sm mt-4" onClick={onClose} autoFocus>{t("keys.close")}</button>
      </div>
    </div>
  );
}

/** Cuts the review text into runs: plain, suggested (amber), linked (green). Offsets are relative to the review text. */
function buildReviewMarks(ws: PledgeWorkspace, base: number): { start: number; end: number; className?: string; anchor?: string }[] {
  if (!ws.review) return [];
  const length = ws.review.text.length;
  const style = new Array<string | undefined>(length);
  for (const s of ws.suggestions) for (let i = Math.max(0, s.start - base); i < Math.min(length, s.end - base); i++) style[i] = "bg-amber-100";
  for (const e of ws.evidence) {
    if (e.kind !== "review" || e.start === null || e.end === null || e.sourceReportId !== ws.review.reportId) continue;
    for (let i = Math.max(0, e.start - base); i < Math.min(length, e.end - base); i++) style[i] = "bg-green-200";
  }
  const runs: { start: number; end: number; className?: string; anchor?: string }[] = [];
  let start = 0;
  for (let i = 1; i <= length; i++) {
    if (i === length || style[i] !== style[start]) {
      runs.push({ start, end: i, className: style[start] });
      start = i;
    }
  }
  return runs;
}

function ExternalSourceForm({ pledgeId, onDone }: { pledgeId: string; onDone: (reopened: boolean) => void }) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const fieldError = (name: string) => {
    const code = error?.fieldErrors?.[name]?.[0];
    return code ? <p className="mt-0.5 text-xs text-red-700" role="alert">{errorText({ ok: false, code: "INVALID_INPUT", message: code })}</p> : null;
  };
  return (
    <details className="card p-4" data-testid="ws-external" id="ws-external">
      <summary className="cursor-pointer font-semibold">{t("ws.external")}</summary>
      <p className="mt-1 text-xs text-stone-500">{t("ws.externalHint")}</p>
      <form
        ref={formRef}
        className="mt-3 space-y-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const input = { pledgeId, url: f.get("url"), quote: f.get("quote"), sourceDate: f.get("sourceDate"), note: f.get("note") };
          startTransition(async () => {
            const res = await linkExternalEvidenceAction(input);
            if (res.ok) {
              setError(null);
              formRef.current?.reset();
              onDone(res.data.reopened);
            } else setError(res);
          });
        }}
      >
        <div><label className="label" htmlFor="ext-url">{t("ws.url")}</label><input id="ext-url" name="url" className="input" placeholder="https://" />{fieldError("url")}</div>
        <div><label className="label" htmlFor="ext-quote">{t("ws.quote")}</label><textarea id="ext-quote" name="quote" className="input h-20" />{fieldError("quote")}</div>
        <div className="grid grid-cols-2 gap-2">
          <div><label className="label" htmlFor="ext-date">{t("ws.sourceDate")}</label><input id="ext-date" name="sourceDate" className="input" placeholder="YYYY-MM-DD" />{fieldError("sourceDate")}</div>
          <div><label className="label" htmlFor="ext-note">{t("ws.note")}</label><input id="ext-note" name="note" className="input" /></div>
        </div>
        {error && !error.fieldErrors ? <p role="alert" className="text-sm text-red-700">{errorText(error)}</p> : null}
        <button className="btn btn-primary" disabled={pending}>{t("ws.addExternal")}</button>
      </form>
    </details>
  );
}
