import { z } from "zod";
import { db, type Prisma } from "~/db.server";
import { periodDatesText } from "~/domain/reporting-reminders.server";
import {
  daysUntilDue,
  FUNDING_SOURCES,
  fundingSourceLabel,
  OWED_STATUSES,
  PROJECT_STATUSES,
  projectStatusLabel,
  RENDICONTAZIONE_STATE_LABELS,
  rendicontazioneState,
  type FundingSource,
  type ProjectStatus,
  type RendicontazioneState,
  type RendicontazioneStatus,
} from "~/domain/projects";
import { formatDay, formatDayAs, todayInRome } from "~/utils/dates";

// The reporting dashboard (/rendicontazioni): for coordinators the grid of projects × periods ×
// organisations with the state of each rendicontazione and the counts per state; for a referent
// the list of what their own organisation owes and has sent.

const DAY_MS = 86_400_000;
const addDays = (day: Date, days: number) => new Date(day.getTime() + days * DAY_MS);

/** Projects per page of the grid: each is a table of its own, so a page stays readable. */
export const GRID_PAGE_SIZE = 10;

/** The deadline windows the grid can be narrowed to. */
export const DUE_WINDOWS = {
  "30": "Scadenze nei prossimi 30 giorni",
  "90": "Scadenze nei prossimi 90 giorni",
  PASSATE: "Scadenze già passate",
} as const;
export type DueWindow = keyof typeof DUE_WINDOWS;

/** The order the states are counted and explained in: the partner's path, then "overdue". */
export const STATE_ORDER: RendicontazioneState[] = ["NOT_STARTED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "OVERDUE"];

const keysOf = <T extends Record<string, unknown>>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];
const optionalChoice = <T extends string>(values: [T, ...T[]]) => z.union([z.literal(""), z.enum(values)]).catch("");

