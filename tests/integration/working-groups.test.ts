import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { RouterContextProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { sessionUserContext, type Role, type SessionUser } from "~/context";
import { db } from "~/db.server";
import { listHistory } from "~/domain/audit.server";
import { createObjective, deleteObjective, listObjectives, moveObjective } from "~/domain/objectives.server";
import { createGroup, type GroupFields, updateGroup } from "~/domain/working-groups.server";
import { env } from "~/env.server";
import * as documentRoute from "~/routes/group.document";
import * as groupRoute from "~/routes/group";
import * as editRoute from "~/routes/group.edit";
import * as objectivesRoute from "~/routes/objectives";
import { UserFacingError } from "~/utils/errors";
import { createOrganisation, createUser, sessionUser } from "../factories";

// --- Helpers ---------------------------------------------------------------------------------

type User = Awaited<ReturnType<typeof createUser>>;

async function asSession(user: User): Promise<SessionUser> {
  const organisation = await db.organisation.findUniqueOrThrow({ where: { id: user.organisationId } });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as Role,
    organisationId: user.organisationId,
    organisationName: organisation.name,
    sessionId: "test",
  };
}

/** What the session middleware would put in the context for this user. */
async function contextFor(user: User) {
  const context = new RouterContextProvider();
  context.set(sessionUserContext, await asSession(user));
  return context;
}

const BASE = "http://localhost:3000";

async function routeArgs(user: User, path: string, params: Record<string, string>, init?: RequestInit) {
  return { request: new Request(`${BASE}${path}`, init), params, context: await contextFor(user), unstable_pattern: path } as never;
}

/** A thrown Response (403, 404) or a returned value. */
async function outcome(work: Promise<unknown>) {
  try {
    return { value: await work };
  } catch (error) {
    if (error instanceof Response) return { status: error.status };
    if (error && typeof error === "object" && "init" in error) return { status: (error as { init: { status: number } }).init.status };
    throw error;
  }
}

/** The status and body of what an action returned with `data(…)`. */
function reply(value: unknown) {
  const result = value as { data?: { errors: { fieldErrors: Record<string, string>; formError?: string } }; init?: { status?: number } };
  return { status: result.init?.status ?? 200, errors: result.data?.errors };
}

function form(fields: Record<string, string | string[]>) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  return body;
}

