import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { type Actor, diff, recordChange } from "~/domain/audit.server";
import { db, isUniqueViolation, type DbTransaction, type Prisma } from "~/db.server";
import { type PendingUpload, removeStoredFileBytes, withStoredFiles } from "~/files/storage.server";
import { formatDate, formatRome, parseDay, todayInRome } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { idList, optionalText, requiredText } from "~/utils/forms.server";
import { QUORUM_RULES, quorumRuleLabel, type QuorumRule } from "./quorum";
import { AUDIENCES, describeRule, MEETING_KINDS, meetingKindLabel, nextDates, romeDay, romeInstant, romeTime, TIME_PATTERN } from "./meeting-rules";

// Meeting series, meetings and their ordine del giorno. Convocation, replies, attendance and
// verbali live in their own modules; this one decides who a meeting is for and what it discusses.

/** Bodies taking part in the tavolo today: their people are the PARTNERS audience. */
const TAKING_PART = ["PARTNER", "ADERENTE"];
const PAGE_SIZE = 20;
/** How many of the rule's dates the series page proposes. */
const PROPOSALS = 6;

const notFound = (): never => {
  throw new UserFacingError("Riunione non trovata: potrebbe essere stata eliminata.", 404);
};

// --- Fields ----------------------------------------------------------------------------------

const choice = <T extends string>(values: readonly T[], message: string) =>
  z.enum(values as [T, ...T[]], { error: message });
const timeField = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(TIME_PATTERN, "Orario non valido: scrivilo come 15:00.");
const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || null);
const intField = (message: string, min: number, max: number) =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
const videoLinkField = optionalText(500).refine((value) => value === "" || /^https:\/\/\S+$/.test(value), {
  message: "Il link della videochiamata deve iniziare con https://.",
});

export const seriesFields = z
  .object({
    name: requiredText("Dai un nome alla serie.", 150),
    kind: choice(["GOVERNANCE", "OPERATIVE"], "Scegli il piano della serie."),
    workingGroupId: optionalId,
    weekOfMonth: z.coerce.number({ error: "Scegli la settimana del mese." }).refine((n) => [1, 2, 3, 4, -1].includes(n), "Scegli la settimana del mese."),
    weekday: intField("Scegli il giorno della settimana.", 1, 7),
    startTime: timeField("Indica l'ora di inizio."),
    endTime: timeField("Indica l'ora di fine."),
    location: optionalText(300),
    videoLink: videoLinkField,
    reminderDaysBefore: intField("Indica tra 0 e 30 giorni.", 0, 30),
    quorumRule: choice(Object.keys(QUORUM_RULES) as QuorumRule[], "Scegli la regola del numero legale."),
    reviewDays: intField("Indica tra 1 e 60 giorni.", 1, 60),
  })
  .refine((s) => s.endTime > s.startTime, { message: "L'ora di fine deve venire dopo l'ora di inizio.", path: ["endTime"] })
  .refine((s) => s.location !== "" || s.videoLink !== "", {
    message: "Indica il luogo, il link della videochiamata o entrambi.",
    path: ["location"],
  });
export type SeriesFields = z.output<typeof seriesFields>;

export const meetingFields = z
  .object({
    title: requiredText("Dai un titolo alla riunione.", 200),
    kind: choice(["GOVERNANCE", "OPERATIVE"], "Scegli il piano della riunione."),
    seriesId: optionalId,
    workingGroupId: optionalId,
    day: z
      .string({ error: "Indica la data della riunione." })
      .trim()
      .min(1, "Indica la data della riunione.")
      .refine((value) => parseDay(value) !== null, "Data non valida: usa il formato gg/mm/aaaa."),
    startTime: timeField("Indica l'ora di inizio."),
    endTime: timeField("Indica l'ora di fine."),
    location: optionalText(300),
    videoLink: videoLinkField,
    audience: choice(["PARTNERS", "GROUP", "NAMED"], "Scegli chi è invitato."),
    namedIds: idList,
  })
  .refine((m) => m.endTime > m.startTime, { message: "L'ora di fine deve venire dopo l'ora di inizio.", path: ["endTime"] })
  .refine((m) => m.location !== "" || m.videoLink !== "", {
    message: "Indica il luogo, il link della videochiamata o entrambi.",
    path: ["location"],
  })
  .refine((m) => m.audience !== "GROUP" || m.workingGroupId !== null, {
    message: "Per invitare un gruppo di lavoro, scegli il gruppo.",
    path: ["workingGroupId"],
  })
  .refine((m) => m.audience !== "NAMED" || m.namedIds.length > 0, {
    message: "Scegli almeno una persona da invitare, o invita le organizzazioni o un gruppo.",
    path: ["namedIds"],
  });
export type MeetingFields = z.output<typeof meetingFields>;

export const agendaItemFields = z.object({
  title: requiredText("Scrivi il titolo del punto.", 300),
  presenter: optionalText(150),
  durationMinutes: intField("Indica la durata prevista in minuti, da 1 a 480.", 1, 480),
});
export type AgendaItemFields = z.output<typeof agendaItemFields>;

// --- Series ----------------------------------------------------------------------------------

