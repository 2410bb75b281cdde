import { db, type Prisma } from "~/db.server";
import { percentOf, sumCents } from "~/domain/money";
import {
  expenseCategoryLabel,
  EXPENSE_CATEGORIES,
  fundingSourceLabel,
  FUNDING_SOURCES,
  RENDICONTAZIONE_STATE_LABELS,
  rendicontazioneState,
  type RendicontazioneState,
} from "~/domain/projects";
import { dayInputValue, todayInRome } from "~/utils/dates";

// What the projects have achieved, read from the rendicontazioni a coordinator has APPROVED and
// from nothing else: a draft, a submission waiting for review or a returned one never moves a
// figure. "Liquidato" is the sum of the approved expenses; an indicator's value is its baseline
// plus the approved values (SUM) or the latest approved period's value (LATEST). Everything is
// returned as plain JSON (cents as whole numbers, days as "yyyy-mm-dd") for loaders, the report
// and the exports alike. See docs/decisions/023-charts-and-reports.md.

export interface Beneficiaries {
  households: number;
  people: number;
  minors: number;
}

export interface FinancialProgress {
  programmedCents: number;
  admittedCents: number;
  committedCents: number;
  liquidatedCents: number;
  disbursedCents: number;
  /** The part of the programmed amount not yet legally committed, and why; null when all is committed. */
  uncommitted: { cents: number; reason: string; expectedOn: string | null; expectedPassed: boolean } | null;
}

export interface PartnerProgress {
  organisationId: string;
  name: string;
  isLead: boolean;
  budgetCents: number;
  liquidatedCents: number;
  /** Liquidated as a share of the partner's budget */
  percent: number;
}

export interface IndicatorProgress {
  /** The ProjectIndicator's id */
  id: string;
  indicatorId: string;
  name: string;
  unit: string;
  direction: "INCREASE" | "DECREASE";
  aggregation: "SUM" | "LATEST";
  thematicArea: string;
  actionLine: string | null;
  baseline: number;
  target: number;
  targetOn: string;
  achieved: number;
  /** How far towards the target: achieved/target, or for DECREASE the way from baseline down to target */
  percent: number;
  /** End of the last period with an approved value, null while nothing is approved */
  lastValueOn: string | null;
}

export interface StateCount {
  state: RendicontazioneState;
  label: string;
  count: number;
}

export interface PeriodProgress {
  id: string;
  number: number;
  startsOn: string;
  endsOn: string;
  dueOn: string;
  /** Rendicontazioni of the period, and how many are approved */
  expected: number;
  approved: number;
  liquidatedCents: number;
  beneficiaries: Beneficiaries;
  /** Approved indicator values of the period, summed over the partners */
  values: { projectIndicatorId: string; value: number }[];
  consolidatedNote: string;
  states: StateCount[];
}

export interface ProjectProgress {
  projectId: string;
  code: string;
  title: string;
  financial: FinancialProgress;
  partners: PartnerProgress[];
  expensesByCategory: { category: string; label: string; cents: number }[];
  indicators: IndicatorProgress[];
  beneficiaries: Beneficiaries;
  periods: PeriodProgress[];
  /** The day the figures were read on (yyyy-mm-dd) */
  today: string;
  /** Rendicontazioni by state (OVERDUE when owed past the deadline), in the labels' order */
  states: StateCount[];
}

export interface ProgressOptions {
  /** The day against which deadlines are read (overdue rendicontazioni, commitment dates) */
  today?: Date;
  /** Only periods ending on or before this day count: the figures as they stood at that day */
  upTo?: Date;
}

/**
 * Indicator values are measurements (Float), not money: the sums are rounded to six decimals so
 * that 0.1 + 0.2 reads 0.3 rather than 0.30000000000000004.
 */
const tidy = (value: number) => Math.round(value * 1e6) / 1e6;

export function indicatorPercent(indicator: { direction: string; baseline: number; target: number; achieved: number }) {
  const { baseline, target, achieved } = indicator;
  if (indicator.direction === "DECREASE") {
    // Progress is the way travelled from the baseline down towards the target.
    if (baseline <= target) return achieved <= target ? 100 : 0;
    return Math.max(0, percentOf(baseline - achieved, baseline - target));
  }
  if (target <= 0) return achieved >= target ? 100 : 0;
  return Math.max(0, percentOf(achieved, target));
}

