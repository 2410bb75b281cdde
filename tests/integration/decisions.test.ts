import { describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { updateMeeting } from "~/domain/meetings.server";
import { findDecisions, getDecision, listDecisionChoices, listMeetingDecisions, listOpenActions, parseDecisionFilters } from "~/domain/decisions.server";
import { action as statusAction, loader as decisionLoader } from "~/routes/decision";
import { action as registerAction, loader as registerLoader } from "~/routes/decisions";
import { loader as peopleLoader } from "~/routes/decisions.people";
import { loader as verbaleLoader } from "~/routes/verbale";
import { parseDay } from "~/utils/dates";
import { createOrganisation, createUser } from "../factories";
import { createProjectFixture } from "../support/projects";
import { meetingFields } from "../support/meetings";
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

const post = (path: string, values: Record<string, string>) => {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.set(key, value);
  return new Request(`http://localhost:3000${path}`, { method: "POST", body: form });
};

/** The status and body of what an action returned or threw: a Response, or data() with its init. */
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

async function createMeeting(overrides: Partial<{ title: string; startsAt: Date; workingGroupId: string; seriesId: string }> = {}) {
  const startsAt = overrides.startsAt ?? new Date("2025-03-04T14:00:00.000Z");
  return db.meeting.create({
    data: {
      title: overrides.title ?? "Plenaria di marzo",
      kind: "GOVERNANCE",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      workingGroupId: overrides.workingGroupId ?? null,
      seriesId: overrides.seriesId ?? null,
      agendaItems: { create: [{ position: 1, title: "Emergenza abitativa" }, { position: 2, title: "Varie ed eventuali" }] },
    },
    include: { agendaItems: { orderBy: { position: "asc" } } },
  });
}

/** `count` numbered actions ("Azione 01"...), due on consecutive days of `month` (2025-MM). */
const numberedActions = (meeting: { id: string; startsAt: Date }, organisationId: string, count: number, month: string) =>
  db.decision.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      meetingId: meeting.id,
      meetingStartsAt: meeting.startsAt,
      kind: "ACTION",
      text: `Azione ${String(i + 1).padStart(2, "0")}`,
      dueOn: day(`2025-${month}-${String(i + 1).padStart(2, "0")}`),
      responsibleOrganisationId: organisationId,
    })),
  });

async function setting() {
  const caritas = await createOrganisation({ name: "Caritas Decanale" });
  const croceRossa = await createOrganisation({ name: "Croce Rossa" });
  const coordinator = await signedIn("COORDINATOR");
  const referent = await signedIn("REFERENT", caritas.id, "Marco Colombo");
  const otherReferent = await signedIn("REFERENT", croceRossa.id, "Sara Neri");
  const member = await signedIn("MEMBER", caritas.id, "Anna Bianchi");
  const meeting = await createMeeting();
  return { caritas, croceRossa, coordinator, referent, otherReferent, member, meeting };
}

const addForm = (meetingId: string, overrides: Record<string, string> = {}) =>
  post("/decisioni", {
    intent: "add",
    meetingId,
    redirectTo: `/riunioni/${meetingId}/verbale`,
    kind: "ACTION",
    text: "Censire gli alloggi sfitti disponibili per l'emergenza",
    agendaItemId: "",
    responsibleOrganisationId: "",
    responsibleUserId: "",
    dueOn: "2025-04-30",
    ...overrides,
  });

