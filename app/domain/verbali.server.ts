import { TZDate } from "@date-fns/tz";
import { diffWords } from "diff";
import { z } from "zod";
import { verbalePublishedMail } from "../../emails/verbale-published";
import { verbaleReviewMail } from "../../emails/verbale-review";
import { type Actor, type Changes, diff, recordChange, recordRepeatedChange } from "~/domain/audit.server";
import { attendanceSummary } from "~/domain/attendance.server";
import { listMeetingDecisions } from "~/domain/decisions.server";
import { meetingKindLabel } from "~/domain/meeting-rules";
import { notify } from "~/domain/notifications.server";
import { escapeText, richTextBlocks, richTextToPlain, sanitizeRichText, type TextBlock } from "~/domain/rich-text.server";
import { containsIgnoringCase, db, isUniqueViolation, type DbTransaction, type Prisma } from "~/db.server";
import { env } from "~/env.server";
import { enqueueMail, wakeMailWorker } from "~/mail/outbox.server";
import { renderPdf } from "~/pdf/layout.server";
import { formatDay, formatRome, parseDay, TIME_ZONE, todayInRome } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { optionalText, requiredText } from "~/utils/forms.server";

// Verbali: the minutes of a meeting, one section per agenda item, written by the coordinators,
// reviewed by the attendees, approved, published, and corrected only by new versions.
// See docs/decisions/018-verbali.md.

export const VERBALE_STATUSES = {
  BOZZA: "Bozza",
  IN_REVISIONE: "In revisione",
  APPROVATO: "Approvato",
  PUBBLICATO: "Pubblicato",
} as const;
export type VerbaleStatus = keyof typeof VERBALE_STATUSES;
export const verbaleStatusLabel = (status: string) => VERBALE_STATUSES[status as VerbaleStatus] ?? status;

/** The working copy is written in these states; a published verbale changes only by a correction. */
const EDITABLE_STATUSES: VerbaleStatus[] = ["BOZZA", "IN_REVISIONE", "PUBBLICATO"];

export const OPENING_KEY = "apertura";
const OPENING_TITLE = "Apertura della seduta";
const MAX_SECTION_HTML = 200_000;

export interface VerbaleSection {
  key: string;
  title: string;
  html: string;
}

const sectionSchema = z.array(z.object({ key: z.string(), title: z.string(), html: z.string() }));

export function parseSections(content: string): VerbaleSection[] {
  try {
    const parsed = sectionSchema.safeParse(JSON.parse(content));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

// --- Validation ------------------------------------------------------------------------------

export const commentFields = z.object({ text: requiredText("Scrivi il commento.", 5_000) });
export const approvalFields = z.object({ approvedAtMeetingId: optionalText(60) });
export const correctionFields = z.object({ reason: requiredText("Spiega perché il verbale viene corretto.", 1_000) });
export const protocolNumberFields = z.object({ protocolNumber: optionalText(60) });
export const saveFields = z.object({
  revision: z.coerce.number({ error: "Revisione mancante: ricarica la pagina." }).int().min(0),
});

/** The sections' HTML from a save: fields named "html.<section key>". */
export function sectionHtmlFrom(formData: FormData) {
  const html: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && name.startsWith("html.")) html[name.slice(5)] = value;
  }
  return html;
}

// --- Who may see and do what -----------------------------------------------------------------

/**
 * The attendees: the invitees marked present, or those who accepted when attendance was never
 * taken. They get the verbale in review and may comment it.
 */
async function attendeeWhere(client: DbTransaction | typeof db, meetingId: string): Promise<Prisma.InviteeWhereInput> {
  const taken = await client.invitee.count({ where: { meetingId, present: { not: null } } });
  return taken > 0 ? { meetingId, present: true } : { meetingId, response: "ACCEPTED" };
}

/** What the permission check needs: the verbale's status (a draft when none exists yet) and whether the user attended. */
export async function verbaleAccess(meetingId: string, userId: string) {
  // The user's own invitation comes with the meeting; whether attendance was taken is one index
  // probe. (A filtered relation count, `_count: { invitees: { where } }`, would be one query less,
  // but Prisma 6.19 computes it by grouping every invitee of every meeting: 27 ms on ten years.)
  const [meeting, taken] = await Promise.all([
    db.meeting.findUnique({
      where: { id: meetingId },
      select: { id: true, verbale: { select: { status: true } }, invitees: { where: { userId }, select: { present: true, response: true } } },
    }),
    db.invitee.findFirst({ where: { meetingId, present: { not: null } }, select: { id: true } }),
  ]);
  if (!meeting) throw new Response("Riunione non trovata.", { status: 404 });
  // As attendeeWhere reads it: present once attendance is taken, accepted before.
  const attended = meeting.invitees.some((invitee) => (taken ? invitee.present === true : invitee.response === "ACCEPTED"));
  return { status: meeting.verbale?.status ?? "BOZZA", isInvitee: attended, exists: meeting.verbale !== null };
}

// --- The page ---------------------------------------------------------------------------------

const meetingSelect = {
  id: true,
  title: true,
  kind: true,
  status: true,
  startsAt: true,
  endsAt: true,
  location: true,
  videoLink: true,
  seriesId: true,
  series: { select: { id: true, name: true, reviewDays: true } },
  workingGroup: { select: { id: true, name: true } },
  agendaItems: { orderBy: { position: "asc" }, select: { id: true, title: true } },
} satisfies Prisma.MeetingSelect;
type MeetingForVerbale = Prisma.MeetingGetPayload<{ select: typeof meetingSelect }>;

