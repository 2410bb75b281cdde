/**
 * Demo data for "Tavolo": the Tavolo Povertà ("Tavolo Povertà: la solidarietà in città")
 * of the Comune di Cinisello Balsamo (Città metropolitana di Milano).
 *
 * Everything below comes from public sources. None of it is official data, and it
 * must not be read as a faithful snapshot of the current composition of the tavolo.
 * Descriptions are one sober sentence each. They contain no figures and no personal
 * names. Where a source did not say what a body does, the sentence stays generic on
 * purpose.
 *
 * SOURCES USED (stored copies of public web pages)
 *  [S1] Comune di Cinisello Balsamo - "Tavolo povertà: la solidarietà in città"
 *       http://www.comune.cinisello-balsamo.mi.it/sitospip/spip.php?article23144
 *       (section "Da chi è composto": the current list of the partnership. It is the
 *       source of all partner names below.)
 *  [S2] Comune di Cinisello Balsamo - comunicato stampa 3 febbraio 2021, "Lotta alla
 *       fragilità. Approvato il nuovo protocollo di rete con i soggetti aderenti al
 *       'Tavolo povertà: la solidarietà in città'"
 *       https://www.comune.cinisello-balsamo.mi.it/spip.php?article32727
 *       (26 soggetti, documento programmatico 2020, objectives)
 *  [S3] MilanoToday - "protocollo tavolo povertà" (same content as S2)
 *       https://www.milanotoday.it/zone/cinisello-balsamo/protocollo-tavolo-poverta.html
 *  [S4] La Città del Nord Milano, 4 febbraio 2021 - "Lotta alla povertà, patto tra
 *       comune e 26 associazioni di Cinisello"
 *       https://www.lacittadelnordmilano.it/2021/02/04/lotta-alla-poverta-patto-tra-26-associazioni-e-comune/
 *  [S5] Comune di Cinisello Balsamo - "Progetto tavolo povertà" (older version of S1, 2014-2016 list)
 *       http://www.comune.cinisello-balsamo.mi.it/spip.php?article23144
 *  [S6] "Azioni a contrasto della povertà: approvazione protocollo d'intesa con i
 *       soggetti aderenti al Tavolo Povertà", allegato A (protocollo 2014, anonymised copy)
 *       https://lawinsider.com/it/contracts/k2STUPYRHyT
 *  [S7] Report "Tavolo Povertà: La Solidarietà in Città - REPORT 2020/2021" (Servizio
 *       Centralità della Persona), https://it.readkong.com/page/a-cura-del-servizio-centralita-della-persona-e-del-tavolo-7121288
 *  [S8] MilanoToday - "Tavolo povertà, eventi" (Nov 2021, workshops co-organised with CSV Milano)
 *       https://www.milanotoday.it/zone/cinisello-balsamo/eventi-tavolo-poverta.html
 *  [S9] MilanoToday - "Bacheca online associazioni volontariato" (#FaiBene!, Nov 2022)
 *       https://www.milanotoday.it/zone/cinisello-balsamo/bacheca-online-associazioni-volontariato.html
 *  [S10] Il Gazzettino Metropolitano - "Cinisello, con la challenge #faibene si possono
 *       donare pc, alimenti e persino il proprio tempo", https://ilgazzettinometropolitano.it/?p=15826
 *  [S11] MilanoToday - "Protocollo di rete tavolo Abitare Insieme" (Jan 2023)
 *       https://www.milanotoday.it/zone/cinisello-balsamo/protocollo-rete-tavolo-abitare-insieme.html
 *  [S12] MilanoToday - "Duca: «Contro la nuova povertà serve il volontariato cittadino»"
 *       (Banco farmaceutico solidale, "Scalda la notte")
 *       https://www.milanotoday.it/zone/cinisello-balsamo/gianfranca-duca-volontariato-cinisello-poverta.html
 *  [S13] Fondazione Comunitaria Nord Milano - articles on the Fondo per il Contrasto delle
 *       Povertà (fondazionenordmilano.org) and NordMilano24, 22/11/2022
 *  [S14] MilanoToday (Dec 2018) "Inaugurazione Cinifabrique" and Il Giorno (Nov 2024)
 *       "Diritto allo studio e lavoro, Cinifabrique è un modello" (XSQUI, Cooperativa Prima)
 *  [S15] Blog Consorzio CAES - "Progetto Integrazione, da vent'anni cliente di CAES"
 *       (activities of Cooperativa Progetto Integrazione)
 *  [S16] UniAbita magazine 2/2012 (fdocumenti.com), which lists Fondazione Auprema Onlus
 *       and "Consorzio il Sole Soc. Coop. - Poliambulatorio" as part of the Auprema/UniAbita group
 *
 * WHICH NAMES ARE PUBLISHED AND WHICH ARE COMPLETED
 *  - S1 lists 26 members of the partnership, and the FIRST of them is "Amministrazione
 *    Comunale". So the published list DOES count the Comune among the 26.
 *    In this file: MUNICIPALITY = the Comune, which is one of the 26, and
 *    DEMO_ORGANISATIONS = the other 25 published partners + the 2 aderenti = 27 entries.
 *    Together with MUNICIPALITY that makes the 28 bodies of the tavolo.
 *  - The press release (S2/S3/S4) speaks of "26 Associazioni del terzo settore". Read
 *    literally, that would leave the Comune out of the 26, which does not match S1 (25
 *    third-sector bodies + the Comune). One possible reconciliation is the item
 *    "gruppi di Volontariato Vincenziano-AIC Italia". In earlier official lists
 *    (S5, S6) it appears as TWO signatories: "Gruppo Volontariato Vincenziano - San
 *    Giuseppe" and "Gruppo Volontariato Vincenziano - Via Dante". If you need 26
 *    third-sector partners, split that entry into those two published names. This file
 *    follows S1 as written.
 *  - The 2 aderenti (CSV Milano, Fondazione Comunitaria Nord Milano) come from the
 *    project brief. In the stored copy of S1 the text is cut off right after
 *    "Aderiscono", so their exact spelling on the page could not be checked. Both bodies
 *    are real, and CSV Milano's collaboration with the tavolo is documented in S8.
 *  - Names published: 25 partners (S1) + the Comune (S1, "Amministrazione Comunale").
 *    Names completed from outside the published list: NONE. Aderenti: names from the
 *    brief, with their role confirmed only in part (S8, S13).
 *  - Only obvious typos and capitalisation were normalised (each change is marked "// S1:" below):
 *      "Croce Rosa Italiana" -> "Croce Rossa Italiana" (spelled correctly in S5/S6);
 *      the unbalanced quote in the Banco Alimentare della Lombardia name was closed;
 *      "Cooperativa progetto e Integrazione" -> "Cooperativa Progetto Integrazione"
 *      (name used in S5/S6 and by the cooperative itself);
 *      lowercase "cooperativa"/"gruppi" at the start of a name was capitalised.
 *
 * LEGAL FORMS are our best reading and were NOT checked against RUNTS or the chamber of
 * commerce. Uncertain ones are marked "(forma non verificata)" in a comment.
 *
 * STRATEGIC OBJECTIVES: S2/S3/S4 name four objectives: coesione sociale, lotta alle
 * disuguaglianze, costruzione di relazioni con il mondo del lavoro, impulso a un diverso
 * modello di volontariato. The five-objective wording used here comes from the project brief.
 * No stored source was found for "Filiera dei servizi abitativi" as a tavolo objective. Its
 * description follows the Comune's public work on housing (S11, "Abitare Insieme"). The
 * "Donazioni e volontariato occasionale civico" description follows #FaiBene! (S9, S10).
 */

