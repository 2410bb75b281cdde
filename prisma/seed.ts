// Demo tavolo from public facts (prisma/demo/cinisello.ts): the Cinisello Balsamo Tavolo Povertà's
// partner organisations and adhering bodies, its strategic objectives, and one user per role.
// `npm start` runs it when the database is empty; production never does.
import { pathToFileURL } from "node:url";
import { DEMO_ORGANISATIONS, MUNICIPALITY, STRATEGIC_OBJECTIVES } from "./demo/cinisello";
import { hashPassword } from "~/auth/password.server";
import type { Db } from "~/db.server";

export const DEMO_ACCOUNTS = [
  { role: "COORDINATOR", label: "Coordinatore", email: "coordinatore@example.org", password: "Demo-Coordinamento-2026", name: "Giulia Ferrari", organisation: MUNICIPALITY.name },
  { role: "REFERENT", label: "Referente", email: "referente@example.org", password: "Demo-Referente-Caritas-2026", name: "Marco Colombo", organisation: "Caritas Decanale di Cinisello Balsamo" },
  { role: "MEMBER", label: "Componente", email: "componente@example.org", password: "Demo-Componente-Tavolo-2026", name: "Anna Bianchi", organisation: "Croce Rossa Italiana-Comitato Locale di Cinisello Balsamo" },
] as const;

export async function seedDemoTavolo(db: Db) {
  const organisations = [
    { ...MUNICIPALITY, isCoordinator: true },
    ...DEMO_ORGANISATIONS.map((o) => ({ ...o, isCoordinator: false })),
  ];
  const ids = new Map<string, string>();
  for (const o of organisations) {
    const created = await db.organisation.create({
      data: {
        name: o.name,
        shortName: o.shortName ?? null,
        legalForm: o.legalForm,
        status: o.status,
        description: o.description,
        isCoordinator: o.isCoordinator,
      },
    });
    ids.set(o.name, created.id);
  }
  await db.strategicObjective.createMany({
    data: STRATEGIC_OBJECTIVES.map((objective, index) => ({ ...objective, position: index + 1 })),
  });
  for (const account of DEMO_ACCOUNTS) {
    const organisationId = ids.get(account.organisation);
    if (!organisationId) throw new Error(`Seed: organisation "${account.organisation}" is not in the demo data`);
    await db.user.create({
      data: {
        email: account.email,
        name: account.name,
        role: account.role,
        organisationId,
        passwordHash: await hashPassword(account.password),
      },
    });
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
