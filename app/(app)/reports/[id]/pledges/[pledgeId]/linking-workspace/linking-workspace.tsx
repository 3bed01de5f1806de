"use client";
import Link from "next/link";
import { useRef } from "react";
import type { PledgeWorkspace } from "@/lib/evidence-links/data";
import { useTranslator } from "@/lib/i18n/client";
import { usePageKeys } from "../keys/page-keys";
import { ActionFeedback } from "./action-feedback";
import { EvidenceList } from "./evidence-list";
import { ExternalSourceForm } from "./external-source-form";
import { PledgeCard } from "./pledge-card";
import { PledgeNav } from "./pledge-nav";
import { ReviewPane } from "./review-pane";
import { selectReviewSpan } from "./review-selection";
import { SilenceNotice } from "./silence-notice";
import { SuggestionList } from "./suggestion-list";
import { useWorkspaceActions } from "./use-workspace-actions";

/**
 * The evidence workspace of one pledge: the pledge and its linked evidence on the left; the
 * suggested sentences of next year's review and the review itself on the right. Those who may
 * link do so with the buttons or the keys 1–9 and L (registered with the page's key owner).
 */
export function LinkingWorkspace({
  workspace: ws,
  canLink,
}: {
  workspace: PledgeWorkspace;
  canLink: boolean;
}) {
  const { t } = useTranslator();
  const reviewRef = useRef<HTMLDivElement>(null);
  const actions = useWorkspaceActions(ws, canLink, reviewRef);
  const { pending, feedback } = actions;
  usePageKeys(
    canLink
      ? { link: (i) => actions.linkSuggestion(Number(i)), linkSelection: actions.linkSelection }
      : {},
  );

  return (
    <div className="space-y-3">
      <PledgeNav ws={ws} />
      <div className="grid items-start gap-4 *:min-w-0 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="space-y-4 lg:sticky lg:top-16">
          <PledgeCard ws={ws} marks={ws.suggestions[actions.active]?.pledgeMarks ?? []} />
          <EvidenceList
            evidence={ws.evidence}
            onUnlink={canLink ? actions.unlink : null}
            pending={pending}
          />
          {canLink ? (
            <ExternalSourceForm pledgeId={ws.pledge.id} onDone={actions.externalLinked} />
          ) : null}
        </div>

        <div className="space-y-4">
          <ActionFeedback feedback={feedback} at="top" testId="ws-notice" />
          {!ws.review ? (
            <section className="card p-4 text-sm" data-testid="ws-no-review">
              <p className="text-stone-700">{t("ws.noReview")}</p>
              {canLink ? (
                <Link href="/reports/import" className="btn btn-primary mt-3">
                  {t("ws.importNext")}
                </Link>
              ) : null}
            </section>
          ) : (
            <>
              <SuggestionList
                suggestions={ws.suggestions}
                silence={
                  ws.silent ? (
                    <SilenceNotice
                      onFind={(start, end) => selectReviewSpan(reviewRef.current, start, end)}
                      reviewText={ws.review.text}
                      canLink={canLink}
                    />
                  ) : null
                }
                active={actions.active}
                onActivate={actions.setActive}
                onLink={canLink ? actions.linkSuggestion : null}
                pending={pending}
              />
              <ReviewPane
                ws={ws}
                review={ws.review}
                paneRef={reviewRef}
                onLinkSelection={canLink ? actions.linkSelection : null}
                feedback={feedback}
                pending={pending}
              />
            </>
          )}
        </div>
      </div>
    </div>
  );
}
