import { pageTitle } from "@/app/_components/page-title";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listRegionTree, type RegionTreeNode } from "@/lib/regions/data";
import { getTranslator } from "@/lib/i18n/locale";
import type { Translate } from "@/lib/i18n/messages";
import { EmptyState, PageHeader } from "@/app/_components/page-header";
import { levelLabel } from "@/lib/i18n/vocabulary";

export const generateMetadata = pageTitle("page.regions");

function Node({ node, t, depth }: { node: RegionTreeNode; t: Translate; depth: number }) {
  return (
    <li data-testid="region-node" data-region-id={node.id}>
      <div
        className="flex flex-wrap items-baseline gap-x-2 py-1"
        style={{ paddingLeft: `${depth * 1.25}rem` }}
      >
        <Link href={`/regions/${node.id}`} className="font-medium text-brand-700 hover:underline">
          {node.name}
        </Link>
        <span className="text-xs text-stone-500">{levelLabel(t, node.level)}</span>
        <span className="text-xs text-stone-600 tabular-nums">
          {t("regions.tree.reports", { n: node.reports })}
          {node.reportsBelow
            ? ` · ${t("regions.tree.reportsBelow", { n: node.reportsBelow })}`
            : ""}
        </span>
      </div>
      {node.children.length ? (
        <ul>
          {node.children.map((c) => (
            <Node key={c.id} node={c} t={t} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Every region as a tree (provinces, their cities, their counties), with how many reports each holds. */
export default async function RegionsPage() {
  await requirePageUser();
  const [{ t }, tree] = await Promise.all([getTranslator(), listRegionTree()]);
  return (
    <>
      <PageHeader title={t("regions.title")} subtitle={t("regions.subtitle")} />
      {tree.length === 0 ? (
        <EmptyState title={t("regions.empty")} />
      ) : (
        <ul className="card px-4 py-2 text-sm" data-testid="region-tree">
          {tree.map((n) => (
            <Node key={n.id} node={n} t={t} depth={0} />
          ))}
        </ul>
      )}
    </>
  );
}
