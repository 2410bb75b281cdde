// What Tavolo keeps about people, in one place: the information notice's table (/privacy) and the
// map of every model that holds a person's data, which the export and the erasure follow
// (app/domain/personal-data.server.ts). app/domain/personal-data.test.ts reads prisma/schema.prisma
// and fails when a model that refers to a person is missing here. See docs/decisions/030.

export interface PersonalDataCategory {
  /** What kind of data */
  category: string;
  /** Which data exactly */
  data: string;
  /** Why it is kept */
  purpose: string;
  /** The legal basis (art. 6 GDPR) */
  legalBasis: string;
  /** For how long */
  retention: string;
}

const PUBLIC_TASK = "Esecuzione di un compito di interesse pubblico (art. 6, par. 1, lett. e GDPR)";
const LEGITIMATE_SECURITY = "Compito di interesse pubblico e sicurezza del servizio (art. 6, par. 1, lett. e; art. 32 GDPR)";

/** The table of the information notice. Keep it true: change it with the code that changes what is kept. */
export const PERSONAL_DATA_CATEGORIES: PersonalDataCategory[] = [
  {
    category: "Account",
    data: "Nome, indirizzo e-mail, ruolo, organizzazione, password (solo in forma cifrata con Argon2id), date di creazione e disattivazione",
    purpose: "Permettere l'accesso a Tavolo e mostrare chi agisce per quale organizzazione",
    legalBasis: PUBLIC_TASK,
    retention: "Finché la persona partecipa al tavolo; alla rimozione il nome diventa «ex referente di <organizzazione>» e l'e-mail viene cancellata",
  },
  {
    category: "Sessioni di accesso",
    data: "Data di inizio e di scadenza della sessione (il browser conserva solo un codice casuale)",
    purpose: "Tenere la persona collegata tra una pagina e l'altra",
    legalBasis: LEGITIMATE_SECURITY,
    retention: "30 giorni dall'ultimo utilizzo, oppure fino all'uscita, al cambio password o alla disattivazione",
  },
  {
    category: "Tentativi di accesso",
    data: "Indirizzo e-mail digitato e indirizzo IP dei tentativi di accesso o di recupero password",
    purpose: "Bloccare chi prova a indovinare le password",
    legalBasis: LEGITIMATE_SECURITY,
    retention: "24 ore (i tentativi dell'account si cancellano anche a ogni accesso riuscito)",
  },
  {
    category: "Inviti e recupero password",
    data: "Indirizzo e-mail invitato, ruolo, organizzazione; richieste di nuova password (solo l'impronta del collegamento)",
    purpose: "Creare l'account e reimpostare la password",
    legalBasis: PUBLIC_TASK,
    retention: "Inviti: 7 giorni di validità, poi restano come storico fino alla rimozione della persona; recupero password: un'ora di validità",
  },
  {
    category: "Riunioni e verbali",
    data: "Convocazioni, risposte, presenze, sostituzioni, osservazioni ai verbali in revisione, nomi nei verbali",
    purpose: "Documentare l'attività del tavolo: quorum, presenze e verbali sono atti di un ente pubblico",
    legalBasis: `${PUBLIC_TASK}; obbligo di conservazione degli atti (art. 6, par. 1, lett. c GDPR)`,
    retention: "Come gli atti del tavolo; alla rimozione della persona il suo nome nei verbali diventa «ex referente di <organizzazione>»",
  },
  {
    category: "Decisioni, rendicontazioni e documenti",
    data: "Chi ha registrato o aggiornato una decisione, compilato, inviato o esaminato una rendicontazione, caricato un documento",
    purpose: "Sapere chi ha fatto cosa nel lavoro comune e nella rendicontazione ai finanziatori",
    legalBasis: PUBLIC_TASK,
    retention: "Come gli atti del tavolo; alla rimozione resta solo «ex referente di <organizzazione>»",
  },
  {
    category: "Gruppi di lavoro e deleghe",
    data: "Appartenenza ai gruppi, ruolo di facilitatore, delegato o sostituto dell'organizzazione",
    purpose: "Organizzare il lavoro dei gruppi e le riunioni di governo",
    legalBasis: PUBLIC_TASK,
    retention: "Finché dura l'incarico; alla rimozione della persona vengono cancellati",
  },
  {
    category: "Comunicazioni e notifiche",
    data: "Comunicazioni ricevute e lette, preferenze di notifica, elementi del riepilogo settimanale",
    purpose: "Recapitare le comunicazioni come la persona ha scelto",
    legalBasis: PUBLIC_TASK,
    retention: "Preferenze e riepiloghi fino alla rimozione della persona; le letture restano anonime nei conteggi",
  },
  {
    category: "Posta inviata",
    data: "Indirizzo del destinatario, oggetto, testo, data e stato di consegna delle e-mail inviate da Tavolo",
    purpose: "Consegnare le e-mail e verificare quelle rifiutate",
    legalBasis: PUBLIC_TASK,
    retention: "Senza scadenza automatica; alla rimozione della persona le e-mail non ancora partite sono annullate, delle altre restano solo data e stato",
  },
  {
    category: "Storico delle modifiche",
    data: "Chi ha modificato quale dato e quando, con il suo nome di allora",
    purpose: "Rendere verificabile chi ha cambiato cosa nei dati del tavolo",
    legalBasis: PUBLIC_TASK,
    retention: "Senza scadenza automatica; alla rimozione della persona il nome diventa «ex referente di <organizzazione>»",
  },
  {
    category: "Contatti delle organizzazioni",
    data: "Nome, ruolo, telefono ed e-mail di persone senza account indicate dalle organizzazioni",
    purpose: "Sapere chi chiamare presso un'organizzazione partner (visibili solo a coordinatori e referenti)",
    legalBasis: PUBLIC_TASK,
    retention: "Finché l'organizzazione li tiene nell'elenco: la cancellazione di un contatto lo toglie del tutto, anche dallo storico",
  },
];

