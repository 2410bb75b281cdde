import { Transform } from "node:stream";
import ICAL from "ical.js";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import {
  cancelMeeting,
  convokeMeeting,
  listReplies,
  nameSubstitute,
  replyToMeeting,
  replyWithToken,
  sendMeetingReminders,
  sendMeetingUpdate,
} from "~/domain/convocations.server";
import { romeInstant } from "~/domain/meeting-rules";
import { deliverDueMails } from "~/mail/outbox.server";
import { loader as calendarLoader } from "~/routes/meeting.ics";
import { action as editMeetingAction } from "~/routes/meeting.edit";
import { action as substituteAction, loader as substituteLoader } from "~/routes/meeting.substitute";
import { action as rsvpAction, loader as rsvpLoader } from "~/routes/rsvp";
import { createOrganisation, createUser, sessionUser } from "../factories";
import { linkIn, startSmtpCatcher } from "../smtp";
import { routeArgs } from "../support/routes";

const DAY_MS = 86_400_000;

let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
/** Each message exactly as it went over SMTP, beside what the catcher parsed of it. */
let raw: string[] = [];
let transport: ReturnType<typeof nodemailer.createTransport>;

beforeAll(async () => {
  catcher = await startSmtpCatcher();
  transport = nodemailer.createTransport(catcher.url);
  // nodemailer's "stream" plugin step sees the finished message as it is written to the server.
  transport.use("stream", (mail, done) => {
    const chunks: Buffer[] = [];
    mail.message.transform(
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          chunks.push(chunk);
          callback(null, chunk);
        },
        flush(callback) {
          raw.push(Buffer.concat(chunks).toString("utf8"));
          callback();
        },
      }),
    );
    done();
  });
});
afterAll(async () => {
  transport.close();
  await catcher.close();
});
beforeEach(() => {
  catcher.messages.length = 0;
  raw = [];
});

async function deliver() {
  await deliverDueMails({ transport, workerId: "test" });
}

/** The calendar part of a raw message, unfolded and decoded (nodemailer may encode it). */
function calendarPart(message: string) {
  const match = message.match(/Content-Type: text\/calendar; charset=utf-8; method=(\w+)\r\nContent-Transfer-Encoding: (\S+)\r\n\r\n([\s\S]*?)\r\n--/);
  if (!match) throw new Error(`No text/calendar part in:\n${message.slice(0, 2000)}`);
  const [, method, encoding, body] = match;
  const text =
    encoding === "base64"
      ? Buffer.from(body!.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? Buffer.from(body!.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), "latin1").toString("utf8")
        : body!;
  const event = new ICAL.Component(ICAL.parse(text));
  return { method, event: event.getFirstSubcomponent("vevent")!, calendarMethod: event.getFirstPropertyValue("method") };
}

const rawTo = (address: string) => raw.filter((message) => new RegExp(`^To: ${address.replace(/\./g, "\\.")}`, "m").test(message));
const mailsTo = (address: string) => catcher.messages.filter((m) => m.to.includes(address));

async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, body: await value.text(), response: value };
  if (value instanceof Error) throw value;
  const result = value as { data?: unknown; init?: { status: number } | null; type?: string };
  if (result && typeof result === "object" && result.type === "DataWithResponseInit") {
    return { status: result.init?.status ?? 200, data: result.data as Record<string, unknown> };
  }
  return { status: 200, data: value as Record<string, unknown> };
}

const asSession = (user: { id: string; email: string; name: string; organisationId: string }, role: Role): SessionUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role,
  organisationId: user.organisationId,
  organisationName: "Organizzazione",
  sessionId: "sessione",
});

