import { z } from "zod";
import { type Actor, type Changes, diff, listHistory, recordChange } from "~/domain/audit.server";
import {
  ACCESS_MODES,
  ACCESS_MODE_CODES,
  ACCESSIBILITY_LEVELS,
  AID_SERVICE_STATUSES,
  optionsOf,
  ACCESSIBILITY_CODES,
  AID_SERVICE_KIND_CODES,
  AID_SERVICE_KINDS,
  AID_SERVICE_STATUS_CODES,
  accessibilityLabel,
  accessModeLabel,
  aidServiceKindLabel,
  aidServiceStatusLabel,
  DAY_PARTS,
  formatOpening,
  isDayPart,
  matchesOpenFilter,
  parseTime,
  previousWeekday,
  romeWallClock,
  sortOpenings,
  type OpenFilter,
  type Opening,
} from "~/domain/aid-services";
import { containsIgnoringCase, db, type Prisma } from "~/db.server";
import { UserFacingError } from "~/utils/errors";
import { type FormErrors, optionalText, parseFields, requiredText } from "~/utils/forms.server";

// The catalogue of the aid services the organisations of the tavolo offer: describing a service
// (its referents or a coordinator), and finding one (everyone signed in; the public page shows the
// published ones). See docs/decisions/026-aid-services-catalogue.md.

export const CATALOGUE_PAGE_SIZE = 20;

// --- Validation ------------------------------------------------------------------------------

const aidServiceFields = z.object({
  name: requiredText("Inserisci il nome del servizio.", 200),
  kind: z.enum(AID_SERVICE_KIND_CODES, { error: "Scegli il tipo di servizio." }),
  description: optionalText(4000),
  address: requiredText("Inserisci l'indirizzo in cui si trova il servizio.", 300),
  area: requiredText("Indica la zona della città (quartiere o frazione).", 100),
  eligibility: optionalText(2000),
  accessMode: z.enum(ACCESS_MODE_CODES, { error: "Scegli come si accede al servizio." }),
  accessNotes: optionalText(1000),
  phone: optionalText(50),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "L'indirizzo e-mail è troppo lungo.")
    .optional()
    .transform((value) => value ?? "")
    .refine((value) => value === "" || z.email().safeParse(value).success, "Indirizzo e-mail non valido: controlla che sia scritto come nome@esempio.it."),
  capacity: optionalText(200),
  languages: optionalText(300),
  accessibility: z.enum(ACCESSIBILITY_CODES, { error: "Indica se il luogo è accessibile." }),
  accessibilityNotes: optionalText(1000),
  status: z.enum(AID_SERVICE_STATUS_CODES, { error: "Scegli lo stato del servizio." }),
  isPublic: z
    .string()
    .optional()
    .transform((value) => value === "on" || value === "true"),
  organisationId: z.string().trim().optional(),
});

export interface AidServiceInput extends Omit<z.output<typeof aidServiceFields>, "organisationId"> {
  organisationId?: string | undefined;
  openings: Opening[];
}

/** The form's rows of opening hours (day, from, to sent once per row); fully empty rows are skipped. */
function parseOpeningRows(formData: FormData) {
  const days = formData.getAll("openingDay").map(String);
  const froms = formData.getAll("openingFrom").map(String);
  const tos = formData.getAll("openingTo").map(String);
  const openings: Opening[] = [];
  const errors: Record<string, string> = {};
  const rows = Math.max(days.length, froms.length, tos.length);
  for (let i = 0; i < rows; i++) {
    const day = (days[i] ?? "").trim();
    const from = (froms[i] ?? "").trim();
    const to = (tos[i] ?? "").trim();
    if (!day && !from && !to) continue;
    const weekday = Number(day);
    const opensAt = parseTime(from);
    const closesAt = parseTime(to);
    const row = `Fascia ${i + 1}`;
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) errors[`opening.${i}`] = `${row}: scegli il giorno.`;
    else if (opensAt === null) errors[`opening.${i}`] = `${row}: l'ora di apertura non è valida (usa il formato 09:00).`;
    else if (closesAt === null) errors[`opening.${i}`] = `${row}: l'ora di chiusura non è valida (usa il formato 12:30).`;
    // 00:00–24:00 is a whole day; any other equal pair is a slip.
    else if (opensAt === closesAt && opensAt !== 0) errors[`opening.${i}`] = `${row}: apertura e chiusura coincidono.`;
    else openings.push({ weekday, opensAt, closesAt });
  }
  return { openings: sortOpenings(openings), errors };
}

