import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { recordChange } from "~/domain/audit.server";
import { addDecision, removeDecision } from "~/domain/decisions.server";
import { createDocument, updateDocument, type DocumentFields } from "~/domain/documents.server";
import { addContact, removeContact, updateOrganisation } from "~/domain/organisations.server";
import { erasePerson } from "~/domain/personal-data.server";
import { reviewRendicontazione, saveDraft, submitRendicontazione, type DraftFields } from "~/domain/rendicontazioni.server";
import { MAX_CANDIDATES, rebuildSearchIndex, search, type SearchKind, type SearchOutcome } from "~/domain/search.server";
import { approveVerbale, publishVerbale, saveVerbaleText, sendForReview } from "~/domain/verbali.server";
import { env } from "~/env.server";
import { loader as searchLoader } from "~/routes/search";
import type { PendingUpload } from "~/files/storage.server";
import { parseDay } from "~/utils/dates";
import { createOrganisation, createUser, sessionUser } from "../factories";
import { minimalPdf } from "../support/files";
import { createProjectFixture } from "../support/projects";
import { routeArgs } from "../support/routes";

// Search across the tavolo, run on both databases: Italian stemming, who finds what (the same rules
// as the pages), and an index that follows every change in the change's own transaction.

type User = Awaited<ReturnType<typeof createUser>>;
const searcher = (user: User) => ({ id: user.id, role: user.role, organisationId: user.organisationId });

/** "KIND:recordId" of every result of a search, kind by kind (first page of each). */
async function found(query: string, user: User, kind?: SearchKind) {
  const outcome = await search(query, searcher(user), { kind });
  if (outcome.status !== "ok") return [];
  return outcome.groups.flatMap((group) => group.results.map((result) => `${group.kind}:${result.recordId}`));
}

const ok = (outcome: SearchOutcome) => {
  if (outcome.status !== "ok") throw new Error(`search answered ${outcome.status}`);
  return outcome;
};

