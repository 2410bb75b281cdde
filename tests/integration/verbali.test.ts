import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { parseSections } from "~/domain/verbali.server";
import { loader as compilationLoader } from "~/routes/verbali.compilation";
import { loader as verbaliLoader } from "~/routes/verbali";
import { action as verbaleAction, loader as verbaleLoader } from "~/routes/verbale";
import { loader as pdfLoader } from "~/routes/verbale.pdf";
import { loader as versionsLoader } from "~/routes/verbale.versions";
import { createUser } from "../factories";
import { linkIn, startSmtpCatcher } from "../smtp";
import { deliverOutbox } from "../support/mail";
import { routeArgs } from "../support/routes";

const DAY_MS = 86_400_000;

async function person(role: Role, name: string, email: string) {
  const user = await createUser({ role, name, email });
  const session: SessionUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    role,
    organisationId: user.organisationId,
    organisationName: "Organizzazione di prova",
    sessionId: `sessione-${user.id}`,
  };
  return session;
}

/** The status and body of what a loader or action returned or threw. */
async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, body: await value.text(), response: value, data: undefined as never };
  if (value instanceof Error) throw value;
  const result = value as { data?: unknown; init?: { status: number } | null; type?: string };
  if (result && typeof result === "object" && result.type === "DataWithResponseInit") {
    return { status: result.init?.status ?? 200, data: result.data as never, body: "" };
  }
  return { status: 200, data: value as never, body: "" };
}

/** A governance series with a meeting (two agenda items, attendance taken) and the next meeting of the series. */
async function scene() {
  const anna = await person("COORDINATOR", "Anna Conti", "anna@example.org");
  const bruno = await person("COORDINATOR", "Bruno Sala", "bruno@example.org");
  const marta = await person("MEMBER", "Marta Neri", "marta@example.org");
  const paolo = await person("MEMBER", "Paolo Verdi", "paolo@example.org");
  const lucia = await person("REFERENT", "Lucia Galli", "lucia@example.org");
  const series = await db.meetingSeries.create({
    data: { name: "Assemblea plenaria", kind: "GOVERNANCE", weekOfMonth: 1, weekday: 2, startTime: "15:00", endTime: "17:00", reviewDays: 5 },
  });
  const startsAt = new Date("2026-03-03T14:00:00Z");
  const meeting = await db.meeting.create({
    data: {
      title: "Assemblea di marzo",
      kind: "GOVERNANCE",
      status: "CONVOKED",
      seriesId: series.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      location: "Sala consiliare",
      agendaItems: {
        create: [
          { position: 1, title: "Emporio solidale" },
          { position: 2, title: "Varie ed eventuali" },
        ],
      },
    },
    include: { agendaItems: { orderBy: { position: "asc" } } },
  });
  const next = await db.meeting.create({
    data: { title: "Assemblea di aprile", kind: "GOVERNANCE", status: "DRAFT", seriesId: series.id, startsAt: new Date("2026-04-07T13:00:00Z"), endsAt: new Date("2026-04-07T15:00:00Z") },
  });
  // Marta was there; Lucia was invited and absent; Paolo was not invited.
  for (const [user, present] of [
    [marta, true],
    [lucia, false],
  ] as const) {
    await db.invitee.create({
      data: { meetingId: meeting.id, userId: user.id, organisationId: user.organisationId, rsvpTokenHash: randomBytes(32).toString("hex"), response: "ACCEPTED", present },
    });
  }
  const [item1, item2] = meeting.agendaItems;
  if (!item1 || !item2) throw new Error("agenda missing");
  return { anna, bruno, marta, paolo, lucia, series, meeting, next, item1, item2 };
}

const page = (meetingId: string, user: SessionUser, query = "") =>
  outcome(() => verbaleLoader(routeArgs(new Request(`http://localhost:3000/riunioni/${meetingId}/verbale${query}`), user, { id: meetingId })));

const post = (meetingId: string, user: SessionUser, fields: Record<string, string>) =>
  outcome(() =>
    verbaleAction(
      routeArgs(new Request(`http://localhost:3000/riunioni/${meetingId}/verbale`, { method: "POST", body: new URLSearchParams(fields) }), user, { id: meetingId }),
    ),
  );

const storedSections = async (meetingId: string) => parseSections((await db.verbale.findUniqueOrThrow({ where: { meetingId } })).content);

