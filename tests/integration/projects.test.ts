import { describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { createProject, listProjects, parseProjectFilters, projectDetail, projectForEdit, type ProjectFormValues } from "~/domain/projects.server";
import type { ProjectProgress } from "~/domain/project-progress.server";
import { action as indicatorsAction, loader as indicatorsLoader } from "~/routes/indicators";
import { action as editAction, loader as editLoader } from "~/routes/project.edit";
import { loader as projectLoader } from "~/routes/project";
import { loader as listLoader } from "~/routes/projects";
import { action as newAction, loader as newLoader } from "~/routes/projects.new";
import { loader as registerLoader } from "~/routes/decisions";
import { parseDay } from "~/utils/dates";
import { createOrganisation, createUser } from "../factories";
import { routeArgs } from "../support/routes";

const day = (value: string) => parseDay(value) ?? (() => { throw new Error(`bad day ${value}`); })();

async function signedIn(role: Role, organisationId?: string, name = role === "COORDINATOR" ? "Giulia Ferrari" : "Marco Bianchi") {
  const user = await createUser({ role, name, ...(organisationId ? { organisationId } : {}) });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role,
    organisationId: user.organisationId,
    organisationName: "Organizzazione di prova",
    sessionId: "sessione-di-prova",
  } satisfies SessionUser;
}

/** A POST with repeated fields, in the order given (the project form's rows). */
const post = (path: string, entries: [string, string][]) => {
  const form = new FormData();
  for (const [key, value] of entries) form.append(key, value);
  return new Request(`http://localhost:3000${path}`, { method: "POST", body: form });
};
const get = (path: string) => new Request(`http://localhost:3000${path}`);

/** The status and body of what a loader or action returned or threw: a Response, or data() with its init. */
async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, location: value.headers.get("Location"), body: await value.text() };
  if (value instanceof Error) throw value;
  const result = value as { data?: { errors: { fieldErrors: Record<string, string>; formError?: string } }; init?: { status: number } };
  return result.init ? { status: result.init.status, errors: result.data?.errors, data: result.data } : { status: 200, body: value };
}

async function setting() {
  const lead = await createOrganisation({ name: "Comune di Lodi" });
  const caritas = await createOrganisation({ name: "Caritas Lodigiana" });
  const emporio = await createOrganisation({ name: "Emporio solidale" });
  const coordinator = await signedIn("COORDINATOR");
  const objective = await db.strategicObjective.create({ data: { code: "OS2", title: "Casa per tutti", position: 1 } });
  const housing = await db.indicator.create({ data: { name: "Opportunità abitative reperite", unit: "alloggi", thematicArea: "Casa e abitare" } });
  const families = await db.indicator.create({ data: { name: "Famiglie accompagnate", unit: "famiglie", thematicArea: "Coesione sociale" } });
  return { lead, caritas, emporio, coordinator, objective, housing, families };
}

type Setting = Awaited<ReturnType<typeof setting>>;

/** The form as a coordinator fills it: a year of quarterly reporting, the lead and one partner. */
function formValues(s: Setting, overrides: Partial<ProjectFormValues> = {}): ProjectFormValues {
  return {
    title: "Snodi di comunità",
    code: "TO7.1.1.a",
    cup: "j41h 2200 0250006",
    rup: "Dott.ssa Anna Verdi, Servizi sociali",
    description: "Reti di prossimità nei quartieri.",
    leadOrganisationId: s.lead.id,
    workingGroupId: "",
    objectiveIds: [s.objective.id],
    startsOn: "2026-01-01",
    endsOn: "2026-12-31",
    status: "ACTIVE",
    fundingSource: "PN_METRO_PLUS",
    fundingDetail: "Avviso 1/2022",
    programmed: "5.657.142,86",
    admitted: "5.657.142,86",
    committed: "4.000.000,00",
    disbursed: "565.714,29",
    uncommittedReason: "Gara per i servizi abitativi in corso",
    expectedCommitmentOn: "2026-06-30",
    reportingFrequency: "QUARTERLY",
    reportingDueDays: "30",
    customPeriodEnds: [],
    partners: [
      { partnerOrganisationId: s.lead.id, partnerBudget: "3.657.142,86" },
      { partnerOrganisationId: s.caritas.id, partnerBudget: "2.000.000" },
    ],
    actionLines: [
      { actionLineCode: "A", actionLineTitle: "Sviluppo di snodi di comunità" },
      { actionLineCode: "B", actionLineTitle: "Progetti individualizzati e budget di vita" },
      { actionLineCode: "C", actionLineTitle: "Abitare sociale" },
    ],
    indicators: [
      { indicatorId: s.housing.id, indicatorActionLine: "C", indicatorBaseline: "0", indicatorTarget: "90", indicatorTargetOn: "2026-12-31" },
      { indicatorId: s.families.id, indicatorActionLine: "", indicatorBaseline: "2,5", indicatorTarget: "20", indicatorTargetOn: "2026-12-31" },
    ],
    ...overrides,
  };
}

