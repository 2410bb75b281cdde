import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { announcementMail } from "../../emails/announcement";
import { type Actor, recordChange } from "~/domain/audit.server";
import { AUDIENCES, EDITABLE_STATUSES, isAudience, type Audience } from "~/domain/announcements";
import { notify } from "~/domain/notifications.server";
import { LEGAL_FORMS } from "~/domain/organisations";
import { richTextToPlain, sanitizeRichText } from "~/domain/rich-text.server";
import { db, type DbTransaction, type Prisma } from "~/db.server";
import { env } from "~/env.server";
import { discardUploads, removeStoredFileBytes, withStoredFiles, type PendingUpload } from "~/files/storage.server";
import { wakeMailWorker } from "~/mail/outbox.server";
import { formatRome, TIME_ZONE } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { idList, requiredText } from "~/utils/forms.server";

// Announcements (comunicazioni): written by the coordinators, kept as drafts, sent now or at a set
// time. Sending resolves the audience at that moment, writes one AnnouncementRecipient per person
// and notifies each as they chose (app/domain/notifications.server.ts), all in one transaction
// claimed with a conditional update, so two servers never send the same announcement.
// See docs/decisions/024-communication.md.

const MAX_BODY_HTML = 100_000;
const MAX_ATTACHMENTS = 10;
export const FEED_PAGE_SIZE = 20;
export const MANAGE_PAGE_SIZE = 20;

// --- Form -----------------------------------------------------------------------------------

export const ANNOUNCEMENT_INTENTS = ["draft", "send", "schedule"] as const;
export type AnnouncementIntent = (typeof ANNOUNCEMENT_INTENTS)[number];

/** "2026-11-30T09:30" from <input type="datetime-local">, read as Rome wall-clock time. */
export function parseRomeDateTime(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const at = new TZDate(year, month - 1, day, hour, minute, TIME_ZONE);
  // A day that does not exist (31 April) or an hour skipped when the clocks go forward.
  if (Number.isNaN(at.getTime()) || formatRome(at, "yyyy-MM-dd'T'HH:mm") !== value) return null;
  return new Date(at.getTime());
}

/** The value an <input type="datetime-local"> shows for a stored time. */
export const romeDateTimeInputValue = (at: Date | null | undefined) => (at ? formatRome(at, "yyyy-MM-dd'T'HH:mm") : "");

export const announcementFieldsSchema = z
  .object({
    intent: z.enum(ANNOUNCEMENT_INTENTS, { error: "Scegli se salvare la bozza, inviare o programmare l'invio." }),
    title: requiredText("Scrivi il titolo della comunicazione.", 200),
    bodyHtml: z
      .string()
      .optional()
      .transform((value) => sanitizeRichText(value ?? ""))
      .pipe(z.string().max(MAX_BODY_HTML, "Il testo è troppo lungo.")),
    audience: z.string({ error: "Scegli a chi inviarla." }).refine(isAudience, "Scegli a chi inviarla."),
    workingGroupId: z.string().trim().optional().transform((v) => v || null),
    legalForm: z.string().trim().optional().transform((v) => v || null),
    networkId: z.string().trim().optional().transform((v) => v || null),
    personIds: idList,
    sendAt: z.string().trim().optional().transform((v) => v ?? ""),
    removeAttachmentIds: idList,
  })
  .superRefine((value, ctx) => {
    if (value.intent !== "draft" && !richTextToPlain(value.bodyHtml).trim()) {
      ctx.addIssue({ code: "custom", path: ["bodyHtml"], message: "Scrivi il testo della comunicazione prima di inviarla." });
    }
    const missing: Partial<Record<Audience, [string, string]>> = {
      GROUP: ["workingGroupId", "Scegli il gruppo di lavoro."],
      LEGAL_FORM: ["legalForm", "Scegli la forma giuridica."],
      NETWORK: ["networkId", "Scegli la rete tematica."],
    };
    const need = missing[value.audience as Audience];
    if (need && !value[need[0] as "workingGroupId" | "legalForm" | "networkId"]) ctx.addIssue({ code: "custom", path: [need[0]], message: need[1] });
    if (value.audience === "PEOPLE" && value.personIds.length === 0) ctx.addIssue({ code: "custom", path: ["personIds"], message: "Scegli almeno una persona." });
    if (value.intent === "schedule") {
      if (!value.sendAt) ctx.addIssue({ code: "custom", path: ["sendAt"], message: "Scegli la data e l'ora dell'invio." });
      else if (!parseRomeDateTime(value.sendAt)) ctx.addIssue({ code: "custom", path: ["sendAt"], message: "Data e ora non valide." });
    }
  });