const seriesSelect = {
  id: true,
  name: true,
  kind: true,
  workingGroupId: true,
  weekOfMonth: true,
  weekday: true,
  startTime: true,
  endTime: true,
  location: true,
  videoLink: true,
  reminderDaysBefore: true,
  quorumRule: true,
  reviewDays: true,
  active: true,
  workingGroup: { select: { id: true, name: true } },
} satisfies Prisma.MeetingSeriesSelect;

export async function listSeries() {
  return db.meetingSeries.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], select: seriesSelect });
}

export async function getSeries(id: string) {
  return db.meetingSeries.findUnique({ where: { id }, select: seriesSelect });
}

/** The rule's next dates, leaving out days on which the series already has a meeting. */
export async function proposedDates(seriesId: string, now = new Date()) {
  const series = await db.meetingSeries.findUnique({ where: { id: seriesId }, select: seriesSelect });
  if (!series) return [];
  const candidates = nextDates(series, now, PROPOSALS * 2);
  const last = candidates[candidates.length - 1];
  const existing = await db.meeting.findMany({
    where: { seriesId, startsAt: { gte: now, lte: last ? last.endsAt : now } },
    select: { startsAt: true },
  });
  const taken = new Set(existing.map((m) => romeDay(m.startsAt)));
  return candidates.filter((date) => !taken.has(date.day)).slice(0, PROPOSALS);
}

async function checkSeriesGroup(tx: DbTransaction, fields: SeriesFields) {
  if (fields.kind === "GOVERNANCE" && fields.workingGroupId) {
    throw new UserFacingError("Le riunioni del piano di governo non appartengono a un gruppo di lavoro.", 400, "workingGroupId");
  }
  if (fields.workingGroupId && !(await tx.workingGroup.findUnique({ where: { id: fields.workingGroupId }, select: { id: true } }))) {
    throw new UserFacingError("Il gruppo scelto non esiste più: ricarica la pagina.", 400, "workingGroupId");
  }
}

const duplicateSeries = (): never => {
  throw new UserFacingError("Esiste già una serie con questo nome.", 409, "name");
};

async function withUniqueSeriesName<T>(work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) duplicateSeries();
    throw error;
  }
}

const SERIES_LABELS = {
  name: "Nome",
  kind: "Piano",
  group: "Gruppo di lavoro",
  rule: "Regola delle date",
  location: "Luogo",
  videoLink: "Videochiamata",
  reminderDaysBefore: "Promemoria (giorni prima)",
  quorumRule: "Numero legale",
  reviewDays: "Giorni per la revisione del verbale",
  active: "Attiva",
};

/** A series as its history compares it: labels and the rule in words. */
async function seriesAuditView(tx: DbTransaction, id: string) {
  const series = await tx.meetingSeries.findUnique({ where: { id }, select: seriesSelect });
  if (!series) return null;
  return {
    ...series,
    kind: meetingKindLabel(series.kind),
    group: series.workingGroup?.name ?? "",
    rule: describeRule(series),
    quorumRule: quorumRuleLabel(series.quorumRule),
  };
}

export async function createSeries(fields: SeriesFields, actor: Actor) {
  return withUniqueSeriesName(() =>
    db.$transaction(async (tx) => {
      await checkSeriesGroup(tx, fields);
      const series = await tx.meetingSeries.create({ data: fields, select: { id: true } });
      await recordChange(tx, { subjectType: "MEETING_SERIES", subjectId: series.id, summary: `Serie di riunioni creata: ${fields.name}`, actor });
      return series;
    }),
  );
}

export async function updateSeries(id: string, fields: SeriesFields & { active: boolean }, actor: Actor) {
  return withUniqueSeriesName(() =>
    db.$transaction(async (tx) => {
      await checkSeriesGroup(tx, fields);
      const before = await seriesAuditView(tx, id);
      const updated = await tx.meetingSeries.updateMany({ where: { id }, data: fields });
      if (updated.count !== 1 || !before) throw new UserFacingError("Serie non trovata: potrebbe essere stata eliminata.", 404);
      const changes = diff(before, (await seriesAuditView(tx, id)) ?? {}, SERIES_LABELS);
      if (Object.keys(changes).length > 0) {
        await recordChange(tx, { subjectType: "MEETING_SERIES", subjectId: id, summary: `Serie di riunioni modificata: ${fields.name}`, actor, changes });
      }
    }),
  );
}

const monthYear = (instant: Date) => formatRome(instant, "MMMM yyyy");

/**
 * A coordinator confirms one of the rule's dates: a draft meeting with the series' data. The day
 * must be one the rule gives and not yet taken, so a stale page cannot create a stray meeting.
 */
