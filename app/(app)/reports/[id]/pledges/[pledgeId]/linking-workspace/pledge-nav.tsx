"use client";
import Link from "next/link";
import type { PledgeWorkspace } from "@/lib/evidence-links/data";
import { useTranslator } from "@/lib/i18n/client";
import { usePageNavigation } from "../keys/page-keys";

/**
 * Where the pledge sits: its report, its number, and the previous and next pledge. The links go
 * through the page's key owner, like J and K, so unsaved assessment edits are asked about first.
 */
export function PledgeNav({ ws }: { ws: PledgeWorkspace }) {
  const { t } = useTranslator();
  const navigate = usePageNavigation();
  const guarded = (href: string) => (e: React.MouseEvent<HTMLAnchorElement>) => {
    // Modified clicks open a new tab and lose nothing here.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  const href = (id: string) => `/reports/${ws.report.id}/pledges/${id}`;
  return (
    <nav className="flex flex-wrap items-center gap-2 text-sm" aria-label="pledge navigation">
      <Link
        href={`/reports/${ws.report.id}`}
        className="text-brand-700 hover:underline"
        onClick={guarded(`/reports/${ws.report.id}`)}
      >
        {ws.report.title}
      </Link>
      <span className="text-stone-400">›</span>
      <span className="text-stone-600">
        {t("ws.pledgeOf", { index: ws.position.index + 1, total: ws.position.total })}
      </span>
      <span className="ml-auto flex gap-2">
        {ws.position.prevId ? (
          <Link
            className="btn btn-sm"
            href={href(ws.position.prevId)}
            onClick={guarded(href(ws.position.prevId))}
          >
            ← {t("ws.prev")} (K)
          </Link>
        ) : null}
        {ws.position.nextId ? (
          <Link
            className="btn btn-sm"
            href={href(ws.position.nextId)}
            onClick={guarded(href(ws.position.nextId))}
          >
            {t("ws.next")} (J) →
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
