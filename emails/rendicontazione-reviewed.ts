import type { MailBlock, MailContent } from "./layout";

export interface RendicontazioneReviewedMailProps {
  name: string;
  outcome: "APPROVED" | "RETURNED";
  projectCode: string;
  projectTitle: string;
  periodNumber: number;
  periodLabel: string;
  versionNumber: number;
  reviewerName: string;
  comment: string;
  fieldComments: { label: string; text: string }[];
  url: string;
}

/** To the organisation's referents when a coordinator approves or returns their rendicontazione. */
export function rendicontazioneReviewedMail(p: RendicontazioneReviewedMailProps): MailContent {
  const approved = p.outcome === "APPROVED";
  const what = `la rendicontazione del progetto ${p.projectCode} «${p.projectTitle}», ${p.periodLabel} (versione ${p.versionNumber})`;
  const comments: MailBlock[] = [
    ...(p.comment ? [{ kind: "paragraph" as const, text: `Commento di ${p.reviewerName}: ${p.comment}` }] : []),
    ...p.fieldComments.map((c) => ({ kind: "paragraph" as const, text: `${c.label}: ${c.text}` })),
  ];
  return {
    subject: `${approved ? "Rendicontazione approvata" : "Rendicontazione da correggere"}: ${p.projectCode}, periodo ${p.periodNumber}`,
    heading: approved ? "La rendicontazione è stata approvata" : "La rendicontazione è stata restituita per correzioni",
    blocks: [
      {
        kind: "paragraph",
        text: approved
          ? `Buongiorno ${p.name}, ${p.reviewerName} ha approvato ${what}. I suoi dati ora contano nell'avanzamento del progetto.`
          : `Buongiorno ${p.name}, ${p.reviewerName} ha restituito ${what}: correggila seguendo i commenti e inviala di nuovo.`,
      },
      ...comments,
      { kind: "button", label: approved ? "Apri la rendicontazione" : "Correggi la rendicontazione", url: p.url },
      { kind: "note", text: "Ricevi questo avviso perché sei referente della tua organizzazione sul tavolo." },
    ],
  };
}
