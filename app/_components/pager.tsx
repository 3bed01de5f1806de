import Link from "next/link";
import type { PageWindow } from "@/lib/paging/page-param";
import type { Translate } from "@/lib/i18n/messages";

/** The href of page `page` of a list at `path`, keeping its other query parameters (page 1 has no ?page). */
export function pageHref(path: string, params: Record<string, string>, page: number): string {
  const query = new URLSearchParams(params);
  if (page > 1) query.set("page", String(page));
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Previous / next links and "page 2 of 4 · 180 in all" under a paged list, and above it a notice
 * when ?page= named no page (the list then shows the first or last page instead).
 */
export function Pager({
  window: w,
  path,
  params = {},
  t,
  testId,
}: {
  window: PageWindow;
  path: string;
  params?: Record<string, string>;
  t: Translate;
  testId: string;
}) {
  const link = "btn btn-sm";
  const off = "btn btn-sm pointer-events-none opacity-40";
  return (
    <nav
      className="mt-3 flex flex-wrap items-center gap-3 text-sm"
      aria-label={t("paging.label")}
      data-testid={testId}
    >
      {w.page > 1 ? (
        <Link
          href={pageHref(path, params, w.page - 1)}
          className={link}
          rel="prev"
          data-testid="page-prev"
        >
          ← {t("paging.prev")}
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          ← {t("paging.prev")}
        </span>
      )}
      <span className="text-stone-600 tabular-nums" data-testid="page-status">
        {t("paging.status", { page: w.page, pages: w.pages, total: w.total })}
      </span>
      {w.page < w.pages ? (
        <Link
          href={pageHref(path, params, w.page + 1)}
          className={link}
          rel="next"
          data-testid="page-next"
        >
          {t("paging.next")} →
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          {t("paging.next")} →
        </span>
      )}
    </nav>
  );
}

/** The notice that ?page= named no page of the list, and which page is shown instead. */
export function PageNotice({ window: w, t }: { window: PageWindow; t: Translate }) {
  if (w.invalid === null) return null;
  return (
    <p
      role="alert"
      className="card mb-3 border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
      data-testid="page-invalid"
    >
      {t("paging.invalid", {
        value: w.invalid.length > 24 ? `${w.invalid.slice(0, 24)}…` : w.invalid,
        page: w.page,
      })}
    </p>
  );
}
