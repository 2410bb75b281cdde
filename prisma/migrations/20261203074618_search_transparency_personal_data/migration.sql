-- AlterTable
ALTER TABLE "Verbale" ADD COLUMN "publicContent" TEXT;
ALTER TABLE "Verbale" ADD COLUMN "publicAt" DATETIME;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "erasedAt" DATETIME;

-- CreateTable
CREATE TABLE "TavoloSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'tavolo',
    "presentation" TEXT NOT NULL DEFAULT '',
    "publishPresentation" BOOLEAN NOT NULL DEFAULT false,
    "publishPartnerList" BOOLEAN NOT NULL DEFAULT false,
    "openDataLicence" TEXT NOT NULL DEFAULT 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)',
    "privacyNotice" TEXT NOT NULL DEFAULT '',
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SearchEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "groupId" TEXT,
    "meetingId" TEXT,
    "organisationId" TEXT,
    "leadOrganisationId" TEXT,
    "date" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "cup" TEXT,
    "rup" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "leadOrganisationId" TEXT NOT NULL,
    "workingGroupId" TEXT,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "fundingSource" TEXT NOT NULL,
    "fundingDetail" TEXT NOT NULL DEFAULT '',
    "programmedCents" BIGINT NOT NULL,
    "admittedCents" BIGINT NOT NULL DEFAULT 0,
    "committedCents" BIGINT NOT NULL DEFAULT 0,
    "disbursedCents" BIGINT NOT NULL DEFAULT 0,
    "uncommittedReason" TEXT NOT NULL DEFAULT '',
    "expectedCommitmentOn" DATETIME,
    "reportingFrequency" TEXT NOT NULL DEFAULT 'QUARTERLY',
    "customPeriodEnds" TEXT NOT NULL DEFAULT '[]',
    "reportingDueDays" INTEGER NOT NULL DEFAULT 30,
    "publicFigures" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Project_leadOrganisationId_fkey" FOREIGN KEY ("leadOrganisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Project_workingGroupId_fkey" FOREIGN KEY ("workingGroupId") REFERENCES "WorkingGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Project" ("admittedCents", "code", "committedCents", "createdAt", "cup", "customPeriodEnds", "description", "disbursedCents", "endsOn", "expectedCommitmentOn", "fundingDetail", "fundingSource", "id", "leadOrganisationId", "programmedCents", "reportingDueDays", "reportingFrequency", "rup", "startsOn", "status", "title", "uncommittedReason", "updatedAt", "workingGroupId") SELECT "admittedCents", "code", "committedCents", "createdAt", "cup", "customPeriodEnds", "description", "disbursedCents", "endsOn", "expectedCommitmentOn", "fundingDetail", "fundingSource", "id", "leadOrganisationId", "programmedCents", "reportingDueDays", "reportingFrequency", "rup", "startsOn", "status", "title", "uncommittedReason", "updatedAt", "workingGroupId" FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
CREATE UNIQUE INDEX "Project_code_key" ON "Project"("code");
CREATE UNIQUE INDEX "Project_cup_key" ON "Project"("cup");
CREATE INDEX "Project_status_code_idx" ON "Project"("status", "code");
CREATE INDEX "Project_fundingSource_idx" ON "Project"("fundingSource");
CREATE INDEX "Project_leadOrganisationId_idx" ON "Project"("leadOrganisationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SearchEntry_audience_idx" ON "SearchEntry"("audience");

-- CreateIndex
CREATE UNIQUE INDEX "SearchEntry_kind_recordId_key" ON "SearchEntry"("kind", "recordId");


-- Full-text index of SearchEntry (docs/decisions/028-search.md), outside Prisma's models: rowid is
-- SearchEntry.id, and app/domain/search.server.ts writes the Italian stems of title and body.
CREATE VIRTUAL TABLE "SearchIndex" USING fts5("title", "body", tokenize = 'unicode61 remove_diacritics 0');
