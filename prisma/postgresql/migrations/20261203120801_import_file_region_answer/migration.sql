-- AlterTable
ALTER TABLE "ImportJobFile" ADD COLUMN     "newRegion" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "regionId" TEXT,
ADD COLUMN     "regionQuestion" TEXT;

