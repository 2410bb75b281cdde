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

/** The membership a body has with the tavolo; its changes are dated (MembershipChange). */
export const MEMBERSHIP_STATUSES = {
  PARTNER: "Partner (firmatario del Protocollo d'Intesa)",
  ADERENTE: "Aderente",
  EX_PARTNER: "Ex partner",
} as const;
export type MembershipStatus = keyof typeof MEMBERSHIP_STATUSES;

export const MEMBERSHIP_SHORT_LABELS: Record<MembershipStatus, string> = {
  PARTNER: "Partner",
  ADERENTE: "Aderente",
  EX_PARTNER: "Ex partner",
};
export const membershipLabel = (value: string) => MEMBERSHIP_SHORT_LABELS[value as MembershipStatus] ?? value;

/** Sections of the Registro Unico Nazionale del Terzo Settore (D.Lgs. 117/2017, art. 46). */
export const RUNTS_SECTIONS = {
  A: "a) Organizzazioni di volontariato",
  B: "b) Associazioni di promozione sociale",
  C: "c) Enti filantropici",
  D: "d) Imprese sociali, incluse le cooperative sociali",
  E: "e) Reti associative",
  F: "f) Società di mutuo soccorso",
  G: "g) Altri enti del Terzo settore",
} as const;
export type RuntsSection = keyof typeof RUNTS_SECTIONS;
export const runtsSectionLabel = (value: string) => RUNTS_SECTIONS[value as RuntsSection] ?? value;
