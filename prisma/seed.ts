// Demo tavolo from public facts (prisma/demo/cinisello.ts): the Cinisello Balsamo Tavolo Povertà's
// partner organisations and adhering bodies, its strategic objectives, and one user per role; plus
// invented registry details (prisma/demo/registry.ts): codici fiscali, people and contacts,
// thematic networks, two protocols and four working groups.
// `npm start` runs it when the database is empty; production never does.
import { pathToFileURL } from "node:url";
import { DEMO_ORGANISATIONS, MUNICIPALITY, STRATEGIC_OBJECTIVES } from "./demo/cinisello";
import {
  DEMO_CONTACTS,
  DEMO_DELEGATES,
  DEMO_GROUPS,
  DEMO_NETWORKS,
  DEMO_PAST_PLENARY,
  DEMO_PEOPLE,
  DEMO_SERIES,
  DEMO_PROTOCOLS,
  fiscalCodeFor,
  MUNICIPALITY_FISCAL_CODE,
  PROTOCOL_SIGNED_ON,
} from "./demo/registry";
import { hashPassword } from "~/auth/password.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import type { Db } from "~/db.server";
import { recordChange } from "~/domain/audit.server";
import { nextDates, romeDay } from "~/domain/meeting-rules";
import { createOrganisationIn } from "~/domain/organisations.server";
import { parseDay, todayInRome } from "~/utils/dates";

export const DEMO_ACCOUNTS = [
  { role: "COORDINATOR", label: "Coordinatore", email: "coordinatore@example.org", password: "Demo-Coordinamento-2026", name: "Giulia Ferrari", organisation: MUNICIPALITY.name },
  { role: "REFERENT", label: "Referente", email: "referente@example.org", password: "Demo-Referente-Caritas-2026", name: "Marco Colombo", organisation: "Caritas Decanale di Cinisello Balsamo" },
  { role: "MEMBER", label: "Componente", email: "componente@example.org", password: "Demo-Componente-Tavolo-2026", name: "Anna Bianchi", organisation: "Croce Rossa Italiana-Comitato Locale di Cinisello Balsamo" },
] as const;

