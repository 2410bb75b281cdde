import { TZDate } from "@date-fns/tz";
import { TIME_ZONE } from "~/utils/dates";

// The catalogue of the territory's aid services: labels, opening hours and the monthly figures'
// rules, safe for the browser. Openings are Rome wall-clock times (weekday + minutes after
// midnight); one that closes at or before its opening time ends the next day (a night shelter
// 20:00–02:00). See docs/decisions/026-aid-services-catalogue.md.

export const AID_SERVICE_KINDS = {
  DISTRIBUZIONE_ALIMENTARE: "Distribuzione alimentare",
  EMPORIO_SOLIDALE: "Emporio solidale",
  MENSA: "Mensa",
  VESTIARIO: "Vestiario",
  FARMACI: "Farmaci",
  SPORTELLO_ASCOLTO: "Sportello di ascolto",
  ORIENTAMENTO_LAVORO: "Orientamento al lavoro",
  ACCOGLIENZA_ABITATIVA: "Accoglienza abitativa",
  HOUSING_TEMPORANEO: "Housing temporaneo",
  DOPOSCUOLA: "Doposcuola",
  CONSULENZA_LEGALE: "Consulenza legale",
  ALTRO: "Altro",
} as const;
export type AidServiceKind = keyof typeof AID_SERVICE_KINDS;
export const AID_SERVICE_KIND_CODES = Object.keys(AID_SERVICE_KINDS) as [AidServiceKind, ...AidServiceKind[]];
export const aidServiceKindLabel = (kind: string) => AID_SERVICE_KINDS[kind as AidServiceKind] ?? kind;

export const ACCESS_MODES = {
  ACCESSO_LIBERO: "Accesso libero",
  SU_APPUNTAMENTO: "Su appuntamento",
  INVIO_SERVIZI_SOCIALI: "Su invio dei servizi sociali",
  INVIO_CENTRO_ASCOLTO: "Su invio del centro di ascolto",
} as const;
export type AccessMode = keyof typeof ACCESS_MODES;
export const ACCESS_MODE_CODES = Object.keys(ACCESS_MODES) as [AccessMode, ...AccessMode[]];
export const accessModeLabel = (mode: string) => ACCESS_MODES[mode as AccessMode] ?? mode;

export const ACCESSIBILITY_LEVELS = {
  ACCESSIBILE: "Accessibile a chi usa la sedia a rotelle",
  PARZIALE: "Parzialmente accessibile",
  NON_ACCESSIBILE: "Non accessibile (barriere architettoniche)",
  NON_INDICATA: "Non indicata",
} as const;
export type AccessibilityLevel = keyof typeof ACCESSIBILITY_LEVELS;
export const ACCESSIBILITY_CODES = Object.keys(ACCESSIBILITY_LEVELS) as [AccessibilityLevel, ...AccessibilityLevel[]];
export const accessibilityLabel = (level: string) => ACCESSIBILITY_LEVELS[level as AccessibilityLevel] ?? level;

export const AID_SERVICE_STATUSES = {
  ACTIVE: "Attivo",
  SUSPENDED: "Sospeso",
  CLOSED: "Chiuso",
} as const;
export type AidServiceStatus = keyof typeof AID_SERVICE_STATUSES;
export const AID_SERVICE_STATUS_CODES = Object.keys(AID_SERVICE_STATUSES) as [AidServiceStatus, ...AidServiceStatus[]];
export const aidServiceStatusLabel = (status: string) => AID_SERVICE_STATUSES[status as AidServiceStatus] ?? status;

/** ISO weekdays, Monday first, as Italians list them. */
export const WEEKDAYS = [
  { value: 1, label: "Lunedì" },
  { value: 2, label: "Martedì" },
  { value: 3, label: "Mercoledì" },
  { value: 4, label: "Giovedì" },
  { value: 5, label: "Venerdì" },
  { value: 6, label: "Sabato" },
  { value: 7, label: "Domenica" },
] as const;
export const weekdayLabel = (weekday: number) => WEEKDAYS.find((d) => d.value === weekday)?.label ?? String(weekday);
/** The day before, in the week's cycle (Monday's is Sunday). */
export const previousWeekday = (weekday: number) => (weekday === 1 ? 7 : weekday - 1);

// --- Monthly figures ---------------------------------------------------------------------------

export const AID_METRICS = {
  FAMIGLIE_SERVITE: "Famiglie servite",
  PERSONE_NUOVE: "Nuove persone incontrate",
  INVII_SERVIZI_SOCIALI: "Persone inviate dai servizi sociali",
  PACCHI_DISTRIBUITI: "Pacchi alimentari distribuiti",
  PASTI_SERVITI: "Pasti serviti",
  CAPI_DISTRIBUITI: "Capi di vestiario distribuiti",
  CONFEZIONI_FARMACI: "Confezioni di farmaci consegnate",
  COLLOQUI: "Colloqui svolti",
  POSTI_OCCUPATI: "Posti letto occupati (media del mese)",
  MINORI_SEGUITI: "Minori seguiti",
} as const;
export type AidMetric = keyof typeof AID_METRICS;
export const AID_METRIC_CODES = Object.keys(AID_METRICS) as AidMetric[];
export const aidMetricLabel = (metric: string) => AID_METRICS[metric as AidMetric] ?? metric;