/**
 * A project's periods as its progress reads them, in order, without their rendicontazioni (whose
 * states the progress counts): the project page selects them this way too, with more of each
 * rendicontazione.
 */
export const progressPeriods = {
  orderBy: { number: "asc" },
  select: { id: true, number: true, startsOn: true, endsOn: true, dueOn: true, consolidatedNote: true },
} satisfies Prisma.ReportingPeriodFindManyArgs;

const projectSelect = {
  id: true,
  code: true,
  title: true,
  leadOrganisationId: true,
  programmedCents: true,
  admittedCents: true,
  committedCents: true,
  disbursedCents: true,
  uncommittedReason: true,
  expectedCommitmentOn: true,
  partners: { select: { organisationId: true, budgetCents: true, organisation: { select: { name: true } } } },
  indicators: {
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      baseline: true,
      target: true,
      targetOn: true,
      actionLine: { select: { code: true, title: true } },
      indicator: { select: { id: true, name: true, unit: true, direction: true, aggregation: true, thematicArea: true } },
    },
  },
  periods: { ...progressPeriods, select: { ...progressPeriods.select, rendicontazioni: { select: { status: true } } } },
} satisfies Prisma.ProjectSelect;

const approvedSelect = {
  projectId: true,
  periodId: true,
  organisationId: true,
  householdsReached: true,
  peopleReached: true,
  minorsReached: true,
  indicatorValues: { select: { projectIndicatorId: true, value: true } },
  expenses: { select: { category: true, amountCents: true } },
} satisfies Prisma.RendicontazioneSelect;

type LoadedProject = Prisma.ProjectGetPayload<{ select: typeof projectSelect }>;
type ApprovedRendicontazione = Prisma.RendicontazioneGetPayload<{ select: typeof approvedSelect }>;

/** How many rendicontazioni are in each state, only the states present, in the labels' order. */
function countStates(states: RendicontazioneState[]): StateCount[] {
  return (Object.keys(RENDICONTAZIONE_STATE_LABELS) as RendicontazioneState[])
    .map((state) => ({ state, label: RENDICONTAZIONE_STATE_LABELS[state], count: states.filter((s) => s === state).length }))
    .filter((entry) => entry.count > 0);
}

/** Several periods' counts added up, in the labels' order. */
export function mergeStateCounts(lists: StateCount[][]): StateCount[] {
  const totals = new Map<RendicontazioneState, number>();
  for (const entry of lists.flat()) totals.set(entry.state, (totals.get(entry.state) ?? 0) + entry.count);
  return (Object.keys(RENDICONTAZIONE_STATE_LABELS) as RendicontazioneState[]).flatMap((state) =>
    totals.has(state) ? [{ state, label: RENDICONTAZIONE_STATE_LABELS[state], count: totals.get(state) ?? 0 }] : [],
  );
}

const noBeneficiaries = (): Beneficiaries => ({ households: 0, people: 0, minors: 0 });
function addBeneficiaries(
  total: Beneficiaries,
  entry: { householdsReached: number | null; peopleReached: number | null; minorsReached: number | null },
) {
  total.households += entry.householdsReached ?? 0;
  total.people += entry.peopleReached ?? 0;
  total.minors += entry.minorsReached ?? 0;
}

