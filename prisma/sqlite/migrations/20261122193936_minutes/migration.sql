-- CreateTable
CREATE TABLE "MinuteEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "authorId" INTEGER,
    "authorName" TEXT NOT NULL,
    "authorAccount" TEXT NOT NULL,
    "ownerId" INTEGER,
    "ownerName" TEXT,
    "dueOn" TEXT,
    "createdAt" DATETIME NOT NULL,
    "removedAt" DATETIME,
    CONSTRAINT "MinuteEntry_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MinutesText" (
    "meetingId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "text" TEXT NOT NULL,
    "submittedById" INTEGER NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    CONSTRAINT "MinutesText_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MinutesDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "reviewedById" INTEGER,
    "reviewedAt" DATETIME,
    CONSTRAINT "MinutesDraft_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingOutcome" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "sources" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "MeetingOutcome_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Task" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "what" TEXT NOT NULL,
    "ownerId" INTEGER,
    "ownerName" TEXT,
    "dueOn" TEXT,
    "status" TEXT NOT NULL,
    "sources" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "doneAt" DATETIME,
    "doneById" INTEGER,
    CONSTRAINT "Task_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
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
    "summariseWithLlm" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CellSettings_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CellSettings" ("cellId", "electronicSecretBallot", "minMeetingMinutes", "reminderOffsets", "ruleDay", "rulePlace", "ruleShift", "ruleTime", "updatedAt") SELECT "cellId", "electronicSecretBallot", "minMeetingMinutes", "reminderOffsets", "ruleDay", "rulePlace", "ruleShift", "ruleTime", "updatedAt" FROM "CellSettings";
DROP TABLE "CellSettings";
ALTER TABLE "new_CellSettings" RENAME TO "CellSettings";
CREATE TABLE "new_Reminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" INTEGER NOT NULL,
    "offsetMinutes" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "claimedAt" DATETIME,
    "claimedBy" TEXT,
    "doneAt" DATETIME,
    "taskId" INTEGER,
    CONSTRAINT "Reminder_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Reminder_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Reminder" ("claimedAt", "claimedBy", "doneAt", "dueAt", "id", "meetingId", "offsetMinutes", "state") SELECT "claimedAt", "claimedBy", "doneAt", "dueAt", "id", "meetingId", "offsetMinutes", "state" FROM "Reminder";
DROP TABLE "Reminder";
ALTER TABLE "new_Reminder" RENAME TO "Reminder";
CREATE INDEX "Reminder_state_dueAt_idx" ON "Reminder"("state", "dueAt");
CREATE INDEX "Reminder_meetingId_idx" ON "Reminder"("meetingId");
CREATE INDEX "Reminder_taskId_idx" ON "Reminder"("taskId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "MinuteEntry_meetingId_authorAccount_idx" ON "MinuteEntry"("meetingId", "authorAccount");

-- CreateIndex
CREATE UNIQUE INDEX "MinuteEntry_meetingId_seq_key" ON "MinuteEntry"("meetingId", "seq");

-- CreateIndex
CREATE INDEX "MinutesDraft_meetingId_status_idx" ON "MinutesDraft"("meetingId", "status");

-- CreateIndex
CREATE INDEX "MeetingOutcome_meetingId_idx" ON "MeetingOutcome"("meetingId");

-- CreateIndex
CREATE INDEX "Task_cellId_status_idx" ON "Task"("cellId", "status");

-- CreateIndex
CREATE INDEX "Task_meetingId_idx" ON "Task"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "Task_cellId_seq_key" ON "Task"("cellId", "seq");

