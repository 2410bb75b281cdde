/**
 * Demo registry details that public sources do not give: they are INVENTED for the demo and
 * must never be read as real data.
 *
 * - Codici fiscali: the Comune's is public (01971350150); every other one is a made-up number
 *   with a correct check digit (see fiscalCodeFor below), so the registry's validation accepts it.
 * - People (referents, contacts) are fictitious, with example.org addresses and 02 0000 numbers.
 * - Thematic networks take their names from the Lodi Tavolo Povertà's three networks
 *   (Ri-abitare le case, Ri-generare lavoro, Re-distribuire cibo), given in the project brief as
 *   an example; which organisations act in each is our assumption.
 * - Protocols: the Protocollo d'Intesa date is the approval of the new network protocol
 *   (3 February 2021, S2 in cinisello.ts); its end date is set relative to the day the demo is
 *   loaded so the "protocols about to expire" notice shows. The "Abitare Insieme" protocol follows
 *   S11 (January 2023); its signatories are our assumption.
 * - Working groups follow the tavolo's strategic objectives (cinisello.ts).
 */

import { withCheckDigit } from "~/domain/fiscal-codes.server";

/** A made-up 11-digit codice fiscale with a valid check digit, stable for a given index. */
export const fiscalCodeFor = (index: number) => withCheckDigit(`97${String(400000 + index * 7919).padStart(8, "0").slice(-8)}`);

export const MUNICIPALITY_FISCAL_CODE = "01971350150";

/** The day the current network protocol was approved (S2). */
export const PROTOCOL_SIGNED_ON = "2021-02-03";

/** People with an account but no password yet: they appear as referents and group members. */
export const DEMO_PEOPLE = [
  { name: "Lucia Galli", email: "lucia.galli@example.org", role: "REFERENT", organisation: "Caritas Decanale di Cinisello Balsamo" },
  { name: "Paolo Ricci", email: "paolo.ricci@example.org", role: "REFERENT", organisation: "Associazione Banco Alimentare della Lombardia “Danilo Fossati” Onlus" },
  { name: "Chiara Moretti", email: "chiara.moretti@example.org", role: "REFERENT", organisation: "Cooperativa La Cordata" },
  { name: "Davide Conti", email: "davide.conti@example.org", role: "REFERENT", organisation: "Cooperativa sociale Prima" },
  { name: "Elena Marino", email: "elena.marino@example.org", role: "REFERENT", organisation: "AUSER" },
  { name: "Stefano Greco", email: "stefano.greco@example.org", role: "MEMBER", organisation: "CSV Milano" },
  { name: "Sara Lombardi", email: "sara.lombardi@example.org", role: "COORDINATOR", organisation: "Comune di Cinisello Balsamo" },
] as const;

/** Delegate (and substitute) of an organisation at governance meetings, by e-mail. */
export const DEMO_DELEGATES = [
  { organisation: "Caritas Decanale di Cinisello Balsamo", delegate: "referente@example.org", substitute: "lucia.galli@example.org" },
  { organisation: "Associazione Banco Alimentare della Lombardia “Danilo Fossati” Onlus", delegate: "paolo.ricci@example.org" },
  { organisation: "Cooperativa La Cordata", delegate: "chiara.moretti@example.org" },
  { organisation: "Cooperativa sociale Prima", delegate: "davide.conti@example.org" },
  { organisation: "AUSER", delegate: "elena.marino@example.org" },
] as const;

/** Other contacts, without an account. */
export const DEMO_CONTACTS = [
  { organisation: "Caritas Decanale di Cinisello Balsamo", name: "Giorgio Villa", role: "Responsabile del centro di ascolto", phone: "+39 02 0000 1101", email: "ascolto@caritas.example.org" },
  { organisation: "Caritas Decanale di Cinisello Balsamo", name: "Marta Fontana", role: "Segreteria", phone: "+39 02 0000 1102", email: "segreteria@caritas.example.org" },
  { organisation: "Croce Rossa Italiana-Comitato Locale di Cinisello Balsamo", name: "Luca Rinaldi", role: "Referente attività sociali", phone: "+39 02 0000 1201", email: "sociale@cri.example.org" },
  { organisation: "Banco Alimentare Paolo Galbiati", name: "Franco Caruso", role: "Coordinatore dei volontari", phone: "+39 02 0000 1301", email: "volontari@banco.example.org" },
  { organisation: "Cooperativa La Cordata", name: "Valentina Ferri", role: "Coordinatrice servizi abitativi", phone: "+39 02 0000 1401", email: "abitare@cordata.example.org" },
  { organisation: "Comune di Cinisello Balsamo", name: "Ufficio Servizio Centralità della Persona", role: "Segreteria del Tavolo", phone: "+39 02 0000 1001", email: "tavolo.poverta@comune.example.org" },
] as const;

