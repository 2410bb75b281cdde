import { z } from "zod";
import { type Actor, diff, recordChange } from "~/domain/audit.server";
import { projectChoices } from "~/domain/projects.server";
import { db, type DbTransaction, type Prisma } from "~/db.server";
import { dayInputValue, formatDate, formatDateTime, formatDay, todayInRome } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { optionalDayField, optionalText, requiredText } from "~/utils/forms.server";

// The decision register: what a meeting decided and the actions it gave someone to do, who answers
// for them, by when, and every change of their status with its note. Coordinators record them while
// writing the verbale; the responsible organisation's referents report progress.

export const DECISION_KINDS = { DECISION: "Decisione", ACTION: "Azione" } as const;
export type DecisionKind = keyof typeof DECISION_KINDS;
export const decisionKindLabel = (kind: string) => DECISION_KINDS[kind as DecisionKind] ?? kind;

export const DECISION_STATUSES = { OPEN: "Aperta", IN_PROGRESS: "In corso", DONE: "Conclusa", CANCELLED: "Annullata" } as const;
export type DecisionStatus = keyof typeof DECISION_STATUSES;
export const decisionStatusLabel = (status: string) => DECISION_STATUSES[status as DecisionStatus] ?? status;

const PENDING_STATUSES: DecisionStatus[] = ["OPEN", "IN_PROGRESS"];
/** Closing an entry is the moment someone will later ask "why?": the answer must be written. */
const STATUSES_NEEDING_A_NOTE: DecisionStatus[] = ["DONE", "CANCELLED"];

const REGISTER_PAGE_SIZE = 25;

/** An action is overdue from the day after its due date (in Rome) until it is concluded or cancelled. */
export function isOverdue(entry: { kind: string; status: string; dueOn: Date | null }, today = todayInRome()) {
  return entry.kind === "ACTION" && PENDING_STATUSES.includes(entry.status as DecisionStatus) && !!entry.dueOn && entry.dueOn < today;
}

const overdueWhere = (today: Date): Prisma.DecisionWhereInput => ({
  kind: "ACTION",
  status: { in: PENDING_STATUSES },
  dueOn: { lt: today },
});

// --- Validation ------------------------------------------------------------------------------

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || null);

/**
 * What the coordinator writes for an entry. An action needs a responsible organisation and a due
 * date, or it could never be followed up nor become overdue; a decision may name either, and its
 * due date is not kept (only actions fall due).
 */
export const decisionFields = z
  .object({
    kind: z.enum(Object.keys(DECISION_KINDS) as [DecisionKind], { error: "Scegli se è una decisione o un'azione." }),
    text: requiredText("Scrivi il testo della decisione o dell'azione.", 2000),
    agendaItemId: optionalId,
    responsibleOrganisationId: optionalId,
    responsibleUserId: optionalId,
    dueOn: optionalDayField,
    projectId: optionalId,
  })
  .superRefine((value, ctx) => {
    if (value.kind !== "ACTION") return;
    if (!value.responsibleOrganisationId) {
      ctx.addIssue({ code: "custom", path: ["responsibleOrganisationId"], message: "Un'azione ha bisogno di un'organizzazione responsabile." });
    }
    if (!value.dueOn) ctx.addIssue({ code: "custom", path: ["dueOn"], message: "Indica entro quando va svolta l'azione." });
  })
  .transform((value) => ({ ...value, dueOn: value.kind === "ACTION" ? value.dueOn : null }));
export type DecisionFields = z.output<typeof decisionFields>;

export const statusUpdateFields = z
  .object({
    status: z.enum(Object.keys(DECISION_STATUSES) as [DecisionStatus], { error: "Scegli il nuovo stato." }),
    note: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    if (STATUSES_NEEDING_A_NOTE.includes(value.status) && !value.note) {
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message: `Per segnare la voce come «${decisionStatusLabel(value.status)}» scrivi una nota che spieghi com'è andata.`,
      });
    }
  });
export type StatusUpdateFields = z.output<typeof statusUpdateFields>;

// --- Writing ---------------------------------------------------------------------------------

/**
 * The links an entry makes must hold: its agenda item is the meeting's, its person is the
 * organisation's, its project exists.
 */