export type LegalForm =
  | "ENTE_PUBBLICO"
  | "COOPERATIVA_SOCIALE_A"
  | "COOPERATIVA_SOCIALE_B"
  | "ASSOCIAZIONE_VOLONTARIATO"
  | "ASSOCIAZIONE_PROMOZIONE_SOCIALE"
  | "FONDAZIONE"
  | "ENTE_RELIGIOSO"
  | "ORGANIZZAZIONE_SINDACALE"
  | "ENTE_PROFIT"
  | "ISTITUZIONE_SCOLASTICA"
  | "ALTRO";

export interface DemoOrganisation {
  name: string; // as published
  shortName?: string; // common abbreviation if any, e.g. "CRI Cinisello"
  legalForm: LegalForm; // our best reading of what the body is
  status: "PARTNER" | "ADERENTE";
  description: string; // one Italian sentence on what it does for the tavolo
}

/**
 * The Comune coordinates the tavolo. S1 counts it among the 26 partners ("Amministrazione
 * Comunale" is the first item), so it is one of the 26 and is NOT repeated in
 * DEMO_ORGANISATIONS.
 */
export const MUNICIPALITY: DemoOrganisation = {
  name: "Comune di Cinisello Balsamo",
  shortName: "Comune",
  legalForm: "ENTE_PUBBLICO",
  status: "PARTNER",
  description:
    "Promuove e coordina il Tavolo Povertà tramite il Servizio Centralità della Persona, cura il protocollo di rete e mette a disposizione dei partner il sistema informatico condiviso di raccolta dati sugli aiuti erogati.",
};