/** The whole service form: fields and opening rows, with every error found, or the input. */
export function parseAidServiceForm(formData: FormData): { ok: true; data: AidServiceInput } | { ok: false; errors: FormErrors } {
  const fields = parseFields(formData, aidServiceFields);
  const rows = parseOpeningRows(formData);
  const fieldErrors: Record<string, string | undefined> = { ...(fields.ok ? {} : fields.errors.fieldErrors), ...rows.errors };
  if (fields.ok && fields.data.status === "ACTIVE" && rows.openings.length === 0 && Object.keys(rows.errors).length === 0) {
    fieldErrors.openings = "Indica almeno un giorno e un orario di apertura (se il servizio è sospeso o chiuso, cambia lo stato).";
  }
  if (!fields.ok || Object.keys(fieldErrors).length > 0) return { ok: false, errors: { fieldErrors } };
  return { ok: true, data: { ...fields.data, openings: rows.openings } };
}

const FIELD_LABELS: Record<string, string> = {
  name: "Nome",
  kind: "Tipo",
  description: "Descrizione",
  address: "Indirizzo",
  area: "Zona",
  eligibility: "Chi può accedere",
  accessMode: "Come si accede",
  accessNotes: "Note sull'accesso",
  phone: "Telefono",
  email: "E-mail",
  capacity: "Capacità",
  languages: "Lingue parlate",
  accessibility: "Accessibilità",
  accessibilityNotes: "Note sull'accessibilità",
  status: "Stato",
  isPublic: "Pubblicato sulle pagine pubbliche",
  openings: "Orari",
};

const comparable = (service: Omit<AidServiceInput, "openings"> & { openings: readonly Opening[] }) => ({
  ...service,
  kind: aidServiceKindLabel(service.kind),
  accessMode: accessModeLabel(service.accessMode),
  accessibility: accessibilityLabel(service.accessibility),
  status: aidServiceStatusLabel(service.status),
  openings: sortOpenings(service.openings).map(formatOpening).join("; "),
});

const serviceData = (input: AidServiceInput) => ({
  name: input.name,
  kind: input.kind,
  description: input.description,
  address: input.address,
  area: input.area,
  eligibility: input.eligibility,
  accessMode: input.accessMode,
  accessNotes: input.accessNotes,
  phone: input.phone,
  email: input.email,
  capacity: input.capacity,
  languages: input.languages,
  accessibility: input.accessibility,
  accessibilityNotes: input.accessibilityNotes,
  status: input.status,
});

interface Editor extends Actor {
  role: string;
  organisationId: string;
}

// --- Writing ---------------------------------------------------------------------------------

/**
 * A new service: a referent's goes to their own organisation, a coordinator chooses it. Only a
 * coordinator publishes a service on the public pages (the tavolo answers for what it publishes).
 */
export async function createAidService(input: AidServiceInput, editor: Editor) {
  const coordinator = editor.role === "COORDINATOR";
  const organisationId = coordinator ? input.organisationId : editor.organisationId;
  if (!organisationId) throw new UserFacingError("Scegli l'organizzazione che offre il servizio.", 400, "organisationId");
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true } });
    if (!organisation) throw new UserFacingError("Scegli l'organizzazione dall'elenco.", 400, "organisationId");
    const service = await tx.aidService.create({
      data: {
        ...serviceData(input),
        organisationId,
        isPublic: coordinator && input.isPublic,
        openings: { create: input.openings.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })) },
      },
    });
    await recordChange(tx, { subjectType: "AID_SERVICE", subjectId: service.id, summary: "Servizio aggiunto al catalogo", actor: editor });
    return service;
  });
}