export function meetingWhen(meeting: { startsAt: Date; endsAt: Date }) {
  return `${formatRome(meeting.startsAt, "EEEE d MMMM yyyy")}, dalle ${formatRome(meeting.startsAt, "HH:mm")} alle ${formatRome(meeting.endsAt, "HH:mm")}`;
}

export function meetingPlace(meeting: { location: string; videoLink: string }) {
  if (meeting.location && meeting.videoLink) return `${meeting.location} e in videoconferenza`;
  return meeting.location || (meeting.videoLink ? "in videoconferenza" : "luogo non indicato");
}

function openingHtml(meeting: MeetingForVerbale, attendance: string) {
  return [
    `<p><strong>Riunione:</strong> ${escapeText(meeting.title)} (${escapeText(meetingKindLabel(meeting.kind))})</p>`,
    `<p><strong>Data:</strong> ${escapeText(meetingWhen(meeting))}</p>`,
    `<p><strong>Luogo:</strong> ${escapeText(meetingPlace(meeting))}</p>`,
    `<p><strong>Presenze:</strong> ${escapeText(attendance)}</p>`,
  ].join("");
}

/**
 * The opening, then one section per agenda item in the agenda's order. Items added to the agenda
 * after the verbale was started get an empty section; the text of an item since removed is kept
 * at the end, so nothing written is lost.
 */
function alignWithAgenda(stored: VerbaleSection[], meeting: MeetingForVerbale): VerbaleSection[] {
  const byKey = new Map(stored.map((s) => [s.key, s]));
  const opening = byKey.get(OPENING_KEY) ?? { key: OPENING_KEY, title: OPENING_TITLE, html: "" };
  const items = meeting.agendaItems.map((item) => ({ key: item.id, title: item.title, html: byKey.get(item.id)?.html ?? "" }));
  const agendaKeys = new Set([OPENING_KEY, ...meeting.agendaItems.map((i) => i.id)]);
  const orphans = stored.filter((s) => !agendaKeys.has(s.key) && s.html.trim() !== "");
  return [opening, ...items, ...orphans];
}

async function loadMeeting(meetingId: string) {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: meetingSelect });
  if (!meeting) throw new Response("Riunione non trovata.", { status: 404 });
  return meeting;
}

/** A meeting's verbale, started (as a draft with its opening) the first time a coordinator opens it; its id. */
async function startVerbale(meeting: MeetingForVerbale, actor: Actor) {
  if (meeting.status === "CANCELLED") throw new Response("La riunione è stata annullata: non ha un verbale.", { status: 404 });
  const attendance = await attendanceSummary(meeting.id);
  const sections = alignWithAgenda([{ key: OPENING_KEY, title: OPENING_TITLE, html: openingHtml(meeting, attendance.text) }], meeting);
  try {
    return await db.$transaction(async (tx) => {
      const verbale = await tx.verbale.create({ data: { meetingId: meeting.id, content: JSON.stringify(sections), updatedById: actor.id } });
      await recordChange(tx, { subjectType: "VERBALE", subjectId: verbale.id, summary: `Verbale iniziato: ${meeting.title}`, actor });
      return verbale.id;
    });
  } catch (error) {
    // Two coordinators opened it at the same moment: the other one started it.
    if (!isUniqueViolation(error)) throw error;
    return (await db.verbale.findUniqueOrThrow({ where: { meetingId: meeting.id }, select: { id: true } })).id;
  }
}

export function isReviewOpen(verbale: { status: string; reviewUntil: Date | null }, now = new Date()) {
  return verbale.status === "IN_REVISIONE" && verbale.reviewUntil !== null && todayInRome(now) <= verbale.reviewUntil;
}

const atTime = (date: Date) => formatRome(date, "HH:mm");
const atDateTime = (date: Date) => formatRome(date, "d MMMM yyyy 'alle' HH:mm");

/**
 * Everything the verbale page shows. Readers of a published verbale get its latest version; the
 * coordinators (canManage) write the working copy: the draft, or the correction being prepared
 * once published (pending when it differs from the published text, or when asked for).
 */
