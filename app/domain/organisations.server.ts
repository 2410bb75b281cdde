import { z } from "zod";
import { type Actor, diff, recordChange } from "~/domain/audit.server";
import { codiceFiscaleProblem, normaliseFiscalCode, normalisePartitaIva, partitaIvaProblem } from "~/domain/fiscal-codes.server";
import { LEGAL_FORMS, MEMBERSHIP_STATUSES, membershipLabel, RUNTS_SECTIONS, type MembershipStatus } from "~/domain/organisations";
import { db, isUniqueViolation, type DbTransaction, type Prisma } from "~/db.server";
import { formatDay } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { dayField, optionalText, requiredText } from "~/utils/forms.server";

// The partner registry (anagrafica dei partner): organisations, their dated membership history,
// contacts and delegates. The pages, the CSV import and the demo seed all write through here.

// --- Validation shared by the form and the CSV import ----------------------------------------

const emptyOr = <T extends z.ZodType<string>>(schema: T) => z.union([z.literal(""), schema]);

/** The registry fields of an organisation, as a form or a CSV row gives them. */
export const organisationFields = z
  .object({
    name: requiredText("Inserisci il nome dell'organizzazione.", 200),
    shortName: optionalText(60),
    legalForm: z.enum(Object.keys(LEGAL_FORMS) as [keyof typeof LEGAL_FORMS], { error: "Scegli la forma giuridica dall'elenco." }),
    codiceFiscale: z
      .string({ error: "Inserisci il codice fiscale." })
      .transform(normaliseFiscalCode)
      .superRefine((value, ctx) => {
        const problem = codiceFiscaleProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    partitaIva: optionalText(20)
      .transform(normalisePartitaIva)
      .superRefine((value, ctx) => {
        const problem = value ? partitaIvaProblem(value) : null;
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    runtsNumber: optionalText(30),
    runtsSection: z
      .union([z.literal(""), z.enum(Object.keys(RUNTS_SECTIONS) as [keyof typeof RUNTS_SECTIONS])], {
        error: "Scegli la sezione del RUNTS dall'elenco.",
      })
      .optional()
      .transform((value) => value ?? ""),
    address: optionalText(300),
    phone: optionalText(40).pipe(emptyOr(z.string().regex(/^[+0-9 ()./-]{6,40}$/, "Numero di telefono non valido: usa solo cifre, spazi e +."))),
    email: optionalText(254).pipe(emptyOr(z.email({ error: "Indirizzo e-mail non valido." }))),
    pec: optionalText(254).pipe(emptyOr(z.email({ error: "Indirizzo PEC non valido." }))),
    website: optionalText(300)
      .transform((value) => (value && !/^https?:\/\//i.test(value) ? `https://${value}` : value))
      .pipe(emptyOr(z.url({ protocol: /^https?$/, error: "Indirizzo del sito non valido." }))),
    description: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    if (value.runtsNumber && !value.runtsSection) {
      ctx.addIssue({ code: "custom", path: ["runtsSection"], message: "Indica la sezione del RUNTS in cui l'ente è iscritto." });
    }
  });
export type OrganisationFields = z.output<typeof organisationFields>;

/** The first membership step of a new organisation. */
export const membershipFields = z
  .object({
    status: z.enum(Object.keys(MEMBERSHIP_STATUSES) as [MembershipStatus], { error: "Scegli lo stato di adesione." }),
    effectiveOn: dayField("Indica da quando vale (per i partner, la data di firma del Protocollo)."),
    reason: optionalText(500),
  })
  .superRefine((value, ctx) => {
    if (value.status === "EX_PARTNER" && !value.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Indica il motivo del recesso." });
    }
  });
export type MembershipFields = z.output<typeof membershipFields>;

const FIELD_LABELS: Partial<Record<keyof OrganisationFields, string>> = {
  name: "Nome",
  shortName: "Sigla",
  legalForm: "Forma giuridica",
  codiceFiscale: "Codice fiscale",
  partitaIva: "Partita IVA",
  runtsNumber: "Numero RUNTS",
  runtsSection: "Sezione RUNTS",
  address: "Indirizzo",
  phone: "Telefono",
  email: "E-mail",
  pec: "PEC",
  website: "Sito web",
  description: "Descrizione",
};

const NULLABLE = new Set<string>(["shortName", "partitaIva", "runtsNumber", "runtsSection"]);

/** Empty optional codes are stored as null (the codice fiscale index is unique, "" would clash). */
const toRow = (fields: Partial<OrganisationFields>) =>
  Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, NULLABLE.has(key) && value === "" ? null : value])) as Prisma.OrganisationUpdateInput;

/** A unique index said no: which field, in words. */
function duplicateError(error: unknown): never {
  const target = JSON.stringify((error as { meta?: unknown }).meta ?? "");
  if (target.includes("codiceFiscale")) {
    throw new UserFacingError("Un'altra organizzazione ha già questo codice fiscale.", 409, "codiceFiscale");
  }
  throw new UserFacingError("Esiste già un'organizzazione con questo nome.", 409, "name");
}

async function assertNoDuplicate(tx: DbTransaction, fields: { name: string; codiceFiscale: string | null }, exceptId?: string) {
  const clash = await tx.organisation.findFirst({
    where: { OR: [{ name: fields.name }, { codiceFiscale: fields.codiceFiscale }], ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true, codiceFiscale: true },
  });
  if (!clash) return;
  if (clash.codiceFiscale === fields.codiceFiscale) {
    throw new UserFacingError(`Il codice fiscale è già di «${clash.name}».`, 409, "codiceFiscale");
  }
  throw new UserFacingError("Esiste già un'organizzazione con questo nome.", 409, "name");
}

// --- Writing ---------------------------------------------------------------------------------

/** A new organisation with its first membership step, in the caller's transaction. */
export async function createOrganisationIn(tx: DbTransaction, fields: OrganisationFields, membership: MembershipFields, actor: Actor | null) {
  await assertNoDuplicate(tx, fields);
  const organisation = await tx.organisation.create({ data: { ...fields, ...toRow(fields), status: membership.status } as Prisma.OrganisationCreateInput });
  await tx.membershipChange.create({
    data: { organisationId: organisation.id, status: membership.status, effectiveOn: membership.effectiveOn, reason: membership.reason, recordedById: actor?.id ?? null },
  });
  await recordChange(tx, {
    subjectType: "ORGANISATION",
    subjectId: organisation.id,
    summary: `Organizzazione registrata come ${membershipLabel(membership.status).toLowerCase()} dal ${formatDay(membership.effectiveOn)}`,
    actor,
  });
  return organisation;
}

export async function createOrganisation(fields: OrganisationFields, membership: MembershipFields, actor: Actor) {
  try {
    return await db.$transaction((tx) => createOrganisationIn(tx, fields, membership, actor));
  } catch (error) {
    if (isUniqueViolation(error)) duplicateError(error);
    throw error;
  }
}

/** Changes registry fields; only the fields given are touched, and each change is in the history. */
export async function updateOrganisationIn(tx: DbTransaction, id: string, fields: Partial<OrganisationFields>, actor: Actor | null) {
  const before = await tx.organisation.findUnique({ where: { id } });
  if (!before) throw new UserFacingError("Organizzazione non trovata.", 404);
  if (fields.name !== undefined || fields.codiceFiscale !== undefined) {
    await assertNoDuplicate(tx, { name: fields.name ?? before.name, codiceFiscale: fields.codiceFiscale ?? before.codiceFiscale }, id);
  }
  const row = toRow(fields);
  const changes = diff(before, row, FIELD_LABELS as Record<string, string>);
  if (Object.keys(changes).length === 0) return before;
  const after = await tx.organisation.update({ where: { id }, data: row });
  await recordChange(tx, { subjectType: "ORGANISATION", subjectId: id, summary: "Dati dell'organizzazione modificati", changes, actor });
  return after;
}

export async function updateOrganisation(id: string, fields: Partial<OrganisationFields>, actor: Actor) {
  try {
    return await db.$transaction((tx) => updateOrganisationIn(tx, id, fields, actor));
  } catch (error) {
    if (isUniqueViolation(error)) duplicateError(error);
    throw error;
  }
}

/**
 * A dated step in the membership: added, never overwritten. The organisation's current status is
 * the step with the latest date on or before today, so a step dated in the future waits.
 */
export async function recordMembershipChange(organisationId: string, step: MembershipFields, actor: Actor, today = new Date()) {
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true } });
    if (!organisation) throw new UserFacingError("Organizzazione non trovata.", 404);
    const sameDay = await tx.membershipChange.findFirst({ where: { organisationId, effectiveOn: step.effectiveOn } });
    if (sameDay) {
      throw new UserFacingError(
        `C'è già un cambio di stato il ${formatDay(step.effectiveOn)} (${membershipLabel(sameDay.status)}): scegli un'altra data.`,
        409,
        "effectiveOn",
      );
    }
    await tx.membershipChange.create({
      data: { organisationId, status: step.status, effectiveOn: step.effectiveOn, reason: step.reason, recordedById: actor.id },
    });
    const current = await statusOnIn(tx, organisationId, today);
    await tx.organisation.update({ where: { id: organisationId }, data: { status: current ?? step.status } });
    await recordChange(tx, {
      subjectType: "ORGANISATION",
      subjectId: organisationId,
      summary: `Stato: ${membershipLabel(step.status).toLowerCase()} dal ${formatDay(step.effectiveOn)}${step.reason ? ` (${step.reason})` : ""}`,
      actor,
    });
  });
}

