import Papa from "papaparse";
import { newWorkbook } from "~/utils/xlsx.server";
import {
  addMonths,
  AID_METRIC_CODES,
  AID_METRICS,
  aidMetricLabel,
  aidServiceKindLabel,
  currentMonthInRome,
  formatMonth,
  monthParam,
  parseMonth,
  type AidMetric,
} from "~/domain/aid-services";
import { awaitingFiguresWhere } from "~/domain/aid-service-figures.server";
import { db } from "~/db.server";
import { env } from "~/env.server";

// The monitoring of the services' monthly figures: totals for the tavolo, by kind of service, by
// area and by month, the services that have not reported last month, and the export of every
// figure (CSV, XLSX) one row per service, month and metric.

export interface MonitoringRange {
  from: Date;
  to: Date;
  /** The query string values, as the form shows them */
  dal: string;
  al: string;
  metric: AidMetric;
}

/** `?dal=2026-01&al=2026-10&indicatore=...`; by default the 12 months up to the last one. */
export function parseMonitoringRange(params: URLSearchParams, now = new Date()): MonitoringRange {
  const lastMonth = addMonths(currentMonthInRome(now), -1);
  let to = parseMonth(params.get("al")) ?? lastMonth;
  let from = parseMonth(params.get("dal")) ?? addMonths(to, -11);
  if (from > to) [from, to] = [to, from];
  // Five years at most: the page and the export stay readable.
  if (addMonths(from, 60) <= to) from = addMonths(to, -59);
  const metric = params.get("indicatore") ?? "";
  return { from, to, dal: monthParam(from), al: monthParam(to), metric: metric in AID_METRICS ? (metric as AidMetric) : "FAMIGLIE_SERVITE" };
}

const monthsOf = (range: Pick<MonitoringRange, "from" | "to">) => {
  const months: Date[] = [];
  for (let month = range.from; month <= range.to; month = addMonths(month, 1)) months.push(month);
  return months;
};

async function reportsIn(range: Pick<MonitoringRange, "from" | "to">) {
  return db.aidServiceMonthlyReport.findMany({
    where: { month: { gte: range.from, lte: range.to } },
    orderBy: [{ month: "asc" }, { service: { name: "asc" } }],
    select: {
      month: true,
      nothingToReport: true,
      note: true,
      service: { select: { id: true, name: true, kind: true, area: true, organisation: { select: { name: true } } } },
      figures: { select: { metric: true, value: true }, orderBy: { metric: "asc" } },
    },
  });
}

type Totals = Partial<Record<AidMetric, number>>;
const add = (totals: Totals, metric: string, value: number) => {
  totals[metric as AidMetric] = (totals[metric as AidMetric] ?? 0) + value;
};

export interface MonitoringGroup {
  key: string;
  label: string;
  reports: number;
  totals: Totals;
}

