import type { MailContent } from "./layout";

export interface InvitationMailProps {
  inviterName: string;
  organisationName: string;
  roleLabel: string;
  acceptUrl: string;
  expiresOn: string;
  tavoloName: string;
}

export function invitationMail(p: InvitationMailProps): MailContent {
  return {
    subject: `Invito a partecipare a Tavolo: ${p.tavoloName}`,
    heading: "Sei invitato a far parte del tavolo",
    blocks: [
      { kind: "paragraph", text: `Buongiorno, ${p.inviterName} ti ha invitato sulla piattaforma del ${p.tavoloName} come ${p.roleLabel.toLowerCase()} per ${p.organisationName}.` },
      { kind: "paragraph", text: "Per accettare, apri il collegamento qui sotto, inserisci il tuo nome e scegli una password: entrerai subito nella piattaforma." },
      { kind: "button", label: "Accetta l'invito", url: p.acceptUrl },
      { kind: "note", text: `Il collegamento si può usare una sola volta ed è valido fino al ${p.expiresOn}. Se non aspettavi questo invito, puoi ignorare il messaggio.` },
    ],
  };
}
