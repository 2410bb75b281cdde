/**
 * Demo projects, modelled on the public facts the project brief gives:
 * - a community-networks project ("reti di comunità", code TO7.1.1.a as in the brief's example)
 *   with € 5.657.142,86 programmato on PN Metro Plus and its three action lines
 *   (A sviluppo di snodi di comunità, B progetti individualizzati e budget di vita, C abitare sociale);
 * - three PNRR M5C2 projects of € 211.500 (investimento 1.1), € 669.120 (1.2) and € 350.000 (1.3);
 * - the three actions of the Lodi tavolo (Ri-abitare le case, Ri-generare lavoro, Re-distribuire
 *   cibo), each with a target of 90 ("opportunità abitative reperite: 90 in 3 anni", "famiglie con
 *   sostegno alimentare continuativo: 90").
 *
 * INVENTED for the demo: which Cinisello organisations take part and with what shares, the CUPs
 * (right shape, not real), the beneficiary targets of the PNRR projects, every figure reported in
 * the rendicontazioni, the amounts committed and disbursed. Dates are relative to the day the demo
 * is loaded, so that deadlines are always near.
 */

export const DEMO_INDICATORS = [
  { name: "Snodi di comunità attivati", unit: "snodi", thematicArea: "Coesione sociale", aggregation: "SUM", description: "Luoghi di quartiere in cui la rete accoglie, orienta e attiva le persone." },
  { name: "Progetti individualizzati con budget di vita", unit: "progetti", thematicArea: "Coesione sociale", aggregation: "SUM", description: "" },
  { name: "Famiglie accompagnate", unit: "famiglie", thematicArea: "Coesione sociale", aggregation: "SUM", description: "Nuclei seguiti con un progetto condiviso tra servizi sociali e rete." },
  { name: "Opportunità abitative reperite", unit: "opportunità abitative", thematicArea: "Casa e abitare", aggregation: "SUM", description: "Alloggi o posti in housing resi disponibili alle persone accompagnate." },
  { name: "Famiglie con sostegno alimentare continuativo", unit: "famiglie", thematicArea: "Cibo", aggregation: "LATEST", description: "Famiglie che a fine periodo ricevono un sostegno alimentare regolare." },
  { name: "Persone avviate a percorsi di lavoro", unit: "persone", thematicArea: "Lavoro", aggregation: "SUM", description: "Tirocini, borse lavoro e inserimenti avviati." },
  { name: "Anziani fragili sostenuti a domicilio", unit: "persone", thematicArea: "Salute", aggregation: "SUM", description: "" },
  { name: "Persone con disabilità in percorsi di autonomia", unit: "persone", thematicArea: "Coesione sociale", aggregation: "SUM", description: "" },
  { name: "Persone senza dimora accolte in housing temporaneo", unit: "persone", thematicArea: "Casa e abitare", aggregation: "SUM", description: "" },
] as const;

const COMUNE = "Comune di Cinisello Balsamo";
const CARITAS = "Caritas Decanale di Cinisello Balsamo";
const CORDATA = "Cooperativa La Cordata";
const PRIMA = "Cooperativa sociale Prima";
const BANCO = "Associazione Banco Alimentare della Lombardia “Danilo Fossati” Onlus";
const AUSER = "AUSER";
const ANFFAS = "Anffas NordMilano";

export interface DemoProject {
  code: string;
  title: string;
  cup: string;
  rup: string;
  description: string;
  lead: string;
  group: string | null;
  objectives: string[];
  fundingSource: string;
  fundingDetail: string;
  /** Euro, as written in the sources */
  programmed: string;
  committedShare: number;
  disbursedShare: number;
  /** Organisation and share of the budget in euro */
  partners: [string, string][];
  actionLines: [string, string][];
  /** Indicator name, action line code, baseline, target */
  indicators: [string, string | null, number, number][];
  /** Months from the start of the project to the demo day, and its length in months */
  startedMonthsAgo: number;
  months: number;
}