describe("verbali: writing the draft", () => {
  it("a coordinator's first visit starts the draft: opening, then one section per agenda item; members see nothing", async () => {
    const { anna, marta, paolo, meeting, item1, item2 } = await scene();
    expect((await page(meeting.id, paolo)).status).toBe(403);
    expect(await db.verbale.count()).toBe(0);

    const opened = await page(meeting.id, anna);
    expect(opened.status).toBe(200);
    const data = opened.data as { verbale: { status: string }; workingSections: { key: string; title: string; html: string }[]; editing: boolean };
    expect(data.verbale.status).toBe("BOZZA");
    expect(data.editing).toBe(true);
    expect(data.workingSections.map((s) => [s.key, s.title])).toEqual([
      ["apertura", "Apertura della seduta"],
      [item1.id, "Emporio solidale"],
      [item2.id, "Varie ed eventuali"],
    ]);
    const opening = data.workingSections[0]?.html ?? "";
    expect(opening).toContain("Sala consiliare");
    expect(opening).toContain("martedì 3 marzo 2026, dalle 15:00 alle 17:00");
    expect(opening).toContain("Marta Neri");

    // A draft is the coordinators': neither the attendee nor another member reads it.
    expect((await page(meeting.id, marta)).status).toBe(403);
    expect((await page(meeting.id, paolo)).status).toBe(403);
    expect((await post(meeting.id, marta, { intent: "save", revision: "0", [`html.${item1.id}`]: "<p>x</p>" })).status).toBe(403);
  });

  it("stores the sanitised HTML: script, handlers and script URLs never reach the database", async () => {
    const { anna, meeting, item1 } = await scene();
    await page(meeting.id, anna);
    const saved = await post(meeting.id, anna, {
      intent: "save",
      revision: "0",
      [`html.${item1.id}`]:
        `<h2>Apertura</h2><p onclick="alert(1)">Il tavolo <strong>approva</strong><img src=x onerror="alert(2)"></p><script>alert(3)</script>` +
        `<a href="javascript:alert(4)">qui</a> <a href="https://comune.example.it">sito</a><svg onload="alert(5)"></svg>`,
    });
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({ saved: { revision: 1 } });
    const section = (await storedSections(meeting.id)).find((s) => s.key === item1.id);
    expect(section?.html).toBe(`<h2>Apertura</h2><p>Il tavolo <strong>approva</strong></p><a>qui</a> <a href="https://comune.example.it" rel="noopener noreferrer">sito</a>`);
    const stored = (await db.verbale.findUniqueOrThrow({ where: { meetingId: meeting.id } })).content;
    expect(stored).not.toMatch(/script|onerror|onclick|onload|javascript:|<img|<svg/i);
  });

  it("a save naming an old revision is refused with 409 and the other's text; the stored text stays; a knowing re-save wins", async () => {
    const { anna, bruno, meeting, item1 } = await scene();
    await page(meeting.id, anna);
    const first = await post(meeting.id, anna, { intent: "save", revision: "0", [`html.${item1.id}`]: "<p>Testo di Anna</p>" });
    expect(first.data).toMatchObject({ saved: { revision: 1 } });

    const stale = await post(meeting.id, bruno, { intent: "save", revision: "0", [`html.${item1.id}`]: "<p>Testo di Bruno</p>" });
    expect(stale.status).toBe(409);
    const conflict = (stale.data as { conflict: { message: string; revision: number; savedBy: string; sections: { key: string; html: string }[] } }).conflict;
    expect(conflict.message).toMatch(/^Mentre scrivevi, Anna Conti ha salvato un altro testo \(.+\)\. Il tuo testo non è stato salvato/);
    expect(conflict.savedBy).toBe("Anna Conti");
    expect(conflict.revision).toBe(1);
    expect(conflict.sections.find((s) => s.key === item1.id)?.html).toBe("<p>Testo di Anna</p>");
    expect((await storedSections(meeting.id)).find((s) => s.key === item1.id)?.html).toBe("<p>Testo di Anna</p>");
    expect((await db.verbale.findUniqueOrThrow({ where: { meetingId: meeting.id } })).revision).toBe(1);

    // Bruno chose to keep his text: he saves again, naming the revision he has now seen.
    const knowing = await post(meeting.id, bruno, { intent: "save", revision: "1", [`html.${item1.id}`]: "<p>Testo di Bruno</p>" });
    expect(knowing.data).toMatchObject({ saved: { revision: 2 } });
    expect((await storedSections(meeting.id)).find((s) => s.key === item1.id)?.html).toBe("<p>Testo di Bruno</p>");
  });
});

