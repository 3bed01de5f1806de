-- Regions as records (issue 15): see the SQLite migration of the same name.
-- DropIndex
DROP INDEX "Region_nameKey_key";

-- AlterTable
ALTER TABLE "Region" ADD COLUMN     "parentId" TEXT,
ADD COLUMN     "shortName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "RegionAlias" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegionAlias_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RegionAlias_nameKey_key" ON "RegionAlias"("nameKey");

-- CreateIndex
CREATE INDEX "RegionAlias_regionId_idx" ON "RegionAlias"("regionId");

-- CreateIndex
CREATE INDEX "Region_nameKey_idx" ON "Region"("nameKey");

-- CreateIndex
CREATE INDEX "Region_parentId_idx" ON "Region"("parentId");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionAlias" ADD CONSTRAINT "RegionAlias_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The stored pairing is now the effective one (lib/pairing): a report not paired by hand is paired
-- with its region's earliest-imported report of the next year, which readers used to infer on the
-- fly when nothing was stored. Regions that were one district under two names are merged (and
-- re-paired) by the data step upgradeLegacyRegions, which `cli migrate` and `npm start` run.
UPDATE "Report" SET "reviewReportId" = (
  SELECT n."id" FROM "Report" n
  WHERE n."regionId" = "Report"."regionId" AND n."year" = "Report"."year" + 1 AND n."id" <> "Report"."id"
  ORDER BY n."createdAt", n."id" LIMIT 1
) WHERE "pairingManual" = false;
