import type { MailContent } from "./layout";

export interface VerbaleReviewMailProps {
  name: string;
  meetingTitle: string;
  meetingDay: string;
  reviewUntil: string;
  verbaleUrl: string;
}

/** To each attendee when a verbale is sent for review: read it and comment by the deadline. */
export function verbaleReviewMail(p: VerbaleReviewMailProps): MailContent {
  return {
    subject: `Verbale in revisione: ${p.meetingTitle} del ${p.meetingDay}`,
    heading: "Il verbale è pronto per la revisione",
    blocks: [
      { kind: "paragraph", text: `Buongiorno ${p.name}, il verbale della riunione «${p.meetingTitle}» del ${p.meetingDay}, a cui hai partecipato, è in revisione.` },
      { kind: "paragraph", text: `Puoi leggerlo e lasciare i tuoi commenti fino al ${p.reviewUntil} compreso. Dopo, il coordinamento lo approva e lo pubblica.` },
      { kind: "button", label: "Leggi e commenta il verbale", url: p.verbaleUrl },
      { kind: "note", text: "Per aprire il verbale accedi a Tavolo con il tuo account." },
    ],
  };
}
