import { createHash, randomBytes } from "node:crypto";
import { type Actor, type Changes, recordChange } from "~/domain/audit.server";
import { organisationsWithStatusOn } from "~/domain/organisations.server";
import { isQuorumRule, partnersPresent, QUORUM_RULES, quorumSentence, quorumStatus, type QuorumStatus } from "~/domain/quorum";
import { db } from "~/db.server";
import { renderPdf } from "~/pdf/layout.server";
import { formatRome, todayInRome } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";

// Attendance at meetings and the quorum it gives. An organisation is present through the people
// who represent it (its delegate, its standing substitute, or the substitute its delegate named
// for this meeting); only partner organisations on the meeting's day count towards the quorum.

/** How far back the absences report looks. */
const ABSENCE_WINDOW_MONTHS = 12;

const inviteeSelect = {
  id: true,
  userId: true,
  organisationId: true,
  present: true,
  substituteForId: true,
  response: true,
  user: { select: { name: true, active: true } },
  organisation: { select: { id: true, name: true, delegateId: true, substituteId: true } },
  substituteFor: { select: { organisationId: true, user: { select: { name: true } } } },
} as const;

interface RollUpInvitee {
  userId: string;
  organisationId: string;
  present: boolean | null;
  organisation: { delegateId: string | null; substituteId: string | null };
  substituteFor: { organisationId: string } | null;
}

/** The ids of the organisations represented by someone present, and by whom. */
export function presentOrganisationIds(invitees: RollUpInvitee[]) {
  const present = new Set<string>();
  for (const invitee of invitees) {
    if (invitee.present !== true) continue;
    if (invitee.substituteFor) present.add(invitee.substituteFor.organisationId);
    const { delegateId, substituteId } = invitee.organisation;
    if (invitee.userId === delegateId || invitee.userId === substituteId) present.add(invitee.organisationId);
  }
  return present;
}

/** The meeting's day, as a stored day: membership status is read on it. */
const meetingDay = (startsAt: Date) => todayInRome(startsAt);

/**
 * Attendance is taken for convoked meetings from their day on (a late entry after the meeting
 * is fine); null when it may be taken, otherwise the reason in Italian.
 */
export function attendanceClosedReason(meeting: { status: string; startsAt: Date }, now = new Date()) {
  if (meeting.status === "CANCELLED") return "La riunione è stata annullata: non ci sono presenze da registrare.";
  if (meeting.status !== "CONVOKED") return "La riunione non è ancora stata convocata: le presenze si registrano dal giorno della riunione.";
  const startsToday = formatRome(meeting.startsAt, "yyyy-MM-dd") === formatRome(now, "yyyy-MM-dd");
  if (meeting.startsAt > now && !startsToday) {
    return `La riunione è in programma per il ${formatRome(meeting.startsAt, "d MMMM yyyy")}: le presenze si registrano da quel giorno.`;
  }
  return null;
}

async function loadMeeting(meetingId: string) {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      title: true,
      kind: true,
      status: true,
      startsAt: true,
      endsAt: true,
      location: true,
      videoLink: true,
      quorumRule: true,
      invitees: { select: inviteeSelect, orderBy: [{ organisation: { name: "asc" } }, { user: { name: "asc" } }] },
    },
  });
  return meeting;
}

type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

async function quorumOf(meeting: LoadedMeeting) {
  const partners = await organisationsWithStatusOn("PARTNER", meetingDay(meeting.startsAt));
  const presentIds = presentOrganisationIds(meeting.invitees);
  const partnerIds = new Set(partners.map((p) => p.id));
  const presentPartners = partners.filter((p) => presentIds.has(p.id));
  const rule = isQuorumRule(meeting.quorumRule) ? meeting.quorumRule : "NONE";
  const status = quorumStatus(rule, partners.length, presentPartners.length);
  return { rule, status, partners, partnerIds, presentIds, presentPartners };
}

