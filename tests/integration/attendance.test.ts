import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { absenceReport, attendanceSummary } from "~/domain/attendance.server";
import { action as attendanceAction, loader as attendanceLoader } from "~/routes/meeting.attendance";
import { loader as sheetLoader } from "~/routes/meeting.attendance-sheet";
import { loader as absencesLoader } from "~/routes/meetings.absences";
import { createOrganisation, createUser } from "../factories";
import { pdfText } from "../support/files";
import { routeArgs } from "../support/routes";

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

async function signedIn(role: Role): Promise<SessionUser> {
  const user = await createUser({ role, name: `Persona ${role}` });
  return { id: user.id, email: user.email, name: user.name, role, organisationId: user.organisationId, organisationName: "Prova", sessionId: "s" };
}

async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, response: value, body: undefined as unknown };
  if (value instanceof Error) throw value;
  const result = value as { data?: { errors: { formError?: string; fieldErrors: Record<string, string> } }; init?: { status: number } };
  return result.init ? { status: result.init.status, body: result.data as unknown } : { status: 200, body: value };
}

/** An organisation with its membership history: its status on a meeting's day is what counts. */
async function organisation(name: string, status: "PARTNER" | "ADERENTE" = "PARTNER", since = "2020-01-01") {
  const created = await createOrganisation({ name, status });
  await db.membershipChange.create({ data: { organisationId: created.id, status, effectiveOn: new Date(`${since}T00:00:00.000Z`) } });
  return created;
}

/** An organisation with its delegate, standing substitute and another colleague. */
async function represented(name: string, status: "PARTNER" | "ADERENTE" = "PARTNER", since?: string) {
  const org = await organisation(name, status, since);
  const [delegate, substitute, colleague] = await Promise.all(
    ["delegata", "sostituto", "collega"].map((who) => createUser({ name: `${who} di ${name}`, role: "REFERENT", organisationId: org.id })),
  );
  await db.organisation.update({ where: { id: org.id }, data: { delegateId: delegate!.id, substituteId: substitute!.id } });
  return { org, delegate: delegate!, substitute: substitute!, colleague: colleague! };
}

async function meeting(overrides: Partial<{ startsAt: Date; status: string; kind: string; quorumRule: string; title: string }> = {}) {
  const startsAt = overrides.startsAt ?? new Date(Date.now() - 60 * 60 * 1000);
  return db.meeting.create({
    data: {
      title: overrides.title ?? "Assemblea del tavolo",
      kind: overrides.kind ?? "GOVERNANCE",
      status: overrides.status ?? "CONVOKED",
      quorumRule: overrides.quorumRule ?? "HALF_PLUS_ONE",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 60 * 60 * 1000),
      location: "Sala consiliare",
    },
  });
}

function invite(meetingId: string, user: { id: string; organisationId: string }, extra: { present?: boolean | null; substituteForId?: string } = {}) {
  return db.invitee.create({
    data: { meetingId, userId: user.id, organisationId: user.organisationId, rsvpTokenHash: randomBytes(32).toString("hex"), ...extra },
  });
}

const post = (meetingId: string, fields: Record<string, string | string[]>) => {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
  return new Request(`http://localhost:3000/riunioni/${meetingId}/presenze`, { method: "POST", body: form });
};
const get = (path: string) => new Request(`http://localhost:3000${path}`);

type AttendancePage = { quorum: { sentence: string; met: boolean }; closedReason: string | null; organisations: { name: string; present: boolean; people: { inviteeId: string; name: string; present: boolean }[] }[] };

async function attendancePage(meetingId: string, user: SessionUser) {
  return (await attendanceLoader(routeArgs(get(`/riunioni/${meetingId}/presenze`), user, { id: meetingId }))) as unknown as AttendancePage;
}