export type AnnouncementFields = z.output<typeof announcementFieldsSchema>;

/** What the form offers: the open working groups, the legal forms, the networks, the active people. */
export async function announcementFormChoices() {
  const [groups, networks, people] = await Promise.all([
    db.workingGroup.findMany({ where: { status: "ACTIVE" }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.thematicNetwork.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, organisation: { select: { name: true } } } }),
  ]);
  return {
    groups: groups.map((g) => ({ value: g.id, label: g.name })),
    legalForms: Object.entries(LEGAL_FORMS).map(([value, label]) => ({ value, label })),
    networks: networks.map((n) => ({ value: n.id, label: n.name })),
    people: people.map((p) => ({ value: p.id, label: `${p.name} (${p.organisation.name})` })),
  };
}

// --- Audience ---------------------------------------------------------------------------------

interface AudienceTarget {
  id: string;
  audience: string;
  workingGroupId: string | null;
  legalForm: string | null;
  networkId: string | null;
}

/** The active people an announcement addresses, as of now. */
function audienceWhere(a: AudienceTarget): Prisma.UserWhereInput {
  switch (a.audience) {
    case "ALL":
      return { active: true };
    case "GROUP":
      return { active: true, groupMemberships: { some: { groupId: a.workingGroupId ?? "" } } };
    case "LEGAL_FORM":
      return { active: true, organisation: { legalForm: a.legalForm ?? "", status: { not: "EX_PARTNER" } } };
    case "NETWORK":
      return { active: true, organisation: { status: { not: "EX_PARTNER" }, networks: { some: { networkId: a.networkId ?? "" } } } };
    case "PEOPLE":
      return { active: true, announcementsChosen: { some: { announcementId: a.id } } };
    default:
      throw new Error(`Unknown audience ${a.audience}`);
  }
}

/** "Gruppo di lavoro Casa", "Tutto il tavolo"... for lists and the page. */
export function audienceText(a: { audience: string; workingGroup: { name: string } | null; legalForm: string | null; network: { name: string } | null; _count?: { chosenPeople: number } }) {
  switch (a.audience) {
    case "GROUP":
      return `Gruppo di lavoro: ${a.workingGroup?.name ?? "(eliminato)"}`;
    case "LEGAL_FORM":
      return `Forma giuridica: ${LEGAL_FORMS[a.legalForm as keyof typeof LEGAL_FORMS] ?? a.legalForm ?? ""}`;
    case "NETWORK":
      return `Rete tematica: ${a.network?.name ?? "(eliminata)"}`;
    case "PEOPLE":
      return a._count ? `Persone scelte (${a._count.chosenPeople})` : AUDIENCES.PEOPLE;
    default:
      return AUDIENCES.ALL;
  }
}

async function checkTargets(tx: DbTransaction, fields: AnnouncementFields) {
  if (fields.audience === "GROUP" && !(await tx.workingGroup.count({ where: { id: fields.workingGroupId ?? "", status: "ACTIVE" } }))) {
    throw new UserFacingError("Il gruppo di lavoro scelto non esiste o è chiuso.", 400, "workingGroupId");
  }
  if (fields.audience === "LEGAL_FORM" && !(fields.legalForm && fields.legalForm in LEGAL_FORMS)) {
    throw new UserFacingError("Scegli una forma giuridica dall'elenco.", 400, "legalForm");
  }
  if (fields.audience === "NETWORK" && !(await tx.thematicNetwork.count({ where: { id: fields.networkId ?? "" } }))) {
    throw new UserFacingError("La rete tematica scelta non esiste.", 400, "networkId");
  }
  if (fields.audience === "PEOPLE") {
    const found = await tx.user.count({ where: { id: { in: fields.personIds }, active: true } });
    if (found !== new Set(fields.personIds).size) throw new UserFacingError("Tra le persone scelte c'è qualcuno che non ha più un account attivo.", 400, "personIds");
  }
}