export async function confirmSeriesDate(seriesId: string, day: string, actor: Actor, now = new Date()) {
  const series = await getSeries(seriesId);
  if (!series) throw new UserFacingError("Serie non trovata: potrebbe essere stata eliminata.", 404);
  const proposal = (await proposedDates(seriesId, now)).find((date) => date.day === day);
  if (!proposal) {
    throw new UserFacingError("Questa data non è più tra quelle proposte: forse la riunione è già stata creata. Ricarica la pagina.", 409);
  }
  return db.$transaction(async (tx) => {
    const meeting = await tx.meeting.create({
      data: {
        title: `${series.name} – ${monthYear(proposal.startsAt)}`,
        kind: series.kind,
        seriesId: series.id,
        workingGroupId: series.workingGroupId,
        startsAt: proposal.startsAt,
        endsAt: proposal.endsAt,
        location: series.location,
        videoLink: series.videoLink,
        audience: series.kind === "GOVERNANCE" ? "PARTNERS" : series.workingGroupId ? "GROUP" : "NAMED",
        quorumRule: series.quorumRule,
        reminderDaysBefore: series.reminderDaysBefore,
      },
      select: { id: true, title: true, startsAt: true, endsAt: true },
    });
    await addMinutesApprovalItem(tx, meeting.id, seriesId, meeting.startsAt);
    await recordChange(tx, {
      subjectType: "MEETING",
      subjectId: meeting.id,
      summary: `Riunione creata dalla serie «${series.name}»: ${meeting.title}, ${meetingTime(meeting)}`,
      actor,
    });
    return meeting;
  });
}

// --- Meetings: reading -----------------------------------------------------------------------

export interface Viewer {
  id: string;
  isCoordinator: boolean;
}

/** Drafts and cancelled meetings are the coordinators' business only. */
const visibleTo = (viewer: Viewer): Prisma.MeetingWhereInput => (viewer.isCoordinator ? {} : { status: "CONVOKED" });

export function parseMeetingFilters(params: URLSearchParams) {
  const page = Number.parseInt(params.get("pagina") ?? "1", 10);
  const kind = params.get("tipo") ?? "";
  return {
    when: params.get("quando") === "passate" ? ("past" as const) : ("upcoming" as const),
    seriesId: params.get("serie") ?? "",
    kind: kind in MEETING_KINDS ? kind : "",
    groupId: params.get("gruppo") ?? "",
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}
export type MeetingFilters = ReturnType<typeof parseMeetingFilters>;

export async function listMeetings(filters: MeetingFilters, viewer: Viewer, now = new Date()) {
  const where: Prisma.MeetingWhereInput = {
    ...visibleTo(viewer),
    ...(filters.when === "past" ? { startsAt: { lt: now } } : { startsAt: { gte: now } }),
    ...(filters.seriesId ? { seriesId: filters.seriesId } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.groupId ? { workingGroupId: filters.groupId } : {}),
  };
  const [total, meetings] = await Promise.all([
    db.meeting.count({ where }),
    db.meeting.findMany({
      where,
      orderBy: [{ startsAt: filters.when === "past" ? "desc" : "asc" }, { id: "asc" }],
      skip: (filters.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        title: true,
        kind: true,
        status: true,
        startsAt: true,
        endsAt: true,
        location: true,
        videoLink: true,
        series: { select: { name: true } },
        workingGroup: { select: { name: true } },
      },
    }),
  ]);
  return { meetings, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export async function meetingFilterChoices() {
  const [series, groups] = await Promise.all([
    db.meetingSeries.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.workingGroup.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { series, groups };
}

/** The meeting if the viewer may see it; a draft is reported missing to members, not forbidden. */
export async function findVisibleMeeting(meetingId: string, viewer: Viewer) {
  return db.meeting.findFirst({ where: { id: meetingId, ...visibleTo(viewer) }, select: { id: true, status: true, kind: true } });
}

const agendaSelect = {
  id: true,
  position: true,
  title: true,
  presenter: true,
  durationMinutes: true,
  kind: true,
  verbaleId: true,
  followsDecisionId: true,
  documents: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, title: true, file: { select: { originalName: true, size: true, mimeType: true } } },
  },
  escalatedFrom: {
    select: { meeting: { select: { id: true, title: true, startsAt: true, workingGroup: { select: { name: true } } } } },
  },
  escalatedTo: { select: { meeting: { select: { id: true, title: true, startsAt: true, status: true } } } },
} satisfies Prisma.AgendaItemSelect;

/** The meeting page: details, agenda with documents and origins, and the viewer's own invitation. */
export async function getMeetingPage(meetingId: string, viewer: Viewer) {
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, ...visibleTo(viewer) },
    select: {
      id: true,
      title: true,
      kind: true,
      status: true,
      startsAt: true,
      endsAt: true,
      location: true,
      videoLink: true,
      audience: true,
      quorumRule: true,
      convokedAt: true,
      cancelledAt: true,
      cancelReason: true,
      series: { select: { id: true, name: true } },
      workingGroup: { select: { id: true, name: true } },
      agendaItems: { orderBy: { position: "asc" }, select: agendaSelect },
      invitees: { where: { userId: viewer.id }, select: { response: true, respondedAt: true, substituteForId: true } },
    },
  });
  if (!meeting) return null;
  const { invitees, ...rest } = meeting;
  const delegateOf = await db.organisation.findFirst({ where: { delegateId: viewer.id }, select: { id: true } });
  return { ...rest, myInvitation: invitees[0] ?? null, isDelegate: delegateOf !== null };
}

