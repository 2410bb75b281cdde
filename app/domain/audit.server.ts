import Papa from "papaparse";
import { newWorkbook } from "~/utils/xlsx.server";
import { containsIgnoringCase, db, type DbTransaction, type Prisma } from "~/db.server";
import { env } from "~/env.server";
import { romeInstant } from "~/domain/meeting-rules";
import { reindexSubject } from "~/domain/search.server";
import { formatRome, parseDay } from "~/utils/dates";

// The registry's memory of who changed what and when. Every domain function that changes a record
// calls recordChange inside the same transaction as the change, so the history never misses a
// change that happened, nor shows one that was rolled back. See docs/decisions/013-audit-trail.md.

export type AuditSubjectType =
  | "ORGANISATION"
  | "PROTOCOL"
  | "WORKING_GROUP"
  | "OBJECTIVE"
  | "NETWORK"
  | "MEETING"
  | "MEETING_SERIES"
  | "PROJECT"
  | "INDICATOR"
  | "RENDICONTAZIONE"
  | "DOCUMENT"
  | "AID_SERVICE"
  | "ANNOUNCEMENT"
  | "VERBALE"
  | "DECISION"
  | "USER"
  | "SETTINGS";

export interface Actor {
  id: string;
  name: string;
}

export type Changes = Record<string, [before: string, after: string]>;

const shown = (value: unknown) => {
  if (value === null || value === undefined || value === "") return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "sì" : "no";
  return String(value);
};

/**
 * The fields that differ between two versions of a record, under their Italian labels; fields
 * without a label are not compared.
 */
export function diff(before: object, after: object, labels: Record<string, string>): Changes {
  const changes: Changes = {};
  const from = before as Record<string, unknown>;
  const to = after as Record<string, unknown>;
  for (const [field, label] of Object.entries(labels)) {
    if (!(field in to)) continue;
    const was = shown(from[field]);
    const is = shown(to[field]);
    if (was !== is) changes[label] = [was, is];
  }
  return changes;
}

export async function recordChange(
  tx: DbTransaction,
  event: { subjectType: AuditSubjectType; subjectId: string; summary: string; actor: Actor | null; changes?: Changes },
) {
  await tx.auditEvent.create({
    data: {
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      summary: event.summary,
      changes: JSON.stringify(event.changes ?? {}),
      actorId: event.actor?.id ?? null,
      actorName: event.actor?.name ?? "Sistema",
    },
  });
  // The search index follows every recorded change in the same transaction (docs/decisions/028-search.md).
  await reindexSubject(tx, event.subjectType, event.subjectId);
}