async function pdfUpload(): Promise<PendingUpload> {
  const bytes = minimalPdf();
  const dir = join(resolve(env.UPLOAD_DIR), "tmp");
  await mkdir(dir, { recursive: true });
  const tempPath = join(dir, randomUUID());
  await writeFile(tempPath, bytes);
  return { tempPath, originalName: "documento.pdf", mimeType: "application/pdf", size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

const documentFields = (overrides: Partial<DocumentFields>): DocumentFields => ({
  title: "Documento",
  category: "REPORT",
  documentDate: parseDay("2026-02-10")!,
  description: "",
  authorOrganisationId: null,
  workingGroupId: null,
  meetingId: null,
  projectId: null,
  visibility: "TAVOLO",
  ...overrides,
});

const draft = (narrative: string, projectIndicatorId: string): DraftFields => ({ values: [{ projectIndicatorId, value: 4, note: "" }], expenses: [], householdsReached: 3, peopleReached: 7, minorsReached: 1, beneficiariesNote: "", narrative });

/**
 * A small tavolo written straight to the database (as the demo seed does) and then indexed whole:
 * organisations and people, a working group with its own document, a convoked meeting and a draft
 * one, a verbale in draft, a decision, a project with rendicontazioni.
 */
async function scene() {
  const comune = await createOrganisation({ name: "Comune di Cinisello Balsamo", isCoordinator: true });
  const caritas = await createOrganisation({ name: "Caritas Decanale" });
  const croce = await createOrganisation({ name: "Croce Rossa Italiana" });
  const coordinator = await createUser({ role: "COORDINATOR", name: "Giulia Ferrari", organisationId: comune.id });
  const caritasReferent = await createUser({ role: "REFERENT", name: "Marco Colombo", organisationId: caritas.id });
  const member = await createUser({ role: "MEMBER", name: "Anna Bianchi", organisationId: croce.id });
  const attendee = await createUser({ role: "MEMBER", name: "Paolo Verdi", organisationId: croce.id });
  await db.contact.create({ data: { organisationId: caritas.id, name: "Teresa Lombardi", role: "Responsabile del centro di ascolto", phone: "02 1234567", email: "teresa@example.org" } });

  const housingGroup = await db.workingGroup.create({
    data: { name: "Gruppo casa", thematicArea: "Abitare", mandate: "Risposte all'emergenza abitativa delle famiglie.", members: { create: [{ userId: member.id }] } },
  });
  const workGroup = await db.workingGroup.create({ data: { name: "Gruppo lavoro", thematicArea: "Lavoro", mandate: "Tirocini e inserimento lavorativo." } });
  const groupDocument = await db.archiveDocument.create({
    data: { title: "Mappatura degli alloggi temporanei", category: "REPORT", documentDate: parseDay("2026-01-15")!, visibility: "GROUP", workingGroupId: housingGroup.id },
  });
  const otherGroupDocument = await db.archiveDocument.create({
    data: { title: "Elenco delle aziende per i tirocini", category: "REPORT", documentDate: parseDay("2026-01-16")!, visibility: "GROUP", workingGroupId: workGroup.id },
  });

  const startsAt = new Date("2026-03-03T14:00:00Z");
  const meeting = await db.meeting.create({
    data: {
      title: "Assemblea plenaria di marzo",
      kind: "GOVERNANCE",
      status: "CONVOKED",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7_200_000),
      agendaItems: { create: [{ position: 1, title: "Emporio solidale e distribuzioni alimentari" }] },
    },
    include: { agendaItems: true },
  });
  await db.invitee.create({
    data: { meetingId: meeting.id, userId: attendee.id, organisationId: croce.id, rsvpTokenHash: randomBytes(32).toString("hex"), response: "ACCEPTED", present: true },
  });
  await db.invitee.create({
    data: { meetingId: meeting.id, userId: member.id, organisationId: croce.id, rsvpTokenHash: randomBytes(32).toString("hex"), response: "ACCEPTED", present: false },
  });
  const verbale = await db.verbale.create({
    data: {
      meetingId: meeting.id,
      content: JSON.stringify([{ key: "apertura", title: "Apertura della seduta", html: "<p>Si discute delle nuove soluzioni abitative per i nuclei in difficoltà.</p><p>Interviene Marco Colombo.</p>" }]),
    },
  });
  const draftMeeting = await db.meeting.create({
    data: { title: "Riunione riservata sul bilancio", kind: "OPERATIVE", status: "DRAFT", startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) },
  });

  const fixture = await createProjectFixture({ partners: 1 });
  await rebuildSearchIndex();
  return { comune, caritas, croce, coordinator, caritasReferent, member, attendee, housingGroup, workGroup, groupDocument, otherGroupDocument, meeting, verbale, draftMeeting, fixture };
}