/** The meeting's fields as the edit form starts from them; named people are the invitees the audience does not already cover. */
export async function getMeetingForEdit(meetingId: string) {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      title: true,
      kind: true,
      status: true,
      seriesId: true,
      workingGroupId: true,
      startsAt: true,
      endsAt: true,
      location: true,
      videoLink: true,
      audience: true,
      invitees: { where: { substituteForId: null }, select: { userId: true } },
    },
  });
  if (!meeting) return null;
  const audience = new Set((await audiencePeople(db as unknown as DbTransaction, meeting)).map((p) => p.userId));
  const { invitees, ...rest } = meeting;
  return { ...rest, namedIds: invitees.map((i) => i.userId).filter((id) => !audience.has(id)) };
}

/** What the meeting form offers: series, groups, and the active people by organisation. */
export async function meetingFormChoices() {
  const [series, groups, people] = await Promise.all([
    db.meetingSeries.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: seriesSelect }),
    db.workingGroup.findMany({ where: { status: "ACTIVE" }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({
      where: { active: true },
      orderBy: [{ organisation: { name: "asc" } }, { name: "asc" }],
      select: { id: true, name: true, organisation: { select: { name: true } } },
    }),
  ]);
  return { series, groups, people: people.map((p) => ({ id: p.id, label: `${p.name} (${p.organisation.name})` })) };
}

// --- Invitees --------------------------------------------------------------------------------

interface InviteePerson {
  userId: string;
  organisationId: string;
}

/** PARTNERS: each partner or adhering body's delegate, or its active referents when it has none; GROUP: the group's active members. */
async function audiencePeople(tx: DbTransaction, meeting: { audience: string; workingGroupId: string | null }): Promise<InviteePerson[]> {
  if (meeting.audience === "PARTNERS") {
    const organisations = await tx.organisation.findMany({
      where: { status: { in: TAKING_PART } },
      orderBy: { name: "asc" },
      select: {
        id: true,
        delegate: { select: { id: true, active: true } },
        users: { where: { role: "REFERENT", active: true }, orderBy: { name: "asc" }, select: { id: true } },
      },
    });
    return organisations.flatMap((o) =>
      o.delegate?.active ? [{ userId: o.delegate.id, organisationId: o.id }] : o.users.map((u) => ({ userId: u.id, organisationId: o.id })),
    );
  }
  if (meeting.audience === "GROUP" && meeting.workingGroupId) {
    const members = await tx.workingGroupMember.findMany({
      where: { groupId: meeting.workingGroupId, user: { active: true } },
      select: { user: { select: { id: true, organisationId: true } } },
    });
    return members.map((m) => ({ userId: m.user.id, organisationId: m.user.organisationId }));
  }
  return [];
}

/**
 * Everyone the meeting is for: its audience (PARTNERS, GROUP) plus every person already on its
 * invitee list. Named people are kept as Invitee rows written when the meeting is saved (reply
 * PENDING, and the hash of a random token nobody holds: the convocation replaces it with a token
 * it mails). Substitutes named by a delegate are Invitee rows too, so they stay invited. The
 * convocation (app/domain/convocations.server.ts) calls this at "Convoca" and on updates and
 * upserts an Invitee row for each person returned.
 */
export async function resolveInvitees(tx: DbTransaction, meetingId: string): Promise<InviteePerson[]> {
  const meeting = await tx.meeting.findUnique({
    where: { id: meetingId },
    select: { audience: true, workingGroupId: true, invitees: { orderBy: { createdAt: "asc" }, select: { userId: true, organisationId: true } } },
  });
  if (!meeting) return [];
  const people = new Map<string, InviteePerson>();
  for (const person of [...(await audiencePeople(tx, meeting)), ...meeting.invitees]) {
    if (!people.has(person.userId)) people.set(person.userId, { userId: person.userId, organisationId: person.organisationId });
  }
  return [...people.values()];
}

const unusableTokenHash = () => createHash("sha256").update(randomBytes(32)).digest("hex");

/**
 * Makes the invitee list match the form: named people get a row; people neither named nor in the
 * audience lose theirs. Substitutes stay: they were named by a delegate, not by this form.
 */
async function saveNamedPeople(tx: DbTransaction, meetingId: string, meeting: { audience: string; workingGroupId: string | null }, namedIds: string[]) {
  const named = [...new Set(namedIds)];
  const people = await tx.user.findMany({ where: { id: { in: named }, active: true }, select: { id: true, organisationId: true } });
  if (people.length !== named.length) {
    throw new UserFacingError("Una delle persone scelte non ha più un account attivo: ricarica la pagina e scegli di nuovo.", 400, "namedIds");
  }
  const keep = new Set([...named, ...(await audiencePeople(tx, meeting)).map((p) => p.userId)]);
  const dropped = { meetingId, substituteForId: null, substitute: { is: null }, userId: { notIn: [...keep] } };
  // Once convoked, people taken off the list have the event in their calendar: they are told, and
  // their calendar drops it. (Imported here: convocations.server imports this module.)
  const { withdrawInvitees } = await import("~/domain/convocations.server");
  await withdrawInvitees(tx, meetingId, (await tx.invitee.findMany({ where: dropped, select: { id: true } })).map((i) => i.id));
  await tx.invitee.deleteMany({ where: dropped });
  const existing = new Set((await tx.invitee.findMany({ where: { meetingId }, select: { userId: true } })).map((i) => i.userId));
  for (const person of people) {
    if (existing.has(person.id)) continue;
    await tx.invitee.create({
      data: { meetingId, userId: person.id, organisationId: person.organisationId, rsvpTokenHash: unusableTokenHash() },
    });
  }
}

