import { z } from "zod";
import { type Actor, diff, listHistory, recordChange } from "~/domain/audit.server";
import { db, containsIgnoringCase, isUniqueViolation, type DbTransaction, type Prisma } from "~/db.server";
import {
  categoryLabel,
  DOCUMENT_CATEGORY_CODES,
  DOCUMENT_VISIBILITY_CODES,
  visibilityLabel,
} from "~/domain/documents";
import { isPreviewable } from "~/files/display";
import { notify } from "~/domain/notifications.server";
import { env } from "~/env.server";
import { type PendingUpload, removeStoredFileBytes, withStoredFiles } from "~/files/storage.server";
import { wakeMailWorker } from "~/mail/outbox.server";
import { dayInputValue, formatDate } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { dayField, optionalText, requiredText } from "~/utils/forms.server";
import { documentAddedMail } from "../../emails/document-added";

// The document archive (archivio documenti): the tavolo's official acts and working documents,
// each with its versions. Who may read a document is decided by its visibility, in the query for
// lists and by the `document` permission for one document. Versions are never changed: a new file
// is a new version. See docs/decisions/025-document-archive.md.

/** Who is looking: enough to build the visibility filter. */
export interface Viewer {
  id: string;
  role: string;
}

const PAGE_SIZE = 20;

const optionalId = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((value) => value || null);

export const documentFields = z
  .object({
    title: requiredText("Dai un titolo al documento.", 200),
    category: z.enum(DOCUMENT_CATEGORY_CODES, { error: "Scegli la categoria del documento." }),
    documentDate: dayField("Indica la data del documento."),
    description: optionalText(5000),
    authorOrganisationId: optionalId,
    workingGroupId: optionalId,
    meetingId: optionalId,
    projectId: optionalId,
    visibility: z.enum(DOCUMENT_VISIBILITY_CODES, { error: "Scegli chi può vedere il documento." }),
  })
  .refine((fields) => fields.visibility !== "GROUP" || fields.workingGroupId, {
    message: "Un documento visibile a un gruppo di lavoro va collegato a quel gruppo: scegli il gruppo.",
    path: ["workingGroupId"],
  });
export type DocumentFields = z.output<typeof documentFields>;

export const versionFields = z.object({
  note: requiredText("Scrivi cosa cambia in questa versione.", 1000),
});

/** A document a working group's page files: the group is its audience. */
export const groupDocumentFields = z.object({
  title: requiredText("Dai un titolo al documento.", 200),
  category: z.enum(DOCUMENT_CATEGORY_CODES, { error: "Scegli la categoria del documento." }),
});

// --- Who sees what -----------------------------------------------------------------------------

/**
 * The documents a person may read, as a where clause: coordinators all of them; everyone else the
 * tavolo's and the public ones, and those of the working groups they belong to.
 */
export function visibleDocumentsWhere(viewer: Viewer): Prisma.ArchiveDocumentWhereInput {
  if (viewer.role === "COORDINATOR") return {};
  return {
    OR: [
      { visibility: { in: ["TAVOLO", "PUBLIC"] } },
      { visibility: "GROUP", workingGroup: { members: { some: { userId: viewer.id } } } },
    ],
  };
}

/** The document's visibility and the user's place in its group: what the `document` permission needs. */
export async function findDocumentAccess(documentId: string, userId: string) {
  const document = await db.archiveDocument.findUnique({
    where: { id: documentId },
    select: { id: true, visibility: true, workingGroupId: true, workingGroup: { select: { members: { where: { userId }, select: { userId: true } } } } },
  });
  if (!document) return null;
  return {
    id: document.id,
    visibility: document.visibility,
    workingGroupId: document.workingGroupId,
    isGroupMember: (document.workingGroup?.members.length ?? 0) > 0,
  };
}

export const documentResource = (access: { visibility: string; isGroupMember: boolean }) =>
  ({ kind: "document", visibility: access.visibility, isGroupMember: access.isGroupMember }) as const;

