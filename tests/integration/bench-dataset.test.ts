import { describe, expect, it } from "vitest";
import { BENCH_ACCOUNT, generateDataset, type DatasetCounts } from "../../bench/dataset";
import { createPrismaClient, db, type Db } from "~/db.server";
import { search } from "~/domain/search.server";
import { authenticate } from "~/domain/users.server";
import { PG_TEMPLATE, postgresUrl, recreatePostgresDatabase, removeSqliteFiles, sqliteWorkerCopy, withPostgresAdmin } from "../setup/databases";

// The benchmark's dataset (bench/dataset.ts, issue 7) at a tiny size: it stores what it reports,
// a second run on another fresh database stores the very same rows, the benchmark account signs in
// and search finds the word the benchmark looks for.

const COUNTS: DatasetCounts = {
  months: 12,
  organisations: 5,
  people: 20,
  workingGroups: 2,
  meetings: 6,
  decisions: 30,
  projects: 3,
  rendicontazioni: 12,
  announcements: 4,
  documents: 3,
};
const anchor = new Date("2026-03-01T00:00:00.000Z");

/** A model's row count through its client delegate ("RendicontazioneExpense" → rendicontazioneExpense). */
const countOf = (client: Db, model: string) => {
  const delegate = (client as unknown as Record<string, { count: () => Promise<number> }>)[model.charAt(0).toLowerCase() + model.slice(1)];
  if (!delegate) throw new Error(`No client delegate for ${model}`);
  return delegate.count();
};

/** What two runs must agree on: ids and the texts and states that vary most. */
async function fingerprint(client: Db) {
  return {
    organisations: await client.organisation.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, status: true, delegateId: true } }),
    users: await client.user.findMany({ orderBy: { id: "asc" }, select: { id: true, email: true, role: true, organisationId: true } }),
    meetings: await client.meeting.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true, startsAt: true, status: true } }),
    invitees: await client.invitee.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, response: true, present: true } }),
    verbali: await client.verbale.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, content: true, publishedAt: true } }),
    decisions: await client.decision.findMany({ orderBy: { id: "asc" }, select: { id: true, text: true, status: true, dueOn: true } }),
    rendicontazioni: await client.rendicontazione.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, narrative: true, submittedAt: true } }),
    versions: await client.rendicontazioneVersion.findMany({ orderBy: { id: "asc" }, select: { id: true, snapshot: true } }),
  };
}

/** Another database built from the test template, as fresh as this worker's own. */
async function withSecondDatabase(work: (client: Db) => Promise<void>) {
  const postgres = process.env.TEST_DB_PROVIDER === "postgresql";
  const name = `tavolo_test_bench_${process.pid}`;
  let url: string;
  if (postgres) {
    await recreatePostgresDatabase(name, { template: PG_TEMPLATE });
    url = postgresUrl(name);
  } else {
    url = sqliteWorkerCopy(`bench-${process.pid}`);
  }
  const client = await createPrismaClient(url);
  try {
    await work(client);
  } finally {
    await client.$disconnect();
    if (postgres) await withPostgresAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    else removeSqliteFiles(url.replace(/^file:/, ""));
  }
}

describe("benchmark dataset", () => {
  it("stores the counts it was asked for and reports every table's rows; the benchmark account signs in and search finds «famiglie»", async () => {
    const summary = await generateDataset(db, { counts: COUNTS, anchor });

    expect(summary.anchor).toBe("2026-03-01");
    expect(summary.rows).toMatchObject({
      Organisation: 5,
      User: 20,
      WorkingGroup: 2,
      Meeting: 6,
      Decision: 30,
      Project: 3,
      Rendicontazione: 12,
      Announcement: 4,
      ArchiveDocument: 3,
    });
    for (const [model, rows] of Object.entries(summary.rows)) {
      if (model === "SearchEntry") continue;
      expect(await countOf(db, model), model).toBe(rows);
    }
    expect(await db.searchEntry.count({ where: { kind: { not: "INDEX" } } })).toBe(summary.rows.SearchEntry);
    // Every part the pages show is there: verbali, invitees, follow-ups, rendicontazioni in several states.
    for (const model of ["Verbale", "Invitee", "AgendaItem", "DecisionUpdate", "ReportingPeriod", "RendicontazioneExpense", "StoredFile", "AuditEvent"]) {
      expect(summary.rows[model], model).toBeGreaterThan(0);
    }
    expect(new Set((await db.rendicontazione.findMany({ select: { status: true } })).map((r) => r.status)).size).toBeGreaterThan(1);
    expect(summary.samples.meetingWithVerbale).not.toBeNull();

    const coordinator = await authenticate({ email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password, ip: "127.0.0.1" });
    expect(coordinator).toMatchObject({ role: "COORDINATOR" });

    const outcome = await search("famiglie", { id: coordinator.id, role: coordinator.role, organisationId: coordinator.organisationId });
    if (outcome.status !== "ok") throw new Error(`search answered ${outcome.status}`);
    expect(outcome.total).toBeGreaterThan(0);
    expect(outcome.groups.map((g) => g.kind)).toEqual(expect.arrayContaining(["VERBALE", "DECISION"]));
  }, 60_000);

  it("stores the same rows, ids and texts included, when run again on another fresh database", async () => {
    const first = await generateDataset(db, { counts: COUNTS, anchor });
    await withSecondDatabase(async (client) => {
      const second = await generateDataset(client, { counts: COUNTS, anchor });
      expect(second.rows).toEqual(first.rows);
      expect(second.samples).toEqual(first.samples);
      expect(await fingerprint(client)).toEqual(await fingerprint(db));
    });
  }, 60_000);
});