// --- Meetings: writing -----------------------------------------------------------------------

async function meetingData(tx: DbTransaction, fields: MeetingFields) {
  const startsAt = romeInstant(fields.day, fields.startTime);
  const endsAt = romeInstant(fields.day, fields.endTime);
  if (fields.seriesId && !(await tx.meetingSeries.findUnique({ where: { id: fields.seriesId }, select: { id: true } }))) {
    throw new UserFacingError("La serie scelta non esiste più: ricarica la pagina.", 400, "seriesId");
  }
  if (fields.workingGroupId && !(await tx.workingGroup.findUnique({ where: { id: fields.workingGroupId }, select: { id: true } }))) {
    throw new UserFacingError("Il gruppo scelto non esiste più: ricarica la pagina.", 400, "workingGroupId");
  }
  return {
    title: fields.title,
    kind: fields.kind,
    seriesId: fields.seriesId,
    workingGroupId: fields.workingGroupId,
    startsAt,
    endsAt,
    location: fields.location,
    videoLink: fields.videoLink,
    audience: fields.audience,
  };
}

/** "12 marzo 2026, 15:00–17:00" (Rome time), as the history writes when a meeting is. */
const meetingTime = (meeting: { startsAt: Date; endsAt: Date }) => `${formatDate(meeting.startsAt)}, ${romeTime(meeting.startsAt)}–${romeTime(meeting.endsAt)}`;

const MEETING_LABELS = {
  title: "Titolo",
  kind: "Piano",
  series: "Serie",
  group: "Gruppo di lavoro",
  when: "Data e orario",
  location: "Luogo",
  videoLink: "Videochiamata",
  audience: "Invitati",
};

/** A meeting as its history compares it, with the names of the people on its invitee list. */
async function meetingAuditView(tx: DbTransaction, meetingId: string) {
  const meeting = await tx.meeting.findUnique({
    where: { id: meetingId },
    select: {
      title: true,
      kind: true,
      startsAt: true,
      endsAt: true,
      location: true,
      videoLink: true,
      audience: true,
      series: { select: { name: true } },
      workingGroup: { select: { name: true } },
      invitees: { select: { user: { select: { id: true, name: true, organisation: { select: { name: true } } } } } },
    },
  });
  if (!meeting) return null;
  return {
    title: meeting.title,
    kind: meetingKindLabel(meeting.kind),
    series: meeting.series?.name ?? "",
    group: meeting.workingGroup?.name ?? "",
    when: meetingTime(meeting),
    location: meeting.location,
    videoLink: meeting.videoLink,
    audience: AUDIENCES[meeting.audience] ?? meeting.audience,
    people: new Map(meeting.invitees.map(({ user }) => [user.id, `${user.name} (${user.organisation.name})`])),
  };
}

const names = (people: string[]) => people.sort((a, b) => a.localeCompare(b, "it")).join(", ");

export async function createMeeting(fields: MeetingFields, actor: Actor) {
  return db.$transaction(async (tx) => {
    const data = await meetingData(tx, fields);
    const series = fields.seriesId
      ? await tx.meetingSeries.findUnique({ where: { id: fields.seriesId }, select: { quorumRule: true, reminderDaysBefore: true } })
      : null;
    const meeting = await tx.meeting.create({
      data: { ...data, quorumRule: series?.quorumRule ?? "NONE", reminderDaysBefore: series?.reminderDaysBefore ?? 2 },
      select: { id: true, startsAt: true },
    });
    await saveNamedPeople(tx, meeting.id, data, fields.namedIds);
    if (fields.seriesId) await addMinutesApprovalItem(tx, meeting.id, fields.seriesId, meeting.startsAt);
    await recordChange(tx, { subjectType: "MEETING", subjectId: meeting.id, summary: `Riunione creata: ${fields.title}, ${meetingTime(data)}`, actor });
    return meeting;
  });
}

export async function updateMeeting(meetingId: string, fields: MeetingFields, actor: Actor) {
  await db.$transaction(async (tx) => {
    const current = await tx.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
    if (!current) return notFound();
    if (current.status === "CANCELLED") throw new UserFacingError("La riunione è stata annullata: non si può più modificare.", 409);
    const before = await meetingAuditView(tx, meetingId);
    const data = await meetingData(tx, fields);
    await tx.meeting.update({ where: { id: meetingId }, data });
    // The register orders entries by their meeting's start, kept on each entry (see the Decision model).
    await tx.decision.updateMany({ where: { meetingId }, data: { meetingStartsAt: data.startsAt } });
    await saveNamedPeople(tx, meetingId, data, fields.namedIds);
    const after = await meetingAuditView(tx, meetingId);
    if (!before || !after) return;
    const changes = diff(before, after, MEETING_LABELS);
    const added = [...after.people].filter(([id]) => !before.people.has(id)).map(([, name]) => name);
    const removed = [...before.people].filter(([id]) => !after.people.has(id)).map(([, name]) => name);
    if (added.length > 0) changes["Persone aggiunte agli invitati"] = ["", names(added)];
    if (removed.length > 0) changes["Persone tolte dagli invitati"] = [names(removed), ""];
    if (Object.keys(changes).length > 0) {
      await recordChange(tx, { subjectType: "MEETING", subjectId: meetingId, summary: `Riunione modificata: ${fields.title}`, actor, changes });
    }
  });
}