/** Two partner organisations with their delegates, the coordinating body and a draft plenary in ten days. */
async function plenary(options: { startsAt?: Date; reminderDaysBefore?: number } = {}) {
  const comune = await createOrganisation({ name: "Comune di Prova", isCoordinator: true, status: "EX_PARTNER" });
  const coordinator = await createUser({ role: "COORDINATOR", name: "Giulia Ferrari", organisationId: comune.id, email: "coordinatrice@example.org", password: null });
  const caritas = await createOrganisation({ name: "Caritas di Prova" });
  const marco = await createUser({ role: "REFERENT", name: "Marco Colombo", organisationId: caritas.id, email: "marco@example.org", password: null });
  const anna = await createUser({ role: "MEMBER", name: "Anna Neri", organisationId: caritas.id, email: "anna@example.org", password: null });
  await db.organisation.update({ where: { id: caritas.id }, data: { delegateId: marco.id } });
  const acli = await createOrganisation({ name: "ACLI di Prova" });
  const sara = await createUser({ role: "REFERENT", name: "Sara Villa", organisationId: acli.id, email: "sara@example.org", password: null });
  await db.organisation.update({ where: { id: acli.id }, data: { delegateId: sara.id } });
  const startsAt = options.startsAt ?? new Date(Date.now() + 10 * DAY_MS);
  const meeting = await db.meeting.create({
    data: {
      title: "Plenaria del tavolo",
      kind: "GOVERNANCE",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      location: "Sala consiliare",
      videoLink: "https://meet.example.org/tavolo",
      audience: "PARTNERS",
      reminderDaysBefore: options.reminderDaysBefore ?? 2,
      agendaItems: {
        create: [
          { position: 2, title: "Emporio solidale: stato dei lavori", presenter: "Caritas", durationMinutes: 30 },
          { position: 1, title: "Approvazione del verbale della seduta precedente", durationMinutes: 10 },
        ],
      },
    },
  });
  return { comune, coordinator, caritas, marco, anna, acli, sara, meeting, actor: sessionUser(coordinator) };
}