/** 25 published partners (S1, in published order) + 2 aderenti = 27 entries. */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  // ---------------------------------------------------------------- partners (S1)
  {
    name: "Anffas NordMilano",
    shortName: "Anffas",
    legalForm: "ASSOCIAZIONE_PROMOZIONE_SOCIALE", // (forma non verificata)
    status: "PARTNER",
    description:
      "Associazione di famiglie di persone con disabilità intellettiva e relazionale che porta al Tavolo l'attenzione alle fragilità economiche e sociali legate alla disabilità.",
  },
  {
    name: "Anteas",
    legalForm: "ASSOCIAZIONE_VOLONTARIATO", // (forma non verificata)
    status: "PARTNER",
    description:
      "Associazione di volontariato di persone anziane attive che contribuisce con azioni di prossimità e di compagnia rivolte in particolare agli anziani soli.",
  },
  {
    // S1: unbalanced quote closed
    name: "Associazione Banco Alimentare della Lombardia “Danilo Fossati” Onlus",
    shortName: "Banco Alimentare Lombardia",
    legalForm: "ASSOCIAZIONE_VOLONTARIATO",
    status: "PARTNER",
    description:
      "Recupera eccedenze alimentari e le redistribuisce alle strutture caritative convenzionate del territorio, offrendo al Tavolo anche un osservatorio privilegiato sulla povertà alimentare.",
  },
  {
    name: "Associazione Marse",
    legalForm: "ASSOCIAZIONE_VOLONTARIATO", // (forma non verificata)
    status: "PARTNER",
    description:
      "Associazione del territorio cittadino che partecipa alla rete del Tavolo e alle sue iniziative di solidarietà rivolte alle persone e alle famiglie in difficoltà.",
  },
  {
    name: "AUSER",
    shortName: "Auser",
    legalForm: "ASSOCIAZIONE_VOLONTARIATO", // (forma non verificata: ODV o APS)
    status: "PARTNER",
    description:
      "Associazione per l'invecchiamento attivo che mette a disposizione volontari per servizi di accompagnamento, compagnia e socializzazione a favore delle persone anziane e fragili.",
  },
  {
    name: "Azienda Multiservizi Farmacie",
    shortName: "AMF",
    legalForm: "ENTE_PUBBLICO", // municipal company that runs the comunali pharmacies
    status: "PARTNER",
    description:
      "Gestisce le farmacie comunali e promuove iniziative solidali come la raccolta di farmaci e prodotti da banco destinati alle realtà del Tavolo che assistono le persone in difficoltà.",
  },
  {
    // published in S5 as "Banco della Solidarietà Paolo Galbiati ONLUS" and in S6 as "Banco di Solidarietà ..."
    name: "Banco Alimentare Paolo Galbiati",
    shortName: "Banco Galbiati",
    legalForm: "ASSOCIAZIONE_VOLONTARIATO", // (forma non verificata)
    status: "PARTNER",
    description:
      "Realtà di volontariato che sostiene le famiglie in difficoltà con la consegna periodica di generi alimentari e una relazione di accompagnamento.",
  },
  {
    name: "Caritas Decanale di Cinisello Balsamo",
    shortName: "Caritas Cinisello",
    legalForm: "ENTE_RELIGIOSO",
    status: "PARTNER",
    description:
      "Coordina i Centri di Ascolto parrocchiali del decanato, che accolgono le persone in difficoltà e le orientano verso aiuti materiali, il Social Market e i servizi del territorio.",
  },
  {
    name: "Centro Aiuto alla Vita",
    shortName: "CAV",
    legalForm: "ASSOCIAZIONE_VOLONTARIATO",
    status: "PARTNER",
    description:
      "Sostiene donne in gravidanza e madri con bambini piccoli in situazione di difficoltà attraverso ascolto, accompagnamento e aiuti materiali.",
  },
  {
    name: "Cooperativa Il Torpedone",
    shortName: "Il Torpedone",
    legalForm: "COOPERATIVA_SOCIALE_A", // (tipo A/B non verificato)
    status: "PARTNER",
    description:
      "Cooperativa sociale del territorio che gestisce servizi alla persona e partecipa alla co-progettazione delle azioni del Tavolo.",
  },
  {
    name: "Cooperativa La Cordata",
    shortName: "La Cordata",
    legalForm: "COOPERATIVA_SOCIALE_A",
    status: "PARTNER",
    description:
      "Cooperativa sociale attiva nell'accoglienza e nell'abitare sociale che contribuisce al Tavolo soprattutto sui temi dell'abitare e dell'autonomia delle persone fragili.",
  },
  {
    // S1: "Cooperativa progetto e Integrazione"
    name: "Cooperativa Progetto Integrazione",
    shortName: "Progetto Integrazione",
    legalForm: "COOPERATIVA_SOCIALE_A",
    status: "PARTNER",
    description:
      "Cooperativa sociale che favorisce l'integrazione delle persone di origine straniera, anche con la mediazione linguistico-culturale nelle scuole e nei servizi.",
  },
  {
    name: "Corpo Volontari Protezione Civile",
    shortName: "Protezione Civile Cinisello",
    legalForm: "ASSOCIAZIONE_VOLONTARIATO",
    status: "PARTNER",
    description:
      "Gruppo di volontari di protezione civile che sostiene le iniziative di emergenza sociale del Tavolo, come il piano per il freddo rivolto alle persone senza dimora e la consegna di beni e pasti.",
  },
  {
    // S1: "Croce Rosa Italiana-..." (typo)
    name: "Croce Rossa Italiana-Comitato Locale di Cinisello Balsamo",
    shortName: "CRI Cinisello",
    legalForm: "ASSOCIAZIONE_VOLONTARIATO",
    status: "PARTNER",
    description:
      "Comitato locale della Croce Rossa che collabora alle azioni di aiuto materiale e di prossimità, tra cui le iniziative invernali per le persone senza dimora.",
  },
  {
    name: "Equipe Sociale Decanato Cinisello Balsamo",
    shortName: "Equipe Decanato",
    legalForm: "ENTE_RELIGIOSO",
    status: "PARTNER",
    description:
      "Gruppo del decanato che collega le comunità parrocchiali cittadine ai temi sociali e promuove iniziative di sensibilizzazione e accoglienza insieme al Tavolo.",
  },
  {
    name: "Fondazione Auprema",
    shortName: "Auprema",
    legalForm: "FONDAZIONE",
    status: "PARTNER",
    description:
      "Fondazione legata alla cooperazione di abitanti del territorio che porta al Tavolo competenze sui temi dell'abitare e della solidarietà tra i soci.",
  },
  {
    name: "Fondazione CUMSE",
    shortName: "CUMSE",
    legalForm: "FONDAZIONE",
    status: "PARTNER",
    description:
      "Fondazione del territorio che partecipa alla rete del Tavolo con progetti di solidarietà e di sostegno alle persone in condizione di fragilità.",
  },
  {
    // S1: "gruppi di Volontariato Vincenziano-AIC Italia" (S5/S6: two groups, San Giuseppe and Via Dante)
    name: "Gruppi di Volontariato Vincenziano-AIC Italia",
    shortName: "GVV",
    legalForm: "ASSOCIAZIONE_VOLONTARIATO",
    status: "PARTNER",
    description:
      "Gruppi di volontariato di ispirazione vincenziana che visitano e sostengono le famiglie in difficoltà con ascolto e aiuti materiali.",
  },
  {
    name: "Officina di Enrico",
    legalForm: "ALTRO", // (forma non verificata)
    status: "PARTNER",
    description:
      "Realtà del territorio che partecipa alla rete del Tavolo e alle sue iniziative di solidarietà e di inclusione sociale.",
  },
  {
    name: "Consorzio il Sole-Poliambulatorio",
    shortName: "Consorzio il Sole",
    legalForm: "ALTRO", // consorzio cooperativo che gestisce un poliambulatorio (S16)
    status: "PARTNER",
    description:
      "Consorzio cooperativo che gestisce un poliambulatorio e porta al Tavolo il tema dell'accesso alle cure per le persone con difficoltà economiche.",
  },
  {
    // S1: "cooperativa Stripes"
    name: "Cooperativa Stripes",
    shortName: "Stripes",
    legalForm: "COOPERATIVA_SOCIALE_A", // (tipo non verificato)
    status: "PARTNER",
    description:
      "Cooperativa sociale che gestisce servizi educativi e sociali e contribuisce al Tavolo sui temi dei minori e delle famiglie.",
  },
  {
    name: "Cooperativa sociale Prima",
    shortName: "Coop. Prima",
    legalForm: "COOPERATIVA_SOCIALE_A", // (tipo A/B non verificato)
    status: "PARTNER",
    description:
      "Cooperativa sociale che, insieme all'associazione XSQUI, anima Cinifabrique, uno spazio cittadino di laboratori artigianali, aiuto allo studio e aggregazione.",
  },
  {
    name: "Associazione XSQUI",
    shortName: "XSQUI",
    legalForm: "ASSOCIAZIONE_PROMOZIONE_SOCIALE", // associazione giovanile (forma non verificata)
    status: "PARTNER",
    description:
      "Associazione giovanile che promuove aiuto allo studio, aggregazione e attività di cittadinanza per ragazzi e famiglie presso Cinifabrique.",
  },
  {
    name: "Fondazione per la Famiglia Edith Stein",
    shortName: "Fondazione Edith Stein",
    legalForm: "FONDAZIONE",
    status: "PARTNER",
    description:
      "Fondazione dedicata al sostegno della famiglia che partecipa al Tavolo con attenzione ai nuclei familiari in situazione di fragilità.",
  },
  {
    name: "Cooperativa Lotta Contro l’Emarginazione",
    shortName: "Lotta Contro l'Emarginazione",
    legalForm: "COOPERATIVA_SOCIALE_A",
    status: "PARTNER",
    description:
      "Cooperativa sociale del Nord Milano che gestisce servizi per persone in condizione di grave marginalità e contribuisce al Tavolo sui percorsi di inclusione sociale.",
  },

  // ---------------------------------------------------------------- aderenti (raccordo)
  {
    name: "CSV Milano",
    shortName: "CSV",
    legalForm: "ALTRO", // Centro di servizio per il volontariato (ente del terzo settore)
    status: "ADERENTE",
    description:
      "Centro di servizio per il volontariato della Città metropolitana di Milano che aderisce con funzione di raccordo e supporta formazione, promozione del volontariato e percorsi di co-programmazione con il Tavolo.",
  },
  {
    name: "Fondazione Comunitaria Nord Milano",
    shortName: "FCNM",
    legalForm: "FONDAZIONE",
    status: "ADERENTE",
    description:
      "Fondazione di comunità del Nord Milano che aderisce con funzione di raccordo e sostiene progetti del territorio tramite bandi e fondi dedicati, tra cui il fondo per il contrasto delle povertà.",
  },
];