export async function getVerbalePage(
  meetingId: string,
  viewer: { actor: Actor; canManage: boolean; isInvitee: boolean; askedForCorrection?: boolean },
  now = new Date(),
) {
  const include = {
    updatedBy: { select: { name: true } },
    approvedAtMeeting: { select: { id: true, title: true, startsAt: true } },
    versions: { orderBy: { number: "desc" }, select: { number: true, content: true, reason: true, createdAt: true, createdBy: { select: { name: true } } } },
    comments: { orderBy: { createdAt: "asc" }, select: { id: true, authorName: true, text: true, createdAt: true } },
  } satisfies Prisma.VerbaleInclude;
  const [meeting, existing] = await Promise.all([loadMeeting(meetingId), db.verbale.findUnique({ where: { meetingId }, include })]);
  let verbale = existing;
  if (!verbale) {
    if (!viewer.canManage) throw new Response("Il verbale di questa riunione non è ancora stato scritto.", { status: 404 });
    verbale = await db.verbale.findUniqueOrThrow({ where: { id: await startVerbale(meeting, viewer.actor) }, include });
  }
  const latest = verbale.versions[0] ?? null;
  const working = alignWithAgenda(parseSections(verbale.content), meeting);
  const published = latest ? parseSections(latest.content) : null;
  const showComments = viewer.canManage || viewer.isInvitee;
  const correctionPending = viewer.canManage && published !== null && JSON.stringify(working) !== JSON.stringify(published);
  const correcting = viewer.canManage && verbale.status === "PUBBLICATO" && (!!viewer.askedForCorrection || correctionPending);
  const editing = viewer.canManage && (verbale.status === "BOZZA" || verbale.status === "IN_REVISIONE" || correcting);
  const approvalChoices =
    viewer.canManage && verbale.status === "IN_REVISIONE" && meeting.seriesId
      ? await db.meeting.findMany({
          where: { seriesId: meeting.seriesId, startsAt: { gt: meeting.startsAt }, status: { not: "CANCELLED" } },
          orderBy: { startsAt: "asc" },
          select: { id: true, title: true, startsAt: true },
        })
      : [];
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      kindLabel: meetingKindLabel(meeting.kind),
      when: meetingWhen(meeting),
      place: meetingPlace(meeting),
      seriesName: meeting.series?.name ?? null,
      groupName: meeting.workingGroup?.name ?? null,
    },
    verbale: {
      id: verbale.id,
      status: verbale.status,
      statusLabel: verbaleStatusLabel(verbale.status),
      revision: verbale.revision,
      protocolNumber: verbale.protocolNumber,
      attendanceSummary: verbale.attendanceSummary,
      reviewUntil: verbale.reviewUntil ? formatDay(verbale.reviewUntil) : null,
      reviewOpen: isReviewOpen(verbale, now),
      approvedAt: verbale.approvedAt ? atDateTime(verbale.approvedAt) : null,
      approvedAtMeeting: verbale.approvedAtMeeting
        ? { id: verbale.approvedAtMeeting.id, label: `${verbale.approvedAtMeeting.title} del ${formatRome(verbale.approvedAtMeeting.startsAt, "d MMMM yyyy")}` }
        : null,
      publishedAt: verbale.publishedAt ? atDateTime(verbale.publishedAt) : null,
      savedBy: verbale.updatedBy?.name ?? null,
      savedAt: atDateTime(verbale.updatedAt),
      savedAtTime: atTime(verbale.updatedAt),
    },
    /** What readers read: the latest published version, or the working copy before publication. */
    sections: published ?? working,
    /**
     * The working copy, for the editor only: without one (reading, or an approved verbale) it is
     * the text above, which need not travel twice. A pending correction always means editing.
     */
    workingSections: editing ? working : null,
    correcting,
    editing,
    versions: verbale.versions.map((v) => ({ number: v.number, reason: v.reason, at: atDateTime(v.createdAt), author: v.createdBy?.name ?? "" })),
    comments: showComments ? verbale.comments.map((c) => ({ id: c.id, authorName: c.authorName, text: c.text, at: atDateTime(c.createdAt) })) : [],
    approvalChoices: approvalChoices.map((m) => ({ value: m.id, label: `${m.title} del ${formatRome(m.startsAt, "d MMMM yyyy")}` })),
  };
}
export type VerbalePage = Awaited<ReturnType<typeof getVerbalePage>>;

async function findVerbale(client: DbTransaction | typeof db, meetingId: string) {
  const verbale = await client.verbale.findUnique({ where: { meetingId } });
  if (!verbale) throw new UserFacingError("Il verbale di questa riunione non è ancora stato scritto.", 404);
  return verbale;
}

// --- Saving the text --------------------------------------------------------------------------

export type SaveOutcome =
  | { ok: true; revision: number; savedAt: string }
  | { ok: false; conflict: { message: string; revision: number; sections: VerbaleSection[]; savedBy: string | null; savedAt: string } };

/**
 * Saves the working copy, sanitised. The write names the revision the editor started from: if
 * another coordinator saved in between, nothing is written and the other text comes back, so no
 * one overwrites anyone silently. A section sent without its key keeps its stored text.
 */
export async function saveVerbaleText(meetingId: string, input: { revision: number; html: Record<string, string> }, actor: Actor): Promise<SaveOutcome> {
  const meeting = await loadMeeting(meetingId);
  const verbale = await findVerbale(db, meetingId);
  if (!EDITABLE_STATUSES.includes(verbale.status as VerbaleStatus)) {
    throw new UserFacingError("Il verbale è approvato e non si modifica più; dopo la pubblicazione si può correggere con una nuova versione.", 409);
  }
  for (const html of Object.values(input.html)) {
    if (html.length > MAX_SECTION_HTML) throw new UserFacingError("Una sezione è troppo lunga: dividila in più sezioni o accorciala.", 413);
  }
  const sections = alignWithAgenda(parseSections(verbale.content), meeting).map((section) => {
    const html = input.html[section.key];
    return html === undefined ? section : { ...section, html: sanitizeRichText(html) };
  });
  const stored = new Map(parseSections(verbale.content).map((section) => [section.key, section.html]));
  const changedTitles = sections.filter((section) => (stored.get(section.key) ?? "") !== section.html).map((section) => section.title);
  const written = await db.$transaction(async (tx) => {
    const saved = await tx.verbale.updateMany({
      where: { id: verbale.id, revision: input.revision, status: { in: EDITABLE_STATUSES } },
      data: { content: JSON.stringify(sections), revision: input.revision + 1, updatedById: actor.id },
    });
    if (saved.count === 1 && changedTitles.length > 0) {
      await recordRepeatedChange(
        tx,
        { subjectType: "VERBALE", subjectId: verbale.id, summary: TEXT_SAVED, actor, changes: { [SECTIONS_CHANGED]: ["", changedTitles.join("; ")] } },
        mergeSections,
      );
    }
    return saved;
  });
  const current = await db.verbale.findUniqueOrThrow({ where: { id: verbale.id }, include: { updatedBy: { select: { name: true } } } });
  if (written.count === 1) return { ok: true, revision: current.revision, savedAt: atTime(current.updatedAt) };
  if (!EDITABLE_STATUSES.includes(current.status as VerbaleStatus)) {
    throw new UserFacingError("Nel frattempo il verbale è stato approvato: il testo non si modifica più.", 409);
  }
  const who = current.updatedBy?.name ?? "un altro coordinatore";
  return {
    ok: false,
    conflict: {
      message: `Mentre scrivevi, ${who} ha salvato un altro testo (${atDateTime(current.updatedAt)}). Il tuo testo non è stato salvato e non è andato perso: qui sotto trovi il suo. Puoi caricare il suo testo, oppure continuare con il tuo e salvarlo sapendo che sostituirà il suo.`,
      revision: current.revision,
      sections: alignWithAgenda(parseSections(current.content), meeting),
      savedBy: current.updatedBy?.name ?? null,
      savedAt: atDateTime(current.updatedAt),
    },
  };
}

