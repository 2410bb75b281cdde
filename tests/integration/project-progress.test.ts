import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/context";
import { db } from "~/db.server";
import { formatEuro } from "~/domain/money";
import { periodicReportData } from "~/domain/project-export.server";
import { projectProgress, tavoloTotals } from "~/domain/project-progress.server";
import { loader as exportLoader } from "~/routes/projects.export";
import { loader as reportLoader } from "~/routes/projects.report";
import { loader as summaryLoader } from "~/routes/projects.summary";
import { parseDay } from "~/utils/dates";
import { createUser } from "../factories";
import { createProjectFixture } from "../support/projects";
import { routeArgs } from "../support/routes";

type Fixture = Awaited<ReturnType<typeof createProjectFixture>>;

const day = (value: string) =>
  parseDay(value) ??
  (() => {
    throw new Error(`bad day ${value}`);
  })();

const asSession = (user: { id: string; name: string; email: string; role: string; organisationId: string }): SessionUser => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role as SessionUser["role"],
  organisationId: user.organisationId,
  organisationName: "Organizzazione di prova",
  sessionId: "sessione-di-prova",
});

/** The status and body of what a loader returned or threw. */
async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, response: value };
  if (value instanceof Error) throw value;
  return { status: 200, data: value };
}

const get = (path: string) => new Request(`http://localhost:3000${path}`);

/** The rendicontazione of an organisation for period `number` of the fixture's project. */
function rendicontazioneOf(fixture: Fixture, number: number, organisationId: string) {
  const found = fixture.rendicontazioni.find((r) => r.period.number === number && r.organisationId === organisationId);
  if (!found) throw new Error(`no rendicontazione for period ${number}`);
  return found;
}

/** Sets a rendicontazione's state and what it reports, straight in the database. */
async function fill(
  rendicontazioneId: string,
  status: "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED",
  content: {
    values?: { projectIndicatorId: string; value: number }[];
    expenses?: { category: string; amountCents: number; description?: string }[];
    households?: number;
    people?: number;
    minors?: number;
  } = {},
) {
  await db.rendicontazione.update({
    where: { id: rendicontazioneId },
    data: {
      status,
      householdsReached: content.households ?? null,
      peopleReached: content.people ?? null,
      minorsReached: content.minors ?? null,
      approvedAt: status === "APPROVED" ? new Date() : null,
      indicatorValues: { create: (content.values ?? []).map((v) => ({ projectIndicatorId: v.projectIndicatorId, value: v.value })) },
      expenses: {
        create: (content.expenses ?? []).map((e, index) => ({
          position: index + 1,
          category: e.category,
          description: e.description ?? `Spesa ${index + 1}`,
          amountCents: BigInt(e.amountCents),
          reference: `Fattura n. ${index + 1}/2026`,
        })),
      },
    },
  });
}

/**
 * A project with the lead and one partner: period 1 approved for the lead (5 families, 0,10 € +
 * 0,20 € of expenses, 3 people), a submitted one from the partner with huge figures, a draft in
 * period 2. The CUP and amounts make the export rows recognisable.
 */
async function projectWithReports() {
  const fixture = await createProjectFixture({ partners: 1, programmedCents: 12_345_678 });
  await db.project.update({
    where: { id: fixture.project.id },
    data: { cup: "J41H22000250006", committedCents: 10_000_000n, uncommittedReason: "Gara in corso", expectedCommitmentOn: day("2026-09-30") },
  });
  const partner = fixture.partners[0]!.organisation;
  const pi = fixture.projectIndicator.id;
  await fill(rendicontazioneOf(fixture, 1, fixture.lead.id).id, "APPROVED", {
    values: [{ projectIndicatorId: pi, value: 5 }],
    expenses: [
      { category: "PERSONALE", amountCents: 10 },
      { category: "SERVIZI", amountCents: 20 },
    ],
    households: 1,
    people: 3,
    minors: 1,
  });
  await fill(rendicontazioneOf(fixture, 1, partner.id).id, "SUBMITTED", {
    values: [{ projectIndicatorId: pi, value: 1000 }],
    expenses: [{ category: "BENI", amountCents: 99_999_999 }],
    people: 999,
  });
  await fill(rendicontazioneOf(fixture, 2, fixture.lead.id).id, "DRAFT", {
    values: [{ projectIndicatorId: pi, value: 500 }],
    expenses: [{ category: "BENI", amountCents: 5_000 }],
  });
  return { fixture, partner, pi };
}

