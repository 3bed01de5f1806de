import "server-only";
import { db, databaseEngine } from "@/lib/db";
import { toSimplified } from "@/lib/report/script";

/** The longest query accepted (longer ones are refused by the page with a clear message). */
export const MAX_SEARCH_QUERY = 100;
/** Trigram indexes (FTS5 trigram, pg_trgm) serve queries of at least this many characters. */
export const TRIGRAM_MIN = 3;

export type PledgeSearchHit = {
  id: string;
  text: string;
  kind: string;
  status: string;
  reviewState: string;
  reportId: string;
  reportTitle: string;
  regionName: string;
  year: number | null;
};

export type PledgeSearchResult = { query: string; total: number; hits: PledgeSearchHit[] };

/**
 * Pledges of every report whose text contains `q` (traditional or simplified: both sides are
 * compared in simplified characters; Latin letters case-insensitively), newest report first,
 * then in source order; items marked "not a pledge" and archived reports are left out. On SQLite this uses the FTS5 trigram index "PledgeSearch", on PostgreSQL
 * the pg_trgm index on "searchText" (migration 20261122001000_pledge_search); queries shorter than
 * three characters cannot use a trigram index and fall back to a scan, which stays fast at
 * 50,000 pledges (see the README's performance section). `take` hits from the `skip`-th on (a page);
 * `total` counts them all.
 */
export async function searchPledges({
  q,
  take = 100,
  skip = 0,
}: {
  q: string;
  take?: number;
  skip?: number;
}): Promise<PledgeSearchResult> {
  const query = searchQueryOf(q);
  if (!query) return { query, total: 0, hits: [] };
  const limit = Math.max(1, Math.min(500, Math.floor(take)));
  const offset = Math.max(0, Math.floor(skip));
  const { ids, total: counted } = await match(query, limit, offset);
  // Past the last hit the window function has no row to report the total on: ask for it.
  const total = !ids.length && offset > 0 ? (await match(query, 1, 0)).total : counted;
  if (!ids.length) return { query, total, hits: [] };

  const rows = await db.pledge.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      text: true,
      kind: true,
      status: true,
      reviewState: true,
      reportId: true,
      report: { select: { title: true, year: true, region: { select: { name: true } } } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hits = ids.flatMap((id) => {
    const r = byId.get(id);
    return r
      ? [
          {
            id: r.id,
            text: r.text,
            kind: r.kind,
            status: r.status,
            reviewState: r.reviewState,
            reportId: r.reportId,
            reportTitle: r.report.title,
            regionName: r.report.region.name,
            year: r.report.year,
          },
        ]
      : [];
  });
  return { query, total, hits };
}

/**
 * The text searched for: simplified, control characters blanked (FTS5 ends a phrase at NUL and
 * PostgreSQL cannot take it), lone surrogates replaced, at most MAX_SEARCH_QUERY characters — cut
 * by code point, so an emoji is never split into a lone surrogate, which neither engine accepts.
 */
export function searchQueryOf(q: string): string {
  const plain = toSimplified(
    q
      .toWellFormed()
      .replace(/\p{Cc}/gu, " ")
      .trim(),
  );
  return Array.from(plain).slice(0, MAX_SEARCH_QUERY).join("").trim();
}

/** `%…%` for LIKE with the wildcard characters of the query escaped (escape character `\`). */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One query gives the page of ids and, through a window count, the number of all matches (one scan, not two). */
type IdRow = { id: string; total: number | bigint };
const page = (rows: IdRow[]) => ({
  ids: rows.map((r) => r.id),
  total: Number(rows[0]?.total ?? 0),
});

function match(
  query: string,
  limit: number,
  offset: number,
): Promise<{ ids: string[]; total: number }> {
  return databaseEngine() === "postgresql"
    ? matchPostgres(query, limit, offset)
    : matchSqlite(query, limit, offset);
}

async function matchSqlite(
  query: string,
  limit: number,
  offset: number,
): Promise<{ ids: string[]; total: number }> {
  const order = `ORDER BY r."year" IS NULL, r."year" DESC, r."id", p."position"`;
  if ([...query].length >= TRIGRAM_MIN) {
    // An FTS5 phrase: double quotes inside it are doubled; the trigram tokenizer matches substrings.
    const phrase = `"${query.replace(/"/g, '""')}"`;
    const from = `FROM "PledgeSearch" s JOIN "Pledge" p ON p."rowid" = s."rowid" JOIN "Report" r ON r."id" = p."reportId" WHERE "PledgeSearch" MATCH ? AND p."excluded" = 0 AND r."archivedAt" IS NULL`;
    return page(
      await db.$queryRawUnsafe<IdRow[]>(
        `SELECT p."id" AS id, COUNT(*) OVER () AS total ${from} ${order} LIMIT ? OFFSET ?`,
        phrase,
        limit,
        offset,
      ),
    );
  }
  const from = `FROM "Pledge" p JOIN "Report" r ON r."id" = p."reportId" WHERE p."searchText" LIKE ? ESCAPE '\\' AND p."excluded" = 0 AND r."archivedAt" IS NULL`;
  return page(
    await db.$queryRawUnsafe<IdRow[]>(
      `SELECT p."id" AS id, COUNT(*) OVER () AS total ${from} ${order} LIMIT ? OFFSET ?`,
      likePattern(query),
      limit,
      offset,
    ),
  );
}

async function matchPostgres(
  query: string,
  limit: number,
  offset: number,
): Promise<{ ids: string[]; total: number }> {
  // ILIKE with a pg_trgm GIN index: indexed for three or more characters, a scan below that.
  const rows = await db.$queryRawUnsafe<IdRow[]>(
    `SELECT p."id" AS id, COUNT(*) OVER () AS total FROM "Pledge" p JOIN "Report" r ON r."id" = p."reportId" WHERE p."searchText" ILIKE $1 AND NOT p."excluded" AND r."archivedAt" IS NULL ORDER BY r."year" DESC NULLS LAST, r."id", p."position" LIMIT $2 OFFSET $3`,
    likePattern(query),
    limit,
    offset,
  );
  return page(rows);
}
