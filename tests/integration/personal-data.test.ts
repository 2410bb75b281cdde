// Personal data (issue 6, decision 030): each person's export holds their data and no one else's;
// the removal of a person leaves no trace of their name or address anywhere in the database while
// the verbale, the attendance and the decisions they took part in stay readable; the information
// notice is public and its text is the coordinators'.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { attendanceSummary } from "~/domain/attendance.server";
import { recordChange } from "~/domain/audit.server";
import { MODEL_COVERAGE } from "~/domain/personal-data";
import { erasePerson, exportPersonalData } from "~/domain/personal-data.server";
import { updateTavoloSettings } from "~/domain/tavolo-settings.server";
import { authenticate, setUserActive } from "~/domain/users.server";
import { isPostgresUrl } from "~/env.server";
import { loader as privacyLoader } from "~/routes/privacy";
import { loader as exportFileLoader } from "~/routes/profile.personal-data-file";
import { action as settingsAction, loader as settingsLoader } from "~/routes/settings.privacy";
import { action as removeAction, loader as removeLoader } from "~/routes/user.remove";
import { loader as verbaleLoader } from "~/routes/verbale";
import { createOrganisation, createUser, TEST_PASSWORD } from "../factories";
import { createProjectFixture } from "../support/projects";
import { routeArgs } from "../support/routes";

const MARIO = { name: "Mario Rossi", email: "mario.rossi@example.org" };
const LUCIA = { name: "Lucia Bianchi", email: "lucia.bianchi@example.org" };
const HOUR_MS = 3_600_000;

const asSession = (user: { id: string; email: string; name: string; role: string; organisationId: string }, organisationName: string): SessionUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role as Role,
  organisationId: user.organisationId,
  organisationName,
  sessionId: `sessione-${user.id}`,
});

/** The status and body of what a loader or action returned or threw. */
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
    return { status: result.init?.status ?? 200, data: result.data as never, response: null };
  }
  return { status: 200, data: value as never, response: null };
}

const postForm = (path: string, fields: Record<string, string>) =>
  new Request(`http://localhost:3000${path}`, { method: "POST", body: new URLSearchParams(fields) });

/**
 * Mario, a Caritas referent, has taken part in everything: a past meeting (present, with a comment
 * on its verbale), a meeting still to come, a decision, a rendicontazione, mails, an upload, a group
 * (which he facilitates) and his organisation's delegation. Lucia, of another organisation, was at
 * the same meeting and commented the same verbale.
 */
