-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN "awaitUserId" TEXT;
ALTER TABLE "Prompt" ADD COLUMN "subject" TEXT;

-- CreateTable
CREATE TABLE "CellSettings" (
    "cellId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ruleDay" INTEGER,
    "ruleTime" TEXT,
    "ruleShift" BOOLEAN NOT NULL DEFAULT true,
    "rulePlace" TEXT,
    "reminderOffsets" TEXT,
    "minMeetingMinutes" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CellSettings_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CellHoliday" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "off" BOOLEAN NOT NULL,
    CONSTRAINT "CellHoliday_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "topic" TEXT,
    "status" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "place" TEXT,
    "agenda" TEXT NOT NULL,
    "chairId" INTEGER,
    "minuteTakerId" INTEGER,
    "ruleMonth" TEXT,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Meeting_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "actorId" INTEGER,
    "at" DATETIME NOT NULL,
    CONSTRAINT "MeetingEvent_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "meetingId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "rsvp" TEXT,
    "rsvpReason" TEXT,
    "rsvpById" INTEGER,
    "rsvpAt" DATETIME,
    "attendance" TEXT,
    "reason" TEXT,
    "markedById" INTEGER,
    "markedAt" DATETIME,
    "excuseApproved" BOOLEAN NOT NULL DEFAULT false,
    "excuseApprovedById" INTEGER,

    PRIMARY KEY ("meetingId", "memberId"),
    CONSTRAINT "MeetingAttendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" INTEGER NOT NULL,
    "offsetMinutes" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "claimedAt" DATETIME,
    "claimedBy" TEXT,
    "doneAt" DATETIME,
    CONSTRAINT "Reminder_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CellAlert" (
    "cellId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("cellId", "key"),
    CONSTRAINT "CellAlert_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CellHoliday_cellId_date_key" ON "CellHoliday"("cellId", "date");

-- CreateIndex
CREATE INDEX "Meeting_cellId_status_startsAt_idx" ON "Meeting"("cellId", "status", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_cellId_seq_key" ON "Meeting"("cellId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_cellId_ruleMonth_key" ON "Meeting"("cellId", "ruleMonth");

-- CreateIndex
CREATE INDEX "MeetingEvent_meetingId_at_idx" ON "MeetingEvent"("meetingId", "at");

-- CreateIndex
CREATE INDEX "MeetingAttendance_memberId_idx" ON "MeetingAttendance"("memberId");

-- CreateIndex
CREATE INDEX "Reminder_state_dueAt_idx" ON "Reminder"("state", "dueAt");

-- CreateIndex
CREATE INDEX "Reminder_meetingId_idx" ON "Reminder"("meetingId");

-- CreateIndex
CREATE INDEX "Prompt_subject_idx" ON "Prompt"("subject");