/**
 * The previous meeting of the series (by start) has a verbale still waiting to be approved: the
 * new meeting's first item approves it.
 */
async function addMinutesApprovalItem(tx: DbTransaction, meetingId: string, seriesId: string, startsAt: Date) {
  const previous = await tx.meeting.findFirst({
    where: { seriesId, id: { not: meetingId }, startsAt: { lt: startsAt }, status: { not: "CANCELLED" } },
    orderBy: { startsAt: "desc" },
    select: { startsAt: true, verbale: { select: { id: true, status: true, approvedAt: true } } },
  });
  const verbale = previous?.verbale;
  if (!previous || !verbale || verbale.status === "PUBBLICATO" || verbale.approvedAt !== null) return;
  await tx.agendaItem.updateMany({ where: { meetingId }, data: { position: { increment: 1 } } });
  await tx.agendaItem.create({
    data: {
      meetingId,
      position: 0,
      kind: "MINUTES_APPROVAL",
      verbaleId: verbale.id,
      title: `Approvazione del verbale della seduta del ${formatDate(previous.startsAt)}`,
      durationMinutes: 10,
    },
  });
}

// --- Agenda ----------------------------------------------------------------------------------

/** The agenda page: the meeting, its items with documents and origins, and the suggestions. */
export async function getAgendaPage(meetingId: string, now = new Date()) {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      title: true,
      kind: true,
      status: true,
      startsAt: true,
      endsAt: true,
      workingGroup: { select: { name: true } },
      agendaItems: { orderBy: { position: "asc" }, select: agendaSelect },
    },
  });
  if (!meeting) return null;
  const onAgenda = meeting.agendaItems.map((item) => item.followsDecisionId).filter((id): id is string => id !== null);
  const today = todayInRome(now);
  const actions = await db.decision.findMany({
    where: { kind: "ACTION", status: { in: ["OPEN", "IN_PROGRESS"] }, id: { notIn: onAgenda } },
    orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      text: true,
      status: true,
      dueOn: true,
      responsibleOrganisation: { select: { name: true } },
      meeting: { select: { title: true, startsAt: true } },
    },
  });
  const suggestions = actions
    .map((action) => ({ ...action, overdue: action.dueOn !== null && action.dueOn < today }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue));
  const nextGovernance = meeting.kind === "OPERATIVE" ? await findNextGovernanceMeeting(db as unknown as DbTransaction, now) : null;
  return { meeting, suggestions, nextGovernance };
}

async function findNextGovernanceMeeting(tx: DbTransaction, now: Date) {
  return tx.meeting.findFirst({
    where: { kind: "GOVERNANCE", status: { not: "CANCELLED" }, startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: { id: true, title: true, startsAt: true },
  });
}

/** Agenda changes are for meetings still to happen or being prepared: never a cancelled one. */
async function editableMeeting(tx: DbTransaction, meetingId: string) {
  const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { id: true, status: true, kind: true, title: true, workingGroup: { select: { name: true } } } });
  if (!meeting) return notFound();
  if (meeting.status === "CANCELLED") throw new UserFacingError("La riunione è stata annullata: il suo ordine del giorno non si modifica più.", 409);
  return meeting;
}

async function nextPosition(tx: DbTransaction, meetingId: string) {
  const last = await tx.agendaItem.findFirst({ where: { meetingId }, orderBy: { position: "desc" }, select: { position: true } });
  return last ? last.position + 1 : 0;
}

/** Positions stay 0, 1, 2... with no gaps, whatever was removed. */
async function renumber(tx: DbTransaction, meetingId: string) {
  const items = await tx.agendaItem.findMany({ where: { meetingId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, position: true } });
  for (const [index, item] of items.entries()) {
    if (item.position !== index) await tx.agendaItem.update({ where: { id: item.id }, data: { position: index } });
  }
}

async function itemOf(tx: DbTransaction, meetingId: string, itemId: string) {
  const item = await tx.agendaItem.findFirst({ where: { id: itemId, meetingId }, select: { id: true, position: true, title: true, escalatedTo: { select: { id: true } } } });
  if (!item) throw new UserFacingError("Punto non trovato: potrebbe essere stato rimosso. Ricarica la pagina.", 404);
  return item;
}

const itemData = (fields: AgendaItemFields) => ({ title: fields.title, presenter: fields.presenter, durationMinutes: fields.durationMinutes });