async function checkLinks(tx: DbTransaction, meetingId: string, fields: DecisionFields, current?: { responsibleOrganisationId: string | null }) {
  if (fields.projectId && (await tx.project.count({ where: { id: fields.projectId } })) === 0) {
    throw new UserFacingError("Scegli il progetto dall'elenco: quello indicato non esiste più.", 400, "projectId");
  }
  if (fields.agendaItemId) {
    const item = await tx.agendaItem.findFirst({ where: { id: fields.agendaItemId, meetingId }, select: { id: true } });
    if (!item) throw new UserFacingError("Scegli un punto dell'ordine del giorno di questa riunione.", 400, "agendaItemId");
  }
  if (fields.responsibleUserId && !fields.responsibleOrganisationId) {
    throw new UserFacingError("Scegli prima l'organizzazione della persona responsabile.", 400, "responsibleOrganisationId");
  }
  if (fields.responsibleOrganisationId) {
    const organisation = await tx.organisation.findUnique({
      where: { id: fields.responsibleOrganisationId },
      select: { id: true, name: true, status: true },
    });
    // An entry already assigned to an organisation that has since left keeps it; new ones may not.
    const unchanged = current?.responsibleOrganisationId === fields.responsibleOrganisationId;
    if (!organisation || (organisation.status === "EX_PARTNER" && !unchanged)) {
      throw new UserFacingError("Scegli l'organizzazione responsabile tra i partner e gli enti aderenti.", 400, "responsibleOrganisationId");
    }
    if (fields.responsibleUserId) {
      const person = await tx.user.findFirst({
        where: { id: fields.responsibleUserId, organisationId: organisation.id, active: true },
        select: { id: true },
      });
      if (!person) {
        throw new UserFacingError(`La persona responsabile deve essere una persona di ${organisation.name}.`, 400, "responsibleUserId");
      }
    }
  }
}

async function findMeetingFor(tx: DbTransaction, meetingId: string) {
  const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { id: true, status: true, startsAt: true } });
  if (!meeting) throw new UserFacingError("Riunione non trovata.", 404);
  if (meeting.status === "CANCELLED") throw new UserFacingError("La riunione è stata annullata: non si registrano decisioni.", 409);
  return meeting;
}

const DECISION_LABELS = {
  kind: "Tipo",
  text: "Testo",
  agendaItem: "Punto dell'ordine del giorno",
  responsibleOrganisation: "Organizzazione responsabile",
  responsibleUser: "Persona responsabile",
  dueOn: "Scadenza",
  project: "Progetto",
  status: "Stato",
};

/** An entry as the audit trail compares it: names instead of ids. */
async function decisionAuditView(tx: DbTransaction, decisionId: string) {
  const decision = await tx.decision.findUniqueOrThrow({
    where: { id: decisionId },
    select: {
      kind: true,
      text: true,
      dueOn: true,
      status: true,
      agendaItem: { select: { title: true } },
      responsibleOrganisation: { select: { name: true } },
      responsibleUser: { select: { name: true } },
      project: { select: { code: true } },
    },
  });
  return {
    kind: decisionKindLabel(decision.kind),
    text: decision.text,
    agendaItem: decision.agendaItem?.title ?? "",
    responsibleOrganisation: decision.responsibleOrganisation?.name ?? "",
    responsibleUser: decision.responsibleUser?.name ?? "",
    dueOn: decision.dueOn ? formatDay(decision.dueOn) : "",
    project: decision.project?.code ?? "",
    status: decisionStatusLabel(decision.status),
  };
}

const shortText = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);

/** A new entry, open, with the first line of its history. */
export async function addDecision(meetingId: string, fields: DecisionFields, actor: Actor) {
  return db.$transaction(async (tx) => {
    const meeting = await findMeetingFor(tx, meetingId);
    await checkLinks(tx, meetingId, fields);
    const decision = await tx.decision.create({
      data: { ...fields, meetingId, meetingStartsAt: meeting.startsAt, status: "OPEN", createdById: actor.id },
    });
    await tx.decisionUpdate.create({
      data: { decisionId: decision.id, status: "OPEN", note: "Registrata durante la riunione.", userId: actor.id, authorName: actor.name },
    });
    const view = await decisionAuditView(tx, decision.id);
    const responsible = view.responsibleOrganisation ? `, responsabile ${view.responsibleOrganisation}` : "";
    const due = view.dueOn ? `, entro il ${view.dueOn}` : "";
    await recordChange(tx, {
      subjectType: "DECISION",
      subjectId: decision.id,
      summary: `${view.kind} registrata${responsible}${due}: ${shortText(fields.text)}`,
      actor,
    });
    return decision;
  });
}

