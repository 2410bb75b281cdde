import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { savePreferences } from "~/domain/notifications.server";
import { createGroup } from "~/domain/working-groups.server";
import { env } from "~/env.server";
import * as documentRoute from "~/routes/document";
import * as editRoute from "~/routes/document.edit";
import * as fileRoute from "~/routes/document.file";
import * as listRoute from "~/routes/documents";
import * as newRoute from "~/routes/documents.new";
import * as groupRoute from "~/routes/group";
import * as publicFileRoute from "~/routes/public.document.file";
import * as publicListRoute from "~/routes/public.documents";
import { createOrganisation, createUser, sessionUser } from "../factories";
import { minimalPdf, PNG_1X1 } from "../support/files";
import { routeArgs } from "../support/routes";

// The document archive: versions kept, visibility enforced in lists and on every document and
// file route, upload rules, the public page, and the DOCUMENT_ADDED notifications.

type User = Awaited<ReturnType<typeof createUser>>;
const BASE = "http://localhost:3000";

async function asSession(user: User): Promise<SessionUser> {
  const organisation = await db.organisation.findUniqueOrThrow({ where: { id: user.organisationId } });
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, organisationId: user.organisationId, organisationName: organisation.name, sessionId: "test" };
}

async function args(user: User | null, path: string, params: Record<string, string> = {}, init?: RequestInit) {
  return routeArgs(new Request(`${BASE}${path}`, init), user ? await asSession(user) : null, params);
}

/** A thrown Response (403, 404) or a returned value. */
async function outcome(work: Promise<unknown> | unknown) {
  try {
    return { status: 200, value: await work };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, value: error };
    if (error && typeof error === "object" && "init" in error) return { status: (error as { init: { status: number } }).init.status, value: error };
    throw error;
  }
}

/** The status and errors of what an action returned with `data(…)`. */
function reply(value: unknown) {
  const result = value as { data?: { errors: { fieldErrors: Record<string, string>; formError?: string } }; init?: { status?: number } };
  return { status: result.init?.status ?? 200, errors: result.data?.errors };
}

function multipart(fields: Record<string, string>, file?: { bytes: Uint8Array; name: string; type?: string }) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  if (file) body.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/pdf" }));
  return body;
}

async function filesOnDisk(dir = resolve(env.UPLOAD_DIR)): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesOnDisk(join(dir, e.name)) : [join(dir, e.name)])));
  return nested.flat();
}

async function storedOnDisk(bytes: Uint8Array) {
  for (const path of await filesOnDisk()) {
    const content = await readFile(path).catch(() => null);
    if (content?.equals(Buffer.from(bytes))) return true;
  }
  return false;
}

async function tavolo() {
  const comune = await createOrganisation({ name: "Comune di Prova", isCoordinator: true });
  const caritas = await createOrganisation({ name: "Caritas di Prova" });
  const croceRossa = await createOrganisation({ name: "Croce Rossa di Prova" });
  const coordinator = await createUser({ role: "COORDINATOR", name: "Giulia Ferrari", organisationId: comune.id });
  const otherCoordinator = await createUser({ role: "COORDINATOR", name: "Paola Neri", organisationId: comune.id });
  const referent = await createUser({ role: "REFERENT", name: "Marco Colombo", organisationId: caritas.id });
  const anna = await createUser({ name: "Anna Bianchi", organisationId: croceRossa.id });
  const outsider = await createUser({ name: "Paolo Esterno", organisationId: caritas.id });
  const inactive = await createUser({ name: "Luca Passato", organisationId: caritas.id, active: false });
  const me = sessionUser(coordinator);
  const group = await createGroup(
    { name: "Casa e abitare", thematicArea: "Casa", objectiveIds: [], facilitatorId: coordinator.id, referentOrganisationId: caritas.id, mandate: "Alloggi.", memberIds: [anna.id, referent.id] },
    me,
  );
  const otherGroup = await createGroup(
    { name: "Lavoro", thematicArea: "Lavoro", objectiveIds: [], facilitatorId: coordinator.id, referentOrganisationId: caritas.id, mandate: "Tirocini.", memberIds: [outsider.id] },
    me,
  );
  return { comune, caritas, coordinator, otherCoordinator, referent, anna, outsider, inactive, group, otherGroup };
}

