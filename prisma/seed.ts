// Demo tavolo from public facts (prisma/demo/cinisello.ts): the Cinisello Balsamo Tavolo Povertà's
// partner organisations and adhering bodies, its strategic objectives, and one user per role; plus
// invented registry details (prisma/demo/registry.ts): codici fiscali, people and contacts,
// thematic networks, two protocols and four working groups.
// `npm start` runs it when the database is empty; production never does.
import { pathToFileURL } from "node:url";
import { DEMO_ORGANISATIONS, MUNICIPALITY, STRATEGIC_OBJECTIVES } from "./demo/cinisello";
import { seedAidServices } from "./demo/aid-services";
import { seedAnnouncements } from "./demo/announcements";
import { seedDocuments } from "./demo/documents";
import { seedTransparency } from "./demo/transparency";
import { DEMO_INDICATORS, DEMO_PROJECTS, DEMO_REPORTING_EXCEPTIONS, type DemoProject } from "./demo/projects";
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
import { rebuildSearchIndex } from "~/domain/search.server";
import { nextDates, romeDay } from "~/domain/meeting-rules";
import { parseEuro } from "~/domain/money";
import type { FundingSource } from "~/domain/projects";
import { createProject } from "~/domain/projects.server";
import { reviewRendicontazione, saveDraft, submitRendicontazione, type DraftFields } from "~/domain/rendicontazioni.server";
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
  await seedProjects(db, orgIds, objectiveIds, userIds, today);
  const demo = { orgIds, userIds, today };
  await seedDocuments(db, demo);
  await seedAidServices(db, demo);
  await seedAnnouncements(db, demo);
  await seedTransparency(db, demo);
  // Most demo records are written directly, without recordChange: the search index is built once at the end.
  await rebuildSearchIndex(db);
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
          meetingStartsAt: past.startsAt,
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

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const euro = (text: string) => {
  const cents = parseEuro(text);
  if (cents === null) throw new Error(`Importo non valido nei dati dimostrativi: ${text}`);
  return cents;
};

/** The first day of the month `months` before the given day. */
const monthsBefore = (day: Date, months: number) => new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - months, 1));

/** Projects with their indicators and their partners' reports (prisma/demo/projects.ts). */
async function seedProjects(db: Db, orgIds: Map<string, string>, objectiveIds: Map<string, string>, userIds: Map<string, string>, today: Date) {
  const coordinator = { id: lookup(userIds, "coordinatore@example.org", "person"), name: "Giulia Ferrari" };
  await db.indicator.createMany({ data: DEMO_INDICATORS.map((indicator) => ({ ...indicator })) });
  const indicatorIds = new Map((await db.indicator.findMany({ select: { id: true, name: true } })).map((i) => [i.name, i.id]));
  const groupIds = new Map((await db.workingGroup.findMany({ select: { id: true, name: true } })).map((g) => [g.name, g.id]));
  const seededAt = new Date();

  for (const demo of DEMO_PROJECTS) {
    const startsOn = monthsBefore(today, demo.startedMonthsAgo);
    const endsOn = new Date(Date.UTC(startsOn.getUTCFullYear(), startsOn.getUTCMonth() + demo.months, 0));
    const programmedCents = euro(demo.programmed);
    const committedCents = Math.round(programmedCents * demo.committedShare);
    const { id } = await createProject(
      {
        code: demo.code,
        title: demo.title,
        cup: demo.cup,
        rup: demo.rup,
        description: demo.description,
        leadOrganisationId: lookup(orgIds, demo.lead, "organisation"),
        workingGroupId: demo.group ? lookup(groupIds, demo.group, "group") : null,
        objectiveIds: demo.objectives.map((code) => lookup(objectiveIds, code, "objective")),
        startsOn,
        endsOn,
        status: "ACTIVE",
        fundingSource: demo.fundingSource as FundingSource,
        fundingDetail: demo.fundingDetail,
        programmedCents,
        admittedCents: programmedCents,
        committedCents,
        disbursedCents: Math.round(programmedCents * demo.disbursedShare),
        uncommittedReason: committedCents < programmedCents ? "Gare per i servizi delle annualità successive ancora da bandire." : "",
        expectedCommitmentOn: committedCents < programmedCents ? new Date(Date.UTC(today.getUTCFullYear() + 1, 5, 30)) : null,
        reportingFrequency: "QUARTERLY",
        customPeriodEnds: [],
        reportingDueDays: 30,
        partners: demo.partners.map(([name, budget]) => ({ organisationId: lookup(orgIds, name, "organisation"), budgetCents: euro(budget) })),
        actionLines: demo.actionLines.map(([code, title]) => ({ code, title })),
        indicators: demo.indicators.map(([name, actionLineCode, baseline, target]) => ({
          indicatorId: lookup(indicatorIds, name, "indicator"),
          actionLineCode,
          baseline,
          target,
          targetOn: endsOn,
        })),
      },
      coordinator,
    );
    await seedReports(db, id, demo, orgIds, userIds, today);
  }
  // The partners' past reports are history, not news: nobody is mailed about them.
  await db.outboxMail.deleteMany({ where: { template: { in: ["rendicontazione-submitted", "rendicontazione-reviewed"] }, createdAt: { gte: seededAt } } });
}

/**
 * A partner's value for a period: the project advances at 85% of the pace its target needs; each
 * period's increase (or, for a LATEST indicator, the level reached) is shared among the partners,
 * the remainder going to the first ones, so the partners' values add up exactly.
 */