describe("decision register: recording entries from the verbale page", () => {
  it("a coordinator adds, edits and removes an entry; the action redirects back to the page it came from", async () => {
    const { caritas, referent, coordinator, meeting } = await setting();
    const item = meeting.agendaItems[0];
    const added = await outcome(() =>
      registerAction(
        routeArgs(
          addForm(meeting.id, { agendaItemId: item?.id ?? "", responsibleOrganisationId: caritas.id, responsibleUserId: referent.id }),
          coordinator,
        ),
      ),
    );
    expect(added).toMatchObject({ status: 302, location: `/riunioni/${meeting.id}/verbale` });
    const stored = await db.decision.findFirstOrThrow({ include: { updates: true } });
    expect(stored).toMatchObject({
      meetingId: meeting.id,
      agendaItemId: item?.id,
      kind: "ACTION",
      status: "OPEN",
      responsibleOrganisationId: caritas.id,
      responsibleUserId: referent.id,
      dueOn: day("2025-04-30"),
      createdById: coordinator.id,
    });
    expect(stored.updates).toMatchObject([{ status: "OPEN", authorName: "Giulia Ferrari" }]);

    const panel = await listMeetingDecisions(meeting.id, day("2025-05-02"));
    expect(panel.decisions).toMatchObject([
      {
        kindLabel: "Azione",
        agendaItemTitle: "Emergenza abitativa",
        responsibleOrganisationName: "Caritas Decanale",
        responsibleUserName: "Marco Colombo",
        dueOnLabel: "30 aprile 2025",
        statusLabel: "Aperta",
        overdue: true,
      },
    ]);
    const choices = await listDecisionChoices(meeting.id, [caritas.id]);
    expect(choices.agendaItems.map((i) => i.label)).toEqual(["1. Emergenza abitativa", "2. Varie ed eventuali"]);
    expect(choices.peopleByOrganisation[caritas.id]?.map((p) => p.name)).toEqual(["Anna Bianchi", "Marco Colombo"]);

    // With JavaScript the panel's fetcher gets an answer in place instead of a redirect.
    const edited = await outcome(() =>
      registerAction(
        routeArgs(
          post("/decisioni", {
            intent: "edit",
            decisionId: stored.id,
            redirectTo: `/riunioni/${meeting.id}/verbale`,
            inPlace: "1",
            kind: "DECISION",
            text: "Il tavolo adotta il piano per l'emergenza abitativa",
            responsibleOrganisationId: "",
            responsibleUserId: "",
            dueOn: "2025-04-30",
          }),
          coordinator,
        ),
      ),
    );
    expect(edited).toMatchObject({ status: 200, body: { done: "Modifiche salvate." } });
    expect(await db.decision.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({
      kind: "DECISION",
      text: "Il tavolo adotta il piano per l'emergenza abitativa",
      responsibleOrganisationId: null,
      // Only actions fall due.
      dueOn: null,
      agendaItemId: null,
    });

    const removed = await outcome(() =>
      registerAction(routeArgs(post("/decisioni", { intent: "remove", decisionId: stored.id, redirectTo: "https://evil.example/" }), coordinator)),
    );
    expect(removed).toMatchObject({ status: 302, location: "/decisioni" });
    expect(await db.decision.count()).toBe(0);
    expect(await db.decisionUpdate.count()).toBe(0);
  });

  it.each(["REFERENT", "MEMBER"] as const)("refuses a %s with 403 and writes nothing", async (role) => {
    const { meeting } = await setting();
    const user = await signedIn(role);
    const result = await outcome(() => registerAction(routeArgs(addForm(meeting.id, { kind: "DECISION" }), user)));
    expect(result.status).toBe(403);
    expect(await db.decision.count()).toBe(0);
  });

  it("validates: an action needs an organisation and a due date; the person must belong to the organisation; the item to the meeting", async () => {
    const { caritas, croceRossa, otherReferent, coordinator, meeting } = await setting();
    const bare = await outcome(() =>
      registerAction(routeArgs(addForm(meeting.id, { text: "  ", dueOn: "" }), coordinator)),
    );
    expect(bare.status).toBe(400);
    expect(bare.errors?.fieldErrors).toEqual({
      text: "Scrivi il testo della decisione o dell'azione.",
      responsibleOrganisationId: "Un'azione ha bisogno di un'organizzazione responsabile.",
      dueOn: "Indica entro quando va svolta l'azione.",
    });

    const wrongPerson = await outcome(() =>
      registerAction(routeArgs(addForm(meeting.id, { responsibleOrganisationId: caritas.id, responsibleUserId: otherReferent.id }), coordinator)),
    );
    expect(wrongPerson.status).toBe(400);
    expect(wrongPerson.errors?.fieldErrors).toEqual({ responsibleUserId: "La persona responsabile deve essere una persona di Caritas Decanale." });
    // Without JavaScript the refused form comes back on /decisioni, filled in, with the way back.
    expect(wrongPerson.data).toMatchObject({
      values: { text: "Censire gli alloggi sfitti disponibili per l'emergenza", dueOn: "2025-04-30", responsibleOrganisationId: caritas.id },
      back: `/riunioni/${meeting.id}/verbale`,
      panel: { meetingId: meeting.id },
    });

    const otherMeeting = await createMeeting({ title: "Plenaria di aprile" });
    const foreignItem = await outcome(() =>
      registerAction(
        routeArgs(addForm(meeting.id, { responsibleOrganisationId: croceRossa.id, agendaItemId: otherMeeting.agendaItems[0]?.id ?? "" }), coordinator),
      ),
    );
    expect(foreignItem.errors?.fieldErrors).toEqual({ agendaItemId: "Scegli un punto dell'ordine del giorno di questa riunione." });
    expect(await db.decision.count()).toBe(0);

    // A decision needs neither organisation nor due date.
    const decision = await outcome(() => registerAction(routeArgs(addForm(meeting.id, { kind: "DECISION", dueOn: "" }), coordinator)));
    expect(decision.status).toBe(302);
  });

  it("an entry may name the project it concerns: saved, shown on the entry, offered in the form; an unknown project is refused", async () => {
    const { caritas, coordinator, meeting } = await setting();
    const { project } = await createProjectFixture();
    const unknown = await outcome(() =>
      registerAction(routeArgs(addForm(meeting.id, { responsibleOrganisationId: caritas.id, projectId: "progetto-inesistente" }), coordinator)),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.errors?.fieldErrors).toEqual({ projectId: "Scegli il progetto dall'elenco: quello indicato non esiste più." });
    expect(await db.decision.count()).toBe(0);

    const added = await outcome(() =>
      registerAction(routeArgs(addForm(meeting.id, { responsibleOrganisationId: caritas.id, projectId: project.id }), coordinator)),
    );
    expect(added.status).toBe(302);
    const stored = await db.decision.findFirstOrThrow();
    expect(stored.projectId).toBe(project.id);
    const page = (await decisionLoader(routeArgs(new Request(`http://localhost:3000/decisioni/${stored.id}`), coordinator, { id: stored.id }))) as {
      decision: { projectId: string; projectLabel: string | null };
    };
    expect(page.decision).toMatchObject({ projectId: project.id, projectLabel: `${project.code} · ${project.title}` });
    expect((await listDecisionChoices(meeting.id, [])).projects).toEqual([{ value: project.id, label: `${project.code} · ${project.title}` }]);
  });

  it("refuses removal once the verbale is published (409); the panel stops offering it", async () => {
    const { caritas, coordinator, meeting } = await setting();
    await registerAction(routeArgs(addForm(meeting.id, { responsibleOrganisationId: caritas.id }), coordinator)).catch((r: unknown) => r);
    const decision = await db.decision.findFirstOrThrow();
    const verbale = await db.verbale.create({ data: { meetingId: meeting.id, status: "APPROVATO" } });
    expect((await listMeetingDecisions(meeting.id)).canRemove).toBe(true);
    await db.verbale.update({ where: { id: verbale.id }, data: { status: "PUBBLICATO", publishedAt: new Date() } });
    expect((await listMeetingDecisions(meeting.id)).canRemove).toBe(false);

    const result = await outcome(() =>
      registerAction(routeArgs(post("/decisioni", { intent: "remove", decisionId: decision.id, inPlace: "1" }), coordinator)),
    );
    expect(result.status).toBe(409);
    expect(result.errors?.formError).toMatch(/^Il verbale della riunione è pubblicato: la voce non si può più eliminare\./);
    expect(await db.decision.count()).toBe(1);
  });
});

describe("decision register: the forms' people, one organisation at a time", () => {
  const verbalePage = (meetingId: string, user: SessionUser) =>
    verbaleLoader(routeArgs(new Request(`http://localhost:3000/riunioni/${meetingId}/verbale`), user, { id: meetingId })) as Promise<
      Awaited<ReturnType<typeof verbaleLoader>>
    >;
  const people = (organisationId: string, user: SessionUser) =>
    outcome(() => peopleLoader(routeArgs(new Request(`http://localhost:3000/decisioni/persone/${organisationId}`), user, { organisationId })));

  it("the verbale page sends the organisations without their people, but the people of those its entries name", async () => {
    const { caritas, croceRossa, coordinator, meeting } = await setting();
    await db.decision.create({
      data: { meetingId: meeting.id, meetingStartsAt: meeting.startsAt, kind: "ACTION", text: "Aprire lo sportello casa", responsibleOrganisationId: caritas.id },
    });
    const page = await verbalePage(meeting.id, coordinator);
    const choices = page.decisionChoices;
    expect(choices?.organisations).toEqual(expect.arrayContaining([{ id: caritas.id, name: "Caritas Decanale" }, { id: croceRossa.id, name: "Croce Rossa" }]));
    expect(choices?.organisations.every((o) => Object.keys(o).sort().join() === "id,name")).toBe(true);
    expect(choices?.peopleByOrganisation).toEqual({ [caritas.id]: [{ id: expect.any(String), name: "Anna Bianchi" }, { id: expect.any(String), name: "Marco Colombo" }] });
  });

  it("the forms' choices travel only while the viewer can record decisions: not to a member, not once the verbale is published", async () => {
    const { coordinator, member, meeting } = await setting();
    expect((await verbalePage(meeting.id, coordinator)).decisionChoices).not.toBeNull();
    await db.verbale.update({ where: { meetingId: meeting.id }, data: { status: "PUBBLICATO", publishedAt: new Date() } });
    expect((await verbalePage(meeting.id, member)).decisionChoices).toBeNull();
    expect((await verbalePage(meeting.id, coordinator)).decisionChoices).toBeNull();
  });

  it("/decisioni/persone/:organisationId answers the chosen organisation's active people only, to coordinators only", async () => {
    const { caritas, coordinator, referent, member } = await setting();
    await createUser({ organisationId: caritas.id, name: "Luca Ferri", active: false });
    const exPartner = await createOrganisation({ name: "Ex partner", status: "EX_PARTNER" });
    await createUser({ organisationId: exPartner.id, name: "Paola Riva" });

    expect(await people(caritas.id, coordinator)).toMatchObject({
      status: 200,
      body: { organisationId: caritas.id, people: [{ name: "Anna Bianchi" }, { name: "Marco Colombo" }] },
    });
    expect(((await people(caritas.id, coordinator)).body as { people: unknown[] }).people).toHaveLength(2);
    // An organisation that can no longer be named responsible offers nobody.
    expect(await people(exPartner.id, coordinator)).toMatchObject({ status: 200, body: { people: [] } });
    expect((await people(caritas.id, referent)).status).toBe(403);
    expect((await people(caritas.id, member)).status).toBe(403);
  });

  it("a refused form shown again without JavaScript brings the people of the organisation it named", async () => {
    const { croceRossa, otherReferent, coordinator, meeting } = await setting();
    const refused = await outcome(() =>
      registerAction(routeArgs(addForm(meeting.id, { responsibleOrganisationId: croceRossa.id, responsibleUserId: otherReferent.id, dueOn: "" }), coordinator)),
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ panel: { choices: { peopleByOrganisation: { [croceRossa.id]: [{ id: otherReferent.id, name: "Sara Neri" }] } } } });
  });
});