function computeProgress(project: LoadedProject, approved: ApprovedRendicontazione[], today: Date, upTo: Date | undefined): ProjectProgress {
  const counted = upTo ? project.periods.filter((period) => period.endsOn <= upTo) : project.periods;
  const countedIds = new Set(counted.map((period) => period.id));
  const mine = approved.filter((r) => countedIds.has(r.periodId));
  const expensesOf = (rows: ApprovedRendicontazione[]) => rows.flatMap((r) => r.expenses);
  const liquidatedCents = sumCents(expensesOf(mine).map((e) => e.amountCents));

  const programmedCents = Number(project.programmedCents);
  const committedCents = Number(project.committedCents);
  const financial: FinancialProgress = {
    programmedCents,
    admittedCents: Number(project.admittedCents),
    committedCents,
    liquidatedCents,
    disbursedCents: Number(project.disbursedCents),
    uncommitted:
      committedCents < programmedCents
        ? {
            cents: programmedCents - committedCents,
            reason: project.uncommittedReason,
            expectedOn: project.expectedCommitmentOn ? dayInputValue(project.expectedCommitmentOn) : null,
            expectedPassed: !!project.expectedCommitmentOn && project.expectedCommitmentOn < today,
          }
        : null,
  };

  const partners: PartnerProgress[] = project.partners
    .map((partner) => {
      const spent = sumCents(expensesOf(mine.filter((r) => r.organisationId === partner.organisationId)).map((e) => e.amountCents));
      const budgetCents = Number(partner.budgetCents);
      return {
        organisationId: partner.organisationId,
        name: partner.organisation.name,
        isLead: partner.organisationId === project.leadOrganisationId,
        budgetCents,
        liquidatedCents: spent,
        percent: percentOf(spent, budgetCents),
      };
    })
    .sort((a, b) => Number(b.isLead) - Number(a.isLead) || a.name.localeCompare(b.name, "it"));

  const byCategory = new Map<string, bigint[]>();
  for (const expense of expensesOf(mine)) byCategory.set(expense.category, [...(byCategory.get(expense.category) ?? []), expense.amountCents]);
  const categoryOrder = Object.keys(EXPENSE_CATEGORIES);
  const expensesByCategory = [...byCategory.entries()]
    .map(([category, amounts]) => ({ category, label: expenseCategoryLabel(category), cents: sumCents(amounts) }))
    .sort((a, b) => categoryOrder.indexOf(a.category) - categoryOrder.indexOf(b.category));

  const periods: PeriodProgress[] = counted.map((period) => {
    const rows = mine.filter((r) => r.periodId === period.id);
    const beneficiaries = noBeneficiaries();
    for (const row of rows) addBeneficiaries(beneficiaries, row);
    const values = new Map<string, number>();
    for (const value of rows.flatMap((r) => r.indicatorValues)) {
      values.set(value.projectIndicatorId, tidy((values.get(value.projectIndicatorId) ?? 0) + value.value));
    }
    return {
      id: period.id,
      number: period.number,
      startsOn: dayInputValue(period.startsOn),
      endsOn: dayInputValue(period.endsOn),
      dueOn: dayInputValue(period.dueOn),
      expected: period.rendicontazioni.length,
      approved: rows.length,
      liquidatedCents: sumCents(expensesOf(rows).map((e) => e.amountCents)),
      beneficiaries,
      values: [...values.entries()].map(([projectIndicatorId, value]) => ({ projectIndicatorId, value })),
      consolidatedNote: period.consolidatedNote,
      states: countStates(period.rendicontazioni.map((r) => rendicontazioneState({ status: r.status, dueOn: period.dueOn }, today))),
    };
  });

  const indicators: IndicatorProgress[] = project.indicators.map((pi) => {
    const reported = periods.flatMap((period) => {
      const found = period.values.find((v) => v.projectIndicatorId === pi.id);
      return found ? [{ endsOn: period.endsOn, value: found.value }] : [];
    });
    const aggregation = pi.indicator.aggregation === "LATEST" ? "LATEST" : "SUM";
    // Periods are in date order, so the last one reported is the latest by its end day.
    const latest = reported.at(-1);
    const achieved = aggregation === "SUM" ? tidy(pi.baseline + reported.reduce((sum, r) => sum + r.value, 0)) : latest ? latest.value : pi.baseline;
    const direction = pi.indicator.direction === "DECREASE" ? "DECREASE" : "INCREASE";
    return {
      id: pi.id,
      indicatorId: pi.indicator.id,
      name: pi.indicator.name,
      unit: pi.indicator.unit,
      direction,
      aggregation,
      thematicArea: pi.indicator.thematicArea,
      actionLine: pi.actionLine ? `${pi.actionLine.code} ${pi.actionLine.title}` : null,
      baseline: pi.baseline,
      target: pi.target,
      targetOn: dayInputValue(pi.targetOn),
      achieved,
      percent: indicatorPercent({ direction, baseline: pi.baseline, target: pi.target, achieved }),
      lastValueOn: latest?.endsOn ?? null,
    };
  });

  const beneficiaries = noBeneficiaries();
  for (const row of mine) addBeneficiaries(beneficiaries, row);

  const states = countStates(
    counted.flatMap((period) => period.rendicontazioni.map((r) => rendicontazioneState({ status: r.status, dueOn: period.dueOn }, today))),
  );

  return {
    projectId: project.id,
    code: project.code,
    title: project.title,
    today: dayInputValue(today),
    financial,
    partners,
    expensesByCategory,
    indicators,
    beneficiaries,
    periods,
    states,
  };
}