// --- Writing -----------------------------------------------------------------------------------

/**
 * Creates (no id) or changes a draft or scheduled announcement, with its attachment, and then does
 * what was asked: keep it as a draft, schedule it, or send it now, all in one transaction (an
 * error leaves nothing written and no file on disk). Returns the announcement's id.
 */
export async function saveAnnouncement(input: { id?: string; fields: AnnouncementFields; upload?: PendingUpload | undefined; actor: Actor; now?: Date }) {
  const { fields, actor } = input;
  const now = input.now ?? new Date();
  const sendAt = fields.intent === "schedule" ? parseRomeDateTime(fields.sendAt) : null;
  if (fields.intent === "schedule" && (!sendAt || sendAt.getTime() <= now.getTime())) {
    await discardUploads([input.upload]);
    throw new UserFacingError("L'invio programmato deve essere nel futuro.", 400, "sendAt");
  }
  const removedKeys: string[] = [];
  const id = await withStoredFiles([input.upload], actor.id, async (tx, [file]) => {
    await checkTargets(tx, fields);
    const data = {
      title: fields.title,
      bodyHtml: fields.bodyHtml,
      bodyText: richTextToPlain(fields.bodyHtml),
      audience: fields.audience,
      workingGroupId: fields.audience === "GROUP" ? fields.workingGroupId : null,
      legalForm: fields.audience === "LEGAL_FORM" ? fields.legalForm : null,
      networkId: fields.audience === "NETWORK" ? fields.networkId : null,
      status: fields.intent === "schedule" ? "SCHEDULED" : "DRAFT",
      sendAt,
    };
    let id = input.id;
    if (id) {
      // Only while it is still a draft or scheduled: a concurrent send wins, this save does not.
      const changed = await tx.announcement.updateMany({ where: { id, status: { in: EDITABLE_STATUSES } }, data });
      if (changed.count !== 1) throw new UserFacingError("La comunicazione è già stata inviata o annullata: non si modifica più.", 409);
      await tx.announcementChosenPerson.deleteMany({ where: { announcementId: id } });
    } else {
      id = (await tx.announcement.create({ data: { ...data, createdById: actor.id }, select: { id: true } })).id;
    }
    if (fields.audience === "PEOPLE") {
      await tx.announcementChosenPerson.createMany({ data: [...new Set(fields.personIds)].map((userId) => ({ announcementId: id, userId })) });
    }
    if (fields.removeAttachmentIds.length > 0) {
      const removed = await tx.announcementAttachment.findMany({
        where: { announcementId: id, id: { in: fields.removeAttachmentIds } },
        select: { id: true, file: { select: { id: true, storageKey: true } } },
      });
      await tx.announcementAttachment.deleteMany({ where: { id: { in: removed.map((r) => r.id) } } });
      await tx.storedFile.deleteMany({ where: { id: { in: removed.map((r) => r.file.id) } } });
      removedKeys.push(...removed.map((r) => r.file.storageKey));
    }
    if (file) {
      if ((await tx.announcementAttachment.count({ where: { announcementId: id } })) >= MAX_ATTACHMENTS) {
        throw new UserFacingError(`Al massimo ${MAX_ATTACHMENTS} allegati: togline qualcuno o raccoglili in un unico PDF.`, 400, "attachment");
      }
      await tx.announcementAttachment.create({ data: { announcementId: id, fileId: file.id } });
    }
    const verb = input.id ? "modificata" : "scritta";
    const summary =
      fields.intent === "schedule" && sendAt
        ? `Comunicazione ${verb} e programmata per il ${formatRome(sendAt, "d MMMM yyyy 'alle' HH:mm")}: ${fields.title}`
        : `Comunicazione ${verb}${fields.intent === "draft" ? " (bozza)" : ""}: ${fields.title}`;
    await recordChange(tx, { subjectType: "ANNOUNCEMENT", subjectId: id, summary, actor });
    if (fields.intent === "send") {
      const sent = await sendWithin(tx, id, now, actor);
      if (sent === null) throw new UserFacingError("La comunicazione è già stata inviata o annullata.", 409);
      if (sent === 0) throw new UserFacingError("Nessuna persona con un account attivo rientra tra i destinatari scelti: nulla è stato inviato.", 409, "audience");
    }
    return id;
  });
  for (const key of removedKeys) await removeStoredFileBytes(key);
  if (fields.intent === "send") wakeMailWorker();
  return id;
}

