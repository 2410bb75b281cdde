// The kinds of notification a person may choose how to receive, and the ones they may not.
// Shared by the preferences page and the server (app/domain/notifications.server.ts).

export const DELIVERIES = {
  IMMEDIATE: "Subito, per e-mail",
  DIGEST: "Nel riepilogo settimanale",
  NEVER: "Mai (solo nell'app)",
} as const;
export type Delivery = keyof typeof DELIVERIES;
export const isDelivery = (value: string): value is Delivery => value in DELIVERIES;

const ALL_DELIVERIES: readonly Delivery[] = ["IMMEDIATE", "DIGEST", "NEVER"];

export const NOTIFICATION_KINDS = {
  ANNOUNCEMENT: { label: "Comunicazioni del tavolo", hint: "Le comunicazioni dei coordinatori al tavolo, al tuo gruppo o alla tua organizzazione.", default: "IMMEDIATE", offered: ALL_DELIVERIES },
  VERBALE_PUBLISHED: { label: "Verbali pubblicati", hint: "Quando il verbale di una riunione è pubblicato.", default: "IMMEDIATE", offered: ALL_DELIVERIES },
  DOCUMENT_ADDED: { label: "Nuovi documenti nell'archivio", hint: "Quando nell'archivio arriva un documento (o una sua nuova versione) che puoi leggere.", default: "DIGEST", offered: ALL_DELIVERIES },
  // A reminder in Monday's digest could arrive after the meeting: now or not at all.
  MEETING_REMINDER: { label: "Promemoria delle riunioni", hint: "Qualche giorno prima di una riunione a cui sei convocato.", default: "IMMEDIATE", offered: ["IMMEDIATE", "NEVER"] },
} as const satisfies Record<string, { label: string; hint: string; default: Delivery; offered: readonly Delivery[] }>;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const isNotificationKind = (value: string): value is NotificationKind => value in NOTIFICATION_KINDS;
/** Whether `delivery` is one of the choices offered for `kind`. */
export const isOffered = (kind: NotificationKind, delivery: string): delivery is Delivery =>
  (NOTIFICATION_KINDS[kind].offered as readonly string[]).includes(delivery);

/** Mails nobody can switch off: they carry an obligation or a change to one. */
export const MANDATORY_NOTIFICATIONS = [
  "Convocazioni delle riunioni, loro modifiche e annullamenti",
  "Richieste di revisione dei verbali delle riunioni a cui hai partecipato",
  "Scadenze, esiti e promemoria delle rendicontazioni e dei dati mensili dei servizi",
  "Messaggi sull'account (inviti, reimpostazione della password)",
];
