-- AlterTable: each entry takes its meeting's start (edited by hand: Prisma's diff cannot know where it comes from).
ALTER TABLE "Decision" ADD COLUMN     "meetingStartsAt" TIMESTAMP(3);
UPDATE "Decision" SET "meetingStartsAt" = "Meeting"."startsAt" FROM "Meeting" WHERE "Meeting"."id" = "Decision"."meetingId";
ALTER TABLE "Decision" ALTER COLUMN "meetingStartsAt" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Decision_dueOn_meetingStartsAt_createdAt_idx" ON "Decision"("dueOn", "meetingStartsAt" DESC, "createdAt");