/** Changes a service and replaces its openings; the organisation stays, publication is the coordinators'. */
export async function updateAidService(id: string, input: AidServiceInput, editor: Editor) {
  return db.$transaction(async (tx) => {
    const before = await tx.aidService.findUnique({ where: { id }, include: { openings: true } });
    if (!before) throw new UserFacingError("Servizio non trovato.", 404);
    const isPublic = editor.role === "COORDINATOR" ? input.isPublic : before.isPublic;
    const after = { ...input, isPublic };
    const changes: Changes = diff(comparable(before as unknown as AidServiceInput), comparable(after), FIELD_LABELS);
    if (Object.keys(changes).length === 0) return before;
    await tx.aidServiceOpening.deleteMany({ where: { serviceId: id } });
    const service = await tx.aidService.update({
      where: { id },
      data: {
        ...serviceData(input),
        isPublic,
        openings: { create: input.openings.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })) },
      },
    });
    await recordChange(tx, { subjectType: "AID_SERVICE", subjectId: id, summary: "Dati del servizio modificati", changes, actor: editor });
    return service;
  });
}

// --- Reading ---------------------------------------------------------------------------------

export async function getAidService(id: string) {
  const service = await db.aidService.findUnique({
    where: { id },
    include: {
      organisation: { select: { id: true, name: true } },
      openings: { orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] },
    },
  });
  if (!service) throw new Response("Servizio non trovato.", { status: 404 });
  return service;
}

export const aidServiceHistory = (id: string) => listHistory("AID_SERVICE", id);

/** Areas already used, for the suggestions of the area field and the filter. */
export async function listAreas() {
  const rows = await db.aidService.findMany({ distinct: ["area"], orderBy: { area: "asc" }, select: { area: true } });
  return rows.map((r) => r.area);
}

