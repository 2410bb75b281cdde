import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { hashToken } from "~/auth/tokens.server";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { addUninvitedAttendee, saveAttendance, setPresence } from "~/domain/attendance.server";
import { type Actor, type Changes, recordChange } from "~/domain/audit.server";
import { cancelMeeting } from "~/domain/convocations.server";
import { addDecision, editDecision, removeDecision, updateDecisionStatus } from "~/domain/decisions.server";
import { addAgendaItem, createMeeting, moveAgendaItem, removeAgendaItem, updateAgendaItem, updateMeeting } from "~/domain/meetings.server";
import { updateTavoloSettings } from "~/domain/tavolo-settings.server";
import { acceptInvitation, inviteUser, resetPassword, setUserActive } from "~/domain/users.server";
import { addComment, approveVerbale, getVerbalePage, parseSections, publishVerbale, saveVerbaleText, sendForReview } from "~/domain/verbali.server";
import { loader as exportLoader } from "~/routes/audit-log.export";
import { loader as auditLoader } from "~/routes/audit-log";
import { createOrganisation, createUser } from "../factories";
import { meetingFields } from "../support/meetings";
import { routeArgs } from "../support/routes";

// The audit trail covers every kind of record (docs/decisions/032-audit-trail-everywhere.md): each
// domain writes its event in the change's own transaction, and coordinators read and export it.

async function person(role: Role, name: string, organisationId?: string): Promise<SessionUser> {
  const user = await createUser({ role, name, ...(organisationId ? { organisationId } : {}) });
  return { id: user.id, email: user.email, name: user.name, role, organisationId: user.organisationId, organisationName: "Prova", sessionId: `s-${user.id}` };
}

const actorOf = (user: { id: string; name: string }): Actor => ({ id: user.id, name: user.name });

