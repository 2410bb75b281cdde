import type { MailContent } from "./layout";

export interface RendicontazioneSubmittedMailProps {
  name: string;
  organisationName: string;
  projectCode: string;
  projectTitle: string;
  periodLabel: string;
  versionNumber: number;
  submittedBy: string;
  totalLabel: string;
  url: string;
}

/** To each active coordinator when a partner sends a rendicontazione: it waits for their review. */
export function rendicontazioneSubmittedMail(p: RendicontazioneSubmittedMailProps): MailContent {
  const resent = p.versionNumber > 1;
  return {
    subject: `Rendicontazione ${resent ? "corretta e reinviata" : "inviata"}: ${p.organisationName}, ${p.projectCode}`,
    heading: resent ? "Una rendicontazione corretta attende l'esame" : "Una rendicontazione attende l'esame",
    blocks: [
      {
        kind: "paragraph",
        text: `Buongiorno ${p.name}, ${p.submittedBy} di ${p.organisationName} ha inviato la rendicontazione del progetto ${p.projectCode} «${p.projectTitle}», ${p.periodLabel}${resent ? `, corretta dopo la restituzione (versione ${p.versionNumber})` : ""}.`,
      },
      { kind: "paragraph", text: `Spese rendicontate: ${p.totalLabel}. Puoi approvarla, oppure restituirla con i tuoi commenti sui campi da correggere.` },
      { kind: "button", label: "Esamina la rendicontazione", url: p.url },
      { kind: "note", text: "Ricevi questo avviso perché sei coordinatore del tavolo." },
    ],
  };
}
