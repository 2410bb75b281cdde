import { z } from "zod";
import { type Actor, diff, listHistory, recordChange } from "~/domain/audit.server";
import { db, isUniqueViolation, type DbTransaction } from "~/db.server";
import {
  createDocument,
  type groupDocumentFields,
  organisationOf,
  removeGroupArchiveDocument,
  type Viewer,
  visibleDocumentsWhere,
} from "~/domain/documents.server";
import type { PendingUpload } from "~/files/storage.server";
import { formatDay, todayInRome } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { dayField, idList, requiredText } from "~/utils/forms.server";

// Thematic working groups (gruppi di lavoro): who takes part, what they were asked to do, their
// meetings, documents and history. A group's name, mandate and member organisations are public
// inside the tavolo; everything else is for its members and the coordinators
// (docs/decisions/015-group-visibility.md).

/** Suggestions for the thematic area; any other wording is allowed. */
export const THEMATIC_AREAS = ["Lavoro", "Casa e abitare", "Cibo", "Coesione sociale", "Donazioni", "Salute", "Educazione"];

/** Only people of bodies that take part today may join a group. */
const TAKING_PART = ["PARTNER", "ADERENTE"];

export const groupFields = z.object({
  name: requiredText("Inserisci il nome del gruppo.", 150),
  thematicArea: requiredText("Indica l'area tematica del gruppo.", 100),
  objectiveIds: idList,
  facilitatorId: requiredText("Scegli chi facilita il gruppo.", 40),
  referentOrganisationId: requiredText("Scegli l'organizzazione referente del gruppo.", 40),
  mandate: requiredText("Scrivi il mandato del gruppo: su cosa lavora e che cosa deve produrre.", 5000),
  memberIds: idList,
});
export type GroupFields = z.output<typeof groupFields>;

export const closingFields = z.object({
  closedOn: dayField("Indica la data di chiusura del gruppo."),
  outcome: requiredText("Descrivi l'esito del gruppo: che cosa ha prodotto o perché si chiude.", 5000),
});
export type ClosingFields = z.output<typeof closingFields>;
type GroupDocumentFields = z.output<typeof groupDocumentFields>;

export const groupStatusLabel = (group: { status: string; closedOn: Date | null }) =>
  group.status === "CLOSED" ? (group.closedOn ? `Chiuso il ${formatDay(group.closedOn)}` : "Chiuso") : "Attivo";

const personLabel = (person: { name: string; organisation: { name: string } }) => `${person.name} (${person.organisation.name})`;

const sortedOrganisations = (organisations: { id: string; name: string }[]) =>
  [...new Map(organisations.map((o) => [o.id, o])).values()].sort((a, b) => a.name.localeCompare(b.name, "it"));

// --- Reading ---------------------------------------------------------------------------------

/** Every group as the list shows it to anyone signed in: no member names, only their organisations. */
export async function listGroups(userId: string) {
  const groups = await db.workingGroup.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      thematicArea: true,
      mandate: true,
      status: true,
      closedOn: true,
      facilitator: { select: { name: true } },
      referentOrganisation: { select: { id: true, name: true } },
      members: { select: { userId: true, user: { select: { organisation: { select: { id: true, name: true } } } } } },
    },
  });
  const rows = groups.map(({ members, ...group }) => ({
    ...group,
    isMine: members.some((member) => member.userId === userId),
    memberCount: members.length,
    memberOrganisations: sortedOrganisations(members.map((member) => member.user.organisation)),
  }));
  // The user's own groups first, then the active ones, each part by name.
  return rows.sort((a, b) => Number(b.isMine) - Number(a.isMine) || Number(a.status === "CLOSED") - Number(b.status === "CLOSED"));
}

/** Whether the group exists and whether the user is one of its members. */
export async function groupMembership(groupId: string, userId: string) {
  const group = await db.workingGroup.findUnique({
    where: { id: groupId },
    select: { members: { where: { userId }, select: { userId: true } } },
  });
  return group ? { isMember: group.members.length > 0 } : null;
}

