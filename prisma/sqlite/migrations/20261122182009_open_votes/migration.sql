-- CreateTable
CREATE TABLE "Vote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "threshold" TEXT NOT NULL,
    "base" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "openedById" INTEGER NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "result" TEXT,
    "progress" TEXT
);

-- CreateTable
CREATE TABLE "VoteEligible" (
    "voteId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,

    PRIMARY KEY ("voteId", "memberId"),
    CONSTRAINT "VoteEligible_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OpenBallot" (
    "voteId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "choice" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("voteId", "memberId"),
    CONSTRAINT "OpenBallot_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Vote_cellId_status_idx" ON "Vote"("cellId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_meetingId_seq_key" ON "Vote"("meetingId", "seq");