/** The form's fields in page order, with the two empty rows the page adds to each group. */
function entries(values: ProjectFormValues): [string, string][] {
  const out: [string, string][] = [];
  const { objectiveIds, customPeriodEnds, partners, actionLines, indicators, ...single } = values;
  for (const [key, value] of Object.entries(single)) out.push([key, value]);
  for (const id of objectiveIds) out.push(["objectiveIds", id]);
  const rows = <R extends Record<string, string>>(list: R[], names: (keyof R & string)[]) => {
    for (const row of [...list, ...[{}, {}]] as Partial<R>[]) for (const name of names) out.push([name, row[name] ?? ""]);
  };
  rows(partners, ["partnerOrganisationId", "partnerBudget"]);
  rows(actionLines, ["actionLineCode", "actionLineTitle"]);
  rows(indicators, ["indicatorId", "indicatorActionLine", "indicatorBaseline", "indicatorTarget", "indicatorTargetOn"]);
  rows(customPeriodEnds.map((end) => ({ customPeriodEnds: end })), ["customPeriodEnds"]);
  return out;
}

const createThroughForm = (s: Setting, overrides: Partial<ProjectFormValues> = {}) =>
  outcome(() => newAction(routeArgs(post("/progetti/nuovo", entries(formValues(s, overrides))), s.coordinator)));

async function storedCounts() {
  return {
    projects: await db.project.count(),
    partners: await db.projectPartner.count(),
    lines: await db.projectActionLine.count(),
    indicators: await db.projectIndicator.count(),
    periods: await db.reportingPeriod.count(),
    rendicontazioni: await db.rendicontazione.count(),
    audit: await db.auditEvent.count({ where: { subjectType: "PROJECT" } }),
  };
}
const NOTHING = { projects: 0, partners: 0, lines: 0, indicators: 0, periods: 0, rendicontazioni: 0, audit: 0 };

