import { pageTitle } from "@/app/_components/page-title";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can, canReviewSubmission, ownPartInVerdict } from "@/lib/auth/permissions";
import { getPledgeWorkspace } from "@/lib/evidence-links/data";
import { getAssessment, listPledgeComments } from "@/lib/assessments/data";
import { listPledgeHistory } from "@/lib/audit/data";
import { listAssignableUsers } from "@/lib/users/data";
import { findNextReviewable } from "@/lib/pledges/data";
import { LinkingWorkspace } from "./linking-workspace/linking-workspace";
import { AssessmentPanel } from "./assessment-panel/assessment-panel";
import { PageKeys } from "./keys/page-keys";
import { CommentThread } from "./comment-thread";
import { PledgeHistory } from "./pledge-history";
import { LineagePanel } from "./lineage-panel";
import { findLineageCandidates, getPledgeLineage } from "@/lib/lineage/data";

export const generateMetadata = pageTitle("page.evidence");

export default async function PledgeWorkspacePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; pledgeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const { id, pledgeId } = await params;
  const [workspace, assessment] = await Promise.all([
    getPledgeWorkspace(id, pledgeId),
    getAssessment(id, pledgeId),
  ]);
  if (!workspace || !assessment) notFound();
  const canAssign = can(user.role, "assessment:assign");
  const canEditLineage = can(user.role, "pledge:edit");
  const wantsCandidates = canEditLineage && (await searchParams).lineage === "candidates";
  const reviewThis = canReviewSubmission(
    user,
    assessment.submittedBy?.id ?? null,
    assessment.assessedBy?.id ?? null,
  );
  const [comments, history, assignableUsers, nextReview, lineage, candidates] = await Promise.all([
    listPledgeComments(id, pledgeId),
    listPledgeHistory(pledgeId),
    canAssign
      ? listAssignableUsers().then((users) =>
          users.map(({ id, name, role }) => ({ id, name, role })),
        )
      : Promise.resolve([]),
    assessment.reviewState === "submitted" && reviewThis
      ? findNextReviewable(user, pledgeId)
      : Promise.resolve(null),
    getPledgeLineage(pledgeId),
    wantsCandidates ? findLineageCandidates(pledgeId) : Promise.resolve(null),
  ]);
  const canLink = can(user.role, "evidence:link");
  const canEdit = can(user.role, "assessment:edit");
  const pledgeHref = (otherId: string | null) =>
    otherId ? `/reports/${id}/pledges/${otherId}` : null;
  return (
    // One owner for the page's keys; the panels register what they handle.
    <PageKeys
      abilities={{ link: canLink, edit: canEdit }}
      prevHref={pledgeHref(workspace.position.prevId)}
      nextHref={pledgeHref(workspace.position.nextId)}
    >
      <LinkingWorkspace workspace={workspace} canLink={canLink} />
      <div className="mt-4 grid items-start gap-4 *:min-w-0 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <AssessmentPanel
          assessment={assessment}
          suggestion={workspace.suggestedVerdict}
          nextReviewHref={
            nextReview ? `/reports/${nextReview.reportId}/pledges/${nextReview.pledgeId}` : null
          }
          assignableUsers={assignableUsers}
          permissions={{
            edit: canEdit,
            submit: can(user.role, "assessment:submit"),
            review: can(user.role, "assessment:review"),
            // Four eyes: only someone who neither submitted it nor last wrote its verdict may approve or return it.
            reviewThis,
            ownPart: ownPartInVerdict(
              user.id,
              assessment.submittedBy?.id ?? null,
              assessment.assessedBy?.id ?? null,
            ),
            assign: canAssign,
          }}
        />
        <div className="space-y-4">
          {lineage ? (
            <LineagePanel
              pledgeId={pledgeId}
              reportId={id}
              lineage={lineage}
              candidates={candidates}
              canEdit={canEditLineage}
            />
          ) : null}
          <CommentThread
            pledgeId={pledgeId}
            comments={comments}
            canComment={can(user.role, "comment:create")}
          />
          <PledgeHistory events={history} />
        </div>
      </div>
    </PageKeys>
  );
}
