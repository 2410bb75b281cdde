// Words for organisations that the pages and the server share.

export const LEGAL_FORMS = {
  ENTE_PUBBLICO: "Ente pubblico",
  COOPERATIVA_SOCIALE_A: "Cooperativa sociale di tipo A",
  COOPERATIVA_SOCIALE_B: "Cooperativa sociale di tipo B",
  ASSOCIAZIONE_VOLONTARIATO: "Associazione di volontariato",
  ASSOCIAZIONE_PROMOZIONE_SOCIALE: "Associazione di promozione sociale",
  FONDAZIONE: "Fondazione",
  ENTE_RELIGIOSO: "Ente religioso",
  ORGANIZZAZIONE_SINDACALE: "Organizzazione sindacale",
  ENTE_PROFIT: "Ente profit",
  ISTITUZIONE_SCOLASTICA: "Istituzione scolastica o universitaria",
  ALTRO: "Altro",
} as const;
export type LegalForm = keyof typeof LEGAL_FORMS;

export const legalFormLabel = (value: string) => LEGAL_FORMS[value as LegalForm] ?? value;