async function scene() {
  const comune = await createOrganisation({ name: "Comune di Prova", isCoordinator: true });
  const caritas = await createOrganisation({ name: "Caritas di Prova" });
  const croce = await createOrganisation({ name: "Croce di Prova" });
  const anna = await createUser({ role: "COORDINATOR", name: "Anna Conti", email: "anna.conti@example.org", organisationId: comune.id });
  const bruno = await createUser({ role: "COORDINATOR", name: "Bruno Sala", email: "bruno.sala@example.org", organisationId: comune.id });
  const mario = await createUser({ role: "REFERENT", ...MARIO, organisationId: caritas.id });
  const lucia = await createUser({ role: "MEMBER", ...LUCIA, organisationId: croce.id });

  const startsAt = new Date(Date.now() - 10 * 24 * HOUR_MS);
  const meeting = await db.meeting.create({
    data: {
      title: "Assemblea di prova",
      kind: "GOVERNANCE",
      status: "CONVOKED",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR_MS),
      location: "Sala consiliare",
      agendaItems: { create: [{ position: 1, title: "Emporio solidale", presenter: MARIO.name }] },
    },
  });
  for (const person of [mario, lucia]) {
    await db.invitee.create({
      data: { meetingId: meeting.id, userId: person.id, organisationId: person.organisationId, rsvpTokenHash: randomBytes(32).toString("hex"), response: "ACCEPTED", present: true },
    });
  }
  const future = await db.meeting.create({
    data: { title: "Assemblea futura", kind: "GOVERNANCE", status: "CONVOKED", startsAt: new Date(Date.now() + 10 * 24 * HOUR_MS), endsAt: new Date(Date.now() + 10 * 24 * HOUR_MS + HOUR_MS) },
  });
  await db.invitee.create({ data: { meetingId: future.id, userId: mario.id, organisationId: caritas.id, rsvpTokenHash: randomBytes(32).toString("hex") } });

  // The coordinator's first visit writes the verbale's opening, attendance with names included.
  const annaSession = asSession(anna, comune.name);
  const opened = await outcome(() => verbaleLoader(routeArgs(new Request(`http://localhost:3000/riunioni/${meeting.id}/verbale`), annaSession, { id: meeting.id })));
  expect(opened.status).toBe(200);
  const verbale = await db.verbale.update({
    where: { meetingId: meeting.id },
    data: { status: "IN_REVISIONE", attendanceSummary: (await attendanceSummary(meeting.id)).text, reviewUntil: new Date(Date.now() + 5 * 24 * HOUR_MS) },
  });
  expect(verbale.content).toContain(MARIO.name);
  await db.verbaleComment.createMany({
    data: [
      { verbaleId: verbale.id, userId: mario.id, authorName: MARIO.name, text: `Come ha detto ${LUCIA.name}, l'emporio apre il sabato.` },
      { verbaleId: verbale.id, userId: lucia.id, authorName: LUCIA.name, text: `Confermo quanto dice ${MARIO.name}.` },
    ],
  });

  const decision = await db.decision.create({
    data: { meetingId: meeting.id, meetingStartsAt: meeting.startsAt, kind: "ACTION", text: `${MARIO.name} prepara il calendario dell'emporio`, responsibleOrganisationId: caritas.id, responsibleUserId: mario.id, createdById: anna.id },
  });
  await db.decisionUpdate.create({ data: { decisionId: decision.id, status: "IN_PROGRESS", note: "Calendario in bozza.", userId: mario.id, authorName: MARIO.name } });

  const group = await db.workingGroup.create({ data: { name: "Gruppo cibo di prova", thematicArea: "Cibo", facilitatorId: mario.id } });
  await db.workingGroupMember.create({ data: { groupId: group.id, userId: mario.id } });
  await db.workingGroupMember.create({ data: { groupId: group.id, userId: lucia.id } });
  await db.organisation.update({ where: { id: caritas.id }, data: { delegateId: mario.id } });
  await db.contact.create({ data: { organisationId: caritas.id, name: MARIO.name, email: "Mario.Rossi@example.org", phone: "02 1111 2222" } });

  await db.$transaction((tx) =>
    recordChange(tx, { subjectType: "ORGANISATION", subjectId: caritas.id, summary: `Contatto aggiunto: ${LUCIA.name}`, actor: { id: mario.id, name: mario.name } }),
  );
  await db.$transaction((tx) =>
    recordChange(tx, { subjectType: "WORKING_GROUP", subjectId: group.id, summary: `Aggiunta al gruppo: ${MARIO.name} (${caritas.name})`, actor: { id: anna.id, name: anna.name } }),
  );

  const { token } = await createSession(mario.id);
  await db.passwordReset.create({ data: { userId: mario.id, tokenHash: hashToken("reset-di-mario"), expiresAt: new Date(Date.now() + HOUR_MS) } });
  await db.notificationPreference.create({ data: { userId: mario.id, kind: "ANNOUNCEMENT", delivery: "DIGEST" } });
  await db.digestItem.create({ data: { userId: mario.id, kind: "ANNOUNCEMENT", title: "Nuova comunicazione", path: "/comunicazioni" } });
  await db.weeklyDigest.create({ data: { userId: mario.id, weekOf: new Date("2026-03-02T00:00:00Z") } });
  await db.invitation.create({
    data: { email: MARIO.email, role: "REFERENT", organisationId: caritas.id, tokenHash: hashToken("invito-accettato"), expiresAt: new Date(), acceptedAt: new Date(), acceptedById: mario.id, invitedById: anna.id },
  });
  await db.invitation.create({
    data: { email: MARIO.email, role: "MEMBER", organisationId: croce.id, tokenHash: hashToken("invito-aperto"), expiresAt: new Date(Date.now() + 24 * HOUR_MS), invitedById: anna.id },
  });
  await db.authAttempt.createMany({ data: [{ action: "SIGNIN", key: `account:${MARIO.email}` }, { action: "SIGNIN", key: "ip:192.0.2.7" }] });
  const mail = (to: string, subject: string, status: string) => ({ template: "prova", to, subject, html: `<p>${subject}</p>`, text: subject, status });
  await db.outboxMail.createMany({
    data: [
      mail(MARIO.email, `Benvenuto ${MARIO.name}`, "SENT"),
      mail(MARIO.email, "Convocazione: Assemblea futura", "PENDING"),
      mail(LUCIA.email, `${MARIO.name} ti ha scritto`, "SENT"),
    ],
  });
  await db.storedFile.create({
    data: { storageKey: `prova/${randomBytes(4).toString("hex")}`, originalName: `Relazione di ${MARIO.name}.pdf`, mimeType: "application/pdf", size: 10, sha256: "x", uploadedById: mario.id },
  });
  const announcement = await db.announcement.create({ data: { title: "Comunicazione di prova", bodyHtml: "<p>Ciao</p>", audience: "ALL", status: "SENT", sentAt: new Date(), createdById: anna.id } });
  await db.announcementRecipient.create({ data: { announcementId: announcement.id, userId: mario.id, delivery: "IMMEDIATE", readAt: new Date() } });
  await db.announcementRecipient.create({ data: { announcementId: announcement.id, userId: lucia.id, delivery: "IMMEDIATE" } });

  const project = await createProjectFixture();
  const rendicontazione = project.rendicontazioni[0]!;
  await db.rendicontazioneVersion.create({
    data: { rendicontazioneId: rendicontazione.id, number: 1, snapshot: JSON.stringify({ narrative: `<p>Redatta da ${MARIO.name}</p>` }), submittedById: mario.id, submittedByName: MARIO.name },
  });

  return { comune, caritas, croce, anna, bruno, mario, lucia, meeting, future, verbale, decision, group, token, annaSession };
}

