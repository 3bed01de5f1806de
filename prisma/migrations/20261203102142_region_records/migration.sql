-- Regions as records (issue 15): a region's own name, short name, level and parent; other names
-- a person confirmed for it (RegionAlias); reports can be archived and carry a version for
-- metadata edits. Region.nameKey is no longer unique: 城关区 is a district of several cities.
--
-- Written by hand: Prisma would rebuild "Report" (copying every source text) and "Region" to add
-- these columns; SQLite adds them in place, with the same result (prisma/schema-variants.db.test.ts
-- compares the structures).
CREATE TABLE "RegionAlias" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "regionId" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RegionAlias_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "RegionAlias_nameKey_key" ON "RegionAlias"("nameKey");
CREATE INDEX "RegionAlias_regionId_idx" ON "RegionAlias"("regionId");

ALTER TABLE "Region" ADD COLUMN "shortName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Region" ADD COLUMN "parentId" TEXT REFERENCES "Region" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Region" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
DROP INDEX "Region_nameKey_key";
CREATE INDEX "Region_nameKey_idx" ON "Region"("nameKey");
CREATE INDEX "Region_parentId_idx" ON "Region"("parentId");

ALTER TABLE "Report" ADD COLUMN "archivedAt" DATETIME;
ALTER TABLE "Report" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

-- The stored pairing is now the effective one (lib/pairing): a report not paired by hand is paired
-- with its region's earliest-imported report of the next year, which readers used to infer on the
-- fly when nothing was stored. Regions that were one district under two names are merged (and
-- re-paired) by the data step upgradeLegacyRegions, which `cli migrate` and `npm start` run.
UPDATE "Report" SET "reviewReportId" = (
  SELECT n."id" FROM "Report" n
  WHERE n."regionId" = "Report"."regionId" AND n."year" = "Report"."year" + 1 AND n."id" <> "Report"."id"
  ORDER BY n."createdAt", n."id" LIMIT 1
) WHERE "pairingManual" = false;