describe("search: Italian words", () => {
  it("finds a word in every kind of record through its Italian stem, singular or plural", async () => {
    const s = await scene();
    const coordinator = s.coordinator;
    const item = s.meeting.agendaItems[0]!;
    // "abitativo" finds "abitative" (the verbale) and "abitativa" (the group's mandate).
    expect(await found("abitativo", coordinator)).toEqual(expect.arrayContaining([`VERBALE:${s.verbale.id}`, `WORKING_GROUP:${s.housingGroup.id}`]));
    expect(await found("famiglia", coordinator)).toContain(`WORKING_GROUP:${s.housingGroup.id}`);
    expect(await found("distribuzione", coordinator)).toEqual([`AGENDA_ITEM:${item.id}`]);
    expect(await found("alloggio temporaneo", coordinator)).toEqual([`DOCUMENT:${s.groupDocument.id}`]);
    expect(await found("Lombardi", coordinator)).toEqual([expect.stringMatching(/^PERSON:/)]);
    expect(await found("ascolto", coordinator)).toEqual([expect.stringMatching(/^PERSON:/)]);
    expect(await found("caritas", coordinator)).toEqual(expect.arrayContaining([`ORGANISATION:${s.caritas.id}`, `PERSON:${s.caritasReferent.id}`]));
    expect(await found("plenarie", coordinator)).toEqual([`MEETING:${s.meeting.id}`, `VERBALE:${s.verbale.id}`]);

    const decision = await addDecision(s.meeting.id, { kind: "DECISION", text: "Si approvano i contributi per le utenze domestiche.", agendaItemId: null, responsibleOrganisationId: null, responsibleUserId: null, dueOn: null, projectId: null }, sessionUser(coordinator));
    expect(await found("utenza domestica", coordinator)).toEqual([`DECISION:${decision.id}`]);

    const [partner] = s.fixture.partners;
    const rendicontazione = s.fixture.rendicontazioni.find((r) => r.organisationId === partner!.organisation.id)!;
    await saveDraft({ id: rendicontazione.id, revision: rendicontazione.revision, ...draft("<p>Abbiamo accompagnato dodici <strong>inquilini</strong> sotto sfratto.</p>", s.fixture.projectIndicator.id) }, sessionUser(partner!.referent));
    expect(await found("inquilino sfratti", coordinator)).toEqual([`RENDICONTAZIONE:${rendicontazione.id}`]);
    expect(await found("progetto prova", coordinator)).toContain(`PROJECT:${s.fixture.project.id}`);
  });

  it("needs every word (AND), ignores case, stop words and punctuation, and marks the matching words", async () => {
    const s = await scene();
    expect(await found("SOLUZIONI abitative", s.coordinator)).toEqual([`VERBALE:${s.verbale.id}`]);
    expect(await found("soluzioni tirocini", s.coordinator)).toEqual([]);
    expect(await found("le soluzioni per i nuclei", s.coordinator)).toEqual([`VERBALE:${s.verbale.id}`]);

    const outcome = ok(await search("abitativo nucleo", searcher(s.coordinator)));
    const verbale = outcome.groups.find((group) => group.kind === "VERBALE")!.results[0]!;
    expect(verbale.snippet.filter((segment) => segment.mark).map((segment) => segment.text)).toEqual(["abitative", "nuclei"]);
    expect(verbale.snippet.map((segment) => segment.text).join("")).toContain("Si discute delle nuove soluzioni abitative per i nuclei in difficoltà.");
    const group = outcome.groups.find((g) => g.kind === "WORKING_GROUP");
    expect(group).toBeUndefined();
    expect(outcome.words).toEqual(["abitativo", "nucleo"]);
  });

  it("answers hostile or odd input with words or a message, never an error", async () => {
    const s = await scene();
    const inputs = ['"', "*", "abit*", "NEAR(a b)", "-casa", "casa:", "title:casa", "' OR 1=1 --", "casa & !famiglia | (x", "\\", "^", "{}", "AND OR NOT", "😀", "città'", "a".repeat(201)];
    for (const input of inputs) {
      const outcome = await search(input, searcher(s.member));
      expect(["ok", "empty", "tooLong", "onlyStopWords"]).toContain(outcome.status);
    }
    expect((await search("", searcher(s.member))).status).toBe("empty");
    expect((await search("   ", searcher(s.member))).status).toBe("empty");
    expect((await search("*?!", searcher(s.member))).status).toBe("empty");
    expect((await search("di per la", searcher(s.member))).status).toBe("onlyStopWords");
    expect((await search("x".repeat(201), searcher(s.member))).status).toBe("tooLong");
    expect(await found('"casa"', s.member)).toEqual(await found("casa", s.member));
  });

  it("the /cerca page answers every query with a page, grouped by kind, for anyone signed in", async () => {
    const s = await scene();
    const session: SessionUser = { id: s.member.id, email: s.member.email, name: s.member.name, role: s.member.role as Role, organisationId: s.member.organisationId, organisationName: "Croce Rossa Italiana", sessionId: "test" };
    const load = (query: string) => searchLoader(routeArgs(new Request(`http://localhost:3000/cerca${query}`), session));
    const page = await load("?q=abitativo");
    expect(page.outcome.status).toBe("ok");
    expect(page.query).toBe("abitativo");
    expect((await load("?q=%22%20OR%201%3D1")).outcome.status).toBe("ok");
    expect((await load("?q=&tipo=NIENTE&pagina=-3")).outcome.status).toBe("empty");
    await expect(searchLoader(routeArgs(new Request("http://localhost:3000/cerca?q=casa"), null))).rejects.toMatchObject({ status: 302 });
  });
});

