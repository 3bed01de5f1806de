import { pageTitle } from "@/app/_components/page-title";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { MAX_SEARCH_QUERY, searchPledges } from "@/lib/pledges/search";
import { getTranslator } from "@/lib/i18n/locale";
import { toSimplified } from "@/lib/report/script";
import { EmptyState, PageHeader } from "@/app/_components/page-header";
import { PageNotice, Pager } from "@/app/_components/pager";
import { pageWindow, parsePageParam } from "@/lib/paging/page-param";
import { ReviewStateBadge, StatusBadge } from "@/app/_components/assessment-badges";
import { statusLabel, reviewStateLabel, kindLabel } from "@/lib/i18n/vocabulary";

export const generateMetadata = pageTitle("page.search");

const PAGE_SIZE = 100;

/**
 * Pledge search across every report: `/search?q=…&page=N` (bookmarkable; traditional or
 * simplified), 100 hits a page. A page past the last shows the last, with a notice.
 */
export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser();
  const { t } = await getTranslator();
  const params = await searchParams;
  const raw = params.q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  const tooLong = [...q].length > MAX_SEARCH_QUERY;
  const requested = parsePageParam(params.page);
  const first = pageWindow(requested, Number.MAX_SAFE_INTEGER, PAGE_SIZE);
  let result = q && !tooLong ? await searchPledges({ q, take: PAGE_SIZE, skip: first.skip }) : null;
  const window = pageWindow(requested, result?.total ?? 0, PAGE_SIZE);
  // Asked for a page past the last: show the last.
  if (result && window.skip !== first.skip)
    result = await searchPledges({ q, take: PAGE_SIZE, skip: window.skip });

  return (
    <>
      <PageHeader title={t("search.title")} subtitle={t("search.subtitle")} />
      <form
        method="get"
        action="/search"
        role="search"
        className="card mb-4 flex flex-wrap items-center gap-2 p-3"
      >
        <label htmlFor="search-q" className="sr-only">
          {t("search.label")}
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={MAX_SEARCH_QUERY + 20}
          placeholder={t("search.placeholder")}
          className="input min-w-0 flex-1"
          autoFocus
          data-testid="search-input"
        />
        <button type="submit" className="btn btn-primary">
          {t("search.submit")}
        </button>
      </form>

      {tooLong ? (
        <p
          role="alert"
          className="mb-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="search-error"
        >
          {t("search.tooLong", { max: MAX_SEARCH_QUERY })}
        </p>
      ) : null}

      {!result ? (
        tooLong ? null : (
          <EmptyState title={t("search.empty.title")}>{t("search.empty.body")}</EmptyState>
        )
      ) : result.total === 0 ? (
        <EmptyState title={t("search.none", { q })} />
      ) : (
        <>
          <PageNotice window={window} t={t} />
          <p className="mb-2 text-sm text-stone-600" data-testid="search-count">
            {window.pages > 1
              ? t("search.countPage", {
                  from: window.skip + 1,
                  to: window.skip + result.hits.length,
                  total: result.total,
                })
              : t("search.count", { total: result.total })}
          </p>
          <div className="card overflow-x-auto">
            <table className="table-dense" data-testid="search-results">
              <thead>
                <tr>
                  <th>{t("search.col.pledge")}</th>
                  <th>{t("search.col.report")}</th>
                  <th>{t("search.col.kind")}</th>
                  <th>{t("search.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {result.hits.map((h) => (
                  <tr key={h.id} data-testid="search-row">
                    <td className="max-w-xl">
                      <Link
                        className="text-brand-700 hover:underline"
                        href={`/reports/${h.reportId}/pledges/${h.id}`}
                      >
                        <Highlight text={h.text} query={result.query} />
                      </Link>
                    </td>
                    <td className="whitespace-nowrap">
                      <Link
                        className="text-stone-700 hover:underline"
                        href={`/reports/${h.reportId}?q=${encodeURIComponent(q)}`}
                      >
                        {h.regionName} · {h.year ?? "—"}
                      </Link>
                    </td>
                    <td className="whitespace-nowrap">{kindLabel(t, h.kind)}</td>
                    <td className="whitespace-nowrap">
                      <StatusBadge status={h.status} label={statusLabel(t, h.status)} />{" "}
                      {h.reviewState !== "draft" ? (
                        <ReviewStateBadge
                          state={h.reviewState}
                          label={reviewStateLabel(t, h.reviewState)}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {window.pages > 1 ? (
            <Pager window={window} path="/search" params={{ q }} t={t} testId="search-pager" />
          ) : null}
        </>
      )}
    </>
  );
}

/**
 * The pledge text with the matches marked. The query is in simplified characters and the text may
 * be traditional, so positions are found in the text's simplified form (same length: opencc's
 * character mapping keeps it) and applied to the original.
 */
function Highlight({ text, query }: { text: string; query: string }) {
  const simplified = toSimplified(text);
  const folded = (simplified.length === text.length ? simplified : text).toLowerCase();
  const needle = query.toLowerCase();
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (
    let i = folded.indexOf(needle);
    needle && i >= 0;
    i = folded.indexOf(needle, i + needle.length)
  ) {
    parts.push(
      text.slice(at, i),
      <mark key={i} className="bg-amber-100 text-inherit">
        {text.slice(i, i + needle.length)}
      </mark>,
    );
    at = i + needle.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
