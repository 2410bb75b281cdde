import type { MailContent } from "./layout";

export interface RendicontazioneReminderMailProps {
  name: string;
  organisationName: string;
  projectTitle: string;
  projectCode: string;
  periodNumber: number;
  /** "dal 1 gennaio 2026 al 31 marzo 2026" */
  periodDates: string;
  /** The deadline as people read it: "30 aprile 2026" */
  dueOn: string;
  /** Calendar days left in Rome: 0 on the day itself, negative once it has passed */
  daysLeft: number;
  stateLabel: string;
  rendicontazioneUrl: string;
}

/** "mancano 3 giorni", "scade oggi", "è scaduta da 2 giorni": the same words in the digest. */
export function deadlineText(daysLeft: number) {
  if (daysLeft < -1) return `è scaduta da ${-daysLeft} giorni`;
  if (daysLeft === -1) return "è scaduta da 1 giorno";
  if (daysLeft === 0) return "scade oggi";
  if (daysLeft === 1) return "manca 1 giorno";
  return `mancano ${daysLeft} giorni`;
}

export function rendicontazioneReminderMail(p: RendicontazioneReminderMailProps): MailContent {
  const overdue = p.daysLeft < 0;
  const what = `la rendicontazione di ${p.organisationName} per il progetto «${p.projectTitle}» (${p.projectCode}), periodo ${p.periodNumber} ${p.periodDates}`;
  return {
    subject: overdue
      ? `Rendicontazione scaduta il ${p.dueOn}: ${p.projectTitle}, periodo ${p.periodNumber}`
      : `Rendicontazione in scadenza il ${p.dueOn}: ${p.projectTitle}, periodo ${p.periodNumber}`,
    heading: overdue ? "Una rendicontazione è scaduta" : "Una rendicontazione è in scadenza",
    blocks: [
      {
        kind: "paragraph",
        text: overdue
          ? `Buongiorno ${p.name}, ${what}, andava inviata entro il ${p.dueOn}: ${deadlineText(p.daysLeft)}.`
          : `Buongiorno ${p.name}, ${what}, va inviata entro il ${p.dueOn}: ${deadlineText(p.daysLeft)}.`,
      },
      { kind: "paragraph", text: `Stato attuale: ${p.stateLabel}.` },
      {
        kind: "paragraph",
        text: overdue
          ? "Ti chiediamo di completarla e inviarla appena possibile; se ti serve più tempo, scrivi al coordinamento del tavolo."
          : "La bozza si salva mentre la compili: puoi riprenderla quando vuoi, anche dal telefono, e inviarla quando è completa.",
      },
      { kind: "button", label: "Apri la rendicontazione", url: p.rendicontazioneUrl },
      {
        kind: "note",
        text: "Ricevi questo promemoria perché rappresenti l'organizzazione su Tavolo: arriva 14 e 3 giorni prima di ogni scadenza e, se la rendicontazione non è stata inviata, il giorno dopo.",
      },
    ],
  };
}