export async function setProtocolNumber(meetingId: string, protocolNumber: string, actor: Actor) {
  const verbale = await findVerbale(db, meetingId);
  await db.$transaction(async (tx) => {
    await tx.verbale.update({ where: { id: verbale.id }, data: { protocolNumber } });
    const changes = diff(verbale, { protocolNumber }, { protocolNumber: "Numero di protocollo" });
    if (Object.keys(changes).length > 0) {
      await recordChange(tx, { subjectType: "VERBALE", subjectId: verbale.id, summary: "Numero di protocollo del verbale modificato", actor, changes });
    }
  });
}

const TEXT_SAVED = "Testo del verbale modificato";
const SECTIONS_CHANGED = "Sezioni modificate";

/** The sections touched during one sitting: those of the earlier saves and of this one, once each. */
function mergeSections(previous: Changes, next: Changes): Changes {
  const titles = [previous[SECTIONS_CHANGED]?.[1], next[SECTIONS_CHANGED]?.[1]].flatMap((list) => (list ? list.split("; ") : []));
  return { [SECTIONS_CHANGED]: ["", [...new Set(titles)].join("; ")] };
}

// --- Workflow ----------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const verbaleUrl = (meetingId: string) => new URL(`/riunioni/${meetingId}/verbale`, env.APP_URL).toString();

/** Moves the verbale from one state to the next only if it is still in the first (two coordinators, one click wins). */
async function transition(tx: DbTransaction, verbaleId: string, from: VerbaleStatus, data: Prisma.VerbaleUncheckedUpdateManyInput) {
  const moved = await tx.verbale.updateMany({ where: { id: verbaleId, status: from }, data });
  if (moved.count !== 1) throw new UserFacingError("Nel frattempo lo stato del verbale è cambiato: ricarica la pagina.", 409);
}

/**
 * Bozza → in revisione: the attendance and quorum are written into the verbale, the attendees
 * have the series' review days (7 by default) to comment, and each gets a mail with the link.
 */
export async function sendForReview(meetingId: string, actor: Actor, now = new Date()) {
  const meeting = await loadMeeting(meetingId);
  const verbale = await findVerbale(db, meetingId);
  if (verbale.status !== "BOZZA") throw new UserFacingError("Solo una bozza si invia in revisione.", 409);
  const attendance = await attendanceSummary(meetingId);
  const reviewUntil = new Date(todayInRome(now).getTime() + (meeting.series?.reviewDays ?? 7) * DAY_MS);
  const sent = await db.$transaction(async (tx) => {
    await transition(tx, verbale.id, "BOZZA", { status: "IN_REVISIONE", attendanceSummary: attendance.text, reviewUntil, updatedById: actor.id });
    const attendees = await tx.invitee.findMany({
      where: { ...(await attendeeWhere(tx, meetingId)), user: { active: true } },
      select: { user: { select: { name: true, email: true } } },
    });
    await recordChange(tx, {
      subjectType: "VERBALE",
      subjectId: verbale.id,
      summary: `Verbale inviato in revisione a ${attendees.length === 1 ? "1 partecipante" : `${attendees.length} partecipanti`}, commenti fino al ${formatDay(reviewUntil)}`,
      actor,
      changes: { Stato: [verbaleStatusLabel("BOZZA"), verbaleStatusLabel("IN_REVISIONE")] },
    });
    for (const { user } of attendees) {
      await enqueueMail(tx, {
        template: "verbale-review",
        to: user.email,
        content: verbaleReviewMail({
          name: user.name,
          meetingTitle: meeting.title,
          meetingDay: formatRome(meeting.startsAt, "d MMMM yyyy"),
          reviewUntil: formatDay(reviewUntil),
          verbaleUrl: verbaleUrl(meetingId),
        }),
      });
    }
    return attendees.length;
  });
  if (sent > 0) wakeMailWorker();
  return sent;
}

/** An attendee's remark, while the review is open. */
export async function addComment(meetingId: string, text: string, actor: Actor, now = new Date()) {
  const verbale = await findVerbale(db, meetingId);
  if (verbale.status !== "IN_REVISIONE") throw new UserFacingError("Si commenta solo un verbale in revisione.", 409);
  if (!isReviewOpen(verbale, now)) {
    throw new UserFacingError(`Il periodo per i commenti si è chiuso il ${verbale.reviewUntil ? formatDay(verbale.reviewUntil) : ""}.`, 409, "text");
  }
  await db.$transaction(async (tx) => {
    await tx.verbaleComment.create({ data: { verbaleId: verbale.id, userId: actor.id, authorName: actor.name, text } });
    await recordChange(tx, { subjectType: "VERBALE", subjectId: verbale.id, summary: "Commento di revisione aggiunto", actor, changes: { Commento: ["", text] } });
  });
}