describe("attendance: who makes an organisation present", () => {
  it("counts the delegate, the standing substitute and the meeting's substitute, never another colleague", async () => {
    const caritas = await represented("Caritas diocesana");
    const acli = await represented("ACLI provinciali");
    const emporio = await represented("Emporio solidale");
    const banco = await represented("Banco alimentare");
    const aderente = await represented("Parrocchia San Rocco", "ADERENTE");
    const m = await meeting({ quorumRule: "HALF_PLUS_ONE" });

    await invite(m.id, caritas.delegate, { present: true });
    await invite(m.id, acli.delegate, { present: false });
    await invite(m.id, acli.colleague, { present: true });
    const emporioDelegate = await invite(m.id, emporio.delegate, { present: false });
    await invite(m.id, emporio.colleague, { present: true, substituteForId: emporioDelegate.id });
    await invite(m.id, banco.substitute, { present: true });
    await invite(m.id, aderente.delegate, { present: true });

    const summary = await attendanceSummary(m.id);
    expect(summary.presentOrganisations).toEqual(["Banco alimentare", "Caritas diocesana", "Emporio solidale", "Parrocchia San Rocco"]);
    expect(summary.absentPartnerOrganisations).toEqual(["ACLI provinciali"]);
    // Four partners: half plus one is 3, and the adhering parish does not count.
    expect(summary.quorum).toEqual({ rule: "HALF_PLUS_ONE", label: "metà più uno delle organizzazioni partner", required: 3, present: 3, met: true });
    expect(summary.presentPeople).toContainEqual({ name: "collega di ACLI provinciali", organisation: "ACLI provinciali" });
    expect(summary.presentPeople).toHaveLength(5);
    expect(summary.text).toContain("Presenti: ");
    expect(summary.text).toContain("Assenti (organizzazioni partner): ACLI provinciali.");
    expect(summary.text).toContain("Quorum: raggiunto (metà più uno delle organizzazioni partner: ne servono 3); organizzazioni partner presenti 3 su 4.");
  });

  it("reads partnership on the meeting's day: an organisation that became partner later does not count", async () => {
    const old = await represented("Caritas diocesana", "PARTNER", "2020-01-01");
    const late = await represented("Nuova cooperativa", "PARTNER", "2099-01-01");
    const m = await meeting({ quorumRule: "ONE_THIRD" });
    await invite(m.id, old.delegate, { present: false });
    await invite(m.id, late.delegate, { present: true });
    const summary = await attendanceSummary(m.id);
    expect(summary.quorum).toMatchObject({ required: 1, present: 0, met: false });
    expect(summary.absentPartnerOrganisations).toEqual(["Caritas diocesana"]);
  });
});

