import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { z } from "zod";

// What `npm run backup` writes and `npm run restore` reads: one .tar.gz holding manifest.json, the
// database (SQLite file or pg_dump archive) and the uploaded files under uploads/<storageKey>.
// See docs/decisions/031-backups.md.

export const ARCHIVE_FORMAT = "tavolo-backup";
export const ARCHIVE_VERSION = 1;
export const MANIFEST_ENTRY = "manifest.json";
export const DATABASE_ENTRY = { sqlite: "database/tavolo.db", postgresql: "database/tavolo.pgdump" } as const;
export const UPLOADS_ENTRY = "uploads";

/** A dated archive name; sorting the names sorts the archives by age (retention relies on it). */
export const ARCHIVE_NAME = /^tavolo-\d{4}-\d{2}-\d{2}T\d{6}Z(-\d+)?\.tar\.gz$/;
export const archiveName = (date: Date, suffix = 0) =>
  `tavolo-${date.toISOString().slice(0, 19).replace(/:/g, "")}Z${suffix ? `-${suffix}` : ""}.tar.gz`;

/**
 * A problem the operator can fix, told in Italian. Exit code 2 for bad input (arguments, a refused
 * target, a damaged archive), 1 for everything else.
 */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

export type Provider = "sqlite" | "postgresql";
export const providerOf = (url: string): Provider => (/^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite");
export const providerLabel = (provider: Provider) => (provider === "sqlite" ? "SQLite" : "PostgreSQL");

// Storage keys are made by the app (`yyyy-mm/<uuid>`); anything else in an archive is refused, so a
// manifest can never name a path outside the upload folder.
const storageKey = z
  .string()
  .regex(/^[\w.-]+(\/[\w.-]+)*$/)
  .refine((key) => !key.split("/").some((part) => part === "." || part === ".."));
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  createdAt: z.iso.datetime(),
  tavoloVersion: z.string(),
  provider: z.enum(["sqlite", "postgresql"]),
  database: z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256 }),
  /** Applied migrations (_prisma_migrations), by name. */
  migrations: z.array(z.string()),
  /** Rows per table in the snapshot. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  files: z.array(z.object({ storedFileId: z.string(), storageKey, size: z.number().int().nonnegative(), sha256 })),
  /** StoredFile rows whose bytes were not on disk when the backup ran (the app answers 410 for them). */
  missingFiles: z.array(z.object({ storedFileId: z.string(), storageKey })),
});
export type Manifest = z.infer<typeof manifestSchema>;

export interface StoredFileRow {
  id: string;
  storageKey: string;
  size: number;
  sha256: string;
}

/** What a snapshot of the database says: read from the same snapshot as the copy itself. */
export interface SnapshotInfo {
  migrations: string[];
  tables: Record<string, number>;
  storedFiles: StoredFileRow[];
}

export const tavoloVersion = () =>
  (JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as { version: string }).version;

/** The migrations this version of Tavolo knows, for the provider (the folders prisma migrate deploy applies). */
export function knownMigrations(provider: Provider): string[] {
  const folder = join(import.meta.dirname, "../../prisma", provider === "sqlite" ? "migrations" : "postgresql/migrations");
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => existsSync(join(folder, name, "migration.sql")))
    .sort();
}

// --- SQLite -------------------------------------------------------------------------------------

/** The file a `file:` URL names, as the app's SQLite adapter opens it (relative to the working folder). */
export const sqliteFile = (url: string) => resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));

const MIGRATIONS_SQL = `SELECT "migration_name" AS name FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name"`;
const STORED_FILES_SQL = `SELECT "id", "storageKey", "size", "sha256" FROM "StoredFile" ORDER BY "id"`;

export function readSqliteSnapshot(file: string): SnapshotInfo {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // Shadow tables of the FTS5 index (SearchIndex_data...) are the index's own storage: counted
    // through the virtual table, like the app reads them.
    const names = database
      .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const tables = Object.fromEntries(names.map((name) => [name, Number(database.prepare(`SELECT COUNT(*) FROM "${name}"`).pluck().get())]));
    return {
      migrations: names.includes("_prisma_migrations") ? (database.prepare(MIGRATIONS_SQL).pluck().all() as string[]) : [],
      tables,
      storedFiles: names.includes("StoredFile") ? (database.prepare(STORED_FILES_SQL).all() as StoredFileRow[]) : [],
    };
  } finally {
    database.close();
  }
}

// --- PostgreSQL ---------------------------------------------------------------------------------

// Query parameters Prisma understands and libpq (pg_dump, pg_restore) refuses.
const PRISMA_ONLY_PARAMETERS = [
  "schema",
  "connection_limit",
  "pool_timeout",
  "socket_timeout",
  "pgbouncer",
  "statement_cache_size",
  "sslaccept",
  "sslidentity",
  "max_connection_lifetime",
  "max_idle_connection_lifetime",
];

