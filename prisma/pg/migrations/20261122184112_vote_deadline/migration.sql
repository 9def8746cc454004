-- AlterTable
ALTER TABLE "Vote" ADD COLUMN     "closesAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Vote_status_closesAt_idx" ON "Vote"("status", "closesAt");

