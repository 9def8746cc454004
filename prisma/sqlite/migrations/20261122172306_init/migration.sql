-- CreateTable
CREATE TABLE "Organisation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentId" INTEGER,
    "parentKey" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Organisation_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Cell" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "organisationId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Cell_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatBinding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ChatBinding_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "activeNameKey" TEXT,
    "membership" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "phone" TEXT,
    "admittedOn" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "removedAt" DATETIME,
    CONSTRAINT "Member_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MemberIdentity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "linkedAt" DATETIME NOT NULL,
    "linkedById" INTEGER,
    CONSTRAINT "MemberIdentity_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MemberIdentity_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LinkRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decidedById" INTEGER,
    CONSTRAINT "LinkRequest_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LinkRequest_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Prompt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cellId" INTEGER,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "chatKind" TEXT NOT NULL,
    "messageId" TEXT,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "channel" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "processedAt" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "eventId")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cellId" INTEGER NOT NULL,
    "actorMemberId" INTEGER,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "AuditEntry_cellId_fkey" FOREIGN KEY ("cellId") REFERENCES "Cell" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
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