/** What anyone in the tavolo may know of a group. */
export async function getGroupOverview(groupId: string) {
  const group = await db.workingGroup.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      thematicArea: true,
      mandate: true,
      status: true,
      closedOn: true,
      members: { select: { user: { select: { organisation: { select: { id: true, name: true } } } } } },
    },
  });
  if (!group) return null;
  const { members, ...rest } = group;
  return { ...rest, memberOrganisations: sortedOrganisations(members.map((member) => member.user.organisation)) };
}

/**
 * The whole page, for members and coordinators; e-mail addresses only when `withContacts`, meetings
 * not yet convened (drafts, cancelled ones) only when `withDrafts`, as on the meetings list;
 * documents of the archive linked to the group that `viewer` may read.
 */
export async function getGroupPage(groupId: string, options: { withContacts: boolean; withDrafts: boolean; viewer: Viewer; now?: Date }) {
  const now = options.now ?? new Date();
  const group = await db.workingGroup.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      thematicArea: true,
      mandate: true,
      status: true,
      closedOn: true,
      outcome: true,
      facilitator: { select: { name: true } },
      referentOrganisation: { select: { id: true, name: true } },
      objectives: { select: { objective: { select: { id: true, code: true, title: true, position: true } } } },
      members: {
        select: {
          user: {
            select: { id: true, name: true, email: options.withContacts, active: true, organisation: { select: { id: true, name: true } } },
          },
        },
      },
      // The group's documents live in the archive; only those the viewer may read are listed.
      documents: {
        where: visibleDocumentsWhere(options.viewer),
        orderBy: [{ documentDate: "desc" }, { title: "asc" }, { id: "asc" }],
        select: {
          id: true,
          title: true,
          category: true,
          documentDate: true,
          visibility: true,
          versions: {
            orderBy: { versionNumber: "desc" },
            take: 1,
            select: { versionNumber: true, createdAt: true, uploadedBy: { select: { name: true } }, file: { select: { originalName: true, size: true, mimeType: true } } },
          },
        },
      },
    },
  });
  if (!group) return null;
  const visible = options.withDrafts ? {} : { status: "CONVOKED" };
  const [upcomingMeetings, pastMeetings, history] = await Promise.all([
    db.meeting.findMany({
      where: { workingGroupId: groupId, startsAt: { gte: now }, ...visible },
      orderBy: { startsAt: "asc" },
      select: { id: true, title: true, startsAt: true, endsAt: true, location: true },
    }),
    db.meeting.findMany({
      where: { workingGroupId: groupId, startsAt: { lt: now }, ...visible },
      orderBy: { startsAt: "desc" },
      take: 20,
      select: { id: true, title: true, startsAt: true, endsAt: true, location: true },
    }),
    listHistory("WORKING_GROUP", groupId, 20),
  ]);
  const { objectives, members, ...rest } = group;
  const people = members
    .map((member) => member.user)
    .sort((a, b) => a.organisation.name.localeCompare(b.organisation.name, "it") || a.name.localeCompare(b.name, "it"));
  return {
    ...rest,
    objectives: objectives.map((link) => link.objective).sort((a, b) => a.position - b.position),
    members: people,
    memberOrganisations: sortedOrganisations(people.map((person) => person.organisation)),
    upcomingMeetings,
    pastMeetings,
    history,
  };
}

/** The group's fields as the edit form starts from them. */
export async function getGroupForEdit(groupId: string) {
  const group = await db.workingGroup.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      thematicArea: true,
      mandate: true,
      status: true,
      closedOn: true,
      outcome: true,
      facilitatorId: true,
      referentOrganisationId: true,
      objectives: { select: { objectiveId: true } },
      members: { select: { userId: true } },
    },
  });
  if (!group) return null;
  const { objectives, members, ...rest } = group;
  return { ...rest, objectiveIds: objectives.map((o) => o.objectiveId), memberIds: members.map((m) => m.userId) };
}

/**
 * What the group form offers: objectives, active coordinators, the bodies taking part, and their
 * active people grouped by organisation (plus the group's current members, so editing never
 * drops someone silently).
 */
