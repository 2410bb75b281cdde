-- CreateTable
CREATE TABLE "Announcement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "bodyText" TEXT NOT NULL DEFAULT '',
    "audience" TEXT NOT NULL,
    "workingGroupId" TEXT,
    "legalForm" TEXT,
    "networkId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "sendAt" DATETIME,
    "sentAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Announcement_workingGroupId_fkey" FOREIGN KEY ("workingGroupId") REFERENCES "WorkingGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Announcement_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "ThematicNetwork" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Announcement_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnnouncementChosenPerson" (
    "announcementId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("announcementId", "userId"),
    CONSTRAINT "AnnouncementChosenPerson_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AnnouncementChosenPerson_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnnouncementRecipient" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "announcementId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "delivery" TEXT NOT NULL,
    "mailId" TEXT,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnnouncementRecipient_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AnnouncementRecipient_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnnouncementAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "announcementId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnnouncementAttachment_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AnnouncementAttachment_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "delivery" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "kind"),
    CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DigestItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "digestedAt" DATETIME,
    CONSTRAINT "DigestItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArchiveDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "documentDate" DATETIME NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "authorOrganisationId" TEXT,
    "workingGroupId" TEXT,
    "meetingId" TEXT,
    "projectId" TEXT,
    "visibility" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ArchiveDocument_authorOrganisationId_fkey" FOREIGN KEY ("authorOrganisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ArchiveDocument_workingGroupId_fkey" FOREIGN KEY ("workingGroupId") REFERENCES "WorkingGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ArchiveDocument_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ArchiveDocument_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ArchiveDocument_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArchiveDocumentVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "fileId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "uploadedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ArchiveDocumentVersion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "ArchiveDocument" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArchiveDocumentVersion_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ArchiveDocumentVersion_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AidService" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AidService_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AidServiceOpening" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opensAt" INTEGER NOT NULL,
    "closesAt" INTEGER NOT NULL,
    CONSTRAINT "AidServiceOpening_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "AidService" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AidServiceMonthlyReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "month" DATETIME NOT NULL,
    "nothingToReport" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL DEFAULT '',
    "enteredById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AidServiceMonthlyReport_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "AidService" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AidServiceMonthlyReport_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AidServiceFigure" (
    "reportId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    PRIMARY KEY ("reportId", "metric"),
    CONSTRAINT "AidServiceFigure_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "AidServiceMonthlyReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AidServiceReminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "month" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AidServiceReminder_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WeeklyDigest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "weekOf" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WeeklyDigest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- The digest is now one per person: the per-organisation rows of the past weeks are not carried over.
DROP TABLE "WeeklyDigest";
ALTER TABLE "new_WeeklyDigest" RENAME TO "WeeklyDigest";
CREATE UNIQUE INDEX "WeeklyDigest_userId_weekOf_key" ON "WeeklyDigest"("userId", "weekOf");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

-- Group documents become archive documents visible to the group (version 1 of each), keeping their
-- ids, titles, files and dates, before the old table goes.
INSERT INTO "ArchiveDocument" ("id", "title", "category", "documentDate", "description", "workingGroupId", "visibility", "createdById", "createdAt", "updatedAt")
SELECT d."id", d."title", 'ALTRO', d."createdAt", '', d."groupId", 'GROUP', f."uploadedById", d."createdAt", d."createdAt"
FROM "GroupDocument" d JOIN "StoredFile" f ON f."id" = d."fileId";
INSERT INTO "ArchiveDocumentVersion" ("id", "documentId", "versionNumber", "fileId", "note", "uploadedById", "createdAt")
SELECT d."id" || 'v1', d."id", 1, d."fileId", '', f."uploadedById", d."createdAt"
FROM "GroupDocument" d JOIN "StoredFile" f ON f."id" = d."fileId";

-- DropTable
DROP INDEX "GroupDocument_groupId_createdAt_idx";
PRAGMA foreign_keys=off;
DROP TABLE "GroupDocument";
PRAGMA foreign_keys=on;

-- AlterTable
ALTER TABLE "OutboxMail" ADD COLUMN "failure" TEXT;
