import type ExcelJS from "exceljs";
import { newWorkbook } from "~/utils/xlsx.server";
import Papa from "papaparse";
import { db, type Prisma } from "~/db.server";
import { env } from "~/env.server";
import { euroInputValue, formatEuro, formatPercent, formatQuantity, sumCents } from "~/domain/money";
import {
  mergeStateCounts,
  progressOfProjects,
  tavoloTotals,
  type Beneficiaries,
  type ProjectProgress,
  type StateCount,
} from "~/domain/project-progress.server";
import { expenseCategoryLabel, fundingSourceLabel, projectStatusLabel } from "~/domain/projects";
import { richTextToPlain } from "~/domain/rich-text.server";
import { renderPdf } from "~/pdf/layout.server";
import { formatDay, formatRome, parseDay, todayInRome } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";

// The projects as files: the monitoring export (CSV and XLSX, in a column layout close to the
// ministry's ReGiS monitoring) and the tavolo's periodic report (PDF and XLSX). Figures come from
// project-progress.server.ts, so approved rendicontazioni are the only source of what was spent
// and achieved. Amounts stay whole cents until the last step: the CSV writes them as "1230620,00",
// the XLSX as numbers of euro with a euro format. See docs/decisions/023-charts-and-reports.md.

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ProjectExportFormat = (typeof EXPORT_FORMATS)[number];
export const REPORT_FORMATS = ["pdf", "xlsx"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
} as const;

export interface ExportFile {
  body: Buffer | string;
  contentType: string;
  fileName: string;
}

// --- Cells shared by the CSV and XLSX writers ---------------------------------------------------

export type Cell = string | number | Date | { cents: number } | null;
type ColumnKind = "text" | "money" | "number" | "date";
export interface Column {
  header: string;
  kind: ColumnKind;
  width: number;
}

const money = (cents: number) => ({ cents });
const isMoney = (cell: Cell): cell is { cents: number } => typeof cell === "object" && cell !== null && !(cell instanceof Date);

/** A stored day as "gg/mm/aaaa", as the organisations' export writes it. */
const italianDay = (day: Date) => day.toISOString().slice(0, 10).split("-").reverse().join("/");

function csvCell(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return italianDay(cell);
  if (isMoney(cell)) return euroInputValue(cell.cents);
  // Italian spreadsheets read a comma as the decimal separator; no thousands separator.
  if (typeof cell === "number") return String(cell).replace(".", ",");
  return cell;
}

/** Same rules as the organisations' export: ";" and a BOM for Italian Excel, formulas neutralised. */
export function toCsv(columns: Column[], rows: Cell[][]) {
  const text = Papa.unparse(
    { fields: columns.map((c) => c.header), data: rows.map((row) => row.map(csvCell)) },
    { delimiter: ";", newline: "\r\n", escapeFormulae: true },
  );
  return `\uFEFF${text.replace(/(\r\n)?$/, "\r\n")}`;
}

const EURO_FORMAT = '#,##0.00 "€"';
const NUMBER_FORMAT = "#,##0.##";
const DAY_FORMAT = "dd/mm/yyyy";
const FORMATS: Record<ColumnKind, string> = { text: "@", money: EURO_FORMAT, number: NUMBER_FORMAT, date: DAY_FORMAT };

/**
 * The one place where cents become a fractional number: a spreadsheet cell holds euro, and Excel
 * shows it with two decimals. Every sum was made before, in whole cents.
 */
const euroCellValue = (cents: number) => cents / 100;