const gridFilterSchema = z.object({
  stato: optionalChoice(STATE_ORDER as [RendicontazioneState, ...RendicontazioneState[]]),
  statoProgetto: optionalChoice(keysOf(PROJECT_STATUSES)),
  fonte: optionalChoice(keysOf(FUNDING_SOURCES)),
  scadenza: optionalChoice(keysOf(DUE_WINDOWS)),
  pagina: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The grid's filters as the URL carries them; anything unknown is ignored. */
export function parseGridFilters(params: URLSearchParams) {
  const parsed = gridFilterSchema.parse({
    stato: params.get("stato") ?? "",
    statoProgetto: params.get("statoProgetto") ?? "",
    fonte: params.get("fonte") ?? "",
    scadenza: params.get("scadenza") ?? "",
    pagina: params.get("pagina") ?? 1,
  });
  return {
    state: parsed.stato as RendicontazioneState | "",
    projectStatus: parsed.statoProgetto as ProjectStatus | "",
    fundingSource: parsed.fonte as FundingSource | "",
    due: parsed.scadenza as DueWindow | "",
    page: parsed.pagina,
  };
}
export type GridFilters = ReturnType<typeof parseGridFilters>;

/** The filters in force as a query string (without the page), for the page and count links. */
export function gridFilterQuery(filters: GridFilters) {
  const query = new URLSearchParams();
  const pairs: [string, string][] = [
    ["stato", filters.state],
    ["statoProgetto", filters.projectStatus],
    ["fonte", filters.fundingSource],
    ["scadenza", filters.due],
  ];
  for (const [key, value] of pairs) if (value) query.set(key, value);
  return query.toString();
}

/** Still owed after its deadline day (in Rome): the "Scaduta" the grid shows instead of the stored state. */
const overdueWhere = (today: Date): Prisma.RendicontazioneWhereInput => ({ status: { in: OWED_STATUSES }, period: { dueOn: { lt: today } } });

function stateWhere(state: RendicontazioneState, today: Date): Prisma.RendicontazioneWhereInput {
  if (state === "OVERDUE") return overdueWhere(today);
  // An owed state shows as itself only until the deadline has passed.
  if (OWED_STATUSES.includes(state as RendicontazioneStatus)) return { status: state, period: { dueOn: { gte: today } } };
  return { status: state };
}

function dueWhere(due: DueWindow, today: Date): Prisma.RendicontazioneWhereInput {
  if (due === "PASSATE") return { period: { dueOn: { lt: today } } };
  return { period: { dueOn: { gte: today, lte: addDays(today, Number(due)) } } };
}

const projectWhere = (filters: GridFilters): Prisma.ProjectWhereInput => ({
  ...(filters.projectStatus ? { status: filters.projectStatus } : {}),
  ...(filters.fundingSource ? { fundingSource: filters.fundingSource } : {}),
});

/** The rendicontazioni the filters select, the state filter left out when counting per state. */
function rendicontazioniWhere(filters: GridFilters, today: Date, { withState }: { withState: boolean }): Prisma.RendicontazioneWhereInput {
  const and: Prisma.RendicontazioneWhereInput[] = [];
  if (filters.due) and.push(dueWhere(filters.due, today));
  if (withState && filters.state) and.push(stateWhere(filters.state, today));
  return { AND: and };
}

/**
 * How many rendicontazioni are in each state, "Scaduta" read from the deadline, within the
 * project and deadline filters (the state filter is what these counts choose). Counted per stored
 * status (an index), then the overdue ones per status (only owed rows meet their period): the
 * counts never join every rendicontazione of ten years to its period.
 */
async function countByState(filters: GridFilters, today: Date) {
  const where: Prisma.RendicontazioneWhereInput = { AND: [{ project: projectWhere(filters) }, rendicontazioniWhere(filters, today, { withState: false })] };
  const [groups, overdueGroups] = await Promise.all([
    db.rendicontazione.groupBy({ by: ["status"], where, _count: { _all: true } }),
    db.rendicontazione.groupBy({ by: ["status"], where: { AND: [where, overdueWhere(today)] }, _count: { _all: true } }),
  ]);
  const counts = new Map<string, number>(groups.map((g) => [g.status, g._count._all]));
  let overdue = 0;
  for (const group of overdueGroups) {
    counts.set(group.status, (counts.get(group.status) ?? 0) - group._count._all);
    overdue += group._count._all;
  }
  counts.set("OVERDUE", overdue);
  return STATE_ORDER.map((state) => ({ state, label: RENDICONTAZIONE_STATE_LABELS[state], count: counts.get(state) ?? 0 }));
}

const shortDay = (day: Date) => formatDayAs(day, "d MMM yyyy");

/** Columns per project: a ten-year project has dozens of periods; the project page has them all. */
export const GRID_PERIODS_SHOWN = 6;

/**
 * The periods a project's row shows: the one whose deadline comes next and the ones before it,
 * GRID_PERIODS_SHOWN in all (the first ones before any deadline has come, the last ones after
 * the project's end), and how many are left out on each side.
 */
export function periodsAround<T extends { dueOn: Date }>(periods: T[], today: Date) {
  const next = periods.findIndex((period) => period.dueOn >= today);
  const end = Math.min(periods.length, Math.max(next === -1 ? periods.length : next + 1, GRID_PERIODS_SHOWN));
  const start = Math.max(0, end - GRID_PERIODS_SHOWN);
  return { periods: periods.slice(start, end), earlier: start, later: periods.length - end };
}

/**
 * One page of the coordinators' grid: each project with its periods (columns, with their
 * deadline) and its organisations (rows, the lead first), each cell the state of that
 * organisation's rendicontazione, the projects still running first. Five queries whatever the
 * page holds (six with a state or deadline filter): the counts (two), the matching projects
 * (their few fields, ordered here), their periods and the shown periods' rendicontazioni. The
 * filters' relation condition on periods is left out when there is no filter (it costs a
 * subquery per period and keeps them all).
 */
export async function getReportingGrid(filters: GridFilters, today = todayInRome()) {
  const selected = rendicontazioniWhere(filters, today, { withState: true });
  // The page is cut here from the matching projects (a few fields each, a few hundred at most):
  // its order is not a column, and Prisma 6.19's SQLite client applies skip to the rows of a
  // to-many `some` join, so `project.findMany({ where: { rendicontazioni: { some } }, skip })`
  // would return the wrong page there.
  const filtered = filters.due !== "" || filters.state !== "";
  const projectFields = { id: true, code: true, title: true, status: true, fundingSource: true, leadOrganisationId: true } satisfies Prisma.ProjectSelect;
  const [counts, matching] = await Promise.all([
    countByState(filters, today),
    // Unfiltered, a project is in the grid when it has any rendicontazione: one index probe per
    // project instead of grouping every rendicontazione.
    filtered
      ? db.rendicontazione
          .groupBy({ by: ["projectId"], where: { AND: [{ project: projectWhere(filters) }, selected] } })
          .then((groups) => db.project.findMany({ where: { id: { in: groups.map((g) => g.projectId) } }, select: projectFields }))
      : db.project.findMany({ where: { ...projectWhere(filters), rendicontazioni: { some: {} } }, select: projectFields }),
  ]);
  const total = matching.length;
  const pageCount = Math.max(1, Math.ceil(total / GRID_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  // The projects still running first (those a coordinator follows), the concluded ones after;
  // each part in code order.
  const concluded = (project: { status: string }) => Number(project.status === "COMPLETED");
  const projects = matching
    .sort((a, b) => concluded(a) - concluded(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice((page - 1) * GRID_PAGE_SIZE, page * GRID_PAGE_SIZE);
  const matchingPeriods = await db.reportingPeriod.findMany({
    where: { projectId: { in: projects.map((p) => p.id) }, ...(filtered ? { rendicontazioni: { some: selected } } : {}) },
    orderBy: { number: "asc" },
    select: { id: true, projectId: true, number: true, startsOn: true, endsOn: true, dueOn: true },
  });
  const shown = new Map(projects.map((project) => [project.id, periodsAround(matchingPeriods.filter((p) => p.projectId === project.id), today)]));
  const periods = [...shown.values()].flatMap((window) => window.periods);
  const rendicontazioni = await db.rendicontazione.findMany({
    where: { periodId: { in: periods.map((p) => p.id) } },
    select: { id: true, periodId: true, organisationId: true, status: true, organisation: { select: { name: true } } },
  });

  return {
    counts,
    total,
    page,
    pageCount,
    projects: projects.map((project) => {
      const projectPeriods = periods.filter((p) => p.projectId === project.id);
      const periodIds = new Set(projectPeriods.map((p) => p.id));
      const own = rendicontazioni.filter((r) => periodIds.has(r.periodId));
      const organisations = new Map(own.map((r) => [r.organisationId, r.organisation.name]));
      const byCell = new Map(own.map((r) => [`${r.periodId} ${r.organisationId}`, r]));
      const rows = [...organisations]
        .map(([organisationId, name]) => ({ organisationId, name, isLead: organisationId === project.leadOrganisationId }))
        .sort((a, b) => Number(b.isLead) - Number(a.isLead) || a.name.localeCompare(b.name, "it"));
      return {
        id: project.id,
        code: project.code,
        title: project.title,
        statusLabel: projectStatusLabel(project.status),
        fundingLabel: fundingSourceLabel(project.fundingSource),
        earlierPeriods: shown.get(project.id)?.earlier ?? 0,
        laterPeriods: shown.get(project.id)?.later ?? 0,
        periods: projectPeriods.map((p) => ({
          id: p.id,
          number: p.number,
          dates: `${shortDay(p.startsOn)} – ${shortDay(p.endsOn)}`,
          dueOn: formatDay(p.dueOn),
        })),
        rows: rows.map((row) => ({
          ...row,
          cells: projectPeriods.map((period) => {
            const found = byCell.get(`${period.id} ${row.organisationId}`);
            if (!found) return { periodId: period.id, rendicontazione: null };
            const state = rendicontazioneState({ status: found.status, dueOn: period.dueOn }, today);
            return { periodId: period.id, rendicontazione: { id: found.id, state } };
          }),
        })),
      };
    }),
  };
}
export type ReportingGrid = Awaited<ReturnType<typeof getReportingGrid>>;
export type GridProject = ReportingGrid["projects"][number];

/**
 * A referent's list: every rendicontazione of their organisation, those still owed first by
 * deadline (the overdue at the top), then those sent, the latest deadline first.
 */
export async function listOrganisationRendicontazioni(organisationId: string, today = todayInRome()) {
  const entries = await db.rendicontazione.findMany({
    where: { organisationId },
    orderBy: [{ period: { dueOn: "asc" } }, { project: { code: "asc" } }],
    select: {
      id: true,
      status: true,
      project: { select: { id: true, code: true, title: true } },
      period: { select: { number: true, startsOn: true, endsOn: true, dueOn: true } },
    },
  });
  const owed = (status: string) => OWED_STATUSES.includes(status as RendicontazioneStatus);
  const ordered = [...entries.filter((e) => owed(e.status)), ...entries.filter((e) => !owed(e.status)).reverse()];
  return ordered.map((entry) => {
    const state = rendicontazioneState({ status: entry.status, dueOn: entry.period.dueOn }, today);
    return {
      id: entry.id,
      project: entry.project,
      periodNumber: entry.period.number,
      periodDates: periodDatesText(entry.period),
      dueOn: formatDay(entry.period.dueOn),
      daysLeft: owed(entry.status) ? daysUntilDue(entry.period.dueOn, today) : null,
      state,
      stateLabel: RENDICONTAZIONE_STATE_LABELS[state],
    };
  });
}
export type OrganisationRendicontazione = Awaited<ReturnType<typeof listOrganisationRendicontazioni>>[number];

/** For the coordinators' home page: how many rendicontazioni are overdue and how many await review. */
export async function countReportingToFollow(today = todayInRome()) {
  // Counted per status, as the grid counts them: SQLite then starts from the owed rows (an index
  // on status and period) instead of from every past period; a plain count walked ten years of
  // periods (7 ms instead of under 1).
  const [overdueByStatus, submitted] = await Promise.all([
    db.rendicontazione.groupBy({ by: ["status"], where: overdueWhere(today), _count: { _all: true } }),
    db.rendicontazione.count({ where: { status: "SUBMITTED" } }),
  ]);
  return { overdue: overdueByStatus.reduce((sum, group) => sum + group._count._all, 0), submitted };
}
