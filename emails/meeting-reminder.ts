import { meetingBlocks, type MeetingMailDetails } from "./convocation";
import type { MailContent } from "./layout";

export interface MeetingReminderMailProps extends MeetingMailDetails {
  name: string;
  /** ACCEPTED or PENDING: who declined gets no reminder. */
  response: string;
}

export function meetingReminderMail(p: MeetingReminderMailProps): MailContent {
  const reply =
    p.response === "ACCEPTED"
      ? "Hai confermato la tua partecipazione: ti aspettiamo."
      : "Non hai ancora risposto: ti chiediamo di farlo dalla pagina della riunione o con i pulsanti della convocazione.";
  return {
    subject: `Promemoria: ${p.title}, ${p.when}`,
    heading: `Promemoria: ${p.title}`,
    blocks: [
      { kind: "paragraph", text: `Buongiorno ${p.name}, ti ricordiamo la riunione a cui sei convocato. ${reply}` },
      ...meetingBlocks(p),
      { kind: "button", label: "Apri la riunione su Tavolo", url: p.meetingUrl },
    ],
  };
}