/** The organisations offering at least one service, for the filter. */
export async function listServiceOrganisations() {
  return db.organisation.findMany({
    where: { aidServices: { some: {} } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export interface CatalogueFilters {
  search: string;
  kind: string;
  area: string;
  organisationId: string;
  /** "" for active services only, or a status, or "tutti" */
  status: string;
  /** 1–7, or 0 for any day */
  weekday: number;
  /** mattina, pomeriggio, sera, or "" */
  dayPart: string;
  /** "HH:MM" or "" */
  time: string;
  page: number;
}

/** The catalogue's query string, read leniently: anything unknown is simply no filter. */
export function parseCatalogueFilters(params: URLSearchParams): CatalogueFilters {
  const text = (key: string) => (params.get(key) ?? "").trim();
  const kind = text("tipo");
  const weekday = Number(text("giorno"));
  const dayPart = text("fascia");
  const time = text("ora");
  const status = text("stato");
  const page = Number(text("pagina"));
  return {
    search: text("q").slice(0, 200),
    kind: kind in AID_SERVICE_KINDS ? kind : "",
    area: text("zona").slice(0, 100),
    organisationId: text("organizzazione"),
    status: status === "tutti" || (AID_SERVICE_STATUS_CODES as string[]).includes(status) ? status : "",
    weekday: Number.isInteger(weekday) && weekday >= 1 && weekday <= 7 ? weekday : 0,
    dayPart: isDayPart(dayPart) ? dayPart : "",
    time: parseTime(time) === null ? "" : time,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The filters as a query string (without the page), for links and the guide's PDF. */
export function catalogueFilterQuery(filters: CatalogueFilters) {
  const query = new URLSearchParams();
  if (filters.search) query.set("q", filters.search);
  if (filters.kind) query.set("tipo", filters.kind);
  if (filters.area) query.set("zona", filters.area);
  if (filters.organisationId) query.set("organizzazione", filters.organisationId);
  if (filters.status) query.set("stato", filters.status);
  if (filters.weekday) query.set("giorno", String(filters.weekday));
  if (filters.dayPart) query.set("fascia", filters.dayPart);
  if (filters.time) query.set("ora", filters.time);
  return query.toString();
}

/** What the "aperto" filter asks, from a day and a part of it or a time; null for no filter. */
export function openFilterOf(filters: Pick<CatalogueFilters, "weekday" | "dayPart" | "time">): OpenFilter | null {
  if (!filters.weekday) return null;
  const minute = filters.time ? parseTime(filters.time) : null;
  if (minute !== null) return { weekday: filters.weekday, minute };
  if (isDayPart(filters.dayPart)) return { weekday: filters.weekday, from: DAY_PARTS[filters.dayPart].from, to: DAY_PARTS[filters.dayPart].to };
  return { weekday: filters.weekday, from: 0, to: 1440 };
}

/** The open filter at an instant ("aperto adesso"), read on the Rome wall clock. */
export const openFilterAt = (instant: Date): OpenFilter => romeWallClock(instant);

const listSelect = {
  id: true,
  name: true,
  kind: true,
  description: true,
  address: true,
  area: true,
  eligibility: true,
  accessMode: true,
  accessNotes: true,
  phone: true,
  email: true,
  capacity: true,
  languages: true,
  accessibility: true,
  accessibilityNotes: true,
  status: true,
  isPublic: true,
  organisation: { select: { id: true, name: true } },
  openings: { select: { weekday: true, opensAt: true, closesAt: true }, orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] },
} satisfies Prisma.AidServiceSelect;
export type CatalogueService = Prisma.AidServiceGetPayload<{ select: typeof listSelect }>;

function catalogueWhere(filters: Omit<CatalogueFilters, "page">, open: OpenFilter | null, scope: Prisma.AidServiceWhereInput): Prisma.AidServiceWhereInput {
  const and: Prisma.AidServiceWhereInput[] = [scope];
  if (filters.kind) and.push({ kind: filters.kind });
  if (filters.area) and.push({ area: filters.area });
  if (filters.organisationId) and.push({ organisationId: filters.organisationId });
  if (filters.status !== "tutti") and.push({ status: filters.status || "ACTIVE" });
  if (filters.search) {
    const text = containsIgnoringCase(filters.search);
    and.push({ OR: [{ name: text }, { description: text }, { eligibility: text }, { address: text }, { organisation: { name: text } }] });
  }
  // Openings of that day, and of the day before (they may run past midnight): the exact check
  // needs the times and is done on these few candidates.
  if (open) and.push({ openings: { some: { weekday: { in: [open.weekday, previousWeekday(open.weekday)] } } } });
  return { AND: and };
}

/**
 * The services matching the filters, sorted by name, a page at a time. `openAt` (an instant) takes
 * the place of the day and time filters: "aperto adesso".
 */
export async function searchAidServices(
  filters: CatalogueFilters,
  options: { openAt?: Date; scope?: Prisma.AidServiceWhereInput; pageSize?: number | null } = {},
) {
  const open = options.openAt ? openFilterAt(options.openAt) : openFilterOf(filters);
  const candidates = await db.aidService.findMany({
    where: catalogueWhere(filters, open, options.scope ?? {}),
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: listSelect,
  });
  const matching = open ? candidates.filter((service) => matchesOpenFilter(service.openings, open)) : candidates;
  const pageSize = options.pageSize === undefined ? CATALOGUE_PAGE_SIZE : options.pageSize;
  if (pageSize === null) return { services: matching, total: matching.length, page: 1, pageCount: 1 };
  const pageCount = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(filters.page, pageCount);
  return { services: matching.slice((page - 1) * pageSize, page * pageSize), total: matching.length, page, pageCount };
}

/** What the public pages may show: published, active services only. */
export const PUBLIC_SCOPE: Prisma.AidServiceWhereInput = { isPublic: true, status: "ACTIVE" };

/** An organisation's services, for its page. */
export async function listOrganisationServices(organisationId: string) {
  return db.aidService.findMany({
    where: { organisationId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, area: true, status: true },
  });
}

/** The choices of the service form. */
export async function serviceFormChoices() {
  return {
    kinds: optionsOf(AID_SERVICE_KINDS),
    accessModes: optionsOf(ACCESS_MODES),
    accessibility: optionsOf(ACCESSIBILITY_LEVELS),
    statuses: optionsOf(AID_SERVICE_STATUSES),
    areas: await listAreas(),
  };
}