const COMMON_METRICS: AidMetric[] = ["FAMIGLIE_SERVITE", "PERSONE_NUOVE", "INVII_SERVIZI_SOCIALI"];

/** What each kind of service counts every month: the common three, then its own. */
export const KIND_METRICS: Record<AidServiceKind, AidMetric[]> = {
  DISTRIBUZIONE_ALIMENTARE: [...COMMON_METRICS, "PACCHI_DISTRIBUITI"],
  EMPORIO_SOLIDALE: [...COMMON_METRICS, "PACCHI_DISTRIBUITI"],
  MENSA: [...COMMON_METRICS, "PASTI_SERVITI"],
  VESTIARIO: [...COMMON_METRICS, "CAPI_DISTRIBUITI"],
  FARMACI: [...COMMON_METRICS, "CONFEZIONI_FARMACI"],
  SPORTELLO_ASCOLTO: [...COMMON_METRICS, "COLLOQUI"],
  ORIENTAMENTO_LAVORO: [...COMMON_METRICS, "COLLOQUI"],
  ACCOGLIENZA_ABITATIVA: [...COMMON_METRICS, "POSTI_OCCUPATI"],
  HOUSING_TEMPORANEO: [...COMMON_METRICS, "POSTI_OCCUPATI"],
  DOPOSCUOLA: [...COMMON_METRICS, "MINORI_SEGUITI"],
  CONSULENZA_LEGALE: [...COMMON_METRICS, "COLLOQUI"],
  ALTRO: COMMON_METRICS,
};
export const metricsForKind = (kind: string) => KIND_METRICS[kind as AidServiceKind] ?? COMMON_METRICS;

/** Earlier months needed before a value can look unusual: with fewer, there is no "usual". */
export const OUTLIER_MIN_MONTHS = 3;
/** How many times above (or below) the median a value must be to ask for confirmation. */
export const OUTLIER_FACTOR = 10;

export function median(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The median of the service's earlier months when `value` is far from it (ten times above it, or a
 * tenth of it when the median is at least 10, so that 0 against 3 is not "far"), else null.
 */
export function outlierMedian(value: number, earlier: readonly number[]): number | null {
  if (earlier.length < OUTLIER_MIN_MONTHS) return null;
  const usual = median(earlier);
  if (usual > 0 && value >= OUTLIER_FACTOR * usual) return usual;
  if (usual >= OUTLIER_FACTOR && value <= usual / OUTLIER_FACTOR) return usual;
  return null;
}

export const outlierWarning = (value: number, usual: number) =>
  `Il valore ${value.toLocaleString("it-IT")} è molto diverso dal solito (mediana ${usual.toLocaleString("it-IT", { maximumFractionDigits: 1 })}): controlla e conferma.`;

/** "2026-03" → 1 March 2026 (midnight UTC, as months are stored); null when it is not a month. */
export function parseMonth(value: string | null | undefined): Date | null {
  if (!value || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return null;
  return new Date(`${value}-01T00:00:00.000Z`);
}
export const monthParam = (month: Date) => month.toISOString().slice(0, 7);
export const addMonths = (month: Date, count: number) => new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + count, 1));

const MONTH_NAMES = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];
/** "marzo 2026" */
export const formatMonth = (month: Date) => `${MONTH_NAMES[month.getUTCMonth()]} ${month.getUTCFullYear()}`;

/** The month `now` falls in, in Rome (its first day, midnight UTC). */
export function currentMonthInRome(now = new Date()) {
  const rome = new TZDate(now, TIME_ZONE);
  return new Date(Date.UTC(rome.getFullYear(), rome.getMonth(), 1));
}

// --- Opening hours -----------------------------------------------------------------------------

export interface Opening {
  /** ISO weekday: 1 Monday ... 7 Sunday */
  weekday: number;
  /** Minutes after local midnight */
  opensAt: number;
  /** Minutes after local midnight; at or before opensAt means the next day */
  closesAt: number;
}

const DAY = 1440;
const WEEK = 7 * DAY;

/** "09:00" or "9.30" → minutes after midnight; "24:00" is the next midnight (0); null when not a time. */
export function parseTime(value: string): number | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) return 0;
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

export const formatTime = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** How long an opening lasts, in minutes: closing at or before opening time is the next day. */
export const openingLength = (opening: Pick<Opening, "opensAt" | "closesAt">) =>
  opening.closesAt > opening.opensAt ? opening.closesAt - opening.opensAt : opening.closesAt + DAY - opening.opensAt;

/** "09:00–12:30", or "20:00–02:00 (del giorno dopo)" */
export function formatOpeningHours(opening: Pick<Opening, "opensAt" | "closesAt">) {
  if (opening.opensAt === 0 && opening.closesAt === 0) return "00:00–24:00 (tutto il giorno)";
  const nextDay = opening.closesAt <= opening.opensAt && opening.closesAt !== 0;
  return `${formatTime(opening.opensAt)}–${formatTime(opening.closesAt)}${nextDay ? " (del giorno dopo)" : ""}`;
}

