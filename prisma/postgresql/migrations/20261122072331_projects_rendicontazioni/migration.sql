-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "projectId" TEXT;

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "cup" TEXT,
    "rup" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "leadOrganisationId" TEXT NOT NULL,
    "workingGroupId" TEXT,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "fundingSource" TEXT NOT NULL,
    "fundingDetail" TEXT NOT NULL DEFAULT '',
    "programmedCents" BIGINT NOT NULL,
    "admittedCents" BIGINT NOT NULL DEFAULT 0,
    "committedCents" BIGINT NOT NULL DEFAULT 0,
    "disbursedCents" BIGINT NOT NULL DEFAULT 0,
    "uncommittedReason" TEXT NOT NULL DEFAULT '',
    "expectedCommitmentOn" TIMESTAMP(3),
    "reportingFrequency" TEXT NOT NULL DEFAULT 'QUARTERLY',
    "customPeriodEnds" TEXT NOT NULL DEFAULT '[]',
    "reportingDueDays" INTEGER NOT NULL DEFAULT 30,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectPartner" (
    "projectId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "budgetCents" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectPartner_pkey" PRIMARY KEY ("projectId","organisationId")
);

-- CreateTable
CREATE TABLE "ProjectObjective" (
    "projectId" TEXT NOT NULL,
    "objectiveId" TEXT NOT NULL,

    CONSTRAINT "ProjectObjective_pkey" PRIMARY KEY ("projectId","objectiveId")
);

