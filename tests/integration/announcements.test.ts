import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { parseRomeDateTime, saveAnnouncement, sendAnnouncement, sendDueAnnouncements, type AnnouncementFields } from "~/domain/announcements.server";
import { convokeMeeting, sendMeetingReminders } from "~/domain/convocations.server";
import { savePreferences } from "~/domain/notifications.server";
import { sendWeeklyDigests } from "~/domain/reporting-reminders.server";
import { env } from "~/env.server";
import { loader as announcementLoader } from "~/routes/announcement";
import { loader as attachmentLoader } from "~/routes/announcement.attachment";
import { action as editAction, loader as editLoader } from "~/routes/announcement.edit";
import { loader as feedLoader } from "~/routes/announcements";
import { action as newAction, loader as newLoader } from "~/routes/announcements.new";
import { action as preferencesAction, loader as preferencesLoader } from "~/routes/profile.notifications";
import { createOrganisation, createUser } from "../factories";
import { linkIn, startSmtpCatcher } from "../smtp";
import { deliverOutbox } from "../support/mail";
import { minimalPdf } from "../support/files";
import { routeArgs } from "../support/routes";

const DAY_MS = 86_400_000;
const tmpDir = join(resolve(env.UPLOAD_DIR), "tmp");
const tmpEntries = () => (existsSync(tmpDir) ? readdirSync(tmpDir) : []);

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
/** Addresses the test SMTP server refuses for good (550), as a server with no such mailbox does. */
const refused = new Set<string>();
beforeAll(async () => {
  smtp = await startSmtpCatcher({ refuseRecipient: (address) => refused.has(address) });
});
afterAll(() => smtp.close());
beforeEach(() => {
  smtp.messages.length = 0;
  refused.clear();
});

const deliver = () => deliverOutbox(smtp);

const session = (user: { id: string; email: string; name: string; role: string; organisationId: string }): SessionUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role as Role,
  organisationId: user.organisationId,
  organisationName: "",
  sessionId: "sessione-di-prova",
});

/** The status and body of what a loader or action returned or threw: a Response, or data() with its init. */
async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, response: value, location: value.headers.get("Location"), data: undefined, errors: undefined };
  if (value instanceof Error) throw value;
  const result = value as { data?: unknown; init?: { status?: number } | null; type?: string };
  if (result && result.type === "DataWithResponseInit") {
    const payload = result.data as { errors?: { fieldErrors: Record<string, string>; formError?: string } } & Record<string, unknown>;
    return { status: result.init?.status ?? 200, errors: payload.errors, data: payload, response: undefined, location: null };
  }
  return { status: 200, data: value as Record<string, unknown>, errors: undefined, response: undefined, location: null };
}

const base = "http://localhost:3000";

function multipart(path: string, fields: Record<string, string | string[]>, file?: { bytes: Uint8Array; name: string }) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
  if (file) form.set("attachment", new File([file.bytes as BlobPart], file.name));
  return new Request(`${base}${path}`, { method: "POST", body: form });
}

const get = (path: string) => new Request(`${base}${path}`);

/** The coordinating body, a working group "Casa" with two active members and a former one, and people outside it. */
async function tavolo() {
  const comune = await createOrganisation({ name: "Comune di Prova", isCoordinator: true });
  const coordinator = await createUser({ role: "COORDINATOR", name: "Giulia Ferrari", organisationId: comune.id, email: "coordinatrice@example.org", password: null });
  const caritas = await createOrganisation({ name: "Caritas di Prova" });
  const marco = await createUser({ role: "REFERENT", name: "Marco Colombo", organisationId: caritas.id, email: "marco@example.org", password: null });
  const anna = await createUser({ role: "MEMBER", name: "Anna Neri", organisationId: caritas.id, email: "anna@example.org", password: null });
  const gone = await createUser({ role: "MEMBER", name: "Ex Membro", organisationId: caritas.id, email: "ex@example.org", password: null, active: false });
  const acli = await createOrganisation({ name: "ACLI di Prova" });
  const sara = await createUser({ role: "REFERENT", name: "Sara Villa", organisationId: acli.id, email: "sara@example.org", password: null });
  const group = await db.workingGroup.create({
    data: { name: "Casa e abitare", thematicArea: "Abitare", members: { create: [{ userId: marco.id }, { userId: anna.id }, { userId: gone.id }] } },
  });
  return { comune, coordinator, caritas, marco, anna, gone, acli, sara, group, actor: { id: coordinator.id, name: coordinator.name } };
}
type Tavolo = Awaited<ReturnType<typeof tavolo>>;

