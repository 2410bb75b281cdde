import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { it } from "date-fns/locale";

/** The tavolo lives in Italy: every date a person reads is Europe/Rome time. */
export const TIME_ZONE = "Europe/Rome";

export function formatRome(date: Date, pattern: string) {
  return format(new TZDate(date, TIME_ZONE), pattern, { locale: it });
}

export const formatDate = (date: Date) => formatRome(date, "d MMMM yyyy");
export const formatDateTime = (date: Date) => formatRome(date, "d MMMM yyyy 'alle' HH:mm");
export const formatWeekdayDateTime = (date: Date) => formatRome(date, "EEEE d MMMM yyyy, HH:mm");