describe("convocations", () => {
  it("convokes each invitee once with the agenda, reply links and a calendar request; the link's POST records the reply", async () => {
    const { meeting, marco, sara, anna, actor } = await plenary();
    expect(await convokeMeeting(meeting.id, actor)).toEqual({ invited: 2 });
    const stored = await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(stored.status).toBe("CONVOKED");
    expect(stored.convokedAt).not.toBeNull();
    await deliver();

    expect(catcher.messages.map((m) => m.to).flat().sort()).toEqual(["marco@example.org", "sara@example.org"]);
    expect(mailsTo(anna.email)).toHaveLength(0);
    const mail = mailsTo(marco.email)[0]!;
    expect(mail.subject).toMatch(/^Convocazione: Plenaria del tavolo, /);
    expect(mail.text).toMatch(/1\. Approvazione del verbale della seduta precedente \(10 minuti\)\n[\s\S]*2\. Emporio solidale: stato dei lavori \(presenta Caritas, 30 minuti\)/);
    expect(mail.text).toContain("Dove: Sala consiliare.");
    expect(mail.text).toContain(`Apri la riunione su Tavolo:\nhttp://localhost:3000/riunioni/${meeting.id}`);
    const accept = linkIn(mail, "/risposta/");
    expect(accept.searchParams.get("r")).toBe("si");
    const token = accept.pathname.split("/").pop()!;
    const stoodFor = await db.invitee.findUniqueOrThrow({ where: { meetingId_userId: { meetingId: meeting.id, userId: marco.id } } });
    expect(stoodFor.rsvpTokenHash).not.toContain(token);
    expect(stoodFor.rsvpTokenHash).toMatch(/^[0-9a-f]{64}$/);

    const [message] = rawTo(marco.email);
    expect(message).toBeDefined();
    expect(message).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    expect(message).toMatch(/Content-Disposition: attachment; filename=invito\.ics/);
    const calendar = calendarPart(message!);
    expect(calendar.calendarMethod).toBe("REQUEST");
    expect(calendar.event.getFirstPropertyValue("uid")).toBe(`${meeting.icsUid}@localhost`);
    expect(calendar.event.getFirstPropertyValue("sequence")).toBe(0);
    expect(calendar.event.getFirstProperty("attendee")?.getFirstValue()).toBe("mailto:marco@example.org");
    expect(calendar.event.getFirstProperty("attendee")?.getParameter("rsvp")).toBe("TRUE");
    expect(calendar.event.getFirstProperty("organizer")?.getParameter("cn")).toBe("Comune di Prova");
    expect(calendarPart(rawTo(sara.email)[0]!).event.getFirstProperty("attendee")?.getFirstValue()).toBe("mailto:sara@example.org");

    // Opening the link (as a mail scanner would) only shows the choice.
    const shown = await outcome(() => rsvpLoader(routeArgs(new Request(accept), null, { token })));
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({ suggested: "ACCEPTED", invitation: { title: "Plenaria del tavolo", location: "Sala consiliare", response: "PENDING" } });
    expect((await db.invitee.findUniqueOrThrow({ where: { id: stoodFor.id } })).response).toBe("PENDING");

    const form = new FormData();
    form.set("response", "ACCEPTED");
    const posted = await outcome(() => rsvpAction(routeArgs(new Request(accept, { method: "POST", body: form }), null, { token })));
    expect(posted.data).toMatchObject({ recorded: "ACCEPTED" });
    const replied = await db.invitee.findUniqueOrThrow({ where: { id: stoodFor.id } });
    expect(replied.response).toBe("ACCEPTED");
    expect(replied.respondedAt).not.toBeNull();

    // Convoking again is refused and sends nothing.
    await expect(convokeMeeting(meeting.id, actor)).rejects.toMatchObject({ status: 409 });
    expect(await db.outboxMail.count()).toBe(2);
  });

  it("refuses a past meeting and tells who has no convocation to give", async () => {
    const { meeting, actor } = await plenary({ startsAt: new Date(Date.now() - DAY_MS) });
    await expect(convokeMeeting(meeting.id, actor)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("già passata") });
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe("DRAFT");
  });

  it("updates the event for everyone who has not declined and convokes whom the audience now covers", async () => {
    const { meeting, marco, sara, actor } = await plenary();
    await convokeMeeting(meeting.id, actor);
    await replyToMeeting({ meetingId: meeting.id, userId: sara.id, response: "DECLINED" });
    await deliver();
    catcher.messages.length = 0;
    raw = [];
    const newcomerOrg = await createOrganisation({ name: "Banco alimentare di Prova", status: "ADERENTE" });
    const luca = await createUser({ role: "REFERENT", name: "Luca Galli", organisationId: newcomerOrg.id, email: "luca@example.org", password: null });
    await db.meeting.update({ where: { id: meeting.id }, data: { location: "Villa Ghirlanda" } });

    expect(await sendMeetingUpdate(meeting.id, actor)).toEqual({ updated: 1, invited: 1 });
    await deliver();
    expect(mailsTo(sara.email)).toHaveLength(0);
    const update = mailsTo(marco.email);
    expect(update).toHaveLength(1);
    expect(update[0]!.subject).toMatch(/^Aggiornamento della riunione: /);
    expect(update[0]!.text).toContain("Dove: Villa Ghirlanda.");
    const calendar = calendarPart(rawTo(marco.email)[0]!);
    expect(calendar.method).toBe("REQUEST");
    expect(calendar.event.getFirstPropertyValue("uid")).toBe(`${meeting.icsUid}@localhost`);
    expect(calendar.event.getFirstPropertyValue("sequence")).toBe(1);
    expect(calendar.event.getFirstPropertyValue("location")).toBe("Villa Ghirlanda");
    expect(mailsTo(luca.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Convocazione: /)]);
  });

  it("tells a person taken off a convoked meeting's list, and their calendar drops the event", async () => {
    const { meeting, marco, sara, actor, coordinator } = await plenary();
    await convokeMeeting(meeting.id, actor);
    await deliver();
    catcher.messages.length = 0;
    raw = [];
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(meeting.startsAt);
    const form = new URLSearchParams({ title: meeting.title, kind: "GOVERNANCE", day, startTime: "15:00", endTime: "17:00", location: "Sala consiliare", videoLink: "", audience: "NAMED", namedIds: marco.id });
    const edit = await outcome(() =>
      editMeetingAction(routeArgs(new Request(`http://localhost:3000/riunioni/${meeting.id}/modifica`, { method: "POST", body: form }), asSession(coordinator, "COORDINATOR"), { id: meeting.id })),
    );
    expect(edit.status).toBeLessThan(400);
    await deliver();
    expect(mailsTo(marco.email)).toHaveLength(0);
    expect(mailsTo(sara.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Non sei più convocato: /)]);
    const calendar = calendarPart(rawTo(sara.email)[0]!);
    expect(calendar.method).toBe("CANCEL");
    expect(calendar.event.getFirstPropertyValue("uid")).toBe(`${meeting.icsUid}@localhost`);
    expect(await db.invitee.count({ where: { meetingId: meeting.id, userId: sara.id } })).toBe(0);
  });

  it("cancels with METHOD:CANCEL to every invitee, after which the reply links stop working", async () => {
    const { meeting, marco, sara, actor } = await plenary();
    await convokeMeeting(meeting.id, actor);
    await deliver();
    const token = linkIn(mailsTo(marco.email)[0]!, "/risposta/").pathname.split("/").pop()!;
    catcher.messages.length = 0;
    raw = [];

    await expect(cancelMeeting(meeting.id, "  ", actor)).rejects.toMatchObject({ status: 400, field: "reason" });
    expect(await cancelMeeting(meeting.id, "Sala non disponibile", actor)).toEqual({ notified: 2 });
    const stored = await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(stored).toMatchObject({ status: "CANCELLED", cancelReason: "Sala non disponibile", icsSequence: 1 });
    await deliver();
    for (const person of [marco, sara]) {
      expect(mailsTo(person.email)[0]!.text).toContain("Motivo: Sala non disponibile");
      const calendar = calendarPart(rawTo(person.email)[0]!);
      expect(calendar.method).toBe("CANCEL");
      expect(calendar.calendarMethod).toBe("CANCEL");
      expect(calendar.event.getFirstPropertyValue("status")).toBe("CANCELLED");
      expect(calendar.event.getFirstPropertyValue("uid")).toBe(`${meeting.icsUid}@localhost`);
      expect(calendar.event.getFirstPropertyValue("sequence")).toBe(1);
    }

    await expect(replyWithToken(token, "ACCEPTED")).rejects.toMatchObject({ status: 410 });
    const page = await outcome(() => rsvpLoader(routeArgs(new Request(`http://localhost:3000/risposta/${token}`), null, { token })));
    expect(page.status).toBe(410);
    expect(page.data).toMatchObject({ invitation: null, problem: expect.stringContaining("annullata") });
    await expect(replyWithToken("non-esiste", "ACCEPTED")).rejects.toMatchObject({ status: 404 });
  });

  it("cancels a draft without any mail", async () => {
    const { meeting, actor } = await plenary();
    expect(await cancelMeeting(meeting.id, "Data da rivedere", actor)).toEqual({ notified: 0 });
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe("CANCELLED");
    expect(await db.outboxMail.count()).toBe(0);
  });

  it("reminds once, only those who have not declined", async () => {
    const startsAt = new Date(Date.now() + 10 * DAY_MS);
    const { meeting, marco, sara, actor } = await plenary({ startsAt, reminderDaysBefore: 2 });
    await convokeMeeting(meeting.id, actor);
    await replyToMeeting({ meetingId: meeting.id, userId: sara.id, response: "DECLINED" });
    await deliver();
    catcher.messages.length = 0;

    expect(await sendMeetingReminders(new Date(startsAt.getTime() - 3 * DAY_MS))).toEqual({ meetings: 0, mails: 0 });
    const inWindow = new Date(startsAt.getTime() - 2 * DAY_MS + 60_000);
    expect(await sendMeetingReminders(inWindow)).toEqual({ meetings: 1, mails: 1 });
    expect(await sendMeetingReminders(new Date(inWindow.getTime() + 3_600_000))).toEqual({ meetings: 0, mails: 0 });
    await deliver();
    expect(catcher.messages).toHaveLength(1);
    expect(catcher.messages[0]!.to).toEqual([marco.email]);
    expect(catcher.messages[0]!.subject).toMatch(/^Promemoria: Plenaria del tavolo/);
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).reminderSentAt).toEqual(inWindow);
  });

  it("sends no reminder for a meeting convoked inside its reminder window: the convocation has just arrived", async () => {
    const { meeting, actor } = await plenary({ startsAt: new Date(Date.now() + DAY_MS), reminderDaysBefore: 2 });
    await convokeMeeting(meeting.id, actor);
    expect(await sendMeetingReminders()).toEqual({ meetings: 0, mails: 0 });
    expect(await db.outboxMail.count({ where: { template: "meeting-reminder" } })).toBe(0);
  });

  it("convokes the substitute a delegate names, and counts the delegate as not attending", async () => {
    const { meeting, marco, anna, sara, caritas, actor } = await plenary();
    await convokeMeeting(meeting.id, actor);
    await deliver();
    catcher.messages.length = 0;
    const params = { id: meeting.id };
    const url = `http://localhost:3000/riunioni/${meeting.id}/sostituto`;

    const refused = await outcome(() => substituteLoader(routeArgs(new Request(url), asSession(anna, "MEMBER"), params)));
    expect(refused.status).toBe(403);
    const page = await outcome(() => substituteLoader(routeArgs(new Request(url), asSession(marco, "REFERENT"), params)));
    expect(page.data).toMatchObject({ open: true, organisationName: caritas.name, current: null, colleagues: [{ value: anna.id, label: "Anna Neri" }] });

    const wrong = new FormData();
    wrong.set("substituteUserId", sara.id);
    const wrongOrg = await outcome(() => substituteAction(routeArgs(new Request(url, { method: "POST", body: wrong }), asSession(marco, "REFERENT"), params)));
    expect(wrongOrg.status).toBe(400);

    const form = new FormData();
    form.set("substituteUserId", anna.id);
    const named = await outcome(() => substituteAction(routeArgs(new Request(url, { method: "POST", body: form }), asSession(marco, "REFERENT"), params)));
    expect(named.data).toMatchObject({ done: expect.stringContaining("Anna Neri") });
    await deliver();
    const [convocation] = mailsTo(anna.email);
    expect(convocation?.subject).toMatch(/^Convocazione: /);
    expect(convocation?.text).toContain("Marco Colombo ti ha indicato come sostituto per Caritas di Prova");
    expect(calendarPart(rawTo(anna.email)[0]!).method).toBe("REQUEST");
    const token = linkIn(convocation!, "/risposta/").pathname.split("/").pop()!;
    expect(await replyWithToken(token, "ACCEPTED")).toMatchObject({ response: "ACCEPTED" });

    const replies = await listReplies(meeting.id);
    expect(replies.people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "Marco Colombo", response: "DECLINED", substituteFor: null }),
        expect.objectContaining({ name: "Anna Neri", response: "ACCEPTED", substituteFor: "Marco Colombo" }),
      ]),
    );
    expect(replies.organisations).toEqual(
      expect.arrayContaining([
        { name: "Caritas di Prova", accepted: 1, declined: 1, pending: 0 },
        { name: "ACLI di Prova", accepted: 0, declined: 0, pending: 1 },
      ]),
    );
    await expect(replyToMeeting({ meetingId: meeting.id, userId: marco.id, response: "ACCEPTED" })).rejects.toMatchObject({ status: 409 });
    await expect(nameSubstitute({ meetingId: meeting.id, delegateUserId: anna.id, substituteUserId: marco.id })).rejects.toMatchObject({ status: 403 });
  });

  it("offers the meeting as a calendar file to signed-in people", async () => {
    const { meeting, marco, actor } = await plenary();
    await convokeMeeting(meeting.id, actor);
    const url = `http://localhost:3000/riunioni/${meeting.id}/calendario.ics`;
    const anonymous = await outcome(() => calendarLoader(routeArgs(new Request(url), null, { id: meeting.id })));
    expect(anonymous.status).toBe(302);
    const download = await outcome(() => calendarLoader(routeArgs(new Request(url), asSession(marco, "REFERENT"), { id: meeting.id })));
    expect(download.status).toBe(200);
    expect(download.response?.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const calendar = new ICAL.Component(ICAL.parse(download.body!));
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    const event = calendar.getFirstSubcomponent("vevent")!;
    expect(event.getFirstPropertyValue("uid")).toBe(`${meeting.icsUid}@localhost`);
    expect(event.getFirstProperty("attendee")?.getFirstValue()).toBe("mailto:marco@example.org");
  });

  it("keeps the daylight-saving time right in the mail", async () => {
    const { meeting, marco, actor } = await plenary();
    await db.meeting.update({
      where: { id: meeting.id },
      data: { startsAt: romeInstant("2099-03-31", "15:00"), endsAt: romeInstant("2099-03-31", "17:00") },
    });
    await convokeMeeting(meeting.id, actor);
    await deliver();
    expect(mailsTo(marco.email)[0]!.text).toContain("Quando: martedì 31 marzo 2099, 15:00-17:00.");
    expect(calendarPart(rawTo(marco.email)[0]!).event.getFirstPropertyValue("dtstart")?.toString()).toBe("2099-03-31T13:00:00Z");
  });
});