const ITEM_LABELS = { title: "Titolo", presenter: "Relatore", durationMinutes: "Durata (minuti)" };

export async function addAgendaItem(meetingId: string, fields: AgendaItemFields, actor: Actor) {
  return db.$transaction(async (tx) => {
    await editableMeeting(tx, meetingId);
    const item = await tx.agendaItem.create({ data: { meetingId, ...itemData(fields), position: await nextPosition(tx, meetingId) }, select: { id: true, title: true } });
    await recordChange(tx, { subjectType: "MEETING", subjectId: meetingId, summary: `Punto aggiunto all'ordine del giorno: ${item.title}`, actor });
    return item;
  });
}

export async function updateAgendaItem(meetingId: string, itemId: string, fields: AgendaItemFields, actor: Actor) {
  await db.$transaction(async (tx) => {
    await editableMeeting(tx, meetingId);
    await itemOf(tx, meetingId, itemId);
    const before = await tx.agendaItem.findUniqueOrThrow({ where: { id: itemId }, select: { title: true, presenter: true, durationMinutes: true } });
    await tx.agendaItem.update({ where: { id: itemId }, data: itemData(fields) });
    const changes = diff(before, itemData(fields), ITEM_LABELS);
    if (Object.keys(changes).length > 0) {
      await recordChange(tx, { subjectType: "MEETING", subjectId: meetingId, summary: `Punto dell'ordine del giorno modificato: ${fields.title}`, actor, changes });
    }
  });
}

export async function removeAgendaItem(meetingId: string, itemId: string, actor: Actor) {
  const storageKeys = await db.$transaction(async (tx) => {
    await editableMeeting(tx, meetingId);
    const item = await itemOf(tx, meetingId, itemId);
    const documents = await tx.agendaDocument.findMany({ where: { agendaItemId: itemId }, select: { file: { select: { id: true, storageKey: true } } } });
    await tx.agendaItem.delete({ where: { id: itemId } });
    await tx.storedFile.deleteMany({ where: { id: { in: documents.map((d) => d.file.id) } } });
    await renumber(tx, meetingId);
    await recordChange(tx, { subjectType: "MEETING", subjectId: meetingId, summary: `Punto tolto dall'ordine del giorno: ${item.title}`, actor });
    return documents.map((d) => d.file.storageKey);
  });
  // Bytes go once their records are gone for good.
  await Promise.all(storageKeys.map(removeStoredFileBytes));
}

export async function moveAgendaItem(meetingId: string, itemId: string, direction: "up" | "down", actor: Actor) {
  await db.$transaction(async (tx) => {
    await editableMeeting(tx, meetingId);
    await renumber(tx, meetingId);
    const item = await itemOf(tx, meetingId, itemId);
    const neighbour = await tx.agendaItem.findFirst({
      where: { meetingId, position: direction === "up" ? item.position - 1 : item.position + 1 },
      select: { id: true, position: true },
    });
    if (!neighbour) return;
    await tx.agendaItem.update({ where: { id: neighbour.id }, data: { position: item.position } });
    await tx.agendaItem.update({ where: { id: item.id }, data: { position: neighbour.position } });
    await recordChange(tx, {
      subjectType: "MEETING",
      subjectId: meetingId,
      summary: `Punto spostato ${direction === "up" ? "più in alto" : "più in basso"} nell'ordine del giorno: ${item.title}`,
      actor,
      changes: { Posizione: [String(item.position + 1), String(neighbour.position + 1)] },
    });
  });
}

/** An open action of the decision register, brought back to check how it is going. */
export async function addFollowUpItem(meetingId: string, decisionId: string, actor: Actor) {
  return db.$transaction(async (tx) => {
    await editableMeeting(tx, meetingId);
    const decision = await tx.decision.findFirst({ where: { id: decisionId, kind: "ACTION", status: { in: ["OPEN", "IN_PROGRESS"] } }, select: { id: true, text: true } });
    if (!decision) throw new UserFacingError("Questa azione non è più aperta: ricarica la pagina.", 409);
    if (await tx.agendaItem.findFirst({ where: { meetingId, followsDecisionId: decisionId }, select: { id: true } })) {
      throw new UserFacingError("Questa azione è già all'ordine del giorno.", 409);
    }
    const title = `Verifica: ${decision.text}`;
    const item = await tx.agendaItem.create({
      data: {
        meetingId,
        kind: "FOLLOW_UP",
        followsDecisionId: decision.id,
        title: title.length > 300 ? `${title.slice(0, 299)}…` : title,
        position: await nextPosition(tx, meetingId),
      },
      select: { id: true, title: true },
    });
    await recordChange(tx, { subjectType: "MEETING", subjectId: meetingId, summary: `Azione aperta portata all'ordine del giorno: ${item.title}`, actor });
    return item;
  });
}

