-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Decision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "responsibleOrganisationId" TEXT,
    "responsibleUserId" TEXT,
    "dueOn" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "projectId" TEXT,
    "meetingStartsAt" DATETIME NOT NULL,
    CONSTRAINT "Decision_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Decision_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Decision_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Decision_responsibleOrganisationId_fkey" FOREIGN KEY ("responsibleOrganisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Decision_responsibleUserId_fkey" FOREIGN KEY ("responsibleUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Decision_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Each entry takes its meeting's start (edited by hand: Prisma's diff cannot know where it comes from).
INSERT INTO "new_Decision" ("agendaItemId", "createdAt", "createdById", "dueOn", "id", "kind", "meetingId", "projectId", "responsibleOrganisationId", "responsibleUserId", "status", "text", "updatedAt", "meetingStartsAt") SELECT "agendaItemId", "createdAt", "createdById", "dueOn", "id", "kind", "meetingId", "projectId", "responsibleOrganisationId", "responsibleUserId", "status", "text", "updatedAt", (SELECT "Meeting"."startsAt" FROM "Meeting" WHERE "Meeting"."id" = "Decision"."meetingId") FROM "Decision";
DROP TABLE "Decision";
ALTER TABLE "new_Decision" RENAME TO "Decision";
CREATE INDEX "Decision_status_dueOn_idx" ON "Decision"("status", "dueOn");
CREATE INDEX "Decision_responsibleOrganisationId_status_idx" ON "Decision"("responsibleOrganisationId", "status");
CREATE INDEX "Decision_meetingId_idx" ON "Decision"("meetingId");
CREATE INDEX "Decision_projectId_idx" ON "Decision"("projectId");
CREATE INDEX "Decision_dueOn_meetingStartsAt_createdAt_idx" ON "Decision"("dueOn", "meetingStartsAt" DESC, "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

