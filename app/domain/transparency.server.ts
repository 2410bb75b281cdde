import { createHash } from "node:crypto";
import { z } from "zod";
import { type Actor, recordChange } from "~/domain/audit.server";
import { meetingKindLabel } from "~/domain/meeting-rules";
import { getCoordinatingBodyName } from "~/domain/organisations.server";
import { legalFormLabel, membershipLabel } from "~/domain/organisations";
import { toCsv, type Cell, type Column } from "~/domain/project-export.server";
import { progressOfProjects, tavoloTotals } from "~/domain/project-progress.server";
import { fundingSourceLabel, INDICATOR_DIRECTIONS, projectStatusLabel } from "~/domain/projects";
import { sanitizeRichText } from "~/domain/rich-text.server";
import { getTavoloSettings, updateTavoloSettings } from "~/domain/tavolo-settings.server";
import { parseSections } from "~/domain/verbali.server";
import { db, type Prisma } from "~/db.server";
import { env } from "~/env.server";
import { dayInputValue, formatDay, formatRome, todayInRome } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { requiredText } from "~/utils/forms.server";

// The public transparency pages (no sign-in) and the open data: only what a coordinator opted in,
// item by item, and only the fields listed here. Every public read goes through this module, so
// what is public is decided in one place. See docs/decisions/029-public-transparency-pages.md.

// --- The coordinators' settings -------------------------------------------------------------------

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "1");

export const transparencySettingsFields = z.object({
  presentation: z
    .string()
    .max(100_000, "La presentazione è troppo lunga: accorciala.")
    .optional()
    .transform((value) => sanitizeRichText(value ?? "")),
  openDataLicence: requiredText("Indica la licenza dei dati aperti, per esempio «Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)».", 300),
  publishPresentation: checkbox,
  publishPartnerList: checkbox,
});
export type TransparencySettingsInput = z.output<typeof transparencySettingsFields>;

const hasText = (html: string) => html.replace(/<[^>]*>/g, "").replace(/&nbsp;|\s/g, "").length > 0;

export async function saveTransparencySettings(input: TransparencySettingsInput, actor: Actor) {
  if (input.publishPresentation && !hasText(input.presentation)) {
    throw new UserFacingError("Scrivi la presentazione del tavolo prima di pubblicarla.", 400, "presentation");
  }
  await updateTavoloSettings(input, actor);
}

export async function setProjectPublicFigures(projectId: string, publicFigures: boolean, actor: Actor) {
  await db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: projectId }, select: { code: true, publicFigures: true } });
    if (!project) throw new UserFacingError("Progetto non trovato.", 404);
    if (project.publicFigures === publicFigures) return;
    await tx.project.update({ where: { id: projectId }, data: { publicFigures } });
    await recordChange(tx, {
      subjectType: "PROJECT",
      subjectId: projectId,
      summary: publicFigures ? `Dati del progetto ${project.code} pubblicati sulle pagine pubbliche` : `Dati del progetto ${project.code} tolti dalle pagine pubbliche`,
      actor,
      changes: { "Dati pubblici": [project.publicFigures ? "sì" : "no", publicFigures ? "sì" : "no"] },
    });
  });
}

/** The coordinators' page: the settings, and what is public among verbali and projects. */
export async function transparencyOverview() {
  const [settings, verbali, projects] = await Promise.all([
    getTavoloSettings(),
    db.verbale.findMany({
      where: { status: "PUBBLICATO" },
      orderBy: { meeting: { startsAt: "desc" } },
      take: 200,
      select: { id: true, publicAt: true, publicContent: true, meeting: { select: { id: true, title: true, startsAt: true } } },
    }),
    db.project.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, title: true, publicFigures: true } }),
  ]);
  return {
    settings: {
      presentation: settings.presentation,
      publishPresentation: settings.publishPresentation,
      publishPartnerList: settings.publishPartnerList,
      openDataLicence: settings.openDataLicence,
    },
    verbali: verbali.map((v) => ({
      meetingId: v.meeting.id,
      title: v.meeting.title,
      day: formatRome(v.meeting.startsAt, "d MMMM yyyy"),
      state: v.publicAt ? ("PUBLIC" as const) : v.publicContent !== null ? ("PREPARED" as const) : ("NONE" as const),
    })),
    projects,
  };
}

