-- The verdict the evidence suggested when a pledge's verdict was last written (lib/evidence
-- suggestVerdict), so that audit reports count verdicts accepted as suggested and verdicts changed.
-- A nullable column added in place: no table rebuild, the search triggers of
-- 20261122001000_pledge_search stay.
ALTER TABLE "Pledge" ADD COLUMN "suggestedStatus" TEXT;