/** The progress of every project matching `where`, in code order: two queries whatever their number. */
export async function progressOfProjects(where: Prisma.ProjectWhereInput, options: ProgressOptions = {}): Promise<ProjectProgress[]> {
  const today = options.today ?? todayInRome();
  const [projects, approved] = await Promise.all([
    db.project.findMany({ where, orderBy: { code: "asc" }, select: projectSelect }),
    db.rendicontazione.findMany({
      where: { status: "APPROVED", project: where, ...(options.upTo ? { period: { endsOn: { lte: options.upTo } } } : {}) },
      select: approvedSelect,
    }),
  ]);
  const byProject = new Map<string, ApprovedRendicontazione[]>();
  for (const row of approved) byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), row]);
  return projects.map((project) => computeProgress(project, byProject.get(project.id) ?? [], today, options.upTo));
}

/** The approved rendicontazioni whose figures a project's progress adds up. */
export const approvedRendicontazioniOf = (projectId: string) =>
  db.rendicontazione.findMany({ where: { status: "APPROVED", projectId }, select: approvedSelect });

/** One project's progress from rows already read (projectDetail reads them with the rest of its page). */
export function progressFromRows(project: LoadedProject, approved: ApprovedRendicontazione[], today = todayInRome()): ProjectProgress {
  return computeProgress(project, approved, today, undefined);
}

/** One project's progress; null when there is no such project. */
export async function projectProgress(projectId: string, today = todayInRome()): Promise<ProjectProgress | null> {
  const [progress] = await progressOfProjects({ id: projectId }, { today });
  return progress ?? null;
}

// --- The tavolo's totals ------------------------------------------------------------------------

export interface AmountTotals {
  projects: number;
  programmedCents: number;
  admittedCents: number;
  committedCents: number;
  liquidatedCents: number;
  disbursedCents: number;
}

export interface IndicatorAreaTotal {
  thematicArea: string;
  unit: string;
  direction: "INCREASE" | "DECREASE";
  /** How many project indicators are added up */
  count: number;
  names: string[];
  baseline: number;
  target: number;
  achieved: number;
  percent: number;
}

export interface TavoloTotals {
  total: AmountTotals;
  beneficiaries: Beneficiaries;
  bySource: (AmountTotals & { source: string; label: string })[];
  /** A project with several objectives counts in each of them */
  byObjective: (AmountTotals & { objectiveId: string | null; label: string })[];
  /** Money by the thematic area of the project's working group ("Senza gruppo" without one) */
  byArea: (AmountTotals & { thematicArea: string })[];
  indicatorsByArea: IndicatorAreaTotal[];
  /** Indicators in percent are levels of different populations: they are never added up */
  percentIndicatorsLeftOut: number;
}

const NO_GROUP_AREA = "Senza gruppo";

const amountsOf = ({ projects, programmedCents, admittedCents, committedCents, liquidatedCents, disbursedCents }: AmountTotals): AmountTotals => ({
  projects,
  programmedCents,
  admittedCents,
  committedCents,
  liquidatedCents,
  disbursedCents,
});
const emptyTotals = (): AmountTotals => ({
  projects: 0,
  programmedCents: 0,
  admittedCents: 0,
  committedCents: 0,
  liquidatedCents: 0,
  disbursedCents: 0,
});

/** Adds a project's amounts in exact integer arithmetic (sumCents checks the result stays exact). */
function addProject(totals: AmountTotals, financial: FinancialProgress) {
  totals.projects += 1;
  totals.programmedCents = sumCents([totals.programmedCents, financial.programmedCents]);
  totals.admittedCents = sumCents([totals.admittedCents, financial.admittedCents]);
  totals.committedCents = sumCents([totals.committedCents, financial.committedCents]);
  totals.liquidatedCents = sumCents([totals.liquidatedCents, financial.liquidatedCents]);
  totals.disbursedCents = sumCents([totals.disbursedCents, financial.disbursedCents]);
}

const isPercentUnit = (unit: string) => /^\s*(%|percentuale|per ?cento)\s*$/i.test(unit);