/** The history of one record, newest first. */
export async function listHistory(subjectType: AuditSubjectType, subjectId: string, take = 100) {
  const events = await db.auditEvent.findMany({
    where: { subjectType, subjectId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
    select: { id: true, summary: true, changes: true, actorName: true, at: true },
  });
  return events.map((event) => ({ ...event, changes: JSON.parse(event.changes) as Changes }));
}

/** How long a run of saves of the same text by the same person stays one event. */
const SITTING_MS = 30 * 60_000;

/**
 * For texts that save themselves every few seconds (a verbale being written): a save by the same
 * person within half an hour of the subject's latest event, when that event is the same kind of
 * save, replaces it instead of adding another, so the trail shows one "text changed" per sitting,
 * at the time of its last save. `merge` folds the replaced event's changes into the new ones.
 * The event still goes through recordChange, after the write, like every other.
 */
export async function recordRepeatedChange(
  tx: DbTransaction,
  event: { subjectType: AuditSubjectType; subjectId: string; summary: string; actor: Actor; changes?: Changes },
  merge: (previous: Changes, next: Changes) => Changes = (_previous, next) => next,
  now = new Date(),
) {
  const latest = await tx.auditEvent.findFirst({
    where: { subjectType: event.subjectType, subjectId: event.subjectId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { id: true, actorId: true, summary: true, changes: true, at: true },
  });
  let changes = event.changes ?? {};
  if (latest && latest.actorId === event.actor.id && latest.summary === event.summary && now.getTime() - latest.at.getTime() < SITTING_MS) {
    changes = merge(JSON.parse(latest.changes) as Changes, changes);
    await tx.auditEvent.delete({ where: { id: latest.id } });
  }
  await recordChange(tx, { ...event, changes });
}

// --- The coordinators' register of every change (/registro-modifiche) ---------------------------

export const SUBJECT_TYPE_LABELS: Record<AuditSubjectType, string> = {
  ORGANISATION: "Organizzazione",
  PROTOCOL: "Protocollo",
  WORKING_GROUP: "Gruppo di lavoro",
  OBJECTIVE: "Obiettivo strategico",
  NETWORK: "Rete tematica",
  MEETING: "Riunione",
  MEETING_SERIES: "Serie di riunioni",
  PROJECT: "Progetto",
  INDICATOR: "Indicatore",
  RENDICONTAZIONE: "Rendicontazione",
  DOCUMENT: "Documento",
  AID_SERVICE: "Servizio del territorio",
  ANNOUNCEMENT: "Comunicazione",
  VERBALE: "Verbale",
  DECISION: "Decisione o azione",
  USER: "Persona (account)",
  SETTINGS: "Impostazioni del tavolo",
};
const isSubjectType = (value: string): value is AuditSubjectType => value in SUBJECT_TYPE_LABELS;
export const subjectTypeLabel = (type: string) => (isSubjectType(type) ? SUBJECT_TYPE_LABELS[type] : type);

/** "sistema" in the who filter: the scheduled jobs (sends, reminders), which act for nobody. */
export const SYSTEM_ACTOR = "sistema";
const PAGE_SIZE = 50;

export interface AuditFilters {
  subjectType: AuditSubjectType | "";
  actor: string;
  from: string;
  to: string;
  q: string;
  page: number;
}

/** The register's filters from the query string; anything malformed is ignored, never an error. */
export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const type = params.get("tipo") ?? "";
  const day = (name: string) => {
    const value = (params.get(name) ?? "").trim();
    return parseDay(value) ? value : "";
  };
  const page = Number.parseInt(params.get("pagina") ?? "1", 10);
  return {
    subjectType: isSubjectType(type) ? type : "",
    actor: (params.get("chi") ?? "").trim(),
    from: day("dal"),
    to: day("al"),
    q: (params.get("q") ?? "").trim().slice(0, 200),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** A period that ends before it starts matches nothing: said next to the "to" day instead. */
export const periodProblem = (filters: Pick<AuditFilters, "from" | "to">) =>
  filters.from && filters.to && filters.from > filters.to ? "Il giorno finale viene prima di quello iniziale: correggi il periodo." : null;

/** The same filters as a query string (for pagination and the export links). */
export function auditFilterQuery(filters: Omit<AuditFilters, "page">, page?: number) {
  const params = new URLSearchParams();
  if (filters.subjectType) params.set("tipo", filters.subjectType);
  if (filters.actor) params.set("chi", filters.actor);
  if (filters.from) params.set("dal", filters.from);
  if (filters.to) params.set("al", filters.to);
  if (filters.q) params.set("q", filters.q);
  if (page && page > 1) params.set("pagina", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Days are Rome calendar days: "from 1 March" starts at midnight in Rome, "to 31 March" ends at the
 * next midnight in Rome. The period and the order use the index on `at`; the kind filter without a
 * record id and the words filter are checked on the rows the period leaves.
 */
export function auditWhere(filters: Omit<AuditFilters, "page">): Prisma.AuditEventWhereInput {
  const words = filters.q.split(/\s+/).filter(Boolean);
  const at: Prisma.DateTimeFilter = {};
  if (filters.from) at.gte = romeInstant(filters.from, "00:00");
  if (filters.to) at.lt = romeInstant(nextDay(filters.to), "00:00");
  return {
    ...(filters.subjectType ? { subjectType: filters.subjectType } : {}),
    ...(filters.actor === SYSTEM_ACTOR ? { actorId: null } : filters.actor ? { actorId: filters.actor } : {}),
    ...(filters.from || filters.to ? { at } : {}),
    ...(words.length > 0 ? { AND: words.map((word) => ({ summary: containsIgnoringCase(word) })) } : {}),
  };
}

const eventSelect = { id: true, subjectType: true, subjectId: true, summary: true, changes: true, actorName: true, at: true } as const;
type EventRow = Prisma.AuditEventGetPayload<{ select: typeof eventSelect }>;

const RECORD_PATHS: Partial<Record<AuditSubjectType, (id: string) => string>> = {
  ORGANISATION: (id) => `/organizzazioni/${id}`,
  PROTOCOL: (id) => `/protocolli/${id}`,
  WORKING_GROUP: (id) => `/gruppi/${id}`,
  OBJECTIVE: () => "/obiettivi",
  NETWORK: (id) => `/reti/${id}`,
  MEETING: (id) => `/riunioni/${id}`,
  MEETING_SERIES: (id) => `/riunioni/serie/${id}`,
  PROJECT: (id) => `/progetti/${id}`,
  INDICATOR: () => "/indicatori",
  RENDICONTAZIONE: (id) => `/rendicontazioni/${id}`,
  DOCUMENT: (id) => `/documenti/${id}`,
  AID_SERVICE: (id) => `/servizi/${id}`,
  ANNOUNCEMENT: (id) => `/comunicazioni/${id}`,
  DECISION: (id) => `/decisioni/${id}`,
  USER: () => "/utenti",
};

/** Which of these ids still exist, per kind: a removed record gets no link that would end in "not found". */
const EXISTING: Partial<Record<AuditSubjectType, (ids: string[]) => Promise<{ id: string }[]>>> = {
  ORGANISATION: (ids) => db.organisation.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  PROTOCOL: (ids) => db.protocol.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  WORKING_GROUP: (ids) => db.workingGroup.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  NETWORK: (ids) => db.thematicNetwork.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  MEETING: (ids) => db.meeting.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  MEETING_SERIES: (ids) => db.meetingSeries.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  PROJECT: (ids) => db.project.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  RENDICONTAZIONE: (ids) => db.rendicontazione.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  DOCUMENT: (ids) => db.archiveDocument.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  AID_SERVICE: (ids) => db.aidService.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  ANNOUNCEMENT: (ids) => db.announcement.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  DECISION: (ids) => db.decision.findMany({ where: { id: { in: ids } }, select: { id: true } }),
};

/** The page of each event's record, where it has one and the record is still there. */
async function recordLinks(events: EventRow[]) {
  const links = new Map<string, string>();
  const idsByType = new Map<AuditSubjectType, Set<string>>();
  for (const event of events) {
    if (!isSubjectType(event.subjectType)) continue;
    const ids = idsByType.get(event.subjectType) ?? new Set<string>();
    ids.add(event.subjectId);
    idsByType.set(event.subjectType, ids);
  }
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      const key = (id: string) => `${type}:${id}`;
      if (type === "VERBALE") {
        // A verbale lives on its meeting's page.
        const verbali = await db.verbale.findMany({ where: { id: { in: [...ids] } }, select: { id: true, meetingId: true } });
        for (const v of verbali) links.set(key(v.id), `/riunioni/${v.meetingId}/verbale`);
        return;
      }
      const path = RECORD_PATHS[type];
      if (!path) return;
      const existing = EXISTING[type];
      const present = existing ? (await existing([...ids])).map((row) => row.id) : [...ids];
      for (const id of present) links.set(key(id), path(id));
    }),
  );
  return (event: EventRow) => links.get(`${event.subjectType}:${event.subjectId}`) ?? null;
}

const toView = (event: EventRow, link: string | null) => ({
  id: event.id,
  at: event.at,
  actorName: event.actorName,
  subjectType: event.subjectType,
  subjectTypeLabel: subjectTypeLabel(event.subjectType),
  subjectId: event.subjectId,
  link,
  summary: event.summary,
  changes: JSON.parse(event.changes) as Changes,
});
export type AuditEventView = ReturnType<typeof toView>;

/** One page of the register, newest first, with the total for the pagination. */
export async function listAuditEvents(filters: AuditFilters) {
  const where = auditWhere(filters);
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: eventSelect,
    }),
  ]);
  const linkOf = await recordLinks(events);
  return { events: events.map((event) => toView(event, linkOf(event))), total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** Who may be chosen in the "who" filter: everyone who ever changed something, and the system. */
export async function auditActorChoices() {
  const people = await db.user.findMany({ where: { auditEvents: { some: {} } }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } });
  return [
    { value: SYSTEM_ACTOR, label: "Sistema (invii e promemoria automatici)" },
    ...people.map((person) => ({ value: person.id, label: `${person.name} (${person.email})` })),
  ];
}

