-- AlterTable
ALTER TABLE "CellSettings" ADD COLUMN "nextDraftAt" DATETIME;

-- CreateTable
CREATE TABLE "JobRun" (
    "job" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "claimedBy" TEXT,
    "claimedAt" DATETIME NOT NULL,
    "doneAt" DATETIME,

    PRIMARY KEY ("job", "period")
);

-- CreateIndex
CREATE INDEX "CellSettings_nextDraftAt_idx" ON "CellSettings"("nextDraftAt");

-- CreateIndex
CREATE INDEX "Meeting_status_startsAt_idx" ON "Meeting"("status", "startsAt");


-- Backfill (written by hand): every cell with a monthly rule is looked at on the first tick, which then
-- sets its next time (docs/decisions/0010-scheduler-reads-what-is-due.md).
UPDATE "CellSettings" SET "nextDraftAt" = "updatedAt" WHERE "ruleDay" IS NOT NULL;
