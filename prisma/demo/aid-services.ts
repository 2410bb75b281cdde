/**
 * Demo catalogue of aid services in Cinisello Balsamo, across four areas of the city (Centro,
 * Crocetta, Sant'Eusebio, Balsamo), with 10 months of monthly figures for most of them.
 *
 * INVENTED for the demo: every service's name, address, hours, contacts and figures. The
 * organisations are the demo's (prisma/demo/cinisello.ts). On purpose: some services open on
 * Saturday morning, the street unit runs from Friday 20:00 to 02:00, the pharmacy bank has not
 * entered last month's figures, the clothes bank answered "nothing to report" in August.
 */
import type { Db } from "~/db.server";
import { saveMonthlyFigures } from "~/domain/aid-service-figures.server";
import { addMonths, currentMonthInRome, metricsForKind, type AidMetric, type Opening } from "~/domain/aid-services";
import { createAidService, type AidServiceInput } from "~/domain/aid-services.server";
import type { DemoContext } from "./context";

const h = (time: string) => {
  const [hours, minutes] = time.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};
const open = (weekdays: number[], from: string, to: string): Opening[] => weekdays.map((weekday) => ({ weekday, opensAt: h(from), closesAt: h(to) }));

interface DemoService extends Omit<AidServiceInput, "organisationId" | "description" | "accessNotes" | "capacity" | "languages" | "accessibilityNotes" | "status" | "phone" | "email"> {
  organisation: string;
  description?: string;
  accessNotes?: string;
  capacity?: string;
  languages?: string;
  accessibilityNotes?: string;
  phone?: string;
  email?: string;
  /** Typical monthly figures; absent: no figures at all */
  usual?: Partial<Record<AidMetric, number>>;
  /** How many of the last months have no figures (the most recent first) */
  missingMonths?: number;
}

const CARITAS = "Caritas Decanale di Cinisello Balsamo";