/** An operative meeting's item goes up to the next governance meeting, keeping its origin. */
export async function escalateAgendaItem(meetingId: string, itemId: string, actor: Actor, now = new Date()) {
  try {
    return await db.$transaction(async (tx) => {
      const meeting = await editableMeeting(tx, meetingId);
      if (meeting.kind !== "OPERATIVE") throw new UserFacingError("Solo i punti delle riunioni del piano operativo si portano al piano di governo.", 400);
      const item = await tx.agendaItem.findFirst({
        where: { id: itemId, meetingId },
        select: { id: true, title: true, presenter: true, durationMinutes: true, escalatedTo: { select: { id: true } } },
      });
      if (!item) throw new UserFacingError("Punto non trovato: potrebbe essere stato rimosso. Ricarica la pagina.", 404);
      if (item.escalatedTo) throw new UserFacingError("Questo punto è già stato portato al piano di governo.", 409);
      const target = await findNextGovernanceMeeting(tx, now);
      if (!target) {
        throw new UserFacingError(
          "Non c'è una prossima riunione del piano di governo in calendario: creala (o conferma una data della sua serie) e poi porta qui il punto.",
          409,
        );
      }
      const origin = meeting.workingGroup ? `Dal gruppo ${meeting.workingGroup.name}` : `Dalla riunione «${meeting.title}»`;
      const title = `${origin}: ${item.title}`;
      await tx.agendaItem.create({
        data: {
          meetingId: target.id,
          kind: "ESCALATED",
          escalatedFromId: item.id,
          title: title.length > 300 ? `${title.slice(0, 299)}…` : title,
          presenter: item.presenter,
          durationMinutes: item.durationMinutes,
          position: await nextPosition(tx, target.id),
        },
      });
      const targetLabel = `«${target.title}» del ${formatDate(target.startsAt)}`;
      await recordChange(tx, { subjectType: "MEETING", subjectId: meetingId, summary: `Punto portato al piano di governo (riunione ${targetLabel}): ${item.title}`, actor });
      await recordChange(tx, { subjectType: "MEETING", subjectId: target.id, summary: `Punto arrivato dal piano operativo: ${title}`, actor });
      return target;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserFacingError("Questo punto è già stato portato al piano di governo.", 409);
    throw error;
  }
}

export async function addAgendaDocument(meetingId: string, itemId: string, title: string, upload: PendingUpload, actor: Actor) {
  return withStoredFiles([upload], actor.id, async (tx, [file]) => {
    if (!file) throw new Error("withStoredFiles returned no file for the upload");
    await editableMeeting(tx, meetingId);
    const item = await itemOf(tx, meetingId, itemId);
    const document = await tx.agendaDocument.create({ data: { agendaItemId: itemId, fileId: file.id, title }, select: { id: true } });
    await recordChange(tx, { subjectType: "MEETING", subjectId: meetingId, summary: `Documento aggiunto al punto «${item.title}»: ${title} (${file.originalName})`, actor });
    return document;
  });
}

export async function removeAgendaDocument(meetingId: string, documentId: string, actor: Actor) {
  const storageKey = await db.$transaction(async (tx) => {
    const document = await tx.agendaDocument.findFirst({
      where: { id: documentId, agendaItem: { meetingId } },
      select: { title: true, agendaItem: { select: { title: true } }, file: { select: { id: true, storageKey: true, originalName: true } } },
    });
    if (!document) throw new UserFacingError("Documento non trovato: potrebbe essere stato già rimosso.", 404);
    await tx.agendaDocument.delete({ where: { id: documentId } });
    await tx.storedFile.delete({ where: { id: document.file.id } });
    await recordChange(tx, {
      subjectType: "MEETING",
      subjectId: meetingId,
      summary: `Documento tolto dal punto «${document.agendaItem.title}»: ${document.title} (${document.file.originalName})`,
      actor,
    });
    return document.file.storageKey;
  });
  await removeStoredFileBytes(storageKey);
}

/** The document's file, only when it belongs to an item of that meeting. */
export async function findAgendaDocument(meetingId: string, documentId: string) {
  return db.agendaDocument.findFirst({ where: { id: documentId, agendaItem: { meetingId } }, select: { fileId: true } });
}

// --- Views -----------------------------------------------------------------------------------

type AgendaRow = Prisma.AgendaItemGetPayload<{ select: typeof agendaSelect }>;

/** Agenda items as the pages show them: numbered, with their documents and where they come from or went. */
export function agendaView(meetingId: string, items: AgendaRow[]) {
  return items.map((item, index) => {
    const from = item.escalatedFrom?.meeting;
    const to = item.escalatedTo?.meeting;
    return {
      id: item.id,
      number: index + 1,
      title: item.title,
      presenter: item.presenter,
      durationMinutes: item.durationMinutes,
      kind: item.kind,
      origin: from
        ? {
            text: `Portato dal piano operativo${from.workingGroup ? ` (gruppo ${from.workingGroup.name})` : ""}: riunione «${from.title}» del ${formatDate(from.startsAt)}`,
            to: `/riunioni/${from.id}`,
          }
        : null,
      escalatedTo: to ? { text: `Portato al piano di governo: riunione «${to.title}» del ${formatDate(to.startsAt)}`, to: `/riunioni/${to.id}` } : null,
      documents: item.documents.map((d) => ({
        id: d.id,
        title: d.title,
        fileName: d.file.originalName,
        href: `/riunioni/${meetingId}/documenti/${d.id}`,
      })),
    };
  });
}
