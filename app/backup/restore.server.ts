import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { copyFile, cp, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import * as tar from "tar";
import {
  BackupError,
  connectPostgres,
  counted,
  DATABASE_ENTRY,
  fileSha256,
  knownMigrations,
  MANIFEST_ENTRY,
  type Manifest,
  manifestSchema,
  postgresTarget,
  type PostgresTarget,
  providerLabel,
  providerOf,
  readPostgresSnapshot,
  readSqliteSnapshot,
  requirePostgresTool,
  run,
  sqliteFile,
  UPLOADS_ENTRY,
  walkFiles,
} from "./archive.server";

// `npm run restore -- <archive>`: checks the whole archive before touching anything, refuses a
// target that already holds data unless --force, unpacks into temporary places and swaps them in.
// See docs/decisions/031-backups.md.

export interface RestoreOptions {
  archive: string;
  databaseUrl: string;
  uploadDir: string;
  force?: boolean;
  /** Told each step as it starts, for the command's output. */
  onStep?: (message: string) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  /** Migrations this version of Tavolo applied after the restore (the archive was older). */
  appliedMigrations: string[];
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const step = options.onStep ?? (() => {});
  const archive = resolve(options.archive);
  if (!existsSync(archive) || !(await stat(archive)).isFile()) throw new BackupError(`L'archivio ${archive} non esiste.`);
  const provider = providerOf(options.databaseUrl);
  const uploadRoot = resolve(options.uploadDir);

  // 1. The targets: refused before reading the archive if they hold data and --force was not given.
  const targetState = provider === "sqlite" ? sqliteTargetState(sqliteFile(options.databaseUrl)) : await postgresTargetState(options.databaseUrl);
  if (!options.force) {
    if (targetState.holdsData) {
      throw new BackupError(`Il database di destinazione (${targetState.label}) contiene già dei dati: non lo sovrascrivo. Indica un database nuovo, oppure aggiungi --force per sostituirlo.`);
    }
    if ((await walkFiles(uploadRoot)).files.length > 0) {
      throw new BackupError(`La cartella dei file ${uploadRoot} non è vuota: non la sovrascrivo. Indica una cartella nuova con --upload-dir, oppure aggiungi --force per sostituirla.`);
    }
  }

  // 2. The archive, unpacked next to the upload folder (same file system, so it can be renamed into
  //    place) and checked file by file against its manifest.
  const staging = join(dirname(uploadRoot), `.${basename(uploadRoot)}.ripristino-${randomBytes(6).toString("hex")}`);
  try {
    step(`Verifico l'archivio ${archive}…`);
    const manifest = await unpackAndVerify(archive, staging);
    if (manifest.provider !== provider) {
      throw new BackupError(
        `L'archivio contiene un database ${providerLabel(manifest.provider)}, la destinazione è ${providerLabel(provider)}: ` +
          `ripristina su un database ${providerLabel(manifest.provider)} (DATABASE_URL o --database-url).`,
      );
    }
    const known = knownMigrations(provider);
    const unknown = manifest.migrations.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new BackupError(
        `L'archivio viene da una versione di Tavolo più recente di questa (migrazioni sconosciute: ${unknown.join(", ")}): aggiorna Tavolo e riprova.`,
      );
    }

    // 3. The database, then the files: each prepared aside and swapped in at the end.
    const stagedDatabase = join(staging, DATABASE_ENTRY[provider]);
    if (provider === "sqlite") {
      step("Ripristino il database SQLite…");
      await restoreSqlite(stagedDatabase, sqliteFile(options.databaseUrl), manifest);
    } else {
      step("Ripristino il database PostgreSQL (pg_restore in un'unica transazione)…");
      await restorePostgres(stagedDatabase, options.databaseUrl, targetState.exists, manifest);
    }
    step(`Ripristino i file caricati in ${uploadRoot}…`);
    await swapInUploads(join(staging, UPLOADS_ENTRY), uploadRoot);

    // 4. An older archive is brought up to this version's schema, as `npm start` would.
    const missing = known.filter((name) => !manifest.migrations.includes(name));
    if (missing.length > 0) {
      step(`L'archivio è di una versione precedente: applico ${counted(missing.length, "migrazione", "migrazioni")} (prisma migrate deploy)…`);
      await migrateDeploy(options.databaseUrl);
    }
    return { manifest, appliedMigrations: missing };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function unpackAndVerify(archive: string, staging: string): Promise<Manifest> {
  await mkdir(staging, { recursive: true });
  const refused: string[] = [];
  try {
    // strict: a damaged gzip stream or tar header is an error, not a warning. Only plain files and
    // folders are unpacked; node-tar itself never writes outside `cwd` (no absolute paths, no "..").
    await tar.x({
      file: archive,
      cwd: staging,
      strict: true,
      filter: (path, entry) => {
        const type = "type" in entry ? entry.type : entry.isDirectory() ? "Directory" : "File";
        if (type === "File" || type === "OldFile" || type === "Directory") return true;
        refused.push(path);
        return false;
      },
    });
  } catch (error) {
    throw new BackupError(`L'archivio ${archive} è danneggiato o non è un archivio di Tavolo (${(error as Error).message}). Non ho toccato nulla.`);
  }
  const damaged = (detail: string) => new BackupError(`L'archivio ${archive} non è integro: ${detail}. Non ho toccato nulla.`);
  if (refused.length > 0) throw damaged(`contiene elementi che non sono file (${refused.slice(0, 3).join(", ")})`);

  const manifestPath = join(staging, MANIFEST_ENTRY);
  if (!existsSync(manifestPath)) throw damaged("manca manifest.json");
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestPath, "utf8")));
  } catch {
    throw damaged("manifest.json non è leggibile o non è di un formato che questa versione conosce");
  }
  if (manifest.database.path !== DATABASE_ENTRY[manifest.provider]) throw damaged("il manifest indica un file di database inatteso");

  const expected = new Map<string, { size: number; sha256: string }>([
    [manifest.database.path, manifest.database],
    ...manifest.files.map((file) => [`${UPLOADS_ENTRY}/${file.storageKey}`, file] as const),
  ]);
  const { files, others } = await walkFiles(staging);
  const extra = [...files, ...others].filter((path) => path !== MANIFEST_ENTRY && !expected.has(path));
  if (extra.length > 0) throw damaged(`contiene file non elencati nel manifest (${extra.slice(0, 3).join(", ")})`);
  for (const [path, { size, sha256 }] of expected) {
    const full = join(staging, path);
    if (!existsSync(full)) throw damaged(`manca ${path}`);
    if ((await stat(full)).size !== size || (await fileSha256(full)) !== sha256) throw damaged(`${path} non corrisponde all'impronta SHA-256 del manifest`);
  }
  return manifest;
}

