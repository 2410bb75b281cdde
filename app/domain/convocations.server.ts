import { join, sqltag as sql } from "@prisma/client/runtime/client";
import { convocationMail, type MeetingMailDetails } from "../../emails/convocation";
import { meetingCancelledMail } from "../../emails/meeting-cancelled";
import { meetingReminderMail } from "../../emails/meeting-reminder";
import { meetingUpdateMail } from "../../emails/meeting-update";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { type Actor, recordChange } from "~/domain/audit.server";
import { resolveInvitees } from "~/domain/meetings.server";
import { notify } from "~/domain/notifications.server";
import { db, type DbTransaction } from "~/db.server";
import { env } from "~/env.server";
import { meetingIcs, meetingIcsFor, type CalendarMeeting, type CalendarMethod } from "~/mail/calendar.server";
import { enqueueMail, enqueueMails, wakeMailWorker } from "~/mail/outbox.server";
import { formatRome, formatWeekdayDateTime } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";

// Convocations: the mail with the agenda and the calendar invitation, the replies (from the mail's
// links without signing in, or in the app), updates and cancellations sent to the invitees, the
// substitute an organisation's delegate names for one meeting, and the reminder before it.
// Every mail is queued in the same transaction as the change it reports.

export type MeetingResponse = "ACCEPTED" | "DECLINED";

const DAY_MS = 86_400_000;

const RESPONSE_LABELS: Record<string, string> = {
  PENDING: "In attesa di risposta",
  ACCEPTED: "Partecipa",
  DECLINED: "Non partecipa",
};
export const responseLabel = (response: string) => RESPONSE_LABELS[response] ?? response;

const meetingUrl = (meetingId: string) => `${env.APP_URL}/riunioni/${meetingId}`;
const rsvpUrl = (token: string, answer: "si" | "no") => `${env.APP_URL}/risposta/${token}?r=${answer}`;

/** "martedì 30 marzo 2027, 15:00-17:00", in Rome time. */
export const meetingWhen = (meeting: { startsAt: Date; endsAt: Date }) =>
  `${formatWeekdayDateTime(meeting.startsAt)}-${formatRome(meeting.endsAt, "HH:mm")}`;

const meetingInclude = {
  agendaItems: { orderBy: { position: "asc" }, select: { title: true, presenter: true, durationMinutes: true } },
} as const;

type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

async function loadMeeting(tx: DbTransaction, meetingId: string) {
  return tx.meeting.findUnique({ where: { id: meetingId }, include: meetingInclude });
}

async function requireMeeting(tx: DbTransaction, meetingId: string) {
  const meeting = await loadMeeting(tx, meetingId);
  if (!meeting) throw new UserFacingError("Riunione non trovata.", 404);
  return meeting;
}

/** The body that convenes the tavolo: the organizer in calendars and the sender named in mails. */
async function convenerName(tx: DbTransaction) {
  const coordinator = await tx.organisation.findFirst({ where: { isCoordinator: true }, orderBy: { createdAt: "asc" }, select: { name: true } });
  return coordinator?.name ?? env.TAVOLO_NAME;
}

const mailDetails = (meeting: LoadedMeeting): MeetingMailDetails => ({
  title: meeting.title,
  when: meetingWhen(meeting),
  location: meeting.location,
  videoLink: meeting.videoLink,
  agenda: meeting.agendaItems,
  meetingUrl: meetingUrl(meeting.id),
});

const calendarMeeting = (meeting: LoadedMeeting): CalendarMeeting => ({
  icsUid: meeting.icsUid,
  icsSequence: meeting.icsSequence,
  title: meeting.title,
  startsAt: meeting.startsAt,
  endsAt: meeting.endsAt,
  location: meeting.location,
  videoLink: meeting.videoLink,
  url: meetingUrl(meeting.id),
  agenda: meeting.agendaItems,
  cancelled: meeting.status === "CANCELLED",
  cancelReason: meeting.cancelReason,
});

interface Recipient {
  name: string;
  email: string;
  response: string;
}

/** An invitee as their calendar names them, with the reply it records. */
const recipient = (invitee: { user: { name: string; email: string } }, response: string): Recipient => ({
  name: invitee.user.name,
  email: invitee.user.email,
  response,
});