const fields = (overrides: Record<string, string> = {}) => ({
  title: "Piano di zona 2025-2027",
  category: "PIANO",
  documentDate: "2025-03-14",
  description: "Il piano sociale di zona dell'ambito.",
  visibility: "TAVOLO",
  ...overrides,
});

/** Files a document through /documenti/nuovo; returns its id (or the refusal). */
async function fileDocument(user: User, overrides: Record<string, string> = {}, file = { bytes: minimalPdf(`doc ${randomUUID()}`), name: "Piano di zona.pdf" }) {
  const result = await outcome(newRoute.action(await args(user, "/documenti/nuovo", {}, { method: "POST", body: multipart(fields(overrides), file) })));
  if (result.value instanceof Response && result.value.status === 302) {
    const location = result.value.headers.get("Location") ?? "";
    return { id: /\/documenti\/([^?]+)/.exec(location)?.[1] ?? "", status: 302 };
  }
  return { id: "", status: reply(result.value).status, errors: reply(result.value).errors };
}

async function uploadVersion(user: User, id: string, note: string, file: { bytes: Uint8Array; name: string }) {
  return outcome(documentRoute.action(await args(user, `/documenti/${id}`, { id }, { method: "POST", body: multipart({ note }, file) })));
}

const page = async (user: User, id: string) => outcome(documentRoute.loader(await args(user, `/documenti/${id}`, { id })));

async function download(user: User | null, id: string, versionId: string, query = "") {
  return outcome(fileRoute.loader(await args(user, `/documenti/${id}/versioni/${versionId}${query}`, { id, versionId })));
}

async function listTitles(user: User, query = "") {
  const data = await listRoute.loader(await args(user, `/documenti${query}`));
  return data.documents.map((d) => d.title).sort();
}