describe("search: who finds what", () => {
  it("a member never finds a draft verbale, a draft meeting, nor a coordinators' or another group's document", async () => {
    const s = await scene();
    const coordinatorsOnly = await createDocument(documentFields({ title: "Relazione riservata sulle abitazioni" }), await pdfUpload(), sessionUser(s.coordinator));
    await updateDocument(coordinatorsOnly.id, documentFields({ title: "Relazione riservata sulle abitazioni", visibility: "COORDINATORS" }), sessionUser(s.coordinator));

    expect(await found("abitativo", s.coordinator)).toContain(`VERBALE:${s.verbale.id}`);
    expect(await found("abitativo", s.member)).not.toContain(`VERBALE:${s.verbale.id}`);
    expect(await found("abitativo", s.attendee)).not.toContain(`VERBALE:${s.verbale.id}`);
    expect(await found("bilancio", s.coordinator)).toEqual([`MEETING:${s.draftMeeting.id}`]);
    expect(await found("bilancio", s.member)).toEqual([]);
    expect(await found("abitazione", s.coordinator)).toContain(`DOCUMENT:${coordinatorsOnly.id}`);
    expect(await found("abitazione", s.member)).not.toContain(`DOCUMENT:${coordinatorsOnly.id}`);
    // The group's own document: its member finds it, others do not; the other group's: nobody but coordinators.
    expect(await found("alloggi", s.member)).toEqual([`DOCUMENT:${s.groupDocument.id}`]);
    expect(await found("alloggi", s.caritasReferent)).toEqual([]);
    expect(await found("aziende tirocini", s.member)).toEqual([]);
    expect(await found("aziende tirocini", s.coordinator)).toEqual([`DOCUMENT:${s.otherGroupDocument.id}`]);
    // Everyone finds the groups themselves (name and mandate), the people and organisations, never a phone or e-mail.
    expect(await found("tirocini", s.member)).toEqual([`WORKING_GROUP:${s.workGroup.id}`]);
    expect(await found("teresa", s.member)).toHaveLength(1);
    expect(await found("1234567", s.member)).toEqual([]);
    expect(await found("teresa example", s.coordinator)).toEqual([]);
  });

  it("a verbale in review is found by its attendees only, and by everyone once published", async () => {
    const s = await scene();
    const coordinator = sessionUser(s.coordinator);
    await sendForReview(s.meeting.id, coordinator);
    expect(await found("abitativo", s.attendee)).toContain(`VERBALE:${s.verbale.id}`);
    // Invited, but marked absent: not an attendee.
    expect(await found("abitativo", s.member)).not.toContain(`VERBALE:${s.verbale.id}`);
    await approveVerbale(s.meeting.id, "", coordinator);
    expect(await found("abitativo", s.attendee)).toContain(`VERBALE:${s.verbale.id}`);
    expect(await found("abitativo", s.caritasReferent)).not.toContain(`VERBALE:${s.verbale.id}`);
    await publishVerbale(s.meeting.id, coordinator);
    expect(await found("abitativo", s.caritasReferent)).toContain(`VERBALE:${s.verbale.id}`);
    expect(await found("abitativo", s.member)).toContain(`VERBALE:${s.verbale.id}`);
  });

  it("a rendicontazione is found by its organisation, and by the lead organisation's referents only once sent", async () => {
    const s = await scene();
    const { partners, leadReferent, lead, coordinator } = s.fixture;
    const partner = partners[0]!;
    const rendicontazione = s.fixture.rendicontazioni.find((r) => r.organisationId === partner.organisation.id && r.period.number === 1)!;
    const saved = await saveDraft({ id: rendicontazione.id, revision: rendicontazione.revision, ...draft("<p>Sportello per la morosità incolpevole aperto due giorni a settimana.</p>", s.fixture.projectIndicator.id) }, sessionUser(partner.referent));
    const colleague = await createUser({ role: "MEMBER", organisationId: partner.organisation.id });
    const leadMember = await createUser({ role: "MEMBER", organisationId: lead.id });
    const hit = [`RENDICONTAZIONE:${rendicontazione.id}`];

    expect(await found("morosità", partner.referent)).toEqual(hit);
    expect(await found("morosità", colleague)).toEqual(hit);
    expect(await found("morosità", coordinator)).toEqual(hit);
    expect(await found("morosità", leadReferent)).toEqual([]);
    expect(await found("morosità", s.member)).toEqual([]);

    const sent = await submitRendicontazione({ id: rendicontazione.id, revision: saved.revision, noExpenses: true }, sessionUser(partner.referent));
    expect(await found("morosità", leadReferent)).toEqual(hit);
    expect(await found("morosità", leadMember)).toEqual([]);
    expect(await found("morosità", s.caritasReferent)).toEqual([]);

    await reviewRendicontazione({ id: rendicontazione.id, revision: sent.revision, outcome: "RETURNED", comment: "Mancano le spese.", fieldComments: [] }, sessionUser(coordinator));
    expect(await found("morosità", leadReferent)).toEqual([]);
    expect(await found("morosità", partner.referent)).toEqual(hit);
  });
});