/** Every text column of every table holding `needle` (case ignored), as "Table.column". */
async function columnsContaining(needle: string) {
  const found: string[] = [];
  const literal = `'%${needle.replace(/'/g, "''")}%'`;
  if (isPostgresUrl(process.env.DATABASE_URL ?? "")) {
    const columns = await db.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
      "SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')",
    );
    for (const { table_name, column_name } of columns) {
      const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM "${table_name}" WHERE "${column_name}" ILIKE ${literal}`);
      if (Number(row?.n ?? 0) > 0) found.push(`${table_name}.${column_name}`);
    }
  } else {
    const tables = await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    for (const { name } of tables) {
      const columns = await db.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info("${name}")`);
      for (const column of columns.filter((c) => c.type === "" || /TEXT|CHAR/i.test(c.type))) {
        const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM "${name}" WHERE "${column.name}" LIKE ${literal}`);
        if (Number(row?.n ?? 0) > 0) found.push(`${name}.${column.name}`);
      }
    }
  }
  return found;
}

const at = (value: unknown, path: string) => path.split(".").reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), value);

describe("personal data: the export", () => {
  it("holds the person's data across the models, and nothing of another person", async () => {
    const { mario, meeting, decision, group, token } = await scene();
    const data = await exportPersonalData(mario.id);
    for (const [model, coverage] of Object.entries(MODEL_COVERAGE)) {
      if (coverage.exportKey) expect(at(data, coverage.exportKey), `${model} → ${coverage.exportKey}`).toBeDefined();
    }
    expect(data.account).toMatchObject({ name: MARIO.name, email: MARIO.email, role: "REFERENT", organisation: "Caritas di Prova", active: true });
    expect(data.delegations.delegateFor).toEqual(["Caritas di Prova"]);
    expect(data.sessions).toHaveLength(1);
    expect(data.passwordResets).toHaveLength(1);
    expect(data.signInAttempts).toEqual([expect.objectContaining({ action: "SIGNIN" })]);
    expect(data.invitations.received.map((i) => i.status).sort()).toEqual(["ACCETTATO", "APERTO"]);
    expect(data.groups).toEqual({ memberships: [expect.objectContaining({ groupId: group.id })], facilitated: [{ groupId: group.id, group: group.name }] });
    expect(data.meetingInvitations.map((i) => [i.meeting.id, i.present])).toContainEqual([meeting.id, true]);
    expect(data.meetingInvitations).toHaveLength(2);
    expect(data.verbaleComments).toEqual([expect.objectContaining({ text: "Come ha detto [altra persona], l'emporio apre il sabato." })]);
    expect(data.decisions.assigned.map((d) => d.id)).toEqual([decision.id]);
    expect(data.decisionUpdates).toEqual([expect.objectContaining({ note: "Calendario in bozza." })]);
    expect(data.rendicontazioni.versionsSubmitted).toHaveLength(1);
    expect(data.announcements.received).toEqual([expect.objectContaining({ title: "Comunicazione di prova", delivery: "IMMEDIATE" })]);
    expect(data.notificationPreferences).toEqual([expect.objectContaining({ kind: "ANNOUNCEMENT", delivery: "DIGEST" })]);
    expect(data.digestItems).toHaveLength(1);
    expect(data.weeklyDigests).toHaveLength(1);
    expect(data.uploadedFiles).toEqual([expect.objectContaining({ name: `Relazione di ${MARIO.name}.pdf`, type: "application/pdf" })]);
    expect(data.auditEvents).toEqual([expect.objectContaining({ summary: "Contatto aggiunto: [altra persona]" })]);
    expect(data.mails.map((m) => m.subject).sort()).toEqual(["Benvenuto Mario Rossi", "Convocazione: Assemblea futura"]);

    const text = JSON.stringify(data);
    for (const other of [LUCIA.name, LUCIA.email, "Anna Conti", "anna.conti@example.org", "192.0.2.7"]) expect(text).not.toContain(other);
    // Never a secret: no token hash, no password hash.
    expect(text).not.toContain(hashToken(token));
    expect(text).not.toContain(hashToken("reset-di-mario"));
    expect(text).not.toContain(mario.passwordHash!);
  });

  it("is a dated JSON file for the signed-in person only; without sign-in it sends to the sign-in page", async () => {
    const { mario, caritas } = await scene();
    const anonymous = await outcome(() => exportFileLoader(routeArgs(new Request("http://localhost:3000/profilo/dati-personali.json"), null)));
    expect(anonymous.status).toBe(302);
    expect(anonymous.response?.headers.get("Location")).toBe("/accedi?redirectTo=%2Fprofilo%2Fdati-personali.json");

    const file = await outcome(() => exportFileLoader(routeArgs(new Request("http://localhost:3000/profilo/dati-personali.json"), asSession(mario, caritas.name))));
    expect(file.status).toBe(200);
    expect(file.response?.headers.get("Content-Type")).toContain("application/json");
    expect(file.response?.headers.get("Content-Disposition")).toMatch(/^attachment; filename="dati-personali-tavolo-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = JSON.parse((await file.response!.text()) as string) as { account: { email: string } };
    expect(body.account.email).toBe(MARIO.email);
  });
});

describe("personal data: removing a person", () => {
  it("leaves no trace of the name or address anywhere, and keeps the verbale, attendance and decisions readable", async () => {
    const s = await scene();
    const label = "ex referente di Caritas di Prova";
    const presentBefore = await db.invitee.count({ where: { meetingId: s.meeting.id, present: true } });
    expect(await columnsContaining(MARIO.name)).not.toEqual([]);

    const page = await outcome(() => removeLoader(routeArgs(new Request(`http://localhost:3000/utenti/${s.mario.id}/rimuovi`), s.annaSession, { id: s.mario.id })));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ anonymisedName: label, problem: null, counts: { comments: 1, pastMeetings: 1, futureMeetings: 1, groups: 1, delegations: 1, pendingMails: 1 } });

    const wrongName = await outcome(() => removeAction(routeArgs(postForm(`/utenti/${s.mario.id}/rimuovi`, { confirmName: "Mario Verdi" }), s.annaSession, { id: s.mario.id })));
    expect(wrongName.status).toBe(400);
    expect(wrongName.data).toMatchObject({ errors: { fieldErrors: { confirmName: expect.stringContaining("non corrisponde") } } });
    expect((await db.user.findUniqueOrThrow({ where: { id: s.mario.id } })).erasedAt).toBeNull();

    const removed = await outcome(() => removeAction(routeArgs(postForm(`/utenti/${s.mario.id}/rimuovi`, { confirmName: " mario  rossi " }), s.annaSession, { id: s.mario.id })));
    expect(removed.status).toBe(302);
    expect(removed.response?.headers.get("Location")).toBe(`/utenti?rimosso=${encodeURIComponent(label)}`);

    // Nowhere in the database, in any table or column.
    expect(await columnsContaining(MARIO.name)).toEqual([]);
    expect(await columnsContaining(MARIO.email)).toEqual([]);
    expect(await columnsContaining("mario.rossi")).toEqual([]);

    const user = await db.user.findUniqueOrThrow({ where: { id: s.mario.id } });
    expect(user).toMatchObject({ name: label, email: `rimosso-${s.mario.id}@invalid`, passwordHash: null, active: false });
    expect(user.erasedAt).toBeInstanceOf(Date);

    // What only served him is gone; the shared record stays.
    expect(await db.session.count({ where: { userId: s.mario.id } })).toBe(0);
    expect(await db.passwordReset.count({ where: { userId: s.mario.id } })).toBe(0);
    expect(await db.notificationPreference.count({ where: { userId: s.mario.id } })).toBe(0);
    expect(await db.digestItem.count({ where: { userId: s.mario.id } })).toBe(0);
    expect(await db.weeklyDigest.count({ where: { userId: s.mario.id } })).toBe(0);
    expect(await db.workingGroupMember.findMany({ where: { groupId: s.group.id }, select: { userId: true } })).toEqual([{ userId: s.lucia.id }]);
    expect((await db.workingGroup.findUniqueOrThrow({ where: { id: s.group.id } })).facilitatorId).toBeNull();
    expect((await db.organisation.findUniqueOrThrow({ where: { id: s.caritas.id } })).delegateId).toBeNull();
    expect(await db.contact.count({ where: { organisationId: s.caritas.id } })).toBe(0);
    expect(await db.invitation.count({ where: { acceptedById: null, email: { contains: "rimosso" } } })).toBe(0);
    expect(await db.authAttempt.findMany({ select: { key: true } })).toEqual([{ key: "ip:192.0.2.7" }]);
    expect(await db.invitee.count({ where: { meetingId: s.future.id } })).toBe(0);
    expect(await db.outboxMail.findMany({ where: { to: user.email }, select: { status: true, subject: true, html: true } })).toEqual([
      { status: "SENT", subject: "(destinatario rimosso)", html: "" },
    ]);
    expect(await db.outboxMail.findFirstOrThrow({ where: { to: LUCIA.email } })).toMatchObject({ subject: `${label} ti ha scritto` });
    expect(await db.announcementRecipient.count({ where: { userId: s.mario.id } })).toBe(1);

    // The attendance and the quorum do not change; the verbale reads with the anonymised name.
    expect(await db.invitee.count({ where: { meetingId: s.meeting.id, present: true } })).toBe(presentBefore);
    const attendance = await attendanceSummary(s.meeting.id);
    expect(attendance.presentPeople).toEqual(expect.arrayContaining([{ name: label, organisation: "Caritas di Prova" }, { name: LUCIA.name, organisation: "Croce di Prova" }]));
    const verbale = await outcome(() => verbaleLoader(routeArgs(new Request(`http://localhost:3000/riunioni/${s.meeting.id}/verbale`), s.annaSession, { id: s.meeting.id })));
    expect(verbale.status).toBe(200);
    const shown = verbale.data as { comments: { authorName: string; text: string }[]; sections: { html: string }[]; verbale: { attendanceSummary: string } };
    expect(shown.comments.map((c) => [c.authorName, c.text])).toEqual([
      [label, `Come ha detto ${LUCIA.name}, l'emporio apre il sabato.`],
      [LUCIA.name, `Confermo quanto dice ${label}.`],
    ]);
    expect(shown.sections[0]?.html).toContain(`${label} (Caritas di Prova)`);
    expect(shown.verbale.attendanceSummary).toContain(`${label} (Caritas di Prova)`);
    expect((await db.agendaItem.findFirstOrThrow({ where: { meetingId: s.meeting.id } })).presenter).toBe(label);
    expect(await db.decision.findUniqueOrThrow({ where: { id: s.decision.id } })).toMatchObject({ text: `${label} prepara il calendario dell'emporio`, responsibleUserId: s.mario.id });
    expect(await db.decisionUpdate.findFirstOrThrow({ where: { decisionId: s.decision.id } })).toMatchObject({ authorName: label, note: "Calendario in bozza." });
    expect(await db.auditEvent.findFirstOrThrow({ where: { subjectType: "WORKING_GROUP" } })).toMatchObject({ summary: `Aggiunta al gruppo: ${label} (Caritas di Prova)` });

    // He can never come back.
    await expect(authenticate({ email: MARIO.email, password: TEST_PASSWORD, ip: "192.0.2.1" })).rejects.toMatchObject({ status: 401 });
    await expect(authenticate({ email: user.email, password: TEST_PASSWORD, ip: "192.0.2.1" })).rejects.toMatchObject({ status: 401 });
    expect((await validateSessionToken(s.token)).user).toBeNull();
    await expect(setUserActive({ userId: s.mario.id, active: true, by: s.anna })).rejects.toMatchObject({ status: 409 });

    const event = await db.auditEvent.findFirstOrThrow({ where: { subjectType: "USER", subjectId: s.mario.id } });
    expect(event).toMatchObject({ summary: "Persona rimossa e dati anonimizzati", actorId: s.anna.id, actorName: "Anna Conti" });
  });

  it("is refused for oneself, the last active coordinator, a person already removed, and anyone but a coordinator", async () => {
    const s = await scene();
    const annaOnHerself = await outcome(() => removeAction(routeArgs(postForm(`/utenti/${s.anna.id}/rimuovi`, { confirmName: "Anna Conti" }), s.annaSession, { id: s.anna.id })));
    expect(annaOnHerself.status).toBe(409);
    expect(annaOnHerself.data).toMatchObject({ errors: { formError: expect.stringContaining("Non puoi rimuovere te stesso") } });

    const referent = await outcome(() =>
      removeAction(routeArgs(postForm(`/utenti/${s.lucia.id}/rimuovi`, { confirmName: LUCIA.name }), asSession(s.mario, s.caritas.name), { id: s.lucia.id })),
    );
    expect(referent.status).toBe(403);
    const referentPage = await outcome(() => removeLoader(routeArgs(new Request(`http://localhost:3000/utenti/${s.lucia.id}/rimuovi`), asSession(s.mario, s.caritas.name), { id: s.lucia.id })));
    expect(referentPage.status).toBe(403);

    // Bruno is the only active coordinator once the others' accounts are closed: nobody may remove him.
    const others = { role: "COORDINATOR", id: { not: s.bruno.id } };
    await db.user.updateMany({ where: others, data: { active: false } });
    await expect(erasePerson(s.bruno.id, { id: s.anna.id, name: s.anna.name })).rejects.toMatchObject({ status: 409, message: expect.stringContaining("ultimo coordinatore") });
    expect((await db.user.findUniqueOrThrow({ where: { id: s.bruno.id } })).erasedAt).toBeNull();
    await db.user.updateMany({ where: others, data: { active: true } });

    await erasePerson(s.lucia.id, { id: s.anna.id, name: s.anna.name });
    const again = await outcome(() => removeAction(routeArgs(postForm(`/utenti/${s.lucia.id}/rimuovi`, { confirmName: "ex componente di Croce di Prova" }), s.annaSession, { id: s.lucia.id })));
    expect(again.status).toBe(409);
    expect(again.data).toMatchObject({ errors: { formError: expect.stringContaining("già stata rimossa") } });
    const againPage = await outcome(() => removeLoader(routeArgs(new Request(`http://localhost:3000/utenti/${s.lucia.id}/rimuovi`), s.annaSession, { id: s.lucia.id })));
    expect(againPage.data).toMatchObject({ problem: expect.stringContaining("già stata rimossa") });
    expect(await db.auditEvent.count({ where: { subjectType: "USER", subjectId: s.lucia.id } })).toBe(1);

    const missing = await outcome(() => removeLoader(routeArgs(new Request("http://localhost:3000/utenti/nessuno/rimuovi"), s.annaSession, { id: "nessuno" })));
    expect(missing.status).toBe(404);
  });
});

