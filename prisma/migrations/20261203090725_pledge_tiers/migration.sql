-- Tiers (issue 14): whether next year's review can confirm or refute a pledge (trackable, with a
-- reason) or not (direction); who decided it; "not a pledge" (excluded, reversible, by whom and
-- when); and an analyst's short title. The count indexes gain excluded and tier, so that the
-- per-report and overall counts by tier stay covering.
--
-- Written by hand: Prisma would rebuild "Pledge" (for the foreign key of excludedById), which
-- drops the search triggers of 20261122001000_pledge_search and renumbers the rowids its FTS5
-- index points at. SQLite adds these columns in place; the result is the same structure
-- (prisma/schema-variants.db.test.ts compares them).
ALTER TABLE "Pledge" ADD COLUMN "tier" TEXT NOT NULL DEFAULT 'direction';
ALTER TABLE "Pledge" ADD COLUMN "tierReason" TEXT;
ALTER TABLE "Pledge" ADD COLUMN "tierSource" TEXT NOT NULL DEFAULT 'parser';
ALTER TABLE "Pledge" ADD COLUMN "excluded" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Pledge" ADD COLUMN "excludedById" TEXT REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Pledge" ADD COLUMN "excludedAt" DATETIME;
ALTER TABLE "Pledge" ADD COLUMN "title" TEXT;

-- Existing pledges: a first tier from the stored kind (a numeric target or a named project is
-- trackable, a policy is direction), marked tierSource 'kind' so that the one-time data step
-- (`cli retier`, run by `cli migrate` and `npm start` after the migrations) re-derives it from
-- the text with the parser's classifier.
UPDATE "Pledge" SET
  "tierSource" = 'kind',
  "tier" = CASE WHEN "kind" IN ('quantitative', 'project') THEN 'trackable' ELSE 'direction' END,
  "tierReason" = CASE "kind" WHEN 'quantitative' THEN 'target' WHEN 'project' THEN 'project' ELSE NULL END;

DROP INDEX "Pledge_reportId_status_reviewState_idx";
DROP INDEX "Pledge_status_reviewState_idx";
CREATE INDEX "Pledge_reportId_excluded_tier_status_reviewState_idx" ON "Pledge"("reportId", "excluded", "tier", "status", "reviewState");
CREATE INDEX "Pledge_excluded_tier_status_reviewState_idx" ON "Pledge"("excluded", "tier", "status", "reviewState");
