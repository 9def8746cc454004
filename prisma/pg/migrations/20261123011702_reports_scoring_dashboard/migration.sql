-- CreateTable
CREATE TABLE "MeetingScore" (
    "meetingId" INTEGER NOT NULL,
    "sheet" TEXT NOT NULL,
    "points" TEXT NOT NULL,
    "judged" TEXT NOT NULL,
    "total" INTEGER,
    "band" TEXT,
    "scoredById" INTEGER NOT NULL,
    "scoredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingScore_pkey" PRIMARY KEY ("meetingId")
);

-- CreateTable
CREATE TABLE "OrganisationViewer" (
    "organisationId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrganisationViewer_pkey" PRIMARY KEY ("organisationId","channel","externalId")
);

-- CreateTable
CREATE TABLE "DashboardAccess" (
    "hash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "DashboardAccess_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE INDEX "OrganisationViewer_channel_externalId_idx" ON "OrganisationViewer"("channel", "externalId");

-- CreateIndex
CREATE INDEX "DashboardAccess_expiresAt_idx" ON "DashboardAccess"("expiresAt");

-- AddForeignKey
ALTER TABLE "MeetingScore" ADD CONSTRAINT "MeetingScore_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationViewer" ADD CONSTRAINT "OrganisationViewer_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