function groupBy(reports: Awaited<ReturnType<typeof reportsIn>>, keyOf: (r: (typeof reports)[number]) => { key: string; label: string }) {
  const groups = new Map<string, MonitoringGroup>();
  for (const report of reports) {
    const { key, label } = keyOf(report);
    const group = groups.get(key) ?? { key, label, reports: 0, totals: {} };
    group.reports += 1;
    for (const figure of report.figures) add(group.totals, figure.metric, figure.value);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export interface MonitoringSeries {
  key: string;
  label: string;
  /** The metric's total in each month of the range, in order */
  values: number[];
}

/** One metric month by month for each group (kind or area): the "over time" tables. */
function seriesBy(
  reports: Awaited<ReturnType<typeof reportsIn>>,
  months: Date[],
  metric: AidMetric,
  keyOf: (r: (typeof reports)[number]) => { key: string; label: string },
): MonitoringSeries[] {
  const index = new Map(months.map((month, i) => [monthParam(month), i]));
  const series = new Map<string, MonitoringSeries>();
  for (const report of reports) {
    const { key, label } = keyOf(report);
    const row = series.get(key) ?? { key, label, values: months.map(() => 0) };
    const at = index.get(monthParam(report.month));
    const figure = report.figures.find((f) => f.metric === metric);
    if (at !== undefined && figure) row.values[at] = (row.values[at] ?? 0) + figure.value;
    series.set(key, row);
  }
  return [...series.values()].sort((a, b) => a.label.localeCompare(b.label, "it"));
}

/** Everything the dashboard shows for a range of months. */
export async function monitoringData(range: MonitoringRange, now = new Date()) {
  const lastMonth = addMonths(currentMonthInRome(now), -1);
  const [reports, missing] = await Promise.all([
    reportsIn(range),
    db.aidService.findMany({
      where: awaitingFiguresWhere(now),
      orderBy: [{ organisation: { name: "asc" } }, { name: "asc" }],
      select: { id: true, name: true, kind: true, area: true, organisation: { select: { name: true } } },
    }),
  ]);
  const totals: Totals = {};
  for (const report of reports) for (const figure of report.figures) add(totals, figure.metric, figure.value);
  const kindOf = (r: (typeof reports)[number]) => ({ key: r.service.kind, label: aidServiceKindLabel(r.service.kind) });
  const areaOf = (r: (typeof reports)[number]) => ({ key: r.service.area, label: r.service.area });
  const byKind = groupBy(reports, kindOf).sort((a, b) => a.label.localeCompare(b.label, "it"));
  const byArea = groupBy(reports, areaOf).sort((a, b) => a.label.localeCompare(b.label, "it"));
  const byMonthMap = new Map(groupBy(reports, (r) => ({ key: monthParam(r.month), label: formatMonth(r.month) })).map((g) => [g.key, g]));
  const byMonth = monthsOf(range).map((month) => byMonthMap.get(monthParam(month)) ?? { key: monthParam(month), label: formatMonth(month), reports: 0, totals: {} });
  const metrics = AID_METRIC_CODES.filter((metric) => totals[metric] !== undefined);
  return {
    totals,
    metrics: metrics.map((metric) => ({ code: metric, label: aidMetricLabel(metric) })),
    byKind,
    byArea,
    byMonth,
    months: monthsOf(range).map((month) => ({ key: monthParam(month), label: formatMonth(month) })),
    kindOverTime: seriesBy(reports, monthsOf(range), range.metric, kindOf),
    areaOverTime: seriesBy(reports, monthsOf(range), range.metric, areaOf),
    reportCount: reports.length,
    nothingToReportCount: reports.filter((r) => r.nothingToReport).length,
    lastMonth: formatMonth(lastMonth),
    lastMonthParam: monthParam(lastMonth),
    missing: missing.map((s) => ({ id: s.id, name: s.name, kind: aidServiceKindLabel(s.kind), area: s.area, organisation: s.organisation.name })),
  };
}

// --- Export ------------------------------------------------------------------------------------

export const FIGURES_EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type FiguresExportFormat = (typeof FIGURES_EXPORT_FORMATS)[number];

const HEADERS = ["Mese", "Servizio", "Organizzazione", "Tipo di servizio", "Zona", "Indicatore", "Valore", "Niente da segnalare", "Nota"];

/** One row per service, month and metric; a "nothing to report" month is one row saying so. */
async function exportRows(range: MonitoringRange): Promise<(string | number | null)[][]> {
  const reports = await reportsIn(range);
  return reports.flatMap((report): (string | number | null)[][] => {
    const base = [monthParam(report.month), report.service.name, report.service.organisation.name, aidServiceKindLabel(report.service.kind), report.service.area];
    if (report.nothingToReport || report.figures.length === 0) return [[...base, "", null, "sì", report.note]];
    return report.figures.map((figure) => [...base, aidMetricLabel(figure.metric), figure.value, "no", report.note]);
  });
}

export async function exportFigures(format: FiguresExportFormat, range: MonitoringRange) {
  const rows = await exportRows(range);
  const fileName = `dati-servizi-${range.dal}-${range.al}.${format}`;
  if (format === "csv") {
    // As the other exports: ";" and a BOM for Italian Excel, formulas neutralised.
    const text = Papa.unparse(
      { fields: HEADERS, data: rows.map((row) => row.map((cell) => (cell === null ? "" : String(cell)))) },
      { delimiter: ";", newline: "\r\n", escapeFormulae: true },
    );
    return { body: `\uFEFF${text}\r\n`, contentType: "text/csv; charset=utf-8", fileName };
  }
  const workbook = await newWorkbook();
  workbook.creator = env.TAVOLO_NAME;
  const sheet = workbook.addWorksheet("Dati mensili", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = HEADERS.map((header, i) => ({ header, width: [10, 36, 36, 24, 20, 36, 10, 12, 40][i] }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell) => cell ?? ""));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEADERS.length } };
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fileName,
  };
}
