/**
 * Rows per page of the paged lists (reports, review queue, my assignments): DUIXIAN_PAGE_SIZE
 * (a whole number from 1 to 500), else 50.
 */
export const PAGE_SIZE = pageSizeFrom(process.env.DUIXIAN_PAGE_SIZE);

/** The page size a DUIXIAN_PAGE_SIZE value asks for; 50 when unset or not a whole number from 1 to 500. */
export function pageSizeFrom(raw: string | undefined): number {
  const n = Number(raw);
  return raw && /^[0-9]+$/.test(raw) && n >= 1 && n <= 500 ? n : 50;
}

/** The page a list shows: 1-based `page` of `pages`, the rows to skip, and the raw value when it named no page. */
export type PageWindow = {
  page: number;
  pages: number;
  total: number;
  skip: number;
  take: number;
  invalid: string | null;
};

/**
 * The page number a `?page=` value asks for: a whole number from 1, else null. Anything else
 * (empty, "abc", "0", "-1", "1.5", "1e3", a repeated parameter) names no page.
 */
export function parsePageParam(raw: string | string[] | undefined): {
  page: number | null;
  invalid: string | null;
} {
  if (raw === undefined) return { page: 1, invalid: null };
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  if (!/^[1-9][0-9]{0,8}$/.test(value)) return { page: null, invalid: value };
  return { page: Number(value), invalid: null };
}

/**
 * The window of `total` rows that page `requested` shows, clamped into [1, pages]: a page beyond
 * the last shows the last (and reports the raw value as invalid), one that names no page shows the
 * first. An empty list has one (empty) page.
 */
export function pageWindow(
  requested: { page: number | null; invalid: string | null },
  total: number,
  size = PAGE_SIZE,
): PageWindow {
  const pages = Math.max(1, Math.ceil(total / size));
  let page = requested.page ?? 1;
  let invalid = requested.invalid;
  if (page > pages) {
    invalid = String(page);
    page = pages;
  }
  return { page, pages, total, skip: (page - 1) * size, take: size, invalid };
}