export const DEMO_NETWORKS = [
  {
    name: "Ri-abitare le case",
    description: "Rete per la casa: reperimento di alloggi, accompagnamento all'abitare e prevenzione degli sfratti.",
    referent: "Cooperativa La Cordata",
    members: ["Cooperativa La Cordata", "Caritas Decanale di Cinisello Balsamo", "Fondazione Auprema", "Comune di Cinisello Balsamo", "Cooperativa Lotta Contro l’Emarginazione"],
  },
  {
    name: "Ri-generare lavoro",
    description: "Rete per il lavoro: orientamento, tirocini e inserimenti lavorativi delle persone accompagnate.",
    referent: "Cooperativa sociale Prima",
    members: ["Cooperativa sociale Prima", "Cooperativa Il Torpedone", "Cooperativa Stripes", "Associazione XSQUI", "Comune di Cinisello Balsamo"],
  },
  {
    name: "Re-distribuire cibo",
    description: "Rete per il cibo: raccolta, recupero e distribuzione di alimenti alle famiglie in difficoltà.",
    referent: "Associazione Banco Alimentare della Lombardia “Danilo Fossati” Onlus",
    members: [
      "Associazione Banco Alimentare della Lombardia “Danilo Fossati” Onlus",
      "Banco Alimentare Paolo Galbiati",
      "Caritas Decanale di Cinisello Balsamo",
      "Croce Rossa Italiana-Comitato Locale di Cinisello Balsamo",
      "Gruppi di Volontariato Vincenziano-AIC Italia",
    ],
  },
] as const;

export const DEMO_PROTOCOLS = [
  {
    title: "Protocollo d'Intesa del Tavolo Povertà «La solidarietà in città»",
    kind: "INTESA",
    signedOn: PROTOCOL_SIGNED_ON,
    /** Days from the day the demo is loaded: within 60, so the home page shows it expiring. */
    validForDaysFromToday: 45,
    obligations:
      "Le parti si impegnano a condividere i dati sugli aiuti erogati nel sistema informatico comune, a partecipare alle sedute del Tavolo con un delegato, a contribuire ai gruppi di lavoro tematici e a concorrere al report annuale.",
    signatories: "ALL_PARTNERS",
  },
  {
    title: "Protocollo operativo «Abitare Insieme»",
    kind: "OPERATIVO",
    signedOn: "2023-01-20",
    validForDaysFromToday: 400,
    obligations:
      "Le parti mettono in rete servizi comunali, cooperative ed enti del terzo settore per l'accompagnamento abitativo delle famiglie fragili, con una cabina di regia mensile e una scheda condivisa per ogni nucleo.",
    signatories: ["Comune di Cinisello Balsamo", "Cooperativa La Cordata", "Caritas Decanale di Cinisello Balsamo", "Fondazione Auprema", "Cooperativa Lotta Contro l’Emarginazione"],
  },
] as const;

export const DEMO_GROUPS = [
  {
    name: "Lavoro",
    thematicArea: "Lavoro",
    objectives: ["OS3"],
    referent: "Cooperativa sociale Prima",
    mandate: "Costruire con le imprese del territorio percorsi di orientamento, tirocinio e inserimento lavorativo per le persone accompagnate dalla rete.",
    members: ["davide.conti@example.org", "elena.marino@example.org", "coordinatore@example.org"],
  },
  {
    name: "Casa e abitare",
    thematicArea: "Casa e abitare",
    objectives: ["OS4"],
    referent: "Cooperativa La Cordata",
    mandate: "Coordinare la filiera dei servizi abitativi: emergenza, housing temporaneo e accompagnamento all'autonomia abitativa.",
    members: ["chiara.moretti@example.org", "referente@example.org", "sara.lombardi@example.org"],
  },
  {
    name: "Cibo e beni essenziali",
    thematicArea: "Cibo",
    objectives: ["OS1", "OS2"],
    referent: "Associazione Banco Alimentare della Lombardia “Danilo Fossati” Onlus",
    mandate: "Mettere in rete la distribuzione alimentare del territorio per raggiungere con continuità le famiglie in difficoltà ed evitare sovrapposizioni.",
    members: ["paolo.ricci@example.org", "referente@example.org", "lucia.galli@example.org", "componente@example.org"],
  },
  {
    name: "Donazioni e volontariato",
    thematicArea: "Donazioni",
    objectives: ["OS5"],
    referent: "CSV Milano",
    mandate: "Promuovere il dono di beni e di tempo e il volontariato occasionale dei cittadini, anche con la bacheca #FaiBene!.",
    members: ["stefano.greco@example.org", "elena.marino@example.org"],
  },
] as const;