/** Each person's calendar (same order): the library is called per meeting, not per person (docs/decisions/034). */
function calendarsFor(meeting: LoadedMeeting, organizerName: string, method: Exclude<CalendarMethod, "PUBLISH">, people: Recipient[]) {
  return meetingIcsFor(calendarMeeting(meeting), { method, organizerName }, people).map((ics) => ({ method, ics }));
}

const inviteeSelect = {
  id: true,
  response: true,
  substituteForId: true,
  user: { select: { id: true, name: true, email: true, active: true } },
  organisation: { select: { name: true } },
  substituteFor: { select: { user: { select: { name: true } } } },
} as const;

type ConvokedInvitee = { id: string; user: { name: string; email: string }; organisation: { name: string }; substituteFor: { user: { name: string } } | null };

/**
 * Writes a fresh reply token for each invitee and queues their convocations. Hundreds of people are
 * the normal case for a plenary: the tokens go in one UPDATE per few hundred rows and the mails in
 * multi-row inserts, so a 500-person convocation reaches the outbox in well under a second
 * (docs/performance.md).
 */
async function convoke(tx: DbTransaction, meeting: LoadedMeeting, organizerName: string, invitees: ConvokedInvitee[]) {
  const tokens = invitees.map((invitee) => ({ invitee, token: generateToken() }));
  const calendars = calendarsFor(meeting, organizerName, "REQUEST", invitees.map((invitee) => recipient(invitee, "PENDING")));
  await writeReplyTokens(
    tx,
    tokens.map(({ invitee, token }) => ({ id: invitee.id, tokenHash: hashToken(token) })),
  );
  await enqueueMails(
    tx,
    tokens.map(({ invitee, token }, index) => ({
      template: "convocation",
      to: invitee.user.email,
      content: convocationMail({
        ...mailDetails(meeting),
        name: invitee.user.name,
        organisationName: invitee.organisation.name,
        convenerName: organizerName,
        acceptUrl: rsvpUrl(token, "si"),
        declineUrl: rsvpUrl(token, "no"),
        substituteFor: invitee.substituteFor?.user.name ?? null,
      }),
      calendar: calendars[index]!,
    })),
  );
}

const TOKENS_PER_UPDATE = 300;

/** One `UPDATE … SET hash = CASE id WHEN … END` per chunk: the same SQL on SQLite and PostgreSQL. */
async function writeReplyTokens(tx: DbTransaction, rows: Array<{ id: string; tokenHash: string }>) {
  const now = new Date();
  for (let start = 0; start < rows.length; start += TOKENS_PER_UPDATE) {
    const chunk = rows.slice(start, start + TOKENS_PER_UPDATE);
    const cases = join(
      chunk.map((row) => sql`WHEN ${row.id} THEN ${row.tokenHash}`),
      " ",
    );
    const ids = join(chunk.map((row) => row.id));
    await tx.$executeRaw`UPDATE "Invitee" SET "rsvpTokenHash" = CASE "id" ${cases} END, "updatedAt" = ${now} WHERE "id" IN (${ids})`;
  }
}

/**
 * Adds an Invitee row for each person the meeting's audience covers who has none yet and returns
 * the new rows. A new row gets a placeholder token hash until its convocation writes the real one.
 */
async function addMissingInvitees(tx: DbTransaction, meetingId: string) {
  const wanted = await resolveInvitees(tx, meetingId);
  const existing = new Set((await tx.invitee.findMany({ where: { meetingId }, select: { userId: true } })).map((i) => i.userId));
  const fresh = wanted.filter((w) => !existing.has(w.userId));
  if (fresh.length === 0) return [];
  const active = await tx.user.findMany({ where: { id: { in: fresh.map((f) => f.userId) }, active: true }, select: { id: true } });
  const activeIds = new Set(active.map((u) => u.id));
  const created = [];
  for (const person of fresh) {
    if (!activeIds.has(person.userId)) continue;
    created.push(
      await tx.invitee.create({
        data: { meetingId, userId: person.userId, organisationId: person.organisationId, rsvpTokenHash: hashToken(generateToken()) },
        select: inviteeSelect,
      }),
    );
  }
  return created;
}

function refuseIfPast(meeting: { startsAt: Date }, now: Date, message: string) {
  if (meeting.startsAt.getTime() <= now.getTime()) throw new UserFacingError(message, 409);
}

// --- Convocation, update, cancellation ---------------------------------------------------------