function xlsxCell(cell: Cell): string | number | Date {
  if (cell === null) return "";
  if (isMoney(cell)) return euroCellValue(cell.cents);
  return cell;
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: Cell[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width, style: { numFmt: FORMATS[column.kind] } }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { wrapText: true, vertical: "top" };
  for (const row of rows) sheet.addRow(row.map(xlsxCell));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

const newTavoloWorkbook = async () => {
  const workbook = await newWorkbook();
  workbook.creator = env.TAVOLO_NAME;
  return workbook;
};

const xlsxBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

// --- What the files are made of -----------------------------------------------------------------

const projectFactsSelect = {
  id: true,
  code: true,
  title: true,
  cup: true,
  rup: true,
  status: true,
  startsOn: true,
  endsOn: true,
  fundingSource: true,
  fundingDetail: true,
  uncommittedReason: true,
  expectedCommitmentOn: true,
  leadOrganisation: { select: { name: true } },
  partners: { select: { budgetCents: true, organisation: { select: { name: true } } } },
} satisfies Prisma.ProjectSelect;
type ProjectFacts = Prisma.ProjectGetPayload<{ select: typeof projectFactsSelect }>;

const fundingText = (project: Pick<ProjectFacts, "fundingSource" | "fundingDetail">) =>
  project.fundingDetail ? `${fundingSourceLabel(project.fundingSource)} (${project.fundingDetail})` : fundingSourceLabel(project.fundingSource);

/** Projects and their progress side by side, in code order. */
async function projectsWithProgress(where: Prisma.ProjectWhereInput, options: { today: Date; upTo?: Date }) {
  const [facts, progress] = await Promise.all([
    db.project.findMany({ where, orderBy: { code: "asc" }, select: projectFactsSelect }),
    progressOfProjects(where, options),
  ]);
  const byId = new Map(progress.map((p) => [p.projectId, p]));
  return facts.flatMap((project) => {
    const found = byId.get(project.id);
    return found ? [{ project, progress: found }] : [];
  });
}

const FINANCIAL_COLUMNS: Column[] = [
  { header: "CUP", kind: "text", width: 18 },
  { header: "Codice progetto", kind: "text", width: 16 },
  { header: "Titolo", kind: "text", width: 40 },
  { header: "Soggetto attuatore", kind: "text", width: 32 },
  { header: "Fonte di finanziamento", kind: "text", width: 36 },
  { header: "Importo programmato", kind: "money", width: 18 },
  { header: "Importo ammesso", kind: "money", width: 18 },
  { header: "Importo impegnato (giuridicamente vincolante)", kind: "money", width: 20 },
  { header: "Importo liquidato", kind: "money", width: 18 },
  { header: "Importo erogato", kind: "money", width: 18 },
];

const projectCells = (project: ProjectFacts, progress: ProjectProgress): Cell[] => [
  project.cup,
  project.code,
  project.title,
  project.leadOrganisation.name,
  fundingText(project),
  money(progress.financial.programmedCents),
  money(progress.financial.admittedCents),
  money(progress.financial.committedCents),
  money(progress.financial.liquidatedCents),
  money(progress.financial.disbursedCents),
];

/** The monitoring layout: the project's figures, then one indicator value per row. */
const MONITORING_COLUMNS: Column[] = [
  ...FINANCIAL_COLUMNS,
  { header: "Indicatore", kind: "text", width: 40 },
  { header: "Unità di misura", kind: "text", width: 16 },
  { header: "Target", kind: "number", width: 10 },
  { header: "Data target", kind: "date", width: 12 },
  { header: "Valore", kind: "number", width: 10 },
  { header: "Data del valore", kind: "date", width: 14 },
  { header: "Organizzazione", kind: "text", width: 32 },
];

const FINANCIAL_PROGRESS_COLUMNS: Column[] = [
  ...FINANCIAL_COLUMNS,
  { header: "Importo non impegnato", kind: "money", width: 18 },
  { header: "Motivo del mancato impegno", kind: "text", width: 40 },
  { header: "Data prevista dell'impegno", kind: "date", width: 14 },
  { header: "Stato", kind: "text", width: 16 },
  { header: "Inizio", kind: "date", width: 12 },
  { header: "Fine", kind: "date", width: 12 },
];

/**
 * One row per approved indicator value (a partner's value for a period); a project with no
 * approved value yet still has one row, with its amounts and the indicator columns empty, so
 * that every project appears in the file.
 */
async function monitoringRows(today: Date): Promise<Cell[][]> {
  const [projects, values] = await Promise.all([
    projectsWithProgress({}, { today }),
    db.rendicontazioneIndicatorValue.findMany({
      where: { rendicontazione: { status: "APPROVED" } },
      select: {
        value: true,
        projectIndicator: {
          select: { projectId: true, position: true, target: true, targetOn: true, indicator: { select: { name: true, unit: true } } },
        },
        rendicontazione: { select: { organisation: { select: { name: true } }, period: { select: { endsOn: true } } } },
      },
    }),
  ]);
  const byProject = new Map<string, typeof values>();
  for (const value of values) byProject.set(value.projectIndicator.projectId, [...(byProject.get(value.projectIndicator.projectId) ?? []), value]);
  return projects.flatMap(({ project, progress }) => {
    const base = projectCells(project, progress);
    const mine = (byProject.get(project.id) ?? []).sort(
      (a, b) =>
        a.projectIndicator.position - b.projectIndicator.position ||
        a.projectIndicator.indicator.name.localeCompare(b.projectIndicator.indicator.name, "it") ||
        a.rendicontazione.period.endsOn.getTime() - b.rendicontazione.period.endsOn.getTime() ||
        a.rendicontazione.organisation.name.localeCompare(b.rendicontazione.organisation.name, "it"),
    );
    if (mine.length === 0) return [[...base, null, null, null, null, null, null, null]];
    return mine.map((v) => [
      ...base,
      v.projectIndicator.indicator.name,
      v.projectIndicator.indicator.unit,
      v.projectIndicator.target,
      v.projectIndicator.targetOn,
      v.value,
      v.rendicontazione.period.endsOn,
      v.rendicontazione.organisation.name,
    ]);
  });
}

function financialProgressRows(projects: { project: ProjectFacts; progress: ProjectProgress }[]): Cell[][] {
  return projects.map(({ project, progress }) => [
    ...projectCells(project, progress),
    money(progress.financial.uncommitted?.cents ?? 0),
    progress.financial.uncommitted ? project.uncommittedReason : "",
    progress.financial.uncommitted ? project.expectedCommitmentOn : null,
    projectStatusLabel(project.status),
    project.startsOn,
    project.endsOn,
  ]);
}

/** /progetti/esporta/csv|xlsx: every project, approved figures only. */
export async function exportProjects(format: ProjectExportFormat, now = new Date()): Promise<ExportFile> {
  const today = todayInRome(now);
  const stamp = formatRome(now, "yyyy-MM-dd");
  const rows = await monitoringRows(today);
  if (format === "csv")
    return { body: toCsv(MONITORING_COLUMNS, rows), contentType: CONTENT_TYPES.csv, fileName: `monitoraggio-progetti-${stamp}.csv` };
  const workbook = await newTavoloWorkbook();
  addTableSheet(workbook, "Indicatori", MONITORING_COLUMNS, rows);
  addTableSheet(workbook, "Avanzamento finanziario", FINANCIAL_PROGRESS_COLUMNS, financialProgressRows(await projectsWithProgress({}, { today })));
  return { body: await xlsxBuffer(workbook), contentType: CONTENT_TYPES.xlsx, fileName: `monitoraggio-progetti-${stamp}.xlsx` };
}

// --- The periodic report ------------------------------------------------------------------------

export interface ReportRange {
  from: Date;
  to: Date;
}

/** ?dal=yyyy-mm-dd&al=yyyy-mm-dd, both required; an Italian 400 otherwise. */
export function parseReportRange(params: URLSearchParams): ReportRange {
  const fromText = params.get("dal")?.trim() ?? "";
  const toText = params.get("al")?.trim() ?? "";
  if (!fromText || !toText) throw new UserFacingError("Indica il periodo del report: la data di inizio (dal) e quella di fine (al).", 400);
  const from = parseDay(fromText);
  const to = parseDay(toText);
  if (!from) throw new UserFacingError(`La data di inizio "${fromText}" non è valida: usa il formato aaaa-mm-gg.`, 400, "dal");
  if (!to) throw new UserFacingError(`La data di fine "${toText}" non è valida: usa il formato aaaa-mm-gg.`, 400, "al");
  if (to < from) throw new UserFacingError("La fine del periodo non può precedere l'inizio.", 400, "al");
  return { from, to };
}

/** The current calendar year in Rome: the report's default period. */
export function currentYearRange(now = new Date()): { dal: string; al: string } {
  const year = formatRome(now, "yyyy");
  return { dal: `${year}-01-01`, al: `${year}-12-31` };
}

const periodText = (range: ReportRange) => `dal ${formatDay(range.from)} al ${formatDay(range.to)}`;

interface ReportProject {
  project: ProjectFacts;
  progress: ProjectProgress;
  /** Periods ending inside the range */
  inRange: ProjectProgress["periods"];
  liquidatedInRangeCents: number;
  beneficiariesInRange: Beneficiaries;
  states: StateCount[];
  notes: { number: number; endsOn: string; text: string }[];
}

const looksLikeHtml = (text: string) => /<[a-z][^>]*>/i.test(text);
const plainNote = (note: string) => (looksLikeHtml(note) ? richTextToPlain(note) : note).trim();

/** Everything the report says, for the PDF and the XLSX alike. */
export async function periodicReportData(range: ReportRange, now = new Date()) {
  const today = todayInRome(now);
  // Active in the period: the project's dates overlap it.
  const where: Prisma.ProjectWhereInput = { startsOn: { lte: range.to }, endsOn: { gte: range.from } };
  const inside = (iso: string) => {
    const day = parseDay(iso);
    return !!day && day >= range.from && day <= range.to;
  };
  const [projects, totals, expenses] = await Promise.all([
    projectsWithProgress(where, { today, upTo: range.to }),
    tavoloTotals(where, { today, upTo: range.to }),
    db.rendicontazioneExpense.findMany({
      where: { rendicontazione: { status: "APPROVED", project: where, period: { endsOn: { gte: range.from, lte: range.to } } } },
      select: {
        category: true,
        description: true,
        amountCents: true,
        reference: true,
        position: true,
        rendicontazione: {
          select: {
            project: { select: { code: true } },
            organisation: { select: { name: true } },
            period: { select: { number: true, endsOn: true } },
          },
        },
      },
    }),
  ]);

  const reportProjects: ReportProject[] = projects.map(({ project, progress }) => {
    const inRange = progress.periods.filter((period) => inside(period.endsOn));
    const beneficiariesInRange = { households: 0, people: 0, minors: 0 };
    for (const period of inRange) {
      beneficiariesInRange.households += period.beneficiaries.households;
      beneficiariesInRange.people += period.beneficiaries.people;
      beneficiariesInRange.minors += period.beneficiaries.minors;
    }
    return {
      project,
      progress,
      inRange,
      liquidatedInRangeCents: sumCents(inRange.map((period) => period.liquidatedCents)),
      beneficiariesInRange,
      states: mergeStateCounts(inRange.map((period) => period.states)),
      notes: inRange.flatMap((period) => {
        const text = plainNote(period.consolidatedNote);
        return text ? [{ number: period.number, endsOn: period.endsOn, text }] : [];
      }),
    };
  });

  const beneficiaries = { households: 0, people: 0, minors: 0 };
  for (const entry of reportProjects) {
    beneficiaries.households += entry.beneficiariesInRange.households;
    beneficiaries.people += entry.beneficiariesInRange.people;
    beneficiaries.minors += entry.beneficiariesInRange.minors;
  }

  const sortedExpenses = expenses
    .map((e) => ({
      projectCode: e.rendicontazione.project.code,
      periodNumber: e.rendicontazione.period.number,
      periodEndsOn: e.rendicontazione.period.endsOn,
      organisation: e.rendicontazione.organisation.name,
      category: expenseCategoryLabel(e.category),
      description: e.description,
      amountCents: Number(e.amountCents),
      reference: e.reference,
      position: e.position,
    }))
    .sort(
      (a, b) =>
        a.projectCode.localeCompare(b.projectCode, "it") ||
        a.periodNumber - b.periodNumber ||
        a.organisation.localeCompare(b.organisation, "it") ||
        a.position - b.position,
    );

  return {
    tavolo: env.TAVOLO_NAME,
    range,
    projects: reportProjects,
    bySource: totals.bySource,
    total: totals.total,
    liquidatedInRangeCents: sumCents(reportProjects.map((p) => p.liquidatedInRangeCents)),
    beneficiaries,
    expenses: sortedExpenses,
  };
}
type ReportData = Awaited<ReturnType<typeof periodicReportData>>;

const countText = (n: number, one: string, many: string) => `${n.toLocaleString("it-IT")} ${n === 1 ? one : many}`;
const statesText = (states: ReportProject["states"]) =>
  states.length ? states.map((s) => `${s.label}: ${s.count}`).join(", ") : "nessuna rendicontazione dovuta per periodi chiusi nel periodo";

// --- PDF ----------------------------------------------------------------------------------------

interface PdfColumn {
  title: string;
  /** Share of the text width */
  share: number;
  align?: "left" | "right";
}

const RULE = "#b1b1b3";
const GREY = "#5c6f82";

/** A simple table that breaks across pages, repeating its header; cells wrap. */
function drawTable(doc: PDFKit.PDFDocument, columns: PdfColumn[], rows: string[][]) {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const widths = columns.map((c) => c.share * width);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const heightOf = (cells: string[], bold: boolean) => {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
    return Math.max(...cells.map((cell, i) => doc.heightOfString(cell || " ", { width: widths[i]! - 6 }))) + 6;
  };
  const drawRow = (cells: string[], bold: boolean) => {
    const height = heightOf(cells, bold);
    if (doc.y + height > bottom()) {
      doc.addPage();
      if (!bold)
        drawRow(
          columns.map((c) => c.title),
          true,
        );
    }
    const y = doc.y;
    let x = left;
    doc
      .font(bold ? "Helvetica-Bold" : "Helvetica")
      .fontSize(9)
      .fillColor("black");
    cells.forEach((cell, i) => {
      doc.text(cell, x + 3, y + 3, { width: widths[i]! - 6, align: columns[i]?.align ?? "left" });
      x += widths[i]!;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + width, y + height)
      .lineWidth(bold ? 0.75 : 0.4)
      .strokeColor(RULE)
      .stroke();
    doc.x = left;
    doc.y = y + height;
  };
  drawRow(
    columns.map((c) => c.title),
    true,
  );
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.8);
}

function heading(doc: PDFKit.PDFDocument, text: string, size = 13) {
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.4).font("Helvetica-Bold").fontSize(size).fillColor("black").text(text, doc.page.margins.left).moveDown(0.3);
  doc.font("Helvetica").fontSize(10);
}