export async function groupFormChoices(groupId?: string) {
  const [objectives, facilitators, organisations, people] = await Promise.all([
    db.strategicObjective.findMany({ orderBy: [{ position: "asc" }, { code: "asc" }], select: { id: true, code: true, title: true } }),
    db.user.findMany({ where: { role: "COORDINATOR", active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.organisation.findMany({ where: { status: { in: TAKING_PART } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({
      where: {
        OR: [
          { active: true, organisation: { status: { in: TAKING_PART } } },
          ...(groupId ? [{ groupMemberships: { some: { groupId } } }] : []),
        ],
      },
      orderBy: { name: "asc" },
      select: { id: true, name: true, active: true, organisation: { select: { id: true, name: true } } },
    }),
  ]);
  const byOrganisation = new Map<string, { id: string; name: string; people: { id: string; name: string; active: boolean }[] }>();
  for (const person of people) {
    const entry = byOrganisation.get(person.organisation.id) ?? { ...person.organisation, people: [] };
    entry.people.push({ id: person.id, name: person.name, active: person.active });
    byOrganisation.set(person.organisation.id, entry);
  }
  return {
    objectives,
    facilitators,
    organisations,
    peopleByOrganisation: [...byOrganisation.values()].sort((a, b) => a.name.localeCompare(b.name, "it")),
  };
}

/**
 * A document of the archive linked to that group, with what the `document` permission needs and
 * its current file (the group page's links, and older links to group documents, serve that one).
 */
export async function findGroupDocument(groupId: string, documentId: string, userId: string) {
  const document = await db.archiveDocument.findFirst({
    where: { id: documentId, workingGroupId: groupId },
    select: {
      visibility: true,
      workingGroup: { select: { members: { where: { userId }, select: { userId: true } } } },
      versions: { orderBy: { versionNumber: "desc" }, take: 1, select: { fileId: true } },
    },
  });
  const current = document?.versions[0];
  if (!document || !current) return null;
  return { visibility: document.visibility, isGroupMember: (document.workingGroup?.members.length ?? 0) > 0, fileId: current.fileId };
}

// --- Writing ---------------------------------------------------------------------------------

const GROUP_LABELS = {
  name: "Nome",
  thematicArea: "Area tematica",
  mandate: "Mandato",
  facilitator: "Facilitatore",
  referentOrganisation: "Organizzazione referente",
  objectives: "Obiettivi",
};

function duplicateName(): never {
  throw new UserFacingError("Esiste già un gruppo di lavoro con questo nome.", 409, "name");
}

async function withUniqueName<T>(work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) duplicateName();
    throw error;
  }
}

/**
 * Checks every choice against the database and returns what the history needs to name them.
 * People already in the group may stay even if they could not join today.
 */
async function resolveChoices(tx: DbTransaction, fields: GroupFields, currentMemberIds: readonly string[] = []) {
  const [objectives, facilitator, referentOrganisation, people] = await Promise.all([
    tx.strategicObjective.findMany({ where: { id: { in: fields.objectiveIds } }, orderBy: { position: "asc" }, select: { id: true, code: true } }),
    tx.user.findFirst({ where: { id: fields.facilitatorId, role: "COORDINATOR", active: true }, select: { name: true } }),
    tx.organisation.findFirst({ where: { id: fields.referentOrganisationId, status: { in: TAKING_PART } }, select: { name: true } }),
    tx.user.findMany({
      where: { id: { in: fields.memberIds } },
      select: { id: true, name: true, active: true, organisation: { select: { name: true, status: true } } },
    }),
  ]);
  if (objectives.length !== new Set(fields.objectiveIds).size) {
    throw new UserFacingError("Uno degli obiettivi scelti non esiste più: ricarica la pagina e scegli di nuovo.", 400, "objectiveIds");
  }
  if (!facilitator) throw new UserFacingError("Scegli chi facilita il gruppo tra i coordinatori attivi.", 400, "facilitatorId");
  if (!referentOrganisation) {
    throw new UserFacingError("Scegli l'organizzazione referente tra i partner e gli aderenti del tavolo.", 400, "referentOrganisationId");
  }
  const found = new Map(people.map((person) => [person.id, person]));
  for (const id of new Set(fields.memberIds)) {
    const person = found.get(id);
    const mayJoin = person?.active && TAKING_PART.includes(person.organisation.status);
    if (!person || (!mayJoin && !currentMemberIds.includes(id))) {
      throw new UserFacingError(
        "Possono entrare nel gruppo solo persone con un account attivo di un'organizzazione partner o aderente: ricarica la pagina e scegli di nuovo.",
        400,
        "memberIds",
      );
    }
  }
  return {
    facilitator: facilitator.name,
    referentOrganisation: referentOrganisation.name,
    objectives: objectives.map((o) => o.code).join(", "),
    people: found,
  };
}

export async function createGroup(fields: GroupFields, actor: Actor) {
  return withUniqueName(() =>
    db.$transaction(async (tx) => {
      if (await tx.workingGroup.findUnique({ where: { name: fields.name }, select: { id: true } })) duplicateName();
      const names = await resolveChoices(tx, fields);
      const memberIds = [...new Set(fields.memberIds)];
      const group = await tx.workingGroup.create({
        data: {
          name: fields.name,
          thematicArea: fields.thematicArea,
          mandate: fields.mandate,
          facilitatorId: fields.facilitatorId,
          referentOrganisationId: fields.referentOrganisationId,
          objectives: { create: [...new Set(fields.objectiveIds)].map((objectiveId) => ({ objectiveId })) },
          members: { create: memberIds.map((userId) => ({ userId })) },
        },
      });
      await recordChange(tx, { subjectType: "WORKING_GROUP", subjectId: group.id, summary: `Gruppo creato: ${group.name}`, actor });
      for (const userId of memberIds) {
        const person = names.people.get(userId);
        if (person) await recordChange(tx, { subjectType: "WORKING_GROUP", subjectId: group.id, summary: `Aggiunta al gruppo: ${personLabel(person)}`, actor });
      }
      return group;
    }),
  );
}

export async function updateGroup(groupId: string, fields: GroupFields, actor: Actor) {
  return withUniqueName(() =>
    db.$transaction(async (tx) => {
      const before = await tx.workingGroup.findUnique({
        where: { id: groupId },
        include: {
          facilitator: { select: { name: true } },
          referentOrganisation: { select: { name: true } },
          objectives: { select: { objective: { select: { id: true, code: true, position: true } } } },
          members: { select: { user: { select: { id: true, name: true, organisation: { select: { name: true } } } } } },
        },
      });
      if (!before) throw new UserFacingError("Gruppo di lavoro non trovato: potrebbe essere stato eliminato.", 404);
      const clash = await tx.workingGroup.findFirst({ where: { name: fields.name, id: { not: groupId } }, select: { id: true } });
      if (clash) duplicateName();
      const currentMembers = before.members.map((m) => m.user);
      const names = await resolveChoices(tx, fields, currentMembers.map((m) => m.id));

      const objectiveIds = new Set(fields.objectiveIds);
      const memberIds = new Set(fields.memberIds);
      const currentObjectiveIds = new Set(before.objectives.map((link) => link.objective.id));
      const currentMemberIds = new Set(currentMembers.map((m) => m.id));

      await tx.workingGroup.update({
        where: { id: groupId },
        data: {
          name: fields.name,
          thematicArea: fields.thematicArea,
          mandate: fields.mandate,
          facilitatorId: fields.facilitatorId,
          referentOrganisationId: fields.referentOrganisationId,
        },
      });
      await tx.workingGroupObjective.deleteMany({ where: { groupId, objectiveId: { notIn: [...objectiveIds] } } });
      const addedObjectives = [...objectiveIds].filter((id) => !currentObjectiveIds.has(id));
      if (addedObjectives.length > 0) await tx.workingGroupObjective.createMany({ data: addedObjectives.map((objectiveId) => ({ groupId, objectiveId })) });
      const removedMembers = currentMembers.filter((member) => !memberIds.has(member.id));
      await tx.workingGroupMember.deleteMany({ where: { groupId, userId: { in: removedMembers.map((m) => m.id) } } });
      const addedMembers = [...memberIds].filter((id) => !currentMemberIds.has(id));
      if (addedMembers.length > 0) await tx.workingGroupMember.createMany({ data: addedMembers.map((userId) => ({ groupId, userId })) });

      const changes = diff(
        {
          ...before,
          facilitator: before.facilitator?.name ?? "",
          referentOrganisation: before.referentOrganisation?.name ?? "",
          objectives: before.objectives
            .map((link) => link.objective)
            .sort((a, b) => a.position - b.position)
            .map((o) => o.code)
            .join(", "),
        },
        { ...fields, facilitator: names.facilitator, referentOrganisation: names.referentOrganisation, objectives: names.objectives },
        GROUP_LABELS,
      );
      if (Object.keys(changes).length > 0) {
        await recordChange(tx, { subjectType: "WORKING_GROUP", subjectId: groupId, summary: "Dati del gruppo modificati", actor, changes });
      }
      for (const userId of addedMembers) {
        const person = names.people.get(userId);
        if (person) await recordChange(tx, { subjectType: "WORKING_GROUP", subjectId: groupId, summary: `Aggiunta al gruppo: ${personLabel(person)}`, actor });
      }
      for (const person of removedMembers) {
        await recordChange(tx, { subjectType: "WORKING_GROUP", subjectId: groupId, summary: `Uscita dal gruppo: ${personLabel(person)}`, actor });
      }
    }),
  );
}

export async function closeGroup(groupId: string, closing: ClosingFields, actor: Actor, today = todayInRome()) {
  if (closing.closedOn > today) throw new UserFacingError("La data di chiusura non può essere nel futuro.", 400, "closedOn");
  await db.$transaction(async (tx) => {
    const closed = await tx.workingGroup.updateMany({
      where: { id: groupId, status: "ACTIVE" },
      data: { status: "CLOSED", closedOn: closing.closedOn, outcome: closing.outcome },
    });
    if (closed.count !== 1) {
      const exists = await tx.workingGroup.findUnique({ where: { id: groupId }, select: { id: true } });
      throw exists
        ? new UserFacingError("Il gruppo è già chiuso.", 409)
        : new UserFacingError("Gruppo di lavoro non trovato: potrebbe essere stato eliminato.", 404);
    }
    await recordChange(tx, {
      subjectType: "WORKING_GROUP",
      subjectId: groupId,
      summary: `Gruppo chiuso il ${formatDay(closing.closedOn)}`,
      actor,
      changes: { Stato: ["Attivo", "Chiuso"], Esito: ["", closing.outcome] },
    });
  });
}

/** Reopening clears the closing date and outcome; the history keeps them. */
export async function reopenGroup(groupId: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    const group = await tx.workingGroup.findUnique({ where: { id: groupId }, select: { status: true, closedOn: true, outcome: true } });
    if (!group) throw new UserFacingError("Gruppo di lavoro non trovato: potrebbe essere stato eliminato.", 404);
    const reopened = await tx.workingGroup.updateMany({
      where: { id: groupId, status: "CLOSED" },
      data: { status: "ACTIVE", closedOn: null, outcome: "" },
    });
    if (reopened.count !== 1) throw new UserFacingError("Il gruppo è già attivo.", 409);
    await recordChange(tx, {
      subjectType: "WORKING_GROUP",
      subjectId: groupId,
      summary: "Gruppo riaperto",
      actor,
      changes: { Stato: [groupStatusLabel(group), "Attivo"], Esito: [group.outcome, ""] },
    });
  });
}

/**
 * A member's document for their group: it enters the archive visible to the group (GROUP), dated
 * today, authored by the uploader's organisation.
 */
export async function addGroupDocument(groupId: string, fields: GroupDocumentFields, upload: PendingUpload, actor: Actor, today = todayInRome()) {
  return createDocument(
    {
      title: fields.title,
      category: fields.category,
      documentDate: today,
      description: "",
      authorOrganisationId: await organisationOf(actor.id),
      workingGroupId: groupId,
      meetingId: null,
      projectId: null,
      visibility: "GROUP",
    },
    upload,
    actor,
  );
}

export const removeGroupDocument = removeGroupArchiveDocument;
