import { describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { countReportingToFollow, getReportingGrid, GRID_PERIODS_SHOWN, listOrganisationRendicontazioni, parseGridFilters, periodsAround } from "~/domain/reporting-dashboard.server";
import { syncReportingSchedule } from "~/domain/reporting-schedule.server";
import { getReportingDeadlines } from "~/domain/tavolo.server";
import { loader as dashboardLoader } from "~/routes/rendicontazioni";
import { parseDay, todayInRome } from "~/utils/dates";
import { createUser } from "../factories";
import { createProjectFixture } from "../support/projects";
import { routeArgs } from "../support/routes";

const day = (value: string) => parseDay(value) ?? (() => { throw new Error(`bad day ${value}`); })();
/** 10 May 2026: period 1 (due 30 April) has passed, period 2 is due 30 July. */
const TODAY = day("2026-05-10");

const session = (user: { id: string; email: string; name: string; role: string; organisationId: string }): SessionUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role as Role,
  organisationId: user.organisationId,
  organisationName: "Organizzazione di prova",
  sessionId: "sessione-di-prova",
});

const filters = (query = "") => parseGridFilters(new URLSearchParams(query));

/**
 * The quarterly 2026 fixture (lead and two partners, periods due 30 April, 30 July, 30 October and
 * 30 January 2027) with period 1 approved for the lead, submitted by partner 1 and never started by
 * partner 2 (so overdue on TODAY), period 2 a draft for the lead and returned to partner 1.
 */
async function reportingTavolo() {
  const fixture = await createProjectFixture({ partners: 2 });
  const [p1, p2] = fixture.partners.map((p) => p.organisation);
  const share = (organisationId: string, number: number) =>
    fixture.rendicontazioni.find((r) => r.organisationId === organisationId && r.period.number === number)!;
  const set = (organisationId: string, number: number, status: string) => db.rendicontazione.update({ where: { id: share(organisationId, number).id }, data: { status } });
  await set(fixture.lead.id, 1, "APPROVED");
  await set(p1!.id, 1, "SUBMITTED");
  await set(fixture.lead.id, 2, "DRAFT");
  await set(p1!.id, 2, "RETURNED");
  return { ...fixture, p1: p1!, p2: p2!, share };
}

const countsOf = (grid: Awaited<ReturnType<typeof getReportingGrid>>) => Object.fromEntries(grid.counts.map((c) => [c.state, c.count]));