/** The subject's events, oldest first, with their changes parsed. */
async function eventsOf(subjectType: string, subjectId: string) {
  const events = await db.auditEvent.findMany({ where: { subjectType, subjectId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return events.map((event) => ({ ...event, changes: JSON.parse(event.changes) as Changes }));
}

async function lastEventOf(subjectType: string, subjectId: string) {
  const events = await eventsOf(subjectType, subjectId);
  const last = events[events.length - 1];
  if (!last) throw new Error(`no event for ${subjectType} ${subjectId}`);
  return last;
}

/** What a loader returned or threw: a Response's status, or data() with its init. */
async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, response: value, data: undefined as never };
  if (value instanceof Error) throw value;
  const result = value as { data?: unknown; init?: { status: number } | null; type?: string };
  if (result && typeof result === "object" && result.type === "DataWithResponseInit") {
    return { status: result.init?.status ?? 200, data: result.data as never, response: undefined };
  }
  return { status: 200, data: value as never, response: undefined };
}

const tokenHash = () => randomBytes(32).toString("hex");

describe("the audit trail of every domain", () => {
  it("records a meeting's creation, edits, agenda and cancellation, each with who and what changed", async () => {
    const anna = await person("COORDINATOR", "Anna Conti");
    const org = await createOrganisation({ name: "Caritas Ambrosiana" });
    const invited = await createUser({ name: "Luca Bassi", organisationId: org.id });
    const meeting = await createMeeting(meetingFields({ namedIds: [invited.id] }), actorOf(anna));

    const created = await lastEventOf("MEETING", meeting.id);
    expect(created.actorName).toBe("Anna Conti");
    expect(created.actorId).toBe(anna.id);
    expect(created.summary).toBe("Riunione creata: Plenaria di giugno, 4 giugno 2030, 15:00–17:00");

    await updateMeeting(meeting.id, meetingFields({ title: "Plenaria straordinaria", location: "Villa Ghirlanda", startTime: "16:00", endTime: "18:00", namedIds: [] }), actorOf(anna));
    const edited = await lastEventOf("MEETING", meeting.id);
    expect(edited.summary).toBe("Riunione modificata: Plenaria straordinaria");
    expect(edited.changes).toEqual({
      Titolo: ["Plenaria di giugno", "Plenaria straordinaria"],
      "Data e orario": ["4 giugno 2030, 15:00–17:00", "4 giugno 2030, 16:00–18:00"],
      Luogo: ["Sala consiliare", "Villa Ghirlanda"],
      "Persone tolte dagli invitati": ["Luca Bassi (Caritas Ambrosiana)", ""],
    });

    // Saving the same fields again changes nothing and records nothing.
    const before = (await eventsOf("MEETING", meeting.id)).length;
    await updateMeeting(meeting.id, meetingFields({ title: "Plenaria straordinaria", location: "Villa Ghirlanda", startTime: "16:00", endTime: "18:00" }), actorOf(anna));
    expect(await eventsOf("MEETING", meeting.id)).toHaveLength(before);

    const first = await addAgendaItem(meeting.id, { title: "Emporio solidale", presenter: "", durationMinutes: 30 }, actorOf(anna));
    const second = await addAgendaItem(meeting.id, { title: "Varie ed eventuali", presenter: "", durationMinutes: 10 }, actorOf(anna));
    await updateAgendaItem(meeting.id, first.id, { title: "Emporio solidale", presenter: "Anna Conti", durationMinutes: 45 }, actorOf(anna));
    await moveAgendaItem(meeting.id, second.id, "up", actorOf(anna));
    await removeAgendaItem(meeting.id, second.id, actorOf(anna));
    await cancelMeeting(meeting.id, "Sala non disponibile", actorOf(anna));

    const events = await eventsOf("MEETING", meeting.id);
    expect(events.slice(-6).map((e) => [e.summary, e.changes])).toEqual([
      ["Punto aggiunto all'ordine del giorno: Emporio solidale", {}],
      ["Punto aggiunto all'ordine del giorno: Varie ed eventuali", {}],
      ["Punto dell'ordine del giorno modificato: Emporio solidale", { Relatore: ["", "Anna Conti"], "Durata (minuti)": ["30", "45"] }],
      ["Punto spostato più in alto nell'ordine del giorno: Varie ed eventuali", { Posizione: ["2", "1"] }],
      ["Punto tolto dall'ordine del giorno: Varie ed eventuali", {}],
      ["Riunione annullata: Sala non disponibile", {}],
    ]);
    expect(events.every((e) => e.actorName === "Anna Conti")).toBe(true);
  });

  it("records attendance: one person's toggle, the whole register's changes, someone who came uninvited", async () => {
    const anna = await person("COORDINATOR", "Anna Conti");
    const org = await createOrganisation({ name: "Banco alimentare" });
    const [marta, paolo, ospite] = await Promise.all(["Marta Neri", "Paolo Verdi", "Sara Ospite"].map((name) => createUser({ name, organisationId: org.id })));
    const startsAt = new Date(Date.now() - 3 * 86_400_000);
    const meeting = await db.meeting.create({
      data: { title: "Tavolo operativo", kind: "OPERATIVE", status: "CONVOKED", startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) },
    });
    const [martaInvite, paoloInvite] = await Promise.all(
      [marta!, paolo!].map((user) => db.invitee.create({ data: { meetingId: meeting.id, userId: user.id, organisationId: org.id, rsvpTokenHash: tokenHash() } })),
    );

    await setPresence(meeting.id, martaInvite!.id, true, actorOf(anna));
    const toggled = await lastEventOf("MEETING", meeting.id);
    expect(toggled.summary).toBe("Presenza registrata: Marta Neri (Banco alimentare) presente");
    expect(toggled.changes).toEqual({ "Marta Neri (Banco alimentare)": ["", "presente"] });

    await saveAttendance(meeting.id, [martaInvite!.id, paoloInvite!.id], [paoloInvite!.id], actorOf(anna));
    const saved = await lastEventOf("MEETING", meeting.id);
    expect(saved.summary).toBe("Registro delle presenze salvato: 1 presente su 2");
    expect(saved.changes).toEqual({
      "Marta Neri (Banco alimentare)": ["presente", "assente"],
      "Paolo Verdi (Banco alimentare)": ["", "presente"],
    });

    await addUninvitedAttendee(meeting.id, ospite!.id, actorOf(anna));
    expect((await lastEventOf("MEETING", meeting.id)).summary).toBe("Presente senza invito: Sara Ospite (Banco alimentare)");
  });

  it("records a verbale from its start to publication; autosaves of one sitting are one event", async () => {
    const anna = await person("COORDINATOR", "Anna Conti");
    const bruno = await person("COORDINATOR", "Bruno Sala");
    const member = await createUser({ name: "Marta Neri" });
    const startsAt = new Date("2026-03-03T14:00:00Z");
    const meeting = await db.meeting.create({
      data: {
        title: "Assemblea di marzo",
        kind: "GOVERNANCE",
        status: "CONVOKED",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 7_200_000),
        agendaItems: { create: [{ position: 0, title: "Emporio solidale" }] },
        invitees: { create: [{ userId: member.id, organisationId: member.organisationId, rsvpTokenHash: tokenHash(), present: true }] },
      },
      include: { agendaItems: true },
    });
    const page = await getVerbalePage(meeting.id, { actor: actorOf(anna), canManage: true, isInvitee: false });
    const verbaleId = page.verbale.id;
    expect((await lastEventOf("VERBALE", verbaleId)).summary).toBe("Verbale iniziato: Assemblea di marzo");

    const itemKey = meeting.agendaItems[0]!.id;
    const first = await saveVerbaleText(meeting.id, { revision: page.verbale.revision, html: { apertura: "<p>Si apre la seduta.</p>" } }, actorOf(anna));
    if (!first.ok) throw new Error("first save refused");
    const second = await saveVerbaleText(meeting.id, { revision: first.revision, html: { [itemKey]: "<p>L'emporio apre a maggio.</p>" } }, actorOf(anna));
    if (!second.ok) throw new Error("second save refused");
    let events = await eventsOf("VERBALE", verbaleId);
    expect(events.map((e) => e.summary)).toEqual(["Verbale iniziato: Assemblea di marzo", "Testo del verbale modificato"]);
    expect(events[1]!.changes).toEqual({ "Sezioni modificate": ["", "Apertura della seduta; Emporio solidale"] });

    // Another coordinator's save is their own event.
    const third = await saveVerbaleText(meeting.id, { revision: second.revision, html: { [itemKey]: "<p>L'emporio apre a giugno.</p>" } }, actorOf(bruno));
    if (!third.ok) throw new Error("third save refused");
    events = await eventsOf("VERBALE", verbaleId);
    expect(events.map((e) => [e.summary, e.actorName])).toEqual([
      ["Verbale iniziato: Assemblea di marzo", "Anna Conti"],
      ["Testo del verbale modificato", "Anna Conti"],
      ["Testo del verbale modificato", "Bruno Sala"],
    ]);

    await sendForReview(meeting.id, actorOf(anna));
    await addComment(meeting.id, "Manca l'orario di chiusura.", { id: member.id, name: member.name });
    await approveVerbale(meeting.id, "", actorOf(anna));
    await publishVerbale(meeting.id, actorOf(anna));
    events = await eventsOf("VERBALE", verbaleId);
    expect(events.slice(-4).map((e) => [e.summary, e.actorName, e.changes])).toEqual([
      [expect.stringMatching(/^Verbale inviato in revisione a 1 partecipante, commenti fino al /), "Anna Conti", { Stato: ["Bozza", "In revisione"] }],
      ["Commento di revisione aggiunto", "Marta Neri", { Commento: ["", "Manca l'orario di chiusura."] }],
      ["Verbale approvato", "Anna Conti", { Stato: ["In revisione", "Approvato"] }],
      ["Verbale pubblicato (versione 1)", "Anna Conti", { Stato: ["Approvato", "Pubblicato"] }],
    ]);
    expect(parseSections((await db.verbale.findUniqueOrThrow({ where: { id: verbaleId } })).content)).toHaveLength(2);
  });

  it("records decisions and actions: creation, edits, status updates with their notes, removal", async () => {
    const anna = await person("COORDINATOR", "Anna Conti");
    const org = await createOrganisation({ name: "Croce Rossa" });
    const referent = await person("REFERENT", "Lucia Galli", org.id);
    const startsAt = new Date("2026-03-03T14:00:00Z");
    const meeting = await db.meeting.create({ data: { title: "Assemblea di marzo", kind: "GOVERNANCE", status: "CONVOKED", startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) } });
    const fields = {
      kind: "ACTION" as const,
      text: "Mappare i punti di distribuzione",
      agendaItemId: null,
      responsibleOrganisationId: org.id,
      responsibleUserId: null,
      dueOn: new Date("2026-05-31T00:00:00.000Z"),
      projectId: null,
    };
    const action = await addDecision(meeting.id, fields, actorOf(anna));
    expect((await lastEventOf("DECISION", action.id)).summary).toBe("Azione registrata, responsabile Croce Rossa, entro il 31 maggio 2026: Mappare i punti di distribuzione");

    await editDecision(action.id, { ...fields, dueOn: new Date("2026-06-30T00:00:00.000Z") }, actorOf(anna));
    const edited = await lastEventOf("DECISION", action.id);
    expect(edited.changes).toEqual({ Scadenza: ["31 maggio 2026", "30 giugno 2026"] });

    await updateDecisionStatus(action.id, { status: "IN_PROGRESS", note: "Censiti 12 punti su 20." }, actorOf(referent));
    const updated = await lastEventOf("DECISION", action.id);
    expect(updated.actorName).toBe("Lucia Galli");
    expect(updated.summary).toBe("Stato aggiornato: In corso");
    expect(updated.changes).toEqual({ Stato: ["Aperta", "In corso"], Nota: ["", "Censiti 12 punti su 20."] });

    await removeDecision(action.id, actorOf(anna));
    expect((await lastEventOf("DECISION", action.id)).summary).toBe("Azione eliminata (riunione «Assemblea di marzo» del 3 marzo 2026): Mappare i punti di distribuzione");
  });

  it("records accounts: invitation sent and accepted, deactivation, password reset; never a token or a password", async () => {
    const anna = await person("COORDINATOR", "Anna Conti");
    const org = await createOrganisation({ name: "Caritas Ambrosiana" });
    const invitation = await inviteUser({ email: "nuova.referente@example.org", role: "REFERENT", organisationId: org.id, invitedBy: actorOf(anna) });
    const sent = await lastEventOf("USER", invitation.id);
    expect(sent.summary).toBe("Invito inviato a nuova.referente@example.org: referente di organizzazione di Caritas Ambrosiana");
    expect(sent.actorName).toBe("Anna Conti");

    const inviteToken = randomBytes(32).toString("base64url");
    await db.invitation.update({ where: { id: invitation.id }, data: { tokenHash: hashToken(inviteToken) } });
    const password = "Una-frase-nuova-e-lunga-2026";
    const user = await acceptInvitation({ token: inviteToken, name: "Chiara Riva", password });
    const accepted = await lastEventOf("USER", user.id);
    expect(accepted.summary).toBe("Invito accettato, account creato: Chiara Riva (nuova.referente@example.org), referente di organizzazione di Caritas Ambrosiana");
    expect(accepted.actorName).toBe("Chiara Riva");

    const resetToken = randomBytes(32).toString("base64url");
    await db.passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(resetToken), expiresAt: new Date(Date.now() + 3_600_000) } });
    const newPassword = "Un'altra-frase-lunga-2026";
    await resetPassword({ token: resetToken, password: newPassword });
    expect((await lastEventOf("USER", user.id)).summary).toBe("Password reimpostata con il collegamento ricevuto per e-mail; accessi aperti chiusi");

    await setUserActive({ userId: user.id, active: false, by: actorOf(anna) });
    const deactivated = await lastEventOf("USER", user.id);
    expect(deactivated.summary).toBe("Account disattivato: Chiara Riva (nuova.referente@example.org)");
    expect(deactivated.changes).toEqual({ Attivo: ["sì", "no"] });
    expect(deactivated.actorName).toBe("Anna Conti");

    const written = JSON.stringify(await db.auditEvent.findMany({ where: { subjectType: "USER" } }));
    for (const secret of [inviteToken, resetToken, hashToken(inviteToken), hashToken(resetToken), password, newPassword]) expect(written).not.toContain(secret);
  });

  it("records the tavolo's settings", async () => {
    const anna = await person("COORDINATOR", "Anna Conti");
    await updateTavoloSettings({ publishPartnerList: true }, actorOf(anna));
    const event = await lastEventOf("SETTINGS", "tavolo");
    expect(event.summary).toBe("Impostazioni del tavolo modificate");
    expect(event.changes["Elenco pubblico dei partner"]?.[1]).toBe("sì");
    expect(event.actorName).toBe("Anna Conti");
  });

  it("leaves no event when the change is refused or rolled back", async () => {
    const anna = await person("COORDINATOR", "Anna Conti");
    const org = await createOrganisation();
    const startsAt = new Date("2026-03-03T14:00:00Z");
    const meeting = await db.meeting.create({ data: { title: "Assemblea", kind: "GOVERNANCE", status: "CONVOKED", startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) } });
    const fields = { kind: "DECISION" as const, text: "Adottare il piano", agendaItemId: null, responsibleOrganisationId: org.id, responsibleUserId: null, dueOn: null, projectId: null };
    const decision = await addDecision(meeting.id, fields, actorOf(anna));
    const count = await db.auditEvent.count();

    await expect(editDecision(decision.id, { ...fields, text: "Altro testo", agendaItemId: "punto-inesistente" }, actorOf(anna))).rejects.toThrow("ordine del giorno");
    await expect(updateMeeting(meeting.id, meetingFields({ namedIds: ["persona-inesistente"] }), actorOf(anna))).rejects.toThrow("account attivo");
    // An error after the event was written, inside the same transaction, takes the event away too.
    await expect(
      db.$transaction(async (tx) => {
        await recordChange(tx, { subjectType: "MEETING", subjectId: meeting.id, summary: "Modifica poi annullata", actor: actorOf(anna) });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");

    expect(await db.auditEvent.count()).toBe(count);
    expect((await db.decision.findUniqueOrThrow({ where: { id: decision.id } })).text).toBe("Adottare il piano");
    expect(await db.auditEvent.count({ where: { summary: "Modifica poi annullata" } })).toBe(0);
  });
});