-- CreateTable
CREATE TABLE "ProjectActionLine" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ProjectActionLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" TEXT NOT NULL DEFAULT 'INCREASE',
    "aggregation" TEXT NOT NULL DEFAULT 'SUM',
    "thematicArea" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectIndicator" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "actionLineId" TEXT,
    "baseline" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "target" DOUBLE PRECISION NOT NULL,
    "targetOn" TIMESTAMP(3) NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProjectIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportingPeriod" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3) NOT NULL,
    "dueOn" TIMESTAMP(3) NOT NULL,
    "consolidatedNote" TEXT NOT NULL DEFAULT '',
    "consolidatedById" TEXT,
    "consolidatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportingPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rendicontazione" (
    "id" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NOT_STARTED',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "householdsReached" INTEGER,
    "peopleReached" INTEGER,
    "minorsReached" INTEGER,
    "beneficiariesNote" TEXT NOT NULL DEFAULT '',
    "narrative" TEXT NOT NULL DEFAULT '',
    "submittedAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rendicontazione_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RendicontazioneIndicatorValue" (
    "rendicontazioneId" TEXT NOT NULL,
    "projectIndicatorId" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "RendicontazioneIndicatorValue_pkey" PRIMARY KEY ("rendicontazioneId","projectIndicatorId")
);

-- CreateTable
CREATE TABLE "RendicontazioneExpense" (
    "id" TEXT NOT NULL,
    "rendicontazioneId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "reference" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "RendicontazioneExpense_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RendicontazioneAttachment" (
    "id" TEXT NOT NULL,
    "rendicontazioneId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RendicontazioneAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RendicontazioneVersion" (
    "id" TEXT NOT NULL,
    "rendicontazioneId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "snapshot" TEXT NOT NULL,
    "submittedById" TEXT,
    "submittedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RendicontazioneVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RendicontazioneReview" (
    "id" TEXT NOT NULL,
    "rendicontazioneId" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "fieldComments" TEXT NOT NULL DEFAULT '[]',
    "reviewerId" TEXT,
    "reviewerName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RendicontazioneReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RendicontazioneReminder" (
    "id" TEXT NOT NULL,
    "rendicontazioneId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueOn" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RendicontazioneReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WeeklyDigest" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "weekOf" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WeeklyDigest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_code_key" ON "Project"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Project_cup_key" ON "Project"("cup");

-- CreateIndex
CREATE INDEX "Project_status_code_idx" ON "Project"("status", "code");

-- CreateIndex
CREATE INDEX "Project_fundingSource_idx" ON "Project"("fundingSource");

-- CreateIndex
CREATE INDEX "Project_leadOrganisationId_idx" ON "Project"("leadOrganisationId");

-- CreateIndex
CREATE INDEX "ProjectPartner_organisationId_idx" ON "ProjectPartner"("organisationId");

-- CreateIndex
CREATE INDEX "ProjectObjective_objectiveId_idx" ON "ProjectObjective"("objectiveId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectActionLine_projectId_code_key" ON "ProjectActionLine"("projectId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_name_key" ON "Indicator"("name");

-- CreateIndex
CREATE INDEX "Indicator_thematicArea_idx" ON "Indicator"("thematicArea");

-- CreateIndex
CREATE INDEX "ProjectIndicator_indicatorId_idx" ON "ProjectIndicator"("indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectIndicator_projectId_indicatorId_key" ON "ProjectIndicator"("projectId", "indicatorId");

-- CreateIndex
CREATE INDEX "ReportingPeriod_dueOn_idx" ON "ReportingPeriod"("dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingPeriod_projectId_number_key" ON "ReportingPeriod"("projectId", "number");

-- CreateIndex
CREATE INDEX "Rendicontazione_organisationId_status_idx" ON "Rendicontazione"("organisationId", "status");

-- CreateIndex
CREATE INDEX "Rendicontazione_projectId_status_idx" ON "Rendicontazione"("projectId", "status");

-- CreateIndex
CREATE INDEX "Rendicontazione_status_idx" ON "Rendicontazione"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Rendicontazione_periodId_organisationId_key" ON "Rendicontazione"("periodId", "organisationId");

-- CreateIndex
CREATE INDEX "RendicontazioneIndicatorValue_projectIndicatorId_idx" ON "RendicontazioneIndicatorValue"("projectIndicatorId");

-- CreateIndex
CREATE INDEX "RendicontazioneExpense_rendicontazioneId_position_idx" ON "RendicontazioneExpense"("rendicontazioneId", "position");

-- CreateIndex
CREATE INDEX "RendicontazioneAttachment_rendicontazioneId_idx" ON "RendicontazioneAttachment"("rendicontazioneId");

-- CreateIndex
CREATE UNIQUE INDEX "RendicontazioneVersion_rendicontazioneId_number_key" ON "RendicontazioneVersion"("rendicontazioneId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "RendicontazioneReview_rendicontazioneId_versionNumber_key" ON "RendicontazioneReview"("rendicontazioneId", "versionNumber");

-- CreateIndex
CREATE UNIQUE INDEX "RendicontazioneReminder_rendicontazioneId_kind_dueOn_key" ON "RendicontazioneReminder"("rendicontazioneId", "kind", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "WeeklyDigest_organisationId_weekOf_key" ON "WeeklyDigest"("organisationId", "weekOf");

-- CreateIndex
CREATE INDEX "Decision_projectId_idx" ON "Decision"("projectId");

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_leadOrganisationId_fkey" FOREIGN KEY ("leadOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_workingGroupId_fkey" FOREIGN KEY ("workingGroupId") REFERENCES "WorkingGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectPartner" ADD CONSTRAINT "ProjectPartner_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectPartner" ADD CONSTRAINT "ProjectPartner_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectObjective" ADD CONSTRAINT "ProjectObjective_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectObjective" ADD CONSTRAINT "ProjectObjective_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "StrategicObjective"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectActionLine" ADD CONSTRAINT "ProjectActionLine_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectIndicator" ADD CONSTRAINT "ProjectIndicator_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectIndicator" ADD CONSTRAINT "ProjectIndicator_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectIndicator" ADD CONSTRAINT "ProjectIndicator_actionLineId_fkey" FOREIGN KEY ("actionLineId") REFERENCES "ProjectActionLine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingPeriod" ADD CONSTRAINT "ReportingPeriod_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingPeriod" ADD CONSTRAINT "ReportingPeriod_consolidatedById_fkey" FOREIGN KEY ("consolidatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rendicontazione" ADD CONSTRAINT "Rendicontazione_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rendicontazione" ADD CONSTRAINT "Rendicontazione_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rendicontazione" ADD CONSTRAINT "Rendicontazione_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rendicontazione" ADD CONSTRAINT "Rendicontazione_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RendicontazioneIndicatorValue" ADD CONSTRAINT "RendicontazioneIndicatorValue_rendicontazioneId_fkey" FOREIGN KEY ("rendicontazioneId") REFERENCES "Rendicontazione"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RendicontazioneIndicatorValue" ADD CONSTRAINT "RendicontazioneIndicatorValue_projectIndicatorId_fkey" FOREIGN KEY ("projectIndicatorId") REFERENCES "ProjectIndicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RendicontazioneExpense" ADD CONSTRAINT "RendicontazioneExpense_rendicontazioneId_fkey" FOREIGN KEY ("rendicontazioneId") REFERENCES "Rendicontazione"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RendicontazioneAttachment" ADD CONSTRAINT "RendicontazioneAttachment_rendicontazioneId_fkey" FOREIGN KEY ("rendicontazioneId") REFERENCES "Rendicontazione"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RendicontazioneAttachment" ADD CONSTRAINT "RendicontazioneAttachment_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RendicontazioneVersion" ADD CONSTRAINT "RendicontazioneVersion_rendicontazioneId_fkey" FOREIGN KEY ("rendicontazioneId") REFERENCES "Rendicontazione"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RendicontazioneVersion" ADD CONSTRAINT "RendicontazioneVersion_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RendicontazioneReview" ADD CONSTRAINT "RendicontazioneReview_rendicontazioneId_fkey" FOREIGN KEY ("rendicontazioneId") REFERENCES "Rendicontazione"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RendicontazioneReview" ADD CONSTRAINT "RendicontazioneReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RendicontazioneReminder" ADD CONSTRAINT "RendicontazioneReminder_rendicontazioneId_fkey" FOREIGN KEY ("rendicontazioneId") REFERENCES "Rendicontazione"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeeklyDigest" ADD CONSTRAINT "WeeklyDigest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