/** In revisione → approvato, by a later meeting of the same series (or none named). */
export async function approveVerbale(meetingId: string, approvedAtMeetingId: string, actor: Actor, now = new Date()) {
  const meeting = await loadMeeting(meetingId);
  const verbale = await findVerbale(db, meetingId);
  if (verbale.status !== "IN_REVISIONE") throw new UserFacingError("Si approva solo un verbale in revisione.", 409);
  if (approvedAtMeetingId) {
    const approving = meeting.seriesId
      ? await db.meeting.findFirst({ where: { id: approvedAtMeetingId, seriesId: meeting.seriesId, startsAt: { gt: meeting.startsAt } }, select: { id: true } })
      : null;
    if (!approving) throw new UserFacingError("Scegli una riunione successiva della stessa serie.", 400, "approvedAtMeetingId");
  }
  await db.$transaction(async (tx) => {
    await transition(tx, verbale.id, "IN_REVISIONE", { status: "APPROVATO", approvedAt: now, approvedAtMeetingId: approvedAtMeetingId || null, updatedById: actor.id });
    const approving = approvedAtMeetingId
      ? await tx.meeting.findUniqueOrThrow({ where: { id: approvedAtMeetingId }, select: { title: true, startsAt: true } })
      : null;
    await recordChange(tx, {
      subjectType: "VERBALE",
      subjectId: verbale.id,
      summary: approving ? `Verbale approvato nella riunione «${approving.title}» del ${formatRome(approving.startsAt, "d MMMM yyyy")}` : "Verbale approvato",
      actor,
      changes: { Stato: [verbaleStatusLabel("IN_REVISIONE"), verbaleStatusLabel("APPROVATO")] },
    });
  });
}

/** Every active user is told, as each chose for published verbali (mail, weekly digest, nothing). */
async function mailEveryone(tx: DbTransaction, meeting: MeetingForVerbale, version: number, reason: string) {
  const users = await tx.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true } });
  const meetingDay = formatRome(meeting.startsAt, "d MMMM yyyy");
  const outcome = await notify(tx, users, {
    kind: "VERBALE_PUBLISHED",
    mail: (user) => ({
      template: "verbale-published",
      content: verbalePublishedMail({
        name: user.name,
        meetingTitle: meeting.title,
        meetingDay,
        version,
        reason,
        verbaleUrl: verbaleUrl(meeting.id),
        pdfUrl: new URL(`/riunioni/${meeting.id}/verbale.pdf`, env.APP_URL).toString(),
      }),
    }),
    digest: {
      title: version > 1 ? `Verbale corretto (versione ${version}): ${meeting.title} del ${meetingDay}` : `Verbale pubblicato: ${meeting.title} del ${meetingDay}`,
      path: `/riunioni/${meeting.id}/verbale`,
    },
  });
  return [...outcome.values()].filter((o) => o.mailId).length;
}

/** Approvato → pubblicato: version 1 is the text, and every active user is told. */
export async function publishVerbale(meetingId: string, actor: Actor, now = new Date()) {
  const meeting = await loadMeeting(meetingId);
  const verbale = await findVerbale(db, meetingId);
  if (verbale.status !== "APPROVATO") throw new UserFacingError("Si pubblica solo un verbale approvato.", 409);
  const content = JSON.stringify(alignWithAgenda(parseSections(verbale.content), meeting));
  const sent = await db.$transaction(async (tx) => {
    await transition(tx, verbale.id, "APPROVATO", { status: "PUBBLICATO", publishedAt: now, content, updatedById: actor.id });
    await tx.verbaleVersion.create({ data: { verbaleId: verbale.id, number: 1, content, createdById: actor.id, createdAt: now } });
    await recordChange(tx, {
      subjectType: "VERBALE",
      subjectId: verbale.id,
      summary: "Verbale pubblicato (versione 1)",
      actor,
      changes: { Stato: [verbaleStatusLabel("APPROVATO"), verbaleStatusLabel("PUBBLICATO")] },
    });
    return mailEveryone(tx, meeting, 1, "");
  });
  if (sent > 0) wakeMailWorker();
}

async function latestVersion(client: DbTransaction | typeof db, verbaleId: string) {
  const latest = await client.verbaleVersion.findFirst({ where: { verbaleId }, orderBy: { number: "desc" } });
  if (!latest) throw new UserFacingError("Il verbale non è ancora pubblicato.", 409);
  return latest;
}

/** A published verbale is never edited in place: the corrected working copy becomes the next version, with its reason. */
export async function publishCorrection(meetingId: string, reason: string, actor: Actor, now = new Date()) {
  const meeting = await loadMeeting(meetingId);
  const verbale = await findVerbale(db, meetingId);
  if (verbale.status !== "PUBBLICATO") throw new UserFacingError("Si corregge solo un verbale pubblicato.", 409);
  const latest = await latestVersion(db, verbale.id);
  const content = JSON.stringify(alignWithAgenda(parseSections(verbale.content), meeting));
  if (content === JSON.stringify(parseSections(latest.content))) {
    throw new UserFacingError("Il testo è uguale alla versione pubblicata: modifica il verbale prima di pubblicare la correzione.", 400);
  }
  try {
    const published = await db.$transaction(async (tx) => {
      const version = await tx.verbaleVersion.create({
        data: { verbaleId: verbale.id, number: latest.number + 1, content, reason, createdById: actor.id, createdAt: now },
      });
      await recordChange(tx, { subjectType: "VERBALE", subjectId: verbale.id, summary: `Correzione pubblicata (versione ${version.number}): ${reason}`, actor });
      await mailEveryone(tx, meeting, version.number, reason);
      const publicVersionDropped = await dropPublicVersion(tx, verbale.id, version.number, actor);
      return { number: version.number, publicVersionDropped };
    });
    wakeMailWorker();
    return published;
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserFacingError("Nel frattempo è stata pubblicata un'altra correzione: ricarica la pagina.", 409);
    throw error;
  }
}

