-- DropIndex
DROP INDEX "Rendicontazione_status_idx";

-- CreateIndex
CREATE INDEX "Rendicontazione_status_periodId_idx" ON "Rendicontazione"("status", "periodId");