function quorumLine(rule: string, status: QuorumStatus, partnerCount: number) {
  if (rule === "NONE") {
    return `Nessun quorum richiesto per questa riunione: ${partnersPresent(status.present)} su ${partnerCount}.`;
  }
  return `${quorumSentence(status, partnerCount)}.`;
}

/** Everything the attendance page shows: invitees by organisation, the quorum, who can be added. */
export async function getAttendancePage(meetingId: string, now = new Date()) {
  const meeting = await loadMeeting(meetingId);
  if (!meeting) return null;
  const quorum = await quorumOf(meeting);
  const groups = new Map<string, { id: string; name: string; isPartner: boolean; present: boolean; people: AttendancePerson[] }>();
  for (const invitee of meeting.invitees) {
    const organisation = invitee.organisation;
    let group = groups.get(organisation.id);
    if (!group) {
      group = {
        id: organisation.id,
        name: organisation.name,
        isPartner: quorum.partnerIds.has(organisation.id),
        present: quorum.presentIds.has(organisation.id),
        people: [],
      };
      groups.set(organisation.id, group);
    }
    group.people.push({
      inviteeId: invitee.id,
      name: invitee.user.name,
      present: invitee.present === true,
      role:
        invitee.userId === organisation.delegateId
          ? "delegato"
          : invitee.userId === organisation.substituteId
            ? "sostituto"
            : invitee.substituteFor
              ? `sostituto di ${invitee.substituteFor.user.name} per questa riunione`
              : null,
    });
  }
  const invited = new Set(meeting.invitees.map((i) => i.userId));
  const candidates = await db.user.findMany({
    where: { active: true, id: { notIn: [...invited] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, organisation: { select: { name: true } } },
  });
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      kind: meeting.kind,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      location: meeting.location,
    },
    closedReason: attendanceClosedReason(meeting, now),
    // The database's collation puts "CSV" before "Caritas"; people read the Italian order.
    organisations: [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, "it")),
    quorum: {
      rule: quorum.rule,
      label: QUORUM_RULES[quorum.rule],
      met: quorum.status.met,
      sentence: quorumLine(quorum.rule, quorum.status, quorum.partners.length),
    },
    candidates: candidates.map((c) => ({ id: c.id, label: `${c.name} (${c.organisation.name})` })),
  };
}

export interface AttendancePerson {
  inviteeId: string;
  name: string;
  present: boolean;
  /** Why this person makes their organisation present, when they do. */
  role: string | null;
}

async function openMeeting(meetingId: string, now: Date) {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { id: true, status: true, startsAt: true } });
  if (!meeting) throw new UserFacingError("Riunione non trovata.", 404);
  const reason = attendanceClosedReason(meeting, now);
  if (reason) throw new UserFacingError(reason, 409);
  return meeting;
}

const presenceLabel = (present: boolean | null) => (present === null ? "" : present ? "presente" : "assente");
const personLabel = (invitee: { user: { name: string }; organisation: { name: string } }) => `${invitee.user.name} (${invitee.organisation.name})`;
const inviteeNames = { id: true, present: true, user: { select: { name: true } }, organisation: { select: { name: true } } } as const;

/** Marks one invitee present or absent. */
export async function setPresence(meetingId: string, inviteeId: string, present: boolean, actor: Actor, now = new Date()) {
  await openMeeting(meetingId, now);
  await db.$transaction(async (tx) => {
    const invitee = await tx.invitee.findFirst({ where: { id: inviteeId, meetingId }, select: inviteeNames });
    if (!invitee) throw new UserFacingError("Questa persona non è tra gli invitati della riunione.", 404);
    await tx.invitee.update({ where: { id: inviteeId }, data: { present, attendanceAt: now } });
    if (invitee.present === present) return;
    await recordChange(tx, {
      subjectType: "MEETING",
      subjectId: meetingId,
      summary: `Presenza registrata: ${personLabel(invitee)} ${presenceLabel(present)}`,
      actor,
      changes: { [personLabel(invitee)]: [presenceLabel(invitee.present), presenceLabel(present)] },
    });
  });
}

