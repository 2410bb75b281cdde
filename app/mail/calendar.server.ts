import { createEvent, type Attendee, type ParticipationStatus } from "ics";
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

export function meetingIcs(meeting: CalendarMeeting, options: CalendarOptions): string {
  const cancelled = meeting.cancelled || options.method === "CANCEL";
  const attendees: Attendee[] = options.attendee
    ? [
        {
          name: options.attendee.name,
          email: options.attendee.email,
          // A cancellation or a published copy asks for no reply.
          rsvp: options.method === "REQUEST",
          partstat: PARTSTAT[options.attendee.response ?? "PENDING"] ?? "NEEDS-ACTION",
          role: "REQ-PARTICIPANT",
        },
      ]
    : [];
  const { error, value } = createEvent({
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
  });
  if (error || !value) throw error ?? new Error("Calendario non generato");
  return value;
}
