-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'analysing',
    "claimedBy" TEXT,
    "heartbeatAt" DATETIME,
    "resumed" INTEGER NOT NULL DEFAULT 0,
    "currentFile" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "ImportJob_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportJobFile" (
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
    "duplicateReportId" TEXT,
    "duplicateFileId" TEXT,
    "reportId" TEXT,
    "durationMs" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ImportJobFile_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'read',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ImportJob_state_heartbeatAt_idx" ON "ImportJob"("state", "heartbeatAt");

-- CreateIndex
CREATE INDEX "ImportJob_userId_createdAt_idx" ON "ImportJob"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ImportJobFile_jobId_position_idx" ON "ImportJobFile"("jobId", "position");

-- CreateIndex
CREATE INDEX "ImportJobFile_jobId_state_idx" ON "ImportJobFile"("jobId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_createdAt_idx" ON "ApiToken"("userId", "createdAt");