/**
 * The whole register at once (the page without JavaScript): the ticked invitees are present,
 * the others listed on the page absent; people added meanwhile by someone else stay as they are.
 */
export async function saveAttendance(meetingId: string, listedIds: string[], presentIds: string[], actor: Actor, now = new Date()) {
  await openMeeting(meetingId, now);
  const present = new Set(presentIds);
  await db.$transaction(async (tx) => {
    const before = await tx.invitee.findMany({ where: { meetingId, id: { in: listedIds } }, orderBy: { user: { name: "asc" } }, select: inviteeNames });
    await tx.invitee.updateMany({ where: { meetingId, id: { in: listedIds.filter((id) => present.has(id)) } }, data: { present: true, attendanceAt: now } });
    await tx.invitee.updateMany({ where: { meetingId, id: { in: listedIds.filter((id) => !present.has(id)) } }, data: { present: false, attendanceAt: now } });
    const changes: Changes = {};
    for (const invitee of before) {
      const is = present.has(invitee.id);
      if (invitee.present !== is) changes[personLabel(invitee)] = [presenceLabel(invitee.present), presenceLabel(is)];
    }
    if (Object.keys(changes).length === 0) return;
    const count = before.filter((invitee) => present.has(invitee.id)).length;
    await recordChange(tx, {
      subjectType: "MEETING",
      subjectId: meetingId,
      summary: `Registro delle presenze salvato: ${count} ${count === 1 ? "presente" : "presenti"} su ${before.length}`,
      actor,
      changes,
    });
  });
}

/**
 * Someone who came without an invitation: they join the invitees as present, standing for their
 * own organisation. The RSVP token is random and never sent: there is nothing to answer.
 */
export async function addUninvitedAttendee(meetingId: string, userId: string, actor: Actor, now = new Date()) {
  await openMeeting(meetingId, now);
  const user = await db.user.findFirst({
    where: { id: userId, active: true },
    select: { id: true, name: true, organisationId: true, organisation: { select: { name: true } } },
  });
  if (!user) throw new UserFacingError("Scegli una persona con un account attivo.", 400, "userId");
  await db.$transaction(async (tx) => {
    const existing = await tx.invitee.findUnique({ where: { meetingId_userId: { meetingId, userId } }, select: { id: true } });
    if (existing) {
      await tx.invitee.update({ where: { id: existing.id }, data: { present: true, attendanceAt: now } });
    } else {
      await tx.invitee.create({
        data: {
          meetingId,
          userId,
          organisationId: user.organisationId,
          rsvpTokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
          present: true,
          attendanceAt: now,
        },
      });
    }
    const who = `${user.name} (${user.organisation.name})`;
    await recordChange(tx, {
      subjectType: "MEETING",
      subjectId: meetingId,
      summary: existing ? `Presenza registrata: ${who} presente` : `Presente senza invito: ${who}`,
      actor,
    });
  });
  return { name: user.name };
}

export interface AttendanceSummary {
  presentPeople: { name: string; organisation: string }[];
  presentOrganisations: string[];
  absentPartnerOrganisations: string[];
  quorum: { rule: string; label: string; required: number; present: number; met: boolean } | null;
  text: string;
}

const list = (names: string[]) => (names.length === 0 ? "nessuna" : names.join(", "));

