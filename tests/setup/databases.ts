// Test databases: one template built from the migrations, then a cheap copy per worker.
// SQLite: the template file is copied. PostgreSQL: CREATE DATABASE ... TEMPLATE.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

export const ROOT = join(import.meta.dirname, "../..");
export const TMP = join(ROOT, "tests/.tmp");
export const SQLITE_TEMPLATE = join(TMP, "template.db");
export const PG_TEMPLATE = "tavolo_test_template";

export function migrate(databaseUrl: string) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
}

/** The same server as TEST_DATABASE_URL, another database on it. */
export function postgresUrl(database: string) {
  const url = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withPostgresAdmin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function recreatePostgresDatabase(name: string, template?: string) {
  await withPostgresAdmin(async (client) => {
    // Connections left by a crashed run would block DROP.
    await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  });
}

export function sqliteWorkerCopy(worker: string) {
  mkdirSync(TMP, { recursive: true });
  const file = join(TMP, `worker-${worker}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  copyFileSync(SQLITE_TEMPLATE, file);
  return `file:${file}`;
}