const fields = (overrides: Partial<AnnouncementFields> = {}): AnnouncementFields => ({
  intent: "send",
  title: "Nuovo bando per l'emporio",
  bodyHtml: "<p>Il bando apre lunedì.</p>",
  audience: "ALL",
  workingGroupId: null,
  legalForm: null,
  networkId: null,
  personIds: [],
  sendAt: "",
  removeAttachmentIds: [],
  ...overrides,
});

/** "2026-11-30T09:30", the Rome wall-clock value a datetime-local field sends for an instant. */
const romeInput = (at: Date) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
    .format(at)
    .replace(" ", "T");

describe("announcements", () => {
  it("one to a working group reaches exactly its active members, by mail and in their feed, with the attachment behind the permission", async () => {
    const t = await tavolo();
    const sent = await outcome(() =>
      newAction(
        routeArgs(
          multipart("/comunicazioni/nuova", {
            intent: "send",
            title: "Riunione del gruppo casa spostata",
            bodyHtml: '<p>La riunione si terrà <strong>giovedì</strong>.</p><p>Portate i dati degli sfratti.</p><script>alert(1)</script>',
            audience: "GROUP",
            workingGroupId: t.group.id,
          }, { bytes: minimalPdf("Ordine del giorno"), name: "Ordine del giorno.pdf" }),
          session(t.coordinator),
        ),
      ),
    );
    expect(sent.status).toBe(302);
    const announcement = await db.announcement.findFirstOrThrow({ include: { attachments: true, recipients: { include: { user: true } } } });
    expect(sent.location).toBe(`/comunicazioni/${announcement.id}?inviata`);
    expect(announcement).toMatchObject({ status: "SENT", audience: "GROUP", bodyText: "La riunione si terrà giovedì.\nPortate i dati degli sfratti." });
    expect(announcement.bodyHtml).not.toContain("script");
    expect(announcement.recipients.map((r) => r.user.email).sort()).toEqual(["anna@example.org", "marco@example.org"]);
    expect(announcement.recipients.every((r) => r.delivery === "IMMEDIATE" && r.mailId)).toBe(true);
    expect(await db.auditEvent.count({ where: { subjectType: "ANNOUNCEMENT", subjectId: announcement.id } })).toBe(2);

    const mails = await deliver();
    expect(mails.map((m) => m.to)).toEqual([["anna@example.org"], ["marco@example.org"]]);
    const mail = mails[0]!;
    expect(mail.subject).toBe("Riunione del gruppo casa spostata");
    expect(mail.text).toContain("La riunione si terrà giovedì.");
    expect(mail.text).toContain("Portate i dati degli sfratti.");
    expect(mail.text).toContain("Ordine del giorno.pdf");
    expect(linkIn(mail, "/comunicazioni/").pathname).toBe(`/comunicazioni/${announcement.id}`);

    const annaFeed = await outcome(() => feedLoader(routeArgs(get("/comunicazioni"), session(t.anna))));
    expect((annaFeed.data as { feed: { items: { id: string; read: boolean }[] } }).feed.items).toEqual([expect.objectContaining({ id: announcement.id, read: false })]);
    expect((annaFeed.data as { management: unknown }).management).toBeNull();
    const saraFeed = await outcome(() => feedLoader(routeArgs(get("/comunicazioni"), session(t.sara))));
    expect((saraFeed.data as { feed: { total: number } }).feed.total).toBe(0);

    const attachmentId = announcement.attachments[0]!.id;
    const path = `/comunicazioni/${announcement.id}/allegati/${attachmentId}`;
    const download = await outcome(() => attachmentLoader(routeArgs(get(path), session(t.anna), { id: announcement.id, attachmentId })));
    expect(download.status).toBe(200);
    expect(download.response?.headers.get("Content-Disposition")).toContain("Ordine del giorno.pdf");
    // Sara is a member of the tavolo but not of the group: neither the page nor the file.
    expect((await outcome(() => announcementLoader(routeArgs(get(`/comunicazioni/${announcement.id}`), session(t.sara), { id: announcement.id })))).status).toBe(403);
    expect((await outcome(() => attachmentLoader(routeArgs(get(path), session(t.sara), { id: announcement.id, attachmentId })))).status).toBe(403);
    // A sent announcement is frozen.
    expect((await outcome(() => editLoader(routeArgs(get(`/comunicazioni/${announcement.id}/modifica`), session(t.coordinator), { id: announcement.id })))).status).toBe(404);
  });

  it("a scheduled one does not leave before its time, and leaves once at its time even with two runs at once", async () => {
    const t = await tavolo();
    const now = new Date();
    const sendAt = new Date(Math.ceil((now.getTime() + 2 * 3_600_000) / 60_000) * 60_000);
    const id = await saveAnnouncement({ fields: fields({ intent: "schedule", sendAt: romeInput(sendAt) }), actor: t.actor, now });
    expect(await db.announcement.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SCHEDULED", sendAt });

    expect(await sendDueAnnouncements(now)).toBe(0);
    expect(await sendDueAnnouncements(new Date(sendAt.getTime() - 1000))).toBe(0);
    expect(await db.announcementRecipient.count()).toBe(0);
    expect(await db.outboxMail.count()).toBe(0);

    const runs = await Promise.all([sendDueAnnouncements(sendAt), sendDueAnnouncements(sendAt)]);
    expect(runs[0]! + runs[1]!).toBe(1);
    expect(await db.announcement.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT", sentAt: sendAt });
    // Everyone active, the author included (the audience is the whole tavolo); never the deactivated.
    const mails = await deliver();
    expect(mails.map((m) => m.to[0])).toEqual(["anna@example.org", "coordinatrice@example.org", "marco@example.org", "sara@example.org"]);
    expect(await sendDueAnnouncements(new Date(sendAt.getTime() + 60_000))).toBe(0);
  });

  it("the job sends only what is still scheduled and due when it claims it: never a draft, never before its new time", async () => {
    const t = await tavolo();
    const now = new Date();
    const sendAt = new Date(Math.ceil((now.getTime() + 3_600_000) / 60_000) * 60_000);
    const id = await saveAnnouncement({ fields: fields({ intent: "schedule", sendAt: romeInput(sendAt) }), actor: t.actor, now });
    // Listed by the job, then turned back into a draft by a coordinator before the claim.
    await db.announcement.update({ where: { id }, data: { status: "DRAFT" } });
    expect(await sendAnnouncement(id, sendAt)).toBe(false);
    // Scheduled again, for later: not yet.
    await db.announcement.update({ where: { id }, data: { status: "SCHEDULED", sendAt: new Date(sendAt.getTime() + DAY_MS) } });
    expect(await sendAnnouncement(id, sendAt)).toBe(false);
    expect(await db.announcementRecipient.count()).toBe(0);
    expect(await db.outboxMail.count()).toBe(0);
    expect(await sendAnnouncement(id, new Date(sendAt.getTime() + DAY_MS))).toBe(true);
  });

  it("a cancelled scheduled announcement never leaves; a draft is edited and its attachment removed", async () => {
    const t = await tavolo();
    const later = romeInput(new Date(Date.now() + DAY_MS));
    const id = await saveAnnouncement({ fields: fields({ intent: "schedule", sendAt: later }), actor: t.actor });
    const cancel = new Request(`${base}/comunicazioni/${id}/modifica`, { method: "POST", body: new URLSearchParams({ intent: "cancel" }) });
    expect((await outcome(() => editAction(routeArgs(cancel, session(t.coordinator), { id })))).location).toBe(`/comunicazioni/${id}?annullata`);
    expect(await sendDueAnnouncements(new Date(Date.now() + 2 * DAY_MS))).toBe(0);
    expect((await db.announcement.findUniqueOrThrow({ where: { id } })).status).toBe("CANCELLED");

    const draft = await outcome(() =>
      newAction(routeArgs(multipart("/comunicazioni/nuova", { intent: "draft", title: "Bozza", audience: "PEOPLE", personIds: [t.sara.id] }, { bytes: minimalPdf(), name: "a.pdf" }), session(t.coordinator))),
    );
    const draftId = draft.location!.split("/")[2]!.split("?")[0]!;
    const attachment = await db.announcementAttachment.findFirstOrThrow({ where: { announcementId: draftId } });
    const edited = await outcome(() =>
      editAction(
        routeArgs(
          multipart(`/comunicazioni/${draftId}/modifica`, { intent: "send", title: "Per Sara", bodyHtml: "<p>Ciao</p>", audience: "PEOPLE", personIds: [t.sara.id], removeAttachmentIds: attachment.id }),
          session(t.coordinator),
          { id: draftId },
        ),
      ),
    );
    expect(edited.location).toBe(`/comunicazioni/${draftId}?inviata`);
    expect(await db.announcementAttachment.count()).toBe(0);
    expect(await db.storedFile.count()).toBe(0);
    expect((await db.announcementRecipient.findMany({ include: { user: true } })).map((r) => r.user.email)).toEqual(["sara@example.org"]);
  });

  it("respects each person's choice: DIGEST waits for Monday's digest, NEVER shows only in the feed", async () => {
    const t = await tavolo();
    await savePreferences(t.marco.id, [{ kind: "ANNOUNCEMENT", delivery: "DIGEST" }]);
    await savePreferences(t.anna.id, [{ kind: "ANNOUNCEMENT", delivery: "NEVER" }]);
    const id = await saveAnnouncement({ fields: fields({ title: "Aggiornamento sul bando" }), actor: t.actor });

    const mails = await deliver();
    expect(mails.map((m) => m.to[0])).toEqual(["coordinatrice@example.org", "sara@example.org"]);
    const recipients = await db.announcementRecipient.findMany({ include: { user: true } });
    const byEmail = Object.fromEntries(recipients.map((r) => [r.user.email, r]));
    expect(byEmail["marco@example.org"]).toMatchObject({ delivery: "DIGEST", mailId: null });
    expect(byEmail["anna@example.org"]).toMatchObject({ delivery: "NEVER", mailId: null });
    expect(await db.digestItem.findMany({ select: { userId: true, title: true, path: true } })).toEqual([
      { userId: t.marco.id, title: "Comunicazione: Aggiornamento sul bando", path: `/comunicazioni/${id}` },
    ]);
    for (const person of [t.marco, t.anna]) {
      const feed = await outcome(() => feedLoader(routeArgs(get("/comunicazioni"), session(person))));
      expect((feed.data as { feed: { items: { id: string }[] } }).feed.items.map((i) => i.id)).toEqual([id]);
    }

    // Monday 7 January 2030, 09:00 in Rome: Marco's digest lists it; Anna, who chose never, gets none.
    expect(await sendWeeklyDigests(new Date("2030-01-07T08:00:00.000Z"))).toBe(1);
    const digests = await deliver();
    expect(digests.map((m) => m.to[0])).toEqual(["marco@example.org"]);
    expect(digests[0]!.text).toContain(`• Comunicazione: Aggiornamento sul bando. http://localhost:3000/comunicazioni/${id}`);
  });

  it("mandatory mail cannot be switched off: a convocation reaches a person who chose NEVER for everything, a reminder does not", async () => {
    const t = await tavolo();
    await db.organisation.update({ where: { id: t.caritas.id }, data: { delegateId: t.marco.id } });
    await db.organisation.update({ where: { id: t.acli.id }, data: { delegateId: t.sara.id } });
    await savePreferences(t.marco.id, [
      { kind: "ANNOUNCEMENT", delivery: "NEVER" },
      { kind: "VERBALE_PUBLISHED", delivery: "NEVER" },
      { kind: "DOCUMENT_ADDED", delivery: "NEVER" },
      { kind: "MEETING_REMINDER", delivery: "NEVER" },
    ]);
    const startsAt = new Date(Date.now() + 10 * DAY_MS);
    const meeting = await db.meeting.create({
      data: { title: "Plenaria", kind: "GOVERNANCE", startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), location: "Sala consiliare", audience: "PARTNERS", reminderDaysBefore: 2 },
    });
    await convokeMeeting(meeting.id, t.actor);
    expect((await deliver()).map((m) => m.to[0])).toEqual(["marco@example.org", "sara@example.org"]);

    expect(await sendMeetingReminders(new Date(startsAt.getTime() - DAY_MS))).toMatchObject({ mails: 1 });
    expect((await deliver()).map((m) => m.to[0])).toEqual(["sara@example.org"]);
    expect(await db.digestItem.count()).toBe(0);
  });

  it("counts readers: opening it marks it read once; the feed puts unread first; the coordinator sees who read it and which mail bounced", async () => {
    const t = await tavolo();
    refused.add("marco@example.org");
    const older = await saveAnnouncement({ fields: fields({ title: "Più vecchia", audience: "GROUP", workingGroupId: t.group.id }), actor: t.actor, now: new Date(Date.now() - DAY_MS) });
    const newer = await saveAnnouncement({ fields: fields({ title: "Più recente", audience: "GROUP", workingGroupId: t.group.id }), actor: t.actor });
    await deliver();

    const open = (id: string) => outcome(() => announcementLoader(routeArgs(get(`/comunicazioni/${id}`), session(t.anna), { id })));
    expect((await open(newer)).status).toBe(200);
    const firstRead = (await db.announcementRecipient.findFirstOrThrow({ where: { announcementId: newer, userId: t.anna.id } })).readAt;
    expect(firstRead).toBeInstanceOf(Date);
    await open(newer);
    expect((await db.announcementRecipient.findFirstOrThrow({ where: { announcementId: newer, userId: t.anna.id } })).readAt).toEqual(firstRead);

    const feed = await outcome(() => feedLoader(routeArgs(get("/comunicazioni"), session(t.anna))));
    const items = (feed.data as { feed: { unread: number; items: { id: string; read: boolean }[] } }).feed;
    expect(items.unread).toBe(1);
    expect(items.items.map((i) => [i.id, i.read])).toEqual([
      [older, false],
      [newer, true],
    ]);

    const page = await outcome(() => announcementLoader(routeArgs(get(`/comunicazioni/${newer}`), session(t.coordinator), { id: newer })));
    const statistics = (page.data as { statistics: { recipients: number; read: number; people: { name: string; state: string; readAt: string | null }[] } }).statistics;
    expect(statistics).toMatchObject({ recipients: 2, read: 1 });
    expect(statistics.people.find((p) => p.name === "Marco Colombo")).toMatchObject({ state: "E-mail rifiutata dal server (bounce)", readAt: null });
    expect(statistics.people.find((p) => p.name === "Anna Neri")).toMatchObject({ state: "E-mail inviata" });
    expect(statistics.people.find((p) => p.name === "Anna Neri")?.readAt).toBeTruthy();

    const management = await outcome(() => feedLoader(routeArgs(get("/comunicazioni"), session(t.coordinator))));
    const rows = (management.data as { management: { items: { id: string; read: number; recipients: number; rejected: number; failed: number }[] } }).management.items;
    expect(rows.find((r) => r.id === newer)).toMatchObject({ read: 1, recipients: 2, rejected: 1, failed: 0 });
  });

  it("only coordinators write announcements", async () => {
    const t = await tavolo();
    expect((await outcome(() => newLoader(routeArgs(get("/comunicazioni/nuova"), session(t.anna))))).status).toBe(403);
    const forged = multipart("/comunicazioni/nuova", { intent: "send", title: "Falsa", bodyHtml: "<p>x</p>", audience: "ALL" });
    expect((await outcome(() => newAction(routeArgs(forged, session(t.marco))))).status).toBe(403);
    expect(await db.announcement.count()).toBe(0);
  });

  it("refuses bad input with a clear message and writes nothing", async () => {
    const t = await tavolo();
    const attempt = (values: Record<string, string | string[]>, file?: { bytes: Uint8Array; name: string }) =>
      outcome(() => newAction(routeArgs(multipart("/comunicazioni/nuova", values, file), session(t.coordinator))));
    const ok = { intent: "send", title: "Titolo", bodyHtml: "<p>Testo</p>", audience: "ALL" };

    const noTitle = await attempt({ ...ok, title: "  " });
    expect(noTitle).toMatchObject({ status: 400, errors: { fieldErrors: { title: "Scrivi il titolo della comunicazione." } } });
    const past = await attempt({ ...ok, intent: "schedule", sendAt: romeInput(new Date(Date.now() - 3_600_000)) });
    expect(past).toMatchObject({ status: 400, errors: { fieldErrors: { sendAt: "L'invio programmato deve essere nel futuro." } } });
    const noTime = await attempt({ ...ok, intent: "schedule", sendAt: "" });
    expect(noTime.errors?.fieldErrors.sendAt).toBe("Scegli la data e l'ora dell'invio.");
    expect((await attempt({ ...ok, audience: "GROUP" })).errors?.fieldErrors.workingGroupId).toBe("Scegli il gruppo di lavoro.");
    expect((await attempt({ ...ok, audience: "PEOPLE" })).errors?.fieldErrors.personIds).toBe("Scegli almeno una persona.");
    expect((await attempt({ ...ok, audience: "NETWORK", networkId: "inesistente" })).errors?.fieldErrors.networkId).toBe("La rete tematica scelta non esiste.");
    expect((await attempt({ ...ok, audience: "EVERYONE" })).status).toBe(400);
    const wrongType = await attempt(ok, { bytes: new TextEncoder().encode("#!/bin/sh\necho ciao\n"), name: "relazione.pdf" });
    expect(wrongType.status).toBe(415);
    expect(wrongType.errors?.fieldErrors.attachment).toContain("non è di un tipo ammesso");
    // A valid attachment but a refused announcement: the file does not stay either.
    expect((await attempt({ ...ok, title: "" }, { bytes: minimalPdf(), name: "ok.pdf" })).status).toBe(400);
    // An announcement nobody active would receive is not sent.
    const emptyGroup = await db.workingGroup.create({ data: { name: "Gruppo vuoto", thematicArea: "Nessuna" } });
    expect((await attempt({ ...ok, audience: "GROUP", workingGroupId: emptyGroup.id })).status).toBe(409);

    expect(await db.announcement.count()).toBe(0);
    expect(await db.storedFile.count()).toBe(0);
    expect(await db.outboxMail.count()).toBe(0);
    expect(tmpEntries()).toEqual([]);
  });
});

describe("scheduled times", () => {
  it("are read as Rome wall-clock time, across daylight saving, and a time the clocks skip is refused", () => {
    expect(parseRomeDateTime("2026-01-15T09:30")).toEqual(new Date("2026-01-15T08:30:00.000Z"));
    expect(parseRomeDateTime("2026-07-15T09:30")).toEqual(new Date("2026-07-15T07:30:00.000Z"));
    expect(parseRomeDateTime("2026-03-29T02:30")).toBeNull();
    expect(parseRomeDateTime("2026-04-31T09:00")).toBeNull();
    expect(parseRomeDateTime("domani alle 9")).toBeNull();
  });
});

describe("notification preferences page", () => {
  const post = (values: Record<string, string>) => new Request(`${base}/profilo/notifiche`, { method: "POST", body: new URLSearchParams(values) });

  it("shows each kind with its default, saves the choices, and refuses a forged value", async () => {
    const t: Pick<Tavolo, "anna"> = { anna: await createUser({ role: "MEMBER", email: "anna@example.org" }) };
    const shown = await outcome(() => preferencesLoader(routeArgs(get("/profilo/notifiche"), session(t.anna))));
    expect((shown.data as { preferences: unknown[] }).preferences).toEqual([
      { kind: "ANNOUNCEMENT", delivery: "IMMEDIATE" },
      { kind: "VERBALE_PUBLISHED", delivery: "IMMEDIATE" },
      { kind: "DOCUMENT_ADDED", delivery: "DIGEST" },
      { kind: "MEETING_REMINDER", delivery: "IMMEDIATE" },
    ]);
    const choices = { ANNOUNCEMENT: "DIGEST", VERBALE_PUBLISHED: "NEVER", DOCUMENT_ADDED: "IMMEDIATE", MEETING_REMINDER: "IMMEDIATE" };
    expect((await outcome(() => preferencesAction(routeArgs(post(choices), session(t.anna))))).data).toEqual({ saved: true });
    const stored = await db.notificationPreference.findMany({ where: { userId: t.anna.id }, orderBy: { kind: "asc" }, select: { kind: true, delivery: true } });
    expect(Object.fromEntries(stored.map((s) => [s.kind, s.delivery]))).toEqual(choices);

    const forged = await outcome(() => preferencesAction(routeArgs(post({ ...choices, ANNOUNCEMENT: "SMS" }), session(t.anna))));
    expect(forged.status).toBe(400);
    expect(forged.errors?.fieldErrors.ANNOUNCEMENT).toBeTruthy();
    const missing = await outcome(() => preferencesAction(routeArgs(post({ ANNOUNCEMENT: "NEVER" }), session(t.anna))));
    expect(missing.status).toBe(400);
    expect((await db.notificationPreference.findUniqueOrThrow({ where: { userId_kind: { userId: t.anna.id, kind: "ANNOUNCEMENT" } } })).delivery).toBe("DIGEST");
  });
});
