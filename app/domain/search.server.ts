import { empty, join, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import { db, type Db, type DbTransaction, type Prisma } from "~/db.server";
import { env, isPostgresUrl } from "~/env.server";
import { richTextToPlain } from "~/domain/rich-text.server";
import { legalFormLabel } from "~/domain/organisations";
import { meetingKindLabel } from "~/domain/meeting-rules";
import { cleanText, highlight, parseQuery, snippet, termsText, type Segment } from "~/domain/search-text";

// Search across the tavolo (docs/decisions/028-search.md). Every searchable record has one
// SearchEntry row, rewritten by reindexSubject in the same transaction as the change (recordChange
// calls it), with who may find it in its audience columns. Its full-text index is the database's
// own: an FTS5 table of Italian stems on SQLite, a generated 'italian' tsvector on PostgreSQL.
// Permissions are applied in the query itself, never after a LIMIT.

export const SEARCH_KINDS = {
  ORGANISATION: "Organizzazioni",
  PERSON: "Persone",
  WORKING_GROUP: "Gruppi di lavoro",
  MEETING: "Riunioni",
  AGENDA_ITEM: "Punti all'ordine del giorno",
  VERBALE: "Verbali",
  DECISION: "Decisioni e azioni",
  PROJECT: "Progetti",
  RENDICONTAZIONE: "Rendicontazioni",
  DOCUMENT: "Documenti",
} as const;
export type SearchKind = keyof typeof SEARCH_KINDS;
export const isSearchKind = (value: string): value is SearchKind => value in SEARCH_KINDS;

/** Raised whenever what an entry holds changes, so existing databases are rebuilt at start. */
const INDEX_VERSION = 1;
const VERSION_KIND = "INDEX";

type Client = DbTransaction | Db;
const usesPostgres = () => isPostgresUrl(env.DATABASE_URL);

interface Entry {
  kind: SearchKind;
  recordId: string;
  title: string;
  body: string;
  url: string;
  audience: "ALL" | "COORDINATORS" | "GROUP" | "INVITEES" | "ORGANISATION";
  groupId: string | null;
  meetingId: string | null;
  organisationId: string | null;
  leadOrganisationId: string | null;
  date: Date | null;
}

const entry = (fields: Pick<Entry, "kind" | "recordId" | "title" | "url" | "audience"> & Partial<Entry>): Entry => ({
  groupId: null,
  meetingId: null,
  organisationId: null,
  leadOrganisationId: null,
  date: null,
  ...fields,
  title: cleanText(fields.title),
  body: cleanText(fields.body ?? ""),
});

const lines = (...parts: (string | null | undefined)[]) => parts.filter((part) => part && part.trim()).join("\n");
const shortened = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…` : text);

// --- What each kind of record says, and who may find it ---------------------------------------
// Each builder reads the records matching `where` and returns their entries. The audiences mirror
// can() in app/auth/permissions.server.ts and the domain modules' visibility rules.

async function organisationEntries(client: Client, where: Prisma.OrganisationWhereInput) {
  const rows = await client.organisation.findMany({
    where,
    select: { id: true, name: true, shortName: true, legalForm: true, description: true, address: true },
  });
  return rows.map((o) =>
    entry({ kind: "ORGANISATION", recordId: o.id, title: o.name, body: lines(o.shortName, legalFormLabel(o.legalForm), o.description, o.address), url: `/organizzazioni/${o.id}`, audience: "ALL", organisationId: o.id }),
  );
}

/** Contacts, and the accounts of people not erased. Phone numbers and e-mail addresses never. */
async function peopleEntries(client: Client, where: { organisationId: string } | { userIds: string[] } | { contactIds: string[] }) {
  const [contacts, users] = await Promise.all([
    "userIds" in where
      ? []
      : client.contact.findMany({
          where: "contactIds" in where ? { id: { in: where.contactIds } } : { organisationId: where.organisationId },
          select: { id: true, name: true, role: true, organisationId: true, organisation: { select: { name: true } } },
        }),
    "contactIds" in where
      ? []
      : client.user.findMany({
          where: { erasedAt: null, ...("userIds" in where ? { id: { in: where.userIds } } : { organisationId: where.organisationId }) },
          select: { id: true, name: true, role: true, active: true, organisationId: true, organisation: { select: { name: true } } },
        }),
  ]);
  return [
    ...contacts.map((c) =>
      entry({ kind: "PERSON", recordId: c.id, title: c.name, body: lines(c.role, c.organisation.name), url: `/organizzazioni/${c.organisationId}`, audience: "ALL", organisationId: c.organisationId }),
    ),
    // An organisation's page lists its active referents for everyone; other accounts are listed
    // only on the coordinators' users page.
    ...users.map((u) => {
      const listed = u.active && u.role === "REFERENT";
      return entry({
        kind: "PERSON",
        recordId: u.id,
        title: u.name,
        body: lines(u.role === "REFERENT" ? "Referente" : u.role === "COORDINATOR" ? "Coordinatore" : "Componente del tavolo", u.organisation.name, u.active ? "" : "Account disattivato"),
        url: listed ? `/organizzazioni/${u.organisationId}` : "/utenti",
        audience: listed ? "ALL" : "COORDINATORS",
        organisationId: u.organisationId,
      });
    }),
  ];
}

/** Everyone sees a group's name, area and mandate (its page shows them to non-members too). */
async function groupEntries(client: Client, where: Prisma.WorkingGroupWhereInput) {
  const rows = await client.workingGroup.findMany({ where, select: { id: true, name: true, thematicArea: true, mandate: true, createdAt: true } });
  return rows.map((g) =>
    entry({ kind: "WORKING_GROUP", recordId: g.id, title: g.name, body: lines(g.thematicArea, g.mandate), url: `/gruppi/${g.id}`, audience: "ALL", groupId: g.id, date: g.createdAt }),
  );
}

/** Drafts and cancelled meetings are the coordinators' (meetings.server.ts visibleTo); so are their agendas. */
const meetingAudience = (status: string) => (status === "CONVOKED" ? "ALL" : "COORDINATORS");

async function meetingEntries(client: Client, where: Prisma.MeetingWhereInput) {
  const rows = await client.meeting.findMany({
    where,
    select: {
      id: true,
      title: true,
      kind: true,
      status: true,
      startsAt: true,
      location: true,
      series: { select: { name: true } },
      workingGroup: { select: { name: true } },
      agendaItems: { select: { id: true, title: true, presenter: true } },
    },
  });
  return rows.flatMap((m) => [
    entry({
      kind: "MEETING",
      recordId: m.id,
      title: m.title,
      body: lines(meetingKindLabel(m.kind), m.series?.name, m.workingGroup?.name, m.location, m.status === "CANCELLED" ? "Annullata" : ""),
      url: `/riunioni/${m.id}`,
      audience: meetingAudience(m.status),
      meetingId: m.id,
      date: m.startsAt,
    }),
    ...m.agendaItems.map((item) =>
      entry({ kind: "AGENDA_ITEM", recordId: item.id, title: item.title, body: item.presenter, url: `/riunioni/${m.id}`, audience: meetingAudience(m.status), meetingId: m.id, date: m.startsAt }),
    ),
  ]);
}

function sectionsText(content: string) {
  try {
    const sections: unknown = JSON.parse(content);
    if (!Array.isArray(sections)) return "";
    return sections
      .map((section: { title?: unknown; html?: unknown }) =>
        lines(typeof section.title === "string" ? section.title : "", typeof section.html === "string" ? richTextToPlain(section.html) : ""),
      )
      .join("\n");
  } catch {
    return "";
  }
}

/**
 * A draft is the coordinators'; in review and approved, the meeting's invitees read it; published,
 * everyone does (can() "verbale"). Once published, readers read the latest published version, not a
 * correction in progress.
 */
async function verbaleEntries(client: Client, where: Prisma.VerbaleWhereInput) {
  const rows = await client.verbale.findMany({
    where,
    select: {
      id: true,
      meetingId: true,
      status: true,
      content: true,
      meeting: { select: { title: true, startsAt: true } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { content: true } },
    },
  });
  return rows.map((v) => {
    const text = v.status === "PUBBLICATO" ? (v.versions[0]?.content ?? v.content) : v.content;
    return entry({
      kind: "VERBALE",
      recordId: v.id,
      title: `Verbale: ${v.meeting.title}`,
      body: sectionsText(text),
      url: `/riunioni/${v.meetingId}/verbale`,
      audience: v.status === "PUBBLICATO" ? "ALL" : v.status === "BOZZA" ? "COORDINATORS" : "INVITEES",
      meetingId: v.meetingId,
      date: v.meeting.startsAt,
    });
  });
}

/** The decision register is read by everyone signed in. */
async function decisionEntries(client: Client, where: Prisma.DecisionWhereInput) {
  const rows = await client.decision.findMany({
    where,
    select: {
      id: true,
      kind: true,
      text: true,
      meetingId: true,
      meeting: { select: { startsAt: true } },
      responsibleOrganisation: { select: { name: true } },
      updates: { select: { note: true } },
    },
  });
  return rows.map((d) =>
    entry({
      kind: "DECISION",
      recordId: d.id,
      title: `${d.kind === "ACTION" ? "Azione" : "Decisione"}: ${shortened(d.text.replace(/\s+/g, " "))}`,
      body: lines(d.text, d.responsibleOrganisation?.name, ...d.updates.map((u) => u.note)),
      url: `/decisioni/${d.id}`,
      audience: "ALL",
      meetingId: d.meetingId,
      date: d.meeting.startsAt,
    }),
  );
}

async function projectEntries(client: Client, where: Prisma.ProjectWhereInput) {
  const rows = await client.project.findMany({
    where,
    select: {
      id: true,
      code: true,
      title: true,
      description: true,
      rup: true,
      fundingDetail: true,
      startsOn: true,
      leadOrganisationId: true,
      leadOrganisation: { select: { name: true } },
    },
  });
  // leadOrganisationId is kept (everyone finds a project) to tell when the rendicontazioni's readers change.
  return rows.map((p) =>
    entry({
      kind: "PROJECT",
      recordId: p.id,
      title: `${p.code} ${p.title}`,
      body: lines(p.description, p.leadOrganisation.name, p.rup, p.fundingDetail),
      url: `/progetti/${p.id}`,
      audience: "ALL",
      leadOrganisationId: p.leadOrganisationId,
      date: p.startsOn,
    }),
  );
}

/**
 * The organisation's own people read its rendicontazioni; the lead organisation's referents read
 * them once sent (SUBMITTED or APPROVED), never a draft or a returned one (can() "rendicontazione").
 */
async function rendicontazioneEntries(client: Client, where: Prisma.RendicontazioneWhereInput) {
  const rows = await client.rendicontazione.findMany({
    where,
    select: {
      id: true,
      status: true,
      narrative: true,
      beneficiariesNote: true,
      organisationId: true,
      organisation: { select: { name: true } },
      period: { select: { number: true, endsOn: true } },
      project: { select: { code: true, title: true, leadOrganisationId: true } },
    },
  });
  return rows.map((r) => {
    const sent = r.status === "SUBMITTED" || r.status === "APPROVED";
    return entry({
      kind: "RENDICONTAZIONE",
      recordId: r.id,
      title: `${r.project.code} ${r.project.title}: ${r.organisation.name}, periodo ${r.period.number}`,
      body: lines(r.narrative ? richTextToPlain(r.narrative) : "", r.beneficiariesNote),
      url: `/rendicontazioni/${r.id}`,
      audience: "ORGANISATION",
      organisationId: r.organisationId,
      leadOrganisationId: sent ? r.project.leadOrganisationId : null,
      date: r.period.endsOn,
    });
  });
}

/** COORDINATORS: them only; GROUP: the linked group's members; TAVOLO and PUBLIC: everyone signed in. */
async function documentEntries(client: Client, where: Prisma.ArchiveDocumentWhereInput) {
  const rows = await client.archiveDocument.findMany({
    where,
    select: { id: true, title: true, description: true, visibility: true, workingGroupId: true, documentDate: true },
  });
  return rows.map((d) =>
    entry({
      kind: "DOCUMENT",
      recordId: d.id,
      title: d.title,
      body: d.description,
      url: `/documenti/${d.id}`,
      audience: d.visibility === "COORDINATORS" ? "COORDINATORS" : d.visibility === "GROUP" ? "GROUP" : "ALL",
      groupId: d.visibility === "GROUP" ? d.workingGroupId : null,
      date: d.documentDate,
    }),
  );
}

// --- Writing entries ----------------------------------------------------------------------------

const same = (a: Entry, b: Omit<Entry, "kind" | "audience"> & { audience: string }) =>
  a.title === b.title &&
  a.body === b.body &&
  a.url === b.url &&
  a.audience === b.audience &&
  a.groupId === b.groupId &&
  a.meetingId === b.meetingId &&
  a.organisationId === b.organisationId &&
  a.leadOrganisationId === b.leadOrganisationId &&
  (a.date?.getTime() ?? null) === (b.date?.getTime() ?? null);

/** SQLite only: the FTS5 row (rowid = SearchEntry.id) holds the stems of title and body. */
async function writeStems(client: Client, id: number, title: string, body: string) {
  await client.$executeRaw`DELETE FROM "SearchIndex" WHERE rowid = ${id}`;
  await client.$executeRaw`INSERT INTO "SearchIndex" (rowid, "title", "body") VALUES (${id}, ${termsText(title)}, ${termsText(body)})`;
}

async function removeEntries(client: Client, ids: number[]) {
  if (ids.length === 0) return;
  if (!usesPostgres()) await client.$executeRaw`DELETE FROM "SearchIndex" WHERE rowid IN (${join(ids)})`;
  await client.searchEntry.deleteMany({ where: { id: { in: ids } } });
}

const LOOKUP_CHUNK = 500;

/** Writes entries (kind by kind); an entry that says the same as before is left alone. */
async function writeEntries(client: Client, entries: Entry[]) {
  const postgres = usesPostgres();
  for (const kind of new Set(entries.map((e) => e.kind))) {
    const ofKind = entries.filter((e) => e.kind === kind);
    // Looked up in chunks: a batch of 200 meetings can hold more agenda items than the 999 values
    // Prisma lets one SQLite `IN` list carry (it failed with P2029 on a large tavolo).
    const existing = new Map<string, Awaited<ReturnType<typeof client.searchEntry.findMany>>[number]>();
    for (let start = 0; start < ofKind.length; start += LOOKUP_CHUNK) {
      const recordIds = ofKind.slice(start, start + LOOKUP_CHUNK).map((e) => e.recordId);
      for (const row of await client.searchEntry.findMany({ where: { kind, recordId: { in: recordIds } } })) existing.set(row.recordId, row);
    }
    for (const { kind: _kind, recordId, ...data } of ofKind) {
      const before = existing.get(recordId);
      if (before && same({ kind, recordId, ...data }, before)) continue;
      // An upsert, not a create: a start-up rebuild may be writing the same entry meanwhile.
      const written = before
        ? await client.searchEntry.update({ where: { id: before.id }, data, select: { id: true } })
        : await client.searchEntry.upsert({ where: { kind_recordId: { kind, recordId } }, create: { kind, recordId, ...data }, update: data, select: { id: true } });
      if (!postgres) await writeStems(client, written.id, data.title, data.body);
    }
  }
}

/** Removes the entries of `kind` within `scope` whose record is not among `keep` (deleted since). */
async function removeStale(client: Client, kind: SearchKind, scope: Prisma.SearchEntryWhereInput, keep: string[]) {
  const stale = await client.searchEntry.findMany({ where: { AND: [{ kind }, scope, { recordId: { notIn: keep } }] }, select: { id: true } });
  await removeEntries(client, stale.map((row) => row.id));
}

async function replaceEntries(client: Client, kind: SearchKind, scope: Prisma.SearchEntryWhereInput, entries: Entry[]) {
  const own = entries.filter((e) => e.kind === kind);
  await writeEntries(client, own);
  await removeStale(client, kind, scope, own.map((e) => e.recordId));
}

/** The ids of the records each kind of entry mirrors (a person: contacts and accounts not erased). */
const RECORD_IDS: Record<SearchKind, Sql> = {
  ORGANISATION: sql`SELECT "id" FROM "Organisation"`,
  PERSON: sql`SELECT "id" FROM "Contact" UNION ALL SELECT "id" FROM "User" WHERE "erasedAt" IS NULL`,
  WORKING_GROUP: sql`SELECT "id" FROM "WorkingGroup"`,
  MEETING: sql`SELECT "id" FROM "Meeting"`,
  AGENDA_ITEM: sql`SELECT "id" FROM "AgendaItem"`,
  VERBALE: sql`SELECT "id" FROM "Verbale"`,
  DECISION: sql`SELECT "id" FROM "Decision"`,
  PROJECT: sql`SELECT "id" FROM "Project"`,
  RENDICONTAZIONE: sql`SELECT "id" FROM "Rendicontazione"`,
  DOCUMENT: sql`SELECT "id" FROM "ArchiveDocument"`,
};

/** Entries of a kind whose record is gone (a cascade the change did not name one by one). */
async function removeOrphans(client: Client, kind: "RENDICONTAZIONE" | "PERSON") {
  const orphans = await client.$queryRaw<{ id: number }[]>`
    SELECT e."id" FROM "SearchEntry" e WHERE e."kind" = ${kind} AND e."recordId" NOT IN (${RECORD_IDS[kind]})`;
  await removeEntries(client, orphans.map((row) => Number(row.id)));
}

/**
 * A person's removal (personal-data.server.ts) replaces their name with the anonymised one in every
 * stored text, the entries' title and body included, and deletes their contacts with the same
 * address. PostgreSQL recomputes its tsvector by itself; SQLite's stems are rewritten here for the
 * entries now holding the anonymised name, so the old name is no longer found on either database.
 */
async function afterErasure(client: Client, anonymisedName: string) {
  await removeOrphans(client, "PERSON");
  if (usesPostgres() || anonymisedName.trim().length < 3) return;
  const rewritten = await client.searchEntry.findMany({
    where: { OR: [{ title: { contains: anonymisedName } }, { body: { contains: anonymisedName } }] },
    select: { id: true, title: true, body: true },
  });
  for (const row of rewritten) await writeStems(client, row.id, row.title, row.body);
}

const indexedEntry = (client: Client, kind: SearchKind, recordId: string) =>
  client.searchEntry.findUnique({ where: { kind_recordId: { kind, recordId } }, select: { title: true, leadOrganisationId: true } });

// --- Keeping the index current --------------------------------------------------------------------

/**
 * Rewrites what the index holds about one changed record and what depends on it. Called by
 * recordChange (app/domain/audit.server.ts) inside the change's transaction, so the index commits
 * or rolls back with the change; a record that no longer exists (or a person erased) leaves the index.
 */
export async function reindexSubject(client: Client, subjectType: string, subjectId: string) {
  switch (subjectType) {
    case "ORGANISATION": {
      const before = await indexedEntry(client, "ORGANISATION", subjectId);
      const organisation = await organisationEntries(client, { id: subjectId });
      await replaceEntries(client, "ORGANISATION", { recordId: subjectId }, organisation);
      // Its people carry its name; so do its rendicontazioni and the projects it leads, rewritten
      // only when the name changed (an organisation may have hundreds of them).
      await replaceEntries(client, "PERSON", { organisationId: subjectId }, await peopleEntries(client, { organisationId: subjectId }));
      if (before && organisation[0] && before.title !== organisation[0].title) {
        await writeEntries(client, await rendicontazioneEntries(client, { organisationId: subjectId }));
        await writeEntries(client, await projectEntries(client, { leadOrganisationId: subjectId }));
      }
      return;
    }
    case "USER": {
      // A person who moved organisation is found by id, whatever organisation the entry named.
      await replaceEntries(client, "PERSON", { recordId: subjectId }, await peopleEntries(client, { userIds: [subjectId] }));
      const person = await client.user.findUnique({ where: { id: subjectId }, select: { name: true, erasedAt: true } });
      if (person?.erasedAt) await afterErasure(client, person.name);
      return;
    }
    case "WORKING_GROUP":
      await replaceEntries(client, "WORKING_GROUP", { recordId: subjectId }, await groupEntries(client, { id: subjectId }));
      return;
    case "MEETING": {
      const meeting = await meetingEntries(client, { id: subjectId });
      await replaceEntries(client, "MEETING", { recordId: subjectId }, meeting);
      await replaceEntries(client, "AGENDA_ITEM", { meetingId: subjectId }, meeting);
      await replaceEntries(client, "VERBALE", { meetingId: subjectId }, await verbaleEntries(client, { meetingId: subjectId }));
      await replaceEntries(client, "DECISION", { meetingId: subjectId }, await decisionEntries(client, { meetingId: subjectId }));
      return;
    }
    case "VERBALE": {
      // Named by the verbale's id or its meeting's (a verbale is one per meeting).
      const verbale = await verbaleEntries(client, { OR: [{ id: subjectId }, { meetingId: subjectId }] });
      await replaceEntries(client, "VERBALE", { OR: [{ recordId: subjectId }, { meetingId: subjectId }] }, verbale);
      return;
    }
    case "DECISION":
      await replaceEntries(client, "DECISION", { recordId: subjectId }, await decisionEntries(client, { id: subjectId }));
      return;
    case "PROJECT": {
      const before = await indexedEntry(client, "PROJECT", subjectId);
      const project = await projectEntries(client, { id: subjectId });
      await replaceEntries(client, "PROJECT", { recordId: subjectId }, project);
      // Its rendicontazioni carry its code and title, and its lead organisation decides who reads
      // them: all are rewritten when those change; otherwise only those a new schedule added. The
      // schedule may also have removed some.
      const after = project[0];
      const allChanged = !before || !after || before.title !== after.title || before.leadOrganisationId !== after.leadOrganisationId;
      const ids = (await client.rendicontazione.findMany({ where: { projectId: subjectId }, select: { id: true } })).map((r) => r.id);
      const indexed = allChanged
        ? new Set<string>()
        : new Set((await client.searchEntry.findMany({ where: { kind: "RENDICONTAZIONE", recordId: { in: ids } }, select: { recordId: true } })).map((row) => row.recordId));
      const missing = ids.filter((id) => !indexed.has(id));
      if (missing.length > 0) await writeEntries(client, await rendicontazioneEntries(client, { id: { in: missing } }));
      await removeOrphans(client, "RENDICONTAZIONE");
      return;
    }
    case "RENDICONTAZIONE":
      await replaceEntries(client, "RENDICONTAZIONE", { recordId: subjectId }, await rendicontazioneEntries(client, { id: subjectId }));
      return;
    case "DOCUMENT":
      await replaceEntries(client, "DOCUMENT", { recordId: subjectId }, await documentEntries(client, { id: subjectId }));
      return;
    default:
      return;
  }
}

const BATCH = 200;

/** Reads a model's ids in batches (by id) and writes their entries, so a large tavolo never sits in memory whole. */
async function indexAll(client: Client, ids: (after: string | undefined) => Promise<{ id: string }[]>, build: (ids: string[]) => Promise<Entry[]>) {
  let after: string | undefined;
  for (;;) {
    const batch = await ids(after);
    if (batch.length === 0) return;
    await writeEntries(client, await build(batch.map((row) => row.id)));
    after = batch.at(-1)?.id;
  }
}

const page = (after: string | undefined) => ({ ...(after ? { cursor: { id: after }, skip: 1 } : {}), take: BATCH, orderBy: { id: "asc" as const }, select: { id: true } });

/**
 * The whole index from the records, for a database filled before the index existed (the seed
 * writes many records directly), after a change of what entries hold (INDEX_VERSION), or by hand
 * with `npm run search:rebuild`. Entries already right are left alone; stale ones go.
 */
export async function rebuildSearchIndex(client: Db = db) {
  await indexAll(client, (a) => client.organisation.findMany(page(a)), (ids) => organisationEntries(client, { id: { in: ids } }));
  await indexAll(client, (a) => client.contact.findMany(page(a)), (ids) => peopleEntries(client, { contactIds: ids }));
  await indexAll(client, (a) => client.user.findMany({ ...page(a), where: { erasedAt: null } }), (ids) => peopleEntries(client, { userIds: ids }));
  await indexAll(client, (a) => client.workingGroup.findMany(page(a)), (ids) => groupEntries(client, { id: { in: ids } }));
  await indexAll(client, (a) => client.meeting.findMany(page(a)), (ids) => meetingEntries(client, { id: { in: ids } }));
  await indexAll(client, (a) => client.verbale.findMany(page(a)), (ids) => verbaleEntries(client, { id: { in: ids } }));
  await indexAll(client, (a) => client.decision.findMany(page(a)), (ids) => decisionEntries(client, { id: { in: ids } }));
  await indexAll(client, (a) => client.project.findMany(page(a)), (ids) => projectEntries(client, { id: { in: ids } }));
  await indexAll(client, (a) => client.rendicontazione.findMany(page(a)), (ids) => rendicontazioneEntries(client, { id: { in: ids } }));
  await indexAll(client, (a) => client.archiveDocument.findMany(page(a)), (ids) => documentEntries(client, { id: { in: ids } }));
  await removeAllStale(client);
  await client.searchEntry.deleteMany({ where: { kind: VERSION_KIND } });
  // The version marker has no text: it never matches a search.
  await client.searchEntry.create({ data: { kind: VERSION_KIND, recordId: `v${INDEX_VERSION}`, title: "", url: "", audience: "NONE" } });
}

/** Entries whose record is gone (or whose person was erased), kind by kind, and of kinds no longer indexed. */
async function removeAllStale(client: Db) {
  for (const [kind, records] of Object.entries(RECORD_IDS)) {
    const stale = await client.$queryRaw<{ id: number }[]>`
      SELECT e."id" FROM "SearchEntry" e WHERE e."kind" = ${kind} AND e."recordId" NOT IN (${records})`;
    await removeEntries(client, stale.map((row) => Number(row.id)));
  }
  const retired = await client.searchEntry.findMany({ where: { kind: { notIn: [...Object.keys(SEARCH_KINDS), VERSION_KIND] } }, select: { id: true } });
  await removeEntries(client, retired.map((row) => row.id));
}

/** True when the index was built by this version of Tavolo (or there is nothing to index). */
async function indexIsCurrent(client: Db) {
  const marker = await client.searchEntry.findFirst({ where: { kind: VERSION_KIND }, select: { recordId: true } });
  if (marker?.recordId === `v${INDEX_VERSION}`) return true;
  return !marker && (await client.organisation.count()) === 0 && (await client.searchEntry.count()) === 0;
}

/** At start-up: rebuilds the index when it is missing or was built by an older version. */
export async function ensureSearchIndex(client: Db = db) {
  if (await indexIsCurrent(client)) return false;
  await rebuildSearchIndex(client);
  return true;
}

// --- Searching --------------------------------------------------------------------------------

export interface Searcher {
  id: string;
  role: string;
  organisationId: string;
}

/**
 * Who may find what, as SQL on the entry `e`: the audiences above, checked in the query. A
 * verbale's "invitees" are its attendees, as verbali.server.ts attendeeWhere reads them: those
 * marked present, or those who accepted when attendance was never taken; being read at search
 * time, attendance needs no reindexing.
 */
function audienceFilter(searcher: Searcher) {
  if (searcher.role === "COORDINATOR") return sql`TRUE`;
  const leadReferent = searcher.role === "REFERENT" ? sql`OR e."leadOrganisationId" = ${searcher.organisationId}` : empty;
  return sql`(
    e."audience" = 'ALL'
    OR (e."audience" = 'GROUP' AND e."groupId" IN (SELECT m."groupId" FROM "WorkingGroupMember" m WHERE m."userId" = ${searcher.id}))
    OR (e."audience" = 'INVITEES' AND e."meetingId" IN (
      SELECT i."meetingId" FROM "Invitee" i WHERE i."userId" = ${searcher.id} AND (i."present" = TRUE OR (i."response" = 'ACCEPTED'
        AND NOT EXISTS (SELECT 1 FROM "Invitee" t WHERE t."meetingId" = i."meetingId" AND t."present" IS NOT NULL)))))
    OR (e."audience" = 'ORGANISATION' AND (e."organisationId" = ${searcher.organisationId} ${leadReferent}))
  )`;
}

/**
 * A very common word matches a large share of ten years of records; ranking and counting all of
 * them made the page's cost grow with the tavolo's age (docs/performance.md). The search ranks the
 * most recent MAX_CANDIDATES matches the searcher may see, walking the index newest first and
 * stopping there; past that the page says the word is too common and shows the best of those.
 */
export const MAX_CANDIDATES = 1_000;

/**
 * The matching entries the searcher may see (at most the MAX_CANDIDATES most recent), each with
 * its kind's total among them and its rank within the kind; only ranks offset+1..offset+limit of
 * each kind come back. Lower score is better on both databases: FTS5's bm25 (title weighing ten
 * times the body) and minus ts_rank (title A, body B), computed for the candidates only. On SQLite,
 * CROSS JOIN keeps the full-text match as the outer loop: left to itself the planner may walk the
 * entries of a kind and probe the FTS table once per entry, seconds on a large tavolo; FTS5 reads
 * its matches in descending rowid (entry id) order itself, so the LIMIT stops the walk.
 */
function matchesQuery(terms: string[], words: string[], searcher: Searcher, kind: SearchKind | null, offset: number, limit: number) {
  const kindFilter = kind ? sql`AND e."kind" = ${kind}` : empty;
  const hits = usesPostgres()
    ? sql`
      SELECT e."id", e."kind", -ts_rank(e."document", q.query, 1) AS "score"
      FROM (
        SELECT e."id" FROM "SearchEntry" e, (SELECT plainto_tsquery('italian', ${words.join(" ")}) AS query) q
        WHERE e."document" @@ q.query ${kindFilter} AND ${audienceFilter(searcher)}
        ORDER BY e."id" DESC LIMIT ${MAX_CANDIDATES}
      ) c
      JOIN "SearchEntry" e ON e."id" = c."id", (SELECT plainto_tsquery('italian', ${words.join(" ")}) AS query) q`
    : sql`
      SELECT e."id", e."kind", bm25("SearchIndex", 10.0, 1.0) AS "score"
      FROM "SearchIndex" CROSS JOIN "SearchEntry" e ON e."id" = "SearchIndex".rowid
      WHERE "SearchIndex" MATCH ${terms.map((term) => `"${term}"`).join(" AND ")} ${kindFilter} AND ${audienceFilter(searcher)}
      ORDER BY "SearchIndex".rowid DESC LIMIT ${MAX_CANDIDATES}`;
  return sql`
    WITH hits AS (${hits}),
    ranked AS (
      SELECT "id", "kind", ROW_NUMBER() OVER (PARTITION BY "kind" ORDER BY "score", "id") AS "n", COUNT(*) OVER (PARTITION BY "kind") AS "total",
        COUNT(*) OVER () AS "candidates"
      FROM hits
    )
    SELECT r."kind", r."n", r."total", r."candidates", e."recordId", e."title", e."body", e."url", e."date"
    FROM ranked r JOIN "SearchEntry" e ON e."id" = r."id"
    WHERE r."n" > ${offset} AND r."n" <= ${offset + limit}
    ORDER BY r."kind", r."n"`;
}

interface Row {
  kind: string;
  n: number | bigint;
  total: number | bigint;
  candidates: number | bigint;
  recordId: string;
  title: string;
  body: string;
  url: string;
  date: Date | string | number | null;
}

export interface SearchResult {
  recordId: string;
  url: string;
  title: Segment[];
  snippet: Segment[];
  date: Date | null;
}

export interface SearchGroup {
  kind: SearchKind;
  label: string;
  total: number;
  results: SearchResult[];
}

export const OVERVIEW_PER_KIND = 5;
export const PAGE_SIZE = 20;

export type SearchOutcome =
  | { status: "empty" | "tooLong" | "onlyStopWords" }
  | {
      status: "ok";
      words: string[];
      total: number;
      /** The word is so common that only the MAX_CANDIDATES most recent matches were ranked. */
      capped: boolean;
      groups: SearchGroup[];
      kind: SearchKind | null;
      page: number;
      pages: number;
    };

const asDate = (value: Row["date"]) => (value === null ? null : value instanceof Date ? value : new Date(value));

/**
 * Searches what `searcher` may see. Without a kind: the first results of every kind with each
 * kind's total; with a kind: that kind's results, one page at a time. Groups come in the order of
 * SEARCH_KINDS, results by relevance.
 */
export async function search(input: string, searcher: Searcher, options: { kind?: SearchKind | null; page?: number } = {}): Promise<SearchOutcome> {
  const parsed = parseQuery(input);
  if (parsed.status !== "ok") return { status: parsed.status };
  const kind = options.kind ?? null;
  let page = kind ? Math.max(1, Math.floor(options.page ?? 1)) : 1;
  const limit = kind ? PAGE_SIZE : OVERVIEW_PER_KIND;
  let rows = await db.$queryRaw<Row[]>(matchesQuery(parsed.terms, parsed.words, searcher, kind, (page - 1) * limit, limit));
  if (kind && page > 1 && rows.length === 0) {
    // A page past the end (an old link, a hand-typed number): the last page instead.
    const [first] = await db.$queryRaw<Row[]>(matchesQuery(parsed.terms, parsed.words, searcher, kind, 0, 1));
    if (first) {
      page = Math.ceil(Number(first.total) / PAGE_SIZE);
      rows = await db.$queryRaw<Row[]>(matchesQuery(parsed.terms, parsed.words, searcher, kind, (page - 1) * limit, limit));
    }
  }
  const groups = new Map<string, SearchGroup>();
  for (const row of rows) {
    if (!isSearchKind(row.kind)) continue;
    let group = groups.get(row.kind);
    if (!group) {
      group = { kind: row.kind, label: SEARCH_KINDS[row.kind], total: Number(row.total), results: [] };
      groups.set(row.kind, group);
    }
    group.results.push({ recordId: row.recordId, url: row.url, title: highlight(row.title, parsed.terms), snippet: snippet(row.body, parsed.terms), date: asDate(row.date) });
  }
  const ordered = (Object.keys(SEARCH_KINDS) as SearchKind[]).flatMap((k) => groups.get(k) ?? []);
  const total = ordered.reduce((sum, group) => sum + group.total, 0);
  const pages = kind ? Math.max(1, Math.ceil((ordered[0]?.total ?? 0) / PAGE_SIZE)) : 1;
  const capped = rows.some((row) => Number(row.candidates) >= MAX_CANDIDATES);
  return { status: "ok", words: parsed.words, total, capped, groups: ordered, kind, page, pages };
}
