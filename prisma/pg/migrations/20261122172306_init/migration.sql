-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('DANG_BO', 'DANG_BO_BO_PHAN');

-- CreateEnum
CREATE TYPE "Membership" AS ENUM ('CHINH_THUC', 'DU_BI');

-- CreateEnum
CREATE TYPE "MemberStatus" AS ENUM ('ACTIVE', 'EXEMPT', 'TEMP_OUT', 'TEMP_IN', 'SUSPENDED', 'PROSECUTED');

-- CreateEnum
CREATE TYPE "CellRole" AS ENUM ('BI_THU', 'PHO_BI_THU', 'CHI_UY_VIEN', 'DANG_VIEN');

-- CreateEnum
CREATE TYPE "LinkRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "Organisation" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "kind" "OrgKind" NOT NULL,
    "parentId" INTEGER,
    "parentKey" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cell" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "organisationId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cell_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatBinding" (
    "id" SERIAL NOT NULL,
    "cellId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatBinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" SERIAL NOT NULL,
    "cellId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "activeNameKey" TEXT,
    "membership" "Membership" NOT NULL,
    "status" "MemberStatus" NOT NULL,
    "role" "CellRole" NOT NULL,
    "phone" TEXT,
    "admittedOn" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberIdentity" (
    "id" SERIAL NOT NULL,
    "cellId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL,
    "linkedById" INTEGER,

    CONSTRAINT "MemberIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkRequest" (
    "id" SERIAL NOT NULL,
    "cellId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "status" "LinkRequestStatus" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" INTEGER,

    CONSTRAINT "LinkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prompt" (
    "id" TEXT NOT NULL,
    "cellId" INTEGER,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "chatKind" TEXT NOT NULL,
    "messageId" TEXT,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Prompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "channel" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("channel","eventId")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "cellId" INTEGER NOT NULL,
    "actorMemberId" INTEGER,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_parentKey_nameKey_key" ON "Organisation"("parentKey", "nameKey");

-- CreateIndex
CREATE INDEX "ChatBinding_cellId_idx" ON "ChatBinding"("cellId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatBinding_channel_chatId_key" ON "ChatBinding"("channel", "chatId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_cellId_seq_key" ON "Member"("cellId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Member_cellId_activeNameKey_key" ON "Member"("cellId", "activeNameKey");

-- CreateIndex
CREATE UNIQUE INDEX "MemberIdentity_cellId_channel_externalId_key" ON "MemberIdentity"("cellId", "channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "MemberIdentity_memberId_channel_key" ON "MemberIdentity"("memberId", "channel");

-- CreateIndex
CREATE INDEX "LinkRequest_cellId_status_idx" ON "LinkRequest"("cellId", "status");

-- CreateIndex
CREATE INDEX "Prompt_channel_chatId_closedAt_idx" ON "Prompt"("channel", "chatId", "closedAt");

-- CreateIndex
CREATE INDEX "ProcessedEvent_processedAt_idx" ON "ProcessedEvent"("processedAt");

-- CreateIndex
CREATE INDEX "AuditEntry_cellId_at_idx" ON "AuditEntry"("cellId", "at");

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cell" ADD CONSTRAINT "Cell_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatBinding" ADD CONSTRAINT "ChatBinding_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberIdentity" ADD CONSTRAINT "MemberIdentity_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberIdentity" ADD CONSTRAINT "MemberIdentity_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkRequest" ADD CONSTRAINT "LinkRequest_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkRequest" ADD CONSTRAINT "LinkRequest_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