const SERVICES: DemoService[] = [
  {
    organisation: CARITAS,
    name: "Centro di ascolto Caritas",
    kind: "SPORTELLO_ASCOLTO",
    description: "Colloqui di ascolto e orientamento per persone e famiglie in difficoltà; da qui si accede all'emporio e agli aiuti economici.",
    address: "Via Frova 10",
    area: "Centro",
    eligibility: "Chiunque viva o dimori a Cinisello Balsamo",
    accessMode: "ACCESSO_LIBERO",
    accessNotes: "Portare un documento d'identità, se disponibile",
    phone: "02 0000 2101",
    email: "ascolto.servizi@caritas.example.org",
    capacity: "circa 25 colloqui a settimana",
    languages: "italiano, inglese, francese, spagnolo",
    accessibility: "ACCESSIBILE",
    isPublic: true,
    openings: [...open([1], "09:30", "12:00"), ...open([3], "15:00", "18:00"), ...open([6], "09:00", "12:00")],
    usual: { FAMIGLIE_SERVITE: 70, PERSONE_NUOVE: 12, INVII_SERVIZI_SOCIALI: 6, COLLOQUI: 95 },
  },
  {
    organisation: CARITAS,
    name: "Emporio solidale Il Granaio",
    kind: "EMPORIO_SOLIDALE",
    description: "Un piccolo supermercato dove le famiglie fanno la spesa gratuitamente con una tessera a punti.",
    address: "Via Cadorna 5",
    area: "Crocetta",
    eligibility: "Famiglie con ISEE sotto 9.360 € seguite dal centro di ascolto o dai servizi sociali",
    accessMode: "INVIO_CENTRO_ASCOLTO",
    accessNotes: "Tessera rilasciata dal centro di ascolto Caritas, valida sei mesi",
    phone: "02 0000 2103",
    capacity: "60 famiglie al mese",
    languages: "italiano, arabo",
    accessibility: "ACCESSIBILE",
    isPublic: true,
    openings: [...open([2], "14:30", "18:00"), ...open([4], "09:00", "12:00"), ...open([6], "09:00", "12:30")],
    usual: { FAMIGLIE_SERVITE: 55, PERSONE_NUOVE: 6, INVII_SERVIZI_SOCIALI: 9, PACCHI_DISTRIBUITI: 210 },
    // Last month not entered yet: the demo referent (Caritas) finds it on the home page.
    missingMonths: 1,
  },
  {
    organisation: "Banco Alimentare Paolo Galbiati",
    name: "Distribuzione pacchi alimentari",
    kind: "DISTRIBUZIONE_ALIMENTARE",
    description: "Pacco mensile con pasta, legumi, latte, olio e prodotti freschi quando disponibili.",
    address: "Via Sant'Eusebio 44",
    area: "Sant'Eusebio",
    eligibility: "Famiglie segnalate dai servizi sociali del Comune",
    accessMode: "INVIO_SERVIZI_SOCIALI",
    accessNotes: "Portare la lettera di segnalazione dell'assistente sociale",
    phone: "02 0000 2301",
    email: "volontari.servizi@banco.example.org",
    capacity: "120 famiglie al mese",
    languages: "italiano",
    accessibility: "PARZIALE",
    accessibilityNotes: "Un gradino all'ingresso; i volontari portano il pacco all'esterno su richiesta",
    isPublic: false,
    openings: [...open([5], "14:00", "17:00"), ...open([6], "08:30", "11:30")],
    usual: { FAMIGLIE_SERVITE: 110, PERSONE_NUOVE: 8, INVII_SERVIZI_SOCIALI: 14, PACCHI_DISTRIBUITI: 115 },
  },
  {
    organisation: "Gruppi di Volontariato Vincenziano-AIC Italia",
    name: "Mensa serale San Vincenzo",
    kind: "MENSA",
    description: "Cena calda servita al tavolo, dal lunedì al venerdì.",
    address: "Piazza Gramsci 3",
    area: "Centro",
    eligibility: "Persone sole o senza dimora, senza requisiti di residenza",
    accessMode: "ACCESSO_LIBERO",
    capacity: "40 pasti a sera",
    languages: "italiano, inglese, rumeno",
    accessibility: "ACCESSIBILE",
    isPublic: true,
    openings: open([1, 2, 3, 4, 5], "18:30", "20:00"),
    usual: { FAMIGLIE_SERVITE: 30, PERSONE_NUOVE: 5, INVII_SERVIZI_SOCIALI: 2, PASTI_SERVITI: 720 },
  },
  {
    organisation: "Croce Rossa Italiana-Comitato Locale di Cinisello Balsamo",
    name: "Unità di strada",
    kind: "ALTRO",
    description: "Volontari in strada con bevande calde, coperte e un primo ascolto per le persone senza dimora.",
    address: "Partenza dalla sede di via Libertà 20",
    area: "Balsamo",
    eligibility: "Persone senza dimora",
    accessMode: "ACCESSO_LIBERO",
    accessNotes: "L'unità passa da piazza Gramsci e dalla stazione; si può chiamare il numero per segnalare una persona",
    phone: "02 0000 2201",
    email: "sociale.servizi@cri.example.org",
    languages: "italiano, inglese, francese",
    accessibility: "NON_INDICATA",
    isPublic: true,
    openings: [...open([2], "20:00", "23:30"), ...open([5], "20:00", "02:00")],
    usual: { FAMIGLIE_SERVITE: 0, PERSONE_NUOVE: 4, INVII_SERVIZI_SOCIALI: 1 },
  },
  {
    organisation: "Croce Rossa Italiana-Comitato Locale di Cinisello Balsamo",
    name: "Vestiario solidale",
    kind: "VESTIARIO",
    description: "Abiti, scarpe e biancheria per adulti e bambini, puliti e selezionati.",
    address: "Via Libertà 20",
    area: "Balsamo",
    eligibility: "Persone e famiglie in difficoltà",
    accessMode: "SU_APPUNTAMENTO",
    accessNotes: "Telefonare il lunedì mattina per fissare l'appuntamento",
    phone: "02 0000 2202",
    languages: "italiano",
    accessibility: "NON_ACCESSIBILE",
    accessibilityNotes: "Il magazzino è al primo piano senza ascensore",
    isPublic: false,
    openings: [...open([3], "09:00", "12:00"), ...open([6], "14:30", "17:30")],
    usual: { FAMIGLIE_SERVITE: 25, PERSONE_NUOVE: 5, INVII_SERVIZI_SOCIALI: 3, CAPI_DISTRIBUITI: 180 },
  },
  {
    organisation: "Cooperativa La Cordata",
    name: "Housing temporaneo Casa Cordata",
    kind: "HOUSING_TEMPORANEO",
    description: "Otto alloggi per nuclei in emergenza abitativa, con un educatore per il progetto di autonomia.",
    address: "Via Monte Grappa 18",
    area: "Crocetta",
    eligibility: "Nuclei con sfratto esecutivo o in emergenza abitativa",
    accessMode: "INVIO_SERVIZI_SOCIALI",
    accessNotes: "Inserimento deciso con i servizi sociali, per al massimo 18 mesi",
    phone: "02 0000 2401",
    email: "abitare.servizi@cordata.example.org",
    capacity: "8 alloggi, 24 posti letto",
    languages: "italiano, inglese",
    accessibility: "ACCESSIBILE",
    isPublic: false,
    openings: open([1, 2, 3, 4, 5], "09:00", "13:00"),
    usual: { FAMIGLIE_SERVITE: 8, PERSONE_NUOVE: 1, INVII_SERVIZI_SOCIALI: 1, POSTI_OCCUPATI: 21 },
  },
  {
    organisation: "Cooperativa sociale Prima",
    name: "Sportello lavoro",
    kind: "ORIENTAMENTO_LAVORO",
    description: "Bilancio delle competenze, curriculum, ricerca di tirocini e corsi.",
    address: "Via Garibaldi 91",
    area: "Sant'Eusebio",
    eligibility: "Persone disoccupate o in cerca di un lavoro migliore, dai 18 anni",
    accessMode: "SU_APPUNTAMENTO",
    phone: "02 0000 2501",
    email: "lavoro.servizi@prima.example.org",
    capacity: "15 colloqui a settimana",
    languages: "italiano, inglese, spagnolo",
    accessibility: "ACCESSIBILE",
    isPublic: true,
    openings: [...open([2], "09:00", "13:00"), ...open([4], "14:00", "18:00")],
    usual: { FAMIGLIE_SERVITE: 35, PERSONE_NUOVE: 14, INVII_SERVIZI_SOCIALI: 5, COLLOQUI: 60 },
  },
  {
    organisation: "Cooperativa Il Torpedone",
    name: "Doposcuola Il Ponte",
    kind: "DOPOSCUOLA",
    description: "Aiuto nei compiti per ragazzi delle medie, con merenda.",
    address: "Via Verdi 6",
    area: "Balsamo",
    eligibility: "Ragazzi dagli 11 ai 14 anni",
    accessMode: "SU_APPUNTAMENTO",
    accessNotes: "Iscrizione con un genitore",
    phone: "02 0000 2601",
    capacity: "30 ragazzi",
    languages: "italiano, arabo, cinese",
    accessibility: "ACCESSIBILE",
    isPublic: true,
    openings: open([1, 3, 5], "14:30", "17:30"),
    usual: { FAMIGLIE_SERVITE: 26, PERSONE_NUOVE: 2, INVII_SERVIZI_SOCIALI: 4, MINORI_SEGUITI: 28 },
  },
  {
    organisation: "Azienda Multiservizi Farmacie",
    name: "Banco farmaceutico",
    kind: "FARMACI",
    description: "Farmaci da banco e prodotti per l'infanzia raccolti nelle farmacie comunali.",
    address: "Via Marconi 30",
    area: "Centro",
    eligibility: "Persone seguite dal centro di ascolto o dai servizi sociali",
    accessMode: "INVIO_CENTRO_ASCOLTO",
    phone: "02 0000 2701",
    languages: "italiano",
    accessibility: "ACCESSIBILE",
    isPublic: false,
    openings: open([4], "10:00", "12:00"),
    usual: { FAMIGLIE_SERVITE: 18, PERSONE_NUOVE: 3, INVII_SERVIZI_SOCIALI: 2, CONFEZIONI_FARMACI: 75 },
    missingMonths: 1,
  },
];