export async function cancelAnnouncement(id: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    const cancelled = await tx.announcement.updateMany({ where: { id, status: { in: EDITABLE_STATUSES } }, data: { status: "CANCELLED", sendAt: null } });
    if (cancelled.count !== 1) throw new UserFacingError("Si annulla solo una bozza o un invio programmato: questa comunicazione è già stata inviata o annullata.", 409);
    await recordChange(tx, { subjectType: "ANNOUNCEMENT", subjectId: id, summary: "Comunicazione annullata", actor });
  });
}

// --- Sending -----------------------------------------------------------------------------------

/**
 * Claims a draft or scheduled announcement (a conditional update: only one caller wins), then
 * writes a recipient row per active person in its audience and notifies each as they chose.
 * Returns how many people it reached, or null when it was not there to claim (already sent,
 * cancelled, or missing).
 */
async function sendWithin(tx: DbTransaction, id: string, now: Date, actor: Actor | null, due: "now" | "scheduled" = "now") {
  // The job sends only what is still scheduled and due when it claims it: a coordinator may have
  // turned it back into a draft, or moved its time, since the job listed it.
  const claimable: Prisma.AnnouncementWhereInput = due === "scheduled" ? { status: "SCHEDULED", sendAt: { lte: now } } : { status: { in: EDITABLE_STATUSES } };
  const claimed = await tx.announcement.updateMany({ where: { id, ...claimable }, data: { status: "SENT", sentAt: now } });
  if (claimed.count !== 1) return null;
  const announcement = await tx.announcement.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      title: true,
      bodyText: true,
      audience: true,
      workingGroupId: true,
      legalForm: true,
      networkId: true,
      createdBy: { select: { name: true } },
      attachments: { orderBy: { createdAt: "asc" }, select: { file: { select: { originalName: true } } } },
    },
  });
  const people = await tx.user.findMany({ where: audienceWhere(announcement), orderBy: { name: "asc" }, select: { id: true, name: true, email: true } });
  const url = new URL(`/comunicazioni/${id}`, env.APP_URL).toString();
  const outcome = await notify(tx, people, {
    kind: "ANNOUNCEMENT",
    mail: (person) => ({
      template: "announcement",
      content: announcementMail({
        name: person.name,
        title: announcement.title,
        bodyText: announcement.bodyText,
        authorName: announcement.createdBy?.name ?? null,
        attachmentNames: announcement.attachments.map((a) => a.file.originalName),
        url,
      }),
    }),
    digest: { title: `Comunicazione: ${announcement.title}`, path: `/comunicazioni/${id}` },
  });
  await tx.announcementRecipient.createMany({
    data: people.map((person) => {
      const delivered = outcome.get(person.id);
      return { announcementId: id, userId: person.id, delivery: delivered?.delivery ?? "NEVER", mailId: delivered?.mailId ?? null, createdAt: now };
    }),
  });
  await recordChange(tx, {
    subjectType: "ANNOUNCEMENT",
    subjectId: id,
    summary: `Comunicazione inviata a ${people.length === 1 ? "1 persona" : `${people.length} persone`}`,
    actor,
  });
  return people.length;
}

/**
 * Sends one scheduled announcement whose time has come (the job's path). Returns false when
 * someone else sent, cancelled, rescheduled or turned it back into a draft first.
 */
export async function sendAnnouncement(id: string, now = new Date(), actor: Actor | null = null) {
  const reached = await db.$transaction((tx) => sendWithin(tx, id, now, actor, "scheduled"), { timeout: 60_000 });
  if (reached === null) return false;
  wakeMailWorker();
  return true;
}