function facts(doc: PDFKit.PDFDocument, lines: [string, string][]) {
  for (const [label, value] of lines) {
    doc.font("Helvetica-Bold").fontSize(10).fillColor("black").text(`${label}: `, doc.page.margins.left, doc.y, { continued: true });
    doc.font("Helvetica").text(value || "—");
  }
  doc.moveDown(0.6);
}

const MONEY_COLUMN = { share: 0.2, align: "right" as const };

function drawReport(doc: PDFKit.PDFDocument, report: ReportData) {
  // Cover
  doc.moveDown(4).font("Helvetica-Bold").fontSize(22).fillColor("black").text(report.tavolo, { align: "center" });
  doc.moveDown(0.5).font("Helvetica").fontSize(14).text("Report periodico dei progetti", { align: "center" });
  doc
    .moveDown(0.3)
    .fontSize(12)
    .fillColor(GREY)
    .text(`Periodo ${periodText(report.range)}`, { align: "center" });
  doc
    .moveDown(2)
    .fontSize(10)
    .fillColor("black")
    .text(
      "Le cifre riportano solo le rendicontazioni approvate. Il liquidato e i beneficiari del periodo sono quelli dei periodi di rendicontazione che si chiudono nell'intervallo scelto; il liquidato cumulato e gli indicatori sono calcolati fino alla fine dell'intervallo.",
      { align: "left" },
    );

  // Summary
  doc.addPage();
  heading(doc, "Sintesi", 15);
  facts(doc, [
    ["Progetti attivi nel periodo", report.projects.length.toLocaleString("it-IT")],
    ["Importo programmato", formatEuro(report.total.programmedCents)],
    ["Importo impegnato", formatEuro(report.total.committedCents)],
    ["Liquidato nel periodo", formatEuro(report.liquidatedInRangeCents)],
    ["Liquidato cumulato alla fine del periodo", formatEuro(report.total.liquidatedCents)],
    ["Importo erogato", formatEuro(report.total.disbursedCents)],
    [
      "Beneficiari raggiunti nel periodo",
      `${countText(report.beneficiaries.households, "nucleo familiare", "nuclei familiari")}, ${countText(report.beneficiaries.people, "persona", "persone")} (di cui ${countText(report.beneficiaries.minors, "minore", "minori")})`,
    ],
  ]);
  heading(doc, "Finanziamenti per fonte", 12);
  if (report.bySource.length === 0) {
    doc.text("Nessun progetto attivo nel periodo.").moveDown(0.6);
  } else {
    drawTable(
      doc,
      [
        { title: "Fonte", share: 0.28 },
        { title: "Progetti", share: 0.12, align: "right" },
        { title: "Programmato", ...MONEY_COLUMN },
        { title: "Impegnato", ...MONEY_COLUMN },
        { title: "Liquidato cumulato", ...MONEY_COLUMN },
      ],
      [
        ...report.bySource.map((s) => [
          s.label,
          String(s.projects),
          formatEuro(s.programmedCents),
          formatEuro(s.committedCents),
          formatEuro(s.liquidatedCents),
        ]),
        [
          "Totale",
          String(report.total.projects),
          formatEuro(report.total.programmedCents),
          formatEuro(report.total.committedCents),
          formatEuro(report.total.liquidatedCents),
        ],
      ],
    );
  }

  // One section per project
  for (const entry of report.projects) {
    const { project, progress } = entry;
    doc.addPage();
    heading(doc, `${project.code} · ${project.title}`, 14);
    facts(doc, [
      ["CUP", project.cup ?? "non indicato"],
      ["RUP", project.rup],
      ["Soggetto attuatore", project.leadOrganisation.name],
      [
        "Partner",
        progress.partners
          .filter((p) => !p.isLead)
          .map((p) => p.name)
          .join(", ") || "nessuno",
      ],
      ["Fonte di finanziamento", fundingText(project)],
      ["Stato", projectStatusLabel(project.status)],
      ["Durata", `dal ${formatDay(project.startsOn)} al ${formatDay(project.endsOn)}`],
    ]);
    heading(doc, "Importi", 11);
    const f = progress.financial;
    drawTable(
      doc,
      [
        { title: "Voce", share: 0.6 },
        { title: "Importo", share: 0.4, align: "right" },
      ],
      [
        ["Programmato", formatEuro(f.programmedCents)],
        ["Ammesso a finanziamento", formatEuro(f.admittedCents)],
        ["Impegnato (giuridicamente vincolante)", formatEuro(f.committedCents)],
        [`Liquidato fino al ${formatDay(report.range.to)}`, formatEuro(f.liquidatedCents)],
        ["di cui liquidato nel periodo", formatEuro(entry.liquidatedInRangeCents)],
        ["Erogato", formatEuro(f.disbursedCents)],
        ...(f.uncommitted
          ? [
              [
                `Non impegnato${f.uncommitted.reason ? `: ${f.uncommitted.reason}` : ""}${f.uncommitted.expectedOn ? ` (impegno previsto entro il ${formatDay(parseDay(f.uncommitted.expectedOn)!)})` : ""}`,
                formatEuro(f.uncommitted.cents),
              ],
            ]
          : []),
      ],
    );
    heading(doc, "Indicatori", 11);
    if (progress.indicators.length === 0) {
      doc.text("Nessun indicatore.").moveDown(0.6);
    } else {
      drawTable(
        doc,
        [
          { title: "Indicatore", share: 0.4 },
          { title: "Obiettivo", share: 0.25 },
          { title: "Raggiunto", share: 0.2, align: "right" },
          { title: "%", share: 0.15, align: "right" },
        ],
        progress.indicators.map((i) => [
          `${i.name} (${i.unit}${i.direction === "DECREASE" ? ", da ridurre" : ""})`,
          `${formatQuantity(i.target)} entro il ${formatDay(parseDay(i.targetOn)!)}`,
          formatQuantity(i.achieved),
          formatPercent(i.percent),
        ]),
      );
    }
    heading(doc, "Rendicontazioni dei periodi chiusi nell'intervallo", 11);
    doc.text(statesText(entry.states));
    doc.text(
      `Beneficiari: ${countText(entry.beneficiariesInRange.households, "nucleo familiare", "nuclei familiari")}, ${countText(entry.beneficiariesInRange.people, "persona", "persone")} (di cui ${countText(entry.beneficiariesInRange.minors, "minore", "minori")}).`,
    );
    doc.moveDown(0.6);
    if (entry.notes.length > 0) {
      heading(doc, "Note del capofila", 11);
      for (const note of entry.notes) {
        doc
          .font("Helvetica-Bold")
          .fontSize(10)
          .text(`Periodo ${note.number} (fino al ${formatDay(parseDay(note.endsOn)!)})`);
        doc.font("Helvetica").fontSize(10).text(note.text).moveDown(0.5);
      }
    }
  }
}

