import type { MailContent } from "./layout";

export interface VerbalePublishedMailProps {
  name: string;
  meetingTitle: string;
  meetingDay: string;
  /** 1 for the first publication, more for a correction */
  version: number;
  /** Why the correction was made; empty for the first publication */
  reason: string;
  verbaleUrl: string;
  pdfUrl: string;
}

/** To every active user when a verbale is published, or a correction of it. */
export function verbalePublishedMail(p: VerbalePublishedMailProps): MailContent {
  const corrected = p.version > 1;
  return {
    subject: corrected
      ? `Verbale corretto (versione ${p.version}): ${p.meetingTitle} del ${p.meetingDay}`
      : `Verbale pubblicato: ${p.meetingTitle} del ${p.meetingDay}`,
    heading: corrected ? "Un verbale è stato corretto" : "È stato pubblicato un verbale",
    blocks: [
      {
        kind: "paragraph",
        text: corrected
          ? `Buongiorno ${p.name}, il verbale della riunione «${p.meetingTitle}» del ${p.meetingDay} è stato corretto: ora vale la versione ${p.version}.`
          : `Buongiorno ${p.name}, il verbale della riunione «${p.meetingTitle}» del ${p.meetingDay} è stato approvato e pubblicato.`,
      },
      ...(corrected ? [{ kind: "paragraph" as const, text: `Motivo della correzione: ${p.reason}` }] : []),
      { kind: "button", label: "Leggi il verbale", url: p.verbaleUrl },
      { kind: "paragraph", text: `Il PDF da scaricare e archiviare: ${p.pdfUrl}` },
      { kind: "note", text: "Per aprire il verbale accedi a Tavolo con il tuo account." },
    ],
  };
}
