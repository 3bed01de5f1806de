-- Who last wrote a pledge's verdict (status, rationale, reported figure) and when, for the
-- four-eyes rule: neither the submitter nor the last writer may approve or return it.

-- AlterTable
ALTER TABLE "Pledge" ADD COLUMN     "assessedAt" TIMESTAMP(3),
ADD COLUMN     "assessedById" TEXT;

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_assessedById_fkey" FOREIGN KEY ("assessedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill from the audit trail: the actor and time of each pledge's latest assessment.save (the
-- event every save and bulk edit of the verdict writes). Pledges never saved stay null, which the
-- rule reads as "unknown": only the submitter is refused.
UPDATE "Pledge" AS p
SET "assessedById" = s."actorId", "assessedAt" = s."at"
FROM (
  SELECT DISTINCT ON ("pledgeId") "pledgeId", "actorId", "at"
  FROM "AuditEvent"
  WHERE "action" = 'assessment.save' AND "pledgeId" IS NOT NULL
  ORDER BY "pledgeId", "at" DESC, "id" DESC
) AS s
WHERE s."pledgeId" = p."id";