const day = (value: string) => {
  const parsed = parseDay(value);
  if (!parsed) throw new Error(`Seed: bad date ${value}`);
  return parsed;
};

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Seed: ${what} "${key}" is not in the demo data`);
  return value;
}

export async function seedDemoTavolo(db: Db, today = todayInRome()) {
  const organisations = [{ ...MUNICIPALITY, isCoordinator: true }, ...DEMO_ORGANISATIONS.map((o) => ({ ...o, isCoordinator: false }))];
  const orgIds = new Map<string, string>();
  for (const [index, o] of organisations.entries()) {
    const created = await db.$transaction((tx) =>
      createOrganisationIn(
        tx,
        {
          name: o.name,
          shortName: o.shortName ?? "",
          legalForm: o.legalForm,
          codiceFiscale: o.isCoordinator ? MUNICIPALITY_FISCAL_CODE : fiscalCodeFor(index),
          partitaIva: o.isCoordinator ? MUNICIPALITY_FISCAL_CODE : "",
          runtsNumber: "",
          runtsSection: "",
          address: o.isCoordinator ? "Piazza Confalonieri 5, 20092 Cinisello Balsamo (MI)" : "",
          phone: "",
          email: "",
          pec: "",
          website: "",
          description: o.description,
        },
        { status: o.status, effectiveOn: day(PROTOCOL_SIGNED_ON), reason: "" },
        null,
      ),
    );
    if (o.isCoordinator) await db.organisation.update({ where: { id: created.id }, data: { isCoordinator: true } });
    orgIds.set(o.name, created.id);
  }

  await db.strategicObjective.createMany({
    data: STRATEGIC_OBJECTIVES.map((objective, index) => ({ ...objective, position: index + 1 })),
  });
  const objectiveIds = new Map((await db.strategicObjective.findMany({ select: { id: true, code: true } })).map((o) => [o.code, o.id]));

  const userIds = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const user = await db.user.create({
      data: {
        email: account.email,
        name: account.name,
        role: account.role,
        organisationId: lookup(orgIds, account.organisation, "organisation"),
        passwordHash: await hashPassword(account.password),
      },
    });
    userIds.set(account.email, user.id);
  }
  for (const person of DEMO_PEOPLE) {
    const user = await db.user.create({
      data: { email: person.email, name: person.name, role: person.role, organisationId: lookup(orgIds, person.organisation, "organisation") },
    });
    userIds.set(person.email, user.id);
  }
  for (const entry of DEMO_DELEGATES) {
    await db.organisation.update({
      where: { id: lookup(orgIds, entry.organisation, "organisation") },
      data: {
        delegateId: lookup(userIds, entry.delegate, "person"),
        substituteId: "substitute" in entry ? lookup(userIds, entry.substitute, "person") : null,
      },
    });
  }
  for (const contact of DEMO_CONTACTS) {
    const { organisation, ...fields } = contact;
    await db.contact.create({ data: { ...fields, organisationId: lookup(orgIds, organisation, "organisation") } });
  }

  for (const network of DEMO_NETWORKS) {
    const created = await db.thematicNetwork.create({
      data: {
        name: network.name,
        description: network.description,
        referentOrganisationId: lookup(orgIds, network.referent, "organisation"),
        members: { create: network.members.map((name) => ({ organisationId: lookup(orgIds, name, "organisation") })) },
      },
    });
    await recordChange(db, { subjectType: "NETWORK", subjectId: created.id, summary: "Rete creata", actor: null });
  }

  const partners = organisations.filter((o) => o.status === "PARTNER").map((o) => o.name);
  for (const protocol of DEMO_PROTOCOLS) {
    const signatories = protocol.signatories === "ALL_PARTNERS" ? partners : protocol.signatories;
    const created = await db.protocol.create({
      data: {
        title: protocol.title,
        kind: protocol.kind,
        signedOn: day(protocol.signedOn),
        validUntil: new Date(today.getTime() + protocol.validForDaysFromToday * 86_400_000),
        obligations: protocol.obligations,
        signatories: {
          create: signatories.map((name) => ({ organisationId: lookup(orgIds, name, "organisation"), signedOn: day(protocol.signedOn) })),
        },
      },
    });
    await recordChange(db, { subjectType: "PROTOCOL", subjectId: created.id, summary: "Protocollo registrato", actor: null });
  }

  const facilitatorId = lookup(userIds, "coordinatore@example.org", "person");
  for (const group of DEMO_GROUPS) {
    const created = await db.workingGroup.create({
      data: {
        name: group.name,
        thematicArea: group.thematicArea,
        mandate: group.mandate,
        facilitatorId,
        referentOrganisationId: lookup(orgIds, group.referent, "organisation"),
        objectives: { create: group.objectives.map((code) => ({ objectiveId: lookup(objectiveIds, code, "objective") })) },
        members: { create: group.members.map((email) => ({ userId: lookup(userIds, email, "person") })) },
      },
    });
    await recordChange(db, { subjectType: "WORKING_GROUP", subjectId: created.id, summary: "Gruppo costituito", actor: null });
  }

  await seedMeetings(db, orgIds, userIds, today);
}

/** The meeting series, the last plenary with its published verbale and decisions, the next ones as drafts. */
async function seedMeetings(db: Db, orgIds: Map<string, string>, userIds: Map<string, string>, today: Date) {
  const groups = new Map((await db.workingGroup.findMany({ select: { id: true, name: true } })).map((g) => [g.name, g.id]));
  const users = new Map((await db.user.findMany({ select: { id: true, email: true, organisationId: true } })).map((u) => [u.email, u]));
  const coordinatorId = lookup(userIds, "coordinatore@example.org", "person");
  const now = new Date();

  for (const series of DEMO_SERIES) {
    const { group, ...fields } = series;
    const workingGroupId = group ? lookup(groups, group, "group") : null;
    const created = await db.meetingSeries.create({ data: { ...fields, workingGroupId } });
    // The next meeting the rule gives, and the last one before now.
    const next = nextDates(series, now, 1)[0];
    const past = nextDates(series, new Date(now.getTime() - 70 * 86_400_000), 3)
      .filter((date) => date.endsAt.getTime() < now.getTime())
      .at(-1);
    if (!past || !next) throw new Error("Seed: the series rule gave no dates");
    const base = { kind: series.kind, location: series.location, videoLink: series.videoLink, seriesId: created.id, workingGroupId, quorumRule: series.quorumRule };
    const monthName = (day: string) => new Intl.DateTimeFormat("it-IT", { month: "long", year: "numeric", timeZone: "Europe/Rome" }).format(new Date(`${day}T12:00:00Z`));
    await db.meeting.create({
      data: {
        ...base,
        title: `${series.name} – ${monthName(next.day)}`,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        audience: series.kind === "GOVERNANCE" ? "PARTNERS" : "GROUP",
        agendaItems: { create: [{ position: 0, title: "Comunicazioni del coordinamento", presenter: "Giulia Ferrari", durationMinutes: 15 }] },
      },
    });
    if (series.kind !== "GOVERNANCE") continue;

    // The last plenary: convoked, held, minuted and published.
    const meeting = await db.meeting.create({
      data: {
        ...base,
        title: `${series.name} – ${monthName(past.day)}`,
        startsAt: past.startsAt,
        endsAt: past.endsAt,
        audience: "PARTNERS",
        status: "CONVOKED",
        convokedAt: new Date(past.startsAt.getTime() - 10 * 86_400_000),
        reminderSentAt: new Date(past.startsAt.getTime() - 2 * 86_400_000),
        agendaItems: { create: DEMO_PAST_PLENARY.agenda.map((item, index) => ({ ...item, position: index })) },
      },
      include: { agendaItems: { orderBy: { position: "asc" } } },
    });
    for (const person of DEMO_PAST_PLENARY.attendance) {
      const user = lookup(users, person.email, "person");
      await db.invitee.create({
        data: {
          meetingId: meeting.id,
          userId: user.id,
          organisationId: user.organisationId,
          rsvpTokenHash: hashToken(generateToken()),
          response: person.present ? "ACCEPTED" : "DECLINED",
          respondedAt: meeting.convokedAt,
          present: person.present,
          attendanceAt: past.startsAt,
        },
      });
    }
    const [opening, ...itemSections] = DEMO_PAST_PLENARY.sections;
    const content = JSON.stringify([
      { key: "apertura", title: "Apertura della seduta", html: opening ?? "" },
      ...meeting.agendaItems.map((item, index) => ({ key: item.id, title: item.title, html: itemSections[index] ?? "" })),
    ]);
    const publishedAt = new Date(past.startsAt.getTime() + 7 * 86_400_000);
    await db.verbale.create({
      data: {
        meetingId: meeting.id,
        status: "PUBBLICATO",
        content,
        revision: 3,
        approvedAt: publishedAt,
        publishedAt,
        protocolNumber: "",
        attendanceSummary: "Presenti 6 persone per 5 organizzazioni partner. Il quorum non era richiesto per le comunicazioni.",
        updatedById: coordinatorId,
        versions: { create: { number: 1, content, createdById: coordinatorId, createdAt: publishedAt } },
      },
    });
    for (const entry of DEMO_PAST_PLENARY.decisions) {
      const decidedOn = new Date(past.startsAt.getTime() + 60 * 60_000);
      await db.decision.create({
        data: {
          meetingId: meeting.id,
          agendaItemId: meeting.agendaItems[entry.item]?.id ?? null,
          kind: entry.kind,
          text: entry.text,
          responsibleOrganisationId: entry.organisation ? lookup(orgIds, entry.organisation, "organisation") : null,
          responsibleUserId: "person" in entry ? lookup(userIds, entry.person, "person") : null,
          dueOn: entry.dueInDays === null ? null : new Date(today.getTime() + entry.dueInDays * 86_400_000),
          createdById: coordinatorId,
          createdAt: decidedOn,
          updates: { create: { status: "OPEN", note: `Registrata nel verbale del ${romeDay(past.startsAt)}`, userId: coordinatorId, authorName: "Giulia Ferrari", createdAt: decidedOn } },
        },
      });
    }
  }
}

export function printDemoAccounts(log = console.log) {
  log("\nAccount dimostrativi (solo per la demo, mai in produzione):");
  for (const account of DEMO_ACCOUNTS) {
    log(`  ${account.label.padEnd(13)} ${account.email.padEnd(26)} password: ${account.password}`);
  }
  log("");
}

async function main() {
  const { env } = await import("~/env.server");
  if (env.NODE_ENV === "production") {
    console.error("In produzione il database non viene mai riempito con dati dimostrativi.");
    process.exit(1);
  }
  const { db } = await import("~/db.server");
  if ((await db.organisation.count()) === 0) {
    await seedDemoTavolo(db);
    console.log("Database vuoto: caricato il tavolo dimostrativo (Tavolo Povertà di Cinisello Balsamo, dati pubblici).");
  }
  if (await db.user.findUnique({ where: { email: DEMO_ACCOUNTS[0].email } })) printDemoAccounts();
  await db.$disconnect();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