export const DEMO_PROJECTS: DemoProject[] = [
  {
    code: "TO7.1.1.a",
    title: "Reti di comunità per l'inclusione",
    cup: "J41H22000250006",
    rup: "Dirigente del Settore Politiche sociali",
    description: "Rafforza la rete territoriale contro la povertà: snodi di comunità nei quartieri, progetti individualizzati con budget di vita e azioni di abitare sociale.",
    lead: COMUNE,
    group: "Casa e abitare",
    objectives: ["OS1", "OS2", "OS4"],
    fundingSource: "PN_METRO_PLUS",
    fundingDetail: "PN Metro Plus e città medie Sud 2021-2027, priorità 7",
    programmed: "5.657.142,86",
    committedShare: 0.62,
    disbursedShare: 0.3,
    partners: [
      [COMUNE, "2.457.142,86"],
      [CORDATA, "1.400.000,00"],
      [CARITAS, "900.000,00"],
      [PRIMA, "900.000,00"],
    ],
    actionLines: [
      ["A", "Sviluppo di snodi di comunità"],
      ["B", "Progetti individualizzati e budget di vita"],
      ["C", "Abitare sociale"],
    ],
    indicators: [
      ["Snodi di comunità attivati", "A", 0, 6],
      ["Progetti individualizzati con budget di vita", "B", 0, 120],
      ["Opportunità abitative reperite", "C", 0, 40],
    ],
    startedMonthsAgo: 12,
    months: 36,
  },
  {
    code: "PNRR-M5C2-1.1",
    title: "Sostegno alle persone vulnerabili e prevenzione dell'istituzionalizzazione",
    cup: "J44H22000120006",
    rup: "Responsabile dell'Ufficio di Piano",
    description: "Sostegno a domicilio degli anziani fragili e delle loro famiglie, con il volontariato di prossimità.",
    lead: COMUNE,
    group: null,
    objectives: ["OS1"],
    fundingSource: "PNRR_M5C2_1_1",
    fundingDetail: "Avviso pubblico 1/2022, investimento 1.1",
    programmed: "211.500,00",
    committedShare: 1,
    disbursedShare: 0.5,
    partners: [
      [COMUNE, "171.500,00"],
      [AUSER, "40.000,00"],
    ],
    actionLines: [],
    indicators: [["Anziani fragili sostenuti a domicilio", null, 0, 40]],
    startedMonthsAgo: 12,
    months: 30,
  },
  {
    code: "PNRR-M5C2-1.2",
    title: "Percorsi di autonomia per persone con disabilità",
    cup: "J44H22000130006",
    rup: "Responsabile dell'Ufficio di Piano",
    description: "Appartamenti e accompagnamento al lavoro per giovani adulti con disabilità.",
    lead: COMUNE,
    group: "Lavoro",
    objectives: ["OS2", "OS3"],
    fundingSource: "PNRR_M5C2_1_2",
    fundingDetail: "Avviso pubblico 1/2022, investimento 1.2",
    programmed: "669.120,00",
    committedShare: 0.8,
    disbursedShare: 0.4,
    partners: [
      [COMUNE, "469.120,00"],
      [ANFFAS, "200.000,00"],
    ],
    actionLines: [],
    indicators: [["Persone con disabilità in percorsi di autonomia", null, 0, 12]],
    startedMonthsAgo: 12,
    months: 30,
  },
  {
    code: "PNRR-M5C2-1.3",
    title: "Housing temporaneo e stazione di posta",
    cup: "J44H22000140006",
    rup: "Responsabile dell'Ufficio di Piano",
    description: "Accoglienza temporanea in appartamenti condivisi e una stazione di posta per le persone senza dimora.",
    lead: COMUNE,
    group: "Casa e abitare",
    objectives: ["OS4"],
    fundingSource: "PNRR_M5C2_1_3",
    fundingDetail: "Avviso pubblico 1/2022, investimento 1.3",
    programmed: "350.000,00",
    committedShare: 0.7,
    disbursedShare: 0.35,
    partners: [
      [COMUNE, "200.000,00"],
      [CORDATA, "150.000,00"],
    ],
    actionLines: [],
    indicators: [["Persone senza dimora accolte in housing temporaneo", null, 0, 18]],
    startedMonthsAgo: 12,
    months: 30,
  },
  {
    code: "RETE-CASA-LAVORO-CIBO",
    title: "Casa, lavoro, cibo: le tre azioni della rete",
    cup: "J45H23000010007",
    rup: "Responsabile del Servizio Inclusione",
    description: "Le tre azioni del tavolo sul modello di Lodi: Ri-abitare le case, Ri-generare lavoro, Re-distribuire cibo, ciascuna con un obiettivo di 90 in tre anni.",
    lead: CARITAS,
    group: "Cibo e beni essenziali",
    objectives: ["OS1", "OS3", "OS4"],
    fundingSource: "FONDO_POVERTA",
    fundingDetail: "Fondo Povertà, Quota servizi",
    programmed: "480.000,00",
    committedShare: 0.75,
    disbursedShare: 0.25,
    partners: [
      [CARITAS, "160.000,00"],
      [CORDATA, "120.000,00"],
      [PRIMA, "100.000,00"],
      [BANCO, "100.000,00"],
    ],
    actionLines: [
      ["1", "Ri-abitare le case"],
      ["2", "Ri-generare lavoro"],
      ["3", "Re-distribuire cibo"],
    ],
    indicators: [
      ["Opportunità abitative reperite", "1", 0, 90],
      ["Persone avviate a percorsi di lavoro", "2", 0, 90],
      ["Famiglie con sostegno alimentare continuativo", "3", 0, 90],
      ["Famiglie accompagnate", null, 0, 20],
    ],
    startedMonthsAgo: 12,
    months: 36,
  },
];

/**
 * What the partners reported (INVENTED): every period whose deadline has passed is approved, except
 * a few left in other states so the dashboard shows each one; the period now being reported on is
 * still open (the demo referent of the Caritas has a draft, so a reminder and the home card show).
 */
export const DEMO_REPORTING_EXCEPTIONS: { project: string; organisation: string; fromEnd: number; state: "SUBMITTED" | "RETURNED" | "DRAFT" | "NOT_STARTED" }[] = [
  // fromEnd 1: the last period whose deadline has passed; 0: the period being reported on now
  { project: "RETE-CASA-LAVORO-CIBO", organisation: PRIMA, fromEnd: 1, state: "SUBMITTED" },
  { project: "RETE-CASA-LAVORO-CIBO", organisation: BANCO, fromEnd: 1, state: "RETURNED" },
  { project: "PNRR-M5C2-1.1", organisation: AUSER, fromEnd: 1, state: "DRAFT" },
  { project: "RETE-CASA-LAVORO-CIBO", organisation: CARITAS, fromEnd: 0, state: "DRAFT" },
];