describe("the coordinators' register of changes", () => {
  /** Three events in March of a past year (one year per test), far from everything else the tests write. */
  async function scene(year: number) {
    const anna = await person("COORDINATOR", "Anna Registro");
    const bruno = await person("COORDINATOR", "Bruno Registro");
    const startsAt = new Date(`${year}-03-04T14:00:00Z`);
    const meeting = await db.meeting.create({ data: { title: `Assemblea ${year}`, kind: "GOVERNANCE", startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) } });
    // 23:30 UTC on 1 March is 00:30 on 2 March in Rome.
    const alfa = await db.auditEvent.create({
      data: { subjectType: "MEETING", subjectId: meeting.id, summary: "Evento di prova alfa", changes: JSON.stringify({ Luogo: ["Sala A", "=Sala B"] }), actorId: anna.id, actorName: anna.name, at: new Date(`${year}-03-01T23:30:00Z`) },
    });
    const beta = await db.auditEvent.create({
      data: { subjectType: "DECISION", subjectId: "decisione-eliminata", summary: "Evento di prova beta", actorId: null, actorName: "Sistema", at: new Date(`${year}-03-01T12:00:00Z`) },
    });
    const gamma = await db.auditEvent.create({
      data: { subjectType: "USER", subjectId: bruno.id, summary: "Evento di prova gamma ALFA", actorId: bruno.id, actorName: bruno.name, at: new Date(`${year}-03-05T10:00:00Z`) },
    });
    return { anna, bruno, meeting, alfa, beta, gamma };
  }

  const page = async (user: SessionUser, query: string) =>
    outcome(() => auditLoader(routeArgs(new Request(`http://localhost:3000/registro-modifiche${query}`), user)));

  it("is for coordinators only: referents and members get 403, and so do the exports", async () => {
    const referent = await person("REFERENT", "Lucia Galli");
    const member = await person("MEMBER", "Marta Neri");
    for (const user of [referent, member]) {
      expect((await page(user, "")).status).toBe(403);
      for (const format of ["csv", "xlsx"]) {
        const refused = await outcome(() => exportLoader(routeArgs(new Request(`http://localhost:3000/registro-modifiche/esporta/${format}`), user, { format })));
        expect(refused.status).toBe(403);
      }
    }
  });

  it("lists newest first and filters by kind, who, Rome days and words; links to records that still exist", async () => {
    const { anna, meeting, alfa, beta, gamma } = await scene(2019);
    const ids = async (query: string) => {
      const result = await page(anna, query);
      expect(result.status).toBe(200);
      return (result.data as { events: { id: string }[] }).events.map((e) => e.id);
    };
    const march = "dal=2019-03-01&al=2019-03-31";
    expect(await ids(`?${march}`)).toEqual([gamma.id, alfa.id, beta.id]);
    expect(await ids("?dal=2019-03-02&al=2019-03-02")).toEqual([alfa.id]);
    expect(await ids("?dal=2019-03-01&al=2019-03-01")).toEqual([beta.id]);
    expect(await ids(`?${march}&tipo=USER`)).toEqual([gamma.id]);
    expect(await ids(`?${march}&chi=sistema`)).toEqual([beta.id]);
    expect(await ids(`?${march}&chi=${anna.id}`)).toEqual([alfa.id]);
    expect(await ids(`?${march}&q=${encodeURIComponent("prova alfa")}`)).toEqual([gamma.id, alfa.id]);
    expect(await ids(`?${march}&tipo=MEETING&q=beta`)).toEqual([]);

    const shown = (await page(anna, `?${march}`)).data as {
      events: { id: string; link: string | null; at: string; actorName: string; subjectTypeLabel: string; changes: Changes }[];
      choices: { actors: { value: string }[] };
    };
    const row = (id: string) => shown.events.find((e) => e.id === id)!;
    expect(row(alfa.id)).toMatchObject({ link: `/riunioni/${meeting.id}`, at: "2 mar 2019, 00:30", actorName: "Anna Registro", subjectTypeLabel: "Riunione" });
    expect(row(alfa.id).changes).toEqual({ Luogo: ["Sala A", "=Sala B"] });
    expect(row(beta.id).link).toBeNull();
    expect(row(gamma.id).link).toBe("/utenti");
    expect(shown.choices.actors.map((a) => a.value)).toEqual(expect.arrayContaining(["sistema", anna.id]));

    const backwards = await page(anna, "?dal=2019-03-05&al=2019-03-01");
    expect(backwards.status).toBe(400);
    expect((backwards.data as { problem: string; events: unknown[] }).problem).toBe("Il giorno finale viene prima di quello iniziale: correggi il periodo.");
    expect((backwards.data as { events: unknown[] }).events).toEqual([]);
  });

  it("exports the filtered list as CSV (it parses back) and as XLSX (it opens), in Rome time", async () => {
    const { anna, meeting, alfa } = await scene(2018);
    const query = "?dal=2018-03-01&al=2018-03-31&q=prova";
    const csv = await outcome(() => exportLoader(routeArgs(new Request(`http://localhost:3000/registro-modifiche/esporta/csv${query}`), anna, { format: "csv" })));
    expect(csv.status).toBe(200);
    expect(csv.response!.headers.get("Content-Disposition")).toMatch(/^attachment; filename="registro-modifiche-\d{4}-\d{2}-\d{2}\.csv"$/);
    // Response.text() would drop the byte order mark Italian Excel needs: read the bytes.
    const bytes = Buffer.from(await csv.response!.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(bytes.subarray(3).toString("utf8"), { header: true, delimiter: ";", skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(["Data e ora", "Chi", "Tipo di record", "Id del record", "Collegamento", "Descrizione", "Modifiche"]);
    const rows = parsed.data;
    expect(rows.map((r) => r["Descrizione"])).toEqual(["Evento di prova gamma ALFA", "Evento di prova alfa", "Evento di prova beta"]);
    const alfaRow = rows.find((r) => r["Id del record"] === meeting.id)!;
    expect(alfaRow).toEqual({
      "Data e ora": "02/03/2018 00:30:00",
      Chi: "Anna Registro",
      "Tipo di record": "Riunione",
      "Id del record": meeting.id,
      Collegamento: `http://localhost:3000/riunioni/${meeting.id}`,
      Descrizione: "Evento di prova alfa",
      Modifiche: "Luogo: Sala A → =Sala B",
    });
    expect(rows.find((r) => r["Id del record"] === "decisione-eliminata")?.Chi).toBe("Sistema");

    const xlsx = await outcome(() => exportLoader(routeArgs(new Request(`http://localhost:3000/registro-modifiche/esporta/xlsx${query}`), anna, { format: "xlsx" })));
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.response!.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet("Registro delle modifiche")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "Data e ora", "Chi", "Tipo di record", "Id del record", "Collegamento", "Descrizione", "Modifiche"]);
    expect(sheet.rowCount - 1).toBe(rows.length);
    const alfaCells = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(4).value === meeting.id)!;
    expect(alfaCells.getCell(1).value).toEqual(new Date("2018-03-02T00:30:00Z"));
    expect(alfaCells.getCell(6).value).toBe(alfa.summary);

    const unknown = await outcome(() => exportLoader(routeArgs(new Request("http://localhost:3000/registro-modifiche/esporta/pdf"), anna, { format: "pdf" })));
    expect(unknown.status).toBe(404);
  });
});