describe("projects: creating through the form", () => {
  it("stores the project, its parts and money exactly, and creates the periods and one rendicontazione per period and partner", async () => {
    const s = await setting();
    const created = await createThroughForm(s);
    const project = await db.project.findFirstOrThrow({
      include: {
        partners: { orderBy: { budgetCents: "desc" } },
        objectives: true,
        actionLines: { orderBy: { position: "asc" } },
        indicators: { orderBy: { position: "asc" }, include: { actionLine: true } },
        periods: { orderBy: { number: "asc" } },
      },
    });
    expect(created).toMatchObject({ status: 302, location: `/progetti/${project.id}?registrato` });
    expect(project).toMatchObject({
      code: "TO7.1.1.a",
      cup: "J41H22000250006",
      programmedCents: 565714286n,
      admittedCents: 565714286n,
      committedCents: 400000000n,
      disbursedCents: 56571429n,
      uncommittedReason: "Gara per i servizi abitativi in corso",
      expectedCommitmentOn: day("2026-06-30"),
      reportingFrequency: "QUARTERLY",
      reportingDueDays: 30,
    });
    expect(project.partners.map((p) => [p.organisationId, p.budgetCents])).toEqual([
      [s.lead.id, 365714286n],
      [s.caritas.id, 200000000n],
    ]);
    expect(project.objectives.map((o) => o.objectiveId)).toEqual([s.objective.id]);
    expect(project.actionLines.map((l) => `${l.code} ${l.title}`)).toEqual([
      "A Sviluppo di snodi di comunità",
      "B Progetti individualizzati e budget di vita",
      "C Abitare sociale",
    ]);
    expect(project.indicators.map((i) => [i.indicatorId, i.actionLine?.code ?? null, i.baseline, i.target])).toEqual([
      [s.housing.id, "C", 0, 90],
      [s.families.id, null, 2.5, 20],
    ]);
    expect(project.periods.map((p) => [p.startsOn, p.endsOn, p.dueOn])).toEqual([
      [day("2026-01-01"), day("2026-03-31"), day("2026-04-30")],
      [day("2026-04-01"), day("2026-06-30"), day("2026-07-30")],
      [day("2026-07-01"), day("2026-09-30"), day("2026-10-30")],
      [day("2026-10-01"), day("2026-12-31"), day("2027-01-30")],
    ]);
    const rendicontazioni = await db.rendicontazione.findMany({ where: { projectId: project.id } });
    expect(rendicontazioni).toHaveLength(8);
    expect(new Set(rendicontazioni.map((r) => r.organisationId))).toEqual(new Set([s.lead.id, s.caritas.id]));
    expect(rendicontazioni.every((r) => r.status === "NOT_STARTED")).toBe(true);
    expect(await db.auditEvent.findMany({ where: { subjectType: "PROJECT", subjectId: project.id } })).toMatchObject([
      { summary: "Progetto registrato: TO7.1.1.a «Snodi di comunità»", actorName: "Giulia Ferrari" },
    ]);
  });

  it("adds the lead organisation to the partners when it is missing, with no share", async () => {
    const s = await setting();
    await createThroughForm(s, { partners: [{ partnerOrganisationId: s.caritas.id, partnerBudget: "1.000,50" }] });
    const partners = await db.projectPartner.findMany({ orderBy: { budgetCents: "desc" } });
    expect(partners.map((p) => [p.organisationId, p.budgetCents])).toEqual([
      [s.caritas.id, 100050n],
      [s.lead.id, 0n],
    ]);
    expect(await db.rendicontazione.count()).toBe(8);
  });

  it("refuses wrong data with 400, each message next to its field or row, and writes nothing", async () => {
    const s = await setting();
    const refused = await createThroughForm(s, {
      cup: "J41H2200025000",
      endsOn: "2025-12-31",
      committed: "1.000.000,00",
      uncommittedReason: "",
      expectedCommitmentOn: "",
    });
    expect(refused.status).toBe(400);
    expect(refused.errors?.fieldErrors).toEqual({
      cup: "CUP non valido: sono 15 caratteri, una lettera, due cifre, una lettera e undici cifre (per esempio J41H22000250006).",
    });

    const rules = await createThroughForm(s, { endsOn: "2025-12-31", committed: "1.000.000,00", uncommittedReason: "", expectedCommitmentOn: "" });
    expect(rules.status).toBe(400);
    expect(rules.errors?.fieldErrors).toEqual({
      endsOn: "La fine del progetto deve essere successiva all'inizio.",
      uncommittedReason: "Spiega perché 4.657.142,86 € del programmato non sono ancora giuridicamente vincolanti.",
      expectedCommitmentOn: "Indica entro quando si prevede di impegnare i 4.657.142,86 € che mancano.",
    });

    const shares = await createThroughForm(s, {
      partners: [
        { partnerOrganisationId: s.lead.id, partnerBudget: "5.000.000" },
        { partnerOrganisationId: s.caritas.id, partnerBudget: "700.000" },
      ],
    });
    expect(shares.status).toBe(400);
    expect(shares.errors?.fieldErrors).toEqual({
      partners: "Le quote dei partner (in tutto 5.700.000,00 €) superano l'importo programmato (5.657.142,86 €).",
    });

    const amounts = await createThroughForm(s, { admitted: "6.000.000", disbursed: "dieci euro" });
    expect(amounts.status).toBe(400);
    expect(amounts.errors?.fieldErrors).toEqual({ disbursed: "Importo non valido: scrivilo in euro, per esempio 1.230.620,00." });
    const ceilings = await createThroughForm(s, { admitted: "5.000.000", committed: "5.000.000,01", disbursed: "5.000.001" });
    expect(ceilings.errors?.fieldErrors).toEqual({
      committed: "L'importo giuridicamente vincolante non può superare l'ammesso a finanziamento (5.000.000,00 €).",
      disbursed: "L'importo erogato non può superare l'ammesso a finanziamento (5.000.000,00 €).",
    });

    expect(await storedCounts()).toEqual(NOTHING);
  });

  it("puts row errors on the row they belong to, counting the rows as the page shows them", async () => {
    const s = await setting();
    const values = formValues(s);
    const form = entries(values);
    // An empty partner row between two filled ones: the duplicate is the form's third row.
    const partnerRows: [string, string][] = [
      ["partnerOrganisationId", s.caritas.id],
      ["partnerBudget", "1.000"],
      ["partnerOrganisationId", ""],
      ["partnerBudget", ""],
      ["partnerOrganisationId", s.caritas.id],
      ["partnerBudget", "2.000"],
    ];
    const withRows = [
      ...form.filter(([key]) => !key.startsWith("partner") && !key.startsWith("indicator")),
      ...partnerRows,
      ["indicatorId", s.housing.id],
      ["indicatorActionLine", "Z"],
      ["indicatorBaseline", ""],
      ["indicatorTarget", "novanta"],
      ["indicatorTargetOn", "2026-12-31"],
      ["indicatorId", ""],
      ["indicatorActionLine", ""],
      ["indicatorBaseline", ""],
      ["indicatorTarget", "10"],
      ["indicatorTargetOn", ""],
    ] as [string, string][];
    const refused = await outcome(() => newAction(routeArgs(post("/progetti/nuovo", withRows), s.coordinator)));
    expect(refused.status).toBe(400);
    expect(refused.errors?.fieldErrors).toEqual({
      "indicatorTarget.0": "Numero non valido: usa solo cifre e la virgola per i decimali, per esempio 12,5.",
      "indicatorId.1": "Scegli l'indicatore dal catalogo, o svuota la riga.",
      "indicatorTargetOn.1": "Indica entro quando raggiungere il target.",
    });
    // Once each row reads well, the rules across rows speak, still on the form's rows.
    const fixed = withRows.map(([key, value], index): [string, string] =>
      key === "indicatorTarget" && value === "novanta" ? [key, "90"] : index >= withRows.length - 5 ? [key, ""] : [key, value],
    );
    const rules = await outcome(() => newAction(routeArgs(post("/progetti/nuovo", fixed), s.coordinator)));
    expect(rules.errors?.fieldErrors).toEqual({
      "partnerOrganisationId.2": "Questa organizzazione compare già in un'altra riga: ogni partner va indicato una volta sola.",
      "indicatorActionLine.0": "Il progetto non ha una linea d'azione Z: usa uno dei codici delle linee qui sopra, o lascia vuoto.",
    });
    // The refused form comes back with every row as it was sent.
    expect((rules.data as unknown as { lists: Record<string, string[]> }).lists.partnerBudget).toEqual(["1.000", "", "2.000"]);
    expect(await storedCounts()).toEqual(NOTHING);
  });

  it("with custom dates, ends a period on each date given (and the last with the project); a date outside the project is refused on its row", async () => {
    const s = await setting();
    const outside = await createThroughForm(s, { reportingFrequency: "CUSTOM", customPeriodEnds: ["2026-05-31", "2027-02-28"] });
    expect(outside.errors?.fieldErrors).toEqual({ "customPeriodEnds.1": "La fine di un periodo deve cadere tra l'inizio e la fine del progetto." });
    const none = await createThroughForm(s, { reportingFrequency: "CUSTOM", customPeriodEnds: [] });
    expect(none.errors?.fieldErrors).toEqual({ customPeriodEnds: "Con le date personalizzate indica almeno la fine di un periodo di rendicontazione." });
    expect(await storedCounts()).toEqual(NOTHING);

    expect(await createThroughForm(s, { reportingFrequency: "CUSTOM", customPeriodEnds: ["2026-09-30", "2026-05-31"], reportingDueDays: "" })).toMatchObject({ status: 302 });
    const project = await db.project.findFirstOrThrow({ include: { periods: { orderBy: { number: "asc" } } } });
    expect(project.customPeriodEnds).toBe('["2026-05-31","2026-09-30"]');
    expect(project.periods.map((p) => [p.startsOn, p.endsOn, p.dueOn])).toEqual([
      [day("2026-01-01"), day("2026-05-31"), day("2026-06-30")],
      [day("2026-06-01"), day("2026-09-30"), day("2026-10-30")],
      [day("2026-10-01"), day("2026-12-31"), day("2027-01-30")],
    ]);
  });

  it("refuses an organisation that has left the tavolo as a new partner or lead", async () => {
    const s = await setting();
    const former = await createOrganisation({ name: "Ex cooperativa", status: "EX_PARTNER" });
    const asPartner = await createThroughForm(s, { partners: [{ partnerOrganisationId: former.id, partnerBudget: "10" }] });
    expect(asPartner.status).toBe(400);
    expect(asPartner.errors?.fieldErrors).toEqual({ partners: "Ex cooperativa non fa più parte del tavolo: non può diventare partner del progetto." });
    const asLead = await createThroughForm(s, { leadOrganisationId: former.id });
    expect(asLead.errors?.fieldErrors).toEqual({ leadOrganisationId: "Scegli il soggetto attuatore tra le organizzazioni del tavolo." });
    expect(await storedCounts()).toEqual(NOTHING);
  });

  it("refuses a code or a CUP another project already has (409), and writes nothing more", async () => {
    const s = await setting();
    await createThroughForm(s);
    const before = await storedCounts();
    const sameCode = await createThroughForm(s, { cup: "" });
    expect(sameCode.status).toBe(409);
    expect(sameCode.errors?.fieldErrors).toEqual({ code: "Esiste già un progetto con il codice TO7.1.1.a («Snodi di comunità»)." });
    const sameCup = await createThroughForm(s, { code: "TO7.1.1.b" });
    expect(sameCup.status).toBe(409);
    expect(sameCup.errors?.fieldErrors).toEqual({ cup: "Il CUP J41H22000250006 è già del progetto TO7.1.1.a («Snodi di comunità»)." });
    expect(await storedCounts()).toEqual(before);
  });

  it.each(["REFERENT", "MEMBER"] as const)("refuses a %s with 403 on the form and its action", async (role) => {
    const s = await setting();
    const user = await signedIn(role, s.caritas.id);
    expect((await outcome(() => newLoader(routeArgs(get("/progetti/nuovo"), user)))).status).toBe(403);
    expect((await createThroughForm({ ...s, coordinator: user })).status).toBe(403);
    expect(await storedCounts()).toEqual(NOTHING);
  });
});