/** The attendance as a verbale reports it: who came, which partners were missing, the quorum. */
export async function attendanceSummary(meetingId: string): Promise<AttendanceSummary> {
  const meeting = await loadMeeting(meetingId);
  if (!meeting) throw new UserFacingError("Riunione non trovata.", 404);
  const quorum = await quorumOf(meeting);
  const presentPeople = meeting.invitees
    .filter((i) => i.present === true)
    .map((i) => ({ name: i.user.name, organisation: i.organisation.name }));
  // The delegate a meeting substitute stands for is an invitee too, so every name is found here.
  const names = new Map(meeting.invitees.map((i) => [i.organisationId, i.organisation.name]));
  const presentOrganisations = [...quorum.presentIds]
    .map((id) => names.get(id) ?? "")
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b, "it"));
  const absentPartnerOrganisations = quorum.partners.filter((p) => !quorum.presentIds.has(p.id)).map((p) => p.name);

  const people = presentPeople.map((p) => `${p.name} (${p.organisation})`);
  const quorumText =
    quorum.rule === "NONE"
      ? `nessun quorum richiesto; organizzazioni partner presenti ${quorum.status.present} su ${quorum.partners.length}.`
      : `${quorum.status.met ? "raggiunto" : "non raggiunto"} (${QUORUM_RULES[quorum.rule]}: ne servono ${quorum.status.required}); organizzazioni partner presenti ${quorum.status.present} su ${quorum.partners.length}.`;
  const text = [
    `Presenti: ${people.length === 0 ? "nessuno" : people.join(", ")}.`,
    `Organizzazioni presenti: ${list(presentOrganisations)}.`,
    `Assenti (organizzazioni partner): ${list(absentPartnerOrganisations)}.`,
    `Quorum: ${quorumText}`,
  ].join(" ");

  return {
    presentPeople,
    presentOrganisations,
    absentPartnerOrganisations,
    quorum:
      quorum.rule === "NONE"
        ? null
        : { rule: quorum.rule, label: QUORUM_RULES[quorum.rule], required: quorum.status.required, present: quorum.status.present, met: quorum.status.met },
    text,
  };
}

/** The attendance sheet to print: every invitee by organisation, with room for a signature. */
export async function renderAttendanceSheet(meetingId: string) {
  const meeting = await loadMeeting(meetingId);
  if (!meeting) return null;
  const groups = new Map<string, { name: string; people: { name: string; note: string }[] }>();
  for (const invitee of meeting.invitees) {
    const group = groups.get(invitee.organisationId) ?? { name: invitee.organisation.name, people: [] };
    group.people.push({
      name: invitee.user.name,
      note: invitee.substituteFor ? `Sostituisce ${invitee.substituteFor.user.name}` : invitee.response === "DECLINED" ? "Ha comunicato l'assenza" : "",
    });
    groups.set(invitee.organisationId, group);
  }
  const when = `${formatRome(meeting.startsAt, "EEEE d MMMM yyyy, 'ore' HH:mm")}–${formatRome(meeting.endsAt, "HH:mm")}`;
  const place = [meeting.location, meeting.videoLink ? "collegamento a distanza" : ""].filter(Boolean).join(" e ");
  const buffer = await renderPdf({ title: "Foglio presenze", subtitle: meeting.title }, (doc) => {
    doc.font("Helvetica").fontSize(10).fillColor("black");
    doc.text(`Data e ora: ${when}`);
    if (place) doc.text(`Luogo: ${place}`);
    doc.moveDown(1);
    drawSignatureTable(doc, [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, "it")));
  });
  return { buffer, filename: `Foglio presenze ${meeting.title} ${formatRome(meeting.startsAt, "yyyy-MM-dd")}.pdf` };
}

const SHEET_ROW = 30;