/**
 * A public version (the transparency pages' text) made from the previous version would now be
 * outdated: the correction takes it offline and drops it, in the same transaction, and the
 * coordinator prepares it again from the corrected text (docs/decisions/029-public-transparency-pages.md).
 */
async function dropPublicVersion(tx: DbTransaction, verbaleId: string, versionNumber: number, actor: Actor) {
  const before = await tx.verbale.findUniqueOrThrow({ where: { id: verbaleId }, select: { publicContent: true, publicAt: true } });
  if (before.publicContent === null && before.publicAt === null) return false;
  await tx.verbale.update({ where: { id: verbaleId }, data: { publicContent: null, publicAt: null } });
  await recordChange(tx, {
    subjectType: "VERBALE",
    subjectId: verbaleId,
    summary: `Versione pubblica ritirata e da preparare di nuovo: il verbale è stato corretto (versione ${versionNumber})`,
    actor,
    changes: before.publicAt ? { "Sulle pagine pubbliche": ["sì", "no"] } : {},
  });
  return true;
}

/** Drops the correction being prepared: the working copy goes back to the published text. */
export async function discardCorrection(meetingId: string, actor: Actor) {
  const verbale = await findVerbale(db, meetingId);
  if (verbale.status !== "PUBBLICATO") throw new UserFacingError("Non c'è una correzione da annullare.", 409);
  const latest = await latestVersion(db, verbale.id);
  await db.$transaction(async (tx) => {
    await tx.verbale.update({ where: { id: verbale.id }, data: { content: latest.content, revision: { increment: 1 }, updatedById: actor.id } });
    await recordChange(tx, {
      subjectType: "VERBALE",
      subjectId: verbale.id,
      summary: `Correzione in preparazione annullata: il testo torna quello della versione ${latest.number}`,
      actor,
    });
  });
}

// --- Versions and their comparison -------------------------------------------------------------

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

const sectionText = (section: VerbaleSection | undefined) => (section ? richTextToPlain(section.html) : "");

/** Two versions, section by section, as words kept, added and removed. */
export function compareSections(before: VerbaleSection[], after: VerbaleSection[]) {
  const keys = [...new Set([...before.map((s) => s.key), ...after.map((s) => s.key)])];
  return keys.map((key) => {
    const was = before.find((s) => s.key === key);
    const is = after.find((s) => s.key === key);
    const parts: DiffPart[] = diffWords(sectionText(was), sectionText(is)).map((change) => ({
      kind: change.added ? "added" : change.removed ? "removed" : "same",
      text: change.value,
    }));
    return { key, title: is?.title ?? was?.title ?? key, changed: parts.some((p) => p.kind !== "same"), parts };
  });
}

export async function getVersionsPage(meetingId: string, pick: { a: number | null; b: number | null }) {
  const meeting = await loadMeeting(meetingId);
  const verbale = await db.verbale.findUnique({
    where: { meetingId },
    select: { versions: { orderBy: { number: "asc" }, select: { number: true, content: true, reason: true, createdAt: true, createdBy: { select: { name: true } } } } },
  });
  const versions = verbale?.versions ?? [];
  const last = versions.at(-1)?.number ?? 0;
  const b = pick.b !== null && versions.some((v) => v.number === pick.b) ? pick.b : last;
  const a = pick.a !== null && versions.some((v) => v.number === pick.a) ? pick.a : Math.max(1, b - 1);
  const from = versions.find((v) => v.number === a);
  const to = versions.find((v) => v.number === b);
  return {
    meeting: { id: meeting.id, title: meeting.title, when: meetingWhen(meeting) },
    versions: versions.map((v) => ({ number: v.number, reason: v.reason, at: atDateTime(v.createdAt), author: v.createdBy?.name ?? "" })),
    comparison: from && to && from.number !== to.number ? { a: from.number, b: to.number, sections: compareSections(parseSections(from.content), parseSections(to.content)) } : null,
    selected: { a, b },
  };
}

// --- Finding verbali ---------------------------------------------------------------------------

export function parseVerbaliFilters(params: URLSearchParams) {
  const status = params.get("stato") ?? "";
  return {
    seriesId: params.get("serie") ?? "",
    groupId: params.get("gruppo") ?? "",
    from: parseDay(params.get("dal") ?? ""),
    to: parseDay(params.get("al") ?? ""),
    search: (params.get("q") ?? "").trim().slice(0, 200),
    status: status in VERBALE_STATUSES ? status : "",
  };
}
export type VerbaliFilters = ReturnType<typeof parseVerbaliFilters>;

/** The instant a stored day begins in Rome (daylight saving included). */
const romeStartOf = (day: Date) => new TZDate(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), TIME_ZONE);
const nextDay = (day: Date) => new Date(day.getTime() + DAY_MS);

/** How a word sits in the stored JSON of sanitised HTML, so the database can narrow the search. */
const storedForm = (word: string) => JSON.stringify(escapeText(word).replace(/&quot;/g, '"')).slice(1, -1);

/**
 * Verbali by series, group, meeting day and text. Members (includeUnpublished false) find only the
 * published ones, read in their latest version; coordinators find the others too.
 */