describe("document archive", () => {
  it("keeps every version: v1 stays downloadable under its own name after v2, and v2 needs a note", async () => {
    const t = await tavolo();
    const v1 = minimalPdf(`prima versione ${randomUUID()}`);
    const created = await fileDocument(t.coordinator, {}, { bytes: v1, name: "Piano di zona città.pdf" });
    expect(created.status).toBe(302);

    const v2 = minimalPdf(`seconda versione ${randomUUID()}`);
    const noNote = await uploadVersion(t.coordinator, created.id, "", { bytes: v2, name: "Piano di zona v2.pdf" });
    expect(reply(noNote.value)).toMatchObject({ status: 400, errors: { fieldErrors: { note: "Scrivi cosa cambia in questa versione." } } });
    expect(await db.archiveDocumentVersion.count()).toBe(1);
    expect(await storedOnDisk(v2)).toBe(false);

    const added = await uploadVersion(t.coordinator, created.id, "Aggiornati i dati al 30 giugno", { bytes: v2, name: "Piano di zona v2.pdf" });
    expect(added.value).toEqual({ done: "Versione 2 caricata. Le versioni precedenti restano nell'elenco." });

    const shown = (await page(t.anna, created.id)).value as Awaited<ReturnType<typeof documentRoute.loader>>;
    expect(shown.versions.map((v) => [v.number, v.fileName, v.note, v.uploadedBy])).toEqual([
      [2, "Piano di zona v2.pdf", "Aggiornati i dati al 30 giugno", "Giulia Ferrari"],
      [1, "Piano di zona città.pdf", "", "Giulia Ferrari"],
    ]);
    expect(shown.current?.preview).toBe("pdf");
    expect(shown.canAddVersion).toBe(false);

    const first = shown.versions[1]!;
    const saved = (await download(t.anna, created.id, first.id)).value as Response;
    expect(saved.headers.get("Content-Disposition")).toBe(`attachment; filename="Piano di zona citt_.pdf"; filename*=UTF-8''Piano%20di%20zona%20citt%C3%A0.pdf`);
    expect(Buffer.from(await saved.arrayBuffer()).equals(Buffer.from(v1))).toBe(true);

    // The preview is inline, and only Tavolo's own pages may frame it.
    const preview = (await download(t.anna, created.id, shown.versions[0]!.id, "?anteprima")).value as Response;
    expect(preview.headers.get("Content-Disposition")).toMatch(/^inline;/);
    expect(preview.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'self'");
    // Chrome's PDF viewer does not start in a sandboxed document; a download stays sandboxed.
    expect(preview.headers.get("Content-Security-Policy")).not.toContain("sandbox");
    expect(saved.headers.get("Content-Security-Policy")).toContain("sandbox");
    await preview.body?.cancel();
    // A version of another document does not come through this one's address.
    const other = await fileDocument(t.coordinator, { title: "Altro" });
    expect((await download(t.anna, other.id, first.id)).status).toBe(404);

    const history = await db.auditEvent.findMany({ where: { subjectType: "DOCUMENT", subjectId: created.id }, orderBy: { at: "asc" } });
    expect(history.map((e) => e.summary)).toEqual([
      "Documento archiviato: Piano di zona 2025-2027 (Piano di zona città.pdf), visibilità «Tutto il tavolo»",
      "Versione 2 caricata: Piano di zona v2.pdf",
    ]);
  });

  it("refuses a missing title or category (400), a wrong type (415) and a file too large (413), keeping nothing", async () => {
    const t = await tavolo();
    const missing = await fileDocument(t.coordinator, { title: "", category: "" });
    expect(missing.status).toBe(400);
    expect(missing.errors?.fieldErrors).toMatchObject({ title: "Dai un titolo al documento.", category: "Scegli la categoria del documento." });

    const groupless = await fileDocument(t.coordinator, { visibility: "GROUP" });
    expect(groupless.status).toBe(400);
    expect(groupless.errors?.fieldErrors.workingGroupId).toContain("scegli il gruppo");

    const png = Buffer.concat([PNG_1X1, Buffer.from(randomUUID())]);
    const renamed = await fileDocument(t.coordinator, {}, { bytes: png, name: "delibera.pdf" });
    expect(renamed.status).toBe(415);
    // A picture is an allowed type, but not under a PDF's name: the archive hands it back by that name.
    expect(renamed.errors?.fieldErrors.file).toBe(
      "Il file «delibera.pdf» ha l'estensione .pdf ma contiene un'immagine PNG: carica il file giusto, oppure rinominalo con l'estensione .png.",
    );
    const text = Buffer.from(`solo testo ${randomUUID()}`);
    const plain = await fileDocument(t.coordinator, {}, { bytes: text, name: "note.pdf" });
    expect(plain.status).toBe(415);
    expect(plain.errors?.fieldErrors.file).toContain("non è di un tipo ammesso");

    const large = Buffer.alloc(2 * 1024 * 1024 + 10, 0x20);
    Buffer.from(minimalPdf("grande")).copy(large);
    const tooLarge = await fileDocument(t.coordinator, {}, { bytes: large, name: "grande.pdf" });
    expect(tooLarge.status).toBe(413);

    const document = await fileDocument(t.coordinator);
    const badVersion = await uploadVersion(t.coordinator, document.id, "Versione sbagliata", { bytes: png, name: "v2.pdf" });
    expect(reply(badVersion.value).status).toBe(415);

    expect(await db.archiveDocument.count()).toBe(1);
    expect(await db.archiveDocumentVersion.count()).toBe(1);
    expect(await db.storedFile.count()).toBe(1);
    for (const bytes of [png, text, large]) expect(await storedOnDisk(bytes)).toBe(false);
  });

  it("enforces visibility in the lists and on every page and file", async () => {
    const t = await tavolo();
    const tavoloDoc = await fileDocument(t.coordinator, { title: "Relazione annuale", category: "REPORT" });
    const groupDoc = await fileDocument(t.coordinator, { title: "Mappa degli alloggi", category: "ALTRO", visibility: "GROUP", workingGroupId: t.group.id });
    const secret = await fileDocument(t.coordinator, { title: "Bozza di delibera", category: "DELIBERA", visibility: "COORDINATORS" });
    const published = await fileDocument(t.coordinator, { title: "Protocollo d'Intesa", category: "ATTO_UFFICIALE", visibility: "PUBLIC" });

    expect(await listTitles(t.coordinator)).toEqual(["Bozza di delibera", "Mappa degli alloggi", "Protocollo d'Intesa", "Relazione annuale"]);
    expect(await listTitles(t.referent)).toEqual(["Mappa degli alloggi", "Protocollo d'Intesa", "Relazione annuale"]);
    expect(await listTitles(t.outsider)).toEqual(["Protocollo d'Intesa", "Relazione annuale"]);

    const versionOf = async (id: string) => (await db.archiveDocumentVersion.findFirstOrThrow({ where: { documentId: id } })).id;
    // A member of another group: 403 on the group's document, its file and its version upload.
    expect((await page(t.outsider, groupDoc.id)).status).toBe(403);
    expect((await download(t.outsider, groupDoc.id, await versionOf(groupDoc.id))).status).toBe(403);
    const refused = await uploadVersion(t.outsider, groupDoc.id, "Mia", { bytes: minimalPdf("estraneo"), name: "x.pdf" });
    expect(refused.status).toBe(403);
    // The group's members read it and add versions; COORDINATORS-only is closed to a referent.
    expect((await page(t.anna, groupDoc.id)).status).toBe(200);
    expect((await uploadVersion(t.anna, groupDoc.id, "Aggiunti due alloggi", { bytes: minimalPdf("anna"), name: "mappa.pdf" })).status).toBe(200);
    expect((await page(t.referent, secret.id)).status).toBe(403);
    expect((await download(t.referent, secret.id, await versionOf(secret.id))).status).toBe(403);
    expect((await page(t.referent, tavoloDoc.id)).status).toBe(200);
    expect((await page(t.referent, "nessuno")).status).toBe(404);
    // Only coordinators change a document's data.
    expect((await outcome(editRoute.loader(await args(t.referent, `/documenti/${groupDoc.id}/modifica`, { id: groupDoc.id })))).status).toBe(403);

    // The public page and file: no session, PUBLIC only; anything else is a 404 like a missing one.
    const publicList = await publicListRoute.loader();
    expect(publicList.documents.map((d) => d.title)).toEqual(["Protocollo d'Intesa"]);
    const publicFile = (await outcome(publicFileRoute.loader(await args(null, `/pubblico/documenti/${published.id}/file`, { id: published.id })))).value as Response;
    expect(publicFile.status).toBe(200);
    expect(publicFile.headers.get("Content-Disposition")).toMatch(/^attachment; filename="Piano di zona.pdf"/);
    await publicFile.body?.cancel();
    for (const id of [tavoloDoc.id, groupDoc.id, secret.id, "nessuno"]) {
      const hidden = await outcome(publicFileRoute.loader(await args(null, `/pubblico/documenti/${id}/file`, { id })));
      expect(hidden.status, id).toBe(404);
    }
    // A page of the archive without a session sends to sign-in.
    const anonymous = await outcome(documentRoute.loader(await args(null, `/documenti/${published.id}`, { id: published.id })));
    expect(anonymous.status).toBe(302);

    // Making a document public is a change of visibility, recorded with who made it.
    const edit = new URLSearchParams({ ...fields({ title: "Relazione annuale", category: "REPORT", visibility: "PUBLIC" }) });
    const saved = await outcome(editRoute.action(await args(t.coordinator, `/documenti/${tavoloDoc.id}/modifica`, { id: tavoloDoc.id }, { method: "POST", body: edit })));
    expect((saved.value as Response).status).toBe(302);
    const event = await db.auditEvent.findFirstOrThrow({ where: { subjectType: "DOCUMENT", subjectId: tavoloDoc.id }, orderBy: { at: "desc" } });
    expect(event).toMatchObject({ summary: "Visibilità cambiata: da «Tutto il tavolo» a «Pubblico (pagine di trasparenza)»", actorName: "Giulia Ferrari" });
    expect((await publicListRoute.loader()).documents.map((d) => d.title).sort()).toEqual(["Protocollo d'Intesa", "Relazione annuale"]);
  });

  it("filters the list by category, year, group, project, visibility and text", async () => {
    const t = await tavolo();
    await fileDocument(t.coordinator, { title: "Delibera di Giunta n. 45", category: "DELIBERA", documentDate: "2024-05-02", description: "Approvazione del protocollo" });
    await fileDocument(t.coordinator, { title: "Report primo semestre", category: "REPORT", documentDate: "2025-07-10" });
    await fileDocument(t.coordinator, { title: "Presentazione alloggi", category: "PRESENTAZIONE", visibility: "GROUP", workingGroupId: t.group.id });
    await fileDocument(t.coordinator, { title: "Nota riservata", category: "ALTRO", visibility: "COORDINATORS" });

    expect(await listTitles(t.coordinator, "?categoria=DELIBERA")).toEqual(["Delibera di Giunta n. 45"]);
    expect(await listTitles(t.coordinator, "?anno=2024")).toEqual(["Delibera di Giunta n. 45"]);
    expect(await listTitles(t.coordinator, "?q=PROTOCOLLO")).toEqual(["Delibera di Giunta n. 45"]);
    expect(await listTitles(t.coordinator, "?q=semestre")).toEqual(["Report primo semestre"]);
    expect(await listTitles(t.coordinator, `?gruppo=${t.group.id}`)).toEqual(["Presentazione alloggi"]);
    expect(await listTitles(t.coordinator, "?visibilita=COORDINATORS")).toEqual(["Nota riservata"]);
    // The visibility filter is the coordinators': for others it is ignored, never widened.
    expect(await listTitles(t.outsider, "?visibilita=COORDINATORS")).toEqual(["Delibera di Giunta n. 45", "Report primo semestre"]);
    expect(await listTitles(t.outsider, `?gruppo=${t.group.id}`)).toEqual([]);

    const project = await db.project.findFirst({ select: { id: true } });
    if (project) expect(await listTitles(t.coordinator, `?progetto=${project.id}`)).toEqual([]);
    const choices = await listRoute.loader(await args(t.outsider, "/documenti"));
    expect(choices.choices.years.map((y) => y.value)).toEqual(["2025", "2024"]);
    expect(choices.choices.groups).toEqual([]);
  });

  it("lets a group's members file documents for their group from its page", async () => {
    const t = await tavolo();
    const body = multipart({ title: "Verbale di lavoro", category: "REPORT" }, { bytes: minimalPdf("verbale"), name: "verbale.pdf" });
    const done = await groupRoute.action(await args(t.anna, `/gruppi/${t.group.id}`, { id: t.group.id }, { method: "POST", body }));
    expect(done).toEqual({ done: "Documento «Verbale di lavoro» caricato." });
    const document = await db.archiveDocument.findFirstOrThrow({ include: { versions: true } });
    expect(document).toMatchObject({ visibility: "GROUP", workingGroupId: t.group.id, category: "REPORT", authorOrganisationId: (await db.user.findUniqueOrThrow({ where: { id: t.anna.id } })).organisationId });
    expect(document.versions).toHaveLength(1);

    const missing = multipart({ title: "Senza categoria" }, { bytes: minimalPdf("x"), name: "x.pdf" });
    const refused = reply(await groupRoute.action(await args(t.anna, `/gruppi/${t.group.id}`, { id: t.group.id }, { method: "POST", body: missing })));
    expect(refused.status).toBe(400);
    const stranger = await outcome(
      groupRoute.action(await args(t.outsider, `/gruppi/${t.group.id}`, { id: t.group.id }, { method: "POST", body: multipart({ title: "No", category: "ALTRO" }, { bytes: minimalPdf("no"), name: "no.pdf" }) })),
    );
    expect(stranger.status).toBe(403);
    expect(await db.archiveDocument.count()).toBe(1);
  });

  it("notifies the people who can read a new document or version, as each chose, never the uploader", async () => {
    const t = await tavolo();
    await savePreferences(t.anna.id, [{ kind: "DOCUMENT_ADDED", delivery: "IMMEDIATE" }]);
    await savePreferences(t.referent.id, [{ kind: "DOCUMENT_ADDED", delivery: "NEVER" }]);
    await savePreferences(t.otherCoordinator.id, [{ kind: "DOCUMENT_ADDED", delivery: "IMMEDIATE" }]);
    // t.outsider keeps the default (the weekly digest).

    const mailsTo = async () => (await db.outboxMail.findMany({ where: { template: "document-added" }, orderBy: { to: "asc" } })).map((m) => m.to);
    const digestOf = async () => (await db.digestItem.findMany({ where: { kind: "DOCUMENT_ADDED" } })).map((d) => d.userId);

    const tavoloDoc = await fileDocument(t.coordinator, { title: "Relazione annuale", category: "REPORT" });
    expect(await mailsTo()).toEqual([t.anna.email, t.otherCoordinator.email].sort());
    expect(await digestOf()).toEqual([t.outsider.id]);
    const mail = await db.outboxMail.findFirstOrThrow({ where: { to: t.anna.email } });
    expect(mail.subject).toBe("Nuovo documento nell'archivio: Relazione annuale");
    expect(mail.text).toContain(`/documenti/${tavoloDoc.id}`);

    await db.outboxMail.deleteMany();
    await db.digestItem.deleteMany();
    // A group's document: its members and the coordinators, not the uploader (Anna) nor other groups.
    const groupDoc = await fileDocument(t.coordinator, { title: "Mappa", category: "ALTRO", visibility: "GROUP", workingGroupId: t.group.id });
    await uploadVersion(t.anna, groupDoc.id, "Aggiunti due alloggi", { bytes: minimalPdf("v2"), name: "mappa.pdf" });
    const v2Mails = await db.outboxMail.findMany({ where: { template: "document-added" }, orderBy: { to: "asc" } });
    expect(v2Mails.filter((m) => m.subject.startsWith("Nuova versione")).map((m) => m.to)).toEqual([t.otherCoordinator.email]);
    expect(v2Mails.find((m) => m.subject.startsWith("Nuova versione"))?.text).toContain("Cosa cambia: Aggiunti due alloggi");
    expect(await mailsTo()).toEqual([t.anna.email, t.otherCoordinator.email, t.otherCoordinator.email].sort());
    // Giulia (coordinator, default digest) hears of Anna's version; Paolo, of another group, of nothing.
    expect(await digestOf()).toEqual([t.coordinator.id]);

    await db.outboxMail.deleteMany();
    await db.digestItem.deleteMany();
    await fileDocument(t.coordinator, { title: "Riservato", category: "ALTRO", visibility: "COORDINATORS" });
    expect(await mailsTo()).toEqual([t.otherCoordinator.email]);
    expect(await digestOf()).toEqual([]);
    expect(await db.outboxMail.count({ where: { to: t.inactive.email } })).toBe(0);
  });
});
