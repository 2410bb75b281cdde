-- DropForeignKey
ALTER TABLE "WeeklyDigest" DROP CONSTRAINT "WeeklyDigest_organisationId_fkey";

-- DropIndex
DROP INDEX "WeeklyDigest_organisationId_weekOf_key";

-- The digest is now one per person: the per-organisation rows of the past weeks are not carried over.
DELETE FROM "WeeklyDigest";

-- AlterTable
ALTER TABLE "WeeklyDigest" DROP COLUMN "organisationId",
ADD COLUMN     "userId" TEXT NOT NULL;

-- CreateTable
CREATE TABLE "Announcement" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "bodyText" TEXT NOT NULL DEFAULT '',
    "audience" TEXT NOT NULL,
    "workingGroupId" TEXT,
    "legalForm" TEXT,
    "networkId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "sendAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Announcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnouncementChosenPerson" (
    "announcementId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "AnnouncementChosenPerson_pkey" PRIMARY KEY ("announcementId","userId")
);

-- CreateTable
CREATE TABLE "AnnouncementRecipient" (
    "id" TEXT NOT NULL,
    "announcementId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "delivery" TEXT NOT NULL,
    "mailId" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnouncementRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnouncementAttachment" (
    "id" TEXT NOT NULL,
    "announcementId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnouncementAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "delivery" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "DigestItem" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "digestedAt" TIMESTAMP(3),

    CONSTRAINT "DigestItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArchiveDocument" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "documentDate" TIMESTAMP(3) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "authorOrganisationId" TEXT,
    "workingGroupId" TEXT,
    "meetingId" TEXT,
    "projectId" TEXT,
    "visibility" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArchiveDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArchiveDocumentVersion" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "fileId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArchiveDocumentVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AidService" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "eligibility" TEXT NOT NULL DEFAULT '',
    "accessMode" TEXT NOT NULL,
    "accessNotes" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "capacity" TEXT NOT NULL DEFAULT '',
    "languages" TEXT NOT NULL DEFAULT '',
    "accessibility" TEXT NOT NULL DEFAULT 'NON_INDICATA',
    "accessibilityNotes" TEXT NOT NULL DEFAULT '',
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AidService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AidServiceOpening" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opensAt" INTEGER NOT NULL,
    "closesAt" INTEGER NOT NULL,

    CONSTRAINT "AidServiceOpening_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AidServiceMonthlyReport" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "month" TIMESTAMP(3) NOT NULL,
    "nothingToReport" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL DEFAULT '',
    "enteredById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AidServiceMonthlyReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AidServiceFigure" (
    "reportId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "AidServiceFigure_pkey" PRIMARY KEY ("reportId","metric")
);

-- CreateTable
CREATE TABLE "AidServiceReminder" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "month" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AidServiceReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Announcement_status_sendAt_idx" ON "Announcement"("status", "sendAt");

-- CreateIndex
CREATE INDEX "Announcement_sentAt_idx" ON "Announcement"("sentAt");

-- CreateIndex
CREATE INDEX "AnnouncementChosenPerson_userId_idx" ON "AnnouncementChosenPerson"("userId");

-- CreateIndex
CREATE INDEX "AnnouncementRecipient_userId_readAt_idx" ON "AnnouncementRecipient"("userId", "readAt");

-- CreateIndex
CREATE UNIQUE INDEX "AnnouncementRecipient_announcementId_userId_key" ON "AnnouncementRecipient"("announcementId", "userId");

-- CreateIndex
CREATE INDEX "AnnouncementAttachment_announcementId_idx" ON "AnnouncementAttachment"("announcementId");

-- CreateIndex
CREATE INDEX "DigestItem_userId_digestedAt_idx" ON "DigestItem"("userId", "digestedAt");

-- CreateIndex
CREATE INDEX "ArchiveDocument_category_documentDate_idx" ON "ArchiveDocument"("category", "documentDate");

-- CreateIndex
CREATE INDEX "ArchiveDocument_visibility_documentDate_idx" ON "ArchiveDocument"("visibility", "documentDate");

-- CreateIndex
CREATE INDEX "ArchiveDocument_workingGroupId_documentDate_idx" ON "ArchiveDocument"("workingGroupId", "documentDate");

-- CreateIndex
CREATE INDEX "ArchiveDocument_meetingId_idx" ON "ArchiveDocument"("meetingId");

-- CreateIndex
CREATE INDEX "ArchiveDocument_projectId_idx" ON "ArchiveDocument"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "ArchiveDocumentVersion_documentId_versionNumber_key" ON "ArchiveDocumentVersion"("documentId", "versionNumber");

-- CreateIndex
CREATE INDEX "AidService_kind_area_idx" ON "AidService"("kind", "area");

-- CreateIndex
CREATE INDEX "AidService_organisationId_idx" ON "AidService"("organisationId");

-- CreateIndex
CREATE INDEX "AidService_status_idx" ON "AidService"("status");

-- CreateIndex
CREATE INDEX "AidServiceOpening_serviceId_idx" ON "AidServiceOpening"("serviceId");

-- CreateIndex
CREATE INDEX "AidServiceOpening_weekday_idx" ON "AidServiceOpening"("weekday");

-- CreateIndex
CREATE INDEX "AidServiceMonthlyReport_month_idx" ON "AidServiceMonthlyReport"("month");

-- CreateIndex
CREATE UNIQUE INDEX "AidServiceMonthlyReport_serviceId_month_key" ON "AidServiceMonthlyReport"("serviceId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "AidServiceReminder_organisationId_month_key" ON "AidServiceReminder"("organisationId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "WeeklyDigest_userId_weekOf_key" ON "WeeklyDigest"("userId", "weekOf");

-- AddForeignKey
ALTER TABLE "WeeklyDigest" ADD CONSTRAINT "WeeklyDigest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Announcement" ADD CONSTRAINT "Announcement_workingGroupId_fkey" FOREIGN KEY ("workingGroupId") REFERENCES "WorkingGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Announcement" ADD CONSTRAINT "Announcement_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "ThematicNetwork"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Announcement" ADD CONSTRAINT "Announcement_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementChosenPerson" ADD CONSTRAINT "AnnouncementChosenPerson_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementChosenPerson" ADD CONSTRAINT "AnnouncementChosenPerson_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementRecipient" ADD CONSTRAINT "AnnouncementRecipient_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementRecipient" ADD CONSTRAINT "AnnouncementRecipient_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementAttachment" ADD CONSTRAINT "AnnouncementAttachment_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementAttachment" ADD CONSTRAINT "AnnouncementAttachment_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestItem" ADD CONSTRAINT "DigestItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArchiveDocument" ADD CONSTRAINT "ArchiveDocument_authorOrganisationId_fkey" FOREIGN KEY ("authorOrganisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArchiveDocument" ADD CONSTRAINT "ArchiveDocument_workingGroupId_fkey" FOREIGN KEY ("workingGroupId") REFERENCES "WorkingGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArchiveDocument" ADD CONSTRAINT "ArchiveDocument_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArchiveDocument" ADD CONSTRAINT "ArchiveDocument_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArchiveDocument" ADD CONSTRAINT "ArchiveDocument_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArchiveDocumentVersion" ADD CONSTRAINT "ArchiveDocumentVersion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "ArchiveDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArchiveDocumentVersion" ADD CONSTRAINT "ArchiveDocumentVersion_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArchiveDocumentVersion" ADD CONSTRAINT "ArchiveDocumentVersion_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AidService" ADD CONSTRAINT "AidService_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AidServiceOpening" ADD CONSTRAINT "AidServiceOpening_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "AidService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AidServiceMonthlyReport" ADD CONSTRAINT "AidServiceMonthlyReport_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "AidService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AidServiceMonthlyReport" ADD CONSTRAINT "AidServiceMonthlyReport_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AidServiceFigure" ADD CONSTRAINT "AidServiceFigure_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "AidServiceMonthlyReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AidServiceReminder" ADD CONSTRAINT "AidServiceReminder_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Group documents become archive documents visible to the group (version 1 of each), keeping their
-- ids, titles, files and dates, before the old table goes.
INSERT INTO "ArchiveDocument" ("id", "title", "category", "documentDate", "description", "workingGroupId", "visibility", "createdById", "createdAt", "updatedAt")
SELECT d."id", d."title", 'ALTRO', d."createdAt", '', d."groupId", 'GROUP', f."uploadedById", d."createdAt", d."createdAt"
FROM "GroupDocument" d JOIN "StoredFile" f ON f."id" = d."fileId";
INSERT INTO "ArchiveDocumentVersion" ("id", "documentId", "versionNumber", "fileId", "note", "uploadedById", "createdAt")
SELECT d."id" || 'v1', d."id", 1, d."fileId", '', f."uploadedById", d."createdAt"
FROM "GroupDocument" d JOIN "StoredFile" f ON f."id" = d."fileId";

-- DropTable
DROP TABLE "GroupDocument";

-- AlterTable
ALTER TABLE "OutboxMail" ADD COLUMN "failure" TEXT;
