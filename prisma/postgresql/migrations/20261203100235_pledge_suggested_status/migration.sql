-- AlterTable
ALTER TABLE "Pledge" ADD COLUMN     "suggestedStatus" TEXT;

