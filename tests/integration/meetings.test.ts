import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { nextDates, romeDay, romeInstant, romeTime } from "~/domain/meeting-rules";
import { agendaView, getAgendaPage, resolveInvitees } from "~/domain/meetings.server";
import { getHomeOverview } from "~/domain/tavolo.server";
import { env } from "~/env.server";
import { action as agendaAction, loader as agendaLoader } from "~/routes/meeting.agenda";
import { loader as documentLoader } from "~/routes/meeting.document";
import { action as editMeetingAction } from "~/routes/meeting.edit";
import { loader as meetingLoader } from "~/routes/meeting";
import { action as seriesPageAction, loader as seriesPageLoader } from "~/routes/meeting-series.edit";
import { action as newSeriesAction } from "~/routes/meeting-series";
import { loader as meetingsLoader } from "~/routes/meetings";
import { action as newMeetingAction } from "~/routes/meetings.new";
import { createOrganisation, createUser } from "../factories";
import { PNG_1X1 } from "../support/files";
import { routeArgs } from "../support/routes";

const uploadRoot = resolve(env.UPLOAD_DIR);

afterEach(async () => {
  const files = await db.storedFile.findMany({ select: { storageKey: true } });
  await Promise.all(files.map((f) => rm(join(uploadRoot, f.storageKey), { force: true })));
});

async function signedIn(role: Role, organisationId?: string) {
  const user = await createUser({ role, name: role === "COORDINATOR" ? "Giulia Ferrari" : "Marco Bianchi", ...(organisationId ? { organisationId } : {}) });
  const session: SessionUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    role,
    organisationId: user.organisationId,
    organisationName: "Organizzazione di prova",
    sessionId: "sessione-di-prova",
  };
  return session;
}

const post = (path: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return new Request(`http://localhost:3000${path}`, { method: "POST", body });
};
const get = (path: string) => new Request(`http://localhost:3000${path}`);

/** The status and body of what a loader or action returned or threw. */
async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, location: value.headers.get("Location"), body: await value.text() };
  if (value instanceof Error) throw value;
  const result = value as { type?: string; data?: unknown; init?: { status: number } };
  if (result.type === "DataWithResponseInit") {
    return { status: result.init?.status ?? 200, errors: (result.data as { errors?: { fieldErrors: Record<string, string>; formError?: string } }).errors, data: result.data };
  }
  return { status: 200, data: value };
}

const nextYear = new Date().getUTCFullYear() + 1;
const futureDay = (month: number, date: number) => `${nextYear}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`;

const meetingForm = (overrides: Record<string, string | string[]> = {}) => ({
  title: "Plenaria straordinaria",
  kind: "GOVERNANCE",
  day: futureDay(3, 10),
  startTime: "15:00",
  endTime: "17:00",
  location: "Sala consiliare",
  videoLink: "",
  audience: "PARTNERS",
  ...overrides,
});

async function meeting(overrides: Partial<{ kind: string; status: string; startsAt: Date; seriesId: string; workingGroupId: string; title: string }> = {}) {
  const startsAt = overrides.startsAt ?? romeInstant(futureDay(5, 12), "15:00");
  return db.meeting.create({
    data: {
      title: overrides.title ?? "Riunione di prova",
      kind: overrides.kind ?? "GOVERNANCE",
      status: overrides.status ?? "DRAFT",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      location: "Sala riunioni",
      seriesId: overrides.seriesId ?? null,
      workingGroupId: overrides.workingGroupId ?? null,
    },
  });
}

const seriesForm = (overrides: Record<string, string> = {}) => ({
  intent: "create",
  name: "Plenaria del tavolo",
  kind: "GOVERNANCE",
  workingGroupId: "",
  weekOfMonth: "-1",
  weekday: "2",
  startTime: "15:00",
  endTime: "17:00",
  location: "Sala consiliare",
  videoLink: "https://meet.example.org/tavolo",
  reminderDaysBefore: "2",
  quorumRule: "HALF_PLUS_ONE",
  reviewDays: "7",
  ...overrides,
});