/** "Lunedì 09:00–12:30" */
export const formatOpening = (opening: Opening) => `${weekdayLabel(opening.weekday)} ${formatOpeningHours(opening)}`;

/** "lunedì, mercoledì e venerdì", or "da lunedì a venerdì" for three or more days in a row. */
function daysText(weekdays: number[]) {
  const names = weekdays.map((d) => weekdayLabel(d).toLowerCase());
  const consecutive = weekdays.every((d, i) => i === 0 || d === weekdays[i - 1]! + 1);
  if (weekdays.length >= 3 && consecutive) return `da ${names[0]} a ${names[names.length - 1]}`;
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} e ${names[names.length - 1]}`;
}

/**
 * The week in a line, days with the same hours together: "da lunedì a venerdì 18:30–20:00;
 * sabato 09:00–12:30". For the guide and the lists, where a row per day would be too long.
 */
export function formatWeek(openings: readonly Opening[]) {
  const byHours = new Map<string, number[]>();
  for (const opening of sortOpenings(openings)) {
    const hours = formatOpeningHours(opening);
    const days = byHours.get(hours) ?? [];
    if (!days.includes(opening.weekday)) days.push(opening.weekday);
    byHours.set(hours, days);
  }
  return [...byHours.entries()]
    .sort(([, a], [, b]) => a[0]! - b[0]!)
    .map(([hours, days]) => `${daysText(days)} ${hours}`)
    .join("; ");
}

/** Openings in the order of the week. */
export const sortOpenings = <T extends Opening>(openings: readonly T[]) =>
  [...openings].sort((a, b) => a.weekday - b.weekday || a.opensAt - b.opensAt);

const weekMinute = (weekday: number, minute: number) => (weekday - 1) * DAY + minute;
const modWeek = (value: number) => ((value % WEEK) + WEEK) % WEEK;

/** Is the service open at this Rome weekday and minute? Sunday night runs into Monday. */
export function isOpenAt(opening: Opening, weekday: number, minute: number) {
  return modWeek(weekMinute(weekday, minute) - weekMinute(opening.weekday, opening.opensAt)) < openingLength(opening);
}

/** A stretch of a day the catalogue searches ("sabato mattina"): `to` may be 1440, midnight. */
export interface TimeWindow {
  weekday: number;
  from: number;
  to: number;
}

/** Is the service open at some moment of the window (it opens, or is already open, before it ends)? */
export function overlapsWindow(opening: Opening, window: TimeWindow) {
  const start = weekMinute(opening.weekday, opening.opensAt);
  const windowStart = weekMinute(window.weekday, window.from);
  const windowLength = window.to > window.from ? window.to - window.from : window.to + DAY - window.from;
  return modWeek(windowStart - start) < openingLength(opening) || modWeek(start - windowStart) < windowLength;
}

export const DAY_PARTS = {
  mattina: { label: "Mattina (8–13)", from: 8 * 60, to: 13 * 60 },
  pomeriggio: { label: "Pomeriggio (13–19)", from: 13 * 60, to: 19 * 60 },
  sera: { label: "Sera (19–24)", from: 19 * 60, to: DAY },
} as const;
export type DayPart = keyof typeof DAY_PARTS;
export const isDayPart = (value: string): value is DayPart => value in DAY_PARTS;

/** The Rome wall clock at an instant: daylight saving included, and the repeated autumn hour read twice alike. */
export function romeWallClock(instant: Date): { weekday: number; minute: number } {
  const rome = new TZDate(instant, TIME_ZONE);
  return { weekday: rome.getDay() === 0 ? 7 : rome.getDay(), minute: rome.getHours() * 60 + rome.getMinutes() };
}

/** What the catalogue's "aperto" filter asks: a moment of a day, or a stretch of it. */
export type OpenFilter = { weekday: number; minute: number } | TimeWindow;

export function matchesOpenFilter(openings: readonly Opening[], filter: OpenFilter) {
  return openings.some((opening) => ("minute" in filter ? isOpenAt(opening, filter.weekday, filter.minute) : overlapsWindow(opening, filter)));
}

// --- Lists -------------------------------------------------------------------------------------

export const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** What a service's card in a list shows (the catalogue and the public guide). */
export function serviceCardData(service: {
  id: string;
  name: string;
  kind: string;
  address: string;
  area: string;
  accessMode: string;
  accessNotes: string;
  eligibility: string;
  phone: string;
  email: string;
  languages: string;
  status: string;
  organisation: { name: string };
  openings: Opening[];
}) {
  return {
    id: service.id,
    name: service.name,
    kindLabel: aidServiceKindLabel(service.kind),
    organisation: service.organisation.name,
    address: service.address,
    area: service.area,
    openings: formatWeek(service.openings),
    access: [accessModeLabel(service.accessMode), service.accessNotes].filter(Boolean).join(": "),
    eligibility: service.eligibility,
    phone: service.phone,
    email: service.email,
    languages: service.languages,
    statusLabel: service.status === "ACTIVE" ? null : aidServiceStatusLabel(service.status),
  };
}
