// Runs before each integration test file: points DATABASE_URL at this worker's own database
// (before any app module reads it) and empties every table before each test.
import { afterAll, beforeEach } from "vitest";
import { PG_TEMPLATE, postgresUrl, recreatePostgresDatabase, removeSqliteFiles, sqliteWorkerCopy, withPostgresAdmin } from "./databases";

const provider = process.env.TEST_DB_PROVIDER;
const worker = `${provider}-${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}`;

const postgresName = `tavolo_test_${worker.replace(/\W/g, "_")}`;
if (provider === "postgresql") {
  await recreatePostgresDatabase(postgresName, { template: PG_TEMPLATE });
  process.env.DATABASE_URL = postgresUrl(postgresName);
} else {
  process.env.DATABASE_URL = sqliteWorkerCopy(worker);
}
const databaseUrl = process.env.DATABASE_URL;

const { db } = await import("~/db.server");

export async function resetDatabase() {
  if (provider === "postgresql") {
    const tables = await db.$queryRawUnsafe<{ tablename: string }[]>(
      "SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'",
    );
    await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`);
  } else {
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
    );

    await db.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
    for (const { name } of tables) {
      // The FTS5 table is emptied through itself, never through its shadow tables (SearchIndex_data...).
      if (name.startsWith("SearchIndex_")) continue;
      await db.$executeRawUnsafe(`DELETE FROM "${name}"`);
    }
    await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
}

beforeEach(resetDatabase);
afterAll(async () => {
  await db.$disconnect();
  if (provider === "postgresql") {
    await withPostgresAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${postgresName}" WITH (FORCE)`));
  } else {
    removeSqliteFiles(databaseUrl.replace(/^file:/, ""));
  }
});
