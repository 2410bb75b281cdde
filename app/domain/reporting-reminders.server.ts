import { TZDate } from "@date-fns/tz";
import { rendicontazioneReminderMail } from "../../emails/rendicontazione-reminder";
import { weeklyDigestMail, type DigestAction, type DigestMeeting, type DigestRendicontazione } from "../../emails/weekly-digest";
import { db, isUniqueViolation, type Prisma } from "~/db.server";
import { decisionStatusLabel, isOverdue as isActionOverdue } from "~/domain/decisions.server";
import { daysUntilDue, OWED_STATUSES, rendicontazioneStateLabel } from "~/domain/projects";
import { env } from "~/env.server";
import { enqueueMail, wakeMailWorker } from "~/mail/outbox.server";
import { formatDay, formatWeekdayDateTime, TIME_ZONE, todayInRome } from "~/utils/dates";

// What reminds partner organisations of their rendicontazioni: a mail 14 and 3 days before each
// deadline and one when it has passed, and each person's Monday digest (their organisation's
// deadlines and actions, and the notifications they chose to read weekly). Both run hourly from app/jobs.server.ts and remember what they sent in rows
// written in the same transaction as the mails, so a repeated run or a restart sends nothing new.
// See docs/decisions/022-reporting-reminders-and-digest.md.

const DAY_MS = 86_400_000;
const addDays = (day: Date, days: number) => new Date(day.getTime() + days * DAY_MS);

/** A suspended or concluded project owes nothing for now: nobody is reminded of it. */
const QUIET_PROJECT_STATUSES = ["COMPLETED", "SUSPENDED"];

/**
 * The rendicontazioni an organisation is still expected to send, due within `withinDays` from
 * today or already overdue: what the reminders, the digest and the home page nudge about.
 */
export const owedDeadlinesWhere = (today: Date, withinDays: number): Prisma.RendicontazioneWhereInput => ({
  status: { in: OWED_STATUSES },
  project: { status: { notIn: QUIET_PROJECT_STATUSES } },
  period: { dueOn: { lte: addDays(today, withinDays) } },
});

/** "dal 1 gennaio 2026 al 31 marzo 2026" */
export const periodDatesText = (period: { startsOn: Date; endsOn: Date }) => `dal ${formatDay(period.startsOn)} al ${formatDay(period.endsOn)}`;

const rendicontazioneUrl = (id: string) => new URL(`/rendicontazioni/${id}`, env.APP_URL).toString();

interface Recipient {
  id: string;
  email: string;
  name: string;
}

/**
 * Who hears about what an organisation owes (its rendicontazioni, its services' monthly figures):
 * its active referents, or its delegate to the tavolo when it has no referent. Organisations with
 * nobody to write to are left out of the map.
 */
export async function referentsOrDelegate(organisationIds: string[]) {
  const recipients = new Map<string, Recipient[]>();
  if (organisationIds.length === 0) return recipients;
  const [referents, organisations] = await Promise.all([
    db.user.findMany({
      where: { organisationId: { in: organisationIds }, role: "REFERENT", active: true },
      orderBy: { name: "asc" },
      select: { id: true, organisationId: true, email: true, name: true },
    }),
    db.organisation.findMany({
      where: { id: { in: organisationIds }, delegate: { active: true } },
      select: { id: true, delegate: { select: { id: true, email: true, name: true } } },
    }),
  ]);
  for (const { organisationId, ...person } of referents) {
    recipients.set(organisationId, [...(recipients.get(organisationId) ?? []), person]);
  }
  for (const { id, delegate } of organisations) {
    if (delegate && !recipients.has(id)) recipients.set(id, [delegate]);
  }
  return recipients;
}

// --- Deadline reminders ----------------------------------------------------------------------

export type ReminderKind = "DAYS_14" | "DAYS_3" | "OVERDUE";

/**
 * An overdue reminder goes only within this many days of the deadline: a project entered with
 * periods long past (reported on paper before Tavolo) must not send a mail for each of them. The
 * digest and the dashboard still list every overdue rendicontazione.
 */
