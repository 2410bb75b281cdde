import type { MailContent } from "./layout";

export interface MeetingCancelledMailProps {
  name: string;
  title: string;
  when: string;
  /** Why the meeting was cancelled (empty when only this person's convocation is withdrawn). */
  reason: string;
  meetingUrl: string;
  /** Set when the meeting goes on, but the delegate who had named this person as substitute named someone else. */
  withdrawnBy?: { delegateName: string; organisationName: string } | null;
  /** Set when the meeting goes on, but the coordinators took this person off the list of invitees. */
  removedFromList?: boolean;
}

export function meetingCancelledMail(p: MeetingCancelledMailProps): MailContent {
  if (p.withdrawnBy) {
    return {
      subject: `Non sei più convocato: ${p.title}, ${p.when}`,
      heading: "Convocazione ritirata",
      blocks: [
        {
          kind: "paragraph",
          text: `Buongiorno ${p.name}, ${p.withdrawnBy.delegateName} ha indicato un'altra persona come sostituto di ${p.withdrawnBy.organisationName} alla riunione «${p.title}» di ${p.when}: non sei più convocato.`,
        },
        { kind: "note", text: "L'invito allegato toglie l'evento dal tuo calendario." },
      ],
    };
  }
  if (p.removedFromList) {
    return {
      subject: `Non sei più convocato: ${p.title}, ${p.when}`,
      heading: "Convocazione ritirata",
      blocks: [
        {
          kind: "paragraph",
          text: `Buongiorno ${p.name}, il coordinamento ha aggiornato l'elenco degli invitati alla riunione «${p.title}» di ${p.when}: la convocazione che avevi ricevuto non è più valida.`,
        },
        { kind: "note", text: "L'invito allegato toglie l'evento dal tuo calendario. Per chiarimenti rispondi al coordinamento del tavolo." },
      ],
    };
  }
  return {
    subject: `Riunione annullata: ${p.title}, ${p.when}`,
    heading: `Riunione annullata: ${p.title}`,
    blocks: [
      { kind: "paragraph", text: `Buongiorno ${p.name}, la riunione «${p.title}» prevista per ${p.when} è stata annullata.` },
      { kind: "paragraph", text: `Motivo: ${p.reason}` },
      { kind: "button", label: "Apri la riunione su Tavolo", url: p.meetingUrl },
      { kind: "note", text: "L'invito allegato toglie l'evento dal tuo calendario." },
    ],
  };
}