describe("search: the index follows every change", () => {
  it("in the change's own transaction: edits, visibility, removals and a person's erasure", async () => {
    const s = await scene();
    const coordinator = sessionUser(s.coordinator);

    await updateOrganisation(s.caritas.id, { name: "Caritas Ambrosiana di Cinisello", codiceFiscale: "97027880155" }, coordinator);
    expect(await found("ambrosiana", s.member)).toEqual(expect.arrayContaining([`ORGANISATION:${s.caritas.id}`, `PERSON:${s.caritasReferent.id}`]));
    expect(await found("decanale", s.member)).toEqual([]);

    const contact = await addContact(s.croce.id, { name: "Ottavio Pellegrini", role: "Magazziniere", phone: "", email: "" }, coordinator);
    const contactId = "id" in (contact ?? {}) ? (contact as { id: string }).id : (await db.contact.findFirstOrThrow({ where: { name: "Ottavio Pellegrini" } })).id;
    expect(await found("pellegrini", s.member)).toEqual([`PERSON:${contactId}`]);
    await removeContact(s.croce.id, contactId, coordinator);
    expect(await found("pellegrini", s.member)).toEqual([]);

    const document = await createDocument(documentFields({ title: "Piano per le povertà estreme" }), await pdfUpload(), coordinator);
    expect(await found("povertà estrema", s.member)).toEqual([`DOCUMENT:${document.id}`]);
    await updateDocument(document.id, documentFields({ title: "Piano per la grave marginalità", visibility: "TAVOLO" }), coordinator);
    expect(await found("povertà estrema", s.member)).toEqual([]);
    expect(await found("marginalità", s.member)).toEqual([`DOCUMENT:${document.id}`]);
    await updateDocument(document.id, documentFields({ title: "Piano per la grave marginalità", visibility: "COORDINATORS" }), coordinator);
    expect(await found("marginalità", s.member)).toEqual([]);
    expect(await found("marginalità", s.coordinator)).toEqual([`DOCUMENT:${document.id}`]);

    const decision = await addDecision(s.meeting.id, { kind: "DECISION", text: "Si rinvia la scelta del fornitore di pasti.", agendaItemId: null, responsibleOrganisationId: null, responsibleUserId: null, dueOn: null, projectId: null }, coordinator);
    expect(await found("fornitore", s.member)).toEqual([`DECISION:${decision.id}`]);
    await removeDecision(decision.id, coordinator);
    expect(await found("fornitore", s.member)).toEqual([]);

    expect(await found("colombo", s.member)).toEqual([`PERSON:${s.caritasReferent.id}`]);
    expect(await found("colombo", s.coordinator)).toEqual([`PERSON:${s.caritasReferent.id}`, `VERBALE:${s.verbale.id}`]);
    await erasePerson(s.caritasReferent.id, coordinator);
    // Neither the person nor the verbale that named them is found by the name any more.
    expect(await found("colombo", s.member)).toEqual([]);
    expect(await found("colombo", s.coordinator)).toEqual([]);
    expect(await found("abitativo", s.coordinator)).toContain(`VERBALE:${s.verbale.id}`);
  });

  it("a rename reaches the records that carry the name: rendicontazioni, projects, people", async () => {
    const s = await scene();
    const { partners, project, coordinator, lead, leadReferent } = s.fixture;
    const partner = partners[0]!;
    const own = s.fixture.rendicontazioni.filter((r) => r.organisationId === partner.organisation.id).map((r) => `RENDICONTAZIONE:${r.id}`);
    await updateOrganisation(partner.organisation.id, { name: "Associazione Girasole", codiceFiscale: "97027880155" }, sessionUser(coordinator));
    expect(await found("girasole", partner.referent)).toEqual(expect.arrayContaining([`ORGANISATION:${partner.organisation.id}`, `PERSON:${partner.referent.id}`, ...own]));

    await updateOrganisation(lead.id, { name: "Cooperativa Arcobaleno", codiceFiscale: "97027880156" }, sessionUser(coordinator));
    expect(await found("arcobaleno", s.member)).toEqual(expect.arrayContaining([`ORGANISATION:${lead.id}`, `PROJECT:${project.id}`]));

    // A project renamed, and given another lead organisation: its rendicontazioni follow both.
    const caritasRefs = [`RENDICONTAZIONE:${own[0]!.split(":")[1]}`];
    await db.rendicontazione.update({ where: { id: own[0]!.split(":")[1] }, data: { status: "SUBMITTED" } });
    await db.$transaction(async (tx) => {
      await tx.project.update({ where: { id: project.id }, data: { title: "Orti sociali", leadOrganisationId: s.caritas.id } });
      await recordChange(tx, { subjectType: "PROJECT", subjectId: project.id, summary: "Progetto modificato", actor: sessionUser(coordinator) });
    });
    expect(await found("orti sociali", partner.referent)).toEqual(expect.arrayContaining([`PROJECT:${project.id}`, ...own]));
    expect(new Set(await found("orti sociali", s.caritasReferent))).toEqual(new Set([`PROJECT:${project.id}`, ...caritasRefs]));
    // The former lead organisation keeps its own rendicontazioni, no longer the partner's sent one.
    const formerLead = s.fixture.rendicontazioni.filter((r) => r.organisationId === lead.id).map((r) => `RENDICONTAZIONE:${r.id}`);
    expect(new Set(await found("orti sociali", leadReferent))).toEqual(new Set([`PROJECT:${project.id}`, ...formerLead]));
  });

  it("the verbale's text as saved, the published text once published", async () => {
    const s = await scene();
    const coordinator = sessionUser(s.coordinator);
    const saved = await saveVerbaleText(s.meeting.id, { revision: 0, html: { apertura: "<p>Si parla di <em>housing first</em> e di dormitori.</p>" } }, coordinator);
    expect(saved.ok).toBe(true);
    expect(await found("dormitorio", s.coordinator)).toEqual([`VERBALE:${s.verbale.id}`]);
    expect(await found("abitativo", s.coordinator)).not.toContain(`VERBALE:${s.verbale.id}`);
  });

  it("a rolled-back change leaves the index as it was", async () => {
    const s = await scene();
    await expect(
      db.$transaction(async (tx) => {
        await tx.organisation.update({ where: { id: s.croce.id }, data: { name: "Mezzaluna Rossa" } });
        await recordChange(tx, { subjectType: "ORGANISATION", subjectId: s.croce.id, summary: "Nome modificato", actor: null });
        throw new Error("annullata");
      }),
    ).rejects.toThrow("annullata");
    expect(await found("mezzaluna", s.coordinator)).toEqual([]);
    expect(await found("croce rossa", s.coordinator)).toContain(`ORGANISATION:${s.croce.id}`);
  });

  it("rebuilding the whole index gives the same entries and results as keeping it current", async () => {
    const s = await scene();
    const coordinator = sessionUser(s.coordinator);
    await addDecision(s.meeting.id, { kind: "DECISION", text: "Apertura serale dell'emporio.", agendaItemId: null, responsibleOrganisationId: null, responsibleUserId: null, dueOn: null, projectId: null }, coordinator);
    await updateOrganisation(s.croce.id, { name: "Croce Rossa di Cinisello", codiceFiscale: "97027880155" }, coordinator);
    await sendForReview(s.meeting.id, coordinator);
    const entries = () =>
      db.searchEntry.findMany({
        where: { kind: { not: "INDEX" } },
        orderBy: [{ kind: "asc" }, { recordId: "asc" }],
        select: { kind: true, recordId: true, title: true, body: true, url: true, audience: true, groupId: true, meetingId: true, organisationId: true, leadOrganisationId: true, date: true },
      });
    const queries = ["emporio", "abitativo", "cinisello", "gruppo", "prova"];
    const results = async () => Promise.all(queries.flatMap((q) => [s.coordinator, s.member, s.attendee].map((user) => found(q, user))));
    const incremental = { entries: await entries(), results: await results() };

    await db.$executeRawUnsafe('DELETE FROM "SearchEntry"');
    if (!env.DATABASE_URL.startsWith("postgres")) await db.$executeRawUnsafe('DELETE FROM "SearchIndex"');
    await rebuildSearchIndex();
    expect(await entries()).toEqual(incremental.entries);
    expect(await results()).toEqual(incremental.results);
    expect(incremental.results.flat().length).toBeGreaterThan(10);
  });

  it("rebuilds the index of meetings whose agendas together hold more than a thousand items", async () => {
    // A rebuild takes 200 meetings at a time; their agenda items once went into one SQLite IN list
    // and failed past 999 (P2029) on a large tavolo.
    const meeting = await db.meeting.create({
      data: { title: "Assemblea con un lungo ordine del giorno", kind: "GOVERNANCE", startsAt: new Date("2026-03-10T15:00:00Z"), endsAt: new Date("2026-03-10T17:00:00Z") },
    });
    await db.agendaItem.createMany({ data: Array.from({ length: 1_050 }, (_, i) => ({ meetingId: meeting.id, position: i, title: `Punto numero ${i + 1} sulla mensa` })) });
    await rebuildSearchIndex();
    expect(await db.searchEntry.count({ where: { kind: "AGENDA_ITEM", meetingId: meeting.id } })).toBe(1_050);
  });

  it("ranks only the most recent matches of a word too common to rank them all, and says so", async () => {
    const s = await scene();
    await db.archiveDocument.createMany({
      data: Array.from({ length: MAX_CANDIDATES + 20 }, (_, i) => ({ title: `Elenco delle famiglie seguite ${i + 1}`, category: "REPORT", documentDate: parseDay("2026-02-01")!, visibility: "TAVOLO" })),
    });
    await rebuildSearchIndex();
    const common = ok(await search("famiglie", searcher(s.member)));
    expect(common.capped).toBe(true);
    expect(common.total).toBe(MAX_CANDIDATES);
    const documents = ok(await search("famiglie", searcher(s.member), { kind: "DOCUMENT", page: 3 }));
    expect(documents.groups[0]!.results).toHaveLength(20);
    // A word that is not common is still ranked over all its matches.
    const rare = ok(await search("cinisello", searcher(s.member)));
    expect(rare.capped).toBe(false);
  });

  it("pages through a kind with many matches, most relevant first", async () => {
    const s = await scene();
    for (let i = 1; i <= 23; i++) {
      await db.archiveDocument.create({ data: { title: `Verbale di consegna ${i}`, description: "Consegna dei pacchi alimentari.", category: "REPORT", documentDate: parseDay("2026-02-01")!, visibility: "TAVOLO" } });
    }
    const titled = await db.archiveDocument.create({ data: { title: "Pacchi alimentari: calendario", category: "REPORT", documentDate: parseDay("2026-02-01")!, visibility: "TAVOLO" } });
    await rebuildSearchIndex();
    const overview = ok(await search("pacco", searcher(s.member)));
    const documents = overview.groups.find((group) => group.kind === "DOCUMENT")!;
    expect(documents.total).toBe(24);
    expect(documents.results).toHaveLength(5);
    // A match in the title outranks a match in the description.
    expect(documents.results[0]!.recordId).toBe(titled.id);
    const second = ok(await search("pacco", searcher(s.member), { kind: "DOCUMENT", page: 2 }));
    expect(second.pages).toBe(2);
    expect(second.groups[0]!.results).toHaveLength(4);
    const first = ok(await search("pacco", searcher(s.member), { kind: "DOCUMENT", page: 1 }));
    const all = [...first.groups[0]!.results, ...second.groups[0]!.results].map((r) => r.recordId);
    expect(new Set(all).size).toBe(24);
    const pastTheEnd = ok(await search("pacco", searcher(s.member), { kind: "DOCUMENT", page: 9 }));
    expect(pastTheEnd.page).toBe(2);
    expect(pastTheEnd.groups[0]!.results.map((r) => r.recordId)).toEqual(second.groups[0]!.results.map((r) => r.recordId));
  });
});
