import type { MailBlock, MailContent } from "./layout";

/** What every mail about a meeting says of it: when, where, and the agenda. */
export interface MeetingMailDetails {
  title: string;
  /** "martedì 30 marzo 2027, 15:00-17:00", already in Rome time */
  when: string;
  location: string;
  videoLink: string;
  agenda: { title: string; presenter: string; durationMinutes: number }[];
  meetingUrl: string;
}

export function meetingBlocks(m: MeetingMailDetails): MailBlock[] {
  const blocks: MailBlock[] = [{ kind: "paragraph", text: `Quando: ${m.when}.` }];
  if (m.location) blocks.push({ kind: "paragraph", text: `Dove: ${m.location}.` });
  if (m.videoLink) blocks.push({ kind: "paragraph", text: `Collegamento video: ${m.videoLink}` });
  if (m.agenda.length === 0) {
    blocks.push({ kind: "paragraph", text: "L'ordine del giorno è in preparazione: lo trovi aggiornato nella pagina della riunione." });
  } else {
    blocks.push({ kind: "paragraph", text: "Ordine del giorno:" });
    m.agenda.forEach((item, index) => {
      const details = [item.presenter ? `presenta ${item.presenter}` : "", `${item.durationMinutes} minuti`].filter(Boolean).join(", ");
      blocks.push({ kind: "paragraph", text: `${index + 1}. ${item.title} (${details})` });
    });
  }
  return blocks;
}

export interface ConvocationMailProps extends MeetingMailDetails {
  name: string;
  organisationName: string;
  convenerName: string;
  acceptUrl: string;
  declineUrl: string;
  /** Set when the person stands in for their organisation's delegate. */
  substituteFor?: string | null;
}

export function convocationMail(p: ConvocationMailProps): MailContent {
  const opening = p.substituteFor
    ? `Buongiorno ${p.name}, ${p.substituteFor} ti ha indicato come sostituto per ${p.organisationName} a questa riunione, convocata da ${p.convenerName}.`
    : `Buongiorno ${p.name}, ${p.convenerName} ti convoca alla riunione «${p.title}» per ${p.organisationName}.`;
  return {
    subject: `Convocazione: ${p.title}, ${p.when}`,
    heading: `Convocazione: ${p.title}`,
    blocks: [
      { kind: "paragraph", text: opening },
      ...meetingBlocks(p),
      { kind: "paragraph", text: "Ti chiediamo di confermare la tua partecipazione:" },
      { kind: "button", label: "Partecipo", url: p.acceptUrl },
      { kind: "button", label: "Non partecipo", url: p.declineUrl },
      { kind: "button", label: "Apri la riunione su Tavolo", url: p.meetingUrl },
      {
        kind: "note",
        text: "In allegato trovi l'invito per il tuo calendario. I pulsanti di risposta valgono fino all'inizio della riunione e non richiedono l'accesso; puoi cambiare risposta in ogni momento.",
      },
    ],
  };
}