describe("decision register: the register page", () => {
  async function registerFixture() {
    const base = await setting();
    const group = await db.workingGroup.create({ data: { name: "Casa e abitare", thematicArea: "Abitare" } });
    const series = await db.meetingSeries.create({
      data: { name: "Operativo Casa", kind: "OPERATIVE", workingGroupId: group.id, weekOfMonth: 2, weekday: 3, startTime: "10:00", endTime: "12:00" },
    });
    const operative = await createMeeting({ title: "Operativo casa di marzo", seriesId: series.id, startsAt: new Date("2025-03-12T09:00:00.000Z") });
    const make = (data: { meetingId: string; kind: string; text: string; status?: string; dueOn?: string; responsibleOrganisationId?: string }) =>
      db.meeting.findUniqueOrThrow({ where: { id: data.meetingId } }).then(({ startsAt }) =>
        db.decision.create({
          data: { ...data, meetingStartsAt: startsAt, status: data.status ?? "OPEN", dueOn: data.dueOn ? day(data.dueOn) : null },
        }),
      );
    await make({ meetingId: base.meeting.id, kind: "ACTION", text: "Scaduta Caritas", dueOn: "2025-03-31", responsibleOrganisationId: base.caritas.id });
    await make({ meetingId: base.meeting.id, kind: "ACTION", text: "Futura Croce Rossa", dueOn: "2025-06-30", status: "IN_PROGRESS", responsibleOrganisationId: base.croceRossa.id });
    await make({ meetingId: operative.id, kind: "ACTION", text: "Conclusa in ritardo", dueOn: "2025-03-15", status: "DONE", responsibleOrganisationId: base.caritas.id });
    await make({ meetingId: operative.id, kind: "DECISION", text: "Decisione del gruppo", responsibleOrganisationId: base.croceRossa.id });
    return { ...base, group };
  }

  const texts = (result: { decisions: { text: string }[] }) => result.decisions.map((d) => d.text);
  const filters = (query: string, reader = { role: "COORDINATOR", organisationId: "" }) => parseDecisionFilters(new URLSearchParams(query), reader);
  const today = day("2025-04-15");

  it("filters by organisation, group (through the series), status, kind, due range and overdue, nearest deadline first", async () => {
    const { caritas, group } = await registerFixture();
    expect(texts(await findDecisions(filters(""), today))).toEqual(["Conclusa in ritardo", "Scaduta Caritas", "Futura Croce Rossa", "Decisione del gruppo"]);
    expect(texts(await findDecisions(filters(`organizzazione=${caritas.id}`), today))).toEqual(["Conclusa in ritardo", "Scaduta Caritas"]);
    expect(texts(await findDecisions(filters(`gruppo=${group.id}`), today))).toEqual(["Conclusa in ritardo", "Decisione del gruppo"]);
    expect(texts(await findDecisions(filters("stato=IN_PROGRESS"), today))).toEqual(["Futura Croce Rossa"]);
    expect(texts(await findDecisions(filters("tipo=DECISION"), today))).toEqual(["Decisione del gruppo"]);
    expect(texts(await findDecisions(filters("dal=2025-03-20&al=2025-06-30"), today))).toEqual(["Scaduta Caritas", "Futura Croce Rossa"]);
    const overdue = await findDecisions(filters("scadute=1"), today);
    expect(texts(overdue)).toEqual(["Scaduta Caritas"]);
    expect(overdue.decisions[0]).toMatchObject({ overdue: true, statusLabel: "Aperta", meeting: { title: "Plenaria di marzo", date: "4 marzo 2025" } });
    // On 15 April only the open March action is overdue: the June one is not due yet, the concluded one never is.
    const all = await findDecisions(filters(""), today);
    expect(all.decisions.filter((d) => d.overdue).map((d) => d.text)).toEqual(["Scaduta Caritas"]);
  });

  it("a referent starts on their own organisation's entries and may ask for all; coordinators get counts by status", async () => {
    const { caritas, referent, coordinator } = await registerFixture();
    const request = (query: string) => new Request(`http://localhost:3000/decisioni${query}`);
    const own = (await registerLoader(routeArgs(request(""), referent))) as Awaited<ReturnType<typeof registerLoader>>;
    expect(own.filters.organisationId).toBe(caritas.id);
    expect(own.decisions.map((d) => d.text)).toEqual(["Conclusa in ritardo", "Scaduta Caritas"]);
    expect(own.counts).toBeNull();
    expect(own.ownOrganisation?.id).toBe(caritas.id);
    const all = (await registerLoader(routeArgs(request("?organizzazione="), referent))) as Awaited<ReturnType<typeof registerLoader>>;
    expect(all.total).toBe(4);

    const overview = (await registerLoader(routeArgs(request(""), coordinator))) as Awaited<ReturnType<typeof registerLoader>>;
    expect(overview.total).toBe(4);
    // Unfiltered, the total is the counts' sum; a filter counts its own entries.
    const open = (await registerLoader(routeArgs(request("?stato=OPEN"), coordinator))) as Awaited<ReturnType<typeof registerLoader>>;
    expect(open.total).toBe(2);
    expect(overview.counts?.byStatus).toEqual([
      { status: "OPEN", label: "Aperta", count: 2 },
      { status: "IN_PROGRESS", label: "In corso", count: 1 },
      { status: "DONE", label: "Conclusa", count: 1 },
      { status: "CANCELLED", label: "Annullata", count: 0 },
    ]);
    // Measured against the real today: March 2025 is long past.
    expect(overview.counts?.overdue).toBeGreaterThanOrEqual(1);
  });

  it("pages by 25", async () => {
    const { meeting, caritas } = await setting();
    await numberedActions(meeting, caritas.id, 27, "05");
    const second = await findDecisions(filters("pagina=2"), today);
    expect(second).toMatchObject({ total: 27, page: 2, pageCount: 2 });
    expect(texts(second)).toEqual(["Azione 26", "Azione 27"]);
  });

  it("reads a page across the entries with a deadline and those without, newest meeting first; moving a meeting moves its entries", async () => {
    const { caritas, coordinator } = await setting();
    const march = await createMeeting({ title: "Plenaria di marzo", startsAt: new Date("2025-03-04T14:00:00.000Z") });
    const may = await createMeeting({ title: "Plenaria di maggio", startsAt: new Date("2025-05-06T14:00:00.000Z") });
    // 22 actions with a deadline, then decisions without one: two in March, two in May.
    await numberedActions(march, caritas.id, 22, "06");
    for (const [meeting, text] of [
      [march, "Decisione di marzo A"],
      [march, "Decisione di marzo B"],
      [may, "Decisione di maggio A"],
      [may, "Decisione di maggio B"],
    ] as const) {
      await db.decision.create({ data: { meetingId: meeting.id, meetingStartsAt: meeting.startsAt, kind: "DECISION", text } });
    }
    const first = await findDecisions(filters(""), today);
    expect(first).toMatchObject({ total: 26, page: 1, pageCount: 2 });
    expect(texts(first).slice(20)).toEqual(["Azione 21", "Azione 22", "Decisione di maggio A", "Decisione di maggio B", "Decisione di marzo A"]);
    expect(texts(await findDecisions(filters("pagina=2"), today))).toEqual(["Decisione di marzo B"]);

    // Moved to June, March's meeting comes first among the entries without a deadline.
    await updateMeeting(march.id, meetingFields({ title: march.title, day: "2025-06-10" }), { id: coordinator.id, name: coordinator.name });
    expect(await db.decision.count({ where: { meetingId: march.id, meetingStartsAt: new Date("2025-06-10T13:00:00.000Z") } })).toBe(24);
    expect(texts(await findDecisions(filters(""), today)).slice(22)).toEqual(["Decisione di marzo A", "Decisione di marzo B", "Decisione di maggio A"]);
  });

  it("lists open actions for the next agendas, nearest deadline first, leaving out a meeting's own", async () => {
    const { meeting } = await registerFixture();
    const open = await listOpenActions({}, today);
    expect(open.map((a) => [a.text, a.overdue])).toEqual([
      ["Scaduta Caritas", true],
      ["Futura Croce Rossa", false],
    ]);
    expect(await listOpenActions({ excludeMeetingId: meeting.id }, today)).toEqual([]);
  });
});

