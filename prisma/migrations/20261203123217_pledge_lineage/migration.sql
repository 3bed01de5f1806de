-- AlterTable
ALTER TABLE "Report" ADD COLUMN "lineageAt" DATETIME;
ALTER TABLE "Report" ADD COLUMN "lineageStaleAt" DATETIME;

-- CreateTable
CREATE TABLE "PledgeLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pledgeId" TEXT NOT NULL,
    "predecessorId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'suggested',
    "score" REAL,
    "probability" REAL,
    "terms" TEXT NOT NULL DEFAULT '[]',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PledgeLink_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PledgeLink_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Pledge" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PledgeLink_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IndicatorOutcome" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "pledgeId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "growth" BOOLEAN NOT NULL,
    "unit" TEXT NOT NULL,
    "targetValue" REAL NOT NULL,
    "targetHigh" REAL,
    "comparator" TEXT NOT NULL,
    "ceiling" BOOLEAN NOT NULL DEFAULT false,
    "targetText" TEXT NOT NULL,
    "sourceReportId" TEXT,
    "reportedValue" REAL,
    "reportedText" TEXT,
    "quote" TEXT,
    "quoteStart" INTEGER,
    "quoteEnd" INTEGER,
    "verdict" TEXT,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IndicatorOutcome_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IndicatorOutcome_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IndicatorOutcome_sourceReportId_fkey" FOREIGN KEY ("sourceReportId") REFERENCES "Report" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PledgeLink_predecessorId_idx" ON "PledgeLink"("predecessorId");

-- CreateIndex
CREATE UNIQUE INDEX "PledgeLink_pledgeId_predecessorId_key" ON "PledgeLink"("pledgeId", "predecessorId");

-- CreateIndex
CREATE INDEX "IndicatorOutcome_reportId_idx" ON "IndicatorOutcome"("reportId");

-- CreateIndex
CREATE INDEX "IndicatorOutcome_pledgeId_idx" ON "IndicatorOutcome"("pledgeId");