describe("reporting dashboard: the coordinators' grid", () => {
  it("counts each state, reading «Scaduta» from the deadline, and lays out organisations × periods", async () => {
    const { project, lead, p1, p2, share } = await reportingTavolo();
    const grid = await getReportingGrid(filters(), TODAY);
    expect(countsOf(grid)).toEqual({ NOT_STARTED: 7, DRAFT: 1, SUBMITTED: 1, RETURNED: 1, APPROVED: 1, OVERDUE: 1 });
    expect(grid.counts.map((c) => c.label)).toEqual(["Da iniziare", "Bozza", "Inviata", "Restituita per correzioni", "Approvata", "Scaduta"]);
    expect(grid.total).toBe(1);

    const [block] = grid.projects;
    expect(block!.code).toBe(project.code);
    expect(block!.statusLabel).toBe("In corso");
    expect(block!.fundingLabel).toBe("Fondo Povertà (Quota servizi)");
    expect(block!.periods.map((p) => [p.number, p.dueOn])).toEqual([
      [1, "30 aprile 2026"],
      [2, "30 luglio 2026"],
      [3, "30 ottobre 2026"],
      [4, "30 gennaio 2027"],
    ]);
    expect(block!.periods[0]!.dates).toBe("1 gen 2026 – 31 mar 2026");
    // The lead first, then the partners by name.
    expect(block!.rows.map((r) => [r.organisationId, r.isLead])).toEqual([
      [lead.id, true],
      [p1.id, false],
      [p2.id, false],
    ]);
    const states = block!.rows.map((r) => r.cells.map((c) => c.rendicontazione?.state));
    expect(states).toEqual([
      ["APPROVED", "DRAFT", "NOT_STARTED", "NOT_STARTED"],
      ["SUBMITTED", "RETURNED", "NOT_STARTED", "NOT_STARTED"],
      ["OVERDUE", "NOT_STARTED", "NOT_STARTED", "NOT_STARTED"],
    ]);
    expect(block!.rows[2]!.cells[0]!.rendicontazione).toEqual({ id: share(p2.id, 1).id, state: "OVERDUE" });

    // The day before the deadline nothing is overdue yet.
    expect(countsOf(await getReportingGrid(filters(), day("2026-04-30")))).toMatchObject({ NOT_STARTED: 8, OVERDUE: 0 });
    // The coordinators' home page counts the same: one overdue, one awaiting review.
    expect(await countReportingToFollow(TODAY)).toEqual({ overdue: 1, submitted: 1 });
    expect(await countReportingToFollow(day("2026-04-30"))).toEqual({ overdue: 0, submitted: 1 });
  });

  it("filters by state, by deadline and by project, the counts following the deadline and project filters", async () => {
    const { p2 } = await reportingTavolo();

    const overdue = await getReportingGrid(filters("stato=OVERDUE"), TODAY);
    expect(overdue.projects[0]!.periods.map((p) => p.number)).toEqual([1]);
    expect(overdue.projects[0]!.rows.find((r) => r.organisationId === p2.id)!.cells[0]!.rendicontazione!.state).toBe("OVERDUE");
    // The counts stay those of every state, so the other states remain a click away.
    expect(countsOf(overdue)).toMatchObject({ NOT_STARTED: 7, OVERDUE: 1 });

    // «Da iniziare» means not started and still in time: period 1's overdue one is not among them.
    const notStarted = await getReportingGrid(filters("stato=NOT_STARTED"), TODAY);
    expect(notStarted.projects[0]!.periods.map((p) => p.number)).toEqual([2, 3, 4]);

    const next90 = await getReportingGrid(filters("scadenza=90"), TODAY);
    expect(next90.projects[0]!.periods.map((p) => p.number)).toEqual([2]);
    expect(countsOf(next90)).toEqual({ NOT_STARTED: 1, DRAFT: 1, SUBMITTED: 0, RETURNED: 1, APPROVED: 0, OVERDUE: 0 });

    const next30 = await getReportingGrid(filters("scadenza=30"), TODAY);
    expect(next30.total).toBe(0);
    expect(next30.projects).toEqual([]);

    const past = await getReportingGrid(filters("scadenza=PASSATE"), TODAY);
    expect(countsOf(past)).toEqual({ NOT_STARTED: 0, DRAFT: 0, SUBMITTED: 1, RETURNED: 0, APPROVED: 1, OVERDUE: 1 });

    expect((await getReportingGrid(filters("statoProgetto=ACTIVE&fonte=FONDO_POVERTA"), TODAY)).total).toBe(1);
    const completed = await getReportingGrid(filters("statoProgetto=COMPLETED"), TODAY);
    expect(completed.total).toBe(0);
    expect(completed.counts.every((c) => c.count === 0)).toBe(true);
    expect((await getReportingGrid(filters("fonte=PN_METRO_PLUS"), TODAY)).total).toBe(0);

    // Unknown values are ignored rather than refused.
    expect(filters("stato=ARCHIVIATA&scadenza=7&pagina=-2")).toEqual({ state: "", projectStatus: "", fundingSource: "", due: "", page: 1 });
  });

  it("shows 10 projects a page, the running ones in code order, then the concluded ones", async () => {
    const { lead } = await reportingTavolo();
    for (let i = 1; i <= 11; i++) {
      await db.$transaction(async (tx) => {
        const created = await tx.project.create({
          data: {
            code: `Z.${String(i).padStart(2, "0")}`,
            title: `Progetto ${i}`,
            leadOrganisationId: lead.id,
            startsOn: day("2026-01-01"),
            endsOn: day("2026-06-30"),
            // Z.03 has ended: it comes after every running project.
            status: i === 3 ? "COMPLETED" : "ACTIVE",
            fundingSource: "REGIONE",
            programmedCents: 100_000n,
            partners: { create: [{ organisationId: lead.id }] },
          },
        });
        await syncReportingSchedule(tx, created.id);
      });
    }
    const first = await getReportingGrid(filters(), TODAY);
    expect([first.total, first.page, first.pageCount, first.projects.length]).toEqual([12, 1, 2, 10]);
    expect(first.projects.slice(1).map((p) => p.code)).toEqual(["Z.01", "Z.02", "Z.04", "Z.05", "Z.06", "Z.07", "Z.08", "Z.09", "Z.10"]);
    const second = await getReportingGrid(filters("pagina=2"), TODAY);
    expect(second.projects.map((p) => p.code)).toEqual(["Z.11", "Z.03"]);
    expect((await getReportingGrid(filters("pagina=99"), TODAY)).page).toBe(2);
    expect((await getReportingGrid(filters("fonte=REGIONE"), TODAY)).total).toBe(11);
  });
});