export const subjectTypeChoices = () =>
  (Object.entries(SUBJECT_TYPE_LABELS) as [AuditSubjectType, string][])
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, "it"));

/** "Campo: prima → dopo", one per line, as the files write the changes. */
export const changesText = (changes: Changes) =>
  Object.entries(changes)
    .map(([label, [before, after]]) => `${label}: ${before || "(vuoto)"} → ${after || "(vuoto)"}`)
    .join("\n");

// --- Export --------------------------------------------------------------------------------------

export const AUDIT_EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const AUDIT_COLUMNS = [
  { header: "Data e ora", width: 18 },
  { header: "Chi", width: 28 },
  { header: "Tipo di record", width: 22 },
  { header: "Id del record", width: 28 },
  { header: "Collegamento", width: 50 },
  { header: "Descrizione", width: 60 },
  { header: "Modifiche", width: 70 },
] as const;
export const AUDIT_EXPORT_HEADERS = AUDIT_COLUMNS.map((column) => column.header);

/** The newest events first, at most this many in one file: a period filter narrows a bigger trail. */
export const AUDIT_EXPORT_LIMIT = 50_000;

async function exportRows(filters: Omit<AuditFilters, "page">) {
  const events = await db.auditEvent.findMany({
    where: auditWhere(filters),
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: AUDIT_EXPORT_LIMIT,
    select: eventSelect,
  });
  const linkOf = await recordLinks(events);
  return events.map((event) => {
    const link = linkOf(event);
    return { event, link: link ? new URL(link, env.APP_URL).toString() : "" };
  });
}

