import { z } from "zod";
import { forgetContactInHistory } from "~/domain/anonymise.server";
import { type Actor, diff, recordChange } from "~/domain/audit.server";
import { codiceFiscaleProblem, normaliseFiscalCode, normalisePartitaIva, partitaIvaProblem } from "~/domain/fiscal-codes.server";
import { LEGAL_FORMS, MEMBERSHIP_STATUSES, membershipLabel, RUNTS_SECTIONS, type MembershipStatus } from "~/domain/organisations";
import { containsIgnoringCase, db, isUniqueViolation, type DbTransaction, type Prisma } from "~/db.server";
import { formatDay, todayInRome } from "~/utils/dates";
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
    // An organisation without a codice fiscale clashes by name only: `codiceFiscale: null` would match
    // every other organisation that has none.
    where: {
      OR: [{ name: fields.name }, ...(fields.codiceFiscale ? [{ codiceFiscale: fields.codiceFiscale }] : [])],
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { name: true, codiceFiscale: true },
  });
  if (!clash) return;
  if (fields.codiceFiscale && clash.codiceFiscale === fields.codiceFiscale) {
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
export async function recordMembershipChange(organisationId: string, step: MembershipFields, actor: Actor, today = todayInRome()) {
  return db.$transaction((tx) => recordMembershipChangeIn(tx, organisationId, step, actor, today));
}

/** The same, in the caller's transaction (the CSV import writes many at once). */
export async function recordMembershipChangeIn(tx: DbTransaction, organisationId: string, step: MembershipFields, actor: Actor, today = todayInRome()) {
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
export async function refreshMembershipStatuses(today = todayInRome()) {
  const [organisations, steps] = await Promise.all([
    db.organisation.findMany({ select: { id: true, status: true } }),
    db.membershipChange.findMany({
      where: { effectiveOn: { lte: today } },
      orderBy: [{ effectiveOn: "asc" }, { createdAt: "asc" }],
      select: { organisationId: true, status: true },
    }),
  ]);
  const current = new Map(steps.map((step) => [step.organisationId, step.status]));
  let changed = 0;
  for (const organisation of organisations) {
    const status = current.get(organisation.id);
    if (status && status !== organisation.status) {
      await db.organisation.update({ where: { id: organisation.id }, data: { status } });
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

// --- The registry pages ----------------------------------------------------------------------

const REGISTRY_PAGE_SIZE = 50;

const filterText = z.string().trim().max(100).catch("");
const registryFilterSchema = z.object({
  q: filterText,
  stato: z.union([z.literal(""), z.enum(Object.keys(MEMBERSHIP_STATUSES) as [MembershipStatus])]).catch(""),
  forma: z.union([z.literal(""), z.enum(Object.keys(LEGAL_FORMS) as [keyof typeof LEGAL_FORMS])]).catch(""),
  rete: filterText,
  gruppo: filterText,
  pagina: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/**
 * The list's filters as the URL carries them (?q=&stato=&forma=&rete=&gruppo=&pagina=); a value
 * that makes no sense is dropped rather than refused, since people edit and share these links.
 */
export function parseRegistryFilters(params: URLSearchParams) {
  const raw = Object.fromEntries(["q", "stato", "forma", "rete", "gruppo", "pagina"].map((key) => [key, params.get(key) ?? undefined]));
  const parsed = registryFilterSchema.parse(raw);
  return {
    search: parsed.q,
    status: parsed.stato,
    legalForm: parsed.forma,
    networkId: parsed.rete,
    groupId: parsed.gruppo,
    page: parsed.pagina,
  };
}
export type RegistryFilters = ReturnType<typeof parseRegistryFilters>;

/**
 * The organisations that take part in a working group: those with a person among its members,
 * and its referent organisation.
 */
export const inWorkingGroupWhere = (groupId: string): Prisma.OrganisationWhereInput => ({
  OR: [{ referentGroups: { some: { id: groupId } } }, { users: { some: { groupMemberships: { some: { groupId } } } } }],
});

/** The query behind the list and the exports: the same filters give the same organisations. */
export function organisationWhere(filters: Omit<RegistryFilters, "page">): Prisma.OrganisationWhereInput {
  const and: Prisma.OrganisationWhereInput[] = [];
  if (filters.search) {
    and.push({ OR: [{ name: containsIgnoringCase(filters.search) }, { shortName: containsIgnoringCase(filters.search) }, { codiceFiscale: { contains: normaliseFiscalCode(filters.search) } }] });
  }
  if (filters.status) and.push({ status: filters.status });
  if (filters.legalForm) and.push({ legalForm: filters.legalForm });
  if (filters.networkId) and.push({ networks: { some: { networkId: filters.networkId } } });
  if (filters.groupId) and.push(inWorkingGroupWhere(filters.groupId));
  return { AND: and };
}

/** One page of the registry list, with the total so the page can say how many match. */
export async function findOrganisations(filters: RegistryFilters) {
  const where = organisationWhere(filters);
  const total = await db.organisation.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / REGISTRY_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const organisations = await db.organisation.findMany({
    where,
    orderBy: { name: "asc" },
    skip: (page - 1) * REGISTRY_PAGE_SIZE,
    take: REGISTRY_PAGE_SIZE,
    select: { id: true, name: true, shortName: true, legalForm: true, codiceFiscale: true, status: true, isCoordinator: true },
  });
  return { organisations, total, page, pageCount };
}

/** The thematic networks and working groups the list can be filtered by. */
export async function listRegistryFilterChoices() {
  const [networks, groups] = await Promise.all([
    db.thematicNetwork.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.workingGroup.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { networks, groups };
}

/**
 * Everything the organisation page shows. Contacts' phone and e-mail, and referents' e-mail, are
 * left out of the query itself when the reader may not see them.
 */
export async function getOrganisationProfile(id: string, { withContactDetails }: { withContactDetails: boolean }) {
  const organisation = await db.organisation.findUnique({
    where: { id },
    include: {
      delegate: { select: { id: true, name: true } },
      substitute: { select: { id: true, name: true } },
      membershipChanges: {
        orderBy: [{ effectiveOn: "desc" }, { createdAt: "desc" }],
        select: { id: true, status: true, effectiveOn: true, reason: true, recordedBy: { select: { name: true } } },
      },
      networks: { orderBy: { network: { name: "asc" } }, select: { network: { select: { id: true, name: true, referentOrganisationId: true } } } },
      signatures: {
        orderBy: { signedOn: "desc" },
        select: { signedOn: true, withdrawnOn: true, protocol: { select: { id: true, title: true, kind: true } } },
      },
    },
  });
  if (!organisation) return null;
  const contactSelect = { id: true, name: true, role: true } as const;
  const [contacts, referents, groups] = await Promise.all([
    withContactDetails
      ? db.contact.findMany({ where: { organisationId: id }, orderBy: { name: "asc" }, select: { ...contactSelect, phone: true, email: true } })
      : db.contact
          .findMany({ where: { organisationId: id }, orderBy: { name: "asc" }, select: contactSelect })
          .then((rows) => rows.map((row) => ({ ...row, phone: null, email: null }))),
    withContactDetails
      ? db.user.findMany({ where: { organisationId: id, role: "REFERENT", active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } })
      : db.user
          .findMany({ where: { organisationId: id, role: "REFERENT", active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } })
          .then((rows) => rows.map((row) => ({ ...row, email: null }))),
    db.workingGroup.findMany({
      where: { OR: [{ referentOrganisationId: id }, { members: { some: { user: { organisationId: id } } } }] },
      orderBy: { name: "asc" },
      select: { id: true, name: true, status: true, closedOn: true, referentOrganisationId: true },
    }),
  ]);
  return { organisation, contacts, referents, groups };
}

/** The people who may be delegate or substitute: the organisation's active referents. */
export async function listActiveReferents(organisationId: string) {
  return db.user.findMany({
    where: { organisationId, role: "REFERENT", active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export async function getOrganisation(id: string) {
  return db.organisation.findUnique({ where: { id } });
}

export async function listMembershipHistory(organisationId: string) {
  return db.membershipChange.findMany({
    where: { organisationId },
    orderBy: [{ effectiveOn: "desc" }, { createdAt: "desc" }],
    select: { id: true, status: true, effectiveOn: true, reason: true, recordedBy: { select: { name: true } } },
  });
}

/** Who represents the organisation at governance meetings: two different active referents, or none. */
export const delegationFields = z
  .object({
    delegateId: optionalText(40),
    substituteId: optionalText(40),
  })
  .superRefine((value, ctx) => {
    if (value.substituteId && !value.delegateId) {
      ctx.addIssue({ code: "custom", path: ["delegateId"], message: "Scegli il delegato: il sostituto lo sostituisce quando manca." });
    }
    if (value.delegateId && value.delegateId === value.substituteId) {
      ctx.addIssue({ code: "custom", path: ["substituteId"], message: "Il sostituto deve essere una persona diversa dal delegato." });
    }
  });
export type DelegationFields = z.output<typeof delegationFields>;

/** A coordinator's edit: every registry field plus delegate and substitute, in one transaction. */
export async function updateOrganisationRecord(id: string, fields: OrganisationFields, delegation: DelegationFields, actor: Actor) {
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.organisation.findUnique({
        where: { id },
        select: { delegate: { select: { id: true, name: true } }, substitute: { select: { id: true, name: true } } },
      });
      if (!before) throw new UserFacingError("Organizzazione non trovata.", 404);
      const chosen = [delegation.delegateId, delegation.substituteId].filter(Boolean);
      const referents = await tx.user.findMany({
        where: { id: { in: chosen }, organisationId: id, role: "REFERENT", active: true },
        select: { id: true, name: true },
      });
      const nameOf = (userId: string) => referents.find((r) => r.id === userId)?.name;
      if (delegation.delegateId && !nameOf(delegation.delegateId)) {
        throw new UserFacingError("Il delegato deve essere un referente attivo di questa organizzazione.", 400, "delegateId");
      }
      if (delegation.substituteId && !nameOf(delegation.substituteId)) {
        throw new UserFacingError("Il sostituto deve essere un referente attivo di questa organizzazione.", 400, "substituteId");
      }
      const updated = await updateOrganisationIn(tx, id, fields, actor);
      const changes = diff(
        { delegate: before.delegate?.name, substitute: before.substitute?.name },
        { delegate: nameOf(delegation.delegateId), substitute: nameOf(delegation.substituteId) },
        { delegate: "Delegato", substitute: "Sostituto" },
      );
      if (Object.keys(changes).length === 0) return updated;
      await tx.organisation.update({
        where: { id },
        data: { delegateId: delegation.delegateId || null, substituteId: delegation.substituteId || null },
      });
      await recordChange(tx, { subjectType: "ORGANISATION", subjectId: id, summary: "Delegato per le riunioni di governo modificato", changes, actor });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) duplicateError(error);
    throw error;
  }
}

/** What a referent may change in their own organisation's record: its description. */
export async function updateOrganisationDescription(id: string, description: string, actor: Actor) {
  return db.$transaction((tx) => updateOrganisationIn(tx, id, { description }, actor));
}

// --- Contacts --------------------------------------------------------------------------------

export const contactFields = z.object({
  name: requiredText("Inserisci il nome della persona.", 120),
  role: optionalText(120),
  phone: optionalText(40).pipe(emptyOr(z.string().regex(/^[+0-9 ()./-]{6,40}$/, "Numero di telefono non valido: usa solo cifre, spazi e +."))),
  email: optionalText(254)
    .transform((value) => value.toLowerCase())
    .pipe(emptyOr(z.email({ error: "Indirizzo e-mail non valido: controlla che sia scritto come nome@esempio.it." }))),
});
export type ContactFields = z.output<typeof contactFields>;

const CONTACT_LABELS = { name: "Nome", role: "Ruolo" };
// A person's phone and e-mail are personal data that members may not read (decision 017), and the
// history is shown to every reader: it says that they changed, never what they were or became.
const CONTACT_PRIVATE_LABELS = { phone: "telefono", email: "e-mail" };

export async function listContacts(organisationId: string) {
  return db.contact.findMany({
    where: { organisationId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true, phone: true, email: true },
  });
}

export async function addContact(organisationId: string, fields: ContactFields, actor: Actor) {
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true } });
    if (!organisation) throw new UserFacingError("Organizzazione non trovata.", 404);
    const contact = await tx.contact.create({ data: { ...fields, organisationId } });
    await recordChange(tx, { subjectType: "ORGANISATION", subjectId: organisationId, summary: `Contatto aggiunto: ${fields.name}`, actor });
    return contact;
  });
}

async function findContactIn(tx: DbTransaction, organisationId: string, contactId: string) {
  const contact = await tx.contact.findFirst({ where: { id: contactId, organisationId } });
  if (!contact) throw new UserFacingError("Questo contatto non esiste più: ricarica la pagina.", 404);
  return contact;
}

export async function updateContact(organisationId: string, contactId: string, fields: ContactFields, actor: Actor) {
  return db.$transaction(async (tx) => {
    const before = await findContactIn(tx, organisationId, contactId);
    const changes = diff(before, fields, CONTACT_LABELS);
    const privateChanges = Object.keys(diff(before, fields, CONTACT_PRIVATE_LABELS));
    if (Object.keys(changes).length === 0 && privateChanges.length === 0) return before;
    const after = await tx.contact.update({ where: { id: contactId }, data: fields });
    const privateNote =
      privateChanges.length === 0 ? "" : privateChanges.length === 1 ? ` (recapito aggiornato: ${privateChanges[0]})` : ` (recapiti aggiornati: ${privateChanges.join(" ed ")})`;
    await recordChange(tx, { subjectType: "ORGANISATION", subjectId: organisationId, summary: `Contatto modificato: ${fields.name}${privateNote}`, changes, actor });
    return after;
  });
}

export async function removeContact(organisationId: string, contactId: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    const contact = await findContactIn(tx, organisationId, contactId);
    await tx.contact.delete({ where: { id: contactId } });
    // A contact has no account and no other trace: once deleted, the history forgets them too (GDPR).
    await forgetContactInHistory(tx, organisationId, contact);
    await recordChange(tx, { subjectType: "ORGANISATION", subjectId: organisationId, summary: "Contatto rimosso, con i suoi dati", actor });
  });
}
