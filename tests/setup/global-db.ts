import { mkdirSync } from "node:fs";
import { migrate, PG_TEMPLATE, postgresUrl, recreatePostgresDatabase, removeSqliteFiles, SQLITE_TEMPLATE, TMP } from "./databases";

/** Once per run: the template database(s), built by applying the committed migrations. */
export default async function setup() {
  mkdirSync(TMP, { recursive: true });
  removeSqliteFiles(SQLITE_TEMPLATE);
  const sqlite = migrate(`file:${SQLITE_TEMPLATE}`);
  if (process.env.TEST_DATABASE_URL) {
    await recreatePostgresDatabase(PG_TEMPLATE);
    await migrate(postgresUrl(PG_TEMPLATE));
  }
  await sqlite;
}
