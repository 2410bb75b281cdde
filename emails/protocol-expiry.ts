import type { MailContent } from "./layout";

export interface ProtocolExpiryMailProps {
  name: string;
  protocolTitle: string;
  kindLabel: string;
  validUntil: string;
  daysLeft: number;
  activeSignatories: number;
  protocolUrl: string;
}

const timeLeft = (days: number) => (days === 0 ? "scade oggi" : days === 1 ? "manca 1 giorno" : `mancano ${days} giorni`);

export function protocolExpiryMail(p: ProtocolExpiryMailProps): MailContent {
  const signatories =
    p.activeSignatories === 1 ? "Il protocollo ha 1 organizzazione firmataria attiva." : `Il protocollo ha ${p.activeSignatories} organizzazioni firmatarie attive.`;
  return {
    subject: `Protocollo in scadenza il ${p.validUntil}: ${p.protocolTitle}`,
    heading: "Un protocollo sta per scadere",
    blocks: [
      {
        kind: "paragraph",
        text: `Buongiorno ${p.name}, il ${p.kindLabel} «${p.protocolTitle}» è valido fino al ${p.validUntil}: ${timeLeft(p.daysLeft)}.`,
      },
      { kind: "paragraph", text: `${signatories} Se il tavolo intende rinnovarlo, è il momento di avviare il rinnovo con le organizzazioni.` },
      { kind: "button", label: "Apri il protocollo", url: p.protocolUrl },
      { kind: "note", text: "Ricevi questo avviso perché sei coordinatore del tavolo: arriva 60 e 15 giorni prima della scadenza di ogni protocollo." },
    ],
  };
}
