import { createEvent, type Attendee, type EventAttributes, type ParticipationStatus } from "ics";
import { env } from "~/env.server";

// The iCalendar (RFC 5545) text sent with convocations, updates and cancellations, and offered for
// download. Calendar clients match an update or a cancellation to the event they already hold by
// its UID and keep it only when its SEQUENCE is higher, so the UID never changes for a meeting and
// every change sent raises the sequence (Meeting.icsSequence).

export type CalendarMethod = "REQUEST" | "CANCEL" | "PUBLISH";

export interface CalendarAgendaItem {
  title: string;
  presenter: string;
  durationMinutes: number;
}

export interface CalendarMeeting {
  icsUid: string;
  icsSequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  videoLink: string;
  /** The meeting's page in the app. */
  url: string;
  agenda: CalendarAgendaItem[];
  cancelled: boolean;
  cancelReason: string;
}

export interface CalendarOptions {
  method: CalendarMethod;
  /** The coordinating body, named as the organizer. */
  organizerName: string;
  /** The one person the mail goes to: each invitee gets a calendar addressed to them. */
  attendee?: { name: string; email: string; response?: string };
}

/** The address part of MAIL_FROM ("Tavolo <tavolo@comune.it>" → "tavolo@comune.it"). */
export function mailFromAddress(from = env.MAIL_FROM) {
  return (from.match(/<([^>]+)>/)?.[1] ?? from).trim();
}

/** A UID unique in the world, as RFC 5545 asks: the meeting's own id at the app's host. */
export const meetingUid = (icsUid: string) => `${icsUid}@${new URL(env.APP_URL).hostname}`;

const PARTSTAT: Record<string, ParticipationStatus> = {
  PENDING: "NEEDS-ACTION",
  ACCEPTED: "ACCEPTED",
  DECLINED: "DECLINED",
};

/** The agenda as plain text for DESCRIPTION, which every calendar client shows. */
export function agendaText(agenda: CalendarAgendaItem[]) {
  return agenda
    .map((item, index) => {
      const details = [item.presenter, `${item.durationMinutes} min`].filter(Boolean).join(", ");
      return `${index + 1}. ${item.title} (${details})`;
    })
    .join("\n");
}

function description(meeting: CalendarMeeting, cancelled: boolean) {
  const parts: string[] = [];
  if (cancelled) parts.push(`Riunione annullata.${meeting.cancelReason ? ` Motivo: ${meeting.cancelReason}` : ""}`);
  parts.push(meeting.agenda.length > 0 ? `Ordine del giorno:\n${agendaText(meeting.agenda)}` : "Ordine del giorno in preparazione.");
  if (meeting.videoLink) parts.push(`Collegamento video: ${meeting.videoLink}`);
  parts.push(`Dettagli e documenti: ${meeting.url}`);
  return parts.join("\n\n");
}

export interface CalendarAttendee {
  name: string;
  email: string;
  /** The invitee's reply (PENDING, ACCEPTED, DECLINED); PENDING when not given. */
  response?: string;
}

function attendeeOf(person: CalendarAttendee, method: CalendarMethod): Attendee {
  return {
    name: person.name,
    email: person.email,
    // A cancellation or a published copy asks for no reply.
    rsvp: method === "REQUEST",
    partstat: PARTSTAT[person.response ?? "PENDING"] ?? "NEEDS-ACTION",
    role: "REQ-PARTICIPANT",
  };
}

function eventAttributes(meeting: CalendarMeeting, options: Omit<CalendarOptions, "attendee">, attendees: Attendee[]): EventAttributes {
  const cancelled = meeting.cancelled || options.method === "CANCEL";
  return {
    productId: "-//Tavolo//Convocazioni//IT",
    method: options.method,
    uid: meetingUid(meeting.icsUid),
    sequence: meeting.icsSequence,
    // Instants in UTC: the same moment for every client, whatever the daylight-saving rules it knows.
    start: meeting.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: meeting.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: meeting.title,
    description: description(meeting, cancelled),
    ...(meeting.location || meeting.videoLink ? { location: meeting.location || meeting.videoLink } : {}),
    url: meeting.url,
    status: cancelled ? "CANCELLED" : "CONFIRMED",
    organizer: { name: options.organizerName, email: mailFromAddress() },
    attendees,
    alarms: cancelled ? [] : [{ action: "display", description: `Domani: ${meeting.title}`, trigger: { hours: 24, before: true } }],
  };
}

/** The text of one createEvent call; what its validation refuses is thrown. */
function created(attributes: EventAttributes): string {
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error("Calendario non generato");
  return value;
}

/** One calendar, with at most one attendee: the download, and the reference meetingIcsFor must match. */
export function meetingIcs(meeting: CalendarMeeting, options: CalendarOptions): string {
  const attendees = options.attendee ? [attendeeOf(options.attendee, options.method)] : [];
  return created(eventAttributes(meeting, options, attendees));
}

// --- Many attendees: the library writes the shared text once and every ATTENDEE line once ------
//
// One createEvent per invitee cost 2-6 ms (docs/decisions/034-calendar-files-in-bulk.md): the yup
// schema runs twice per call, and folding the long DESCRIPTION (the agenda) to 75 octets is slower
// still, and both give the same result for every invitee. So the library is called twice per
// meeting: once for the whole calendar addressed to the first invitee, once for a bare event that
// lists every invitee, which validates each one with the same schema and writes each ATTENDEE
// content line, folded as in any event. Each invitee's file is the first calendar with its ATTENDEE
// line swapped for theirs: whole content lines, each written by the library. calendar.test.ts
// checks the result byte for byte against meetingIcs.

const CRLF = "\r\n";

/** The ATTENDEE content lines (folded, each ending in CRLF) the library writes for these attendees. */
function attendeeLines(attendees: Attendee[]): string[] {
  const text = created({ uid: "attendees", start: 0, end: 60_000, attendees });
  const first = text.indexOf(`${CRLF}ATTENDEE;`);
  const end = text.indexOf(`${CRLF}END:VEVENT${CRLF}`, first);
  if (first < 0 || end < 0) throw new Error("Calendario non generato: righe ATTENDEE non trovate");
  // A folded line goes on after CRLF + tab, so a CRLF followed by anything else starts a new line.
  const lines = text.slice(first + CRLF.length, end).split(/\r\n(?!\t)/);
  if (lines.length !== attendees.length || !lines.every((line) => line.startsWith("ATTENDEE;"))) {
    throw new Error(`Calendario non generato: ${lines.length} righe ATTENDEE per ${attendees.length} invitati`);
  }
  return lines.map((line) => line + CRLF);
}

/**
 * The calendar of each person (same order), byte for byte what meetingIcs writes for each of them
 * (DTSTAMP apart: it is the time of writing, here one for all the files).
 */
export function meetingIcsFor(meeting: CalendarMeeting, options: Omit<CalendarOptions, "attendee">, people: CalendarAttendee[]): string[] {
  if (people.length <= 1) return people.map((attendee) => meetingIcs(meeting, { ...options, attendee }));
  const attendees = people.map((person) => attendeeOf(person, options.method));
  const lines = attendeeLines(attendees);
  const firstFile = created(eventAttributes(meeting, options, attendees.slice(0, 1)));
  const at = firstFile.indexOf(CRLF + lines[0]!);
  if (at < 0 || at !== firstFile.lastIndexOf(CRLF + lines[0]!)) throw new Error("Calendario non generato: riga ATTENDEE non trovata");
  const before = firstFile.slice(0, at + CRLF.length);
  const after = firstFile.slice(at + CRLF.length + lines[0]!.length);
  return lines.map((line) => before + line + after);
}