describe("verbali: review, approval, publication and corrections", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(() => smtp.close());

  const deliver = () => deliverOutbox(smtp);

  it("goes from draft to published; who reads and comments follows each step; mails reach attendees, then everyone", async () => {
    const { anna, marta, paolo, lucia, meeting, next, item1 } = await scene();
    await page(meeting.id, anna);
    await post(meeting.id, anna, { intent: "save", revision: "0", [`html.${item1.id}`]: "<p>Si decide di aprire l'emporio il sabato.</p>" });

    const review = await post(meeting.id, anna, { intent: "review" });
    expect(review.data).toMatchObject({ done: expect.stringContaining("inviato in revisione") });
    const verbale = await db.verbale.findUniqueOrThrow({ where: { meetingId: meeting.id } });
    expect(verbale.status).toBe("IN_REVISIONE");
    expect(verbale.attendanceSummary).toContain("Presenti: Marta Neri");
    expect(verbale.attendanceSummary).toContain("Quorum:");
    const today = new Date(`${new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Rome" })}T00:00:00.000Z`);
    expect(verbale.reviewUntil?.toISOString()).toBe(new Date(today.getTime() + 5 * DAY_MS).toISOString());

    // Only the attendee (present) is mailed, with a link to the verbale.
    const reviewMails = await deliver();
    expect(reviewMails.map((m) => m.to)).toEqual([["marta@example.org"]]);
    expect(reviewMails[0]?.subject).toBe("Verbale in revisione: Assemblea di marzo del 3 marzo 2026");
    expect(linkIn(reviewMails[0] ?? { text: "", subject: "" }, `/riunioni/${meeting.id}/verbale`).pathname).toBe(`/riunioni/${meeting.id}/verbale`);

    // In review: the attendee reads and comments; the absent invitee and other members do not.
    const martaView = await page(meeting.id, marta);
    expect(martaView.status).toBe(200);
    expect(martaView.data).toMatchObject({ canComment: true, editing: false, canManage: false });
    expect((await page(meeting.id, lucia)).status).toBe(403);
    expect((await page(meeting.id, paolo)).status).toBe(403);
    expect((await post(meeting.id, marta, { intent: "comment", text: "Manca l'orario di apertura." })).data).toMatchObject({ done: "Commento aggiunto." });
    expect((await post(meeting.id, paolo, { intent: "comment", text: "Io non c'ero" })).status).toBe(403);
    expect((await post(meeting.id, marta, { intent: "approve" })).status).toBe(403);
    expect(await db.verbaleComment.findMany({ select: { authorName: true, text: true } })).toEqual([{ authorName: "Marta Neri", text: "Manca l'orario di apertura." }]);

    // Once the review days are over, no more comments.
    await db.verbale.update({ where: { id: verbale.id }, data: { reviewUntil: new Date(today.getTime() - DAY_MS) } });
    const late = await post(meeting.id, marta, { intent: "comment", text: "Troppo tardi?" });
    expect(late.status).toBe(409);
    expect((late.data as { errors: { fieldErrors: Record<string, string> } }).errors.fieldErrors.text).toMatch(/^Il periodo per i commenti si è chiuso il /);

    await db.verbale.update({ where: { id: verbale.id }, data: { reviewUntil: new Date(today.getTime() + DAY_MS) } });
    const wrongMeeting = await post(meeting.id, anna, { intent: "approve", approvedAtMeetingId: meeting.id });
    expect(wrongMeeting.status).toBe(400);
    expect((await post(meeting.id, anna, { intent: "approve", approvedAtMeetingId: next.id })).status).toBe(200);
    const approved = await db.verbale.findUniqueOrThrow({ where: { id: verbale.id } });
    expect(approved).toMatchObject({ status: "APPROVATO", approvedAtMeetingId: next.id });
    expect(approved.approvedAt).not.toBeNull();
    // Approved: the text no longer changes, and members still do not read it.
    expect((await post(meeting.id, anna, { intent: "save", revision: String(approved.revision), [`html.${item1.id}`]: "<p>Altro</p>" })).status).toBe(409);
    expect((await page(meeting.id, paolo)).status).toBe(403);
    expect((await page(meeting.id, marta)).status).toBe(200);

    await deliver();
    expect((await post(meeting.id, anna, { intent: "publish" })).status).toBe(200);
    const published = await db.verbale.findUniqueOrThrow({ where: { id: verbale.id }, include: { versions: true } });
    expect(published.status).toBe("PUBBLICATO");
    expect(published.publishedAt).not.toBeNull();
    expect(published.versions.map((v) => [v.number, v.reason])).toEqual([[1, ""]]);
    const publicationMails = await deliver();
    expect(publicationMails.map((m) => m.to[0])).toEqual(["anna@example.org", "bruno@example.org", "lucia@example.org", "marta@example.org", "paolo@example.org"]);
    expect(publicationMails[0]?.subject).toBe("Verbale pubblicato: Assemblea di marzo del 3 marzo 2026");
    expect(publicationMails[0]?.text).toContain(`http://localhost:3000/riunioni/${meeting.id}/verbale.pdf`);

    // Published: every member reads it and downloads the PDF.
    const paoloView = await page(meeting.id, paolo);
    expect(paoloView.status).toBe(200);
    expect((paoloView.data as { sections: { key: string; html: string }[] }).sections.find((s) => s.key === item1.id)?.html).toBe(
      "<p>Si decide di aprire l'emporio il sabato.</p>",
    );
    const pdf = await pdfLoader(routeArgs(new Request(`http://localhost:3000/riunioni/${meeting.id}/verbale.pdf`), paolo, { id: meeting.id }));
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");

    const list = await outcome(() => verbaliLoader(routeArgs(new Request("http://localhost:3000/verbali?q=emporio%20il%20sabato"), paolo)));
    expect((list.data as { verbali: { meetingId: string }[] }).verbali.map((v) => v.meetingId)).toEqual([meeting.id]);
    const none = await outcome(() => verbaliLoader(routeArgs(new Request("http://localhost:3000/verbali?q=strong"), paolo)));
    expect((none.data as { verbali: unknown[] }).verbali).toEqual([]);
  });

  it("in review, before attendance is taken, the invitees who accepted are the attendees", async () => {
    const { anna, marta, lucia, meeting, item1 } = await scene();
    await page(meeting.id, anna);
    await post(meeting.id, anna, { intent: "save", revision: "0", [`html.${item1.id}`]: "<p>Testo.</p>" });
    expect((await post(meeting.id, anna, { intent: "review" })).status).toBe(200);
    await db.invitee.updateMany({ where: { meetingId: meeting.id }, data: { present: null } });
    await db.invitee.updateMany({ where: { meetingId: meeting.id, userId: lucia.id }, data: { response: "DECLINED" } });

    expect((await page(meeting.id, marta)).data).toMatchObject({ canComment: true, canManage: false });
    expect((await page(meeting.id, lucia)).status).toBe(403);
  });

  it("a correction is a new version with its reason; members keep reading the published text until it is published; versions compare", async () => {
    const { anna, paolo, meeting, series, item1 } = await scene();
    await page(meeting.id, anna);
    await post(meeting.id, anna, { intent: "save", revision: "0", [`html.${item1.id}`]: "<p>Apertura il sabato mattina.</p>" });
    for (const intent of ["review", "approve", "publish"]) expect((await post(meeting.id, anna, { intent })).status).toBe(200);
    await deliver();

    const correcting = await page(meeting.id, anna, "?correzione");
    expect(correcting.data).toMatchObject({ editing: true, correcting: true });
    const revision = (await db.verbale.findUniqueOrThrow({ where: { meetingId: meeting.id } })).revision;
    await post(meeting.id, anna, { intent: "save", revision: String(revision), [`html.${item1.id}`]: "<p>Apertura il sabato pomeriggio.</p>" });
    const memberView = await page(meeting.id, paolo);
    expect((memberView.data as { sections: { key: string; html: string }[] }).sections.find((s) => s.key === item1.id)?.html).toBe("<p>Apertura il sabato mattina.</p>");

    const noReason = await post(meeting.id, anna, { intent: "publishCorrection", reason: "" });
    expect(noReason.status).toBe(400);
    const corrected = await post(meeting.id, anna, { intent: "publishCorrection", reason: "Orario sbagliato" });
    expect(corrected.status).toBe(302);
    const versions = await db.verbaleVersion.findMany({ orderBy: { number: "asc" }, select: { number: true, reason: true } });
    expect(versions).toEqual([
      { number: 1, reason: "" },
      { number: 2, reason: "Orario sbagliato" },
    ]);
    const mails = await deliver();
    expect(mails[0]?.subject).toBe("Verbale corretto (versione 2): Assemblea di marzo del 3 marzo 2026");
    expect(mails[0]?.text).toContain("Motivo della correzione: Orario sbagliato");
    const after = await page(meeting.id, paolo);
    expect((after.data as { sections: { key: string; html: string }[] }).sections.find((s) => s.key === item1.id)?.html).toBe("<p>Apertura il sabato pomeriggio.</p>");

    const compared = await outcome(() =>
      versionsLoader(routeArgs(new Request(`http://localhost:3000/riunioni/${meeting.id}/verbale/versioni?a=1&b=2`), paolo, { id: meeting.id })),
    );
    const comparison = (compared.data as { comparison: { sections: { key: string; changed: boolean; parts: { kind: string; text: string }[] }[] } }).comparison;
    const section = comparison.sections.find((s) => s.key === item1.id);
    expect(section?.changed).toBe(true);
    expect(section?.parts.filter((p) => p.kind !== "same")).toEqual([
      { kind: "removed", text: "mattina" },
      { kind: "added", text: "pomeriggio" },
    ]);
    expect(comparison.sections.find((s) => s.key === "apertura")?.changed).toBe(false);

    const compilation = await compilationLoader(
      routeArgs(new Request(`http://localhost:3000/verbali/raccolta.pdf?serie=${series.id}&dal=2026-01-01&al=2026-12-31`), paolo),
    );
    expect(Buffer.from(await compilation.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
