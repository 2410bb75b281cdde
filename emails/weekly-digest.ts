import type { MailBlock, MailContent } from "./layout";
import { deadlineText } from "./rendicontazione-reminder";

export interface DigestRendicontazione {
  projectTitle: string;
  projectCode: string;
  periodNumber: number;
  /** "dal 1 gennaio 2026 al 31 marzo 2026" */
  periodDates: string;
  dueOn: string;
  daysLeft: number;
  stateLabel: string;
  url: string;
}

export interface DigestAction {
  text: string;
  /** The due day as people read it, or null when none was set */
  dueOn: string | null;
  overdue: boolean;
  statusLabel: string;
  url: string;
}

export interface DigestMeeting {
  title: string;
  /** "giovedì 3 dicembre 2026, 15:00", already in Rome time */
  when: string;
  location: string;
  url: string;
}

export interface WeeklyDigestMailProps {
  name: string;
  organisationName: string;
  /** The Monday the digest is for: "23 novembre 2026" */
  weekOf: string;
  rendicontazioni: DigestRendicontazione[];
  actions: DigestAction[];
  nextMeeting: DigestMeeting | null;
  dashboardUrl: string;
}

const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);
const shorten = (text: string) => (text.length > 200 ? `${text.slice(0, 197)}…` : text);

function rendicontazioneLine(r: DigestRendicontazione) {
  const deadline = r.daysLeft < 0 ? `SCADUTA il ${r.dueOn}, ${deadlineText(r.daysLeft)}` : `scadenza ${r.dueOn}, ${deadlineText(r.daysLeft)}`;
  return `• ${r.projectTitle} (${r.projectCode}), periodo ${r.periodNumber} ${r.periodDates}: ${deadline}. Stato: ${r.stateLabel}. ${r.url}`;
}

function actionLine(a: DigestAction) {
  const deadline = a.dueOn ? (a.overdue ? `SCADUTA il ${a.dueOn}` : `entro il ${a.dueOn}`) : "senza scadenza";
  return `• ${shorten(a.text)} (${deadline}; ${a.statusLabel.toLowerCase()}). ${a.url}`;
}

/**
 * One mail a week per referent: what the organisation owes, what it has to do and where it meets
 * next. Each section is said even when empty, so the reader knows it was checked.
 */
export function weeklyDigestMail(p: WeeklyDigestMailProps): MailContent {
  const summary = [
    count(p.rendicontazioni.length, "rendicontazione", "rendicontazioni"),
    count(p.actions.length, "azione aperta", "azioni aperte"),
  ].join(", ");
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: `Buongiorno ${p.name}, ecco cosa attende ${p.organisationName} sul tavolo dalla settimana del ${p.weekOf}.` },
    { kind: "paragraph", text: "Rendicontazioni da inviare (scadute e nei prossimi 60 giorni):" },
  ];
  if (p.rendicontazioni.length === 0) blocks.push({ kind: "paragraph", text: "Nessuna rendicontazione da inviare." });
  for (const r of p.rendicontazioni) blocks.push({ kind: "paragraph", text: rendicontazioneLine(r) });
  blocks.push({ kind: "paragraph", text: "Azioni aperte del registro delle decisioni affidate all'organizzazione:" });
  if (p.actions.length === 0) blocks.push({ kind: "paragraph", text: "Nessuna azione aperta." });
  for (const a of p.actions) blocks.push({ kind: "paragraph", text: actionLine(a) });
  blocks.push({
    kind: "paragraph",
    text: p.nextMeeting
      ? `Prossima riunione: ${p.nextMeeting.title}, ${p.nextMeeting.when}${p.nextMeeting.location ? `, ${p.nextMeeting.location}` : ""}. ${p.nextMeeting.url}`
      : "Prossima riunione: nessuna riunione convocata per l'organizzazione.",
  });
  blocks.push({ kind: "button", label: "Apri le rendicontazioni", url: p.dashboardUrl });
  blocks.push({
    kind: "note",
    text: "Ricevi questo riepilogo il lunedì perché rappresenti l'organizzazione su Tavolo. Nelle settimane in cui non c'è nulla da segnalare non arriva.",
  });
  return {
    subject: `Riepilogo settimanale di ${p.organisationName}: ${summary}`,
    heading: `La settimana di ${p.organisationName}`,
    blocks,
  };
}