describe("meeting series", () => {
  it("a coordinator creates a series; its page proposes the rule's next dates and confirming one creates a draft meeting", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const created = await outcome(() => newSeriesAction(routeArgs(post("/riunioni/serie", seriesForm()), coordinator)));
    expect(created.status).toBe(302);
    const series = await db.meetingSeries.findFirstOrThrow();
    expect(created.location).toBe(`/riunioni/serie/${series.id}?creata`);
    expect(series).toMatchObject({ weekOfMonth: -1, weekday: 2, quorumRule: "HALF_PLUS_ONE", reminderDaysBefore: 2 });

    const page = await outcome(() => seriesPageLoader(routeArgs(get(`/riunioni/serie/${series.id}`), coordinator, { id: series.id })));
    const proposals = (page.data as { proposals: { day: string; when: string }[] }).proposals;
    expect(proposals.map((p) => p.day)).toEqual(nextDates(series, new Date(), 6).map((d) => d.day));
    expect(proposals[0]?.when).toMatch(/^martedì .* 15:00–17:00$/);

    const day = proposals[1]?.day ?? "";
    const confirmed = await outcome(() => seriesPageAction(routeArgs(post(`/riunioni/serie/${series.id}`, { intent: "confirm", day }), coordinator, { id: series.id })));
    expect(confirmed.status).toBe(302);
    const meeting = await db.meeting.findFirstOrThrow();
    expect(confirmed.location).toBe(`/riunioni/${meeting.id}?creata`);
    expect(meeting).toMatchObject({ status: "DRAFT", kind: "GOVERNANCE", seriesId: series.id, audience: "PARTNERS", quorumRule: "HALF_PLUS_ONE", location: "Sala consiliare" });
    expect(meeting.title).toMatch(/^Plenaria del tavolo – [a-z]+ \d{4}$/);
    expect([romeDay(meeting.startsAt), romeTime(meeting.startsAt), romeTime(meeting.endsAt)]).toEqual([day, "15:00", "17:00"]);

    // The confirmed day is no longer proposed, and confirming it again is refused.
    const after = await outcome(() => seriesPageLoader(routeArgs(get(`/riunioni/serie/${series.id}`), coordinator, { id: series.id })));
    expect((after.data as { proposals: { day: string }[] }).proposals.map((p) => p.day)).not.toContain(day);
    const again = await outcome(() => seriesPageAction(routeArgs(post(`/riunioni/serie/${series.id}`, { intent: "confirm", day }), coordinator, { id: series.id })));
    expect(again.status).toBe(409);
    expect(await db.meeting.count()).toBe(1);
  });

  it("refuses a series whose end comes before its start, and members may not create one", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const bad = await outcome(() => newSeriesAction(routeArgs(post("/riunioni/serie", seriesForm({ endTime: "14:00" })), coordinator)));
    expect(bad.status).toBe(400);
    expect(bad.errors?.fieldErrors.endTime).toBe("L'ora di fine deve venire dopo l'ora di inizio.");
    const member = await signedIn("MEMBER");
    expect((await outcome(() => newSeriesAction(routeArgs(post("/riunioni/serie", seriesForm()), member)))).status).toBe(403);
    expect(await db.meetingSeries.count()).toBe(0);
  });
});

