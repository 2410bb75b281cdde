import type { MailContent } from "./layout";

export interface DocumentAddedMailProps {
  name: string;
  title: string;
  category: string;
  /** 1 for a new document, more for a new version of it */
  version: number;
  /** What changes in this version; empty for a new document */
  note: string;
  documentUrl: string;
}

/** To the people who can read a document when it enters the archive or gets a new version. */
export function documentAddedMail(p: DocumentAddedMailProps): MailContent {
  const newVersion = p.version > 1;
  return {
    subject: newVersion ? `Nuova versione (${p.version}) del documento: ${p.title}` : `Nuovo documento nell'archivio: ${p.title}`,
    heading: newVersion ? "Un documento ha una nuova versione" : "Un nuovo documento nell'archivio",
    blocks: [
      {
        kind: "paragraph",
        text: newVersion
          ? `Buongiorno ${p.name}, del documento «${p.title}» (${p.category}) è stata caricata la versione ${p.version}.`
          : `Buongiorno ${p.name}, nell'archivio del tavolo è stato aggiunto il documento «${p.title}» (${p.category}).`,
      },
      ...(newVersion && p.note ? [{ kind: "paragraph" as const, text: `Cosa cambia: ${p.note}` }] : []),
      { kind: "button", label: "Apri il documento", url: p.documentUrl },
      { kind: "note", text: "Per aprire il documento accedi a Tavolo con il tuo account. Puoi scegliere come ricevere questi avvisi nel tuo profilo, alla voce Notifiche." },
    ],
  };
}
