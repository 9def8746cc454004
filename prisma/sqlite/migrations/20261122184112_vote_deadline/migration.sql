-- AlterTable
ALTER TABLE "Vote" ADD COLUMN "closesAt" DATETIME;

-- CreateIndex
CREATE INDEX "Vote_status_closesAt_idx" ON "Vote"("status", "closesAt");