describe("attendance page", () => {
  it("updates the quorum after each toggle, saves the whole form without JavaScript and adds people who came uninvited", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const [a, b, c] = await Promise.all([represented("Associazione Alfa"), represented("Associazione Beta"), represented("Associazione Gamma")]);
    const m = await meeting({ quorumRule: "HALF_PLUS_ONE" });
    const invitees = await Promise.all([invite(m.id, a!.delegate), invite(m.id, b!.delegate), invite(m.id, c!.delegate), invite(m.id, c!.colleague)]);
    const [ia, ib, , ic2] = invitees;

    let page = await attendancePage(m.id, coordinator);
    expect(page.closedReason).toBeNull();
    expect(page.quorum.sentence).toBe("Quorum non raggiunto: 0 organizzazioni partner presenti su 3 (ne servono 2).");

    const toggle = async (inviteeId: string, present: boolean) =>
      outcome(() => attendanceAction(routeArgs(post(m.id, { intent: "toggle", inviteeId, present: String(present) }), coordinator, { id: m.id })));
    expect((await toggle(ia!.id, true)).status).toBe(200);
    page = await attendancePage(m.id, coordinator);
    expect(page.quorum.sentence).toBe("Quorum non raggiunto: 1 organizzazione partner presente su 3 (ne servono 2).");

    await toggle(ic2!.id, true);
    page = await attendancePage(m.id, coordinator);
    expect(page.quorum.met).toBe(false);
    expect(page.organisations.find((o) => o.name === "Associazione Gamma")?.present).toBe(false);

    await toggle(ib!.id, true);
    page = await attendancePage(m.id, coordinator);
    expect(page.quorum).toMatchObject({ met: true, sentence: "Quorum raggiunto: 2 organizzazioni partner presenti su 3 (ne servono 2)." });

    await toggle(ia!.id, false);
    expect((await attendancePage(m.id, coordinator)).quorum.met).toBe(false);

    // The form without JavaScript: ticked are present, the other listed ones absent.
    const saved = await outcome(() =>
      attendanceAction(routeArgs(post(m.id, { intent: "save", listed: invitees.map((i) => i.id), present: [ia!.id] }), coordinator, { id: m.id })),
    );
    expect(saved.body).toEqual({ done: "Presenze salvate." });
    const stored = await db.invitee.findMany({ where: { meetingId: m.id }, select: { id: true, present: true } });
    expect(Object.fromEntries(stored.map((i) => [i.id, i.present]))).toEqual({ [ia!.id]: true, [ib!.id]: false, [invitees[2]!.id]: false, [ic2!.id]: false });

    // Someone who came without an invitation joins as present for their own organisation.
    const walkIn = await createUser({ name: "Lucia Verdi", organisationId: c!.org.id });
    const added = await outcome(() => attendanceAction(routeArgs(post(m.id, { intent: "add", userId: walkIn.id }), coordinator, { id: m.id })));
    expect(added.body).toEqual({ done: "Lucia Verdi risulta ora tra i presenti." });
    expect(await db.invitee.findFirst({ where: { meetingId: m.id, userId: walkIn.id } })).toMatchObject({ present: true, organisationId: c!.org.id });
    const refused = await outcome(() => attendanceAction(routeArgs(post(m.id, { intent: "add", userId: "" }), coordinator, { id: m.id })));
    expect(refused.status).toBe(400);

    // A toggle for someone of another meeting changes nothing.
    const other = await meeting();
    const stranger = await invite(other.id, a!.colleague);
    expect((await toggle(stranger.id, true)).status).toBe(404);
    expect((await db.invitee.findUniqueOrThrow({ where: { id: stranger.id } })).present).toBeNull();
  });

  it("is closed for drafts, cancelled meetings and meetings on a later day", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const { delegate } = await represented("Associazione Alfa");
    for (const [m, reason] of [
      [await meeting({ startsAt: new Date(Date.now() + 3 * DAY_MS) }), /in programma per il/],
      [await meeting({ status: "DRAFT" }), /non è ancora stata convocata/],
      [await meeting({ status: "CANCELLED" }), /annullata/],
    ] as const) {
      const invitee = await invite(m.id, delegate);
      expect((await attendancePage(m.id, coordinator)).closedReason).toMatch(reason);
      const result = await outcome(() =>
        attendanceAction(routeArgs(post(m.id, { intent: "toggle", inviteeId: invitee.id, present: "true" }), coordinator, { id: m.id })),
      );
      expect(result.status).toBe(409);
      expect((await db.invitee.findUniqueOrThrow({ where: { id: invitee.id } })).present).toBeNull();
    }
  });

  it("is for coordinators only: referents and members get 403 everywhere", async () => {
    const m = await meeting();
    const { delegate } = await represented("Associazione Alfa");
    const invitee = await invite(m.id, delegate);
    for (const role of ["REFERENT", "MEMBER"] as const) {
      const user = await signedIn(role);
      const attempts = [
        () => attendanceLoader(routeArgs(get(`/riunioni/${m.id}/presenze`), user, { id: m.id })),
        () => attendanceAction(routeArgs(post(m.id, { intent: "toggle", inviteeId: invitee.id, present: "true" }), user, { id: m.id })),
        () => sheetLoader(routeArgs(get(`/riunioni/${m.id}/foglio-presenze.pdf`), user, { id: m.id })),
        () => absencesLoader(routeArgs(get("/riunioni/assenze"), user)),
      ];
      for (const attempt of attempts) expect((await outcome(attempt)).status).toBe(403);
    }
    expect((await db.invitee.findUniqueOrThrow({ where: { id: invitee.id } })).present).toBeNull();
  });
});