describe("projects: editing", () => {
  async function existing() {
    const s = await setting();
    await createThroughForm(s);
    const project = await db.project.findFirstOrThrow();
    const edit = async (change: (values: ProjectFormValues) => ProjectFormValues, user: SessionUser = s.coordinator) =>
      outcome(async () =>
        editAction(routeArgs(post(`/progetti/${project.id}/modifica`, entries(change(await projectForEdit(project.id)))), user, { id: project.id })),
      );
    return { ...s, project, edit };
  }

  it("shows the saved values in the form, and saving them unchanged records no change", async () => {
    const { project, coordinator, edit } = await existing();
    const loaded = (await editLoader(routeArgs(get(`/progetti/${project.id}/modifica`), coordinator, { id: project.id }))) as { values: ProjectFormValues };
    expect(loaded.values).toMatchObject({ programmed: "5657142,86", cup: "J41H22000250006", startsOn: "2026-01-01" });
    expect(loaded.values.partners.map((p) => p.partnerBudget)).toEqual(["3657142,86", "2000000,00"]);
    expect(await edit((values) => values)).toMatchObject({ status: 302, location: `/progetti/${project.id}?modificato` });
    expect(await db.auditEvent.count({ where: { subjectType: "PROJECT" } })).toBe(1);
  });

  it("regenerates the periods when the frequency changes and nothing has started, and records the change", async () => {
    const { project, edit } = await existing();
    expect(await edit((values) => ({ ...values, reportingFrequency: "HALF_YEARLY", reportingDueDays: "45" }))).toMatchObject({ status: 302 });
    const periods = await db.reportingPeriod.findMany({ where: { projectId: project.id }, orderBy: { number: "asc" } });
    expect(periods.map((p) => [p.endsOn, p.dueOn])).toEqual([
      [day("2026-06-30"), day("2026-08-14")],
      [day("2026-12-31"), day("2027-02-14")],
    ]);
    expect(await db.rendicontazione.count({ where: { projectId: project.id } })).toBe(4);
    const [event] = await db.auditEvent.findMany({ where: { subjectType: "PROJECT" }, orderBy: { at: "desc" }, take: 1 });
    expect(JSON.parse(event!.changes)).toEqual({
      "Calendario delle rendicontazioni": [
        "Trimestrale, scadenza 30 giorni dopo la fine del periodo",
        "Semestrale, scadenza 45 giorni dopo la fine del periodo",
      ],
    });
  });

  it("refuses to remove a partner that has a draft rendicontazione, and changes nothing", async () => {
    const { project, caritas, edit } = await existing();
    const draft = await db.rendicontazione.findFirstOrThrow({ where: { projectId: project.id, organisationId: caritas.id }, orderBy: { period: { number: "asc" } } });
    await db.rendicontazione.update({ where: { id: draft.id }, data: { status: "DRAFT" } });
    const refused = await edit((values) => ({
      ...values,
      title: "Titolo che non deve restare",
      partners: values.partners.filter((p) => p.partnerOrganisationId !== caritas.id),
    }));
    expect(refused.status).toBe(409);
    expect(refused.errors?.fieldErrors).toEqual({
      partners: "Un'organizzazione tolta dal progetto ha già iniziato una rendicontazione: non può essere rimossa.",
    });
    expect(await db.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ title: "Snodi di comunità" });
    expect(await db.projectPartner.count({ where: { projectId: project.id } })).toBe(2);
    expect(await db.rendicontazione.count({ where: { projectId: project.id } })).toBe(8);
    expect(await db.auditEvent.count({ where: { subjectType: "PROJECT" } })).toBe(1);
  });

  it("removes a partner that never started, with its rendicontazioni, and an action line, keeping the other lines' indicators", async () => {
    const { project, caritas, emporio, housing, edit } = await existing();
    const result = await edit((values) => ({
      ...values,
      partners: [...values.partners.filter((p) => p.partnerOrganisationId !== caritas.id), { partnerOrganisationId: emporio.id, partnerBudget: "100.000" }],
      actionLines: values.actionLines.filter((line) => line.actionLineCode !== "B"),
    }));
    expect(result.status).toBe(302);
    const organisations = await db.rendicontazione.findMany({ where: { projectId: project.id }, select: { organisationId: true } });
    expect(organisations.some((r) => r.organisationId === caritas.id)).toBe(false);
    expect(organisations.filter((r) => r.organisationId === emporio.id)).toHaveLength(4);
    const line = await db.projectIndicator.findFirstOrThrow({ where: { projectId: project.id, indicatorId: housing.id }, include: { actionLine: true } });
    expect(line.actionLine?.code).toBe("C");
    const detail = await projectDetail(project.id);
    expect(detail.actionLines.map((l) => l.code)).toEqual(["A", "C"]);
  });

  it("refuses to take off an indicator that already has reported values", async () => {
    const { project, families, edit } = await existing();
    const projectIndicator = await db.projectIndicator.findFirstOrThrow({ where: { projectId: project.id, indicatorId: families.id } });
    const rendicontazione = await db.rendicontazione.findFirstOrThrow({ where: { projectId: project.id } });
    await db.rendicontazione.update({ where: { id: rendicontazione.id }, data: { status: "DRAFT" } });
    await db.rendicontazioneIndicatorValue.create({ data: { rendicontazioneId: rendicontazione.id, projectIndicatorId: projectIndicator.id, value: 4 } });
    const refused = await edit((values) => ({ ...values, indicators: values.indicators.filter((i) => i.indicatorId !== families.id) }));
    expect(refused.status).toBe(409);
    expect(refused.errors?.fieldErrors).toEqual({
      indicators: "L'indicatore «Famiglie accompagnate» ha già valori rendicontati dai partner: non si può togliere dal progetto.",
    });
    expect(await db.rendicontazioneIndicatorValue.count()).toBe(1);
  });

  it("refuses a referent with 403", async () => {
    const { project, caritas, edit } = await existing();
    const referent = await signedIn("REFERENT", caritas.id);
    expect((await edit((values) => ({ ...values, title: "Altro" }), referent)).status).toBe(403);
    expect(await db.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ title: "Snodi di comunità" });
  });
});

