-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "audience" TEXT NOT NULL DEFAULT 'NAMED',
ADD COLUMN     "cancelReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "convokedAt" TIMESTAMP(3),
ADD COLUMN     "icsSequence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "icsUid" TEXT,
ADD COLUMN     "quorumRule" TEXT NOT NULL DEFAULT 'NONE',
ADD COLUMN     "reminderDaysBefore" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "reminderSentAt" TIMESTAMP(3),
ADD COLUMN     "seriesId" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'DRAFT',
ADD COLUMN     "videoLink" TEXT NOT NULL DEFAULT '';

-- Existing meetings keep their id as their calendar UID.
UPDATE "Meeting" SET "icsUid" = "id";
ALTER TABLE "Meeting" ALTER COLUMN "icsUid" SET NOT NULL;

-- AlterTable
ALTER TABLE "OutboxMail" ADD COLUMN     "calendar" TEXT,
ADD COLUMN     "calendarMethod" TEXT;

-- CreateTable
CREATE TABLE "MeetingSeries" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "workingGroupId" TEXT,
    "weekOfMonth" INTEGER NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "location" TEXT NOT NULL DEFAULT '',
    "videoLink" TEXT NOT NULL DEFAULT '',
    "reminderDaysBefore" INTEGER NOT NULL DEFAULT 2,
    "quorumRule" TEXT NOT NULL DEFAULT 'NONE',
    "reviewDays" INTEGER NOT NULL DEFAULT 7,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "presenter" TEXT NOT NULL DEFAULT '',
    "durationMinutes" INTEGER NOT NULL DEFAULT 15,
    "kind" TEXT NOT NULL DEFAULT 'NORMAL',
    "verbaleId" TEXT,
    "followsDecisionId" TEXT,
    "escalatedFromId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaDocument" (
    "id" TEXT NOT NULL,
    "agendaItemId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitee" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "response" TEXT NOT NULL DEFAULT 'PENDING',
    "respondedAt" TIMESTAMP(3),
    "rsvpTokenHash" TEXT NOT NULL,
    "substituteForId" TEXT,
    "present" BOOLEAN,
    "attendanceAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invitee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Verbale" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'BOZZA',
    "content" TEXT NOT NULL DEFAULT '[]',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "reviewUntil" TIMESTAMP(3),
    "approvedAtMeetingId" TEXT,
    "approvedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "protocolNumber" TEXT NOT NULL DEFAULT '',
    "attendanceSummary" TEXT NOT NULL DEFAULT '',
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Verbale_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerbaleVersion" (
    "id" TEXT NOT NULL,
    "verbaleId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerbaleVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerbaleComment" (
    "id" TEXT NOT NULL,
    "verbaleId" TEXT NOT NULL,
    "userId" TEXT,
    "authorName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerbaleComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "responsibleOrganisationId" TEXT,
    "responsibleUserId" TEXT,
    "dueOn" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionUpdate" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "userId" TEXT,
    "authorName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MeetingSeries_name_key" ON "MeetingSeries"("name");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_escalatedFromId_key" ON "AgendaItem"("escalatedFromId");

-- CreateIndex
CREATE INDEX "AgendaItem_meetingId_position_idx" ON "AgendaItem"("meetingId", "position");

-- CreateIndex
CREATE INDEX "AgendaItem_followsDecisionId_idx" ON "AgendaItem"("followsDecisionId");

-- CreateIndex
CREATE INDEX "AgendaDocument_agendaItemId_idx" ON "AgendaDocument"("agendaItemId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitee_rsvpTokenHash_key" ON "Invitee"("rsvpTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Invitee_substituteForId_key" ON "Invitee"("substituteForId");

-- CreateIndex
CREATE INDEX "Invitee_userId_idx" ON "Invitee"("userId");

-- CreateIndex
CREATE INDEX "Invitee_organisationId_meetingId_idx" ON "Invitee"("organisationId", "meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitee_meetingId_userId_key" ON "Invitee"("meetingId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Verbale_meetingId_key" ON "Verbale"("meetingId");

-- CreateIndex
CREATE INDEX "Verbale_status_publishedAt_idx" ON "Verbale"("status", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "VerbaleVersion_verbaleId_number_key" ON "VerbaleVersion"("verbaleId", "number");

-- CreateIndex
CREATE INDEX "VerbaleComment_verbaleId_createdAt_idx" ON "VerbaleComment"("verbaleId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_status_dueOn_idx" ON "Decision"("status", "dueOn");

-- CreateIndex
CREATE INDEX "Decision_responsibleOrganisationId_status_idx" ON "Decision"("responsibleOrganisationId", "status");

-- CreateIndex
CREATE INDEX "Decision_meetingId_idx" ON "Decision"("meetingId");

-- CreateIndex
CREATE INDEX "DecisionUpdate_decisionId_createdAt_idx" ON "DecisionUpdate"("decisionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_icsUid_key" ON "Meeting"("icsUid");

-- CreateIndex
CREATE INDEX "Meeting_seriesId_startsAt_idx" ON "Meeting"("seriesId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_status_startsAt_idx" ON "Meeting"("status", "startsAt");

-- AddForeignKey
ALTER TABLE "MeetingSeries" ADD CONSTRAINT "MeetingSeries_workingGroupId_fkey" FOREIGN KEY ("workingGroupId") REFERENCES "WorkingGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MeetingSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_verbaleId_fkey" FOREIGN KEY ("verbaleId") REFERENCES "Verbale"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_followsDecisionId_fkey" FOREIGN KEY ("followsDecisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_escalatedFromId_fkey" FOREIGN KEY ("escalatedFromId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaDocument" ADD CONSTRAINT "AgendaDocument_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaDocument" ADD CONSTRAINT "AgendaDocument_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitee" ADD CONSTRAINT "Invitee_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitee" ADD CONSTRAINT "Invitee_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitee" ADD CONSTRAINT "Invitee_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitee" ADD CONSTRAINT "Invitee_substituteForId_fkey" FOREIGN KEY ("substituteForId") REFERENCES "Invitee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verbale" ADD CONSTRAINT "Verbale_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verbale" ADD CONSTRAINT "Verbale_approvedAtMeetingId_fkey" FOREIGN KEY ("approvedAtMeetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verbale" ADD CONSTRAINT "Verbale_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerbaleVersion" ADD CONSTRAINT "VerbaleVersion_verbaleId_fkey" FOREIGN KEY ("verbaleId") REFERENCES "Verbale"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerbaleVersion" ADD CONSTRAINT "VerbaleVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerbaleComment" ADD CONSTRAINT "VerbaleComment_verbaleId_fkey" FOREIGN KEY ("verbaleId") REFERENCES "Verbale"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerbaleComment" ADD CONSTRAINT "VerbaleComment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_responsibleOrganisationId_fkey" FOREIGN KEY ("responsibleOrganisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_responsibleUserId_fkey" FOREIGN KEY ("responsibleUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionUpdate" ADD CONSTRAINT "DecisionUpdate_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionUpdate" ADD CONSTRAINT "DecisionUpdate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

