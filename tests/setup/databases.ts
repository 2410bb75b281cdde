// Test databases, shared by vitest and Playwright: built from the committed migrations.
// vitest builds one template and copies it per worker (SQLite: the file; PostgreSQL:
// CREATE DATABASE ... TEMPLATE).
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

export const ROOT = join(import.meta.dirname, "../..");
// TEST_RUN_ID (letters, digits, _) gives a vitest run its own templates, so two runs in one checkout
// (two developers' terminals, an editor's watcher) never rebuild each other's.
const RUN_ID = /^\w+$/.test(process.env.TEST_RUN_ID ?? "") ? process.env.TEST_RUN_ID : "";
export const TMP = join(ROOT, "tests/.tmp");
export const SQLITE_TEMPLATE = join(TMP, RUN_ID ? `template-${RUN_ID}.db` : "template.db");
export const PG_TEMPLATE = RUN_ID ? `tavolo_test_template_${RUN_ID}` : "tavolo_test_template";

const MIGRATED = /All migrations have been successfully applied|No pending migrations to apply/;

/**
 * `prisma migrate deploy` against `databaseUrl`. On PostgreSQL the CLI lingers ~10 s after it has
 * printed its result (with nothing left to do), so once it has said the migrations are applied
 * and is still running a second later, it is stopped.
 */
export function migrate(databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its own process group, so stopping it stops npx's child (Prisma) too.
    const child = spawn("npx", ["prisma", "migrate", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    let done = false;
    let grace: NodeJS.Timeout | undefined;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!grace && MIGRATED.test(output)) {
        grace = setTimeout(() => {
          done = true;
          if (child.pid) process.kill(-child.pid, "SIGTERM");
        }, 1_000);
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(grace);
      if (done || code === 0) resolve();
      else reject(new Error(`prisma migrate deploy failed (${code}) for ${databaseUrl}:\n${output}`));
    });
  });
}

/** Another database on the same server as `serverUrl` (default TEST_DATABASE_URL). */
export function postgresUrl(database: string, serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres") {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withPostgresAdmin<T>(work: (client: pg.Client) => Promise<T>, serverUrl = process.env.TEST_DATABASE_URL) {
  const client = new pg.Client({ connectionString: postgresUrl("postgres", serverUrl) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function recreatePostgresDatabase(name: string, options: { template?: string; serverUrl?: string } = {}) {
  if (!/^\w+$/.test(name) || ["postgres", "template0", "template1"].includes(name)) {
    throw new Error(`"${name}" is not a database tests may drop and create`);
  }
  await withPostgresAdmin(async (client) => {
    // A template must have no other connection while it is copied.
    if (options.template) {
      await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [options.template]);
    }
    // WITH (FORCE) ends connections a crashed run may have left.
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"${options.template ? ` TEMPLATE "${options.template}"` : ""}`);
  }, options.serverUrl);
}

export function removeSqliteFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}

export function sqliteWorkerCopy(worker: string) {
  mkdirSync(TMP, { recursive: true });
  const file = join(TMP, `worker-${worker}.db`);
  removeSqliteFiles(file);
  copyFileSync(SQLITE_TEMPLATE, file);
  return `file:${file}`;
}