export const OVERDUE_REMINDER_DAYS = 30;

/**
 * The one reminder due at this distance from the deadline: only the most urgent, so a deadline
 * entered 2 days ahead gets the 3-day reminder and never a late "14 days" one. Days only go down
 * for a given deadline, so a less urgent kind skipped once can never come due later.
 */
export function reminderKindFor(daysLeft: number): ReminderKind | null {
  if (daysLeft < -OVERDUE_REMINDER_DAYS) return null;
  if (daysLeft < 0) return "OVERDUE";
  if (daysLeft <= 3) return "DAYS_3";
  if (daysLeft <= 14) return "DAYS_14";
  return null;
}

/**
 * Reminds the referents of each organisation that owes a rendicontazione (not started, draft or
 * returned) 14 and 3 days before its deadline and once it is overdue, counting calendar days in
 * Rome. Each reminder goes once per deadline: its RendicontazioneReminder row is written in the
 * same transaction as the mails, and the unique key (rendicontazione, kind, deadline) lets only one
 * of two concurrent runs through; a moved deadline has a new key, so its reminders go again. With
 * nobody to write to, nothing is recorded, so a referent invited later still gets it.
 * `scope.projectId` limits the check to one project (just saved by a coordinator).
 * Returns how many mails were queued.
 */
