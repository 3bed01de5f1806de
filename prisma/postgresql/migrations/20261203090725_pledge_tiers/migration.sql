-- Tiers (issue 14): whether next year's review can confirm or refute a pledge (trackable, with a
-- reason) or not (direction); who decided it; "not a pledge" (excluded, reversible, by whom and
-- when); and an analyst's short title. The count indexes gain excluded and tier, so that the
-- per-report and overall counts by tier stay covering.

-- DropIndex
DROP INDEX "Pledge_reportId_status_reviewState_idx";

-- DropIndex
DROP INDEX "Pledge_status_reviewState_idx";

-- AlterTable
ALTER TABLE "Pledge" ADD COLUMN     "excluded" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "excludedAt" TIMESTAMP(3),
ADD COLUMN     "excludedById" TEXT,
ADD COLUMN     "tier" TEXT NOT NULL DEFAULT 'direction',
ADD COLUMN     "tierReason" TEXT,
ADD COLUMN     "tierSource" TEXT NOT NULL DEFAULT 'parser',
ADD COLUMN     "title" TEXT;

-- CreateIndex
CREATE INDEX "Pledge_reportId_excluded_tier_status_reviewState_idx" ON "Pledge"("reportId", "excluded", "tier", "status", "reviewState");

-- CreateIndex
CREATE INDEX "Pledge_excluded_tier_status_reviewState_idx" ON "Pledge"("excluded", "tier", "status", "reviewState");

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_excludedById_fkey" FOREIGN KEY ("excludedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Existing pledges: a first tier from the stored kind (a numeric target or a named project is
-- trackable, a policy is direction), marked tierSource 'kind' so that the one-time data step
-- (`cli retier`, run by `cli migrate` and `npm start` after the migrations) re-derives it from
-- the text with the parser's classifier.
UPDATE "Pledge" SET
  "tierSource" = 'kind',
  "tier" = CASE WHEN "kind" IN ('quantitative', 'project') THEN 'trackable' ELSE 'direction' END,
  "tierReason" = CASE "kind" WHEN 'quantitative' THEN 'target' WHEN 'project' THEN 'project' ELSE NULL END;