describe("progress of a project", () => {
  it("counts only approved rendicontazioni, with money summed exactly", async () => {
    const { fixture, partner, pi } = await projectWithReports();
    await fill(rendicontazioneOf(fixture, 2, partner.id).id, "RETURNED", {
      values: [{ projectIndicatorId: pi, value: 300 }],
      expenses: [{ category: "BENI", amountCents: 7_000 }],
    });

    const progress = await projectProgress(fixture.project.id, day("2026-05-15"));
    expect(progress).not.toBeNull();
    const { financial, indicators, beneficiaries, partners, expensesByCategory, periods, states } = progress!;
    expect(financial.liquidatedCents).toBe(30);
    expect(formatEuro(financial.liquidatedCents)).toBe("0,30 €");
    expect(financial.programmedCents).toBe(12_345_678);
    expect(financial.uncommitted).toEqual({ cents: 2_345_678, reason: "Gara in corso", expectedOn: "2026-09-30", expectedPassed: false });
    expect(indicators[0]).toMatchObject({ achieved: 5, target: 20, percent: 25, lastValueOn: "2026-03-31" });
    expect(beneficiaries).toEqual({ households: 1, people: 3, minors: 1 });
    expect(partners.find((p) => p.isLead)).toMatchObject({ liquidatedCents: 30, budgetCents: 4_000_000 });
    expect(partners.find((p) => p.organisationId === partner.id)).toMatchObject({ liquidatedCents: 0, percent: 0 });
    expect(expensesByCategory).toEqual([
      { category: "PERSONALE", label: "Personale", cents: 10 },
      { category: "SERVIZI", label: "Servizi e consulenze", cents: 20 },
    ]);
    expect(periods.map((p) => [p.number, p.approved, p.expected, p.liquidatedCents])).toEqual([
      [1, 1, 2, 30],
      [2, 0, 2, 0],
      [3, 0, 2, 0],
      [4, 0, 2, 0],
    ]);
    // Period 1 is due on 30 April: on 15 May the lead's is approved, the partner's is waiting for review.
    expect(Object.fromEntries(states.map((s) => [s.label, s.count]))).toEqual({
      "Da iniziare": 4,
      Bozza: 1,
      Inviata: 1,
      "Restituita per correzioni": 1,
      Approvata: 1,
    });
    expect(JSON.parse(JSON.stringify(progress))).toEqual(progress);

    // Approving the partner's submission moves every figure at once.
    await db.rendicontazione.update({ where: { id: rendicontazioneOf(fixture, 1, partner.id).id }, data: { status: "APPROVED" } });
    const after = await projectProgress(fixture.project.id, day("2026-05-15"));
    expect(after!.financial.liquidatedCents).toBe(100_000_029);
    expect(formatEuro(after!.financial.liquidatedCents)).toBe("1.000.000,29 €");
    expect(after!.indicators[0]!.achieved).toBe(1005);
    expect(after!.beneficiaries.people).toBe(1002);
  });

  it("adds SUM indicators to the baseline and takes the latest approved period for LATEST, summing partners", async () => {
    const { fixture, partner, pi } = await projectWithReports();
    await db.projectIndicator.update({ where: { id: pi }, data: { baseline: 2 } });
    const waiting = await db.indicator.create({
      data: {
        name: "Famiglie in lista d'attesa per un alloggio",
        unit: "famiglie",
        direction: "DECREASE",
        aggregation: "LATEST",
        thematicArea: "Abitare",
      },
    });
    const latest = await db.projectIndicator.create({
      data: { projectId: fixture.project.id, indicatorId: waiting.id, baseline: 50, target: 20, targetOn: day("2026-12-31"), position: 1 },
    });
    await db.rendicontazioneIndicatorValue.create({
      data: { rendicontazioneId: rendicontazioneOf(fixture, 1, fixture.lead.id).id, projectIndicatorId: latest.id, value: 40 },
    });
    // Period 2: both organisations approved; their values add up for the period (20 + 10).
    await fill(rendicontazioneOf(fixture, 2, partner.id).id, "APPROVED", {
      values: [
        { projectIndicatorId: latest.id, value: 10 },
        { projectIndicatorId: pi, value: 0.1 },
      ],
    });
    await db.rendicontazione.update({ where: { id: rendicontazioneOf(fixture, 2, fixture.lead.id).id }, data: { status: "APPROVED" } });
    await db.rendicontazioneIndicatorValue.create({
      data: { rendicontazioneId: rendicontazioneOf(fixture, 2, fixture.lead.id).id, projectIndicatorId: latest.id, value: 20 },
    });
    // A later submission not yet approved does not become "the latest".
    await fill(rendicontazioneOf(fixture, 3, fixture.lead.id).id, "SUBMITTED", { values: [{ projectIndicatorId: latest.id, value: 5 }] });

    const progress = await projectProgress(fixture.project.id, day("2026-07-15"));
    const [sum, level] = progress!.indicators;
    // Baseline 2 + 5 (period 1) + 500 (period 2 lead, now approved) + 0,1 (period 2 partner).
    expect(sum).toMatchObject({ aggregation: "SUM", baseline: 2, achieved: 507.1 });
    expect(level).toMatchObject({ aggregation: "LATEST", direction: "DECREASE", achieved: 30, lastValueOn: "2026-06-30" });
    // From 50 down towards 20: 20 of the 30 to go are done.
    expect(level!.percent).toBe(66.7);
    expect(progress!.periods[1]!.values).toEqual(expect.arrayContaining([{ projectIndicatorId: latest.id, value: 30 }]));
  });

  it("reads 0,1 + 0,2 as 0,3 for indicator values and cents stay exact", async () => {
    const fixture = await createProjectFixture({ partners: 1 });
    const partner = fixture.partners[0]!.organisation;
    const pi = fixture.projectIndicator.id;
    await fill(rendicontazioneOf(fixture, 1, fixture.lead.id).id, "APPROVED", {
      values: [{ projectIndicatorId: pi, value: 0.1 }],
      expenses: [{ category: "ALTRO", amountCents: 10 }],
    });
    await fill(rendicontazioneOf(fixture, 1, partner.id).id, "APPROVED", {
      values: [{ projectIndicatorId: pi, value: 0.2 }],
      expenses: [{ category: "ALTRO", amountCents: 20 }],
    });
    const progress = await projectProgress(fixture.project.id);
    expect(progress!.indicators[0]!.achieved).toBe(0.3);
    expect(progress!.financial.liquidatedCents).toBe(30);
    expect(progress!.expensesByCategory).toEqual([{ category: "ALTRO", label: "Altro", cents: 30 }]);
  });

  it("is null for a project that does not exist", async () => {
    expect(await projectProgress("non-esiste")).toBeNull();
  });
});