const MONTHS_OF_FIGURES = 10;

/** A repeatable wobble of ±15% around the usual value, so the charts look like real months. */
function wobble(base: number, seed: number) {
  const factor = 0.85 + ((Math.sin(seed * 12.9898) * 43758.5453) % 1 + 1) % 1 * 0.3;
  return Math.max(0, Math.round(base * factor));
}

export async function seedAidServices(db: Db, demo: DemoContext) {
  const coordinatorId = demo.userIds.get("coordinatore@example.org");
  if (!coordinatorId) throw new Error("Seed: the demo coordinator is missing");
  const coordinator = { id: coordinatorId, name: "Giulia Ferrari", role: "COORDINATOR", organisationId: "" };
  const thisMonth = currentMonthInRome(demo.today);
  for (const [index, demoService] of SERVICES.entries()) {
    const organisationId = demo.orgIds.get(demoService.organisation);
    if (!organisationId) throw new Error(`Seed: unknown organisation ${demoService.organisation}`);
    const { organisation: _organisation, usual, missingMonths = 0, ...fields } = demoService;
    const service = await createAidService(
      {
        description: "",
        accessNotes: "",
        capacity: "",
        languages: "",
        accessibilityNotes: "",
        phone: "",
        email: "",
        ...fields,
        status: "ACTIVE",
        organisationId,
      },
      coordinator,
    );
    // The services have been on the map as long as their figures go back: a service created this
    // month would owe no figures for last month, and the demo would show nobody missing.
    await db.aidService.update({ where: { id: service.id }, data: { createdAt: addMonths(thisMonth, -(MONTHS_OF_FIGURES + 1)) } });
    if (!usual) continue;
    // The clothes bank closes in August: that month says "nothing to report".
    const august = demoService.kind === "VESTIARIO";
    for (let back = MONTHS_OF_FIGURES; back >= 1 + missingMonths; back--) {
      const month = addMonths(thisMonth, -back);
      const nothing = august && month.getUTCMonth() === 7;
      const values = Object.fromEntries(
        metricsForKind(demoService.kind)
          .filter((metric) => usual[metric] !== undefined)
          .map((metric, m) => [metric, wobble(usual[metric]!, index * 100 + back * 7 + m)]),
      );
      await saveMonthlyFigures(service, month, { nothingToReport: nothing, note: nothing ? "Chiuso per ferie ad agosto" : "", values, confirmed: true }, coordinator);
    }
  }
}
