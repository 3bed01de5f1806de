-- DropIndex
DROP INDEX "Pledge_reportId_status_idx";

-- CreateIndex
CREATE INDEX "Pledge_reportId_status_reviewState_idx" ON "Pledge"("reportId", "status", "reviewState");

-- CreateIndex
CREATE INDEX "Pledge_status_reviewState_idx" ON "Pledge"("status", "reviewState");

