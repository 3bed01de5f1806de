-- Who last wrote a pledge's verdict (status, rationale, reported figure) and when, for the
-- four-eyes rule: neither the submitter nor the last writer may approve or return it.
--
-- Written by hand: Prisma would rebuild "Pledge" to add the foreign key, which drops the search
-- triggers of 20261122001000_pledge_search and renumbers the rowids its FTS5 index points at.
-- SQLite adds a nullable column with a REFERENCES clause in place; the result is the same
-- structure (prisma/schema-variants.db.test.ts compares them).
ALTER TABLE "Pledge" ADD COLUMN "assessedById" TEXT REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Pledge" ADD COLUMN "assessedAt" DATETIME;

-- Backfill from the audit trail: the actor and time of each pledge's latest assessment.save (the
-- event every save and bulk edit of the verdict writes). Pledges never saved stay null, which the
-- rule reads as "unknown": only the submitter is refused.
UPDATE "Pledge" SET
  "assessedById" = (
    SELECT e."actorId" FROM "AuditEvent" e
    WHERE e."pledgeId" = "Pledge"."id" AND e."action" = 'assessment.save'
    ORDER BY e."at" DESC, e."id" DESC LIMIT 1
  ),
  "assessedAt" = (
    SELECT e."at" FROM "AuditEvent" e
    WHERE e."pledgeId" = "Pledge"."id" AND e."action" = 'assessment.save'
    ORDER BY e."at" DESC, e."id" DESC LIMIT 1
  )
WHERE EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."pledgeId" = "Pledge"."id" AND e."action" = 'assessment.save');