function drawSignatureTable(doc: PDFKit.PDFDocument, groups: { name: string; people: { name: string; note: string }[] }[]) {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const columns = [
    { title: "Nome e cognome", width: width * 0.38 },
    { title: "Note", width: width * 0.24 },
    { title: "Firma", width: width * 0.38 },
  ];
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const rule = (y: number) => doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor("#8a8a8a").stroke();
  const signatureX = left + columns[0]!.width + columns[1]!.width;
  /** The bottom line of a row and the edge of its signature box. */
  const rowLines = (y: number) => {
    rule(y + SHEET_ROW);
    doc.moveTo(signatureX, y).lineTo(signatureX, y + SHEET_ROW).lineWidth(0.5).strokeColor("#8a8a8a").stroke();
  };

  const header = () => {
    const y = doc.y;
    let x = left;
    doc.font("Helvetica-Bold").fontSize(10).fillColor("black");
    for (const column of columns) {
      doc.text(column.title, x + 4, y + 4, { width: column.width - 8, lineBreak: false });
      x += column.width;
    }
    rule(y + 18);
    doc.x = left;
    doc.y = y + 22;
  };
  /** A new page when `height` does not fit, with the column titles again. */
  const room = (height: number) => {
    if (doc.y + height <= bottom()) return;
    doc.addPage();
    header();
  };

  if (groups.length === 0) {
    doc.text("Nessuna persona è stata invitata: chi partecipa firma nelle righe libere qui sotto.");
    doc.moveDown(1);
  } else {
    header();
  }
  for (const group of groups) {
    room(22 + SHEET_ROW);
    doc.font("Helvetica-Bold").fontSize(10).fillColor("black").text(group.name, left + 4, doc.y + 4, { width: width - 8 });
    doc.y += 4;
    for (const person of group.people) {
      room(SHEET_ROW);
      const y = doc.y;
      doc.font("Helvetica").fontSize(10).fillColor("black").text(person.name, left + 4, y + 9, { width: columns[0]!.width - 8, height: SHEET_ROW - 8, ellipsis: true });
      if (person.note) {
        doc.fontSize(8).fillColor("#5c6f82").text(person.note, left + columns[0]!.width + 4, y + 10, { width: columns[1]!.width - 8, height: SHEET_ROW - 8, ellipsis: true });
      }
      rowLines(y);
      doc.x = left;
      doc.y = y + SHEET_ROW;
    }
  }
  // Lines for people who come without an invitation: they write their own name.
  doc.moveDown(1);
  room(22 + SHEET_ROW);
  doc.font("Helvetica-Bold").fontSize(10).fillColor("black").text("Altri partecipanti (nome, organizzazione e firma)", left + 4, doc.y + 4, { width: width - 8 });
  doc.y += 4;
  for (let line = 0; line < 5; line++) {
    room(SHEET_ROW);
    rowLines(doc.y);
    doc.y += SHEET_ROW;
  }
}

/**
 * For each partner organisation, its attendance at the governance meetings of the last twelve
 * months whose attendance was taken: the meetings it was a partner for, its absences, its last
 * presence. Most absences first.
 */
export async function absenceReport(now = new Date()) {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - ABSENCE_WINDOW_MONTHS);
  const meetings = await db.meeting.findMany({
    where: {
      kind: "GOVERNANCE",
      status: "CONVOKED",
      startsAt: { gte: since, lte: now },
      invitees: { some: { present: { not: null } } },
    },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      startsAt: true,
      invitees: {
        select: {
          userId: true,
          organisationId: true,
          present: true,
          organisation: { select: { delegateId: true, substituteId: true } },
          substituteFor: { select: { organisationId: true } },
        },
      },
    },
  });
  const currentPartners = await db.organisation.findMany({ where: { status: "PARTNER" }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  const rows = new Map(currentPartners.map((o) => [o.id, { id: o.id, name: o.name, meetings: 0, absences: 0, lastPresence: null as Date | null }]));
  for (const meeting of meetings) {
    const partners = await organisationsWithStatusOn("PARTNER", meetingDay(meeting.startsAt));
    const present = presentOrganisationIds(meeting.invitees);
    for (const partner of partners) {
      const row = rows.get(partner.id);
      if (!row) continue;
      row.meetings++;
      if (present.has(partner.id)) row.lastPresence = meeting.startsAt;
      else row.absences++;
    }
  }
  return {
    since,
    meetingCount: meetings.length,
    rows: [...rows.values()].sort((a, b) => b.absences - a.absences || a.name.localeCompare(b.name, "it")),
  };
}