/** Every scheduled announcement whose time has come; run every minute from app/jobs.server.ts. */
export async function sendDueAnnouncements(now = new Date()) {
  const due = await db.announcement.findMany({ where: { status: "SCHEDULED", sendAt: { lte: now } }, orderBy: { sendAt: "asc" }, select: { id: true } });
  let sent = 0;
  for (const { id } of due) {
    if (await sendAnnouncement(id, now)) sent++;
  }
  return sent;
}

// --- Reading -----------------------------------------------------------------------------------

/** Whether the announcement exists and the person is among its recipients: every request starts here. */
export async function findAnnouncementAccess(id: string, userId: string) {
  const announcement = await db.announcement.findUnique({
    where: { id },
    select: { id: true, status: true, recipients: { where: { userId }, select: { id: true } } },
  });
  if (!announcement) return null;
  return { id: announcement.id, status: announcement.status, isRecipient: announcement.recipients.length > 0 };
}

export const announcementResource = (access: { isRecipient: boolean }) => ({ kind: "announcement" as const, isRecipient: access.isRecipient });

/** Opening the announcement marks it read, the first time only. */
/** Records the first reading; true when this was it (the menu's unread count must then refresh). */
export async function markRead(id: string, userId: string, now = new Date()) {
  const { count } = await db.announcementRecipient.updateMany({ where: { announcementId: id, userId, readAt: null }, data: { readAt: now } });
  return count === 1;
}

const feedSelect = {
  readAt: true,
  announcement: { select: { id: true, title: true, bodyText: true, sentAt: true, createdBy: { select: { name: true } }, _count: { select: { attachments: true } } } },
} as const;

const excerpt = (text: string) => (text.length > 240 ? `${text.slice(0, 237).trimEnd()}…` : text);