// --- Targets ------------------------------------------------------------------------------------

interface TargetState {
  exists: boolean;
  holdsData: boolean;
  label: string;
}

function sqliteTargetState(file: string): TargetState {
  const exists = existsSync(file);
  return { exists, holdsData: exists && statSync(file).size > 0, label: file };
}

async function postgresTargetState(url: string): Promise<TargetState> {
  const target = postgresTarget(url);
  const label = `PostgreSQL ${target.libpqUrl}`;
  let client: pg.Client;
  try {
    client = await connectPostgres(target);
  } catch (error) {
    if ((error as { code?: string }).code === "3D000") {
      await requirePostgresTool("pg_restore", null);
      return { exists: false, holdsData: false, label };
    }
    throw new BackupError(`Non riesco a collegarmi al database PostgreSQL ${target.libpqUrl}: ${(error as Error).message}`, 1);
  }
  try {
    await requirePostgresTool("pg_restore", client);
    const { rows } = await client.query<{ n: string }>(
      "SELECT COUNT(*)::text AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    );
    return { exists: true, holdsData: Number(rows[0]?.n ?? 0) > 0, label };
  } finally {
    await client.end();
  }
}

// --- Database -----------------------------------------------------------------------------------

/** Counts read back from the restored database must be the manifest's: the copy is what was saved. */
function checkCounts(restored: Record<string, number>, manifest: Manifest) {
  const differing = Object.entries(manifest.tables).filter(([table, count]) => restored[table] !== count);
  if (differing.length > 0) {
    const detail = differing
      .slice(0, 5)
      .map(([table, count]) => `${table}: ${restored[table] ?? "assente"} invece di ${count}`)
      .join(", ");
    throw new BackupError(`Il database ripristinato non corrisponde al manifest (${detail}).`, 1);
  }
}

/**
 * The archived file is copied next to the target, checked there (integrity and row counts), and
 * renamed over it: the target is either the old database or the restored one, never half of each.
 * An old target's write-ahead log is checkpointed first: a stale -wal beside the new file would be
 * replayed into it.
 */
async function restoreSqlite(staged: string, target: string, manifest: Manifest) {
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.ripristino-${randomBytes(4).toString("hex")}`;
  try {
    await copyFile(staged, temporary);
    const check = new Database(temporary, { fileMustExist: true });
    try {
      const result = check.pragma("integrity_check", { simple: true });
      if (result !== "ok") throw new BackupError(`Il database nell'archivio non supera il controllo di integrità di SQLite (${String(result)}).`);
    } finally {
      check.close();
    }
    checkCounts(readSqliteSnapshot(temporary).tables, manifest);
    if (existsSync(target)) {
      const old = new Database(target, { fileMustExist: true });
      try {
        old.pragma("busy_timeout = 5000");
        old.pragma("wal_checkpoint(TRUNCATE)");
      } finally {
        old.close();
      }
      // Closing the last connection removes -wal and -shm; if they are still there, another
      // process (a running Tavolo) has the database open.
      if (existsSync(`${target}-wal`) || existsSync(`${target}-shm`)) {
        throw new BackupError(`Il database ${target} è in uso da un altro processo: ferma Tavolo e riprova.`);
      }
    }
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * pg_restore in one transaction: either the whole archive is in the target database or nothing
 * changed. --clean --if-exists drops what the archive is about to create (for --force over an old
 * database); --no-owner and --no-privileges let another server with other roles take it.
 */
async function restorePostgres(staged: string, url: string, exists: boolean, manifest: Manifest) {
  const target = postgresTarget(url);
  if (!exists) await createDatabase(target);
  await run(
    "pg_restore",
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      "--no-password",
      `--dbname=${target.libpqUrl}`,
      staged,
    ],
    target.env,
  );
  const client = await connectPostgres(target);
  try {
    checkCounts((await readPostgresSnapshot(client)).tables, manifest);
  } finally {
    await client.end();
  }
}

