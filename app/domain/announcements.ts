// Words for announcements (comunicazioni) that the pages and the server share.

export const AUDIENCES = {
  ALL: "Tutto il tavolo",
  GROUP: "Un gruppo di lavoro",
  LEGAL_FORM: "Le organizzazioni di una forma giuridica",
  NETWORK: "Le organizzazioni di una rete tematica",
  PEOPLE: "Persone scelte",
} as const;
export type Audience = keyof typeof AUDIENCES;
export const isAudience = (value: string): value is Audience => value in AUDIENCES;

export const ANNOUNCEMENT_STATUSES = {
  DRAFT: "Bozza",
  SCHEDULED: "Programmata",
  SENT: "Inviata",
  CANCELLED: "Annullata",
} as const;
export type AnnouncementStatus = keyof typeof ANNOUNCEMENT_STATUSES;
export const announcementStatusLabel = (status: string) => ANNOUNCEMENT_STATUSES[status as AnnouncementStatus] ?? status;

/** Drafts and scheduled announcements may still change; a sent one is what people received. */
export const EDITABLE_STATUSES: AnnouncementStatus[] = ["DRAFT", "SCHEDULED"];

/**
 * How an announcement reached one person, as the coordinators read it: from the person's choice
 * when it was sent and, when a mail was written, the outbox's state of that mail.
 */
export function deliveryStateLabel(delivery: string, mail: { status: string; failure: string | null } | null) {
  if (delivery === "DIGEST") return "Nel riepilogo settimanale";
  if (delivery === "NEVER" || !mail) return "Solo nell'app";
  if (mail.status === "SENT") return "E-mail inviata";
  if (mail.status === "FAILED") return mail.failure === "REJECTED" ? "E-mail rifiutata dal server (bounce)" : "E-mail non consegnata dopo i tentativi";
  return "E-mail in coda";
}