describe("projects: reading", () => {
  it("computes liquidato from approved rendicontazioni only, and shows each person the rendicontazioni they may follow", async () => {
    const s = await setting();
    await createThroughForm(s);
    const project = await db.project.findFirstOrThrow();
    const [first, second] = await db.rendicontazione.findMany({ where: { projectId: project.id, organisationId: s.caritas.id }, orderBy: { period: { number: "asc" } } });
    await db.rendicontazione.update({
      where: { id: first!.id },
      data: {
        status: "APPROVED",
        expenses: {
          create: [
            { position: 0, category: "PERSONALE", description: "Educatrice", amountCents: 1_230_620_00n },
            { position: 1, category: "BENI", description: "Arredi", amountCents: 10n },
          ],
        },
      },
    });
    await db.rendicontazione.update({
      where: { id: second!.id },
      data: { status: "SUBMITTED", expenses: { create: [{ position: 0, category: "SERVIZI", description: "Non ancora approvata", amountCents: 999_999_99n }] } },
    });

    const coordinatorView = (await projectLoader(routeArgs(get(`/progetti/${project.id}`), s.coordinator, { id: project.id }))) as {
      project: Omit<Awaited<ReturnType<typeof projectDetail>>, "publicFigures" | "progress">;
      progress: ProjectProgress;
      history: unknown[];
    };
    expect(coordinatorView.progress.financial).toMatchObject({ programmedCents: 565714286, liquidatedCents: 123062010, committedCents: 400000000 });
    expect(coordinatorView.project.periods[0]!.rendicontazioni.map((r) => [r.organisationName, r.stateLabel])).toEqual([
      ["Caritas Lodigiana", "Approvata"],
      ["Comune di Lodi", expect.any(String)],
    ]);
    expect(coordinatorView.history).toHaveLength(1);

    const referent = await signedIn("REFERENT", s.caritas.id);
    const referentView = (await projectLoader(routeArgs(get(`/progetti/${project.id}`), referent, { id: project.id }))) as typeof coordinatorView & {
      isLeadReferent: boolean;
    };
    expect(referentView.project.periods.flatMap((p) => p.rendicontazioni.map((r) => r.organisationName))).toEqual(Array(4).fill("Caritas Lodigiana"));
    expect(referentView.history).toEqual([]);
    expect(referentView.isLeadReferent).toBe(false);
  });

  it("lists projects with filters and search by title, code or CUP", async () => {
    const s = await setting();
    await createThroughForm(s);
    await createProject(
      {
        code: "PNRR-1.1.1",
        title: "Sostegno alle famiglie",
        cup: null,
        rup: "",
        description: "",
        leadOrganisationId: s.emporio.id,
        workingGroupId: null,
        objectiveIds: [],
        startsOn: day("2026-01-01"),
        endsOn: day("2027-12-31"),
        status: "PLANNED",
        fundingSource: "PNRR_M5C2_1_1",
        fundingDetail: "",
        programmedCents: 21_150_000,
        admittedCents: 0,
        committedCents: 21_150_000,
        disbursedCents: 0,
        uncommittedReason: "",
        expectedCommitmentOn: null,
        reportingFrequency: "YEARLY",
        customPeriodEnds: [],
        reportingDueDays: 30,
        partners: [],
        actionLines: [],
        indicators: [],
      },
      { id: s.coordinator.id, name: s.coordinator.name },
    );
    const find = async (query: string) => (await listProjects(parseProjectFilters(new URLSearchParams(query)))).projects.map((p) => p.code);
    expect(await find("")).toEqual(["PNRR-1.1.1", "TO7.1.1.a"]);
    expect(await find("q=famiglie")).toEqual(["PNRR-1.1.1"]);
    expect(await find("q=j41h22")).toEqual(["TO7.1.1.a"]);
    expect(await find("q=to7.1")).toEqual(["TO7.1.1.a"]);
    expect(await find("stato=PLANNED")).toEqual(["PNRR-1.1.1"]);
    expect(await find("fonte=PN_METRO_PLUS")).toEqual(["TO7.1.1.a"]);
    expect(await find(`organizzazione=${s.caritas.id}`)).toEqual(["TO7.1.1.a"]);
    expect(await find("stato=SCONOSCIUTO")).toEqual(["PNRR-1.1.1", "TO7.1.1.a"]);

    const member = await signedIn("MEMBER", s.caritas.id);
    const page = (await listLoader(routeArgs(get("/progetti?fonte=PNRR_M5C2_1_1"), member))) as { projects: { code: string; programmedCents: number }[]; canManage: boolean };
    expect(page).toMatchObject({ canManage: false, projects: [{ code: "PNRR-1.1.1", programmedCents: 21_150_000 }] });
  });

  it("shows the decisions and actions linked to a project on its page, and the register filters by project", async () => {
    const s = await setting();
    await createThroughForm(s);
    const project = await db.project.findFirstOrThrow();
    const meeting = await db.meeting.create({
      data: { title: "Plenaria di marzo", kind: "GOVERNANCE", startsAt: new Date("2026-03-04T14:00:00.000Z"), endsAt: new Date("2026-03-04T16:00:00.000Z") },
    });
    await db.decision.createMany({
      data: [
        { meetingId: meeting.id, meetingStartsAt: meeting.startsAt, kind: "ACTION", text: "Censire gli alloggi sfitti", responsibleOrganisationId: s.caritas.id, dueOn: day("2026-04-30"), projectId: project.id },
        { meetingId: meeting.id, meetingStartsAt: meeting.startsAt, kind: "DECISION", text: "Approvato il calendario delle plenarie" },
      ],
    });
    const view = (await projectLoader(routeArgs(get(`/progetti/${project.id}`), s.coordinator, { id: project.id }))) as {
      decisions: { text: string; responsibleOrganisationName: string | null; projectLabel: string | null }[];
    };
    expect(view.decisions).toMatchObject([
      { text: "Censire gli alloggi sfitti", responsibleOrganisationName: "Caritas Lodigiana", projectLabel: "TO7.1.1.a · Snodi di comunità" },
    ]);
    const register = (await registerLoader(routeArgs(get(`/decisioni?progetto=${project.id}`), s.coordinator))) as {
      decisions: { text: string }[];
      choices: { projects: { value: string; label: string }[] };
    };
    expect(register.decisions.map((d) => d.text)).toEqual(["Censire gli alloggi sfitti"]);
    expect(register.choices.projects).toEqual([{ value: project.id, label: "TO7.1.1.a · Snodi di comunità" }]);
  });
});