export async function sendRendicontazioneReminders(now = new Date(), scope: { projectId?: string } = {}) {
  const today = todayInRome(now);
  const candidates = await db.rendicontazione.findMany({
    where: {
      AND: [owedDeadlinesWhere(today, 14), { period: { dueOn: { gte: addDays(today, -OVERDUE_REMINDER_DAYS) } } }, scope.projectId ? { projectId: scope.projectId } : {}],
    },
    select: {
      id: true,
      organisationId: true,
      status: true,
      organisation: { select: { name: true } },
      project: { select: { code: true, title: true } },
      period: { select: { number: true, startsOn: true, endsOn: true, dueOn: true } },
      reminders: { select: { kind: true, dueOn: true } },
    },
  });
  const due = candidates.flatMap((candidate) => {
    const { dueOn } = candidate.period;
    const daysLeft = daysUntilDue(dueOn, today);
    const kind = reminderKindFor(daysLeft);
    if (!kind || candidate.reminders.some((r) => r.kind === kind && r.dueOn.getTime() === dueOn.getTime())) return [];
    return [{ ...candidate, kind, daysLeft }];
  });
  const recipients = await referentsOrDelegate([...new Set(due.map((r) => r.organisationId))]);

  let queued = 0;
  for (const reminder of due) {
    const people = recipients.get(reminder.organisationId);
    if (!people) continue;
    const { dueOn } = reminder.period;
    try {
      queued += await db.$transaction(async (tx) => {
        // Sent, or its deadline moved, since we looked: this reminder no longer applies.
        const stillOwed = await tx.rendicontazione.count({ where: { id: reminder.id, status: { in: OWED_STATUSES }, period: { dueOn } } });
        if (stillOwed === 0) return 0;
        await tx.rendicontazioneReminder.create({ data: { rendicontazioneId: reminder.id, kind: reminder.kind, dueOn } });
        for (const person of people) {
          await enqueueMail(tx, {
            template: "rendicontazione-reminder",
            to: person.email,
            content: rendicontazioneReminderMail({
              name: person.name,
              organisationName: reminder.organisation.name,
              projectTitle: reminder.project.title,
              projectCode: reminder.project.code,
              periodNumber: reminder.period.number,
              periodDates: periodDatesText(reminder.period),
              dueOn: formatDay(dueOn),
              daysLeft: reminder.daysLeft,
              stateLabel: rendicontazioneStateLabel(reminder.status),
              rendicontazioneUrl: rendicontazioneUrl(reminder.id),
            }),
          });
        }
        return people.length;
      });
    } catch (error) {
      // Another process sent this reminder between our check and our write.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  if (queued > 0) wakeMailWorker();
  return queued;
}

// --- Weekly digest ---------------------------------------------------------------------------

/** The digest goes on Monday from this hour, Rome time: early enough to plan the week. */
export const DIGEST_HOUR = 7;
/** How far ahead the digest looks for deadlines. */
export const DIGEST_DEADLINE_DAYS = 60;

/** The Monday whose digest is due at `now`, as a stored day; null outside Monday from 07:00 in Rome. */
export function digestWeekOf(now: Date) {
  const rome = new TZDate(now, TIME_ZONE);
  return rome.getDay() === 1 && rome.getHours() >= DIGEST_HOUR ? todayInRome(now) : null;
}

interface DigestContent {
  rendicontazioni: DigestRendicontazione[];
  actions: DigestAction[];
  nextMeeting: DigestMeeting | null;
}

/**
 * What each organisation's digest lists: its owed rendicontazioni (overdue, then due within 60
 * days), its open actions from the decision register and its next convoked meeting. Three queries
 * for all the organisations together.
 */
async function collectDigests(organisationIds: string[], now: Date) {
  const today = todayInRome(now);
  const [rendicontazioni, actions, invitations] = await Promise.all([
    db.rendicontazione.findMany({
      where: { organisationId: { in: organisationIds }, ...owedDeadlinesWhere(today, DIGEST_DEADLINE_DAYS) },
      orderBy: [{ period: { dueOn: "asc" } }, { project: { code: "asc" } }],
      select: {
        id: true,
        organisationId: true,
        status: true,
        project: { select: { code: true, title: true } },
        period: { select: { number: true, startsOn: true, endsOn: true, dueOn: true } },
      },
    }),
    db.decision.findMany({
      where: { kind: "ACTION", responsibleOrganisationId: { in: organisationIds }, status: { in: ["OPEN", "IN_PROGRESS"] } },
      orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      select: { id: true, kind: true, text: true, status: true, dueOn: true, responsibleOrganisationId: true },
    }),
    db.invitee.findMany({
      where: { organisationId: { in: organisationIds }, meeting: { status: "CONVOKED", startsAt: { gt: now } } },
      orderBy: { meeting: { startsAt: "asc" } },
      select: { organisationId: true, meeting: { select: { id: true, title: true, startsAt: true, location: true } } },
    }),
  ]);
  const digests = new Map<string, DigestContent>(organisationIds.map((id) => [id, { rendicontazioni: [], actions: [], nextMeeting: null }]));
  for (const r of rendicontazioni) {
    digests.get(r.organisationId)?.rendicontazioni.push({
      projectTitle: r.project.title,
      projectCode: r.project.code,
      periodNumber: r.period.number,
      periodDates: periodDatesText(r.period),
      dueOn: formatDay(r.period.dueOn),
      daysLeft: daysUntilDue(r.period.dueOn, today),
      stateLabel: rendicontazioneStateLabel(r.status),
      url: rendicontazioneUrl(r.id),
    });
  }
  for (const action of actions) {
    if (!action.responsibleOrganisationId) continue;
    digests.get(action.responsibleOrganisationId)?.actions.push({
      text: action.text,
      dueOn: action.dueOn ? formatDay(action.dueOn) : null,
      overdue: isActionOverdue(action, today),
      statusLabel: decisionStatusLabel(action.status),
      url: new URL(`/decisioni/${action.id}`, env.APP_URL).toString(),
    });
  }
  for (const { organisationId, meeting } of invitations) {
    const digest = digests.get(organisationId);
    if (!digest || digest.nextMeeting) continue;
    digest.nextMeeting = {
      title: meeting.title,
      when: formatWeekdayDateTime(meeting.startsAt),
      location: meeting.location,
      url: new URL(`/riunioni/${meeting.id}`, env.APP_URL).toString(),
    };
  }
  return digests;
}

const isEmpty = (digest: DigestContent) => digest.rendicontazioni.length === 0 && digest.actions.length === 0 && !digest.nextMeeting;

/**
 * On Monday from 07:00 (Rome), at most one mail to each active person: referents (or the delegate
 * of an organisation without one) read what their organisation owes, has to do and where it meets
 * next; everyone reads the notifications they chose to receive weekly (DigestItem, see
 * app/domain/notifications.server.ts). Nobody gets an empty digest. Once per person and week: the
 * WeeklyDigest row (person, Monday), the mail and the items' digestedAt are written in one
 * transaction, and the row's unique key stops a concurrent run. Someone with nothing to read gets
 * no row, so something that turns up later that Monday still goes out. Returns how many mails were
 * queued.
 */
export async function sendWeeklyDigests(now = new Date()) {
  const weekOf = digestWeekOf(now);
  if (!weekOf) return 0;
  const organisations = await db.organisation.findMany({
    where: { status: { in: ["PARTNER", "ADERENTE"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  const ids = organisations.map((o) => o.id);
  const [digests, recipients, pendingItems] = await Promise.all([
    collectDigests(ids, now),
    referentsOrDelegate(ids),
    db.digestItem.findMany({
      where: { digestedAt: null, createdAt: { lte: now }, user: { active: true, weeklyDigests: { none: { weekOf } } } },
      orderBy: { createdAt: "asc" },
      select: { id: true, title: true, path: true, user: { select: { id: true, email: true, name: true } } },
    }),
  ]);

  interface PersonDigest {
    person: Recipient;
    organisation: { name: string; content: DigestContent } | null;
    items: { id: string; title: string; path: string }[];
  }
  const byPerson = new Map<string, PersonDigest>();
  for (const organisation of organisations) {
    const content = digests.get(organisation.id);
    if (!content || isEmpty(content)) continue;
    for (const person of recipients.get(organisation.id) ?? []) {
      if (!byPerson.has(person.id)) byPerson.set(person.id, { person, organisation: { name: organisation.name, content }, items: [] });
    }
  }
  for (const { user, ...item } of pendingItems) {
    const entry = byPerson.get(user.id) ?? { person: user, organisation: null, items: [] };
    entry.items.push(item);
    byPerson.set(user.id, entry);
  }
  const alreadySent = await db.weeklyDigest.findMany({ where: { weekOf, userId: { in: [...byPerson.keys()] } }, select: { userId: true } });
  for (const { userId } of alreadySent) byPerson.delete(userId);

  let queued = 0;
  for (const { person, organisation, items } of [...byPerson.values()].sort((a, b) => a.person.email.localeCompare(b.person.email))) {
    try {
      queued += await db.$transaction(async (tx) => {
        await tx.weeklyDigest.create({ data: { userId: person.id, weekOf } });
        // Only the items still waiting: one a concurrent run took is not listed twice.
        const taken = await tx.digestItem.updateMany({ where: { id: { in: items.map((i) => i.id) }, digestedAt: null }, data: { digestedAt: now } });
        if (taken.count !== items.length) throw new DigestRaceError();
        await enqueueMail(tx, {
          template: "weekly-digest",
          to: person.email,
          content: weeklyDigestMail({
            name: person.name,
            weekOf: formatDay(weekOf),
            organisation: organisation
              ? { name: organisation.name, ...organisation.content, dashboardUrl: new URL("/rendicontazioni", env.APP_URL).toString() }
              : null,
            items: items.map((item) => ({ title: item.title, url: new URL(item.path, env.APP_URL).toString() })),
            preferencesUrl: new URL("/profilo/notifiche", env.APP_URL).toString(),
          }),
        });
        return 1;
      });
    } catch (error) {
      // Another process sent this person's digest between our look and our write.
      if (!(error instanceof DigestRaceError) && !isUniqueViolation(error)) throw error;
    }
  }
  if (queued > 0) wakeMailWorker();
  return queued;
}

class DigestRaceError extends Error {}