/** Changes what an entry says; its status changes only through updateDecisionStatus, with history. */
export async function editDecision(decisionId: string, fields: DecisionFields, actor: Actor) {
  return db.$transaction(async (tx) => {
    const current = await tx.decision.findUnique({ where: { id: decisionId }, select: { meetingId: true, responsibleOrganisationId: true } });
    if (!current) throw new UserFacingError("Decisione non trovata.", 404);
    await findMeetingFor(tx, current.meetingId);
    await checkLinks(tx, current.meetingId, fields, current);
    const before = await decisionAuditView(tx, decisionId);
    const updated = await tx.decision.update({ where: { id: decisionId }, data: fields });
    const changes = diff(before, await decisionAuditView(tx, decisionId), DECISION_LABELS);
    if (Object.keys(changes).length > 0) {
      await recordChange(tx, { subjectType: "DECISION", subjectId: decisionId, summary: `${decisionKindLabel(fields.kind)} modificata: ${shortText(fields.text)}`, actor, changes });
    }
    return updated;
  });
}

/**
 * Removes an entry written by mistake. Once the verbale is published the entry is part of the
 * public record: it can be cancelled, with a note, but not made to disappear.
 */
export async function removeDecision(decisionId: string, actor: Actor) {
  return db.$transaction(async (tx) => {
    const decision = await tx.decision.findUnique({
      where: { id: decisionId },
      select: { id: true, kind: true, text: true, meeting: { select: { title: true, startsAt: true, verbale: { select: { status: true } } } } },
    });
    if (!decision) throw new UserFacingError("Decisione non trovata.", 404);
    if (decision.meeting.verbale?.status === "PUBBLICATO") {
      throw new UserFacingError(
        "Il verbale della riunione è pubblicato: la voce non si può più eliminare. Se non vale più, cambiane lo stato in «Annullata» con una nota.",
        409,
      );
    }
    await tx.decision.delete({ where: { id: decisionId } });
    await recordChange(tx, {
      subjectType: "DECISION",
      subjectId: decisionId,
      summary: `${decisionKindLabel(decision.kind)} eliminata (riunione «${decision.meeting.title}» del ${formatDate(decision.meeting.startsAt)}): ${shortText(decision.text)}`,
      actor,
    });
  });
}

/** A new status with its note; the history line is written in the same transaction. */
export async function updateDecisionStatus(decisionId: string, update: StatusUpdateFields, actor: Actor) {
  return db.$transaction(async (tx) => {
    const decision = await tx.decision.findUnique({ where: { id: decisionId }, select: { status: true } });
    if (!decision) throw new UserFacingError("Decisione non trovata.", 404);
    if (decision.status === update.status && !update.note) {
      throw new UserFacingError("Lo stato è già questo: scegli un altro stato o scrivi una nota sull'avanzamento.", 400, "note");
    }
    await tx.decision.update({ where: { id: decisionId }, data: { status: update.status } });
    await tx.decisionUpdate.create({
      data: { decisionId, status: update.status, note: update.note, userId: actor.id, authorName: actor.name },
    });
    const changed = decision.status !== update.status;
    await recordChange(tx, {
      subjectType: "DECISION",
      subjectId: decisionId,
      summary: changed ? `Stato aggiornato: ${decisionStatusLabel(update.status)}` : "Nota sull'avanzamento aggiunta",
      actor,
      changes: {
        ...(changed ? { Stato: [decisionStatusLabel(decision.status), decisionStatusLabel(update.status)] } : {}),
        ...(update.note ? { Nota: ["", update.note] } : {}),
      },
    });
  });
}

// --- Reading ---------------------------------------------------------------------------------

/** The organisations that may be named responsible: partners and adhering bodies. */
const RESPONSIBLE_STATUSES = ["PARTNER", "ADERENTE"];

