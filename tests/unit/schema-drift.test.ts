// The two providers must not drift apart, and the migrations must build exactly the schema:
// - prisma/postgresql/schema.prisma is the generated twin of prisma/schema.prisma;
// - prisma/last-migration.prisma equals prisma/schema.prisma (no change left without a migration);
// - both migration folders hold the same migrations;
// - the database the migrations build equals the one `prisma db push` builds from the schema,
//   on SQLite and (when TEST_DATABASE_URL is set) on PostgreSQL. (`prisma db push` does not work
//   through the driver adapters here, so the reference is the schema engine's SQL for the schema.)
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate, postgresUrl, recreatePostgresDatabase, removeSqliteFiles, ROOT, TMP } from "../setup/databases";

// The full-text index is the one thing the migrations build beyond the Prisma schema (decision 028):
// an FTS5 table with its shadow tables on SQLite, a generated tsvector column and its GIN index on
// PostgreSQL. They are compared apart: they must exist where the migrations ran.
const isSqliteFullText = (table: string) => table === "SearchIndex" || table.startsWith("SearchIndex_");
const isPostgresFullText = (row: { column_name?: string; indexname?: string }) =>
  row.column_name === "document" || row.indexname === "SearchEntry_document_idx";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const migrationNames = (dir: string) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** The whole schema as SQL, rendered by Prisma's schema engine (no database involved). */
function schemaAsSql(schemaPath: string) {
  return execFileSync("npx", ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", schemaPath, "--script"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function describeSqlite(file: string) {
  const database = new Database(file, { readonly: true });
  try {
    const tables = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name")
      .all() as { name: string }[];
    return tables.filter(({ name }) => !isSqliteFullText(name)).map(({ name }) => ({
      name,
      columns: database.prepare(`PRAGMA table_info("${name}")`).all(),
      // `seq` is only the order the indexes were created in: a migration that replaces one makes it the newest.
      indexes: (database.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number; seq: number }[])
        .map(({ seq: _seq, ...index }) => ({ ...index, columns: database.prepare(`PRAGMA index_info("${index.name}")`).all() }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: database.prepare(`PRAGMA foreign_key_list("${name}")`).all(),
    }));
  } finally {
    database.close();
  }
}

async function describePostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace ORDER BY conname`,
    );
    const fullText = [...columns.rows, ...indexes.rows].filter(isPostgresFullText).length;
    return { fullText, columns: columns.rows.filter((row) => !isPostgresFullText(row)), indexes: indexes.rows.filter((row) => !isPostgresFullText(row)), constraints: constraints.rows.filter((c) => c.table !== "_prisma_migrations") };
  } finally {
    await client.end();
  }
}

describe("database schemas", () => {
  it("keeps the PostgreSQL schema the generated twin of the SQLite one", () => {
    expect(() => execFileSync("node", ["scripts/sync-schemas.mjs", "--check"], { cwd: ROOT, stdio: "pipe" })).not.toThrow();
  });

  it("has a migration for every change to the schema", () => {
    expect(read("prisma/last-migration.prisma"), "schema.prisma changed without a migration: run `npm run db:migration -- <name>`").toBe(
      read("prisma/schema.prisma"),
    );
  });

  it("has the same migrations for both providers", () => {
    expect(migrationNames("prisma/postgresql/migrations")).toEqual(migrationNames("prisma/migrations"));
  });

  it("builds the same SQLite database from the migrations as from the schema", async () => {
    const fromMigrations = join(TMP, "drift-migrations.db");
    const fromSchema = join(TMP, "drift-schema.db");
    for (const file of [fromMigrations, fromSchema]) removeSqliteFiles(file);
    await migrate(`file:${fromMigrations}`);
    const reference = new Database(fromSchema);
    reference.exec(schemaAsSql("prisma/schema.prisma"));
    reference.close();
    expect(describeSqlite(fromMigrations)).toEqual(describeSqlite(fromSchema));
    const migrated = new Database(fromMigrations, { readonly: true });
    const fullText = migrated.prepare("SELECT sql FROM sqlite_master WHERE name = 'SearchIndex'").get() as { sql: string } | undefined;
    migrated.close();
    expect(fullText?.sql).toContain("fts5");
  }, 60_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)("builds the same PostgreSQL database from the migrations as from the schema", async () => {
    await recreatePostgresDatabase("tavolo_drift_migrations");
    await recreatePostgresDatabase("tavolo_drift_schema");
    await migrate(postgresUrl("tavolo_drift_migrations"));
    const reference = new pg.Client({ connectionString: postgresUrl("tavolo_drift_schema") });
    await reference.connect();
    await reference.query(schemaAsSql("prisma/postgresql/schema.prisma"));
    await reference.end();
    const migrated = await describePostgres(postgresUrl("tavolo_drift_migrations"));
    expect(migrated.fullText, "the tsvector column and its GIN index").toBe(2);
    expect({ ...migrated, fullText: 0 }).toEqual(await describePostgres(postgresUrl("tavolo_drift_schema")));
  }, 60_000);
});