/** A small PDF whose bytes no other upload shares, so the disk can be searched for it. */
function pdfBytes(marker: string, padTo = 0) {
  const text = `%PDF-1.4\n% ${marker} ${randomUUID()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  const bytes = Buffer.alloc(Math.max(padTo, text.length), 0x20);
  bytes.write(text);
  return bytes;
}

async function filesOnDisk(dir = resolve(env.UPLOAD_DIR)): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesOnDisk(join(dir, e.name)) : [join(dir, e.name)])));
  return nested.flat();
}

/** Whether any file under UPLOAD_DIR (tmp/ included) holds exactly these bytes. */
async function storedOnDisk(bytes: Buffer) {
  for (const path of await filesOnDisk()) {
    const content = await readFile(path).catch(() => null);
    if (content?.equals(bytes)) return true;
  }
  return false;
}

async function demoTavolo() {
  const comune = await createOrganisation({ name: "Comune di Prova", isCoordinator: true });
  const croceRossa = await createOrganisation({ name: "Croce Rossa di Prova" });
  const caritas = await createOrganisation({ name: "Caritas di Prova", status: "ADERENTE" });
  const former = await createOrganisation({ name: "Ex partner di Prova", status: "EX_PARTNER" });
  const coordinator = await createUser({ role: "COORDINATOR", name: "Giulia Ferrari", organisationId: comune.id });
  const anna = await createUser({ name: "Anna Bianchi", organisationId: croceRossa.id });
  const marco = await createUser({ role: "REFERENT", name: "Marco Colombo", organisationId: caritas.id });
  const outsider = await createUser({ name: "Paolo Esterno", organisationId: caritas.id });
  const formerPerson = await createUser({ name: "Luca Passato", organisationId: former.id });
  const objective = await createObjective({ code: "OS1", title: "Coesione sociale", description: "" }, sessionUser(coordinator));
  return { comune, croceRossa, caritas, coordinator, anna, marco, outsider, formerPerson, objective };
}

type Tavolo = Awaited<ReturnType<typeof demoTavolo>>;

const groupInput = (t: Tavolo, overrides: Partial<GroupFields> = {}): GroupFields => ({
  name: "Casa e abitare",
  thematicArea: "Casa e abitare",
  objectiveIds: [t.objective.id],
  facilitatorId: t.coordinator.id,
  referentOrganisationId: t.caritas.id,
  mandate: "Mappare l'offerta abitativa temporanea del territorio.",
  memberIds: [t.anna.id, t.marco.id],
  ...overrides,
});

// --- Strategic objectives --------------------------------------------------------------------

describe("strategic objectives", () => {
  it("are added at the end with a unique code, and every change is recorded", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const me = sessionUser(coordinator);
    await createObjective({ code: "OS1", title: "Coesione sociale", description: "" }, me);
    await createObjective({ code: "OS2", title: "Contrasto alle disuguaglianze", description: "" }, me);
    await expect(createObjective({ code: "OS2", title: "Doppione", description: "" }, me)).rejects.toMatchObject({ status: 409, field: "code" });
    expect((await listObjectives()).map((o) => [o.code, o.position])).toEqual([
      ["OS1", 1],
      ["OS2", 2],
    ]);

    // Through the page: the code is written in capitals, a duplicate gets a 409 next to its field.
    const added = await objectivesRoute.action(
      await routeArgs(coordinator, "/obiettivi", {}, { method: "POST", body: form({ intent: "add", code: "os3", title: "Lavoro", description: "" }) }),
    );
    expect(added).toEqual({ done: "Obiettivo aggiunto in fondo all'elenco." });
    const duplicate = reply(
      await objectivesRoute.action(
        await routeArgs(coordinator, "/obiettivi", {}, { method: "POST", body: form({ intent: "add", code: "OS3", title: "Altro", description: "" }) }),
      ),
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.errors?.fieldErrors.code).toBe("Esiste già un obiettivo con il codice OS3.");
    expect((await listObjectives()).map((o) => o.code)).toEqual(["OS1", "OS2", "OS3"]);
    const events = await db.auditEvent.findMany({ where: { subjectType: "OBJECTIVE" }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.summary)).toEqual([
      "Obiettivo aggiunto: OS1 «Coesione sociale»",
      "Obiettivo aggiunto: OS2 «Contrasto alle disuguaglianze»",
      "Obiettivo aggiunto: OS3 «Lavoro»",
    ]);
  });

  it("move up and down keeping positions 1…n, and refuse to move past either end", async () => {
    const me = sessionUser(await createUser({ role: "COORDINATOR" }));
    const [a, b, c] = [
      await createObjective({ code: "A", title: "Primo", description: "" }, me),
      await createObjective({ code: "B", title: "Secondo", description: "" }, me),
      await createObjective({ code: "C", title: "Terzo", description: "" }, me),
    ];
    await moveObjective(c!.id, "up", me);
    expect((await listObjectives()).map((o) => `${o.position}${o.code}`)).toEqual(["1A", "2C", "3B"]);
    await moveObjective(a!.id, "down", me);
    expect((await listObjectives()).map((o) => `${o.position}${o.code}`)).toEqual(["1C", "2A", "3B"]);
    await expect(moveObjective(c!.id, "up", me)).rejects.toMatchObject({ status: 409 });
    await expect(moveObjective(b!.id, "down", me)).rejects.toThrow("è già l'ultimo obiettivo");
    const history = await listHistory("OBJECTIVE", a!.id);
    expect(history[0]).toMatchObject({ summary: "Obiettivo A «Primo» spostato più in basso nell'elenco", changes: { Posizione: ["1", "2"] } });
  });

  it("are deleted only when no working group links to them, with a 409 that says which group", async () => {
    const t = await demoTavolo();
    const me = sessionUser(t.coordinator);
    const spare = await createObjective({ code: "OS2", title: "Da togliere", description: "" }, me);
    const last = await createObjective({ code: "OS3", title: "Ultimo", description: "" }, me);
    await createGroup(groupInput(t), me);

    const refused = reply(
      await objectivesRoute.action(await routeArgs(t.coordinator, "/obiettivi", {}, { method: "POST", body: form({ intent: "delete", objectiveId: t.objective.id }) })),
    );
    expect(refused.status).toBe(409);
    expect(refused.errors?.formError).toBe(
      "L'obiettivo OS1 «Coesione sociale» non si può eliminare: è collegato al gruppo di lavoro «Casa e abitare». Togli prima il collegamento dalla pagina di modifica del gruppo.",
    );
    await deleteObjective(spare.id, me);
    expect((await listObjectives()).map((o) => `${o.position}${o.code}`)).toEqual(["1OS1", "2OS3"]);
    expect(await db.strategicObjective.findUnique({ where: { id: last.id } })).toMatchObject({ position: 2 });
    expect((await listHistory("OBJECTIVE", spare.id))[0]?.summary).toBe("Obiettivo eliminato: OS2 «Da togliere»");
  });

  it("are changed only by coordinators", async () => {
    const member = await createUser();
    const attempt = await outcome(
      objectivesRoute.action(await routeArgs(member, "/obiettivi", {}, { method: "POST", body: form({ intent: "add", code: "X", title: "X" }) })),
    );
    expect(attempt.status).toBe(403);
    expect(await db.strategicObjective.count()).toBe(0);
  });
});

// --- Working groups --------------------------------------------------------------------------

describe("working groups", () => {
  it("are created with their objectives and members, each addition in the history", async () => {
    const t = await demoTavolo();
    const group = await createGroup(groupInput(t), sessionUser(t.coordinator));
    const stored = await db.workingGroup.findUniqueOrThrow({ where: { id: group.id }, include: { objectives: true, members: true } });
    expect(stored).toMatchObject({ status: "ACTIVE", facilitatorId: t.coordinator.id, referentOrganisationId: t.caritas.id });
    expect(stored.objectives.map((o) => o.objectiveId)).toEqual([t.objective.id]);
    expect(stored.members.map((m) => m.userId).sort()).toEqual([t.anna.id, t.marco.id].sort());
    const history = await listHistory("WORKING_GROUP", group.id);
    expect(history.map((e) => e.summary).sort()).toEqual(
      ["Gruppo creato: Casa e abitare", "Aggiunta al gruppo: Anna Bianchi (Croce Rossa di Prova)", "Aggiunta al gruppo: Marco Colombo (Caritas di Prova)"].sort(),
    );
    expect(history.every((e) => e.actorName === "Giulia Ferrari")).toBe(true);
  });

  it("refuse a duplicate name, a facilitator who is not a coordinator and people of a former partner, writing nothing", async () => {
    const t = await demoTavolo();
    const me = sessionUser(t.coordinator);
    await createGroup(groupInput(t), me);
    const before = await db.auditEvent.count();
    await expect(createGroup(groupInput(t), me)).rejects.toMatchObject({ status: 409, field: "name" });
    await expect(createGroup(groupInput(t, { name: "Altro", facilitatorId: t.anna.id }), me)).rejects.toMatchObject({ field: "facilitatorId" });
    await expect(createGroup(groupInput(t, { name: "Altro", memberIds: [t.formerPerson.id] }), me)).rejects.toMatchObject({ field: "memberIds" });
    expect(await db.workingGroup.count()).toBe(1);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("show a non-member only the public part of the page: no people, documents or activity in the loader data", async () => {
    const t = await demoTavolo();
    const group = await createGroup(groupInput(t), sessionUser(t.coordinator));
    const document = await uploadAs(t.anna, group.id, "Mappa degli alloggi", pdfBytes("mappa"), "mappa.pdf");
    expect(document.status).toBe(200);

    const seen = await groupRoute.loader(await routeArgs(t.outsider, `/gruppi/${group.id}`, { id: group.id }));
    expect(seen.access).toBe("public");
    expect(seen.group).toEqual({
      id: group.id,
      name: "Casa e abitare",
      thematicArea: "Casa e abitare",
      mandate: "Mappare l'offerta abitativa temporanea del territorio.",
      closed: false,
      statusLabel: "Attivo",
      memberOrganisations: [
        { id: t.caritas.id, name: "Caritas di Prova" },
        { id: t.croceRossa.id, name: "Croce Rossa di Prova" },
      ],
    });
    const json = JSON.stringify(seen);
    for (const secret of ["Anna Bianchi", "Marco Colombo", "Giulia Ferrari", "Mappa degli alloggi", "mappa.pdf", "Aggiunta al gruppo", "@example.org"]) {
      expect(json).not.toContain(secret);
    }

    const member = await groupRoute.loader(await routeArgs(t.anna, `/gruppi/${group.id}`, { id: group.id }));
    if (member.access !== "members") throw new Error("a member should see the whole page");
    expect(member.group.members.map((m) => m.name)).toEqual(["Marco Colombo", "Anna Bianchi"]);
    // Members do not see each other's e-mail addresses; coordinators do.
    expect(member.group.members.every((m) => m.email === null)).toBe(true);
    expect(member.group.documents).toMatchObject([{ title: "Mappa degli alloggi", fileName: "mappa.pdf", uploadedBy: "Anna Bianchi" }]);
    expect(member.group.history.map((e) => e.summary)).toContain("Documento caricato: Mappa degli alloggi (mappa.pdf)");
    expect(member.canManage).toBe(false);

    const coordinator = await groupRoute.loader(await routeArgs(t.coordinator, `/gruppi/${group.id}`, { id: group.id }));
    if (coordinator.access !== "members") throw new Error("a coordinator should see the whole page");
    expect(coordinator.group.members.find((m) => m.name === "Anna Bianchi")?.email).toBe(t.anna.email);
  });

  it("show members only the convened meetings of the group; coordinators see drafts too", async () => {
    const t = await demoTavolo();
    const group = await createGroup(groupInput(t), sessionUser(t.coordinator));
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
    for (const [title, status] of [["Riunione convocata", "CONVOKED"], ["Riunione in preparazione", "DRAFT"]] as const) {
      await db.meeting.create({ data: { title, status, kind: "OPERATIVE", startsAt, endsAt, location: "Sala", workingGroupId: group.id } });
    }

    const member = await groupRoute.loader(await routeArgs(t.anna, `/gruppi/${group.id}`, { id: group.id }));
    if (member.access !== "members") throw new Error("a member should see the whole page");
    expect(member.group.upcomingMeetings.map((m) => m.title)).toEqual(["Riunione convocata"]);
    const coordinator = await groupRoute.loader(await routeArgs(t.coordinator, `/gruppi/${group.id}`, { id: group.id }));
    if (coordinator.access !== "members") throw new Error("a coordinator should see the whole page");
    expect(coordinator.group.upcomingMeetings.map((m) => m.title).sort()).toEqual(["Riunione convocata", "Riunione in preparazione"]);
  });

  it("answer 404 for a group that does not exist", async () => {
    const t = await demoTavolo();
    expect((await outcome(groupRoute.loader(await routeArgs(t.anna, "/gruppi/nessuno", { id: "nessuno" })))).status).toBe(404);
  });

  it("keep documents for members and coordinators: a non-member gets 403 uploading or downloading", async () => {
    const t = await demoTavolo();
    const group = await createGroup(groupInput(t), sessionUser(t.coordinator));
    const other = await createGroup(groupInput(t, { name: "Lavoro", memberIds: [t.outsider.id] }), sessionUser(t.coordinator));

    const bytes = pdfBytes("esterno");
    const refused = await outcome(uploadAs(t.outsider, group.id, "Non mio", bytes, "nonmio.pdf"));
    expect(refused.status).toBe(403);
    expect(await storedOnDisk(bytes)).toBe(false);

    const content = pdfBytes("verbale");
    expect((await uploadAs(t.marco, group.id, "Verbale di lavoro", content, "Verbale città.pdf")).status).toBe(200);
    const document = await db.archiveDocument.findFirstOrThrow({ where: { workingGroupId: group.id } });
    const download = async (user: User, groupId: string, query = "") =>
      outcome(documentRoute.loader(await routeArgs(user, `/gruppi/${groupId}/documenti/${document.id}${query}`, { id: groupId, documentId: document.id })));

    expect((await download(t.outsider, group.id)).status).toBe(403);
    // The document exists, but not in that group.
    expect((await download(t.outsider, other.id)).status).toBe(404);

    const saved = (await download(t.anna, group.id)).value as Response;
    expect(saved.status).toBe(200);
    expect(saved.headers.get("Content-Disposition")).toBe(`attachment; filename="Verbale citt_.pdf"; filename*=UTF-8''Verbale%20citt%C3%A0.pdf`);
    expect(Buffer.from(await saved.arrayBuffer()).equals(content)).toBe(true);
    const preview = (await download(t.coordinator, group.id, "?anteprima")).value as Response;
    expect(preview.headers.get("Content-Disposition")).toMatch(/^inline;/);
    expect(preview.headers.get("Content-Type")).toBe("application/pdf");
    await preview.body?.cancel();
  });

  it("refuse a file of the wrong type with 415 and one over the limit with 413, keeping nothing", async () => {
    const t = await demoTavolo();
    const group = await createGroup(groupInput(t), sessionUser(t.coordinator));

    const executable = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("PE\0\0"), Buffer.from(randomUUID()), Buffer.alloc(200, 7)]);
    executable.writeUInt32LE(64, 0x3c);
    const exe = await uploadAs(t.anna, group.id, "Programma", executable, "programma.pdf");
    expect(exe.status).toBe(415);
    expect(exe.errors?.fieldErrors.file).toContain("non è di un tipo ammesso");

    const plainText = Buffer.from(`Solo testo, non un PDF ${randomUUID()}`);
    const text = await uploadAs(t.anna, group.id, "Appunti", plainText, "appunti.pdf");
    expect(text.status).toBe(415);

    const large = pdfBytes("grande", 2 * 1024 * 1024 + 10);
    const tooLarge = await uploadAs(t.anna, group.id, "Troppo grande", large, "grande.pdf");
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.errors?.formError).toBe("Il file è troppo grande: il limite è 2 MB. Nessun dato è stato salvato.");

    expect(await db.archiveDocument.count()).toBe(0);
    expect(await db.storedFile.count()).toBe(0);
    for (const bytes of [executable, plainText, large]) expect(await storedOnDisk(bytes)).toBe(false);
    expect((await listHistory("WORKING_GROUP", group.id)).some((e) => e.summary.startsWith("Documento"))).toBe(false);
  });

  it("let only coordinators remove a document, which goes from the disk too", async () => {
    const t = await demoTavolo();
    const group = await createGroup(groupInput(t), sessionUser(t.coordinator));
    const bytes = pdfBytes("da rimuovere");
    await uploadAs(t.anna, group.id, "Bozza", bytes, "bozza.pdf");
    const document = await db.archiveDocument.findFirstOrThrow();
    const remove = async (user: User) =>
      outcome(
        groupRoute.action(
          await routeArgs(user, `/gruppi/${group.id}`, { id: group.id }, { method: "POST", body: new URLSearchParams({ intent: "remove", documentId: document.id }) }),
        ),
      );
    expect((await remove(t.anna)).status).toBe(403);
    expect(await storedOnDisk(bytes)).toBe(true);
    expect((await remove(t.coordinator)).value).toEqual({ done: "Documento rimosso." });
    expect(await db.storedFile.count()).toBe(0);
    expect(await storedOnDisk(bytes)).toBe(false);
    expect((await listHistory("WORKING_GROUP", group.id))[0]).toMatchObject({ summary: "Documento rimosso: Bozza (bozza.pdf)", actorName: "Giulia Ferrari" });
  });

  it("close only with a closing date and an outcome, and reopen", async () => {
    const t = await demoTavolo();
    const group = await createGroup(groupInput(t), sessionUser(t.coordinator));
    const post = async (fields: Record<string, string>) =>
      editRoute.action(await routeArgs(t.coordinator, `/gruppi/${group.id}/modifica`, { id: group.id }, { method: "POST", body: form(fields) }));

    const missing = reply(await post({ intent: "close", closedOn: "", outcome: "" }));
    expect(missing.status).toBe(400);
    expect(missing.errors?.fieldErrors).toEqual({
      closedOn: "Indica la data di chiusura del gruppo.",
      outcome: "Descrivi l'esito del gruppo: che cosa ha prodotto o perché si chiude.",
    });
    expect(reply(await post({ intent: "close", closedOn: "2026-02-10", outcome: "" })).errors?.fieldErrors).toEqual({
      outcome: "Descrivi l'esito del gruppo: che cosa ha prodotto o perché si chiude.",
    });
    expect(reply(await post({ intent: "close", closedOn: "2999-01-01", outcome: "Fatto" })).errors?.fieldErrors).toEqual({
      closedOn: "La data di chiusura non può essere nel futuro.",
    });
    expect(await db.workingGroup.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({ status: "ACTIVE", closedOn: null });

    const closed = (await post({ intent: "close", closedOn: "2026-02-10", outcome: "Mappa consegnata al Comune." })) as Response;
    expect(closed.headers.get("Location")).toBe(`/gruppi/${group.id}?chiuso`);
    expect(await db.workingGroup.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({
      status: "CLOSED",
      closedOn: new Date("2026-02-10T00:00:00.000Z"),
      outcome: "Mappa consegnata al Comune.",
    });
    expect(reply(await post({ intent: "close", closedOn: "2026-02-11", outcome: "Di nuovo" })).status).toBe(409);

    await post({ intent: "reopen" });
    expect(await db.workingGroup.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({ status: "ACTIVE", closedOn: null, outcome: "" });
    const history = await listHistory("WORKING_GROUP", group.id);
    expect(history.slice(0, 2).map((e) => e.summary)).toEqual(["Gruppo riaperto", "Gruppo chiuso il 10 febbraio 2026"]);
  });

  it("list in the activity log what changed and who changed it", async () => {
    const t = await demoTavolo();
    const group = await createGroup(groupInput(t), sessionUser(t.coordinator));
    const second = await createUser({ role: "COORDINATOR", name: "Sara Conti", organisationId: t.comune.id });
    await updateGroup(
      group.id,
      groupInput(t, { name: "Casa e abitare temporaneo", facilitatorId: second.id, objectiveIds: [], memberIds: [t.anna.id, t.outsider.id] }),
      sessionUser(second),
    );
    const page = await groupRoute.loader(await routeArgs(t.anna, `/gruppi/${group.id}`, { id: group.id }));
    if (page.access !== "members") throw new Error("a member should see the whole page");
    expect(page.group.history.slice(0, 3).map((e) => [e.summary, e.actorName])).toEqual(
      expect.arrayContaining([
        ["Dati del gruppo modificati", "Sara Conti"],
        ["Aggiunta al gruppo: Paolo Esterno (Caritas di Prova)", "Sara Conti"],
        ["Uscita dal gruppo: Marco Colombo (Caritas di Prova)", "Sara Conti"],
      ]),
    );
    const edit = page.group.history.find((e) => e.summary === "Dati del gruppo modificati");
    expect(edit?.changes).toEqual([
      ["Nome", ["Casa e abitare", "Casa e abitare temporaneo"]],
      ["Facilitatore", ["Giulia Ferrari", "Sara Conti"]],
      ["Obiettivi", ["OS1", ""]],
    ]);
    expect(page.group.history.at(-1)?.actorName).toBe("Giulia Ferrari");
    // A refused edit changes nothing and records nothing.
    const count = await db.auditEvent.count();
    await expect(updateGroup(group.id, groupInput(t, { memberIds: [t.formerPerson.id] }), sessionUser(second))).rejects.toBeInstanceOf(UserFacingError);
    expect(await db.auditEvent.count()).toBe(count);
  });
});

async function uploadAs(user: User, groupId: string, title: string, bytes: Buffer, fileName: string) {
  const body = new FormData();
  body.append("title", title);
  body.append("category", "ALTRO");
  body.append("file", new File([new Uint8Array(bytes)], fileName, { type: "application/pdf" }));
  const result = await groupRoute.action(await routeArgs(user, `/gruppi/${groupId}`, { id: groupId }, { method: "POST", body }));
  return reply(result);
}
