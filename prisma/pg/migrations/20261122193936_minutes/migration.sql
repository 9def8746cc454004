-- CreateEnum
CREATE TYPE "CaptureTag" AS ENUM ('TOPIC', 'OPINION', 'CONCLUSION', 'TASK', 'RESOLUTION');

-- CreateEnum
CREATE TYPE "DraftStatus" AS ENUM ('PENDING', 'APPROVED', 'DISCARDED');

-- CreateEnum
CREATE TYPE "OutcomeKind" AS ENUM ('CONCLUSION', 'RESOLUTION');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'DONE');

-- AlterTable
ALTER TABLE "CellSettings" ADD COLUMN     "summariseWithLlm" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Reminder" ADD COLUMN     "taskId" INTEGER;

-- CreateTable
CREATE TABLE "MinuteEntry" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "tag" "CaptureTag" NOT NULL,
    "text" TEXT NOT NULL,
    "authorId" INTEGER,
    "authorName" TEXT NOT NULL,
    "authorAccount" TEXT NOT NULL,
    "ownerId" INTEGER,
    "ownerName" TEXT,
    "dueOn" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "MinuteEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MinutesText" (
    "meetingId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "submittedById" INTEGER NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MinutesText_pkey" PRIMARY KEY ("meetingId")
);

-- CreateTable
CREATE TABLE "MinutesDraft" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "status" "DraftStatus" NOT NULL,
    "source" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),

    CONSTRAINT "MinutesDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingOutcome" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "kind" "OutcomeKind" NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "sources" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" SERIAL NOT NULL,
    "cellId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "what" TEXT NOT NULL,
    "ownerId" INTEGER,
    "ownerName" TEXT,
    "dueOn" TEXT,
    "status" "TaskStatus" NOT NULL,
    "sources" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "doneById" INTEGER,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Reminder_taskId_idx" ON "Reminder"("taskId");

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinuteEntry" ADD CONSTRAINT "MinuteEntry_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinutesText" ADD CONSTRAINT "MinutesText_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinutesDraft" ADD CONSTRAINT "MinutesDraft_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingOutcome" ADD CONSTRAINT "MeetingOutcome_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

