import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, link, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import * as tar from "tar";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_NAME,
  ARCHIVE_VERSION,
  archiveName,
  BackupError,
  connectPostgres,
  DATABASE_ENTRY,
  fileSha256,
  MANIFEST_ENTRY,
  type Manifest,
  postgresTarget,
  providerOf,
  readPostgresSnapshot,
  readSqliteSnapshot,
  requirePostgresTool,
  run,
  type SnapshotInfo,
  sqliteFile,
  type StoredFileRow,
  tavoloVersion,
  UPLOADS_ENTRY,
} from "./archive.server";

// `npm run backup`: a consistent copy of the database and of the files its StoredFile rows point
// at, in one dated archive. Why it is consistent, and where that ends: docs/decisions/031-backups.md.

export interface BackupOptions {
  databaseUrl: string;
  uploadDir: string;
  backupDir: string;
  /** Keep only the newest N archives in backupDir (the new one included). */
  keep?: number;
  now?: Date;
}

export interface BackupResult {
  path: string;
  size: number;
  manifest: Manifest;
  /** Files whose bytes differ from the SHA-256 their row recorded (archived as they are). */
  changedFiles: string[];
  removedArchives: string[];
}

// A StoredFile row deleted between the snapshot and the moment its file is linked takes its bytes
// with it; the snapshot is then taken again. After this many tries a missing file is reported as
// missing: it was already gone before the backup began.
const ATTEMPTS = 3;
class TryAgain extends Error {}

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const provider = providerOf(options.databaseUrl);
  const uploadRoot = resolve(options.uploadDir);
  const backupDir = resolve(options.backupDir);
  const now = options.now ?? new Date();

  // The staging folder sits inside the upload folder (its tmp/, where the app keeps files in
  // transit) so that files can be hard-linked, not copied: same file system, no extra space.
  const staging = join(uploadRoot, "tmp", `backup-${randomBytes(6).toString("hex")}`);
  const partial = join(backupDir, `.${archiveName(now)}.${randomBytes(4).toString("hex")}.partial`);
  try {
    await mkdir(backupDir, { recursive: true });
    let snapshot: SnapshotInfo | undefined;
    let linked: { linked: StoredFileRow[]; missing: StoredFileRow[] } = { linked: [], missing: [] };
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      await rm(staging, { recursive: true, force: true });
      await mkdir(join(staging, "database"), { recursive: true });
      await mkdir(join(staging, UPLOADS_ENTRY), { recursive: true });
      const databaseCopy = join(staging, DATABASE_ENTRY[provider]);
      const linkFiles = async (info: SnapshotInfo) => {
        linked = await linkStoredFiles(info.storedFiles, uploadRoot, join(staging, UPLOADS_ENTRY));
        // Stopped before pg_dump runs: the next try takes a new snapshot anyway.
        if (linked.missing.length > 0 && attempt < ATTEMPTS) throw new TryAgain();
      };
      try {
        snapshot =
          provider === "sqlite"
            ? await snapshotSqlite(sqliteFile(options.databaseUrl), databaseCopy, linkFiles)
            : await snapshotPostgres(options.databaseUrl, databaseCopy, linkFiles);
        break;
      } catch (error) {
        if (!(error instanceof TryAgain)) throw error;
      }
    }
    if (!snapshot) throw new Error("nessuna copia del database");

    const files: Manifest["files"] = [];
    const changedFiles: string[] = [];
    for (const row of linked.linked) {
      const path = join(staging, UPLOADS_ENTRY, row.storageKey);
      const [sha256, { size }] = await Promise.all([fileSha256(path), stat(path)]);
      if (sha256 !== row.sha256) changedFiles.push(row.storageKey);
      files.push({ storedFileId: row.id, storageKey: row.storageKey, size, sha256 });
    }
    const databasePath = join(staging, DATABASE_ENTRY[provider]);
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      createdAt: now.toISOString(),
      tavoloVersion: tavoloVersion(),
      provider,
      database: { path: DATABASE_ENTRY[provider], size: (await stat(databasePath)).size, sha256: await fileSha256(databasePath) },
      migrations: snapshot.migrations,
      tables: snapshot.tables,
      files,
      missingFiles: linked.missing.map((row) => ({ storedFileId: row.id, storageKey: row.storageKey })),
    };
    await writeFile(join(staging, MANIFEST_ENTRY), `${JSON.stringify(manifest, null, 2)}\n`);

    // The manifest goes first, so a reader can check it before unpacking the rest. Written under a
    // hidden temporary name and renamed: an archive with its final name is always complete.
    await tar.c({ gzip: true, portable: true, cwd: staging, file: partial }, [MANIFEST_ENTRY, "database", UPLOADS_ENTRY]);
    const path = await freeName(backupDir, now);
    await rename(partial, path);
    const removedArchives = options.keep ? await applyRetention(backupDir, options.keep) : [];
    return { path, size: (await stat(path)).size, manifest, changedFiles, removedArchives };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