/** The role a removed person is remembered by: "ex referente di Caritas Ambrosiana". */
export function anonymisedName(role: string, organisationName: string) {
  const word = role === "COORDINATOR" ? "coordinatore" : role === "REFERENT" ? "referente" : "componente";
  return `ex ${word} di ${organisationName}`;
}

/** A non-personal, unique address for a removed account (".invalid" can never receive mail, RFC 2606). */
export const erasedEmail = (userId: string) => `rimosso-${userId}@invalid`;

export interface ModelCoverage {
  /** The key of the export (JSON) where the person's rows of this model appear, or null and why not */
  exportKey: string | null;
  /** What the removal of the person does to this model's rows */
  erasure: string;
}

/**
 * Every model that refers to a person (a relation to User, or a person's name or address copied as
 * text). The export and the erasure are written from this list; the unit test keeps it complete.
 */
export const MODEL_COVERAGE: Record<string, ModelCoverage> = {
  User: { exportKey: "account", erasure: "Nome → «ex … di <organizzazione>», e-mail → indirizzo fittizio, password tolta, account chiuso" },
  Organisation: { exportKey: "delegations", erasure: "Delegato e sostituto: collegamento tolto" },
  MembershipChange: { exportKey: "membershipChangesRecorded", erasure: "Restano (atti del registro), legati al nome anonimizzato" },
  Contact: { exportKey: null, erasure: "I contatti con la stessa e-mail sono cancellati (un contatto non ha account: non ha un export)" },
  StoredFile: { exportKey: "uploadedFiles", erasure: "I file restano (documenti del tavolo); il nome della persona nel nome del file è sostituito" },
  WorkingGroup: { exportKey: "groups.facilitated", erasure: "Facilitatore: collegamento tolto" },
  WorkingGroupMember: { exportKey: "groups.memberships", erasure: "Cancellate" },
  AuditEvent: { exportKey: "auditEvents", erasure: "Restano; nome dell'autore e il nome nei riassunti sostituiti" },
  Invitee: { exportKey: "meetingInvitations", erasure: "Restano per le riunioni passate (presenze e quorum); cancellate per quelle future" },
  Verbale: { exportKey: "verbaliEdited", erasure: "Il testo resta; il nome è sostituito" },
  VerbaleVersion: { exportKey: "verbaleVersionsCreated", erasure: "Il testo resta; il nome è sostituito" },
  VerbaleComment: { exportKey: "verbaleComments", erasure: "Il testo resta; l'autore è il nome anonimizzato" },
  Decision: { exportKey: "decisions", erasure: "Restano; il nome nel testo è sostituito" },
  DecisionUpdate: { exportKey: "decisionUpdates", erasure: "Restano; l'autore è il nome anonimizzato" },
  ReportingPeriod: { exportKey: "rendicontazioni.consolidatedNotes", erasure: "Restano; il nome nella nota è sostituito" },
  Rendicontazione: { exportKey: "rendicontazioni.edited", erasure: "Restano; il nome nel testo è sostituito" },
  RendicontazioneVersion: { exportKey: "rendicontazioni.versionsSubmitted", erasure: "Restano; l'autore è il nome anonimizzato" },
  RendicontazioneReview: { exportKey: "rendicontazioni.reviews", erasure: "Restano; chi ha esaminato è il nome anonimizzato" },
  WeeklyDigest: { exportKey: "weeklyDigests", erasure: "Cancellati" },
  Announcement: { exportKey: "announcements.written", erasure: "Restano; il nome nel testo è sostituito" },
  AnnouncementChosenPerson: { exportKey: "announcements.chosenFor", erasure: "Cancellati dalle comunicazioni non ancora inviate" },
  AnnouncementRecipient: { exportKey: "announcements.received", erasure: "Restano (conteggi di consegna e lettura)" },
  NotificationPreference: { exportKey: "notificationPreferences", erasure: "Cancellate" },
  DigestItem: { exportKey: "digestItems", erasure: "Cancellati" },
  ArchiveDocument: { exportKey: "documents.created", erasure: "Restano; il nome nel testo è sostituito" },
  ArchiveDocumentVersion: { exportKey: "documents.versionsUploaded", erasure: "Restano; il nome nella nota è sostituito" },
  AidServiceMonthlyReport: { exportKey: "aidServiceReports", erasure: "Restano (dati aggregati dei servizi)" },
  Session: { exportKey: "sessions", erasure: "Cancellate" },
  Invitation: { exportKey: "invitations", erasure: "Quelle non accettate cancellate; in quella accettata l'e-mail diventa l'indirizzo fittizio" },
  PasswordReset: { exportKey: "passwordResets", erasure: "Cancellate" },
  AuthAttempt: { exportKey: "signInAttempts", erasure: "Cancellati i tentativi con la sua e-mail" },
  TavoloSettings: { exportKey: null, erasure: "Resta chi ha salvato per ultimo le impostazioni (solo il codice, nessun export: il nome non vi è copiato)" },
  SearchEntry: { exportKey: null, erasure: "La voce della persona esce dall'indice di ricerca; il nome nei testi indicizzati è sostituito (nessun export: è una copia di altri dati)" },
  OutboxMail: { exportKey: "mails", erasure: "Non partite: cancellate; partite: indirizzo, oggetto e testo tolti, restano data e stato" },
};
