// The document archive's words, shared by the pages and the server (app/domain/documents.server.ts).

export const DOCUMENT_CATEGORIES = {
  ATTO_UFFICIALE: "Atto ufficiale",
  DELIBERA: "Delibera",
  PROTOCOLLO: "Protocollo",
  PIANO: "Piano",
  REPORT: "Report",
  PRESENTAZIONE: "Presentazione",
  MODULISTICA: "Modulistica",
  ALTRO: "Altro",
} as const;
export type DocumentCategory = keyof typeof DOCUMENT_CATEGORIES;
export const DOCUMENT_CATEGORY_CODES = Object.keys(DOCUMENT_CATEGORIES) as [DocumentCategory, ...DocumentCategory[]];

export const DOCUMENT_VISIBILITIES = {
  COORDINATORS: "Solo coordinatori",
  TAVOLO: "Tutto il tavolo",
  GROUP: "Un gruppo di lavoro",
  PUBLIC: "Pubblico (pagine di trasparenza)",
} as const;
export type DocumentVisibility = keyof typeof DOCUMENT_VISIBILITIES;
export const DOCUMENT_VISIBILITY_CODES = Object.keys(DOCUMENT_VISIBILITIES) as [DocumentVisibility, ...DocumentVisibility[]];

export const categoryLabel = (code: string) => DOCUMENT_CATEGORIES[code as DocumentCategory] ?? code;
export const visibilityLabel = (code: string) => DOCUMENT_VISIBILITIES[code as DocumentVisibility] ?? code;

export const categoryOptions = () => DOCUMENT_CATEGORY_CODES.map((value) => ({ value, label: DOCUMENT_CATEGORIES[value] }));
export const visibilityOptions = () => DOCUMENT_VISIBILITY_CODES.map((value) => ({ value, label: DOCUMENT_VISIBILITIES[value] }));

/** The file chooser's hint to the browser; the server checks the content (DOCUMENT_KINDS). */
export const ACCEPTED_DOCUMENT_FILES = ".pdf,.png,.jpg,.jpeg,.webp,.xlsx,.ods,.docx,.odt";