/** Convokes a draft meeting: every invitee gets the agenda, the calendar invitation and reply links. */
export async function convokeMeeting(meetingId: string, actor: Actor): Promise<{ invited: number }> {
  const now = new Date();
  const result = await db.$transaction(
    async (tx) => {
      const before = await requireMeeting(tx, meetingId);
      if (before.status !== "DRAFT") {
        throw new UserFacingError(
          before.status === "CANCELLED" ? "La riunione è stata annullata: non si può convocare." : "La riunione è già stata convocata: per comunicare modifiche usa «Invia aggiornamento».",
          409,
        );
      }
      refuseIfPast(before, now, "La data della riunione è già passata: spostala prima di convocarla.");
      // The conditional update lets only one of two simultaneous requests convoke.
      const claimed = await tx.meeting.updateMany({ where: { id: meetingId, status: "DRAFT" }, data: { status: "CONVOKED", convokedAt: now } });
      if (claimed.count !== 1) throw new UserFacingError("La riunione è già stata convocata.", 409);
      await addMissingInvitees(tx, meetingId);
      const invitees = await tx.invitee.findMany({
        where: { meetingId, user: { active: true } },
        orderBy: { createdAt: "asc" },
        select: inviteeSelect,
      });
      if (invitees.length === 0) {
        throw new UserFacingError("Nessuna persona da convocare: indica chi è invitato prima di convocare la riunione.", 409);
      }
      const meeting = await requireMeeting(tx, meetingId);
      const organizerName = await convenerName(tx);
      await convoke(tx, meeting, organizerName, invitees);
      await recordChange(tx, { subjectType: "MEETING", subjectId: meetingId, summary: `Riunione convocata: ${invitees.length} persone invitate`, actor });
      return { invited: invitees.length };
    },
    { timeout: 30_000 },
  );
  wakeMailWorker();
  return { invited: result.invited };
}

/**
 * Tells the invitees that a convoked meeting changed: the calendar event is replaced (same UID,
 * higher SEQUENCE); people the audience now covers get their convocation.
 */
export async function sendMeetingUpdate(meetingId: string, actor: Actor): Promise<{ updated: number; invited: number }> {
  const now = new Date();
  const result = await db.$transaction(
    async (tx) => {
      const before = await requireMeeting(tx, meetingId);
      if (before.status !== "CONVOKED") {
        throw new UserFacingError(
          before.status === "DRAFT" ? "La riunione non è ancora stata convocata: convocala per inviare l'invito." : "La riunione è stata annullata.",
          409,
        );
      }
      refuseIfPast(before, now, "La riunione è già iniziata: non si possono più inviare aggiornamenti.");
      const reminderDue = before.startsAt.getTime() - before.reminderDaysBefore * DAY_MS;
      await tx.meeting.update({
        where: { id: meetingId },
        data: {
          icsSequence: { increment: 1 },
          // A meeting moved further away earns its reminder again.
          ...(reminderDue > now.getTime() ? { reminderSentAt: null } : {}),
        },
      });
      const meeting = await requireMeeting(tx, meetingId);
      const organizerName = await convenerName(tx);
      const added = await addMissingInvitees(tx, meetingId);
      await convoke(tx, meeting, organizerName, added);
      const addedIds = added.map((a) => a.id);
      const others = await tx.invitee.findMany({
        where: { meetingId, id: { notIn: addedIds }, response: { not: "DECLINED" }, user: { active: true } },
        orderBy: { createdAt: "asc" },
        select: inviteeSelect,
      });
      const calendars = calendarsFor(meeting, organizerName, "REQUEST", others.map((invitee) => recipient(invitee, invitee.response)));
      await enqueueMails(
        tx,
        others.map((invitee, index) => ({
          template: "meeting-update",
          to: invitee.user.email,
          content: meetingUpdateMail({ ...mailDetails(meeting), name: invitee.user.name }),
          calendar: calendars[index]!,
        })),
      );
      await recordChange(tx, {
        subjectType: "MEETING",
        subjectId: meetingId,
        summary: `Aggiornamento inviato a ${others.length} persone${added.length > 0 ? `, convocazione a ${added.length} nuove` : ""}`,
        actor,
      });
      return { updated: others.length, invited: added.length };
    },
    { timeout: 30_000 },
  );
  wakeMailWorker();
  return { updated: result.updated, invited: result.invited };
}

