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
  DEMO_PEOPLE,
  DEMO_PROTOCOLS,
  fiscalCodeFor,
  MUNICIPALITY_FISCAL_CODE,
  PROTOCOL_SIGNED_ON,
} from "./demo/registry";
import { hashPassword } from "~/auth/password.server";
import type { Db } from "~/db.server";
import { recordChange } from "~/domain/audit.server";
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