/**
 * Meetings (invented): the monthly plenary of the piano di governo and the food group's operative
 * meetings. The last plenary has a published verbale with a decision and two actions (one of them
 * overdue, so the register and the next agenda show the follow-up); the next one is a draft.
 */
export const DEMO_SERIES = [
  {
    name: "Assemblea plenaria del Tavolo",
    kind: "GOVERNANCE",
    weekOfMonth: 1,
    weekday: 2,
    startTime: "15:00",
    endTime: "17:00",
    location: "Sala consiliare, Piazza Confalonieri 5, Cinisello Balsamo",
    videoLink: "",
    quorumRule: "HALF_PLUS_ONE",
    group: null,
  },
  {
    name: "Gruppo Cibo e beni essenziali",
    kind: "OPERATIVE",
    weekOfMonth: 3,
    weekday: 4,
    startTime: "10:00",
    endTime: "12:00",
    location: "Centro di ascolto Caritas",
    videoLink: "https://meet.example.org/tavolo-cibo",
    quorumRule: "NONE",
    group: "Cibo e beni essenziali",
  },
] as const;

export const DEMO_PAST_PLENARY = {
  agenda: [
    { title: "Comunicazioni del coordinamento", presenter: "Giulia Ferrari", durationMinutes: 15 },
    { title: "Aggiornamento dei gruppi di lavoro", presenter: "I facilitatori dei gruppi", durationMinutes: 45 },
    { title: "Raccolta alimentare di dicembre", presenter: "Paolo Ricci", durationMinutes: 30 },
  ],
  /** Invitees by e-mail; present at the meeting or not. */
  attendance: [
    { email: "coordinatore@example.org", present: true },
    { email: "referente@example.org", present: true },
    { email: "paolo.ricci@example.org", present: true },
    { email: "chiara.moretti@example.org", present: false },
    { email: "davide.conti@example.org", present: true },
    { email: "elena.marino@example.org", present: true },
    { email: "componente@example.org", present: true },
  ],
  sections: [
    "<p>La coordinatrice apre la seduta alle 15:10, verifica le presenze e illustra l'ordine del giorno.</p>",
    "<p>Il coordinamento informa che il Protocollo d'Intesa scade a breve e propone di avviarne il rinnovo.</p>",
    "<p>I gruppi riferiscono sulle attività del mese:</p><ul><li><strong>Lavoro</strong>: tre nuovi tirocini avviati.</li><li><strong>Casa e abitare</strong>: mappatura degli alloggi temporanei in corso.</li></ul>",
    "<p>Paolo Ricci, per l'Associazione Banco Alimentare della Lombardia “Danilo Fossati” Onlus, propone una raccolta straordinaria nei supermercati della città il secondo sabato di dicembre.</p>",
  ],
  decisions: [
    { kind: "DECISION", item: 2, text: "Il Tavolo approva la raccolta alimentare straordinaria di dicembre.", organisation: null, dueInDays: null },
    { kind: "ACTION", item: 2, text: "Organizzare i turni dei volontari per la raccolta di dicembre.", organisation: "Associazione Banco Alimentare della Lombardia “Danilo Fossati” Onlus", person: "paolo.ricci@example.org", dueInDays: -5 },
    { kind: "ACTION", item: 0, text: "Preparare la bozza di rinnovo del Protocollo d'Intesa.", organisation: "Comune di Cinisello Balsamo", person: "coordinatore@example.org", dueInDays: 20 },
  ],
} as const;
