import { TZDate } from "@date-fns/tz";
import { TIME_ZONE } from "~/utils/dates";

// What a meeting series' rule means ("first Tuesday of the month, 15:00-17:00", Europe/Rome) and the
// words the pages use for meetings. Pure: loaders, components and unit tests import it alike.

export const MEETING_KINDS: Record<string, string> = { GOVERNANCE: "Piano di governo", OPERATIVE: "Piano operativo" };
export const meetingKindLabel = (kind: string) => MEETING_KINDS[kind] ?? kind;

export const MEETING_STATUSES: Record<string, string> = { DRAFT: "Bozza", CONVOKED: "Convocata", CANCELLED: "Annullata" };
export const meetingStatusLabel = (status: string) => MEETING_STATUSES[status] ?? status;

export const AUDIENCES: Record<string, string> = {
  PARTNERS: "Tutte le organizzazioni partner e aderenti (delegato o referenti)",
  GROUP: "I componenti del gruppo di lavoro",
  NAMED: "Solo le persone indicate",
};

export const AGENDA_ITEM_KINDS: Record<string, string> = {
  NORMAL: "Punto",
  MINUTES_APPROVAL: "Approvazione del verbale",
  FOLLOW_UP: "Verifica di un'azione",
  ESCALATED: "Dal piano operativo",
};

/** ISO weekdays, 1 Monday ... 7 Sunday. */
export const WEEKDAYS: Record<number, string> = {
  1: "lunedì",
  2: "martedì",
  3: "mercoledì",
  4: "giovedì",
  5: "venerdì",
  6: "sabato",
  7: "domenica",
};

/** -1 is the last week of the month. */
export const WEEKS_OF_MONTH: Record<number, string> = { 1: "Primo", 2: "Secondo", 3: "Terzo", 4: "Quarto", [-1]: "Ultimo" };

export interface SeriesRule {
  /** 1 to 4, or -1 for the last */
  weekOfMonth: number;
  /** ISO weekday: 1 Monday ... 7 Sunday */
  weekday: number;
  /** "HH:MM", Rome wall-clock time */
  startTime: string;
  endTime: string;
}

/** "Primo martedì del mese, 15:00–17:00" */
export function describeRule(rule: SeriesRule) {
  const week = WEEKS_OF_MONTH[rule.weekOfMonth] ?? String(rule.weekOfMonth);
  const weekday = WEEKDAYS[rule.weekday] ?? String(rule.weekday);
  // Sunday is feminine in Italian: "ultima domenica".
  const article = rule.weekday === 7 ? week.replace(/o$/, "a") : week;
  return `${article} ${weekday} del mese, ${rule.startTime}–${rule.endTime}`;
}

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The instant a Rome wall-clock time has on a Rome calendar day ("2025-03-30", "15:00"). */
export function romeInstant(day: string, time: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  const [hours, minutes] = time.split(":").map(Number);
  if (year === undefined || month === undefined || date === undefined || hours === undefined || minutes === undefined) {
    throw new Error(`Not a day and time: ${day} ${time}`);
  }
  return new Date(new TZDate(year, month - 1, date, hours, minutes, 0, TIME_ZONE).getTime());
}

/** The Rome calendar day of an instant, as "yyyy-MM-dd". */
export function romeDay(instant: Date) {
  const rome = new TZDate(instant.getTime(), TIME_ZONE);
  return `${rome.getFullYear()}-${String(rome.getMonth() + 1).padStart(2, "0")}-${String(rome.getDate()).padStart(2, "0")}`;
}

/** "HH:MM" of an instant in Rome. */
export function romeTime(instant: Date) {
  const rome = new TZDate(instant.getTime(), TIME_ZONE);
  return `${String(rome.getHours()).padStart(2, "0")}:${String(rome.getMinutes()).padStart(2, "0")}`;
}

const isoWeekday = (year: number, monthIndex: number, date: number) => ((new Date(Date.UTC(year, monthIndex, date)).getUTCDay() + 6) % 7) + 1;

/** The day of the month the rule names in that month (calendar arithmetic: no time zone involved). */
export function ruleDayOfMonth(rule: Pick<SeriesRule, "weekOfMonth" | "weekday">, year: number, monthIndex: number) {
  if (rule.weekOfMonth === -1) {
    const lastDate = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
    return lastDate - ((isoWeekday(year, monthIndex, lastDate) - rule.weekday + 7) % 7);
  }
  return 1 + ((rule.weekday - isoWeekday(year, monthIndex, 1) + 7) % 7) + 7 * (rule.weekOfMonth - 1);
}

export interface ProposedDate {
  /** Rome calendar day, "yyyy-MM-dd" */
  day: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The next `count` meetings the rule gives that start after `from`. Times are built per day in
 * Europe/Rome, so 15:00 stays 15:00 in Rome on both sides of a daylight-saving change.
 */
export function nextDates(rule: SeriesRule, from: Date, count: number): ProposedDate[] {
  const start = new TZDate(from.getTime(), TIME_ZONE);
  let year = start.getFullYear();
  let monthIndex = start.getMonth();
  const dates: ProposedDate[] = [];
  while (dates.length < count) {
    const date = ruleDayOfMonth(rule, year, monthIndex);
    const day = `${year}-${String(monthIndex + 1).padStart(2, "0")}-${String(date).padStart(2, "0")}`;
    const startsAt = romeInstant(day, rule.startTime);
    if (startsAt.getTime() > from.getTime()) dates.push({ day, startsAt, endsAt: romeInstant(day, rule.endTime) });
    monthIndex += 1;
    if (monthIndex === 12) {
      monthIndex = 0;
      year += 1;
    }
  }
  return dates;
}

/** Agenda length as people say it: "1 ora e 30 minuti". */
export function durationLabel(minutes: number) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [hours > 0 ? `${hours} ${hours === 1 ? "ora" : "ore"}` : null, rest > 0 || hours === 0 ? `${rest} minuti` : null];
  return parts.filter(Boolean).join(" e ");
}
