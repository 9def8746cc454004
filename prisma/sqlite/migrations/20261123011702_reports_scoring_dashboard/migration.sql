-- CreateTable
CREATE TABLE "MeetingScore" (
    "meetingId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sheet" TEXT NOT NULL,
    "points" TEXT NOT NULL,
    "judged" TEXT NOT NULL,
    "total" INTEGER,
    "band" TEXT,
    "scoredById" INTEGER NOT NULL,
    "scoredAt" DATETIME NOT NULL,
    CONSTRAINT "MeetingScore_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrganisationViewer" (
    "organisationId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "grantedAt" DATETIME NOT NULL,

    PRIMARY KEY ("organisationId", "channel", "externalId"),
    CONSTRAINT "OrganisationViewer_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DashboardAccess" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "OrganisationViewer_channel_externalId_idx" ON "OrganisationViewer"("channel", "externalId");

-- CreateIndex
CREATE INDEX "DashboardAccess_expiresAt_idx" ON "DashboardAccess"("expiresAt");

