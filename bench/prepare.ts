// Run by bench/run.ts against a generated database (DATABASE_URL), before the server starts:
// writes the draft meeting whose convocation to 500 people is timed, empties the outbox, and prints
// (last stdout line, JSON) the ids of the pages the benchmark visits.
import { createPrismaClient } from "~/db.server";
import { createHash, randomBytes } from "node:crypto";

export const CONVOCATION_MEETING_ID = "bench-convocazione-500";
const CONVOCATION_SIZE = 500;

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL manca: indica il database generato da bench/generate.ts.");
const client = await createPrismaClient(url);

try {
  await client.meeting.deleteMany({ where: { id: CONVOCATION_MEETING_ID } });
  await client.outboxMail.deleteMany({});

  const people = await client.user.findMany({
    where: { active: true, role: { not: "COORDINATOR" } },
    orderBy: { id: "asc" },
    take: CONVOCATION_SIZE,
    select: { id: true, organisationId: true },
  });
  if (people.length < CONVOCATION_SIZE) throw new Error(`Servono ${CONVOCATION_SIZE} persone attive, il database ne ha ${people.length}.`);
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  startsAt.setUTCHours(15, 0, 0, 0);
  await client.meeting.create({
    data: {
      id: CONVOCATION_MEETING_ID,
      title: "Assemblea straordinaria del tavolo",
      kind: "GOVERNANCE",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      location: "Sala consiliare",
      audience: "NAMED",
      agendaItems: { create: [{ title: "Bilancio del decennio", position: 1 }, { title: "Varie ed eventuali", position: 2 }] },
    },
  });
  await client.invitee.createMany({
    data: people.map((person) => ({
      meetingId: CONVOCATION_MEETING_ID,
      userId: person.id,
      organisationId: person.organisationId,
      rsvpTokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
    })),
  });

  // The pages: a published verbale from the middle of the history, a draft verbale (its editor is
  // where tiptap must load), the project with the most rendicontazioni.
  const published = await client.verbale.findMany({ where: { status: "PUBBLICATO" }, orderBy: { meetingId: "asc" }, select: { meetingId: true } });
  const verbale = published[Math.floor(published.length / 2)];
  const draft = await client.verbale.findFirst({ where: { status: "BOZZA" }, orderBy: { meetingId: "asc" }, select: { meetingId: true } });
  const projects = await client.rendicontazione.groupBy({ by: ["projectId"], _count: { _all: true } });
  projects.sort((a, b) => b._count._all - a._count._all || a.projectId.localeCompare(b.projectId));
  if (!verbale || !projects[0]) throw new Error("Il database non ha verbali pubblicati o progetti: generalo con bench/generate.ts.");
  console.log(
    JSON.stringify({
      convocationMeetingId: CONVOCATION_MEETING_ID,
      verbaleMeetingId: verbale.meetingId,
      draftVerbaleMeetingId: draft?.meetingId ?? null,
      projectId: projects[0].projectId,
    }),
  );
} finally {
  await client.$disconnect();
}