describe("meetings", () => {
  it("validates the form with Italian messages and stores times in Rome", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const endBeforeStart = await outcome(() => newMeetingAction(routeArgs(post("/riunioni/nuova", meetingForm({ endTime: "14:30" })), coordinator)));
    expect(endBeforeStart.status).toBe(400);
    expect(endBeforeStart.errors?.fieldErrors.endTime).toBe("L'ora di fine deve venire dopo l'ora di inizio.");
    const nowhere = await outcome(() => newMeetingAction(routeArgs(post("/riunioni/nuova", meetingForm({ location: "" })), coordinator)));
    expect(nowhere.status).toBe(400);
    expect(nowhere.errors?.fieldErrors.location).toBe("Indica il luogo, il link della videochiamata o entrambi.");
    const noGroup = await outcome(() => newMeetingAction(routeArgs(post("/riunioni/nuova", meetingForm({ audience: "GROUP" })), coordinator)));
    expect(noGroup.errors?.fieldErrors.workingGroupId).toBe("Per invitare un gruppo di lavoro, scegli il gruppo.");
    const badTime = await outcome(() => newMeetingAction(routeArgs(post("/riunioni/nuova", meetingForm({ startTime: "25:00" })), coordinator)));
    expect(badTime.errors?.fieldErrors.startTime).toBe("Orario non valido: scrivilo come 15:00.");
    expect(await db.meeting.count()).toBe(0);

    // A summer day: 15:00 in Rome is 13:00 UTC.
    const created = await outcome(() => newMeetingAction(routeArgs(post("/riunioni/nuova", meetingForm({ day: futureDay(7, 14) })), coordinator)));
    expect(created.status).toBe(302);
    const meeting = await db.meeting.findFirstOrThrow();
    expect(meeting.startsAt.toISOString()).toBe(`${futureDay(7, 14)}T13:00:00.000Z`);
    expect(meeting.status).toBe("DRAFT");
  });

  it("keeps named people as pending invitees and resolves the audience for the convocation", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const withDelegate = await createOrganisation({ name: "Caritas diocesana" });
    const delegate = await createUser({ name: "Delegata Caritas", role: "REFERENT", organisationId: withDelegate.id });
    await createUser({ name: "Altra referente Caritas", role: "REFERENT", organisationId: withDelegate.id });
    await db.organisation.update({ where: { id: withDelegate.id }, data: { delegateId: delegate.id } });
    const withoutDelegate = await createOrganisation({ name: "Banco alimentare", status: "ADERENTE" });
    const referent = await createUser({ name: "Referente Banco", role: "REFERENT", organisationId: withoutDelegate.id });
    await createUser({ name: "Componente Banco", role: "MEMBER", organisationId: withoutDelegate.id });
    const former = await createOrganisation({ name: "Ex partner", status: "EX_PARTNER" });
    await createUser({ name: "Referente ex", role: "REFERENT", organisationId: former.id });
    const guest = await createUser({ name: "Ospite esperta", role: "MEMBER", organisationId: former.id });

    const created = await outcome(() => newMeetingAction(routeArgs(post("/riunioni/nuova", meetingForm({ namedIds: [guest.id] })), coordinator)));
    expect(created.status).toBe(302);
    const meeting = await db.meeting.findFirstOrThrow({ include: { invitees: true } });
    expect(meeting.invitees.map((i) => [i.userId, i.organisationId, i.response])).toEqual([[guest.id, former.id, "PENDING"]]);
    expect(meeting.invitees[0]?.rsvpTokenHash).toMatch(/^[0-9a-f]{64}$/);
    const invitees = await db.$transaction((tx) => resolveInvitees(tx, meeting.id));
    expect(new Set(invitees.map((i) => i.userId))).toEqual(new Set([delegate.id, referent.id, guest.id]));

    // Editing the named list removes people no longer invited.
    const edited = await outcome(() =>
      editMeetingAction(routeArgs(post(`/riunioni/${meeting.id}/modifica`, meetingForm({ audience: "NAMED", namedIds: [referent.id] })), coordinator, { id: meeting.id })),
    );
    expect(edited.status).toBe(302);
    expect((await db.invitee.findMany({ where: { meetingId: meeting.id } })).map((i) => i.userId)).toEqual([referent.id]);
  });

  it("hides drafts and cancelled meetings from members; coordinators see them marked", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const member = await signedIn("MEMBER");
    const draft = await meeting({ title: "Bozza in preparazione" });
    const convoked = await meeting({ title: "Plenaria convocata", status: "CONVOKED" });
    await meeting({ title: "Riunione annullata", status: "CANCELLED" });

    const titles = async (user: SessionUser) => {
      const result = await outcome(() => meetingsLoader(routeArgs(get("/riunioni"), user)));
      return (result.data as { meetings: { title: string; statusLabel: string }[] }).meetings.map((m) => `${m.title} (${m.statusLabel})`);
    };
    expect(await titles(member)).toEqual(["Plenaria convocata (Convocata)"]);
    expect((await titles(coordinator)).sort()).toEqual(["Bozza in preparazione (Bozza)", "Plenaria convocata (Convocata)", "Riunione annullata (Annullata)"]);

    expect((await outcome(() => meetingLoader(routeArgs(get(`/riunioni/${draft.id}`), member, { id: draft.id })))).status).toBe(404);
    expect((await outcome(() => meetingLoader(routeArgs(get(`/riunioni/${draft.id}`), coordinator, { id: draft.id })))).status).toBe(200);
    expect((await outcome(() => meetingLoader(routeArgs(get(`/riunioni/${convoked.id}`), member, { id: convoked.id })))).status).toBe(200);

    expect((await getHomeOverview(new Date())).meetings.map((m) => m.title)).toEqual(["Plenaria convocata"]);
    expect((await getHomeOverview(new Date(), { isCoordinator: true })).meetings.map((m) => m.status).sort()).toEqual(["CONVOKED", "DRAFT"]);
  });

  it("a member gets 403 on editing a meeting or its agenda", async () => {
    const member = await signedIn("MEMBER");
    const target = await meeting({ status: "CONVOKED" });
    const params = { id: target.id };
    expect((await outcome(() => newMeetingAction(routeArgs(post("/riunioni/nuova", meetingForm()), member)))).status).toBe(403);
    expect((await outcome(() => editMeetingAction(routeArgs(post(`/riunioni/${target.id}/modifica`, meetingForm()), member, params)))).status).toBe(403);
    expect((await outcome(() => agendaLoader(routeArgs(get(`/riunioni/${target.id}/ordine-del-giorno`), member, params)))).status).toBe(403);
    const add = { intent: "add", title: "Punto abusivo", presenter: "", durationMinutes: "10" };
    expect((await outcome(() => agendaAction(routeArgs(post(`/riunioni/${target.id}/ordine-del-giorno`, add), member, params)))).status).toBe(403);
    expect(await db.agendaItem.count()).toBe(0);
  });
});

