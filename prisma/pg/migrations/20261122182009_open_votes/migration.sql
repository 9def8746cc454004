-- CreateEnum
CREATE TYPE "VoteStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateTable
CREATE TABLE "Vote" (
    "id" SERIAL NOT NULL,
    "cellId" INTEGER NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "threshold" TEXT NOT NULL,
    "base" INTEGER NOT NULL,
    "status" "VoteStatus" NOT NULL,
    "openedById" INTEGER NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "result" TEXT,
    "progress" TEXT,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoteEligible" (
    "voteId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,

    CONSTRAINT "VoteEligible_pkey" PRIMARY KEY ("voteId","memberId")
);

-- CreateTable
CREATE TABLE "OpenBallot" (
    "voteId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "choice" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OpenBallot_pkey" PRIMARY KEY ("voteId","memberId")
);

-- CreateIndex
CREATE INDEX "Vote_cellId_status_idx" ON "Vote"("cellId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_meetingId_seq_key" ON "Vote"("meetingId", "seq");

-- AddForeignKey
ALTER TABLE "VoteEligible" ADD CONSTRAINT "VoteEligible_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenBallot" ADD CONSTRAINT "OpenBallot_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