// --- Public reads -------------------------------------------------------------------------------

/** The presentation and the strategic objectives; null unless a coordinator published it. */
export async function publicPresentation() {
  const settings = await getTavoloSettings();
  if (!settings.publishPresentation || !hasText(settings.presentation)) return null;
  const objectives = await db.strategicObjective.findMany({
    orderBy: [{ position: "asc" }, { code: "asc" }],
    select: { code: true, title: true, description: true },
  });
  return { html: settings.presentation, objectives };
}

/**
 * Since when an organisation is in the tavolo: the first PARTNER or ADERENTE step after its last
 * withdrawal (a body that left and came back is counted from its return).
 */
export function memberSince(changes: { status: string; effectiveOn: Date }[]): Date | null {
  let since: Date | null = null;
  for (const change of [...changes].sort((a, b) => a.effectiveOn.getTime() - b.effectiveOn.getTime())) {
    if (change.status === "EX_PARTNER") since = null;
    else since ??= change.effectiveOn;
  }
  return since;
}

/** Current partners and adhering bodies: name, legal form, membership and since when. Nothing else. */
export async function publicPartners() {
  const settings = await getTavoloSettings();
  if (!settings.publishPartnerList) return null;
  const organisations = await db.organisation.findMany({
    where: { status: { in: ["PARTNER", "ADERENTE"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, legalForm: true, status: true, membershipChanges: { select: { status: true, effectiveOn: true } } },
  });
  return organisations.map((o) => {
    const since = memberSince(o.membershipChanges);
    return {
      id: o.id,
      name: o.name,
      legalForm: legalFormLabel(o.legalForm),
      membership: membershipLabel(o.status),
      status: o.status,
      since: since ? formatDay(since) : null,
    };
  });
}

/** Only a public version that is on the public pages, of a verbale still published. */
const publicVerbaleWhere = { status: "PUBBLICATO", publicAt: { not: null }, publicContent: { not: null } } satisfies Prisma.VerbaleWhereInput;

export async function publicVerbali() {
  const verbali = await db.verbale.findMany({
    where: publicVerbaleWhere,
    orderBy: { meeting: { startsAt: "desc" } },
    select: { id: true, publicAt: true, meeting: { select: { title: true, kind: true, startsAt: true } } },
  });
  return verbali.map((v) => ({
    id: v.id,
    title: v.meeting.title,
    kind: meetingKindLabel(v.meeting.kind),
    day: formatRome(v.meeting.startsAt, "d MMMM yyyy"),
  }));
}

export async function publicVerbale(id: string) {
  const verbale = await db.verbale.findFirst({
    where: { id, ...publicVerbaleWhere },
    select: { id: true, publicAt: true, publicContent: true, meeting: { select: { title: true, kind: true, startsAt: true } } },
  });
  if (!verbale?.publicContent || !verbale.publicAt) return null;
  return {
    id: verbale.id,
    title: verbale.meeting.title,
    kind: meetingKindLabel(verbale.meeting.kind),
    day: formatRome(verbale.meeting.startsAt, "d MMMM yyyy"),
    publishedOn: formatRome(verbale.publicAt, "d MMMM yyyy"),
    sections: parseSections(verbale.publicContent),
  };
}

// --- Public project figures -----------------------------------------------------------------------

const PUBLIC_PROJECTS = { publicFigures: true } satisfies Prisma.ProjectWhereInput;

/**
 * The figures of the opted-in projects, as the public pages and both open data files show them:
 * one computation (project-progress.server.ts, APPROVED rendicontazioni only) and one list of
 * fields, so the page and the files never disagree.
 */
export async function publicProjectFigures(where: Prisma.ProjectWhereInput = {}) {
  const scope = { AND: [PUBLIC_PROJECTS, where] };
  const [facts, progress] = await Promise.all([
    db.project.findMany({
      where: scope,
      orderBy: { code: "asc" },
      select: {
        id: true,
        code: true,
        cup: true,
        title: true,
        status: true,
        startsOn: true,
        endsOn: true,
        fundingSource: true,
        leadOrganisation: { select: { name: true } },
        partners: { orderBy: { organisation: { name: "asc" } }, select: { organisation: { select: { name: true } } } },
      },
    }),
    progressOfProjects(scope),
  ]);
  const byId = new Map(progress.map((p) => [p.projectId, p]));
  return facts.flatMap((p) => {
    const figures = byId.get(p.id);
    if (!figures) return [];
    return [
      {
        id: p.id,
        code: p.code,
        cup: p.cup ?? "",
        title: p.title,
        status: projectStatusLabel(p.status),
        startsOn: dayInputValue(p.startsOn),
        endsOn: dayInputValue(p.endsOn),
        lead: p.leadOrganisation.name,
        partners: p.partners.map((partner) => partner.organisation.name),
        fundingSource: fundingSourceLabel(p.fundingSource),
        programmedCents: figures.financial.programmedCents,
        admittedCents: figures.financial.admittedCents,
        committedCents: figures.financial.committedCents,
        disbursedCents: figures.financial.disbursedCents,
        liquidatedCents: figures.financial.liquidatedCents,
        indicators: figures.indicators.map((i) => ({
          name: i.name,
          unit: i.unit,
          direction: INDICATOR_DIRECTIONS[i.direction],
          baseline: i.baseline,
          target: i.target,
          targetOn: i.targetOn,
          achieved: i.achieved,
          lastValueOn: i.lastValueOn,
          percent: i.percent,
        })),
      },
    ];
  });
}
export type PublicProject = Awaited<ReturnType<typeof publicProjectFigures>>[number];

export async function publicProjects() {
  const [projects, totals] = await Promise.all([publicProjectFigures(), tavoloTotals(PUBLIC_PROJECTS)]);
  return { projects, total: totals.total };
}

export async function publicProject(id: string) {
  const [project] = await publicProjectFigures({ id });
  return project ?? null;
}

/** What the /pubblico index links to. */
export async function publicSections() {
  const [settings, verbali, projects] = await Promise.all([
    getTavoloSettings(),
    db.verbale.count({ where: publicVerbaleWhere }),
    db.project.count({ where: PUBLIC_PROJECTS }),
  ]);
  return {
    presentation: settings.publishPresentation && hasText(settings.presentation),
    partners: settings.publishPartnerList,
    verbali,
    projects,
  };
}

// --- Open data ------------------------------------------------------------------------------------

/** Licences that have a canonical address, recognised in the licence line a coordinator writes. */
const KNOWN_LICENCES: { match: RegExp; url: string }[] = [
  { match: /\bCC[ -]?BY[ -]?SA\b.*4\.0/i, url: "https://creativecommons.org/licenses/by-sa/4.0/" },
  { match: /\bCC[ -]?BY\b.*4\.0/i, url: "https://creativecommons.org/licenses/by/4.0/" },
  { match: /\bCC0\b/i, url: "https://creativecommons.org/publicdomain/zero/1.0/" },
  { match: /\bIODL\b.*2\.0/i, url: "https://www.dati.gov.it/content/italian-open-data-license-v20" },
];
export const licenceUrl = (licence: string) => KNOWN_LICENCES.find((known) => known.match.test(licence))?.url ?? null;

interface DatasetColumn {
  name: string;
  description: string;
  type: "testo" | "data" | "euro" | "numero";
}

const PROJECT_COLUMNS: DatasetColumn[] = [
  { name: "codice", description: "Codice del progetto nel tavolo", type: "testo" },
  { name: "cup", description: "Codice Unico di Progetto (vuoto se non assegnato)", type: "testo" },
  { name: "titolo", description: "Titolo del progetto", type: "testo" },
  { name: "stato", description: "Stato: In programmazione, In corso, Sospeso, Concluso", type: "testo" },
  { name: "data_inizio", description: "Inizio del progetto (AAAA-MM-GG)", type: "data" },
  { name: "data_fine", description: "Fine prevista del progetto (AAAA-MM-GG)", type: "data" },
  { name: "soggetto_attuatore", description: "Organizzazione capofila", type: "testo" },
  { name: "partner", description: "Organizzazioni partner, capofila compresa, separate da « | »", type: "testo" },
  { name: "fonte_finanziamento", description: "Fonte del finanziamento", type: "testo" },
  { name: "importo_programmato", description: "Importo programmato, in euro", type: "euro" },
  { name: "importo_ammesso", description: "Importo ammesso a finanziamento, in euro", type: "euro" },
  { name: "importo_impegnato", description: "Importo giuridicamente vincolante (impegnato), in euro", type: "euro" },
  { name: "importo_erogato", description: "Importo erogato dal finanziatore, in euro", type: "euro" },
  { name: "importo_liquidato", description: "Spese delle rendicontazioni approvate dal coordinamento, in euro", type: "euro" },
];

const INDICATOR_COLUMNS: DatasetColumn[] = [
  { name: "codice_progetto", description: "Codice del progetto (colonna «codice» dei progetti)", type: "testo" },
  { name: "titolo_progetto", description: "Titolo del progetto", type: "testo" },
  { name: "indicatore", description: "Nome dell'indicatore", type: "testo" },
  { name: "unita_misura", description: "Unità di misura", type: "testo" },
  { name: "direzione", description: "Da aumentare o da ridurre", type: "testo" },
  { name: "valore_partenza", description: "Valore di partenza (baseline)", type: "numero" },
  { name: "target", description: "Valore obiettivo", type: "numero" },
  { name: "data_target", description: "Data entro cui raggiungere il target (AAAA-MM-GG)", type: "data" },
  { name: "valore_raggiunto", description: "Valore raggiunto secondo le rendicontazioni approvate", type: "numero" },
  { name: "data_ultimo_valore", description: "Fine dell'ultimo periodo con un valore approvato (vuoto se nessuno)", type: "data" },
  { name: "percentuale_raggiungimento", description: "Avanzamento verso il target, in percentuale", type: "numero" },
];

export const DATASETS = {
  progetti: {
    title: "Progetti del tavolo: dati finanziari",
    description:
      "Un progetto per riga: stato, periodo, capofila, partner e importi (programmato, ammesso, impegnato, erogato, liquidato). Solo i progetti che il coordinamento ha reso pubblici; il liquidato conta solo le rendicontazioni approvate.",
    columns: PROJECT_COLUMNS,
  },
  indicatori: {
    title: "Progetti del tavolo: indicatori",
    description:
      "Un indicatore di progetto per riga: valore di partenza, target e valore raggiunto secondo le sole rendicontazioni approvate. Solo i progetti che il coordinamento ha reso pubblici.",
    columns: INDICATOR_COLUMNS,
  },
} as const;
export type DatasetName = keyof typeof DATASETS;
export const DATASET_FORMATS = ["csv", "json"] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** "progetti.csv" → the dataset and its format; null for any other name. */
export function parseDatasetFile(file: string): { name: DatasetName; format: DatasetFormat } | null {
  const match = /^([a-z]+)\.([a-z]+)$/.exec(file);
  if (!match) return null;
  const [, name, format] = match;
  if (!name || !(name in DATASETS) || !DATASET_FORMATS.includes(format as DatasetFormat)) return null;
  return { name: name as DatasetName, format: format as DatasetFormat };
}

export const datasetPath = (name: DatasetName, format: DatasetFormat) => `/pubblico/dati/${name}.${format}`;

type Value = string | number | null;
const euro = (cents: number) => ({ cents });

function datasetRows(name: DatasetName, projects: PublicProject[]): Cell[][] {
  if (name === "progetti") {
    return projects.map((p) => [
      p.code,
      p.cup,
      p.title,
      p.status,
      p.startsOn,
      p.endsOn,
      p.lead,
      p.partners.join(" | "),
      p.fundingSource,
      euro(p.programmedCents),
      euro(p.admittedCents),
      euro(p.committedCents),
      euro(p.disbursedCents),
      euro(p.liquidatedCents),
    ]);
  }
  return projects.flatMap((p) =>
    p.indicators.map((i) => [p.code, p.title, i.name, i.unit, i.direction, i.baseline, i.target, i.targetOn, i.achieved, i.lastValueOn, i.percent]),
  );
}

/** A cell as JSON: euro as a number with two decimals at most, days as "AAAA-MM-GG". */
const jsonValue = (cell: Cell): Value => {
  if (cell === null) return null;
  if (cell instanceof Date) return dayInputValue(cell);
  if (typeof cell === "object") return cell.cents / 100;
  return cell;
};

/**
 * One dataset as a file. The CSV follows decision 016 (UTF-8 with BOM, ";", CRLF, decimals with a
 * comma, formulas neutralised) with days as AAAA-MM-GG; it cannot carry a licence line without
 * breaking its table, so the licence goes in the Link header and on the dataset page. The JSON
 * carries the metadata (title, publisher, licence, updated) beside the same rows.
 */
export async function openDataFile(name: DatasetName, format: DatasetFormat, now = new Date()) {
  const [projects, settings, publisher] = await Promise.all([publicProjectFigures(), getTavoloSettings(), getCoordinatingBodyName()]);
  const dataset = DATASETS[name];
  const rows = datasetRows(name, projects);
  const columns: Column[] = dataset.columns.map((c) => ({
    header: c.name,
    kind: c.type === "euro" ? "money" : c.type === "numero" ? "number" : "text",
    width: 20,
  }));
  const updated = dayInputValue(todayInRome(now));
  const url = new URL(datasetPath(name, format), env.APP_URL).toString();
  const body =
    format === "csv"
      ? toCsv(columns, rows)
      : `${JSON.stringify(
          {
            metadati: {
              titolo: dataset.title,
              descrizione: dataset.description,
              editore: publisher ?? env.TAVOLO_NAME,
              tavolo: env.TAVOLO_NAME,
              licenza: settings.openDataLicence,
              urlLicenza: licenceUrl(settings.openDataLicence),
              aggiornato: updated,
              url,
              documentazione: new URL("/pubblico/dati", env.APP_URL).toString(),
              colonne: dataset.columns.map((c) => ({ nome: c.name, descrizione: c.description, tipo: c.type })),
            },
            dati: rows.map((row) => Object.fromEntries(dataset.columns.map((c, index) => [c.name, jsonValue(row[index] ?? null)]))),
          },
          null,
          2,
        )}\n`;
  return {
    body,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
    fileName: `${name}.${format}`,
    licence: settings.openDataLicence,
    licenceUrl: licenceUrl(settings.openDataLicence),
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`,
  };
}

/** What the dataset page explains: each dataset's columns, its addresses and the licence. */
export async function openDataCatalogue() {
  const [settings, publisher, projects] = await Promise.all([getTavoloSettings(), getCoordinatingBodyName(), db.project.count({ where: PUBLIC_PROJECTS })]);
  return {
    licence: settings.openDataLicence,
    licenceUrl: licenceUrl(settings.openDataLicence),
    publisher: publisher ?? env.TAVOLO_NAME,
    projects,
    datasets: (Object.keys(DATASETS) as DatasetName[]).map((name) => ({
      name,
      title: DATASETS[name].title,
      description: DATASETS[name].description,
      columns: DATASETS[name].columns,
      files: DATASET_FORMATS.map((format) => ({ format, path: datasetPath(name, format), url: new URL(datasetPath(name, format), env.APP_URL).toString() })),
    })),
  };
}