describe("the tavolo's totals", () => {
  it("adds projects up by funding source, by objective (in each of a project's objectives) and by thematic area", async () => {
    const { fixture: first } = await projectWithReports();
    const second = await createProjectFixture({ programmedCents: 5_000_001 });
    await db.project.update({ where: { id: second.project.id }, data: { fundingSource: "PNRR_M5C2_1_1" } });
    const second1 = rendicontazioneOf(second, 1, second.lead.id);
    await fill(second1.id, "APPROVED", {
      values: [{ projectIndicatorId: second.projectIndicator.id, value: 7 }],
      expenses: [{ category: "BENI", amountCents: 1 }],
      people: 4,
    });

    const os1 = await db.strategicObjective.create({ data: { code: "OS1", title: "Abitare", position: 1 } });
    const os2 = await db.strategicObjective.create({ data: { code: "OS2", title: "Lavoro", position: 2 } });
    await db.projectObjective.createMany({
      data: [
        { projectId: first.project.id, objectiveId: os1.id },
        { projectId: first.project.id, objectiveId: os2.id },
        { projectId: second.project.id, objectiveId: os2.id },
      ],
    });
    const group = await db.workingGroup.create({ data: { name: "Gruppo casa", thematicArea: "Abitare" } });
    await db.project.update({ where: { id: first.project.id }, data: { workingGroupId: group.id } });

    const totals = await tavoloTotals();
    expect(totals.total).toMatchObject({ projects: 2, programmedCents: 17_345_679, liquidatedCents: 31 });
    expect(totals.beneficiaries.people).toBe(7);
    expect(totals.bySource.map((s) => [s.label, s.projects, s.programmedCents, s.liquidatedCents])).toEqual([
      ["PNRR M5C2 investimento 1.1 (persone vulnerabili)", 1, 5_000_001, 1],
      ["Fondo Povertà (Quota servizi)", 1, 12_345_678, 30],
    ]);
    expect(totals.byObjective.map((o) => [o.label, o.projects, o.programmedCents])).toEqual([
      ["OS1 Abitare", 1, 12_345_678],
      ["OS2 Lavoro", 2, 17_345_679],
    ]);
    expect(totals.byArea.map((a) => [a.thematicArea, a.projects, a.programmedCents])).toEqual([
      ["Abitare", 1, 12_345_678],
      ["Senza gruppo", 1, 5_000_001],
    ]);
    // Both fixture indicators count families in "Coesione sociale": 5 + 7 of 20 + 20.
    expect(totals.indicatorsByArea).toEqual([
      expect.objectContaining({ thematicArea: "Coesione sociale", unit: "famiglie", count: 2, target: 40, achieved: 12, percent: 30 }),
    ]);
  });

  it("shows the summary to everyone signed in, and the report form to coordinators only", async () => {
    const { fixture } = await projectWithReports();
    const member = await createUser({ role: "MEMBER", organisationId: fixture.lead.id });
    const asMember = await outcome(() => summaryLoader(routeArgs(get("/progetti/riepilogo"), asSession(member))));
    expect(asMember.status).toBe(200);
    const memberData = asMember.data as Awaited<ReturnType<typeof summaryLoader>>;
    expect(memberData.canManage).toBe(false);
    expect(memberData.totals.total.liquidatedCents).toBe(30);

    const asCoordinator = (await summaryLoader(routeArgs(get("/progetti/riepilogo"), asSession(fixture.coordinator)))) as Awaited<
      ReturnType<typeof summaryLoader>
    >;
    expect(asCoordinator.canManage).toBe(true);
    expect(asCoordinator.period.dal).toMatch(/^\d{4}-01-01$/);

    const anonymous = await outcome(() => summaryLoader(routeArgs(get("/progetti/riepilogo"), null)));
    expect(anonymous.status).toBe(302);
    expect(anonymous.response?.headers.get("Location")).toContain("/accedi");
  });
});