function partnerValue(latest: boolean, target: number, period: number, periods: number, partner: number, partners: number) {
  const reached = (n: number) => Math.round((target * 0.85 * n) / periods);
  const total = latest ? reached(period) : reached(period) - reached(period - 1);
  return Math.floor(total / partners) + (partner < total % partners ? 1 : 0);
}

async function seedReports(db: Db, projectId: string, demo: DemoProject, orgIds: Map<string, string>, userIds: Map<string, string>, today: Date) {
  const coordinator = { id: lookup(userIds, "coordinatore@example.org", "person"), name: "Giulia Ferrari" };
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      indicators: { select: { id: true, target: true, indicator: { select: { aggregation: true } } } },
      partners: { select: { organisationId: true, budgetCents: true } },
      periods: { orderBy: { number: "asc" }, select: { id: true, number: true, dueOn: true } },
    },
  });
  const totalPeriods = Math.ceil(demo.months / 3);
  const due = project.periods.filter((p) => p.dueOn < today);
  const current = project.periods.find((p) => p.dueOn >= today);
  const referents = new Map((await db.user.findMany({ where: { role: "REFERENT" }, select: { id: true, name: true, organisationId: true } })).map((u) => [u.organisationId, u]));
  const organisationName = new Map([...orgIds].map(([name, id]) => [id, name]));

  for (const period of [...due, ...(current ? [current] : [])]) {
    const fromEnd = period === current ? 0 : due.length - due.indexOf(period);
    for (const [index, partner] of project.partners.entries()) {
      const exception = DEMO_REPORTING_EXCEPTIONS.find(
        (e) => e.project === demo.code && e.fromEnd === fromEnd && organisationName.get(partner.organisationId) === e.organisation,
      );
      const state = exception?.state ?? (fromEnd === 0 ? "NOT_STARTED" : "APPROVED");
      if (state === "NOT_STARTED") continue;
      const rendicontazione = await db.rendicontazione.findUniqueOrThrow({ where: { periodId_organisationId: { periodId: period.id, organisationId: partner.organisationId } } });
      const author = referents.get(partner.organisationId) ?? coordinator;
      const periodBudget = Math.round(Number(partner.budgetCents) / totalPeriods);
      const draft: DraftFields = {
        values: project.indicators.map((pi) => ({
          projectIndicatorId: pi.id,
          value: partnerValue(pi.indicator.aggregation === "LATEST", pi.target, period.number, totalPeriods, index, project.partners.length),
          note: "",
        })),
        expenses:
          periodBudget === 0
            ? []
            : [
                { category: "PERSONALE", description: "Operatori dedicati al progetto", amountCents: Math.round(periodBudget * 0.6), reference: `Cedolini del periodo ${period.number}` },
                { category: "SERVIZI", description: "Servizi e forniture per le attività", amountCents: Math.round(periodBudget * 0.25), reference: `Fattura n. ${10 + period.number * 7 + index}/${today.getUTCFullYear()}` },
              ],
        householdsReached: 4 + ((period.number * 3 + index) % 7),
        peopleReached: 10 + ((period.number * 5 + index * 3) % 17),
        minorsReached: (period.number + index) % 5,
        beneficiariesNote: "",
        narrative: `<p>Nel periodo ${period.number} le attività sono proseguite come previsto: incontri settimanali con le famiglie, raccordo mensile con i servizi sociali e con gli altri partner del progetto.</p>`,
      };
      const { revision } = await saveDraft({ id: rendicontazione.id, revision: rendicontazione.revision, ...draft }, author);
      if (state === "DRAFT") continue;
      const sent = await submitRendicontazione({ id: rendicontazione.id, revision, noExpenses: draft.expenses.length === 0 }, author);
      // The demo's past happened in the past: sent a few days before the deadline, reviewed after.
      const sentAt = new Date(period.dueOn.getTime() - 3 * DAY_MS + 9 * HOUR_MS);
      const reviewedAt = new Date(Math.min(period.dueOn.getTime() + 10 * DAY_MS + 11 * HOUR_MS, Date.now() - DAY_MS));
      await db.rendicontazione.update({ where: { id: rendicontazione.id }, data: { submittedAt: sentAt } });
      await db.rendicontazioneVersion.updateMany({ where: { rendicontazioneId: rendicontazione.id }, data: { createdAt: sentAt } });
      await db.auditEvent.updateMany({ where: { subjectType: "RENDICONTAZIONE", subjectId: rendicontazione.id }, data: { at: sentAt } });
      if (state === "SUBMITTED") continue;
      await reviewRendicontazione(
        state === "RETURNED"
          ? {
              id: rendicontazione.id,
              revision: sent.revision,
              outcome: "RETURNED",
              comment: "Grazie: mancano i riferimenti di due spese.",
              fieldComments: [{ field: "expenses", text: "Indicate il numero e la data della fattura per i servizi e le forniture." }],
            }
          : { id: rendicontazione.id, revision: sent.revision, outcome: "APPROVED", comment: "", fieldComments: [] },
        coordinator,
      );
      if (state === "APPROVED") await db.rendicontazione.update({ where: { id: rendicontazione.id }, data: { approvedAt: reviewedAt } });
      await db.rendicontazioneReview.updateMany({ where: { rendicontazioneId: rendicontazione.id }, data: { createdAt: reviewedAt } });
      await db.auditEvent.updateMany({ where: { subjectType: "RENDICONTAZIONE", subjectId: rendicontazione.id, at: { gt: sentAt } }, data: { at: reviewedAt } });
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
