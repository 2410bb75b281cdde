import { addMonths } from "date-fns";
import { daysBetween, todayInRome } from "~/utils/dates";

// Words and rules for projects and rendicontazioni that the pages and the server share.

export const FUNDING_SOURCES = {
  PNRR_M5C2_1_1: "PNRR M5C2 investimento 1.1 (persone vulnerabili)",
  PNRR_M5C2_1_2: "PNRR M5C2 investimento 1.2 (autonomia delle persone con disabilità)",
  PNRR_M5C2_1_3: "PNRR M5C2 investimento 1.3 (housing temporaneo e stazioni di posta)",
  PN_METRO_PLUS: "PN Metro Plus",
  FSE_PLUS: "FSE+",
  FONDO_POVERTA: "Fondo Povertà (Quota servizi)",
  REGIONE: "Regione",
  FONDAZIONE: "Fondazione",
  FONDI_PROPRI: "Fondi propri",
  ALTRO: "Altro",
} as const;
export type FundingSource = keyof typeof FUNDING_SOURCES;
export const fundingSourceLabel = (value: string) => FUNDING_SOURCES[value as FundingSource] ?? value;

export const PROJECT_STATUSES = { PLANNED: "In programmazione", ACTIVE: "In corso", SUSPENDED: "Sospeso", COMPLETED: "Concluso" } as const;
export type ProjectStatus = keyof typeof PROJECT_STATUSES;
export const projectStatusLabel = (value: string) => PROJECT_STATUSES[value as ProjectStatus] ?? value;

export const REPORTING_FREQUENCIES = {
  QUARTERLY: "Trimestrale",
  HALF_YEARLY: "Semestrale",
  YEARLY: "Annuale",
  CUSTOM: "Date personalizzate",
} as const;
export type ReportingFrequency = keyof typeof REPORTING_FREQUENCIES;
export const reportingFrequencyLabel = (value: string) => REPORTING_FREQUENCIES[value as ReportingFrequency] ?? value;

export const EXPENSE_CATEGORIES = {
  PERSONALE: "Personale",
  BENI: "Beni e attrezzature",
  SERVIZI: "Servizi e consulenze",
  SOSTEGNI_DIRETTI: "Sostegni diretti ai beneficiari",
  SPESE_GENERALI: "Spese generali",
  ALTRO: "Altro",
} as const;
export type ExpenseCategory = keyof typeof EXPENSE_CATEGORIES;
export const expenseCategoryLabel = (value: string) => EXPENSE_CATEGORIES[value as ExpenseCategory] ?? value;

export const INDICATOR_DIRECTIONS = { INCREASE: "Da aumentare", DECREASE: "Da ridurre" } as const;
export const INDICATOR_AGGREGATIONS = {
  SUM: "Somma dei periodi (ogni periodo riporta ciò che ha aggiunto)",
  LATEST: "Ultimo valore (ogni periodo riporta il livello raggiunto)",
} as const;

/** The stored states of a rendicontazione. "Scaduta" is not stored: it is read from the deadline. */
export const RENDICONTAZIONE_STATUSES = {
  NOT_STARTED: "Da iniziare",
  DRAFT: "Bozza",
  SUBMITTED: "Inviata",
  RETURNED: "Restituita per correzioni",
  APPROVED: "Approvata",
} as const;
export type RendicontazioneStatus = keyof typeof RENDICONTAZIONE_STATUSES;
/** What the dashboard and lists show: the stored state, or OVERDUE when the partner still owes it. */
export type RendicontazioneState = RendicontazioneStatus | "OVERDUE";
export const RENDICONTAZIONE_STATE_LABELS: Record<RendicontazioneState, string> = {
  ...RENDICONTAZIONE_STATUSES,
  OVERDUE: "Scaduta",
};
export const rendicontazioneStateLabel = (value: string) => RENDICONTAZIONE_STATE_LABELS[value as RendicontazioneState] ?? value;

/** States in which the partner still owes something: they can be edited, reminded and fall overdue. */
export const OWED_STATUSES: RendicontazioneStatus[] = ["NOT_STARTED", "DRAFT", "RETURNED"];

/**
 * A deadline is a calendar day in Rome: the rendicontazione is on time all through that day and
 * overdue from the next day, whatever the clocks did in between (daylight saving included).
 */
export function isRendicontazioneOverdue(entry: { status: string; dueOn: Date }, today = todayInRome()) {
  return OWED_STATUSES.includes(entry.status as RendicontazioneStatus) && entry.dueOn < today;
}

export function rendicontazioneState(entry: { status: string; dueOn: Date }, today = todayInRome()): RendicontazioneState {
  return isRendicontazioneOverdue(entry, today) ? "OVERDUE" : (entry.status as RendicontazioneStatus);
}

/** Calendar days left until a deadline (0 on the day itself, negative once it has passed). */
export const daysUntilDue = (dueOn: Date, today = todayInRome()) => daysBetween(today, dueOn);

export interface PeriodDates {
  number: number;
  startsOn: Date;
  endsOn: Date;
  dueOn: Date;
}

const MONTHS_PER_PERIOD: Record<Exclude<ReportingFrequency, "CUSTOM">, number> = { QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12 };
const DAY_MS = 86_400_000;
const addDays = (day: Date, days: number) => new Date(day.getTime() + days * DAY_MS);

/** Calendar-month arithmetic on stored days (midnight UTC), immune to the server's time zone. */
function addMonthsToDay(day: Date, months: number) {
  const moved = addMonths(new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()), months);
  return new Date(Date.UTC(moved.getFullYear(), moved.getMonth(), moved.getDate()));
}

/**
 * The reporting periods of a project, from its start day to its end day. Fixed frequencies cut the
 * project into periods of 3, 6 or 12 months counted from the start (the last one ends with the
 * project); custom schedules end a period on each given day. Each period is due `dueDays` after
 * its last day.
 */
export function reportingPeriods(schedule: {
  startsOn: Date;
  endsOn: Date;
  frequency: ReportingFrequency;
  customPeriodEnds: Date[];
  dueDays: number;
}): PeriodDates[] {
  const { startsOn, endsOn } = schedule;
  if (endsOn < startsOn) return [];
  const ends: Date[] = [];
  if (schedule.frequency === "CUSTOM") {
    for (const end of [...schedule.customPeriodEnds].sort((a, b) => a.getTime() - b.getTime())) {
      if (end >= startsOn && end <= endsOn && !ends.some((e) => e.getTime() === end.getTime())) ends.push(end);
    }
    if (ends.length === 0 || ends[ends.length - 1]!.getTime() !== endsOn.getTime()) ends.push(endsOn);
  } else {
    const months = MONTHS_PER_PERIOD[schedule.frequency];
    for (let i = 1; ; i++) {
      const end = addDays(addMonthsToDay(startsOn, months * i), -1);
      if (end >= endsOn) {
        ends.push(endsOn);
        break;
      }
      ends.push(end);
    }
  }
  let start = startsOn;
  return ends.map((end, index) => {
    const period = { number: index + 1, startsOn: start, endsOn: end, dueOn: addDays(end, schedule.dueDays) };
    start = addDays(end, 1);
    return period;
  });
}
