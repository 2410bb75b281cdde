import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { it } from "date-fns/locale";

/** The tavolo lives in Italy: every date a person reads is Europe/Rome time. */
export const TIME_ZONE = "Europe/Rome";

export function formatRome(date: Date, pattern: string) {
  return formatIn(TIME_ZONE, date, pattern);
}

// A TZDate asks Intl for the zone's offset on every call: a grid of a few hundred dates spent
// milliseconds per page on it (docs/performance.md). The same instants recur (deadlines, meeting
// days), so texts are kept; the map is emptied when full, which bounds its memory.
const formatted = new Map<string, string>();
const FORMATTED_KEPT = 10_000;

function formatIn(zone: string, date: Date, pattern: string) {
  const key = `${zone}|${pattern}|${date.getTime()}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = format(new TZDate(date, zone), pattern, { locale: it });
    if (formatted.size >= FORMATTED_KEPT) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

export const formatDate = (date: Date) => formatRome(date, "d MMMM yyyy");
export const formatDateTime = (date: Date) => formatRome(date, "d MMMM yyyy 'alle' HH:mm");
export const formatWeekdayDateTime = (date: Date) => formatRome(date, "EEEE d MMMM yyyy, HH:mm");

// Calendar days (a signature date, a deadline) are stored as midnight UTC of that day, so the day
// never shifts with the server's time zone or with daylight saving.

/** "2024-03-01" (from <input type="date">) → that day; null when it is not a real date. */
export function parseDay(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const day = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value ? null : day;
}

/** The value an <input type="date"> shows for a stored day. */
export const dayInputValue = (day: Date | null | undefined) => (day ? day.toISOString().slice(0, 10) : "");

/** Today's date in Rome, as a stored day. */
export function todayInRome(now = new Date()) {
  return new Date(`${formatRome(now, "yyyy-MM-dd")}T00:00:00.000Z`);
}

/** A stored day as Italians write it: "1 marzo 2024". */
export const formatDay = (day: Date) => formatIn("UTC", day, "d MMMM yyyy");

/** A stored calendar day in any date-fns pattern ("d MMM yyyy" for a compact column). */
export const formatDayAs = (day: Date, pattern: string) => formatIn("UTC", day, pattern);

/** Whole days from one stored day to another. */
export const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 86_400_000);