describe("attendance sheet PDF", () => {
  it("is a PDF with the meeting and every invitee, to sign", async () => {
    const coordinator = await signedIn("COORDINATOR");
    await organisation("Comune di Prova").then((org) => db.organisation.update({ where: { id: org.id }, data: { isCoordinator: true } }));
    const caritas = await represented("Caritas diocesana");
    const m = await meeting({ title: "Assemblea di primavera" });
    await invite(m.id, caritas.delegate);
    await invite(m.id, await createUser({ name: "Niccolò Àlberti", organisationId: caritas.org.id }));

    const result = await outcome(() => sheetLoader(routeArgs(get(`/riunioni/${m.id}/foglio-presenze.pdf`), coordinator, { id: m.id })));
    expect(result.status).toBe(200);
    const response = result.response!;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("Content-Disposition")).toMatch(/^inline; filename="Foglio presenze Assemblea di primavera \d{4}-\d{2}-\d{2}\.pdf"/);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    const text = pdfText(pdf);
    for (const expected of ["Comune di Prova", "Tavolo Povertà di Prova", "Foglio presenze", "Assemblea di primavera", "Caritas diocesana", "delegata di Caritas diocesana", "Niccolò Àlberti", "Firma", "Pagina 1 di 1"]) {
      expect(text).toContain(expected);
    }

    const download = await sheetLoader(routeArgs(get(`/riunioni/${m.id}/foglio-presenze.pdf?scarica`), coordinator, { id: m.id }));
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect((await outcome(() => sheetLoader(routeArgs(get("/riunioni/nessuna/foglio-presenze.pdf"), coordinator, { id: "nessuna" })))).status).toBe(404);
  });
});

describe("absences over the last twelve months", () => {
  it("counts the governance meetings with attendance taken, most absent first", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const alfa = await represented("Associazione Alfa");
    const beta = await represented("Associazione Beta");
    const gamma = await represented("Associazione Gamma");

    const held = async (startsAt: Date, present: { id: string; organisationId: string }[], absent: { id: string; organisationId: string }[], kind = "GOVERNANCE") => {
      const m = await meeting({ startsAt, kind });
      for (const user of present) await invite(m.id, user, { present: true });
      for (const user of absent) await invite(m.id, user, { present: false });
      return m;
    };
    await held(daysAgo(30), [alfa.delegate], [beta.delegate, gamma.delegate]);
    await held(daysAgo(90), [alfa.delegate, beta.substitute], [gamma.delegate]);
    // Excluded: older than twelve months, operative, or without attendance taken.
    await held(daysAgo(400), [gamma.delegate], [alfa.delegate, beta.delegate]);
    await held(daysAgo(10), [gamma.delegate], [alfa.delegate, beta.delegate], "OPERATIVE");
    const untaken = await meeting({ startsAt: daysAgo(5) });
    await invite(untaken.id, alfa.delegate);

    const report = await absenceReport();
    expect(report.meetingCount).toBe(2);
    // The coordinator's own organisation is a partner too, with no meeting recorded yet: it comes last.
    expect(report.rows.map((r) => [r.name, r.meetings, r.absences])).toEqual([
      ["Associazione Gamma", 2, 2],
      ["Associazione Beta", 2, 1],
      ["Associazione Alfa", 2, 0],
      [expect.stringMatching(/^Associazione di prova/), 0, 0],
    ]);
    expect(report.rows[0]?.lastPresence).toBeNull();

    const page = (await absencesLoader(routeArgs(get("/riunioni/assenze"), coordinator))) as unknown as { rows: { name: string; lastPresence: string | null }[] };
    expect(page.rows.map((r) => r.name).slice(0, 3)).toEqual(["Associazione Gamma", "Associazione Beta", "Associazione Alfa"]);
    expect(page.rows[2]?.lastPresence).toMatch(/^\d{1,2} \p{L}+ \d{4}$/u);
  });
});