async function createDatabase(target: PostgresTarget) {
  const client = new pg.Client({ connectionString: target.maintenanceUrl });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE "${target.database.replace(/"/g, '""')}"`);
  } catch (error) {
    throw new BackupError(`Il database ${target.database} non esiste e non riesco a crearlo (${(error as Error).message}): crealo (createdb ${target.database}) e riprova.`, 1);
  } finally {
    await client.end().catch(() => {});
  }
}

// --- Files --------------------------------------------------------------------------------------

/**
 * The staged folder becomes the upload folder by renaming; the old folder (empty, or replaced under
 * --force) is moved aside first and deleted after. If the upload folder is a mount point it cannot be
 * renamed: its content is replaced in place instead.
 */
async function swapInUploads(staged: string, uploadRoot: string) {
  await mkdir(staged, { recursive: true });
  if (!existsSync(uploadRoot)) {
    await mkdir(dirname(uploadRoot), { recursive: true });
    await rename(staged, uploadRoot);
    return;
  }
  const aside = `${uploadRoot}.prima-del-ripristino-${randomBytes(4).toString("hex")}`;
  try {
    await rename(uploadRoot, aside);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EBUSY" && code !== "EXDEV" && code !== "EPERM") throw error;
    for (const entry of await readdir(uploadRoot)) await rm(join(uploadRoot, entry), { recursive: true, force: true });
    await cp(staged, uploadRoot, { recursive: true });
    return;
  }
  await rename(staged, uploadRoot);
  await rm(aside, { recursive: true, force: true });
}

// --- Migrations ---------------------------------------------------------------------------------

function migrateDeploy(databaseUrl: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("npx", ["prisma", "migrate", "deploy"], {
      cwd: join(import.meta.dirname, "../.."),
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: "inherit",
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolvePromise()
        : reject(new BackupError(`Il ripristino è fatto, ma prisma migrate deploy non è riuscito (uscita ${code}): eseguilo a mano prima di avviare Tavolo.`, 1)),
    );
  });
}
