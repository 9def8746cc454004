-- CreateTable
CREATE TABLE "SecretVoter" (
    "voteId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,

    PRIMARY KEY ("voteId", "memberId")
);

-- CreateTable
CREATE TABLE "SecretTally" (
    "voteId" INTEGER NOT NULL,
    "option" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("voteId", "option")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CellSettings" (
    "cellId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ruleDay" INTEGER,
    "ruleTime" TEXT,
    "ruleShift" BOOLEAN NOT NULL DEFAULT true,
    "rulePlace" TEXT,
    "reminderOffsets" TEXT,
    "minMeetingMinutes" INTEGER,
    "electronicSecretBallot" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CellSettings_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CellSettings" ("cellId", "minMeetingMinutes", "reminderOffsets", "ruleDay", "rulePlace", "ruleShift", "ruleTime", "updatedAt") SELECT "cellId", "minMeetingMinutes", "reminderOffsets", "ruleDay", "rulePlace", "ruleShift", "ruleTime", "updatedAt" FROM "CellSettings";
DROP TABLE "CellSettings";
ALTER TABLE "new_CellSettings" RENAME TO "CellSettings";
CREATE TABLE "new_Vote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '["yes","no","other"]',
    "mode" TEXT NOT NULL DEFAULT 'OPEN',
    "aboutMemberId" INTEGER,
    "threshold" TEXT NOT NULL,
    "base" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "openedById" INTEGER NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "result" TEXT,
    "progress" TEXT
);
INSERT INTO "new_Vote" ("base", "cellId", "closedAt", "form", "id", "kind", "meetingId", "openedAt", "openedById", "progress", "result", "seq", "status", "subject", "threshold") SELECT "base", "cellId", "closedAt", "form", "id", "kind", "meetingId", "openedAt", "openedById", "progress", "result", "seq", "status", "subject", "threshold" FROM "Vote";
DROP TABLE "Vote";
ALTER TABLE "new_Vote" RENAME TO "Vote";
CREATE INDEX "Vote_cellId_status_idx" ON "Vote"("cellId", "status");
CREATE UNIQUE INDEX "Vote_meetingId_seq_key" ON "Vote"("meetingId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