// --- Reading -----------------------------------------------------------------------------------

export interface DocumentFilters {
  category: string;
  year: number | null;
  groupId: string;
  projectId: string;
  visibility: string;
  q: string;
  page: number;
}

export function parseDocumentFilters(params: URLSearchParams, options: { mayFilterVisibility: boolean }): DocumentFilters {
  const category = params.get("categoria") ?? "";
  const visibility = params.get("visibilita") ?? "";
  const year = Number.parseInt(params.get("anno") ?? "", 10);
  const page = Number.parseInt(params.get("pagina") ?? "1", 10);
  return {
    category: (DOCUMENT_CATEGORY_CODES as readonly string[]).includes(category) ? category : "",
    year: Number.isInteger(year) && year >= 1900 && year <= 2200 ? year : null,
    groupId: (params.get("gruppo") ?? "").slice(0, 40),
    projectId: (params.get("progetto") ?? "").slice(0, 40),
    visibility: options.mayFilterVisibility && (DOCUMENT_VISIBILITY_CODES as readonly string[]).includes(visibility) ? visibility : "",
    q: (params.get("q") ?? "").trim().slice(0, 100),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The filters as a query string, without the page. */
export function documentFilterQuery(filters: DocumentFilters) {
  const query = new URLSearchParams();
  if (filters.category) query.set("categoria", filters.category);
  if (filters.year) query.set("anno", String(filters.year));
  if (filters.groupId) query.set("gruppo", filters.groupId);
  if (filters.projectId) query.set("progetto", filters.projectId);
  if (filters.visibility) query.set("visibilita", filters.visibility);
  if (filters.q) query.set("q", filters.q);
  return query.toString();
}

const currentVersion = {
  orderBy: { versionNumber: "desc" },
  take: 1,
  select: {
    id: true,
    versionNumber: true,
    createdAt: true,
    uploadedBy: { select: { name: true } },
    file: { select: { originalName: true, size: true, mimeType: true } },
  },
} as const;

const listSelect = {
  id: true,
  title: true,
  category: true,
  documentDate: true,
  description: true,
  visibility: true,
  authorOrganisation: { select: { id: true, name: true } },
  workingGroup: { select: { id: true, name: true } },
  versions: currentVersion,
} as const;

export async function listDocuments(viewer: Viewer, filters: DocumentFilters) {
  const and: Prisma.ArchiveDocumentWhereInput[] = [visibleDocumentsWhere(viewer)];
  if (filters.category) and.push({ category: filters.category });
  if (filters.year) and.push({ documentDate: { gte: new Date(Date.UTC(filters.year, 0, 1)), lt: new Date(Date.UTC(filters.year + 1, 0, 1)) } });
  if (filters.groupId) and.push({ workingGroupId: filters.groupId });
  if (filters.projectId) and.push({ projectId: filters.projectId });
  if (filters.visibility) and.push({ visibility: filters.visibility });
  if (filters.q) and.push({ OR: [{ title: containsIgnoringCase(filters.q) }, { description: containsIgnoringCase(filters.q) }] });
  const where: Prisma.ArchiveDocumentWhereInput = { AND: and };
  const total = await db.archiveDocument.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const documents = await db.archiveDocument.findMany({
    where,
    orderBy: [{ documentDate: "desc" }, { title: "asc" }, { id: "asc" }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: listSelect,
  });
  return { documents: documents.map(withCurrentVersion), total, page, pageCount };
}

function withCurrentVersion<T extends { versions: { id: string; versionNumber: number; createdAt: Date; uploadedBy: { name: string } | null; file: { originalName: string; size: number; mimeType: string } }[] }>(
  document: T,
) {
  const { versions, ...rest } = document;
  const current = versions[0];
  return {
    ...rest,
    current: current
      ? {
          id: current.id,
          versionNumber: current.versionNumber,
          createdAt: current.createdAt,
          uploadedBy: current.uploadedBy?.name ?? "Account rimosso",
          fileName: current.file.originalName,
          size: current.file.size,
          mimeType: current.file.mimeType,
          previewable: isPreviewable(current.file.mimeType),
        }
      : null,
  };
}

/** The choices of the list's filters: the years and groups of documents the viewer can see. */
export async function documentFilterChoices(viewer: Viewer) {
  const where = visibleDocumentsWhere(viewer);
  const [dates, groups, projects] = await Promise.all([
    db.archiveDocument.findMany({ where, select: { documentDate: true }, distinct: ["documentDate"] }),
    db.workingGroup.findMany({ where: { documents: { some: where } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.project.findMany({ where: { documents: { some: where } }, orderBy: { title: "asc" }, select: { id: true, title: true } }),
  ]);
  const years = [...new Set(dates.map((d) => d.documentDate.getUTCFullYear()))].sort((a, b) => b - a);
  return { years, groups, projects };
}

/** One document with all its versions, newest first. Callers check permission first. */
export async function getDocument(documentId: string) {
  const document = await db.archiveDocument.findUnique({
    where: { id: documentId },
    select: {
      id: true,
      title: true,
      category: true,
      documentDate: true,
      description: true,
      visibility: true,
      createdAt: true,
      authorOrganisation: { select: { id: true, name: true } },
      workingGroup: { select: { id: true, name: true } },
      meeting: { select: { id: true, title: true, startsAt: true } },
      project: { select: { id: true, code: true, title: true } },
      createdBy: { select: { name: true } },
      versions: {
        orderBy: { versionNumber: "desc" },
        select: {
          id: true,
          versionNumber: true,
          note: true,
          createdAt: true,
          uploadedBy: { select: { name: true } },
          file: { select: { originalName: true, size: true, mimeType: true } },
        },
      },
    },
  });
  return document;
}

export const documentHistory = (documentId: string) => listHistory("DOCUMENT", documentId, 30);

/** The document's fields as the edit form starts from them. */
export async function getDocumentForEdit(documentId: string) {
  return db.archiveDocument.findUnique({
    where: { id: documentId },
    select: {
      id: true,
      title: true,
      category: true,
      documentDate: true,
      description: true,
      visibility: true,
      authorOrganisationId: true,
      workingGroupId: true,
      meetingId: true,
      projectId: true,
    },
  });
}

/** What the document form offers to link: organisations, groups, recent meetings, projects. */
export async function documentFormChoices() {
  const [organisations, groups, meetings, projects] = await Promise.all([
    db.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.workingGroup.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.meeting.findMany({ orderBy: { startsAt: "desc" }, take: 100, select: { id: true, title: true, startsAt: true } }),
    db.project.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, title: true } }),
  ]);
  return {
    organisations,
    groups,
    meetings: meetings.map((m) => ({ id: m.id, label: `${m.title} (${formatDate(m.startsAt)})` })),
    projects: projects.map((p) => ({ id: p.id, label: `${p.code} – ${p.title}` })),
  };
}

/** A document's stored fields as the form shows them. */
export const documentFormValues = (document: Awaited<ReturnType<typeof getDocumentForEdit>>) => ({
  title: document?.title ?? "",
  category: document?.category ?? "",
  documentDate: dayInputValue(document?.documentDate ?? null),
  description: document?.description ?? "",
  authorOrganisationId: document?.authorOrganisationId ?? "",
  workingGroupId: document?.workingGroupId ?? "",
  meetingId: document?.meetingId ?? "",
  projectId: document?.projectId ?? "",
  visibility: document?.visibility ?? "",
});

/** The file of one version, only when the version belongs to that document. */
export async function findVersionFile(documentId: string, versionId: string) {
  return db.archiveDocumentVersion.findFirst({ where: { id: versionId, documentId }, select: { fileId: true } });
}

/** The documents linked to a meeting or a project that the viewer may read. */
export async function listLinkedDocuments(viewer: Viewer, link: { meetingId: string } | { projectId: string }) {
  const documents = await db.archiveDocument.findMany({
    where: { AND: [link, visibleDocumentsWhere(viewer)] },
    orderBy: [{ documentDate: "desc" }, { title: "asc" }],
    select: { id: true, title: true, category: true, documentDate: true },
  });
  return documents.map((d) => ({ ...d, categoryLabel: categoryLabel(d.category) }));
}

/** The documents published on the transparency pages: only PUBLIC ones, with their current file. */
export async function listPublicDocuments() {
  const documents = await db.archiveDocument.findMany({
    where: { visibility: "PUBLIC" },
    orderBy: [{ documentDate: "desc" }, { title: "asc" }],
    select: { id: true, title: true, category: true, documentDate: true, description: true, versions: currentVersion },
  });
  return documents.map(withCurrentVersion);
}

/** The current file of a PUBLIC document; null for any other, so nothing tells that one exists. */
export async function findPublicDocumentFile(documentId: string) {
  const version = await db.archiveDocumentVersion.findFirst({
    where: { documentId, document: { visibility: "PUBLIC" } },
    orderBy: { versionNumber: "desc" },
    select: { fileId: true },
  });
  return version;
}

/** The current file of a document; null when it has no version (never, once created). */
export async function findCurrentFile(documentId: string) {
  return db.archiveDocumentVersion.findFirst({ where: { documentId }, orderBy: { versionNumber: "desc" }, select: { fileId: true } });
}

// --- Writing -----------------------------------------------------------------------------------

const documentUrl = (id: string) => new URL(`/documenti/${id}`, env.APP_URL).toString();

/** Everyone active who can read a document of this visibility, except who filed it. */
async function readers(tx: DbTransaction, document: { visibility: string; workingGroupId: string | null }, exceptId: string) {
  const audience: Prisma.UserWhereInput =
    document.visibility === "TAVOLO" || document.visibility === "PUBLIC"
      ? {}
      : document.visibility === "GROUP" && document.workingGroupId
        ? { OR: [{ role: "COORDINATOR" }, { groupMemberships: { some: { groupId: document.workingGroupId } } }] }
        : { role: "COORDINATOR" };
  return tx.user.findMany({ where: { AND: [audience, { active: true, id: { not: exceptId } }] }, select: { id: true, name: true, email: true } });
}

async function notifyReaders(
  tx: DbTransaction,
  document: { id: string; title: string; category: string; visibility: string; workingGroupId: string | null },
  version: { versionNumber: number; note: string },
  actor: Actor,
) {
  const people = await readers(tx, document, actor.id);
  await notify(tx, people, {
    kind: "DOCUMENT_ADDED",
    mail: (person) => ({
      template: "document-added",
      content: documentAddedMail({
        name: person.name,
        title: document.title,
        category: categoryLabel(document.category),
        version: version.versionNumber,
        note: version.note,
        documentUrl: documentUrl(document.id),
      }),
    }),
    digest: {
      title: version.versionNumber > 1 ? `Nuova versione: ${document.title}` : `Nuovo documento: ${document.title}`,
      path: `/documenti/${document.id}`,
    },
  });
}

/** Every link must name a record that exists; a GROUP document needs its group. */
async function checkLinks(tx: DbTransaction, fields: Pick<DocumentFields, "authorOrganisationId" | "workingGroupId" | "meetingId" | "projectId" | "visibility">) {
  const [organisation, group, meeting, project] = await Promise.all([
    fields.authorOrganisationId ? tx.organisation.findUnique({ where: { id: fields.authorOrganisationId }, select: { id: true } }) : true,
    fields.workingGroupId ? tx.workingGroup.findUnique({ where: { id: fields.workingGroupId }, select: { id: true } }) : true,
    fields.meetingId ? tx.meeting.findUnique({ where: { id: fields.meetingId }, select: { id: true } }) : true,
    fields.projectId ? tx.project.findUnique({ where: { id: fields.projectId }, select: { id: true } }) : true,
  ]);
  const gone = "non esiste più: ricarica la pagina e scegli di nuovo.";
  if (!organisation) throw new UserFacingError(`L'organizzazione scelta ${gone}`, 400, "authorOrganisationId");
  if (!group) throw new UserFacingError(`Il gruppo di lavoro scelto ${gone}`, 400, "workingGroupId");
  if (!meeting) throw new UserFacingError(`La riunione scelta ${gone}`, 400, "meetingId");
  if (!project) throw new UserFacingError(`Il progetto scelto ${gone}`, 400, "projectId");
  if (fields.visibility === "GROUP" && !fields.workingGroupId) {
    throw new UserFacingError("Un documento visibile a un gruppo di lavoro va collegato a quel gruppo: scegli il gruppo.", 400, "workingGroupId");
  }
}

/** Files a new document with its first version, and tells the people who can read it. */
export async function createDocument(fields: DocumentFields, upload: PendingUpload, actor: Actor) {
  const document = await withStoredFiles([upload], actor.id, async (tx, [file]) => {
    if (!file) throw new Error("withStoredFiles returned no file for the upload");
    await checkLinks(tx, fields);
    const created = await tx.archiveDocument.create({
      data: {
        // The form's fields are the record's columns, one for one (the schema drops anything else).
        ...fields,
        createdById: actor.id,
        versions: { create: { versionNumber: 1, fileId: file.id, uploadedById: actor.id } },
      },
      select: { id: true, title: true, category: true, visibility: true, workingGroupId: true },
    });
    await recordChange(tx, {
      subjectType: "DOCUMENT",
      subjectId: created.id,
      summary: `Documento archiviato: ${created.title} (${file.originalName}), visibilità «${visibilityLabel(created.visibility)}»`,
      actor,
    });
    if (created.workingGroupId && created.visibility === "GROUP") {
      await recordChange(tx, { subjectType: "WORKING_GROUP", subjectId: created.workingGroupId, summary: `Documento caricato: ${created.title} (${file.originalName})`, actor });
    }
    await notifyReaders(tx, created, { versionNumber: 1, note: "" }, actor);
    return created;
  });
  wakeMailWorker();
  return document;
}

/** A new version: the old ones stay as they are; from the second one on, the note says what changes. */
export async function addVersion(documentId: string, note: string, upload: PendingUpload, actor: Actor) {
  try {
    const version = await withStoredFiles([upload], actor.id, async (tx, [file]) => {
      if (!file) throw new Error("withStoredFiles returned no file for the upload");
      const document = await tx.archiveDocument.findUnique({
        where: { id: documentId },
        select: { id: true, title: true, category: true, visibility: true, workingGroupId: true, versions: { orderBy: { versionNumber: "desc" }, take: 1, select: { versionNumber: true } } },
      });
      if (!document) throw new UserFacingError("Documento non trovato: potrebbe essere stato eliminato.", 404);
      const versionNumber = (document.versions[0]?.versionNumber ?? 0) + 1;
      const cleanNote = note.trim();
      if (versionNumber > 1 && !cleanNote) throw new UserFacingError("Scrivi cosa cambia in questa versione.", 400, "note");
      const created = await tx.archiveDocumentVersion.create({
        data: { documentId, versionNumber, fileId: file.id, note: cleanNote, uploadedById: actor.id },
        select: { id: true, versionNumber: true },
      });
      await tx.archiveDocument.update({ where: { id: documentId }, data: { updatedAt: new Date() } });
      await recordChange(tx, {
        subjectType: "DOCUMENT",
        subjectId: documentId,
        summary: `Versione ${versionNumber} caricata: ${file.originalName}`,
        changes: { "Cosa cambia": ["", cleanNote] },
        actor,
      });
      await notifyReaders(tx, document, { versionNumber, note: cleanNote }, actor);
      return created;
    });
    wakeMailWorker();
    return version;
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserFacingError("Nello stesso momento è stata caricata un'altra versione: ricarica la pagina e riprova.", 409);
    throw error;
  }
}

const DOCUMENT_LABELS = {
  title: "Titolo",
  category: "Categoria",
  documentDate: "Data",
  description: "Descrizione",
  authorOrganisation: "Organizzazione autrice",
  workingGroup: "Gruppo di lavoro",
  meeting: "Riunione",
  project: "Progetto",
  visibility: "Visibilità",
};

/** The metadata only: files change through new versions. A change of visibility is recorded like any other. */
export async function updateDocument(documentId: string, fields: DocumentFields, actor: Actor) {
  await db.$transaction(async (tx) => {
    const before = await tx.archiveDocument.findUnique({
      where: { id: documentId },
      select: {
        title: true,
        category: true,
        documentDate: true,
        description: true,
        visibility: true,
        authorOrganisation: { select: { name: true } },
        workingGroup: { select: { name: true } },
        meeting: { select: { title: true } },
        project: { select: { code: true } },
      },
    });
    if (!before) throw new UserFacingError("Documento non trovato: potrebbe essere stato eliminato.", 404);
    await checkLinks(tx, fields);
    const after = await tx.archiveDocument.update({
      where: { id: documentId },
      data: {
        ...fields,
      },
      select: {
        authorOrganisation: { select: { name: true } },
        workingGroup: { select: { name: true } },
        meeting: { select: { title: true } },
        project: { select: { code: true } },
      },
    });
    const named = (record: typeof after) => ({
      authorOrganisation: record.authorOrganisation?.name ?? "",
      workingGroup: record.workingGroup?.name ?? "",
      meeting: record.meeting?.title ?? "",
      project: record.project?.code ?? "",
    });
    const changes = diff(
      { ...before, ...named(before), category: categoryLabel(before.category), visibility: visibilityLabel(before.visibility) },
      { ...fields, ...named(after), category: categoryLabel(fields.category), visibility: visibilityLabel(fields.visibility) },
      DOCUMENT_LABELS,
    );
    if (Object.keys(changes).length === 0) return;
    const summary = changes.Visibilità ? `Visibilità cambiata: da «${changes.Visibilità[0]}» a «${changes.Visibilità[1]}»` : "Dati del documento modificati";
    await recordChange(tx, { subjectType: "DOCUMENT", subjectId: documentId, summary, changes, actor });
  });
}

/**
 * Removes a document of a working group with all its versions and their files (the group page's
 * "Rimuovi", for coordinators). The bytes go once the records are gone for good.
 */
export async function removeGroupArchiveDocument(groupId: string, documentId: string, actor: Actor) {
  const storageKeys = await db.$transaction(async (tx) => {
    const document = await tx.archiveDocument.findFirst({
      where: { id: documentId, workingGroupId: groupId },
      select: { title: true, versions: { orderBy: { versionNumber: "desc" }, select: { file: { select: { id: true, storageKey: true, originalName: true } } } } },
    });
    if (!document) throw new UserFacingError("Documento non trovato: potrebbe essere stato già rimosso.", 404);
    await tx.archiveDocument.delete({ where: { id: documentId } });
    const files = document.versions.map((v) => v.file);
    await tx.storedFile.deleteMany({ where: { id: { in: files.map((f) => f.id) } } });
    const current = files[0]?.originalName;
    await recordChange(tx, {
      subjectType: "WORKING_GROUP",
      subjectId: groupId,
      summary: `Documento rimosso: ${document.title}${current ? ` (${current})` : ""}`,
      actor,
    });
    return files.map((f) => f.storageKey);
  });
  await Promise.all(storageKeys.map(removeStoredFileBytes));
}

/** The author organisation a group document gets: the uploader's own. */
export async function organisationOf(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { organisationId: true } });
  return user?.organisationId ?? null;
}