export interface PostgresTarget {
  database: string;
  /** For the `pg` client (password included; never printed). */
  clientUrl: string;
  /** For pg_dump/pg_restore: no password, which goes in PGPASSWORD so `ps` never shows it. */
  libpqUrl: string;
  env: NodeJS.ProcessEnv;
  /** Prisma's ?schema=, when it is not the default. */
  schema?: string;
  /** The same server's maintenance database, to create a missing target. */
  maintenanceUrl: string;
}

export function postgresTarget(url: string): PostgresTarget {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  for (const name of PRISMA_ONLY_PARAMETERS) parsed.searchParams.delete(name);
  const clientUrl = parsed.toString();
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  const libpqUrl = parsed.toString();
  const maintenance = new URL(clientUrl);
  maintenance.pathname = "/postgres";
  return {
    database: decodeURIComponent(parsed.pathname.slice(1)),
    clientUrl,
    libpqUrl,
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    schema: schema && schema !== "public" ? schema : undefined,
    maintenanceUrl: maintenance.toString(),
  };
}

export async function connectPostgres(target: PostgresTarget) {
  const client = new pg.Client({
    connectionString: target.clientUrl,
    ...(target.schema ? { options: `-c search_path="${target.schema.replace(/"/g, '""')}"` } : {}),
  });
  await client.connect();
  return client;
}

export async function readPostgresSnapshot(client: pg.Client): Promise<SnapshotInfo> {
  const names = (await client.query<{ name: string }>("SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")).rows.map(
    (row) => row.name,
  );
  const tables: Record<string, number> = {};
  for (const name of names) {
    const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*)::text AS n FROM "${name.replace(/"/g, '""')}"`);
    tables[name] = Number(rows[0]?.n ?? 0);
  }
  const migrations = names.includes("_prisma_migrations") ? (await client.query<{ name: string }>(MIGRATIONS_SQL)).rows.map((row) => row.name) : [];
  const storedFiles = names.includes("StoredFile") ? (await client.query<StoredFileRow>(STORED_FILES_SQL)).rows : [];
  return { migrations, tables, storedFiles };
}

/**
 * pg_dump and pg_restore must be installed, and not older than the server (pg_dump refuses a newer
 * server). Checked first, so the message says what to install instead of a failure halfway. Without
 * a client (the target database does not exist yet) only its presence is checked.
 */
export async function requirePostgresTool(tool: "pg_dump" | "pg_restore", client: pg.Client | null) {
  let output: string;
  try {
    output = await run(tool, ["--version"]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new BackupError(
        `Manca il programma ${tool}, che serve per il backup e il ripristino di PostgreSQL. Installa il client di PostgreSQL ` +
          `della stessa versione del server o più recente (su Debian e Ubuntu: apt-get install postgresql-client) e riprova.`,
        1,
      );
    }
    throw error;
  }
  if (!client) return;
  const toolMajor = Number(/(\d+)(?:\.\d+)?/.exec(output)?.[1] ?? 0);
  const serverMajor = Math.floor(Number((await client.query<{ v: string }>("SHOW server_version_num")).rows[0]?.v ?? 0) / 10000);
  if (toolMajor < serverMajor) {
    throw new BackupError(
      `${tool} è della versione ${toolMajor}, il server PostgreSQL della ${serverMajor}: installa il client di PostgreSQL ${serverMajor} o più recente (su Debian e Ubuntu: apt-get install postgresql-client-${serverMajor}).`,
      1,
    );
  }
}

// --- Small helpers ------------------------------------------------------------------------------

/** Runs a program without a shell; resolves with its output, rejects with its error output. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolvePromise(stdout);
      else reject(new BackupError(`${command} non è riuscito (${signal ?? `uscita ${code}`}):\n${stderr.trim()}`, 1));
    });
  });
}

export function fileSha256(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolvePromise(hash.digest("hex")));
  });
}

/** Every regular file under `root`, as paths relative to it with "/"; anything else (links) listed apart. */
export async function walkFiles(root: string): Promise<{ files: string[]; others: string[] }> {
  const files: string[] = [];
  const others: string[] = [];
  const visit = async (folder: string, prefix: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await visit(join(folder, entry.name), relative);
      else if (entry.isFile()) files.push(relative);
      else others.push(relative);
    }
  };
  if (existsSync(root)) await visit(root, "");
  return { files, others };
}

export function formatBytes(bytes: number) {
  const format = (value: number) => value.toLocaleString("it-IT", { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} kB`;
  if (bytes < 1024 ** 3) return `${format(bytes / 1024 ** 2)} MB`;
  return `${format(bytes / 1024 ** 3)} GB`;
}

/** "1 migrazione", "6 migrazioni": a number with its noun. */
export const counted = (n: number, one: string, many: string) => `${n.toLocaleString("it-IT")} ${n === 1 ? one : many}`;

export const sumRows = (tables: Record<string, number>) => Object.values(tables).reduce((total, n) => total + n, 0);
