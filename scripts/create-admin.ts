// `npm run create-admin -- email@example.org [--name "Nome Cognome"] [--ente "Comune di ..."]`
// Creates the first coordinator of a production installation and prints a single-use link
// (valid 24 hours) where they choose their password. Nothing is seeded.
import { parseArgs } from "node:util";
import { z } from "zod";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { db } from "~/db.server";
import { recordChange } from "~/domain/audit.server";
import { env } from "~/env.server";
import { todayInRome } from "~/utils/dates";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, ente: { type: "string" } },
});

const email = z.email().safeParse(positionals[0]?.trim().toLowerCase());
if (!email.success) {
  console.error('Uso: npm run create-admin -- email@example.org [--name "Nome Cognome"] [--ente "Comune di ..."]');
  process.exit(2);
}
if (await db.user.findUnique({ where: { email: email.data } })) {
  console.error(`Esiste già un account per ${email.data}.`);
  process.exit(1);
}

let ente = await db.organisation.findFirst({ where: { isCoordinator: true } });
if (!ente) {
  if (!values.ente) {
    console.error('Non c\'è ancora l\'ente coordinatore: indica il suo nome con --ente "Comune di ...".');
    process.exit(2);
  }
  const name = values.ente;
  // The registry's other fields (codice fiscale first) are filled in from its page once signed in.
  ente = await db.$transaction(async (tx) => {
    const created = await tx.organisation.create({ data: { name, legalForm: "ENTE_PUBBLICO", status: "PARTNER", isCoordinator: true } });
    await tx.membershipChange.create({ data: { organisationId: created.id, status: "PARTNER", effectiveOn: todayInRome() } });
    await recordChange(tx, { subjectType: "ORGANISATION", subjectId: created.id, summary: "Ente coordinatore registrato all'installazione", actor: null });
    return created;
  });
}

const token = generateToken();
const coordinatorOf = ente;
const user = await db.$transaction(async (tx) => {
  const created = await tx.user.create({
    data: {
      email: email.data,
      name: values.name ?? email.data.split("@")[0] ?? email.data,
      role: "COORDINATOR",
      organisationId: coordinatorOf.id,
      passwordResets: { create: { tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 24 * 60 * 60_000) } },
    },
  });
  await recordChange(tx, {
    subjectType: "USER",
    subjectId: created.id,
    summary: `Account di coordinamento creato all'installazione: ${created.name} (${created.email}), ${coordinatorOf.name}`,
    actor: null,
  });
  return created;
});
console.log(`Creato il coordinatore ${user.email} per ${ente.name}.`);
console.log(`Apri questo collegamento entro 24 ore per scegliere la password:\n  ${new URL(`/reimposta-password/${token}`, env.APP_URL)}`);
await db.$disconnect();
