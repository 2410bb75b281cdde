import { mkdirSync, rmSync } from "node:fs";
import { migrate, PG_TEMPLATE, postgresUrl, recreatePostgresDatabase, SQLITE_TEMPLATE, TMP } from "./databases";

/** Once per run: the template database(s), built by applying the committed migrations. */
export default async function setup({ provide }: { provide?: unknown } = {}) {
  void provide;
  mkdirSync(TMP, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(SQLITE_TEMPLATE + suffix, { force: true });
  migrate(`file:${SQLITE_TEMPLATE}`);
  if (process.env.TEST_DATABASE_URL) {
    await recreatePostgresDatabase(PG_TEMPLATE);
    migrate(postgresUrl(PG_TEMPLATE));
  }
}