describe("exports", () => {
  it("writes the approved figures in the monitoring columns of the XLSX, with euro cells", async () => {
    const { fixture } = await projectWithReports();
    const response = await exportLoader(routeArgs(get("/progetti/esporta/xlsx"), asSession(fixture.coordinator), { format: "xlsx" }));
    expect(response.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(response.headers.get("Content-Disposition")).toMatch(/monitoraggio-progetti-\d{4}-\d{2}-\d{2}\.xlsx/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Indicatori", "Avanzamento finanziario"]);
    const sheet = workbook.getWorksheet("Indicatori")!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual([
      "CUP",
      "Codice progetto",
      "Titolo",
      "Soggetto attuatore",
      "Fonte di finanziamento",
      "Importo programmato",
      "Importo ammesso",
      "Importo impegnato (giuridicamente vincolante)",
      "Importo liquidato",
      "Importo erogato",
      "Indicatore",
      "Unità di misura",
      "Target",
      "Data target",
      "Valore",
      "Data del valore",
      "Organizzazione",
    ]);
    // Only the approved value: the partner's submitted 1000 and the lead's draft 500 are not there.
    expect(sheet.rowCount).toBe(2);
    const column = (name: string) => headers.indexOf(name) + 1;
    const row = sheet.getRow(2);
    expect(row.getCell(column("CUP")).value).toBe("J41H22000250006");
    expect(row.getCell(column("Soggetto attuatore")).value).toBe(fixture.lead.name);
    expect(row.getCell(column("Importo programmato")).value).toBe(123_456.78);
    expect(row.getCell(column("Importo programmato")).numFmt).toContain("€");
    expect(row.getCell(column("Importo impegnato (giuridicamente vincolante)")).value).toBe(100_000);
    expect(row.getCell(column("Importo liquidato")).value).toBe(0.3);
    expect(row.getCell(column("Indicatore")).value).toBe(fixture.indicator.name);
    expect(row.getCell(column("Target")).value).toBe(20);
    expect(row.getCell(column("Valore")).value).toBe(5);
    expect((row.getCell(column("Data del valore")).value as Date).toISOString().slice(0, 10)).toBe("2026-03-31");
    expect(row.getCell(column("Organizzazione")).value).toBe(fixture.lead.name);

    const financial = workbook.getWorksheet("Avanzamento finanziario")!;
    const financialHeaders = (financial.getRow(1).values as unknown[]).slice(1);
    expect(financial.rowCount).toBe(2);
    expect(financial.getRow(2).getCell(financialHeaders.indexOf("Importo non impegnato") + 1).value).toBe(23_456.78);
    expect(financial.getRow(2).getCell(financialHeaders.indexOf("Motivo del mancato impegno") + 1).value).toBe("Gara in corso");
  });

  it("writes the CSV with Italian decimals, a BOM and ';', one row per approved value", async () => {
    const { fixture, partner } = await projectWithReports();
    // A second approved value, from the partner, and a project with nothing approved yet.
    await db.rendicontazione.update({ where: { id: rendicontazioneOf(fixture, 1, partner.id).id }, data: { status: "APPROVED" } });
    const empty = await createProjectFixture();
    await db.project.update({ where: { id: empty.project.id }, data: { title: '=HYPERLINK("http://esempio.invalid")' } });

    const response = await exportLoader(routeArgs(get("/progetti/esporta/csv"), asSession(fixture.coordinator), { format: "csv" }));
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await response.arrayBuffer());
    // The byte order mark that tells Excel the file is UTF-8 (Response.text() would drop it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(bytes.subarray(3).toString("utf8"), { header: true, delimiter: ";", skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const mine = parsed.data.filter((r) => r["Codice progetto"] === fixture.project.code);
    expect(mine.map((r) => [r["Organizzazione"], r["Valore"], r["Data del valore"]])).toEqual(
      [
        [fixture.lead.name, "5", "31/03/2026"],
        [partner.name, "1000", "31/03/2026"],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!, "it")),
    );
    expect(mine[0]).toMatchObject({
      CUP: "J41H22000250006",
      "Importo programmato": "123456,78",
      "Importo impegnato (giuridicamente vincolante)": "100000,00",
      "Importo liquidato": "1000000,29",
      "Importo erogato": "0,00",
      Target: "20",
      "Data target": "31/12/2026",
    });
    const other = parsed.data.filter((r) => r["Codice progetto"] === empty.project.code);
    expect(other).toHaveLength(1);
    expect(other[0]).toMatchObject({ Indicatore: "", Valore: "", "Importo programmato": "100000,00" });
    // A title that looks like a formula is written so that Excel shows it as text.
    expect(other[0]!["Titolo"]!.startsWith("'=")).toBe(true);
  });

  it("refuses the exports and the report to members and referents", async () => {
    const { fixture } = await projectWithReports();
    const member = asSession(await createUser({ role: "MEMBER", organisationId: fixture.lead.id }));
    const referent = asSession(fixture.leadReferent);
    for (const user of [member, referent]) {
      expect((await outcome(() => exportLoader(routeArgs(get("/progetti/esporta/xlsx"), user, { format: "xlsx" })))).status).toBe(403);
      expect((await outcome(() => exportLoader(routeArgs(get("/progetti/esporta/csv"), user, { format: "csv" })))).status).toBe(403);
      const report = await outcome(() => reportLoader(routeArgs(get("/progetti/report/pdf?dal=2026-01-01&al=2026-12-31"), user, { format: "pdf" })));
      expect(report.status).toBe(403);
    }
    const unknown = await outcome(() => exportLoader(routeArgs(get("/progetti/esporta/ods"), asSession(fixture.coordinator), { format: "ods" })));
    expect(unknown.status).toBe(404);
  });
});

