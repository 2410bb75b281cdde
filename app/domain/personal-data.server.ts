import { type Actor, recordChange } from "~/domain/audit.server";
import { anonymisedName, erasedEmail, PERSONAL_DATA_CATEGORIES } from "~/domain/personal-data";
import { getCoordinatingBodyName } from "~/domain/organisations.server";
import { replaceInStoredTexts, wholeWords } from "~/domain/anonymise.server";
import { getTavoloSettings } from "~/domain/tavolo-settings.server";
import { containsIgnoringCase, db, type DbTransaction } from "~/db.server";
import { env } from "~/env.server";
import { UserFacingError } from "~/utils/errors";

// A person's rights over what the tavolo keeps about them (GDPR): the export of everything about
// them (art. 15 and 20), the removal of a person who leaves (art. 17), and the information notice
// (art. 13). Which models hold whose data is listed in app/domain/personal-data.ts (MODEL_COVERAGE);
// this module follows that list. See docs/decisions/030-personal-data.md.

// --- Removal of a person ---------------------------------------------------------------------

/** Why a person cannot be removed, or null. */
async function removalProblem(client: DbTransaction | typeof db, userId: string, actor: Actor) {
  const person = await client.user.findUnique({ where: { id: userId }, include: { organisation: { select: { name: true } } } });
  if (!person) return { person: null, problem: new UserFacingError("Persona non trovata.", 404) };
  if (person.erasedAt) return { person, problem: new UserFacingError("Questa persona è già stata rimossa: i suoi dati sono già anonimizzati.", 409) };
  if (person.id === actor.id) {
    return { person, problem: new UserFacingError("Non puoi rimuovere te stesso: chiedi a un altro coordinatore di farlo.", 409) };
  }
  if (person.role === "COORDINATOR") {
    const others = await client.user.count({ where: { role: "COORDINATOR", active: true, erasedAt: null, id: { not: person.id } } });
    if (others === 0) {
      return { person, problem: new UserFacingError("È l'ultimo coordinatore attivo: prima invita o riattiva un altro coordinatore.", 409) };
    }
  }
  return { person, problem: null };
}

/** What the confirmation page says will happen, counted on the person's own rows. */
export async function getRemovalPreview(userId: string, actor: Actor, now = new Date()) {
  const { person, problem } = await removalProblem(db, userId, actor);
  if (!person) throw problem ?? new UserFacingError("Persona non trovata.", 404);
  const [comments, pastMeetings, futureMeetings, groups, delegations, pendingMails] = await Promise.all([
    db.verbaleComment.count({ where: { userId } }),
    db.invitee.count({ where: { userId, meeting: { startsAt: { lte: now } } } }),
    db.invitee.count({ where: { userId, meeting: { startsAt: { gt: now } }, present: null, substitute: null } }),
    db.workingGroupMember.count({ where: { userId } }),
    db.organisation.count({ where: { OR: [{ delegateId: userId }, { substituteId: userId }] } }),
    db.outboxMail.count({ where: { to: person.email, status: "PENDING" } }),
  ]);
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      role: person.role,
      organisationName: person.organisation.name,
      active: person.active,
    },
    anonymisedName: anonymisedName(person.role, person.organisation.name),
    counts: { comments, pastMeetings, futureMeetings, groups, delegations, pendingMails },
    problem: problem?.message ?? null,
  };
}

/**
 * Removes a person who leaves the tavolo, in one transaction: the account is closed for good, what
 * only serves them is deleted, and every copy of their name and address becomes the anonymised name
 * ("ex referente di <organisation>"), so verbali, attendance, decisions and reports keep their
 * content and their counts. See MODEL_COVERAGE for each model.
 */
