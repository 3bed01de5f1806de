import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPledgeWorkspace } from "@/lib/evidence-links/data";
import { LinkingWorkspace } from "./linking-workspace";

export const metadata = { title: "Evidence" };

export default async function PledgeWorkspacePage({ params }: { params: Promise<{ id: string; pledgeId: string }> }) {
  const user = await requirePageUser();
  const { id, pledgeId } = await params;
  const workspace = await getPledgeWorkspace(id, pledgeId);
  if (!workspace) notFound();
  return <LinkingWorkspace workspace={workspace} canLink={can(user.role, "evidence:link")} />;
}