export async function listVerbali(filters: VerbaliFilters, includeUnpublished: boolean) {
  const words = filters.search.split(/\s+/).filter(Boolean);
  const status = includeUnpublished ? filters.status : "PUBBLICATO";
  const meetingWhere: Prisma.MeetingWhereInput = {
    ...(filters.seriesId ? { seriesId: filters.seriesId } : {}),
    ...(filters.groupId ? { workingGroupId: filters.groupId } : {}),
    ...(filters.from || filters.to
      ? { startsAt: { ...(filters.from ? { gte: romeStartOf(filters.from) } : {}), ...(filters.to ? { lt: romeStartOf(nextDay(filters.to)) } : {}) } }
      : {}),
  };
  const verbali = await db.verbale.findMany({
    where: {
      ...(status ? { status } : {}),
      meeting: meetingWhere,
      AND: words.map((word) => ({
        OR: [{ content: containsIgnoringCase(storedForm(word)) }, { versions: { some: { content: containsIgnoringCase(storedForm(word)) } } }],
      })),
    },
    orderBy: { meeting: { startsAt: "desc" } },
    take: 200,
    select: {
      id: true,
      status: true,
      content: true,
      publishedAt: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, content: true } },
      meeting: { select: { id: true, title: true, startsAt: true, series: { select: { name: true } }, workingGroup: { select: { name: true } } } },
    },
  });
  const needle = filters.search.toLocaleLowerCase("it");
  return verbali.flatMap((verbale) => {
    const shown = verbale.status === "PUBBLICATO" ? (verbale.versions[0]?.content ?? verbale.content) : verbale.content;
    // The database matched words anywhere in the stored HTML; the phrase must be in the text read.
    const text = parseSections(shown).map((s) => `${s.title}\n${richTextToPlain(s.html)}`).join("\n");
    if (needle && !text.replace(/\s+/g, " ").toLocaleLowerCase("it").includes(needle.replace(/\s+/g, " "))) return [];
    return [
      {
        meetingId: verbale.meeting.id,
        title: verbale.meeting.title,
        day: formatRome(verbale.meeting.startsAt, "d MMMM yyyy"),
        seriesName: verbale.meeting.series?.name ?? null,
        groupName: verbale.meeting.workingGroup?.name ?? null,
        status: verbale.status,
        statusLabel: verbaleStatusLabel(verbale.status),
        version: verbale.versions[0]?.number ?? null,
      },
    ];
  });
}

export async function verbaliFilterChoices() {
  const [series, groups] = await Promise.all([
    db.meetingSeries.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.workingGroup.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { series, groups };
}

// --- PDF ---------------------------------------------------------------------------------------

export interface VerbaleForPdf {
  title: string;
  kindLabel: string;
  when: string;
  place: string;
  seriesName: string | null;
  status: string;
  statusLabel: string;
  protocolNumber: string;
  attendance: string;
  sections: { title: string; blocks: TextBlock[] }[];
  version: { number: number; at: string; reason: string } | null;
  approval: string | null;
  publishedAt: string | null;
}

/** The text a PDF prints: the latest published version, or the working copy before publication. */
export async function verbaleForPdf(meetingId: string): Promise<VerbaleForPdf> {
  const meeting = await loadMeeting(meetingId);
  const verbale = await db.verbale.findUnique({
    where: { meetingId },
    include: {
      approvedAtMeeting: { select: { title: true, startsAt: true } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, content: true, reason: true, createdAt: true } },
    },
  });
  if (!verbale) throw new Response("Il verbale di questa riunione non è ancora stato scritto.", { status: 404 });
  const latest = verbale.status === "PUBBLICATO" ? (verbale.versions[0] ?? null) : null;
  const sections = latest ? parseSections(latest.content) : alignWithAgenda(parseSections(verbale.content), meeting);
  const attendance = verbale.attendanceSummary || (await attendanceSummary(meetingId)).text;
  return {
    title: meeting.title,
    kindLabel: meetingKindLabel(meeting.kind),
    when: meetingWhen(meeting),
    place: meetingPlace(meeting),
    seriesName: meeting.series?.name ?? null,
    status: verbale.status,
    statusLabel: verbaleStatusLabel(verbale.status),
    protocolNumber: verbale.protocolNumber,
    attendance,
    sections: sections.map((s) => ({ title: s.title, blocks: richTextBlocks(s.html) })),
    version: latest ? { number: latest.number, at: atDateTime(latest.createdAt), reason: latest.reason } : null,
    approval: verbale.approvedAt
      ? `Approvato il ${atDateTime(verbale.approvedAt)}${verbale.approvedAtMeeting ? ` nella riunione «${verbale.approvedAtMeeting.title}» del ${formatRome(verbale.approvedAtMeeting.startsAt, "d MMMM yyyy")}` : ""}.`
      : null,
    publishedAt: verbale.publishedAt ? atDateTime(verbale.publishedAt) : null,
  };
}

/** The published verbali of a series whose meetings fall in the period, oldest first. */
export async function publishedVerbaliOf(seriesId: string, from: Date | null, to: Date | null) {
  const series = await db.meetingSeries.findUnique({ where: { id: seriesId }, select: { id: true, name: true } });
  if (!series) throw new UserFacingError("Serie di riunioni non trovata.", 404);
  const verbali = await db.verbale.findMany({
    where: {
      status: "PUBBLICATO",
      meeting: {
        seriesId,
        ...(from || to ? { startsAt: { ...(from ? { gte: romeStartOf(from) } : {}), ...(to ? { lt: romeStartOf(nextDay(to)) } : {}) } } : {}),
      },
    },
    orderBy: { meeting: { startsAt: "asc" } },
    select: { meetingId: true },
  });
  return { series, meetingIds: verbali.map((v) => v.meetingId) };
}

const GREY = "#5c6f82";

function drawBlock(doc: PDFKit.PDFDocument, block: TextBlock) {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  switch (block.kind) {
    case "heading":
      doc.moveDown(0.3).font("Helvetica-Bold").fontSize(block.level === 2 ? 12 : 11).text(block.text, left, undefined, { width });
      break;
    case "paragraph":
      doc.font("Helvetica").fontSize(10).text(block.text, left, undefined, { width });
      break;
    case "item": {
      const indent = 14 * (block.depth + 1);
      doc.font("Helvetica").fontSize(10);
      if (block.marker) doc.text(block.marker, left + indent - 12, undefined, { continued: false, lineBreak: false });
      const y = block.marker ? doc.y - doc.currentLineHeight() : doc.y;
      doc.text(block.text, left + indent, y, { width: width - indent });
      break;
    }
    case "quote":
      doc.font("Helvetica-Oblique").fontSize(10).text(block.text, left + 14, undefined, { width: width - 14 });
      break;
    case "code":
      doc.font("Courier").fontSize(9).text(block.text, left + 8, undefined, { width: width - 8 });
      break;
    case "row":
      doc.font(block.header ? "Helvetica-Bold" : "Helvetica").fontSize(9.5).text(block.cells.join("  |  "), left, undefined, { width });
      break;
    case "rule":
      doc.moveDown(0.3).moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.5).strokeColor(GREY).stroke().moveDown(0.3);
      break;
  }
  doc.moveDown(0.25);
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  const left = doc.page.margins.left;
  doc.moveDown(0.6).font("Helvetica-Bold").fontSize(12.5).fillColor("black").text(text, left).moveDown(0.3);
}