describe("the periodic report", () => {
  it("counts in the period only the approved figures of periods ending inside it", async () => {
    const { fixture } = await projectWithReports();
    await fill(rendicontazioneOf(fixture, 3, fixture.lead.id).id, "APPROVED", { expenses: [{ category: "BENI", amountCents: 100 }], people: 10 });
    await db.reportingPeriod.update({
      where: { id: rendicontazioneOf(fixture, 1, fixture.lead.id).periodId },
      data: { consolidatedNote: "<p>Primo trimestre: <strong>avvio</strong> dello sportello.</p>" },
    });
    // A project that ended before the period is not in the report.
    const old = await createProjectFixture({ startsOn: "2025-01-01", endsOn: "2025-06-30" });

    const report = await periodicReportData({ from: day("2026-01-01"), to: day("2026-06-30") }, new Date("2026-07-15T10:00:00Z"));
    expect(report.projects.map((p) => p.project.code)).toEqual([fixture.project.code]);
    expect(report.projects.map((p) => p.project.code)).not.toContain(old.project.code);
    expect(report.liquidatedInRangeCents).toBe(30);
    expect(report.beneficiaries).toEqual({ households: 1, people: 3, minors: 1 });
    const [entry] = report.projects;
    expect(entry!.notes).toEqual([{ number: 1, endsOn: "2026-03-31", text: "Primo trimestre: avvio dello sportello." }]);
    // Periods 1 and 2 close inside the range: period 1 has one approved and one submitted; period 2 (due 30 July) a draft and one not started.
    expect(Object.fromEntries(entry!.states.map((s) => [s.label, s.count]))).toEqual({ "Da iniziare": 1, Bozza: 1, Inviata: 1, Approvata: 1 });
    expect(report.expenses.map((e) => e.amountCents)).toEqual([10, 20]);

    const wholeYear = await periodicReportData({ from: day("2026-01-01"), to: day("2026-12-31") });
    expect(wholeYear.liquidatedInRangeCents).toBe(130);
    expect(wholeYear.beneficiaries.people).toBe(13);
  });

  it("generates a PDF and an XLSX with its sheets", async () => {
    const { fixture } = await projectWithReports();
    const coordinator = asSession(fixture.coordinator);
    const pdf = await reportLoader(routeArgs(get("/progetti/report/pdf?dal=2026-01-01&al=2026-06-30"), coordinator, { format: "pdf" }));
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.headers.get("Content-Disposition")).toContain("report-progetti-2026-01-01-2026-06-30.pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    // Cover, summary and one project section: three pages at least.
    expect(bytes.length).toBeGreaterThan(4000);
    expect((bytes.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(3);

    const xlsx = await reportLoader(routeArgs(get("/progetti/report/xlsx?dal=2026-01-01&al=2026-06-30"), coordinator, { format: "xlsx" }));
    expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Riepilogo", "Progetti", "Indicatori", "Spese"]);
    const summary = workbook.getWorksheet("Riepilogo")!;
    const figures = new Map<string, unknown>();
    summary.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get("Progetti attivi nel periodo")).toBe(1);
    expect(figures.get("Liquidato nel periodo")).toBe(0.3);
    expect(figures.get("Persone raggiunte nel periodo")).toBe(3);
    const expenses = workbook.getWorksheet("Spese")!;
    expect(expenses.rowCount).toBe(3);
    expect(expenses.getRow(2).getCell(7).value).toBe(0.1);
    expect(expenses.getRow(3).getCell(7).value).toBe(0.2);
    const indicators = workbook.getWorksheet("Indicatori")!;
    expect(indicators.getRow(2).getCell(9).value).toBe(5);
  });

  it("answers 400 with an Italian message for missing or bad dates", async () => {
    const { fixture } = await projectWithReports();
    const coordinator = asSession(fixture.coordinator);
    const cases: [string, RegExp][] = [
      ["", /Indica il periodo/],
      ["?dal=2026-01-01", /Indica il periodo/],
      ["?dal=2026-13-01&al=2026-12-31", /data di inizio "2026-13-01" non è valida/],
      ["?dal=2026-01-01&al=31/12/2026", /data di fine "31\/12\/2026" non è valida/],
      ["?dal=2026-06-30&al=2026-01-01", /non può precedere/],
    ];
    for (const [query, message] of cases) {
      const result = await outcome(() => reportLoader(routeArgs(get(`/progetti/report/pdf${query}`), coordinator, { format: "pdf" })));
      expect(result.status, query).toBe(400);
      expect(await result.response!.text()).toMatch(message);
    }
    const unknown = await outcome(() =>
      reportLoader(routeArgs(get("/progetti/report/docx?dal=2026-01-01&al=2026-12-31"), coordinator, { format: "docx" })),
    );
    expect(unknown.status).toBe(404);
  });
});
