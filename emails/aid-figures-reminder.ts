import type { MailContent } from "./layout";

export interface AidFiguresReminderMailProps {
  name: string;
  organisationName: string;
  /** "ottobre 2026" */
  month: string;
  services: { name: string; url: string }[];
}

export function aidFiguresReminderMail(p: AidFiguresReminderMailProps): MailContent {
  const one = p.services.length === 1;
  return {
    subject: `Dati mensili dei servizi: ${p.month}`,
    heading: `Inserisci i dati di ${p.month}`,
    blocks: [
      {
        kind: "paragraph",
        text: `Buongiorno ${p.name}, è iniziato il nuovo mese: ti chiediamo di inserire i dati di ${p.month} ${one ? "del servizio" : "dei servizi"} di ${p.organisationName} nel catalogo del tavolo. Bastano pochi numeri (per esempio le famiglie servite e le nuove persone incontrate); se non c'è niente da segnalare, puoi dirlo con un clic.`,
      },
      ...p.services.map((service) => ({ kind: "button" as const, label: `Dati di ${p.month}: ${service.name}`, url: service.url })),
      {
        kind: "note",
        text: "Ricevi questo promemoria perché rappresenti l'organizzazione su Tavolo: arriva una volta al mese, all'inizio del mese, finché mancano i dati del mese precedente.",
      },
    ],
  };
}
