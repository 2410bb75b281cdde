import { meetingBlocks, type MeetingMailDetails } from "./convocation";
import type { MailContent } from "./layout";

export interface MeetingUpdateMailProps extends MeetingMailDetails {
  name: string;
}

export function meetingUpdateMail(p: MeetingUpdateMailProps): MailContent {
  return {
    subject: `Aggiornamento della riunione: ${p.title}, ${p.when}`,
    heading: `Riunione aggiornata: ${p.title}`,
    blocks: [
      { kind: "paragraph", text: `Buongiorno ${p.name}, la riunione a cui sei convocato è stata aggiornata. Ecco i dati in vigore.` },
      ...meetingBlocks(p),
      { kind: "button", label: "Apri la riunione su Tavolo", url: p.meetingUrl },
      {
        kind: "note",
        text: "L'invito allegato aggiorna l'evento già presente nel tuo calendario. La risposta che hai dato resta valida; puoi cambiarla con i pulsanti della convocazione o nella pagina della riunione.",
      },
    ],
  };
}