/** The active people of these organisations that may be named responsible, by name. */
const responsiblePeople = (organisationIds: string[]) =>
  db.user.findMany({
    where: { organisationId: { in: organisationIds }, active: true, organisation: { status: { in: RESPONSIBLE_STATUSES } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, organisationId: true },
  });

/** The active people of one organisation that may be named responsible, for the decision forms. */
export async function listResponsiblePeople(organisationId: string) {
  return (await responsiblePeople([organisationId])).map(({ id, name }) => ({ id, name }));
}

/**
 * The organisations the forms offer, without their people: a tavolo has hundreds of them and
 * thousands of people, and a form needs one organisation's (loaded when it is chosen, from
 * /decisioni/persone/:organisationId). Only the organisations already named, by the entries being
 * edited or by a refused form shown again, come with their people, so those forms show their
 * person before, or without, JavaScript.
 */
async function listResponsibleChoices(namedOrganisationIds: Iterable<string>) {
  const named = [...new Set(namedOrganisationIds)].filter(Boolean);
  const [organisations, people] = await Promise.all([
    db.organisation.findMany({
      where: { status: { in: RESPONSIBLE_STATUSES } },
      orderBy: [{ isCoordinator: "desc" }, { name: "asc" }],
      select: { id: true, name: true },
    }),
    named.length === 0 ? Promise.resolve([]) : responsiblePeople(named),
  ]);
  const peopleByOrganisation: Record<string, { id: string; name: string }[]> = {};
  for (const organisation of organisations) if (named.includes(organisation.id)) peopleByOrganisation[organisation.id] = [];
  for (const person of people) peopleByOrganisation[person.organisationId]?.push({ id: person.id, name: person.name });
  return { organisations, peopleByOrganisation };
}

const entrySelect = {
  id: true,
  kind: true,
  text: true,
  status: true,
  dueOn: true,
  agendaItemId: true,
  responsibleOrganisationId: true,
  responsibleUserId: true,
  agendaItem: { select: { title: true } },
  responsibleOrganisation: { select: { name: true } },
  responsibleUser: { select: { name: true } },
  projectId: true,
  project: { select: { code: true, title: true } },
} satisfies Prisma.DecisionSelect;

type Entry = Prisma.DecisionGetPayload<{ select: typeof entrySelect }>;

/** An entry as pages show it: labels in words, the due day both readable and as a form value. */
function presentEntry(entry: Entry, today: Date) {
  return {
    id: entry.id,
    kind: entry.kind,
    kindLabel: decisionKindLabel(entry.kind),
    text: entry.text,
    status: entry.status,
    statusLabel: decisionStatusLabel(entry.status),
    agendaItemId: entry.agendaItemId ?? "",
    agendaItemTitle: entry.agendaItem?.title ?? null,
    responsibleOrganisationId: entry.responsibleOrganisationId ?? "",
    responsibleOrganisationName: entry.responsibleOrganisation?.name ?? null,
    responsibleUserId: entry.responsibleUserId ?? "",
    responsibleUserName: entry.responsibleUser?.name ?? null,
    dueOn: dayInputValue(entry.dueOn),
    dueOnLabel: entry.dueOn ? formatDay(entry.dueOn) : null,
    overdue: isOverdue(entry, today),
    projectId: entry.projectId ?? "",
    projectLabel: entry.project ? `${entry.project.code} · ${entry.project.title}` : null,
  };
}
export type DecisionEntry = ReturnType<typeof presentEntry>;

const labelChoices = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * What the verbale page's decisions panel shows: the meeting's entries, in the order of its agenda.
 * Removal stops once the verbale is published.
 */
export async function listMeetingDecisions(meetingId: string, today = todayInRome()) {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      status: true,
      verbale: { select: { status: true } },
      agendaItems: { orderBy: { position: "asc" }, select: { id: true, position: true } },
    },
  });
  if (!meeting) throw new Response("Riunione non trovata.", { status: 404 });
  const entries = await db.decision.findMany({ where: { meetingId }, orderBy: { createdAt: "asc" }, select: entrySelect });
  const positions = new Map(meeting.agendaItems.map((item) => [item.id, item.position]));
  return {
    meetingId: meeting.id,
    canAdd: meeting.status !== "CANCELLED",
    canRemove: meeting.verbale?.status !== "PUBBLICATO",
    // In the order of the agenda, entries on no particular item last (the same on both databases,
    // which disagree on where nulls sort).
    decisions: entries
      .map((entry) => ({ entry, position: positions.get(entry.agendaItemId ?? "") ?? Number.MAX_SAFE_INTEGER }))
      .sort((a, b) => a.position - b.position)
      .map(({ entry }) => presentEntry(entry, today)),
  };
}
export type MeetingDecisionsData = Awaited<ReturnType<typeof listMeetingDecisions>>;

