import { recordChange, type Actor } from "~/domain/audit.server";
import {
  addMonths,
  aidMetricLabel,
  currentMonthInRome,
  formatMonth,
  metricsForKind,
  outlierMedian,
  outlierWarning,
  parseMonth,
  type AidMetric,
} from "~/domain/aid-services";
import { db, type Prisma } from "~/db.server";
import type { FormErrors } from "~/utils/forms.server";

// A service's figures for a month, entered by its organisation's referents: whole numbers for the
// metrics of its kind, or "niente da segnalare". A value far from the service's usual ones is not
// saved until the person confirms it (see outlierMedian in aid-services.ts).

/** The month the form opens on: the one just ended, which the reminder asks for. */
export const defaultFiguresMonth = (now = new Date()) => addMonths(currentMonthInRome(now), -1);

/** `?mese=2026-03`, or last month; a month after the current one is refused. */
export function figuresMonthOf(value: string | null, now = new Date()) {
  if (!value) return defaultFiguresMonth(now);
  const month = parseMonth(value);
  if (!month) throw new Response("Mese non valido: usa il formato aaaa-mm.", { status: 400 });
  if (month > currentMonthInRome(now)) throw new Response("Non si possono inserire i dati di un mese che non è ancora iniziato.", { status: 400 });
  return month;
}

/**
 * The active services that still owe last month's figures. A service added this month owes nothing
 * for the last. The reminder, the dashboard and the home page all ask this.
 */
export function awaitingFiguresWhere(now = new Date()): Prisma.AidServiceWhereInput {
  const thisMonth = currentMonthInRome(now);
  return { status: "ACTIVE", createdAt: { lt: thisMonth }, monthlyReports: { none: { month: addMonths(thisMonth, -1) } } };
}

/** An organisation's services still without last month's figures, for its referents' home page. */
export async function servicesAwaitingFigures(organisationId: string, now = new Date()) {
  return db.aidService.findMany({
    where: { ...awaitingFiguresWhere(now), organisationId },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export async function getMonthlyReport(serviceId: string, month: Date) {
  return db.aidServiceMonthlyReport.findUnique({
    where: { serviceId_month: { serviceId, month } },
    include: { figures: true, enteredBy: { select: { name: true } } },
  });
}

/** The service's last months, newest first, with their figures by metric. */
export async function listRecentReports(serviceId: string, take = 12) {
  const reports = await db.aidServiceMonthlyReport.findMany({
    where: { serviceId },
    orderBy: { month: "desc" },
    take,
    include: { figures: true },
  });
  return reports.map((report) => ({
    month: report.month,
    nothingToReport: report.nothingToReport,
    note: report.note,
    values: Object.fromEntries(report.figures.map((f) => [f.metric, f.value])) as Partial<Record<AidMetric, number>>,
  }));
}

export interface FiguresInput {
  nothingToReport: boolean;
  note: string;
  values: Partial<Record<AidMetric, number>>;
  confirmed: boolean;
}

/** The monthly form: each metric of the kind as a whole number ≥ 0 (blank: not counted). */
export function parseFiguresForm(formData: FormData, kind: string): { ok: true; data: FiguresInput } | { ok: false; errors: FormErrors } {
  const fieldErrors: Record<string, string> = {};
  const nothingToReport = formData.get("nothingToReport") === "on";
  const note = String(formData.get("note") ?? "").trim();
  if (note.length > 2000) fieldErrors.note = "Al massimo 2000 caratteri.";
  const values: Partial<Record<AidMetric, number>> = {};
  if (!nothingToReport) {
    for (const metric of metricsForKind(kind)) {
      // "1.200" is how Italians write twelve hundred; "2.5" or "2,5" is not a whole number.
      const typed = String(formData.get(`metric.${metric}`) ?? "").trim();
      const raw = /^\d{1,3}(\.\d{3})+$/.test(typed) ? typed.replace(/\./g, "") : typed;
      if (raw === "") continue;
      if (!/^\d{1,9}$/.test(raw)) fieldErrors[`metric.${metric}`] = "Scrivi un numero intero, zero o più (senza decimali).";
      else values[metric] = Number(raw);
    }
    if (Object.keys(values).length === 0 && Object.keys(fieldErrors).length === 0) {
      fieldErrors.nothingToReport = "Inserisci almeno un valore, oppure scegli «Niente da segnalare questo mese».";
    }
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, errors: { fieldErrors } };
  return { ok: true, data: { nothingToReport, note, values, confirmed: formData.get("confirm") === "on" } };
}

/** The values far from the service's usual ones, as warnings by field; empty when none is. */
async function outlierWarnings(serviceId: string, month: Date, values: FiguresInput["values"]) {
  const earlier = await db.aidServiceFigure.findMany({
    where: { metric: { in: Object.keys(values) }, report: { serviceId, month: { lt: month }, nothingToReport: false } },
    select: { metric: true, value: true },
  });
  const warnings: Record<string, string> = {};
  for (const [metric, value] of Object.entries(values)) {
    const usual = outlierMedian(value, earlier.filter((f) => f.metric === metric).map((f) => f.value));
    if (usual !== null) warnings[`metric.${metric}`] = outlierWarning(value, usual);
  }
  return warnings;
}

export type SaveFiguresResult = { ok: true; created: boolean } | { ok: false; errors: FormErrors };

/**
 * Saves (or replaces) a month's figures. Unusual values stop the save and come back as warnings
 * next to their fields, with a request to confirm; once confirmed they are saved as they are.
 */
export async function saveMonthlyFigures(service: { id: string; name: string }, month: Date, input: FiguresInput, actor: Actor): Promise<SaveFiguresResult> {
  if (!input.nothingToReport && !input.confirmed) {
    const warnings = await outlierWarnings(service.id, month, input.values);
    if (Object.keys(warnings).length > 0) {
      return {
        ok: false,
        errors: {
          fieldErrors: { ...warnings, confirm: "Alcuni valori sono molto diversi dai mesi precedenti: se sono corretti, conferma e salva di nuovo." },
        },
      };
    }
  }
  return db.$transaction(async (tx) => {
    const existing = await tx.aidServiceMonthlyReport.findUnique({ where: { serviceId_month: { serviceId: service.id, month } }, select: { id: true } });
    const data = { nothingToReport: input.nothingToReport, note: input.note, enteredById: actor.id };
    const report = existing
      ? await tx.aidServiceMonthlyReport.update({ where: { id: existing.id }, data })
      : await tx.aidServiceMonthlyReport.create({ data: { ...data, serviceId: service.id, month } });
    await tx.aidServiceFigure.deleteMany({ where: { reportId: report.id } });
    const figures = input.nothingToReport ? [] : Object.entries(input.values).map(([metric, value]) => ({ reportId: report.id, metric, value }));
    if (figures.length > 0) await tx.aidServiceFigure.createMany({ data: figures });
    const what = input.nothingToReport
      ? "niente da segnalare"
      : figures.map((f) => `${aidMetricLabel(f.metric)} ${f.value}`).join(", ");
    await recordChange(tx, {
      subjectType: "AID_SERVICE",
      subjectId: service.id,
      summary: `${existing ? "Dati mensili corretti" : "Dati mensili inseriti"} per ${formatMonth(month)}: ${what}`,
      actor,
    });
    return { ok: true as const, created: !existing };
  });
}
