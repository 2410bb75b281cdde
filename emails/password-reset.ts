import type { MailContent } from "./layout";

export interface PasswordResetMailProps {
  name: string;
  resetUrl: string;
  expiresAt: string;
}

export function passwordResetMail(p: PasswordResetMailProps): MailContent {
  return {
    subject: "Reimposta la password di Tavolo",
    heading: "Reimposta la tua password",
    blocks: [
      { kind: "paragraph", text: `Buongiorno ${p.name}, abbiamo ricevuto una richiesta di reimpostare la password del tuo account.` },
      { kind: "button", label: "Scegli una nuova password", url: p.resetUrl },
      { kind: "note", text: `Il collegamento si può usare una sola volta ed è valido fino alle ${p.expiresAt}. Se non hai chiesto tu di reimpostare la password, ignora questo messaggio: la password attuale resta valida.` },
    ],
  };
}
