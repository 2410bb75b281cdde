import type { DbTransaction } from "~/db.server";
import { parseDay } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { reportingPeriods, type ReportingFrequency } from "./projects";

// A project's reporting schedule made real: its ReportingPeriod rows and one Rendicontazione per
// period and partner organisation. Called in the same transaction as every change to a project's
// dates, schedule or partners, so the grid, the reminders and the partners' lists always agree
// with the project. Nothing a partner has started is ever removed or moved under their feet.

export function customPeriodEndsOf(json: string): Date[] {
  try {
    const values = JSON.parse(json) as unknown;
    if (!Array.isArray(values)) return [];
    return values.flatMap((value) => (typeof value === "string" && parseDay(value) ? [parseDay(value)!] : []));
  } catch {
    return [];
  }
}

const started = (status: string) => status !== "NOT_STARTED";

export async function syncReportingSchedule(tx: DbTransaction, projectId: string) {
  const project = await tx.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      startsOn: true,
      endsOn: true,
      reportingFrequency: true,
      customPeriodEnds: true,
      reportingDueDays: true,
      partners: { select: { organisationId: true, organisation: { select: { name: true } } } },
      periods: {
        orderBy: { number: "asc" },
        select: { id: true, number: true, startsOn: true, endsOn: true, dueOn: true, rendicontazioni: { select: { id: true, organisationId: true, status: true } } },
      },
    },
  });
  const wanted = reportingPeriods({
    startsOn: project.startsOn,
    endsOn: project.endsOn,
    frequency: project.reportingFrequency as ReportingFrequency,
    customPeriodEnds: customPeriodEndsOf(project.customPeriodEnds),
    dueDays: project.reportingDueDays,
  });
  const partnerIds = new Set(project.partners.map((p) => p.organisationId));

  // A partner who has started reporting cannot be taken off the project.
  for (const period of project.periods) {
    for (const r of period.rendicontazioni) {
      if (!partnerIds.has(r.organisationId) && started(r.status)) {
        throw new UserFacingError(
          "Un'organizzazione tolta dal progetto ha già iniziato una rendicontazione: non può essere rimossa.",
          409,
          "partners",
        );
      }
    }
  }

  for (const period of project.periods) {
    const next = wanted.find((w) => w.number === period.number);
    const anyStarted = period.rendicontazioni.some((r) => started(r.status));
    const sameDates =
      next &&
      next.startsOn.getTime() === period.startsOn.getTime() &&
      next.endsOn.getTime() === period.endsOn.getTime() &&
      next.dueOn.getTime() === period.dueOn.getTime();
    if (sameDates) continue;
    if (anyStarted) {
      // Only the deadline may still move for a period being reported on (a granted extension).
      if (next && next.startsOn.getTime() === period.startsOn.getTime() && next.endsOn.getTime() === period.endsOn.getTime()) {
        await tx.reportingPeriod.update({ where: { id: period.id }, data: { dueOn: next.dueOn } });
        continue;
      }
      throw new UserFacingError(
        `Il periodo ${period.number} ha già rendicontazioni iniziate: le sue date non possono cambiare (si può solo spostare la scadenza).`,
        409,
        "reportingFrequency",
      );
    }
    if (next) {
      await tx.reportingPeriod.update({ where: { id: period.id }, data: { startsOn: next.startsOn, endsOn: next.endsOn, dueOn: next.dueOn } });
    } else {
      await tx.reportingPeriod.delete({ where: { id: period.id } });
    }
  }

  const existingNumbers = new Set(project.periods.map((p) => p.number));
  for (const period of wanted) {
    if (existingNumbers.has(period.number)) continue;
    await tx.reportingPeriod.create({ data: { projectId, ...period } });
  }

  // One rendicontazione per period and partner; those of organisations no longer partners, never
  // started, go.
  await tx.rendicontazione.deleteMany({ where: { projectId, organisationId: { notIn: [...partnerIds] }, status: "NOT_STARTED" } });
  const periods = await tx.reportingPeriod.findMany({
    where: { projectId },
    select: { id: true, rendicontazioni: { select: { organisationId: true } } },
  });
  const rows = periods.flatMap((period) =>
    [...partnerIds]
      .filter((organisationId) => !period.rendicontazioni.some((r) => r.organisationId === organisationId))
      .map((organisationId) => ({ periodId: period.id, projectId, organisationId })),
  );
  if (rows.length > 0) await tx.rendicontazione.createMany({ data: rows });
}