/** Totals over the projects matching `where` (all of them by default), from approved figures only. */
export async function tavoloTotals(where: Prisma.ProjectWhereInput = {}, options: ProgressOptions = {}): Promise<TavoloTotals> {
  const [progress, projects] = await Promise.all([
    progressOfProjects(where, options),
    db.project.findMany({
      where,
      select: {
        id: true,
        fundingSource: true,
        workingGroup: { select: { thematicArea: true } },
        objectives: { select: { objective: { select: { id: true, code: true, title: true, position: true } } } },
      },
    }),
  ]);
  const facts = new Map(projects.map((p) => [p.id, p]));

  const total = emptyTotals();
  const beneficiaries = noBeneficiaries();
  const bySource = new Map<string, AmountTotals>();
  const byObjective = new Map<string, AmountTotals & { label: string; position: number }>();
  const byArea = new Map<string, AmountTotals>();
  const indicators = new Map<string, IndicatorAreaTotal>();
  let percentIndicatorsLeftOut = 0;

  for (const project of progress) {
    const fact = facts.get(project.projectId);
    if (!fact) continue;
    addProject(total, project.financial);
    beneficiaries.households += project.beneficiaries.households;
    beneficiaries.people += project.beneficiaries.people;
    beneficiaries.minors += project.beneficiaries.minors;

    const source = bySource.get(fact.fundingSource) ?? emptyTotals();
    addProject(source, project.financial);
    bySource.set(fact.fundingSource, source);

    const objectives = fact.objectives.length
      ? fact.objectives.map(({ objective }) => ({ key: objective.id, label: `${objective.code} ${objective.title}`, position: objective.position }))
      : [{ key: "", label: "Nessun obiettivo indicato", position: Number.MAX_SAFE_INTEGER }];
    for (const objective of objectives) {
      const entry = byObjective.get(objective.key) ?? { ...emptyTotals(), label: objective.label, position: objective.position };
      addProject(entry, project.financial);
      byObjective.set(objective.key, entry);
    }

    const area = fact.workingGroup?.thematicArea || NO_GROUP_AREA;
    const areaTotals = byArea.get(area) ?? emptyTotals();
    addProject(areaTotals, project.financial);
    byArea.set(area, areaTotals);

    for (const indicator of project.indicators) {
      if (isPercentUnit(indicator.unit)) {
        percentIndicatorsLeftOut += 1;
        continue;
      }
      // Families reached and families still waiting are both "famiglie": direction keeps them apart.
      const key = [indicator.thematicArea, indicator.unit, indicator.direction].join("\u0000");
      const entry = indicators.get(key) ?? {
        thematicArea: indicator.thematicArea,
        unit: indicator.unit,
        direction: indicator.direction,
        count: 0,
        names: [],
        baseline: 0,
        target: 0,
        achieved: 0,
        percent: 0,
      };
      entry.count += 1;
      if (!entry.names.includes(indicator.name)) entry.names.push(indicator.name);
      entry.baseline = tidy(entry.baseline + indicator.baseline);
      entry.target = tidy(entry.target + indicator.target);
      entry.achieved = tidy(entry.achieved + indicator.achieved);
      indicators.set(key, entry);
    }
  }

  const sourceOrder = Object.keys(FUNDING_SOURCES);
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, "it");
  return {
    total,
    beneficiaries,
    bySource: [...bySource.entries()]
      .map(([source, totals]) => ({ ...totals, source, label: fundingSourceLabel(source) }))
      .sort((a, b) => sourceOrder.indexOf(a.source) - sourceOrder.indexOf(b.source)),
    byObjective: [...byObjective.entries()]
      .sort(([, a], [, b]) => a.position - b.position || byLabel(a, b))
      .map(([key, entry]) => ({ ...amountsOf(entry), objectiveId: key || null, label: entry.label })),
    byArea: [...byArea.entries()]
      .map(([thematicArea, totals]) => ({ ...totals, thematicArea }))
      .sort(
        (a, b) =>
          Number(a.thematicArea === NO_GROUP_AREA) - Number(b.thematicArea === NO_GROUP_AREA) || a.thematicArea.localeCompare(b.thematicArea, "it"),
      ),
    indicatorsByArea: [...indicators.values()]
      .map((entry) => ({ ...entry, percent: indicatorPercent(entry) }))
      .sort(
        (a, b) => a.thematicArea.localeCompare(b.thematicArea, "it") || a.unit.localeCompare(b.unit, "it") || a.direction.localeCompare(b.direction),
      ),
    percentIndicatorsLeftOut,
  };
}