export interface DemoObjective {
  code: string;
  title: string;
  description: string;
}

export const STRATEGIC_OBJECTIVES: DemoObjective[] = [
  {
    code: "OS1",
    title: "Coesione sociale",
    description:
      "Rafforzare il senso di appartenenza alla rete e alla comunità locale, promuovendo relazioni di prossimità e solidarietà territoriale. Risponde alle fragilità, non solo materiali, che l'emergenza sanitaria ha reso più evidenti.",
  },
  {
    code: "OS2",
    title: "Contrasto alle disuguaglianze",
    description:
      "Costruire un sistema integrato tra pubblico e privato sociale, con responsabilità condivise, per una maggiore equità sociale. L'attenzione va alle categorie più colpite dalla crisi: lavoratori precari, donne, minori e anziani soli.",
  },
  {
    code: "OS3",
    title: "Lavoro",
    description:
      "Costruire relazioni con il mondo del lavoro, coinvolgendo anche soggetti profit del territorio, per favorire percorsi di inclusione lavorativa delle persone accompagnate dalla rete.",
  },
  {
    code: "OS4",
    title: "Filiera dei servizi abitativi",
    description:
      "Mettere in rete servizi comunali, cooperative di abitanti ed enti del terzo settore per rispondere in modo coordinato ai bisogni abitativi delle famiglie fragili. L'obiettivo copre l'intero percorso, dalla tensione abitativa all'abitare sociale e sostenibile.",
  },
  {
    code: "OS5",
    title: "Donazioni e volontariato occasionale civico",
    description:
      "Dare impulso a un diverso modello di volontariato, affiancando a quello tradizionale il dono di beni e di tempo e l'impegno occasionale dei cittadini in singole iniziative. Tra gli strumenti ci sono quelli digitali, come la bacheca #FaiBene! sul sito del Comune.",
  },
];