/** One verbale: protocol field, meeting, attendance and quorum, sections, decisions, version and approval. */
async function drawVerbale(doc: PDFKit.PDFDocument, meetingId: string) {
  const verbale = await verbaleForPdf(meetingId);
  const decisions = await listMeetingDecisions(meetingId);
  const left = doc.page.margins.left;
  doc.font("Helvetica").fontSize(10).fillColor("black");
  doc.text(`Protocollo n. ${verbale.protocolNumber || "____________________"}`, left);
  doc.text(`Riunione: ${verbale.title} (${verbale.kindLabel}${verbale.seriesName ? `, ${verbale.seriesName}` : ""})`, left);
  doc.text(`Data: ${verbale.when}`, left);
  doc.text(`Luogo: ${verbale.place}`, left);
  if (verbale.status !== "PUBBLICATO") {
    doc.moveDown(0.3).font("Helvetica-Bold").text(`Stato: ${verbale.statusLabel} (testo non ancora pubblicato)`, left);
  }
  heading(doc, "Presenze e quorum");
  doc.font("Helvetica").fontSize(10).text(verbale.attendance, left);
  for (const section of verbale.sections) {
    heading(doc, section.title);
    if (section.blocks.length === 0) doc.font("Helvetica-Oblique").fontSize(10).fillColor(GREY).text("Nessun testo per questo punto.", left).fillColor("black");
    for (const block of section.blocks) drawBlock(doc, block);
  }
  heading(doc, "Decisioni e azioni");
  if (decisions.decisions.length === 0) doc.font("Helvetica").fontSize(10).text("Nessuna decisione o azione registrata.", left);
  for (const entry of decisions.decisions) {
    const details = [
      entry.agendaItemTitle ? `punto «${entry.agendaItemTitle}»` : null,
      entry.responsibleOrganisationName || entry.responsibleUserName
        ? `responsabile: ${[entry.responsibleUserName, entry.responsibleOrganisationName].filter(Boolean).join(", ")}`
        : null,
      entry.dueOnLabel ? `entro il ${entry.dueOnLabel}` : null,
      `stato: ${entry.statusLabel.toLowerCase()}`,
    ].filter(Boolean);
    doc.font("Helvetica-Bold").fontSize(10).text(`${entry.kindLabel}: `, left, undefined, { continued: true }).font("Helvetica").text(entry.text);
    doc.font("Helvetica").fontSize(9).fillColor(GREY).text(details.join(" · "), left + 14).fillColor("black").moveDown(0.3);
  }
  doc.moveDown(0.8).font("Helvetica").fontSize(9.5).fillColor(GREY);
  if (verbale.version) {
    doc.text(`Versione ${verbale.version.number}, pubblicata il ${verbale.version.at}${verbale.version.reason ? `. Motivo della correzione: ${verbale.version.reason}` : ""}.`, left);
  }
  if (verbale.approval) doc.text(verbale.approval, left);
  doc.fillColor("black");
  return verbale;
}

export async function verbalePdf(meetingId: string) {
  const summary = await verbaleForPdf(meetingId);
  const buffer = await renderPdf({ title: `Verbale: ${summary.title}`, subtitle: summary.when }, async (doc) => {
    await drawVerbale(doc, meetingId);
  });
  return { buffer, filename: `Verbale ${summary.title} ${formatRome(new Date(), "yyyy-MM-dd")}.pdf` };
}

/** The published verbali of a series over a period, one after the other, each from a new page. */
export async function verbaliCompilationPdf(seriesId: string, from: Date | null, to: Date | null) {
  const { series, meetingIds } = await publishedVerbaliOf(seriesId, from, to);
  const period = from || to ? `${from ? `dal ${formatDay(from)}` : ""}${from && to ? " " : ""}${to ? `al ${formatDay(to)}` : ""}` : "tutti i verbali";
  const buffer = await renderPdf({ title: `Raccolta dei verbali: ${series.name}`, subtitle: `Verbali pubblicati, ${period}` }, async (doc) => {
    if (meetingIds.length === 0) {
      doc.text("Nessun verbale pubblicato per questa serie nel periodo scelto.");
      return;
    }
    for (const [index, meetingId] of meetingIds.entries()) {
      if (index > 0) doc.addPage();
      const verbale = await verbaleForPdf(meetingId);
      doc.font("Helvetica-Bold").fontSize(14).fillColor("black").text(`Verbale: ${verbale.title}`, doc.page.margins.left).moveDown(0.4);
      await drawVerbale(doc, meetingId);
    }
  });
  return { buffer, filename: `Raccolta verbali ${series.name}.pdf` };
}