/**
 * What the decision forms of a meeting offer; only for those who record decisions (readers never
 * see the forms). `namedOrganisationIds`: the responsible organisations the forms start from (the
 * entries', a refused form's), whose people come along.
 */
export async function listDecisionChoices(meetingId: string, namedOrganisationIds: Iterable<string>) {
  const [agendaItems, responsible, projects] = await Promise.all([
    db.agendaItem.findMany({ where: { meetingId }, orderBy: { position: "asc" }, select: { id: true, title: true } }),
    listResponsibleChoices(namedOrganisationIds),
    projectChoices([{ decisions: { some: { meetingId } } }]),
  ]);
  return {
    kinds: labelChoices(DECISION_KINDS),
    // Numbered as the agenda shows them (positions are only an order, counted from 0).
    agendaItems: agendaItems.map((item, index) => ({ value: item.id, label: `${index + 1}. ${item.title}` })),
    organisations: responsible.organisations,
    peopleByOrganisation: responsible.peopleByOrganisation,
    projects: projects.map((p) => ({ value: p.id, label: `${p.code} · ${p.title}` })),
  };
}
export type DecisionChoices = Awaited<ReturnType<typeof listDecisionChoices>>;

/** Actions still to do, the nearest deadline first: the next agendas offer them as follow-up items. */
export async function listOpenActions({ excludeMeetingId }: { excludeMeetingId?: string } = {}, today = todayInRome()) {
  const actions = await db.decision.findMany({
    where: { kind: "ACTION", status: { in: PENDING_STATUSES }, ...(excludeMeetingId ? { meetingId: { not: excludeMeetingId } } : {}) },
    orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    select: { ...entrySelect, meeting: { select: { id: true, title: true, startsAt: true } } },
  });
  return actions.map((action) => ({
    ...presentEntry(action, today),
    meeting: { id: action.meeting.id, title: action.meeting.title, date: formatDate(action.meeting.startsAt) },
  }));
}

// --- The register page -----------------------------------------------------------------------