describe("the indicator catalogue", () => {
  const indicatorForm = (values: Record<string, string>) =>
    post("/indicatori", Object.entries({ direction: "INCREASE", aggregation: "SUM", description: "", ...values }));

  it("coordinators add and edit indicators; names are unique ignoring case; changes go to the history", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const added = await outcome(() =>
      indicatorsAction(routeArgs(indicatorForm({ intent: "add", name: "Famiglie accompagnate", unit: "famiglie", thematicArea: "Coesione sociale" }), coordinator)),
    );
    expect(added).toMatchObject({ status: 200, body: { done: "Indicatore «Famiglie accompagnate» aggiunto al catalogo." } });
    const duplicate = await outcome(() =>
      indicatorsAction(routeArgs(indicatorForm({ intent: "add", name: "famiglie ACCOMPAGNATE", unit: "famiglie", thematicArea: "Lavoro" }), coordinator)),
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.errors?.fieldErrors).toEqual({ name: "Il catalogo ha già un indicatore chiamato «Famiglie accompagnate»: usa quello, o scegli un nome diverso." });
    const missing = await outcome(() => indicatorsAction(routeArgs(indicatorForm({ intent: "add", name: "", unit: "", thematicArea: "" }), coordinator)));
    expect(Object.keys(missing.errors?.fieldErrors ?? {})).toEqual(["name", "unit", "thematicArea"]);

    const indicator = await db.indicator.findFirstOrThrow();
    const edited = await outcome(() =>
      indicatorsAction(
        routeArgs(
          indicatorForm({ intent: "edit", indicatorId: indicator.id, name: "Famiglie accompagnate", unit: "nuclei familiari", thematicArea: "Coesione sociale", aggregation: "LATEST" }),
          coordinator,
        ),
      ),
    );
    expect(edited).toMatchObject({ status: 302, location: "/indicatori?modificato" });
    const history = await db.auditEvent.findMany({ where: { subjectType: "INDICATOR", subjectId: indicator.id }, orderBy: { at: "asc" } });
    expect(history.map((e) => e.summary)).toEqual(["Indicatore aggiunto al catalogo: «Famiglie accompagnate»", "Indicatore modificato: «Famiglie accompagnate»"]);
    expect(JSON.parse(history[1]!.changes)).toMatchObject({ "Unità di misura": ["famiglie", "nuclei familiari"] });

    const member = await signedIn("MEMBER");
    const catalogue = (await indicatorsLoader(routeArgs(get("/indicatori"), member))) as { indicators: { name: string }[]; canManage: boolean; thematicAreas: string[] };
    expect(catalogue).toMatchObject({ canManage: false, indicators: [{ name: "Famiglie accompagnate" }] });
    expect(catalogue.thematicAreas).toContain("Casa e abitare");
    const refused = await outcome(() => indicatorsAction(routeArgs(indicatorForm({ intent: "delete", indicatorId: indicator.id }), member)));
    expect(refused.status).toBe(403);
  });

  it("refuses to delete an indicator a project uses (409), and deletes one nobody uses", async () => {
    const s = await setting();
    await createThroughForm(s, { indicators: [{ indicatorId: s.housing.id, indicatorActionLine: "", indicatorBaseline: "", indicatorTarget: "90", indicatorTargetOn: "2028-12-31" }] });
    const used = await outcome(() => indicatorsAction(routeArgs(post("/indicatori", [["intent", "delete"], ["indicatorId", s.housing.id]]), s.coordinator)));
    expect(used.status).toBe(409);
    expect(used.errors?.formError).toBe(
      "L'indicatore «Opportunità abitative reperite» non si può eliminare: lo usa il progetto TO7.1.1.a. Toglilo prima dai progetti, dalla loro pagina di modifica.",
    );
    expect(await db.indicator.count({ where: { id: s.housing.id } })).toBe(1);
    const unused = await outcome(() => indicatorsAction(routeArgs(post("/indicatori", [["intent", "delete"], ["indicatorId", s.families.id]]), s.coordinator)));
    expect(unused).toMatchObject({ status: 200, body: { done: "Indicatore eliminato dal catalogo." } });
    expect(await db.indicator.count()).toBe(1);
  });
});