/**
 * CSV as docs/decisions/016-csv-and-xlsx.md says (UTF-8 with BOM, ";", CRLF, formulas escaped);
 * XLSX with a bold frozen header, an autofilter and real date-time cells in Rome time.
 */
export async function exportAuditEvents(format: AuditExportFormat, filters: Omit<AuditFilters, "page">, now = new Date()) {
  const rows = await exportRows(filters);
  const stamp = formatRome(now, "yyyy-MM-dd");
  if (format === "csv") {
    const data = rows.map(({ event, link }) => [
      formatRome(event.at, "dd/MM/yyyy HH:mm:ss"),
      event.actorName,
      subjectTypeLabel(event.subjectType),
      event.subjectId,
      link,
      event.summary,
      changesText(JSON.parse(event.changes) as Changes),
    ]);
    const text = Papa.unparse({ fields: AUDIT_EXPORT_HEADERS, data }, { delimiter: ";", newline: "\r\n", escapeFormulae: true });
    return { body: `\uFEFF${text.replace(/(\r\n)?$/, "\r\n")}`, contentType: "text/csv; charset=utf-8", fileName: `registro-modifiche-${stamp}.csv` };
  }
  const workbook = await newWorkbook();
  workbook.creator = "Tavolo";
  const sheet = workbook.addWorksheet("Registro delle modifiche", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = AUDIT_COLUMNS.map((column, index) => ({
    header: column.header,
    width: column.width,
    style: index === 0 ? { numFmt: "dd/mm/yyyy hh:mm:ss" } : { numFmt: "@", alignment: { wrapText: index >= 5, vertical: "top" } },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const { event, link } of rows) {
    // Excel has no time zones: the cell holds the Rome wall-clock time the page shows.
    const romeWallClock = new Date(`${formatRome(event.at, "yyyy-MM-dd'T'HH:mm:ss")}Z`);
    sheet.addRow([
      romeWallClock,
      event.actorName,
      subjectTypeLabel(event.subjectType),
      event.subjectId,
      link,
      event.summary,
      changesText(JSON.parse(event.changes) as Changes),
    ]);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: AUDIT_COLUMNS.length } };
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fileName: `registro-modifiche-${stamp}.xlsx`,
  };
}