export async function erasePerson(userId: string, actor: Actor, now = new Date()) {
  return db.$transaction(
    async (tx) => {
      const { person, problem } = await removalProblem(tx, userId, actor);
      if (problem || !person) throw problem ?? new UserFacingError("Persona non trovata.", 404);
      const label = anonymisedName(person.role, person.organisation.name);
      const placeholder = erasedEmail(person.id);
      const email = person.email;

      // What only served the person: gone.
      await tx.session.deleteMany({ where: { userId } });
      await tx.passwordReset.deleteMany({ where: { userId } });
      await tx.notificationPreference.deleteMany({ where: { userId } });
      await tx.digestItem.deleteMany({ where: { userId } });
      await tx.weeklyDigest.deleteMany({ where: { userId } });
      await tx.workingGroupMember.deleteMany({ where: { userId } });
      await tx.announcementChosenPerson.deleteMany({ where: { userId, announcement: { status: { not: "SENT" } } } });
      await tx.invitation.deleteMany({ where: { email, acceptedById: null } });
      await tx.invitation.updateMany({ where: { acceptedById: userId }, data: { email: placeholder } });
      await tx.authAttempt.deleteMany({ where: { key: `account:${email.toLowerCase()}` } });
      // The same person kept as a contact of an organisation (same address) goes too.
      const sameAddress = await tx.contact.findMany({ where: { email: containsIgnoringCase(email) }, select: { id: true, email: true } });
      const contactIds = sameAddress.filter((c) => c.email.trim().toLowerCase() === email.toLowerCase()).map((c) => c.id);
      await tx.contact.deleteMany({ where: { id: { in: contactIds } } });
      // Meetings still to come would convene someone who has left; past ones keep their attendance.
      await tx.invitee.deleteMany({ where: { userId, meeting: { startsAt: { gt: now } }, present: null, substitute: null } });
      await tx.organisation.updateMany({ where: { delegateId: userId }, data: { delegateId: null } });
      await tx.organisation.updateMany({ where: { substituteId: userId }, data: { substituteId: null } });
      await tx.workingGroup.updateMany({ where: { facilitatorId: userId }, data: { facilitatorId: null } });
      // Mail to the person: what has not left never will; of the rest only date and status remain.
      await tx.outboxMail.deleteMany({ where: { to: email, status: "PENDING" } });
      await tx.outboxMail.updateMany({
        where: { to: email },
        data: { to: placeholder, subject: "(destinatario rimosso)", html: "", text: "", calendar: null, lastError: null },
      });

      await tx.user.update({
        where: { id: userId },
        data: { name: label, email: placeholder, passwordHash: null, active: false, deactivatedAt: person.deactivatedAt ?? now, erasedAt: now },
      });
      // The names kept beside a link to the person, then their name wherever it was written.
      await tx.verbaleComment.updateMany({ where: { userId }, data: { authorName: label } });
      await tx.decisionUpdate.updateMany({ where: { userId }, data: { authorName: label } });
      await tx.auditEvent.updateMany({ where: { actorId: userId }, data: { actorName: label } });
      await tx.rendicontazioneVersion.updateMany({ where: { submittedById: userId }, data: { submittedByName: label } });
      await tx.rendicontazioneReview.updateMany({ where: { reviewerId: userId }, data: { reviewerName: label } });
      await replaceInStoredTexts(tx, [
        { find: email, replaceWith: placeholder },
        { find: person.name, replaceWith: label },
      ]);

      await recordChange(tx, { subjectType: "USER", subjectId: userId, summary: "Persona rimossa e dati anonimizzati", actor });
      return { id: userId, anonymisedName: label };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

// --- Export ----------------------------------------------------------------------------------

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/**
 * Hides other people inside texts the person wrote or received (a comment naming a colleague, an
 * audit summary naming whom they added): their names and addresses become "[altra persona]".
 */
async function otherPeopleRedactor(self: { id: string; name: string; email: string }) {
  const [users, contacts] = await Promise.all([
    db.user.findMany({ where: { id: { not: self.id }, erasedAt: null }, select: { name: true, email: true } }),
    db.contact.findMany({ select: { name: true, email: true, phone: true } }),
  ]);
  const others = [...users.flatMap((u) => [u.name, u.email]), ...contacts.flatMap((c) => [c.name, c.email, c.phone])].filter(
    (text) => text && text !== self.name && text !== self.email,
  );
  const pattern = wholeWords(others);
  const own = wholeWords([self.name, self.email]);
  return (text: string) => {
    if (!pattern) return text;
    // The person's own name is set aside first: a colleague called "Anna" must not eat "Anna Bianchi".
    const kept: string[] = [];
    const guarded = own ? text.replace(own, (m) => `\u0000${kept.push(m) - 1}\u0000`) : text;
    return guarded.replace(pattern, "[altra persona]").replace(/\u0000(\d+)\u0000/g, (_, i: string) => kept[Number(i)] ?? "");
  };
}

function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  }
  return value;
}

/**
 * Everything the tavolo stores about one person, as plain JSON: their own rows in full, and
 * references (ids, titles, dates) to the shared records they took part in. Token hashes, password
 * hashes and other people's names and addresses are never in it.
 */
export async function exportPersonalData(userId: string, now = new Date()) {
  const user = await db.user.findUnique({ where: { id: userId }, include: { organisation: { select: { name: true } } } });
  if (!user) throw new UserFacingError("Persona non trovata.", 404);
  const meetingRef = { select: { id: true, title: true, startsAt: true } } as const;
  const [
    delegateFor,
    substituteFor,
    sessions,
    passwordResets,
    invitationsReceived,
    invitationsSent,
    memberships,
    facilitated,
    meetingInvitations,
    verbaleComments,
    verbaliEdited,
    verbaleVersions,
    decisionsAssigned,
    decisionsCreated,
    decisionUpdates,
    rendicontazioniEdited,
    rendicontazioneVersions,
    rendicontazioneReviews,
    consolidatedNotes,
    announcementsWritten,
    announcementsReceived,
    announcementsChosen,
    notificationPreferences,
    digestItems,
    weeklyDigests,
    uploadedFiles,
    documentsCreated,
    documentVersions,
    aidReports,
    membershipChanges,
    auditEvents,
    signInAttempts,
    mails,
  ] = await Promise.all([
    db.organisation.findMany({ where: { delegateId: userId }, select: { id: true, name: true } }),
    db.organisation.findMany({ where: { substituteId: userId }, select: { id: true, name: true } }),
    db.session.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true, expiresAt: true } }),
    db.passwordReset.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true, expiresAt: true, usedAt: true } }),
    db.invitation.findMany({
      where: { OR: [{ email: user.email }, { acceptedById: userId }] },
      orderBy: { createdAt: "desc" },
      select: { email: true, role: true, createdAt: true, expiresAt: true, acceptedAt: true, revokedAt: true, organisation: { select: { name: true } } },
    }),
    db.invitation.findMany({
      where: { invitedById: userId },
      orderBy: { createdAt: "desc" },
      select: { role: true, createdAt: true, acceptedAt: true, revokedAt: true, organisation: { select: { name: true } } },
    }),
    db.workingGroupMember.findMany({ where: { userId }, select: { createdAt: true, group: { select: { id: true, name: true } } } }),
    db.workingGroup.findMany({ where: { facilitatorId: userId }, select: { id: true, name: true } }),
    db.invitee.findMany({
      where: { userId },
      orderBy: { meeting: { startsAt: "desc" } },
      select: {
        response: true,
        respondedAt: true,
        present: true,
        attendanceAt: true,
        substituteForId: true,
        organisation: { select: { name: true } },
        meeting: meetingRef,
      },
    }),
    db.verbaleComment.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { text: true, createdAt: true, verbale: { select: { id: true, meeting: meetingRef } } },
    }),
    db.verbale.findMany({ where: { updatedById: userId }, select: { id: true, status: true, updatedAt: true, meeting: meetingRef } }),
    db.verbaleVersion.findMany({ where: { createdById: userId }, select: { number: true, createdAt: true, verbale: { select: { id: true, meeting: meetingRef } } } }),
    db.decision.findMany({ where: { responsibleUserId: userId }, select: { id: true, kind: true, text: true, status: true, dueOn: true, meeting: meetingRef } }),
    db.decision.findMany({ where: { createdById: userId }, select: { id: true, kind: true, text: true, createdAt: true } }),
    db.decisionUpdate.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { decisionId: true, status: true, note: true, createdAt: true } }),
    db.rendicontazione.findMany({
      where: { updatedById: userId },
      select: { id: true, status: true, updatedAt: true, project: { select: { code: true } }, period: { select: { number: true } } },
    }),
    db.rendicontazioneVersion.findMany({ where: { submittedById: userId }, select: { rendicontazioneId: true, number: true, createdAt: true } }),
    db.rendicontazioneReview.findMany({
      where: { reviewerId: userId },
      select: { rendicontazioneId: true, versionNumber: true, outcome: true, comment: true, createdAt: true },
    }),
    db.reportingPeriod.findMany({
      where: { consolidatedById: userId },
      select: { id: true, number: true, consolidatedNote: true, consolidatedAt: true, project: { select: { code: true } } },
    }),
    db.announcement.findMany({ where: { createdById: userId }, select: { id: true, title: true, status: true, createdAt: true, sentAt: true } }),
    db.announcementRecipient.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: { delivery: true, readAt: true, createdAt: true, announcement: { select: { id: true, title: true } } },
    }),
    db.announcementChosenPerson.findMany({ where: { userId }, select: { announcement: { select: { id: true, title: true } } } }),
    db.notificationPreference.findMany({ where: { userId }, select: { kind: true, delivery: true, updatedAt: true } }),
    db.digestItem.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { kind: true, title: true, path: true, createdAt: true, digestedAt: true } }),
    db.weeklyDigest.findMany({ where: { userId }, orderBy: { weekOf: "desc" }, select: { weekOf: true } }),
    db.storedFile.findMany({ where: { uploadedById: userId }, select: { id: true, originalName: true, mimeType: true, size: true, createdAt: true } }),
    db.archiveDocument.findMany({ where: { createdById: userId }, select: { id: true, title: true, createdAt: true } }),
    db.archiveDocumentVersion.findMany({ where: { uploadedById: userId }, select: { documentId: true, versionNumber: true, note: true, createdAt: true } }),
    db.aidServiceMonthlyReport.findMany({ where: { enteredById: userId }, select: { month: true, createdAt: true, service: { select: { id: true, name: true } } } }),
    db.membershipChange.findMany({ where: { recordedById: userId }, select: { status: true, effectiveOn: true, createdAt: true, organisation: { select: { name: true } } } }),
    db.auditEvent.findMany({ where: { actorId: userId }, orderBy: { at: "desc" }, select: { subjectType: true, subjectId: true, summary: true, at: true } }),
    db.authAttempt.findMany({ where: { key: `account:${user.email.toLowerCase()}` }, orderBy: { createdAt: "desc" }, select: { action: true, createdAt: true } }),
    db.outboxMail.findMany({ where: { to: user.email }, orderBy: { createdAt: "desc" }, select: { template: true, subject: true, status: true, createdAt: true, sentAt: true } }),
  ]);
  const meeting = (m: { id: string; title: string; startsAt: Date }) => ({ id: m.id, title: m.title, startsAt: iso(m.startsAt) });
  const invitationStatus = (i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt?: Date }) =>
    i.acceptedAt ? "ACCETTATO" : i.revokedAt ? "ANNULLATO" : i.expiresAt && i.expiresAt <= now ? "SCADUTO" : "APERTO";

  const exported = {
    about: {
      title: `Dati personali conservati da ${env.TAVOLO_NAME}`,
      generatedAt: iso(now),
      note:
        "Contiene i tuoi dati e i riferimenti (codici, titoli, date) agli atti comuni a cui hai partecipato. " +
        "Nomi e indirizzi di altre persone sono sostituiti da «[altra persona]».",
    },
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      organisation: user.organisation.name,
      createdAt: iso(user.createdAt),
      active: user.active,
      deactivatedAt: iso(user.deactivatedAt),
      hasPassword: user.passwordHash !== null,
    },
    delegations: { delegateFor: delegateFor.map((o) => o.name), substituteFor: substituteFor.map((o) => o.name) },
    sessions: sessions.map((s) => ({ createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt) })),
    passwordResets: passwordResets.map((r) => ({ createdAt: iso(r.createdAt), expiresAt: iso(r.expiresAt), usedAt: iso(r.usedAt) })),
    signInAttempts: signInAttempts.map((a) => ({ action: a.action, at: iso(a.createdAt) })),
    invitations: {
      received: invitationsReceived.map((i) => ({
        email: i.email,
        role: i.role,
        organisation: i.organisation.name,
        createdAt: iso(i.createdAt),
        status: invitationStatus(i),
      })),
      // Whom they invited is someone else's data: only the fact, the role and the organisation.
      sent: invitationsSent.map((i) => ({ role: i.role, organisation: i.organisation.name, createdAt: iso(i.createdAt), status: invitationStatus(i) })),
    },
    groups: {
      memberships: memberships.map((m) => ({ groupId: m.group.id, group: m.group.name, since: iso(m.createdAt) })),
      facilitated: facilitated.map((g) => ({ groupId: g.id, group: g.name })),
    },
    meetingInvitations: meetingInvitations.map((i) => ({
      meeting: meeting(i.meeting),
      organisation: i.organisation.name,
      response: i.response,
      respondedAt: iso(i.respondedAt),
      present: i.present,
      attendanceAt: iso(i.attendanceAt),
      asSubstitute: i.substituteForId !== null,
    })),
    verbaleComments: verbaleComments.map((c) => ({ verbaleId: c.verbale.id, meeting: meeting(c.verbale.meeting), text: c.text, at: iso(c.createdAt) })),
    verbaliEdited: verbaliEdited.map((v) => ({ verbaleId: v.id, meeting: meeting(v.meeting), status: v.status, lastSavedAt: iso(v.updatedAt) })),
    verbaleVersionsCreated: verbaleVersions.map((v) => ({ verbaleId: v.verbale.id, meeting: meeting(v.verbale.meeting), number: v.number, at: iso(v.createdAt) })),
    decisions: {
      assigned: decisionsAssigned.map((d) => ({ id: d.id, kind: d.kind, text: d.text, status: d.status, dueOn: iso(d.dueOn), meeting: meeting(d.meeting) })),
      created: decisionsCreated.map((d) => ({ id: d.id, kind: d.kind, text: d.text, at: iso(d.createdAt) })),
    },
    decisionUpdates: decisionUpdates.map((u) => ({ decisionId: u.decisionId, status: u.status, note: u.note, at: iso(u.createdAt) })),
    rendicontazioni: {
      edited: rendicontazioniEdited.map((r) => ({ id: r.id, project: r.project.code, period: r.period.number, status: r.status, lastSavedAt: iso(r.updatedAt) })),
      versionsSubmitted: rendicontazioneVersions.map((v) => ({ rendicontazioneId: v.rendicontazioneId, number: v.number, at: iso(v.createdAt) })),
      reviews: rendicontazioneReviews.map((r) => ({
        rendicontazioneId: r.rendicontazioneId,
        versionNumber: r.versionNumber,
        outcome: r.outcome,
        comment: r.comment,
        at: iso(r.createdAt),
      })),
      consolidatedNotes: consolidatedNotes.map((p) => ({ periodId: p.id, project: p.project.code, period: p.number, note: p.consolidatedNote, at: iso(p.consolidatedAt) })),
    },
    announcements: {
      written: announcementsWritten.map((a) => ({ id: a.id, title: a.title, status: a.status, createdAt: iso(a.createdAt), sentAt: iso(a.sentAt) })),
      received: announcementsReceived.map((r) => ({ id: r.announcement.id, title: r.announcement.title, delivery: r.delivery, receivedAt: iso(r.createdAt), readAt: iso(r.readAt) })),
      chosenFor: announcementsChosen.map((c) => ({ id: c.announcement.id, title: c.announcement.title })),
    },
    notificationPreferences: notificationPreferences.map((p) => ({ kind: p.kind, delivery: p.delivery, updatedAt: iso(p.updatedAt) })),
    digestItems: digestItems.map((d) => ({ kind: d.kind, title: d.title, path: d.path, createdAt: iso(d.createdAt), digestedAt: iso(d.digestedAt) })),
    weeklyDigests: weeklyDigests.map((w) => ({ weekOf: iso(w.weekOf) })),
    uploadedFiles: uploadedFiles.map((f) => ({ id: f.id, name: f.originalName, type: f.mimeType, size: f.size, at: iso(f.createdAt) })),
    documents: {
      created: documentsCreated.map((d) => ({ id: d.id, title: d.title, at: iso(d.createdAt) })),
      versionsUploaded: documentVersions.map((v) => ({ documentId: v.documentId, version: v.versionNumber, note: v.note, at: iso(v.createdAt) })),
    },
    aidServiceReports: aidReports.map((r) => ({ serviceId: r.service.id, service: r.service.name, month: iso(r.month), at: iso(r.createdAt) })),
    membershipChangesRecorded: membershipChanges.map((m) => ({ organisation: m.organisation.name, status: m.status, effectiveOn: iso(m.effectiveOn), at: iso(m.createdAt) })),
    auditEvents: auditEvents.map((e) => ({ subjectType: e.subjectType, subjectId: e.subjectId, summary: e.summary, at: iso(e.at) })),
    mails: mails.map((m) => ({ template: m.template, subject: m.subject, status: m.status, createdAt: iso(m.createdAt), sentAt: iso(m.sentAt) })),
  };
  const redact = await otherPeopleRedactor(user);
  return { ...redactDeep(exported, redact), account: exported.account };
}
export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;

// --- Information notice ------------------------------------------------------------------------

/** The notice as the public page shows it: the coordinators' text, or the built-in one. */
export async function getPrivacyNotice() {
  const [settings, controller] = await Promise.all([getTavoloSettings(), getCoordinatingBodyName()]);
  return {
    customHtml: settings.privacyNotice,
    controller: controller ?? "il Comune che coordina il tavolo",
    tavoloName: env.TAVOLO_NAME,
    categories: PERSONAL_DATA_CATEGORIES,
  };
}