describe("decision register: status updates", () => {
  async function withAction() {
    const base = await setting();
    const decision = await db.decision.create({
      data: {
        meetingId: base.meeting.id,
        meetingStartsAt: base.meeting.startsAt,
        kind: "ACTION",
        text: "Aprire lo sportello casa",
        dueOn: day("2025-04-30"),
        responsibleOrganisationId: base.caritas.id,
      },
    });
    const update = (user: SessionUser, values: Record<string, string>) =>
      outcome(() => statusAction(routeArgs(post(`/decisioni/${decision.id}`, values), user, { id: decision.id })));
    return { ...base, decision, update };
  }

  it("a referent of the responsible organisation updates the status with a note; the history records it", async () => {
    const { referent, decision, update } = await withAction();
    const page = (await decisionLoader(routeArgs(new Request(`http://localhost:3000/decisioni/${decision.id}`), referent, { id: decision.id }))) as {
      canUpdate: boolean;
    };
    expect(page.canUpdate).toBe(true);

    expect(await update(referent, { status: "IN_PROGRESS", note: "Individuati i locali in via Roma." })).toMatchObject({
      status: 200,
      body: { done: "Stato aggiornato." },
    });
    expect(await update(referent, { status: "DONE", note: "Lo sportello è aperto dal 2 maggio." })).toMatchObject({ status: 200 });
    const stored = await getDecision(decision.id);
    expect(stored.statusLabel).toBe("Conclusa");
    expect(stored.overdue).toBe(false);
    expect(stored.history.map((h) => [h.statusLabel, h.note, h.authorName])).toEqual([
      ["In corso", "Individuati i locali in via Roma.", "Marco Colombo"],
      ["Conclusa", "Lo sportello è aperto dal 2 maggio.", "Marco Colombo"],
    ]);
  });

  it("refuses DONE or CANCELLED without a note, and an unchanged status without a note; nothing is written", async () => {
    const { coordinator, decision, update } = await withAction();
    const done = await update(coordinator, { status: "DONE", note: "  " });
    expect(done.status).toBe(400);
    expect(done.errors?.fieldErrors.note).toBe("Per segnare la voce come «Conclusa» scrivi una nota che spieghi com'è andata.");
    const cancelled = await update(coordinator, { status: "CANCELLED", note: "" });
    expect(cancelled.errors?.fieldErrors.note).toMatch(/«Annullata»/);
    const same = await update(coordinator, { status: "OPEN", note: "" });
    expect(same.status).toBe(400);
    expect(await db.decision.findUniqueOrThrow({ where: { id: decision.id } })).toMatchObject({ status: "OPEN" });
    expect(await db.decisionUpdate.count()).toBe(0);
  });

  it("refuses a referent of another organisation and a member with 403", async () => {
    const { otherReferent, member, decision, update } = await withAction();
    const page = (await decisionLoader(routeArgs(new Request(`http://localhost:3000/decisioni/${decision.id}`), otherReferent, { id: decision.id }))) as {
      canUpdate: boolean;
    };
    expect(page.canUpdate).toBe(false);
    expect((await update(otherReferent, { status: "IN_PROGRESS", note: "Ci pensiamo noi." })).status).toBe(403);
    expect((await update(member, { status: "IN_PROGRESS", note: "Ci pensiamo noi." })).status).toBe(403);
    expect(await db.decisionUpdate.count()).toBe(0);
    expect((await db.decision.findUniqueOrThrow({ where: { id: decision.id } })).status).toBe("OPEN");
  });
});
