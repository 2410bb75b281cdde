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

export interface DigestOrganisation {
  name: string;
  rendicontazioni: DigestRendicontazione[];
  actions: DigestAction[];
  nextMeeting: DigestMeeting | null;
  dashboardUrl: string;
}

/** A notification the person chose to receive weekly (see app/domain/notifications.ts). */
export interface DigestNotice {
  title: string;
  url: string;
}

export interface WeeklyDigestMailProps {
  name: string;
  /** The Monday the digest is for: "23 novembre 2026" */
  weekOf: string;
  /** What the organisation the person represents owes and has to do; null for everyone else. */
  organisation: DigestOrganisation | null;
  items: DigestNotice[];
  preferencesUrl: string;
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

function organisationBlocks(o: DigestOrganisation): MailBlock[] {
  const blocks: MailBlock[] = [{ kind: "paragraph", text: "Rendicontazioni da inviare (scadute e nei prossimi 60 giorni):" }];
  if (o.rendicontazioni.length === 0) blocks.push({ kind: "paragraph", text: "Nessuna rendicontazione da inviare." });
  for (const r of o.rendicontazioni) blocks.push({ kind: "paragraph", text: rendicontazioneLine(r) });
  blocks.push({ kind: "paragraph", text: "Azioni aperte del registro delle decisioni affidate all'organizzazione:" });
  if (o.actions.length === 0) blocks.push({ kind: "paragraph", text: "Nessuna azione aperta." });
  for (const a of o.actions) blocks.push({ kind: "paragraph", text: actionLine(a) });
  blocks.push({
    kind: "paragraph",
    text: o.nextMeeting
      ? `Prossima riunione: ${o.nextMeeting.title}, ${o.nextMeeting.when}${o.nextMeeting.location ? `, ${o.nextMeeting.location}` : ""}. ${o.nextMeeting.url}`
      : "Prossima riunione: nessuna riunione convocata per l'organizzazione.",
  });
  blocks.push({ kind: "button", label: "Apri le rendicontazioni", url: o.dashboardUrl });
  return blocks;
}

/**
 * One mail a week per person, never empty: for a referent, what the organisation owes, has to do
 * and where it meets next (each section said even when empty, so the reader knows it was checked);
 * for everyone, the notifications they asked to receive here rather than one by one.
 */
export function weeklyDigestMail(p: WeeklyDigestMailProps): MailContent {
  const o = p.organisation;
  const notices = count(p.items.length, "notifica", "notifiche");
  const blocks: MailBlock[] = [
    {
      kind: "paragraph",
      text: o
        ? `Buongiorno ${p.name}, ecco cosa attende ${o.name} sul tavolo dalla settimana del ${p.weekOf}.`
        : `Buongiorno ${p.name}, ecco le notifiche di Tavolo che hai scelto di ricevere nel riepilogo settimanale (settimana del ${p.weekOf}).`,
    },
  ];
  if (o) blocks.push(...organisationBlocks(o));
  if (p.items.length > 0) {
    blocks.push({ kind: "paragraph", text: "Dalle tue notifiche:" });
    for (const item of p.items) blocks.push({ kind: "paragraph", text: `• ${shorten(item.title)}. ${item.url}` });
  }
  blocks.push({
    kind: "note",
    text: [
      o ? "Ricevi la parte sull'organizzazione perché la rappresenti su Tavolo." : null,
      `Nelle settimane in cui non c'è nulla da segnalare il riepilogo non arriva. Scegli quali notifiche ricevere qui e quali subito: ${p.preferencesUrl}`,
    ]
      .filter(Boolean)
      .join(" "),
  });
  const subject = o
    ? `Riepilogo settimanale di ${o.name}: ${count(o.rendicontazioni.length, "rendicontazione", "rendicontazioni")}, ${count(o.actions.length, "azione aperta", "azioni aperte")}${p.items.length > 0 ? `, ${notices}` : ""}`
    : `Il tuo riepilogo settimanale di Tavolo: ${notices}`;
  return { subject, heading: o ? `La settimana di ${o.name}` : "Il tuo riepilogo settimanale", blocks };
}