/** Cancels a meeting; once convoked, every invitee's calendar drops the event (METHOD:CANCEL). */
export async function cancelMeeting(meetingId: string, reason: string, actor: Actor): Promise<{ notified: number }> {
  const why = reason.trim();
  if (!why) throw new UserFacingError("Scrivi il motivo dell'annullamento: arriva a tutti gli invitati.", 400, "reason");
  if (why.length > 1000) throw new UserFacingError("Al massimo 1000 caratteri.", 400, "reason");
  const now = new Date();
  const result = await db.$transaction(
    async (tx) => {
      const before = await requireMeeting(tx, meetingId);
      if (before.status === "CANCELLED") throw new UserFacingError("La riunione è già stata annullata.", 409);
      refuseIfPast(before, now, "La riunione è già iniziata: non si può più annullare.");
      const claimed = await tx.meeting.updateMany({
        where: { id: meetingId, status: before.status },
        data: { status: "CANCELLED", cancelledAt: now, cancelReason: why, icsSequence: { increment: 1 } },
      });
      if (claimed.count !== 1) throw new UserFacingError("La riunione è stata modificata nel frattempo: ricarica la pagina.", 409);
      await recordChange(tx, { subjectType: "MEETING", subjectId: meetingId, summary: `Riunione annullata: ${why}`, actor });
      if (before.status === "DRAFT") return { notified: 0 };
      const meeting = await requireMeeting(tx, meetingId);
      const organizerName = await convenerName(tx);
      const invitees = await tx.invitee.findMany({ where: { meetingId, user: { active: true } }, orderBy: { createdAt: "asc" }, select: inviteeSelect });
      const calendars = calendarsFor(meeting, organizerName, "CANCEL", invitees.map((invitee) => recipient(invitee, invitee.response)));
      await enqueueMails(
        tx,
        invitees.map((invitee, index) => ({
          template: "meeting-cancelled",
          to: invitee.user.email,
          content: meetingCancelledMail({ name: invitee.user.name, title: meeting.title, when: meetingWhen(meeting), reason: why, meetingUrl: meetingUrl(meeting.id) }),
          calendar: calendars[index]!,
        })),
      );
      return { notified: invitees.length };
    },
    { timeout: 30_000 },
  );
  wakeMailWorker();
  return { notified: result.notified };
}

// --- Replies ---------------------------------------------------------------------------------

function refuseClosedMeeting(meeting: { status: string; startsAt: Date }, now: Date) {
  if (meeting.status === "CANCELLED") throw new UserFacingError("La riunione è stata annullata: non serve più rispondere.", 410);
  if (meeting.status !== "CONVOKED") throw new UserFacingError("La riunione non è ancora stata convocata.", 409);
  if (meeting.startsAt.getTime() <= now.getTime()) {
    throw new UserFacingError("La riunione è già iniziata o si è già svolta: non si può più rispondere alla convocazione.", 410);
  }
}

async function recordReply(
  tx: DbTransaction,
  invitee: {
    id: string;
    response: string;
    user: { id: string; name: string };
    organisation: { name: string };
    substitute: { user: { name: string } } | null;
    meeting: { id: string };
  },
  response: MeetingResponse,
  now: Date,
) {
  if (response === "ACCEPTED" && invitee.substitute) {
    throw new UserFacingError(
      `Per questa riunione hai indicato ${invitee.substitute.user.name} come sostituto: la tua organizzazione è già rappresentata.`,
      409,
    );
  }
  const reply = await tx.invitee.update({ where: { id: invitee.id }, data: { response, respondedAt: now }, select: { response: true, respondedAt: true } });
  // The person answers for themselves, signed in or through their link: they are the actor.
  await recordChange(tx, {
    subjectType: "MEETING",
    subjectId: invitee.meeting.id,
    summary: `Risposta alla convocazione: ${invitee.user.name} (${invitee.organisation.name}) ${response === "ACCEPTED" ? "partecipa" : "non partecipa"}`,
    actor: invitee.user,
    changes: { Risposta: [invitee.response === "PENDING" ? "" : responseLabel(invitee.response), responseLabel(response)] },
  });
  return reply;
}