describe("reporting dashboard: who sees what", () => {
  it("a referent sees only their own organisation's rendicontazioni, the owed ones first by deadline", async () => {
    const { p1, share } = await reportingTavolo();
    const list = await listOrganisationRendicontazioni(p1.id, TODAY);
    expect(list.map((e) => [e.periodNumber, e.state, e.daysLeft])).toEqual([
      [2, "RETURNED", 81],
      [3, "NOT_STARTED", 173],
      [4, "NOT_STARTED", 265],
      [1, "SUBMITTED", null],
    ]);
    expect(list[0]!.id).toBe(share(p1.id, 2).id);
    expect(list[0]!.stateLabel).toBe("Restituita per correzioni");
    expect(list[0]!.dueOn).toBe("30 luglio 2026");
    expect(list[0]!.periodDates).toBe("dal 1 aprile 2026 al 30 giugno 2026");

    const referent = await createUser({ role: "REFERENT", organisationId: p1.id });
    const data = (await dashboardLoader(routeArgs(new Request("http://localhost:3000/rendicontazioni"), session(referent)))) as {
      view: string;
      entries: { id: string }[];
    };
    expect(data.view).toBe("list");
    const own = await db.rendicontazione.findMany({ where: { organisationId: p1.id }, select: { id: true } });
    expect(data.entries.map((e) => e.id).sort()).toEqual(own.map((r) => r.id).sort());
  });

  it("coordinators get the grid; members are refused with 403", async () => {
    const { coordinator, p2 } = await reportingTavolo();
    const request = new Request("http://localhost:3000/rendicontazioni?stato=APPROVED&pagina=1");
    const grid = (await dashboardLoader(routeArgs(request, session(coordinator)))) as {
      view: string;
      filters: { state: string };
      grid: { total: number; counts: { state: string; count: number }[] };
    };
    expect(grid.view).toBe("grid");
    expect(grid.filters.state).toBe("APPROVED");
    expect(grid.grid.total).toBe(1);
    expect(grid.grid.counts.find((c) => c.state === "APPROVED")!.count).toBe(1);

    const member = await createUser({ role: "MEMBER", organisationId: p2.id });
    const refused = await dashboardLoader(routeArgs(new Request("http://localhost:3000/rendicontazioni"), session(member))).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
  });
});

describe("home page: the reporting card", () => {
  it("a referent sees their organisation's overdue and next-30-days rendicontazioni; coordinators the counts to follow up", async () => {
    const { coordinator, p1, p2, share } = await reportingTavolo();
    const now = new Date("2026-05-10T08:00:00.000Z");
    const referent = await createUser({ role: "REFERENT", organisationId: p2.id });
    expect(await getReportingDeadlines(referent, now)).toEqual({
      kind: "referent",
      entries: [{ id: share(p2.id, 1).id, projectTitle: expect.any(String), periodNumber: 1, dueOn: "30 aprile 2026", daysLeft: -10, state: "OVERDUE" }],
    });
    // On 1 July period 2 (due 30 July) enters the 30 days; partner 1's period 1 was sent.
    const p1Referent = await createUser({ role: "REFERENT", organisationId: p1.id });
    const july = await getReportingDeadlines(p1Referent, new Date("2026-07-01T08:00:00.000Z"));
    expect(july?.kind === "referent" && july.entries.map((e) => [e.periodNumber, e.state, e.daysLeft])).toEqual([[2, "RETURNED", 29]]);

    expect(await getReportingDeadlines(coordinator, now)).toEqual({ kind: "coordinator", overdue: 1, submitted: 1 });
    const member = await createUser({ role: "MEMBER", organisationId: p2.id });
    expect(await getReportingDeadlines(member, now)).toBeNull();
  });

  it("the dashboard loader reads «Scaduta» against today in Rome", async () => {
    const fixture = await createProjectFixture();
    const data = (await dashboardLoader(routeArgs(new Request("http://localhost:3000/rendicontazioni"), session(fixture.coordinator)))) as {
      grid: { counts: { state: string; count: number }[] };
    };
    const today = todayInRome();
    const periods = await db.reportingPeriod.findMany({ where: { projectId: fixture.project.id }, select: { dueOn: true } });
    const overduePeriods = periods.filter((p) => p.dueOn < today).length;
    // The lead and the partner owe one rendicontazione per period, none started: every past one is overdue.
    expect(data.grid.counts.find((c) => c.state === "OVERDUE")!.count).toBe(overduePeriods * 2);
  });
});

describe("reporting grid: a long project's columns", () => {
  // Monthly periods due on the 10th of each month of 2024-2026: 36 columns would not fit a page.
  const monthly = Array.from({ length: 36 }, (_, i) => ({ number: i + 1, dueOn: new Date(Date.UTC(2024, i, 10)) }));

  it("shows the period due next and the ones before it, and counts those left out", () => {
    const shown = periodsAround(monthly, day("2025-06-20"));
    expect(shown.periods.map((p) => p.number)).toEqual([14, 15, 16, 17, 18, 19]);
    expect(shown.periods).toHaveLength(GRID_PERIODS_SHOWN);
    expect([shown.earlier, shown.later]).toEqual([13, 17]);
  });

  it("shows the first periods before any deadline and the last ones after the end", () => {
    expect(periodsAround(monthly, day("2023-01-01")).periods.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const after = periodsAround(monthly, day("2027-03-01"));
    expect(after.periods.map((p) => p.number)).toEqual([31, 32, 33, 34, 35, 36]);
    expect([after.earlier, after.later]).toEqual([30, 0]);
    expect(periodsAround(monthly.slice(0, 4), day("2024-02-01"))).toMatchObject({ earlier: 0, later: 0 });
  });
});