describe("personal data: the information notice", () => {
  it("is public: the built-in text names the coordinating body, then the coordinators' text; the table always follows", async () => {
    const { anna, comune, caritas, mario } = await scene();
    const builtIn = await outcome(() => privacyLoader(routeArgs(new Request("http://localhost:3000/privacy"), null)));
    expect(builtIn.status).toBe(200);
    expect(builtIn.data).toMatchObject({ customHtml: "", controller: comune.name, canEdit: false });
    const categories = (builtIn.data as { categories: { category: string; retention: string }[] }).categories;
    expect(categories.find((c) => c.category === "Sessioni di accesso")?.retention).toContain("30 giorni");

    await updateTavoloSettings({ privacyNotice: "<p>Titolare: Comune di Prova, RPD rpd@comune.example.it</p>" }, { id: anna.id, name: anna.name });
    const custom = await outcome(() => privacyLoader(routeArgs(new Request("http://localhost:3000/privacy"), null)));
    expect(custom.data).toMatchObject({ customHtml: "<p>Titolare: Comune di Prova, RPD rpd@comune.example.it</p>", categories });
    const asReferent = await outcome(() => privacyLoader(routeArgs(new Request("http://localhost:3000/privacy"), asSession(mario, caritas.name))));
    expect(asReferent.data).toMatchObject({ canEdit: false });
  });

  it("is edited by coordinators only, sanitised, and a text too long is refused next to its field", async () => {
    const { anna, annaSession, caritas, mario } = await scene();
    const referent = asSession(mario, caritas.name);
    expect((await outcome(() => settingsLoader(routeArgs(new Request("http://localhost:3000/impostazioni/privacy"), referent)))).status).toBe(403);
    expect((await outcome(() => settingsAction(routeArgs(postForm("/impostazioni/privacy", { privacyNotice: "<p>x</p>" }), referent)))).status).toBe(403);
    expect((await outcome(() => settingsLoader(routeArgs(new Request("http://localhost:3000/impostazioni/privacy"), null)))).status).toBe(302);

    const tooLong = await outcome(() => settingsAction(routeArgs(postForm("/impostazioni/privacy", { privacyNotice: `<p>${"a".repeat(60_000)}</p>` }), annaSession)));
    expect(tooLong.status).toBe(400);
    expect(tooLong.data).toMatchObject({ errors: { fieldErrors: { privacyNotice: expect.stringContaining("troppo lungo") } } });
    expect((await db.tavoloSettings.findUnique({ where: { id: "tavolo" } }))?.privacyNotice ?? "").toBe("");

    const saved = await outcome(() =>
      settingsAction(routeArgs(postForm("/impostazioni/privacy", { privacyNotice: '<p onclick="x()">Informativa del Comune</p><script>alert(1)</script>' }), annaSession)),
    );
    expect(saved).toMatchObject({ status: 200, data: { saved: "custom" } });
    expect((await db.tavoloSettings.findUniqueOrThrow({ where: { id: "tavolo" } })).privacyNotice).toBe("<p>Informativa del Comune</p>");
    expect(await db.auditEvent.findFirst({ where: { subjectType: "SETTINGS" } })).toMatchObject({ actorId: anna.id });
  });
});