const replySelect = {
  id: true,
  response: true,
  user: { select: { id: true, name: true } },
  organisation: { select: { name: true } },
  substitute: { select: { user: { select: { name: true } } } },
  meeting: { select: { id: true, title: true, status: true, startsAt: true, endsAt: true, location: true, videoLink: true } },
} as const;

/** A reply given in the app by a signed-in invitee. */
export async function replyToMeeting(input: { meetingId: string; userId: string; response: MeetingResponse }) {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const invitee = await tx.invitee.findUnique({ where: { meetingId_userId: { meetingId: input.meetingId, userId: input.userId } }, select: replySelect });
    if (!invitee) throw new UserFacingError("Non risulti tra gli invitati a questa riunione.", 404);
    refuseClosedMeeting(invitee.meeting, now);
    return recordReply(tx, invitee, input.response, now);
  });
}

/** The meeting and the invitee a reply link stands for, as the reply page shows them. */
export async function findInvitationByToken(token: string) {
  const invitee = await db.invitee.findUnique({
    where: { rsvpTokenHash: hashToken(token) },
    select: { respondedAt: true, ...replySelect },
  });
  if (!invitee) throw new UserFacingError("Questo collegamento non è valido: controlla di averlo copiato per intero dalla convocazione.", 404);
  refuseClosedMeeting(invitee.meeting, new Date());
  return invitee;
}

/** A reply from the mail's link, without signing in: the token itself is the proof. */
export async function replyWithToken(token: string, response: MeetingResponse) {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const invitee = await tx.invitee.findUnique({ where: { rsvpTokenHash: hashToken(token) }, select: replySelect });
    if (!invitee) throw new UserFacingError("Questo collegamento non è valido: controlla di averlo copiato per intero dalla convocazione.", 404);
    refuseClosedMeeting(invitee.meeting, now);
    const reply = await recordReply(tx, invitee, response, now);
    return { ...reply, meeting: invitee.meeting };
  });
}

/** Replies per person and per organisation, for the meeting page. */
export async function listReplies(meetingId: string) {
  const invitees = await db.invitee.findMany({
    where: { meetingId },
    orderBy: [{ organisation: { name: "asc" } }, { user: { name: "asc" } }],
    select: {
      response: true,
      respondedAt: true,
      user: { select: { name: true } },
      organisation: { select: { name: true } },
      substituteFor: { select: { user: { select: { name: true } } } },
    },
  });
  const people = invitees.map((i) => ({
    name: i.user.name,
    organisation: i.organisation.name,
    response: i.response,
    respondedAt: i.respondedAt,
    substituteFor: i.substituteFor?.user.name ?? null,
  }));
  const byOrganisation = new Map<string, { name: string; accepted: number; declined: number; pending: number }>();
  for (const person of people) {
    const row = byOrganisation.get(person.organisation) ?? { name: person.organisation, accepted: 0, declined: 0, pending: 0 };
    if (person.response === "ACCEPTED") row.accepted++;
    else if (person.response === "DECLINED") row.declined++;
    else row.pending++;
    byOrganisation.set(person.organisation, row);
  }
  return { people, organisations: [...byOrganisation.values()] };
}

// --- Substitutes -----------------------------------------------------------------------------

/**
 * What the substitute page needs: the meeting, the organisation the user is delegate of at this
 * meeting, the colleagues they can name and who is named now. Throws 403 for anyone else.
 */
