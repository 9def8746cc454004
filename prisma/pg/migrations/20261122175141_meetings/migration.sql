-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('THUONG_KY', 'CHUYEN_DE', 'KET_HOP', 'BAT_THUONG', 'DAI_HOI');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'IN_PROGRESS', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "Rsvp" AS ENUM ('YES', 'EXCUSED', 'MAYBE');

-- CreateEnum
CREATE TYPE "Attendance" AS ENUM ('PRESENT', 'ABSENT_EXCUSED', 'ABSENT_UNEXCUSED');

-- CreateEnum
CREATE TYPE "ReminderState" AS ENUM ('PENDING', 'CLAIMED', 'SENT', 'SKIPPED');

-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN     "awaitUserId" TEXT,
ADD COLUMN     "subject" TEXT;

-- CreateTable
CREATE TABLE "CellSettings" (
    "cellId" INTEGER NOT NULL,
    "ruleDay" INTEGER,
    "ruleTime" TEXT,
    "ruleShift" BOOLEAN NOT NULL DEFAULT true,
    "rulePlace" TEXT,
    "reminderOffsets" TEXT,
    "minMeetingMinutes" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CellSettings_pkey" PRIMARY KEY ("cellId")
);

-- CreateTable
CREATE TABLE "CellHoliday" (
    "id" SERIAL NOT NULL,
    "cellId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "off" BOOLEAN NOT NULL,

    CONSTRAINT "CellHoliday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "cellId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "topic" TEXT,
    "status" "MeetingStatus" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT,
    "agenda" TEXT NOT NULL,
    "chairId" INTEGER,
    "minuteTakerId" INTEGER,
    "ruleMonth" TEXT,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingEvent" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "actorId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "meetingId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "rsvp" "Rsvp",
    "rsvpReason" TEXT,
    "rsvpById" INTEGER,
    "rsvpAt" TIMESTAMP(3),
    "attendance" "Attendance",
    "reason" TEXT,
    "markedById" INTEGER,
    "markedAt" TIMESTAMP(3),
    "excuseApproved" BOOLEAN NOT NULL DEFAULT false,
    "excuseApprovedById" INTEGER,

    CONSTRAINT "MeetingAttendance_pkey" PRIMARY KEY ("meetingId","memberId")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "offsetMinutes" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "state" "ReminderState" NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "claimedBy" TEXT,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CellAlert" (
    "cellId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CellAlert_pkey" PRIMARY KEY ("cellId","key")
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

-- AddForeignKey
ALTER TABLE "CellSettings" ADD CONSTRAINT "CellSettings_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CellHoliday" ADD CONSTRAINT "CellHoliday_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingEvent" ADD CONSTRAINT "MeetingEvent_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CellAlert" ADD CONSTRAINT "CellAlert_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

