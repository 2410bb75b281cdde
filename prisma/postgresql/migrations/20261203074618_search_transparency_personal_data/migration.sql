-- AlterTable
ALTER TABLE "Verbale" ADD COLUMN     "publicAt" TIMESTAMP(3),
ADD COLUMN     "publicContent" TEXT;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "publicFigures" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TavoloSettings" (
    "id" TEXT NOT NULL DEFAULT 'tavolo',
    "presentation" TEXT NOT NULL DEFAULT '',
    "publishPresentation" BOOLEAN NOT NULL DEFAULT false,
    "publishPartnerList" BOOLEAN NOT NULL DEFAULT false,
    "openDataLicence" TEXT NOT NULL DEFAULT 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)',
    "privacyNotice" TEXT NOT NULL DEFAULT '',
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TavoloSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchEntry" (
    "id" SERIAL NOT NULL,
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
    "date" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchEntry_audience_idx" ON "SearchEntry"("audience");

-- CreateIndex
CREATE UNIQUE INDEX "SearchEntry_kind_recordId_key" ON "SearchEntry"("kind", "recordId");


-- Full-text index of SearchEntry (docs/decisions/028-search.md), outside Prisma's models: PostgreSQL
-- stems title and body itself with its 'italian' configuration.
ALTER TABLE "SearchEntry" ADD COLUMN "document" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('italian', "title"), 'A') || setweight(to_tsvector('italian', "body"), 'B')) STORED;
CREATE INDEX "SearchEntry_document_idx" ON "SearchEntry" USING GIN ("document");