const filterId = z.string().trim().max(100).catch("");
const filterDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .catch("");
const registerFilterSchema = z.object({
  organizzazione: filterId,
  gruppo: filterId,
  progetto: filterId,
  stato: z.union([z.literal(""), z.enum(Object.keys(DECISION_STATUSES) as [DecisionStatus])]).catch(""),
  tipo: z.union([z.literal(""), z.enum(Object.keys(DECISION_KINDS) as [DecisionKind])]).catch(""),
  dal: filterDay,
  al: filterDay,
  scadute: z.string().optional().transform((value) => value === "1"),
  pagina: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const REGISTER_FILTER_KEYS = ["organizzazione", "gruppo", "progetto", "stato", "tipo", "dal", "al", "scadute"] as const;

/**
 * The register's filters as the URL carries them. A referent who arrives without choosing an
 * organisation sees their own organisation's entries first (`?organizzazione=` shows all).
 */
export function parseDecisionFilters(params: URLSearchParams, reader: { role: string; organisationId: string }) {
  const raw = Object.fromEntries([...REGISTER_FILTER_KEYS, "pagina"].map((key) => [key, params.get(key) ?? undefined]));
  const parsed = registerFilterSchema.parse(raw);
  const ownByDefault = reader.role === "REFERENT" && !params.has("organizzazione");
  return {
    organisationId: ownByDefault ? reader.organisationId : parsed.organizzazione,
    groupId: parsed.gruppo,
    projectId: parsed.progetto,
    status: parsed.stato,
    kind: parsed.tipo,
    dueFrom: parsed.dal,
    dueTo: parsed.al,
    overdueOnly: parsed.scadute,
    page: parsed.pagina,
  };
}
export type DecisionFilters = ReturnType<typeof parseDecisionFilters>;

/**
 * The filters in force as a query string, for the page links. The organisation is always written,
 * even empty, so a referent who asked for every organisation keeps that choice from page to page.
 */
export function decisionFilterQuery(filters: DecisionFilters) {
  const query = new URLSearchParams({ organizzazione: filters.organisationId });
  const optional: [string, string][] = [
    ["gruppo", filters.groupId],
    ["progetto", filters.projectId],
    ["stato", filters.status],
    ["tipo", filters.kind],
    ["dal", filters.dueFrom],
    ["al", filters.dueTo],
    ["scadute", filters.overdueOnly ? "1" : ""],
  ];
  for (const [key, value] of optional) if (value) query.set(key, value);
  return query.toString();
}

function registerWhere(filters: DecisionFilters, today: Date): { AND: Prisma.DecisionWhereInput[] } {
  const and: Prisma.DecisionWhereInput[] = [];
  if (filters.organisationId) and.push({ responsibleOrganisationId: filters.organisationId });
  if (filters.groupId) {
    and.push({ meeting: { OR: [{ workingGroupId: filters.groupId }, { series: { workingGroupId: filters.groupId } }] } });
  }
  if (filters.projectId) and.push({ projectId: filters.projectId });
  if (filters.status) and.push({ status: filters.status });
  if (filters.kind) and.push({ kind: filters.kind });
  if (filters.dueFrom) and.push({ dueOn: { gte: new Date(`${filters.dueFrom}T00:00:00.000Z`) } });
  if (filters.dueTo) and.push({ dueOn: { lte: new Date(`${filters.dueTo}T00:00:00.000Z`) } });
  if (filters.overdueOnly) and.push(overdueWhere(today));
  return { AND: and };
}

/**
 * The register's order: nearest deadline first, entries without one last; then the most recent
 * meeting first, then the order they were recorded in. It is the order of the index on
 * (dueOn, meetingStartsAt desc, createdAt), walked in two runs because SQLite puts the entries
 * without a deadline first in an ascending index: those with a deadline, then those without.
 */
const REGISTER_ORDER = [{ dueOn: "asc" }, { meetingStartsAt: "desc" }, { createdAt: "asc" }] satisfies Prisma.DecisionOrderByWithRelationInput[];

/** An entry as the register and the project page list it: with its meeting. */
const listedEntrySelect = { ...entrySelect, meeting: { select: { id: true, title: true, startsAt: true } } } satisfies Prisma.DecisionSelect;

function presentListedEntry(entry: Prisma.DecisionGetPayload<{ select: typeof listedEntrySelect }>, today: Date) {
  return { ...presentEntry(entry, today), meeting: { id: entry.meeting.id, title: entry.meeting.title, date: formatDate(entry.meeting.startsAt) } };
}

/** Whether the register shows every entry (no filter in force). */
export const showsEveryDecision = (filters: DecisionFilters) => registerWhere(filters, todayInRome()).AND.length === 0;

/**
 * One page of the register, nearest deadline first, with the total for "N voci". `knownTotal`:
 * the number of entries when the caller has already counted them (unfiltered, the counts by status
 * add up to it).
 */
export async function findDecisions(filters: DecisionFilters, today = todayInRome(), knownTotal?: number) {
  const where = registerWhere(filters, today);
  const withDeadline: Prisma.DecisionWhereInput = { AND: [where, { dueOn: { not: null } }] };
  const total = knownTotal ?? (await db.decision.count({ where }));
  const pageCount = Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const offset = (page - 1) * REGISTER_PAGE_SIZE;
  // The page's part among the entries with a deadline, then, if it is not full, the rest among
  // those without (how many have a deadline is known from a short first part, counted otherwise).
  const first = await db.decision.findMany({ where: withDeadline, orderBy: REGISTER_ORDER, skip: offset, take: REGISTER_PAGE_SIZE, select: listedEntrySelect });
  let rest: typeof first = [];
  if (first.length < REGISTER_PAGE_SIZE) {
    const dated = first.length > 0 ? offset + first.length : await db.decision.count({ where: withDeadline });
    rest = await db.decision.findMany({
      where: { AND: [where, { dueOn: null }] },
      orderBy: REGISTER_ORDER,
      skip: Math.max(0, offset - dated),
      take: REGISTER_PAGE_SIZE - first.length,
      select: listedEntrySelect,
    });
  }
  return {
    total,
    page,
    pageCount,
    decisions: [...first, ...rest].map((entry) => presentListedEntry(entry, today)),
  };
}

/** The coordinators' overview: how many entries in each status, and how many actions are overdue. */
export async function countDecisionsByStatus(today = todayInRome()) {
  const [groups, overdue] = await Promise.all([
    db.decision.groupBy({ by: ["status"], _count: { _all: true } }),
    db.decision.count({ where: overdueWhere(today) }),
  ]);
  const counts = Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  return {
    byStatus: Object.entries(DECISION_STATUSES).map(([status, label]) => ({ status, label, count: counts[status] ?? 0 })),
    overdue,
    total: groups.reduce((sum, g) => sum + g._count._all, 0),
  };
}

/** What the register can be filtered by; a concluded project only once chosen (from its page). */
export async function listRegisterFilterChoices(filters: Pick<DecisionFilters, "projectId">) {
  const [organisations, groups, projects] = await Promise.all([
    db.organisation.findMany({
      where: { OR: [{ status: { in: ["PARTNER", "ADERENTE"] } }, { decisions: { some: {} } }] },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db.workingGroup.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    projectChoices(filters.projectId ? [{ id: filters.projectId }] : []),
  ]);
  return {
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
    groups: groups.map((g) => ({ value: g.id, label: g.name })),
    projects: projects.map((p) => ({ value: p.id, label: `${p.code} · ${p.title}` })),
    statuses: labelChoices(DECISION_STATUSES),
    kinds: labelChoices(DECISION_KINDS),
  };
}

/** One entry with its meeting and the whole history of its status, oldest first. */
export async function getDecision(id: string, today = todayInRome()) {
  const entry = await db.decision.findUnique({
    where: { id },
    select: {
      ...entrySelect,
      createdAt: true,
      meeting: { select: { id: true, title: true, startsAt: true } },
      updates: { orderBy: { createdAt: "asc" }, select: { id: true, status: true, note: true, authorName: true, createdAt: true } },
    },
  });
  if (!entry) throw new Response("Decisione non trovata.", { status: 404 });
  return {
    ...presentEntry(entry, today),
    meeting: { id: entry.meeting.id, title: entry.meeting.title, date: formatDate(entry.meeting.startsAt) },
    history: entry.updates.map((u) => ({
      id: u.id,
      statusLabel: decisionStatusLabel(u.status),
      note: u.note,
      authorName: u.authorName,
      at: formatDateTime(u.createdAt),
    })),
    statusChoices: labelChoices(DECISION_STATUSES),
  };
}

/**
 * The meeting an entry belongs to and the organisation answering for it: the second decides who
 * may update its status.
 */
export async function decisionRefs(id: string) {
  const entry = await db.decision.findUnique({ where: { id }, select: { meetingId: true, responsibleOrganisationId: true } });
  if (!entry) throw new Response("Decisione non trovata.", { status: 404 });
  return entry;
}

/**
 * The panel's data for the meeting a refused form was about, with the people of the organisation
 * the form named so it shows its person again; null when the meeting or entry is gone.
 */
export async function findMeetingDecisionsFor(ref: { meetingId: string } | { decisionId: string }, namedOrganisationId: string) {
  const meetingId =
    "meetingId" in ref ? ref.meetingId : (await db.decision.findUnique({ where: { id: ref.decisionId }, select: { meetingId: true } }))?.meetingId;
  if (!meetingId || (await db.meeting.count({ where: { id: meetingId } })) === 0) return null;
  const panel = await listMeetingDecisions(meetingId);
  const choices = await listDecisionChoices(meetingId, [...panel.decisions.map((d) => d.responsibleOrganisationId), namedOrganisationId]);
  return { ...panel, choices };
}
export type RefusedDecisionData = NonNullable<Awaited<ReturnType<typeof findMeetingDecisionsFor>>>;

/** The decisions and actions about a project, for its page: the nearest deadline first. */
export async function listProjectDecisions(projectId: string, today = todayInRome()) {
  const entries = await db.decision.findMany({
    where: { projectId },
    orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { meetingStartsAt: "desc" }, { createdAt: "asc" }],
    select: listedEntrySelect,
  });
  return entries.map((entry) => presentListedEntry(entry, today));
}