async function statusOnIn(tx: DbTransaction, organisationId: string, day: Date) {
  const step = await tx.membershipChange.findFirst({
    where: { organisationId, effectiveOn: { lte: day } },
    orderBy: [{ effectiveOn: "desc" }, { createdAt: "desc" }],
    select: { status: true },
  });
  return (step?.status as MembershipStatus | undefined) ?? null;
}

// --- Reading ---------------------------------------------------------------------------------

/** An organisation's status on a given day, or null if it had not joined yet. */
export const statusOn = (organisationId: string, day: Date) => statusOnIn(db as unknown as DbTransaction, organisationId, day);

/** The organisations that had `status` on `day` ("who was a partner on 1 March 2024"). */
export async function organisationsWithStatusOn(status: MembershipStatus, day: Date) {
  const steps = await db.membershipChange.findMany({
    where: { effectiveOn: { lte: day } },
    orderBy: [{ effectiveOn: "asc" }, { createdAt: "asc" }],
    select: { organisationId: true, status: true },
  });
  const latest = new Map<string, string>();
  for (const step of steps) latest.set(step.organisationId, step.status);
  const ids = [...latest].filter(([, s]) => s === status).map(([id]) => id);
  return db.organisation.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** Statuses whose date has come since they were recorded (a withdrawal dated next month). */
export async function refreshMembershipStatuses(today = new Date()) {
  const organisations = await db.organisation.findMany({ select: { id: true, status: true } });
  let changed = 0;
  for (const organisation of organisations) {
    const current = await statusOn(organisation.id, today);
    if (current && current !== organisation.status) {
      await db.organisation.update({ where: { id: organisation.id }, data: { status: current } });
      changed++;
    }
  }
  return changed;
}

export async function getCoordinatingBodyName() {
  const body = await db.organisation.findFirst({ where: { isCoordinator: true }, select: { name: true } });
  return body?.name ?? null;
}

/** For choosing an organisation in a form (invitations). */
export async function listOrganisationChoices() {
  return db.organisation.findMany({
    where: { status: { not: "EX_PARTNER" } },
    orderBy: [{ isCoordinator: "desc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
}

/** Partners and adhering bodies, as the home page shows them. */
export async function listActiveOrganisations() {
  return db.organisation.findMany({
    where: { status: { in: ["PARTNER", "ADERENTE"] } },
    orderBy: [{ isCoordinator: "desc" }, { name: "asc" }],
    select: { id: true, name: true, shortName: true, legalForm: true, status: true, isCoordinator: true },
  });
}
