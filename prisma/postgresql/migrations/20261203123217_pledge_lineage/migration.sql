-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "lineageAt" TIMESTAMP(3),
ADD COLUMN     "lineageStaleAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PledgeLink" (
    "id" TEXT NOT NULL,
    "pledgeId" TEXT NOT NULL,
    "predecessorId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'suggested',
    "score" DOUBLE PRECISION,
    "probability" DOUBLE PRECISION,
    "terms" TEXT NOT NULL DEFAULT '[]',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PledgeLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorOutcome" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "pledgeId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "growth" BOOLEAN NOT NULL,
    "unit" TEXT NOT NULL,
    "targetValue" DOUBLE PRECISION NOT NULL,
    "targetHigh" DOUBLE PRECISION,
    "comparator" TEXT NOT NULL,
    "ceiling" BOOLEAN NOT NULL DEFAULT false,
    "targetText" TEXT NOT NULL,
    "sourceReportId" TEXT,
    "reportedValue" DOUBLE PRECISION,
    "reportedText" TEXT,
    "quote" TEXT,
    "quoteStart" INTEGER,
    "quoteEnd" INTEGER,
    "verdict" TEXT,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndicatorOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PledgeLink_predecessorId_idx" ON "PledgeLink"("predecessorId");

-- CreateIndex
CREATE UNIQUE INDEX "PledgeLink_pledgeId_predecessorId_key" ON "PledgeLink"("pledgeId", "predecessorId");

-- CreateIndex
CREATE INDEX "IndicatorOutcome_reportId_idx" ON "IndicatorOutcome"("reportId");

-- CreateIndex
CREATE INDEX "IndicatorOutcome_pledgeId_idx" ON "IndicatorOutcome"("pledgeId");

-- AddForeignKey
ALTER TABLE "PledgeLink" ADD CONSTRAINT "PledgeLink_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeLink" ADD CONSTRAINT "PledgeLink_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeLink" ADD CONSTRAINT "PledgeLink_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorOutcome" ADD CONSTRAINT "IndicatorOutcome_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorOutcome" ADD CONSTRAINT "IndicatorOutcome_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "Pledge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorOutcome" ADD CONSTRAINT "IndicatorOutcome_sourceReportId_fkey" FOREIGN KEY ("sourceReportId") REFERENCES "Report"("id") ON DELETE SET NULL ON UPDATE CASCADE;