// --- XLSX ---------------------------------------------------------------------------------------

async function reportXlsx(report: ReportData) {
  const workbook = await newTavoloWorkbook();

  const summary = workbook.addWorksheet("Riepilogo");
  summary.columns = [{ width: 44 }, { width: 22 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 18 }];
  summary.addRow([report.tavolo]).font = { bold: true, size: 14 };
  summary.addRow(["Report periodico dei progetti", periodText(report.range)]);
  summary.addRow([]);
  const figure = (label: string, value: number, format?: string) => {
    const row = summary.addRow([label, value]);
    if (format) row.getCell(2).numFmt = format;
  };
  figure("Progetti attivi nel periodo", report.projects.length);
  figure("Liquidato nel periodo", euroCellValue(report.liquidatedInRangeCents), EURO_FORMAT);
  figure("Liquidato cumulato alla fine del periodo", euroCellValue(report.total.liquidatedCents), EURO_FORMAT);
  figure("Nuclei familiari raggiunti nel periodo", report.beneficiaries.households);
  figure("Persone raggiunte nel periodo", report.beneficiaries.people);
  figure("di cui minori", report.beneficiaries.minors);
  summary.addRow([]);
  const sourceHeader = summary.addRow(["Fonte di finanziamento", "Progetti", "Programmato", "Ammesso", "Impegnato", "Liquidato cumulato", "Erogato"]);
  sourceHeader.font = { bold: true };
  const sourceRow = (label: string, t: ReportData["total"]) => {
    const row = summary.addRow([
      label,
      t.projects,
      euroCellValue(t.programmedCents),
      euroCellValue(t.admittedCents),
      euroCellValue(t.committedCents),
      euroCellValue(t.liquidatedCents),
      euroCellValue(t.disbursedCents),
    ]);
    for (let column = 3; column <= 7; column++) row.getCell(column).numFmt = EURO_FORMAT;
    return row;
  };
  for (const source of report.bySource) sourceRow(source.label, source);
  sourceRow("Totale", report.total).font = { bold: true };

  addTableSheet(
    workbook,
    "Progetti",
    [
      ...FINANCIAL_COLUMNS,
      { header: "Liquidato nel periodo", kind: "money", width: 18 },
      { header: "Partner", kind: "text", width: 40 },
      { header: "Stato", kind: "text", width: 16 },
      { header: "Inizio", kind: "date", width: 12 },
      { header: "Fine", kind: "date", width: 12 },
      { header: "Rendicontazioni del periodo", kind: "text", width: 40 },
      { header: "Nuclei familiari nel periodo", kind: "number", width: 12 },
      { header: "Persone nel periodo", kind: "number", width: 12 },
      { header: "Note del capofila", kind: "text", width: 60 },
    ],
    report.projects.map((entry) => [
      ...projectCells(entry.project, entry.progress),
      money(entry.liquidatedInRangeCents),
      entry.progress.partners
        .filter((p) => !p.isLead)
        .map((p) => p.name)
        .join(", "),
      projectStatusLabel(entry.project.status),
      entry.project.startsOn,
      entry.project.endsOn,
      statesText(entry.states),
      entry.beneficiariesInRange.households,
      entry.beneficiariesInRange.people,
      entry.notes.map((n) => `Periodo ${n.number}: ${n.text}`).join("\n\n"),
    ]),
  );

  addTableSheet(
    workbook,
    "Indicatori",
    [
      { header: "Codice progetto", kind: "text", width: 16 },
      { header: "Indicatore", kind: "text", width: 40 },
      { header: "Unità di misura", kind: "text", width: 16 },
      { header: "Area tematica", kind: "text", width: 24 },
      { header: "Direzione", kind: "text", width: 14 },
      { header: "Valore di partenza", kind: "number", width: 12 },
      { header: "Target", kind: "number", width: 10 },
      { header: "Data target", kind: "date", width: 12 },
      { header: "Raggiunto", kind: "number", width: 12 },
      { header: "% del target", kind: "number", width: 12 },
    ],
    report.projects.flatMap((entry) =>
      entry.progress.indicators.map((i) => [
        entry.project.code,
        i.name,
        i.unit,
        i.thematicArea,
        i.direction === "DECREASE" ? "Da ridurre" : "Da aumentare",
        i.baseline,
        i.target,
        parseDay(i.targetOn),
        i.achieved,
        i.percent,
      ]),
    ),
  );

  addTableSheet(
    workbook,
    "Spese",
    [
      { header: "Codice progetto", kind: "text", width: 16 },
      { header: "Periodo", kind: "number", width: 8 },
      { header: "Fine del periodo", kind: "date", width: 12 },
      { header: "Organizzazione", kind: "text", width: 32 },
      { header: "Categoria", kind: "text", width: 24 },
      { header: "Descrizione", kind: "text", width: 40 },
      { header: "Importo", kind: "money", width: 16 },
      { header: "Documento", kind: "text", width: 32 },
    ],
    report.expenses.map((e) => [
      e.projectCode,
      e.periodNumber,
      e.periodEndsOn,
      e.organisation,
      e.category,
      e.description,
      money(e.amountCents),
      e.reference,
    ]),
  );

  return xlsxBuffer(workbook);
}

/** /progetti/report/pdf|xlsx?dal=&al=: the tavolo's report for the chosen period. */
export async function periodicReport(format: ReportFormat, range: ReportRange, now = new Date()): Promise<ExportFile & { body: Buffer }> {
  const report = await periodicReportData(range, now);
  const name = `report-progetti-${range.from.toISOString().slice(0, 10)}-${range.to.toISOString().slice(0, 10)}`;
  if (format === "xlsx") return { body: await reportXlsx(report), contentType: CONTENT_TYPES.xlsx, fileName: `${name}.xlsx` };
  const body = await renderPdf({ title: "Report periodico dei progetti", subtitle: `${report.tavolo}, ${periodText(range)}` }, (doc) =>
    drawReport(doc, report),
  );
  return { body, contentType: CONTENT_TYPES.pdf, fileName: `${name}.pdf` };
}
