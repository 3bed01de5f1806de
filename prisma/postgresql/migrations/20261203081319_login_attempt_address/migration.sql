-- AlterTable
ALTER TABLE "LoginAttempt" ADD COLUMN     "address" TEXT NOT NULL DEFAULT 'unknown',
ADD COLUMN     "counted" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "LoginAttempt_address_createdAt_idx" ON "LoginAttempt"("address", "createdAt");