/**
 * SQLite's online backup API copies the database page by page from a read transaction. In WAL mode
 * the server keeps writing meanwhile; a step that sees the source changed by another connection
 * starts over, so all pages are copied in one step: one read snapshot, no restart however busy the
 * server is. The manifest's facts are read from the copy, so they describe exactly what it holds.
 */
async function snapshotSqlite(source: string, destination: string, afterSnapshot: (info: SnapshotInfo) => Promise<void>) {
  if (!existsSync(source)) throw new BackupError(`Il database SQLite ${source} non esiste: controlla DATABASE_URL.`);
  const database = new Database(source, { fileMustExist: true });
  try {
    database.pragma("busy_timeout = 5000");
    await database.backup(destination, { progress: () => 2 ** 30 });
  } finally {
    database.close();
  }
  // The copy inherits WAL mode, whose -wal and -shm files would appear beside it as soon as it is
  // opened: the archive holds one self-contained file instead (the app sets WAL again when it opens it).
  const copy = new Database(destination, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const info = readSqliteSnapshot(destination);
  await afterSnapshot(info);
  return info;
}

/**
 * One REPEATABLE READ transaction exports its snapshot; the manifest's facts are read inside it and
 * pg_dump dumps that same snapshot (--snapshot), so the dump, the counts and the file list agree.
 * The files are linked before the dump runs, while the window for a deletion is shortest.
 */
async function snapshotPostgres(url: string, destination: string, afterSnapshot: (info: SnapshotInfo) => Promise<void>) {
  const target = postgresTarget(url);
  let client;
  try {
    client = await connectPostgres(target);
  } catch (error) {
    throw new BackupError(`Non riesco a collegarmi al database PostgreSQL ${target.libpqUrl}: ${(error as Error).message}`, 1);
  }
  try {
    await requirePostgresTool("pg_dump", client);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshotId = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]?.id;
    if (!snapshotId) throw new Error("pg_export_snapshot non ha risposto");
    const info = await readPostgresSnapshot(client);
    await afterSnapshot(info);
    await run(
      "pg_dump",
      [
        "--format=custom",
        "--no-password",
        `--snapshot=${snapshotId}`,
        ...(target.schema ? [`--schema=${target.schema}`] : []),
        `--file=${destination}`,
        `--dbname=${target.libpqUrl}`,
      ],
      target.env,
    );
    await client.query("COMMIT");
    return info;
  } finally {
    await client.end();
  }
}

/**
 * Hard links keep each file's bytes reachable from the staging folder even if the app deletes the
 * file a moment later; a file system without hard links gets a copy. A file already gone is missing.
 */
async function linkStoredFiles(rows: StoredFileRow[], uploadRoot: string, into: string) {
  const linked: StoredFileRow[] = [];
  const missing: StoredFileRow[] = [];
  for (const row of rows) {
    const source = join(uploadRoot, row.storageKey);
    const target = join(into, row.storageKey);
    await mkdir(dirname(target), { recursive: true });
    try {
      try {
        await link(source, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") throw error;
        await copyFile(source, target);
      }
      linked.push(row);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      missing.push(row);
    }
  }
  return { linked, missing };
}

/** Two backups in the same second get -1, -2...; an archive is never overwritten. */
async function freeName(folder: string, now: Date) {
  for (let suffix = 0; ; suffix++) {
    const path = join(folder, archiveName(now, suffix));
    if (!existsSync(path)) return path;
  }
}

async function applyRetention(folder: string, keep: number) {
  // "…Z-1.tar.gz" was written after "…Z.tar.gz" but sorts before it as text.
  const age = (name: string) => name.replace(/Z(?:-(\d+))?\.tar\.gz$/, (_, n: string | undefined) => `Z-${(n ?? "0").padStart(6, "0")}`);
  const archives = (await readdir(folder))
    .filter((name) => ARCHIVE_NAME.test(name))
    .sort((a, b) => age(b).localeCompare(age(a)));
  const removed = archives.slice(keep);
  for (const name of removed) await rm(join(folder, name), { force: true });
  return removed;
}