export async function substituteChoices(meetingId: string, userId: string) {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { id: true, title: true, status: true, startsAt: true, endsAt: true } });
  if (!meeting) throw new UserFacingError("Riunione non trovata.", 404);
  const delegateInvitee = await delegateInviteeOf(db, meetingId, userId);
  const colleagues = await db.user.findMany({
    where: { organisationId: delegateInvitee.organisationId, active: true, id: { not: userId } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  return {
    meeting: { ...meeting, when: meetingWhen(meeting) },
    organisationName: delegateInvitee.organisation.name,
    current: delegateInvitee.substitute ? { userId: delegateInvitee.substitute.userId, name: delegateInvitee.substitute.user.name } : null,
    colleagues,
  };
}

async function delegateInviteeOf(client: DbTransaction, meetingId: string, userId: string) {
  const invitee = await client.invitee.findUnique({
    where: { meetingId_userId: { meetingId, userId } },
    select: {
      id: true,
      organisationId: true,
      substituteForId: true,
      user: { select: { name: true } },
      organisation: { select: { name: true, delegateId: true } },
      substitute: { select: { id: true, userId: true, user: { select: { name: true, email: true } } } },
    },
  });
  if (!invitee || invitee.organisation.delegateId !== userId || invitee.substituteForId) {
    throw new UserFacingError("Solo il delegato di un'organizzazione invitata alla riunione può indicare un sostituto.", 403);
  }
  return invitee;
}

/**
 * The organisation's delegate names a colleague for this meeting only: the colleague is convoked in
 * their place and the delegate's own reply becomes "non partecipa". Naming another replaces the
 * previous substitute, whose calendar drops the event.
 */
export async function nameSubstitute(input: { meetingId: string; delegateUserId: string; substituteUserId: string }) {
  const now = new Date();
  const result = await db.$transaction(
    async (tx) => {
      const meeting = await requireMeeting(tx, input.meetingId);
      const delegate = await delegateInviteeOf(tx, input.meetingId, input.delegateUserId);
      if (meeting.status !== "CONVOKED") {
        throw new UserFacingError(
          meeting.status === "CANCELLED" ? "La riunione è stata annullata." : "La riunione non è ancora stata convocata: potrai indicare un sostituto dopo la convocazione.",
          409,
        );
      }
      refuseIfPast(meeting, now, "La riunione è già iniziata: non si può più indicare un sostituto.");
      if (input.substituteUserId === input.delegateUserId) {
        throw new UserFacingError("Scegli una persona diversa da te.", 400, "substituteUserId");
      }
      const substitute = await tx.user.findFirst({
        where: { id: input.substituteUserId, organisationId: delegate.organisationId, active: true },
        select: { id: true, name: true },
      });
      if (!substitute) {
        throw new UserFacingError(`Scegli una persona attiva di ${delegate.organisation.name} dall'elenco.`, 400, "substituteUserId");
      }
      if (delegate.substitute?.userId === substitute.id) {
        throw new UserFacingError(`${substitute.name} è già il sostituto indicato per questa riunione.`, 409, "substituteUserId");
      }
      const alreadyInvited = await tx.invitee.findUnique({ where: { meetingId_userId: { meetingId: meeting.id, userId: substitute.id } }, select: { id: true } });
      if (alreadyInvited) {
        throw new UserFacingError(`${substitute.name} è già tra gli invitati a questa riunione: scegli un'altra persona.`, 409, "substituteUserId");
      }
      const organizerName = await convenerName(tx);
      if (delegate.substitute) {
        const previous = delegate.substitute;
        await tx.invitee.delete({ where: { id: previous.id } });
        await enqueueMail(tx, {
          template: "meeting-cancelled",
          to: previous.user.email,
          content: meetingCancelledMail({
            name: previous.user.name,
            title: meeting.title,
            when: meetingWhen(meeting),
            reason: "",
            meetingUrl: meetingUrl(meeting.id),
            withdrawnBy: { delegateName: delegate.user.name, organisationName: delegate.organisation.name },
          }),
          calendar: calendarsFor(meeting, organizerName, "CANCEL", [recipient(previous, "DECLINED")])[0]!,
        });
      }
      await tx.invitee.update({ where: { id: delegate.id }, data: { response: "DECLINED", respondedAt: now } });
      const created = await tx.invitee.create({
        data: {
          meetingId: meeting.id,
          userId: substitute.id,
          organisationId: delegate.organisationId,
          substituteForId: delegate.id,
          rsvpTokenHash: hashToken(generateToken()),
        },
        select: inviteeSelect,
      });
      await convoke(tx, meeting, organizerName, [created]);
      await recordChange(tx, {
        subjectType: "MEETING",
        subjectId: meeting.id,
        summary: `Sostituto indicato da ${delegate.user.name} per ${delegate.organisation.name}: ${substitute.name}`,
        actor: { id: input.delegateUserId, name: delegate.user.name },
        ...(delegate.substitute ? { changes: { Sostituto: [delegate.substitute.user.name, substitute.name] } } : {}),
      });
      return { substituteName: substitute.name };
    },
    { timeout: 30_000 },
  );
  wakeMailWorker();
  return result;
}

/**
 * People the coordinators took off a convoked meeting's list: their calendars drop the event
 * (METHOD:CANCEL) and a mail says why, in the transaction that removes them.
 */
export async function withdrawInvitees(tx: DbTransaction, meetingId: string, inviteeIds: string[]) {
  if (inviteeIds.length === 0) return 0;
  const meeting = await requireMeeting(tx, meetingId);
  if (meeting.status !== "CONVOKED") return 0;
  const organizerName = await convenerName(tx);
  const invitees = await tx.invitee.findMany({ where: { meetingId, id: { in: inviteeIds } }, select: inviteeSelect });
  const calendars = calendarsFor(meeting, organizerName, "CANCEL", invitees.map((invitee) => recipient(invitee, "DECLINED")));
  for (const [index, invitee] of invitees.entries()) {
    await enqueueMail(tx, {
      template: "meeting-cancelled",
      to: invitee.user.email,
      content: meetingCancelledMail({
        name: invitee.user.name,
        title: meeting.title,
        when: meetingWhen(meeting),
        reason: "",
        meetingUrl: meetingUrl(meeting.id),
        removedFromList: true,
      }),
      calendar: calendars[index]!,
    });
  }
  return invitees.length;
}

// --- Reminders and calendar download ---------------------------------------------------------

/**
 * The reminder some days before a convoked meeting (Meeting.reminderDaysBefore) to whoever has not
 * declined. Claiming the meeting with reminderSentAt in the same transaction as the mails makes a
 * repeated or concurrent run send nothing more. A meeting convoked inside its reminder window
 * needs none: the convocation has just arrived.
 */
export async function sendMeetingReminders(now = new Date()): Promise<{ meetings: number; mails: number }> {
  const candidates = await db.meeting.findMany({
    where: { status: "CONVOKED", reminderSentAt: null, startsAt: { gt: now } },
    select: { id: true, startsAt: true, reminderDaysBefore: true, convokedAt: true },
  });
  const due = candidates.filter((m) => {
    const windowOpens = m.startsAt.getTime() - m.reminderDaysBefore * DAY_MS;
    return windowOpens <= now.getTime() && (!m.convokedAt || m.convokedAt.getTime() < windowOpens);
  });
  let meetings = 0;
  let mails = 0;
  for (const candidate of due) {
    const sent = await db.$transaction(
      async (tx) => {
        const claimed = await tx.meeting.updateMany({ where: { id: candidate.id, status: "CONVOKED", reminderSentAt: null }, data: { reminderSentAt: now } });
        if (claimed.count !== 1) return 0;
        const meeting = await requireMeeting(tx, candidate.id);
        const invitees = await tx.invitee.findMany({
          where: { meetingId: meeting.id, response: { not: "DECLINED" }, user: { active: true } },
          orderBy: { createdAt: "asc" },
          select: inviteeSelect,
        });
        // A reminder is optional: each person's preference decides (mail, weekly digest, nothing).
        const responses = new Map(invitees.map((invitee) => [invitee.user.id, invitee.response]));
        const outcome = await notify(
          tx,
          invitees.map((invitee) => invitee.user),
          {
            kind: "MEETING_REMINDER",
            mail: (person) => ({
              template: "meeting-reminder",
              content: meetingReminderMail({ ...mailDetails(meeting), name: person.name, response: responses.get(person.id) ?? "PENDING" }),
            }),
            digest: { title: `Promemoria: ${meeting.title}, ${formatWeekdayDateTime(meeting.startsAt)}`, path: `/riunioni/${meeting.id}` },
          },
        );
        return [...outcome.values()].filter((o) => o.mailId).length;
      },
      { timeout: 30_000 },
    );
    if (sent > 0) meetings++;
    mails += sent;
  }
  if (mails > 0) wakeMailWorker();
  return { meetings, mails };
}

/** The meeting as a calendar file to import (METHOD:PUBLISH), with the person's own reply when given. */
export async function meetingCalendar(meetingId: string, forEmail?: string) {
  const meeting = await loadMeeting(db, meetingId);
  if (!meeting) throw new UserFacingError("Riunione non trovata.", 404);
  const invitee = forEmail
    ? await db.invitee.findFirst({ where: { meetingId, user: { email: forEmail } }, select: { response: true, user: { select: { name: true, email: true } } } })
    : null;
  return meetingIcs(calendarMeeting(meeting), {
    method: "PUBLISH",
    organizerName: await convenerName(db),
    ...(invitee ? { attendee: recipient(invitee, invitee.response) } : {}),
  });
}