describe("the agenda", () => {
  it("adds, moves and removes items keeping positions contiguous, and suggests an update on a convoked meeting", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const target = await meeting({ status: "CONVOKED" });
    const params = { id: target.id };
    const run = (fields: Record<string, string>) => outcome(() => agendaAction(routeArgs(post(`/riunioni/${target.id}/ordine-del-giorno`, fields), coordinator, params)));
    for (const title of ["Saluti", "Bilancio", "Varie"]) {
      const added = await run({ intent: "add", title, presenter: "Giulia Ferrari", durationMinutes: "20" });
      expect(added.data).toMatchObject({ suggestUpdate: true });
    }
    const bad = await run({ intent: "add", title: "", presenter: "", durationMinutes: "0" });
    expect(bad.status).toBe(400);
    expect(bad.errors?.fieldErrors).toMatchObject({ title: "Scrivi il titolo del punto.", durationMinutes: "Indica la durata prevista in minuti, da 1 a 480." });

    const order = async () => (await db.agendaItem.findMany({ where: { meetingId: target.id }, orderBy: { position: "asc" } })).map((i) => [i.position, i.title]);
    const idOf = async (title: string) => (await db.agendaItem.findFirstOrThrow({ where: { title } })).id;
    await run({ intent: "down", itemId: await idOf("Saluti") });
    expect(await order()).toEqual([[0, "Bilancio"], [1, "Saluti"], [2, "Varie"]]);
    await run({ intent: "up", itemId: await idOf("Varie") });
    expect(await order()).toEqual([[0, "Bilancio"], [1, "Varie"], [2, "Saluti"]]);
    await run({ intent: "up", itemId: await idOf("Bilancio") });
    expect(await order()).toEqual([[0, "Bilancio"], [1, "Varie"], [2, "Saluti"]]);
    await run({ intent: "remove", itemId: await idOf("Varie") });
    expect(await order()).toEqual([[0, "Bilancio"], [1, "Saluti"]]);
    await run({ intent: "edit", itemId: await idOf("Saluti"), title: "Saluti e apertura", presenter: "", durationMinutes: "5" });
    expect(await order()).toEqual([[0, "Bilancio"], [1, "Saluti e apertura"]]);

    const page = await outcome(() => agendaLoader(routeArgs(get(`/riunioni/${target.id}/ordine-del-giorno`), coordinator, params)));
    expect((page.data as { items: { number: number; title: string; durationMinutes: number }[] }).items.map((i) => [i.number, i.title, i.durationMinutes])).toEqual([
      [1, "Bilancio", 20],
      [2, "Saluti e apertura", 5],
    ]);
  });

  it("attaches documents to an item; they download for signed-in users and only under their own meeting", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const member = await signedIn("MEMBER");
    const target = await meeting({ status: "CONVOKED" });
    const other = await meeting({ status: "CONVOKED", title: "Altra riunione" });
    const item = await db.agendaItem.create({ data: { meetingId: target.id, position: 0, title: "Bilancio" } });
    const form = new FormData();
    form.set("itemId", item.id);
    form.set("title", "Prospetto");
    form.set("file", new File([PNG_1X1], "prospetto.png", { type: "image/png" }));
    const uploaded = await outcome(() =>
      agendaAction(routeArgs(new Request(`http://localhost:3000/riunioni/${target.id}/ordine-del-giorno`, { method: "POST", body: form }), coordinator, { id: target.id })),
    );
    expect(uploaded.data).toMatchObject({ done: "Documento «Prospetto» allegato." });
    const document = await db.agendaDocument.findFirstOrThrow();
    const download = await outcome(() => documentLoader(routeArgs(get(`/riunioni/${target.id}/documenti/${document.id}`), member, { id: target.id, documentId: document.id })));
    expect(download.status).toBe(200);
    const elsewhere = await outcome(() => documentLoader(routeArgs(get(`/riunioni/${other.id}/documenti/${document.id}`), member, { id: other.id, documentId: document.id })));
    expect(elsewhere.status).toBe(404);
    const anonymous = await outcome(() => documentLoader(routeArgs(get(`/riunioni/${target.id}/documenti/${document.id}`), null, { id: target.id, documentId: document.id })));
    expect(anonymous.status).toBe(302);
  });

  it("opens a meeting of the series with the approval of the previous meeting's verbale still awaiting it", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const series = await db.meetingSeries.create({
      data: { name: "Plenaria", kind: "GOVERNANCE", weekOfMonth: 1, weekday: 2, startTime: "15:00", endTime: "17:00", location: "Sala" },
    });
    const previous = await meeting({ seriesId: series.id, status: "CONVOKED", startsAt: romeInstant("2025-03-04", "15:00") });
    const older = await meeting({ seriesId: series.id, status: "CONVOKED", startsAt: romeInstant("2025-02-04", "15:00") });
    await db.verbale.create({ data: { meetingId: older.id, status: "IN_REVISIONE" } });
    const verbale = await db.verbale.create({ data: { meetingId: previous.id, status: "IN_REVISIONE" } });

    const day = nextDates(series, new Date(), 1)[0]?.day ?? "";
    await outcome(() => seriesPageAction(routeArgs(post(`/riunioni/serie/${series.id}`, { intent: "confirm", day }), coordinator, { id: series.id })));
    const created = await db.meeting.findFirstOrThrow({ where: { seriesId: series.id, status: "DRAFT" }, include: { agendaItems: true } });
    expect(created.agendaItems.map((i) => [i.position, i.kind, i.title, i.verbaleId])).toEqual([
      [0, "MINUTES_APPROVAL", "Approvazione del verbale della seduta del 4 marzo 2025", verbale.id],
    ]);

    // Published or already approved verbali need no approval item.
    await db.verbale.update({ where: { id: verbale.id }, data: { status: "APPROVATO", approvedAt: new Date() } });
    const second = await outcome(() =>
      newMeetingAction(routeArgs(post("/riunioni/nuova", meetingForm({ seriesId: series.id, day: romeDay(new Date(created.startsAt.getTime() + 40 * 86_400_000)) })), coordinator)),
    );
    expect(second.status).toBe(302);
    const latest = await db.meeting.findFirstOrThrow({ orderBy: { startsAt: "desc" }, include: { agendaItems: true } });
    expect(latest.id).not.toBe(created.id);
    expect(latest.agendaItems).toEqual([]);
  });

  it("offers open actions of the decision register, overdue first, and adds one as a follow-up item", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const organisation = await createOrganisation({ name: "Caritas diocesana" });
    const past = await meeting({ status: "CONVOKED", startsAt: romeInstant("2025-01-14", "15:00"), title: "Plenaria di gennaio" });
    const target = await meeting();
    await db.decision.createMany({
      data: [
        { meetingId: past.id, meetingStartsAt: past.startsAt, kind: "ACTION", text: "Mappare gli sportelli", status: "OPEN", dueOn: new Date(`${nextYear}-12-01T00:00:00Z`) },
        { meetingId: past.id, meetingStartsAt: past.startsAt, kind: "ACTION", text: "Raccogliere i dati 2024", status: "IN_PROGRESS", dueOn: new Date("2025-02-01T00:00:00Z"), responsibleOrganisationId: organisation.id },
        { meetingId: past.id, meetingStartsAt: past.startsAt, kind: "ACTION", text: "Azione conclusa", status: "DONE" },
        { meetingId: past.id, meetingStartsAt: past.startsAt, kind: "DECISION", text: "Si approva il regolamento", status: "OPEN" },
      ],
    });
    const page = await getAgendaPage(target.id);
    expect(page?.suggestions.map((s) => [s.text, s.overdue])).toEqual([
      ["Raccogliere i dati 2024", true],
      ["Mappare gli sportelli", false],
    ]);
    const decision = await db.decision.findFirstOrThrow({ where: { text: "Raccogliere i dati 2024" } });
    const added = await outcome(() =>
      agendaAction(routeArgs(post(`/riunioni/${target.id}/ordine-del-giorno`, { intent: "followUp", decisionId: decision.id }), coordinator, { id: target.id })),
    );
    expect(added.data).toMatchObject({ done: "Punto «Verifica: Raccogliere i dati 2024» aggiunto.", suggestUpdate: false });
    expect(await db.agendaItem.findFirstOrThrow()).toMatchObject({ kind: "FOLLOW_UP", title: "Verifica: Raccogliere i dati 2024", followsDecisionId: decision.id });
    expect((await getAgendaPage(target.id))?.suggestions.map((s) => s.text)).toEqual(["Mappare gli sportelli"]);
  });

  it("escalates an operative item to the next governance meeting, showing its origin on both sides", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const group = await db.workingGroup.create({ data: { name: "Casa e abitare", thematicArea: "Casa" } });
    const operative = await meeting({ kind: "OPERATIVE", workingGroupId: group.id, status: "CONVOKED", title: "Gruppo Casa di maggio" });
    const item = await db.agendaItem.create({ data: { meetingId: operative.id, position: 0, title: "Fondo affitti", presenter: "Anna Neri", durationMinutes: 25 } });
    const escalate = () =>
      outcome(() => agendaAction(routeArgs(post(`/riunioni/${operative.id}/ordine-del-giorno`, { intent: "escalate", itemId: item.id }), coordinator, { id: operative.id })));

    const nowhere = await escalate();
    expect(nowhere.status).toBe(409);
    expect(nowhere.errors?.formError).toMatch(/^Non c'è una prossima riunione del piano di governo/);

    await meeting({ kind: "GOVERNANCE", title: "Plenaria passata", startsAt: romeInstant("2025-01-14", "15:00") });
    await meeting({ kind: "GOVERNANCE", title: "Plenaria annullata", status: "CANCELLED", startsAt: romeInstant(futureDay(2, 3), "15:00") });
    const later = await meeting({ kind: "GOVERNANCE", title: "Plenaria di giugno", startsAt: romeInstant(futureDay(6, 9), "15:00") });
    const next = await meeting({ kind: "GOVERNANCE", title: "Plenaria di aprile", startsAt: romeInstant(futureDay(4, 7), "15:00") });
    await db.agendaItem.create({ data: { meetingId: next.id, position: 0, title: "Apertura" } });

    const done = await escalate();
    expect(done.data).toMatchObject({ done: `Punto portato al piano di governo: riunione «Plenaria di aprile» del 7 aprile ${nextYear}.` });
    const escalated = await db.agendaItem.findFirstOrThrow({ where: { escalatedFromId: item.id } });
    expect(escalated).toMatchObject({ meetingId: next.id, kind: "ESCALATED", position: 1, title: "Dal gruppo Casa e abitare: Fondo affitti", presenter: "Anna Neri", durationMinutes: 25 });
    expect(await db.agendaItem.count({ where: { meetingId: later.id } })).toBe(0);
    expect((await escalate()).status).toBe(409);

    const governanceAgenda = agendaView(next.id, (await getAgendaPage(next.id))?.meeting.agendaItems ?? []);
    expect(governanceAgenda[1]?.origin).toEqual({
      text: `Portato dal piano operativo (gruppo Casa e abitare): riunione «Gruppo Casa di maggio» del ${romeDay(operative.startsAt).split("-")[2]?.replace(/^0/, "")} maggio ${nextYear}`,
      to: `/riunioni/${operative.id}`,
    });
    const operativeAgenda = agendaView(operative.id, (await getAgendaPage(operative.id))?.meeting.agendaItems ?? []);
    expect(operativeAgenda[0]?.escalatedTo).toEqual({ text: `Portato al piano di governo: riunione «Plenaria di aprile» del 7 aprile ${nextYear}`, to: `/riunioni/${next.id}` });
  });
});