/** A person's announcements: unread first, then the rest, newest first in each part. */
export async function listFeed(userId: string, page: number) {
  const where = { userId, announcement: { status: "SENT" } };
  const [unread, total] = await Promise.all([
    db.announcementRecipient.count({ where: { ...where, readAt: null } }),
    db.announcementRecipient.count({ where }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / FEED_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const skip = (current - 1) * FEED_PAGE_SIZE;
  const order = [{ announcement: { sentAt: "desc" as const } }, { id: "asc" as const }];
  const unreadRows =
    skip < unread ? await db.announcementRecipient.findMany({ where: { ...where, readAt: null }, orderBy: order, skip, take: FEED_PAGE_SIZE, select: feedSelect }) : [];
  const readRows =
    unreadRows.length < FEED_PAGE_SIZE
      ? await db.announcementRecipient.findMany({
          where: { ...where, readAt: { not: null } },
          orderBy: order,
          skip: Math.max(0, skip - unread),
          take: FEED_PAGE_SIZE - unreadRows.length,
          select: feedSelect,
        })
      : [];
  return {
    unread,
    total,
    page: current,
    pageCount,
    items: [...unreadRows, ...readRows].map((row) => ({
      id: row.announcement.id,
      title: row.announcement.title,
      excerpt: excerpt(row.announcement.bodyText.replace(/\s+/g, " ").trim()),
      sentAt: row.announcement.sentAt,
      authorName: row.announcement.createdBy?.name ?? null,
      attachments: row.announcement._count.attachments,
      read: row.readAt !== null,
    })),
  };
}

/** For the home page: how many are unread, and the latest three of them. */
/** The number in the menu: announcements sent to the person that they have not opened yet. */
export const countUnreadAnnouncements = (userId: string) =>
  db.announcementRecipient.count({ where: { userId, readAt: null } });

export async function unreadAnnouncements(userId: string) {
  const where = { userId, readAt: null, announcement: { status: "SENT" } };
  const [count, latest] = await Promise.all([
    db.announcementRecipient.count({ where }),
    db.announcementRecipient.findMany({
      where,
      orderBy: { announcement: { sentAt: "desc" } },
      take: 3,
      select: { announcement: { select: { id: true, title: true, sentAt: true } } },
    }),
  ]);
  return { count, latest: latest.map((row) => row.announcement) };
}

/** The outbox mails written for some recipients, by id (a recipient keeps the mail's id, not a relation). */
async function mailStates(mailIds: string[]) {
  const mails = await db.outboxMail.findMany({ where: { id: { in: mailIds } }, select: { id: true, status: true, failure: true } });
  return new Map(mails.map((m) => [m.id, m]));
}

const audienceSelect = {
  audience: true,
  legalForm: true,
  workingGroup: { select: { name: true } },
  network: { select: { name: true } },
  _count: { select: { chosenPeople: true } },
} as const;

/** The coordinators' table: every announcement with its state and, once sent, who read it and which mails failed. */
export async function listAnnouncementsForManagement(page: number) {
  const total = await db.announcement.count();
  const pageCount = Math.max(1, Math.ceil(total / MANAGE_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await db.announcement.findMany({
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * MANAGE_PAGE_SIZE,
    take: MANAGE_PAGE_SIZE,
    select: { id: true, title: true, status: true, sendAt: true, sentAt: true, ...audienceSelect, recipients: { select: { readAt: true, mailId: true } } },
  });
  const mails = await mailStates(rows.flatMap((r) => r.recipients.flatMap((x) => (x.mailId ? [x.mailId] : []))));
  const failures = (recipients: { mailId: string | null }[], failure: string) =>
    recipients.filter((r) => {
      const mail = r.mailId ? mails.get(r.mailId) : undefined;
      return mail?.status === "FAILED" && (failure === "REJECTED" ? mail.failure === "REJECTED" : mail.failure !== "REJECTED");
    }).length;
  return {
    total,
    page: current,
    pageCount,
    items: rows.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      audience: audienceText(row),
      sendAt: row.sendAt,
      sentAt: row.sentAt,
      recipients: row.recipients.length,
      read: row.recipients.filter((r) => r.readAt).length,
      rejected: failures(row.recipients, "REJECTED"),
      failed: failures(row.recipients, "GAVE_UP"),
    })),
  };
}

/** The announcement as its page shows it; with `withStatistics`, each recipient's delivery and reading. */
export async function getAnnouncementPage(id: string, options: { withStatistics: boolean }) {
  const announcement = await db.announcement.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      bodyHtml: true,
      status: true,
      sendAt: true,
      sentAt: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      ...audienceSelect,
      attachments: { orderBy: { createdAt: "asc" }, select: { id: true, file: { select: { originalName: true, mimeType: true, size: true } } } },
    },
  });
  if (!announcement) return null;
  if (!options.withStatistics) return { ...announcement, audienceText: audienceText(announcement), statistics: null };
  const recipients = await db.announcementRecipient.findMany({
    where: { announcementId: id },
    orderBy: { user: { name: "asc" } },
    select: { delivery: true, mailId: true, readAt: true, user: { select: { id: true, name: true, organisation: { select: { name: true } } } } },
  });
  const mails = await mailStates(recipients.flatMap((r) => (r.mailId ? [r.mailId] : [])));
  return {
    ...announcement,
    audienceText: audienceText(announcement),
    statistics: {
      recipients: recipients.length,
      read: recipients.filter((r) => r.readAt).length,
      people: recipients.map((r) => ({
        id: r.user.id,
        name: r.user.name,
        organisation: r.user.organisation.name,
        delivery: r.delivery,
        mail: r.mailId ? (mails.get(r.mailId) ?? null) : null,
        readAt: r.readAt,
      })),
    },
  };
}
export type AnnouncementPage = NonNullable<Awaited<ReturnType<typeof getAnnouncementPage>>>;

/** A draft or scheduled announcement, as the edit form fills in; null for a sent or cancelled one. */
export async function getAnnouncementForEdit(id: string) {
  return db.announcement.findFirst({
    where: { id, status: { in: EDITABLE_STATUSES } },
    select: {
      id: true,
      title: true,
      bodyHtml: true,
      audience: true,
      workingGroupId: true,
      legalForm: true,
      networkId: true,
      status: true,
      sendAt: true,
      chosenPeople: { select: { userId: true } },
      attachments: { orderBy: { createdAt: "asc" }, select: { id: true, file: { select: { originalName: true } } } },
    },
  });
}

/** The attachment's file, only when the attachment belongs to that announcement. */
export function findAnnouncementAttachment(id: string, attachmentId: string) {
  return db.announcementAttachment.findFirst({ where: { id: attachmentId, announcementId: id }, select: { fileId: true } });
}
