-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ImportJobFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BLOB,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "include" BOOLEAN NOT NULL DEFAULT true,
    "problem" TEXT,
    "contentHash" TEXT,
    "encoding" TEXT,
    "characters" INTEGER,
    "pledges" INTEGER,
    "trackable" INTEGER,
    "region" TEXT,
    "level" TEXT,
    "year" INTEGER,
    "title" TEXT,
    "deliveredOn" TEXT,
    "speaker" TEXT,
    "meeting" TEXT,
    "script" TEXT,
    "regionQuestion" TEXT,
    "regionId" TEXT,
    "newRegion" BOOLEAN NOT NULL DEFAULT false,
    "duplicateReportId" TEXT,
    "duplicateFileId" TEXT,
    "reportId" TEXT,
    "durationMs" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ImportJobFile_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ImportJobFile" ("bytes", "characters", "contentHash", "deliveredOn", "duplicateFileId", "duplicateReportId", "durationMs", "encoding", "id", "include", "jobId", "level", "meeting", "name", "pledges", "position", "problem", "region", "reportId", "script", "size", "speaker", "state", "title", "trackable", "updatedAt", "year") SELECT "bytes", "characters", "contentHash", "deliveredOn", "duplicateFileId", "duplicateReportId", "durationMs", "encoding", "id", "include", "jobId", "level", "meeting", "name", "pledges", "position", "problem", "region", "reportId", "script", "size", "speaker", "state", "title", "trackable", "updatedAt", "year" FROM "ImportJobFile";
DROP TABLE "ImportJobFile";
ALTER TABLE "new_ImportJobFile" RENAME TO "ImportJobFile";
CREATE INDEX "ImportJobFile_jobId_position_idx" ON "ImportJobFile"("jobId", "position");
CREATE INDEX "ImportJobFile_jobId_state_idx" ON "ImportJobFile"("jobId", "state");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

