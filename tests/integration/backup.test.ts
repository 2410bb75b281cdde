import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import * as tar from "tar";
import { afterEach, describe, expect, it } from "vitest";
import { BackupError } from "~/backup/archive.server";
import { createBackup } from "~/backup/backup.server";
import { restoreBackup } from "~/backup/restore.server";
import { db } from "~/db.server";
import { postgresUrl, TMP, withPostgresAdmin } from "../setup/databases";

// The backup and restore functions behind `npm run backup` / `npm run restore`, on this worker's
// database: what they do with a file that is missing from disk, retention, and the archives they
// refuse. The journey with a running server taking writes is tests/e2e/backup.spec.ts.

const provider = process.env.TEST_DB_PROVIDER;
const databaseUrl = process.env.DATABASE_URL!;
const work = join(TMP, `backup-${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}`);
const uploadDir = join(work, "uploads");
const createdDatabases: string[] = [];

/** A new, not yet existing restore target of the worker's kind. */
function newTarget(name: string) {
  if (provider === "postgresql") {
    const database = `tavolo_test_ripristino_${randomBytes(4).toString("hex")}`;
    createdDatabases.push(database);
    return postgresUrl(database);
  }
  return `file:${join(work, `${name}.db`)}`;
}

async function storeFile(text: string, options: { onDisk: boolean }) {
  const bytes = Buffer.from(text);
  const storageKey = `2026-12/${randomUUID()}`;
  if (options.onDisk) {
    await mkdir(dirname(join(uploadDir, storageKey)), { recursive: true });
    await writeFile(join(uploadDir, storageKey), bytes);
  }
  return db.storedFile.create({
    data: { storageKey, originalName: `${text}.txt`, mimeType: "application/pdf", size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") },
  });
}

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
  if (createdDatabases.length > 0) {
    await withPostgresAdmin(async (client) => {
      for (const name of createdDatabases.splice(0)) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  }
});

async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (error instanceof BackupError) return { message: error.message, exitCode: error.exitCode };
    throw error;
  }
  throw new Error("il ripristino doveva essere rifiutato");
}

// pg_dump and pg_restore are separate programs; on a busy machine a backup and restore take seconds.
describe("backup e ripristino", { timeout: 60_000 }, () => {
  it("archivia i file presenti, segnala quello che manca dal disco, e il ripristino rimette tutto il resto", async () => {
    const kept = await storeFile("presente", { onDisk: true });
    const lost = await storeFile("perduto", { onDisk: false });

    const backup = await createBackup({ databaseUrl, uploadDir, backupDir: join(work, "archivi") });
    expect(backup.manifest.provider).toBe(provider);
    expect(backup.manifest.files.map((f) => f.storedFileId)).toEqual([kept.id]);
    expect(backup.manifest.files[0]?.sha256).toBe(kept.sha256);
    expect(backup.manifest.missingFiles).toEqual([{ storedFileId: lost.id, storageKey: lost.storageKey }]);
    expect(backup.manifest.tables.StoredFile).toBe(2);
    expect(backup.changedFiles).toEqual([]);
    // The staging folder in the upload folder's tmp/ is gone.
    expect(readdirSync(join(uploadDir, "tmp"))).toEqual([]);

    const target = newTarget("ripristinato");
    const restoredUploads = join(work, "uploads-ripristinati");
    const { manifest, appliedMigrations } = await restoreBackup({ archive: backup.path, databaseUrl: target, uploadDir: restoredUploads });
    expect(manifest.tables).toEqual(backup.manifest.tables);
    expect(appliedMigrations).toEqual([]);
    expect(await readFile(join(restoredUploads, kept.storageKey), "utf8")).toBe("presente");
    expect(existsSync(join(restoredUploads, lost.storageKey))).toBe(false);
  });

  // Retention only reads file names: one provider is enough.
  if (provider === "sqlite") {
    it("--keep lascia solo gli archivi più recenti", async () => {
      const backupDir = join(work, "archivi");
      const first = await createBackup({ databaseUrl, uploadDir, backupDir, now: new Date("2026-12-01T02:00:00Z") });
      const second = await createBackup({ databaseUrl, uploadDir, backupDir, now: new Date("2026-12-01T02:00:00Z") });
      expect(second.path).not.toBe(first.path);
      const third = await createBackup({ databaseUrl, uploadDir, backupDir, keep: 2, now: new Date("2026-12-02T02:00:00Z") });
      expect(third.removedArchives).toEqual(["tavolo-2026-12-01T020000Z.tar.gz"]);
      expect(readdirSync(backupDir).sort()).toEqual(["tavolo-2026-12-01T020000Z-1.tar.gz", "tavolo-2026-12-02T020000Z.tar.gz"]);
    });
  }

  it("rifiuta un archivio con un file non elencato nel manifest, o con un file alterato, senza creare la destinazione", async () => {
    await storeFile("documento", { onDisk: true });
    const backup = await createBackup({ databaseUrl, uploadDir, backupDir: join(work, "archivi") });
    const unpacked = join(work, "spacchettato");
    await mkdir(unpacked, { recursive: true });
    await tar.x({ file: backup.path, cwd: unpacked });

    const target = newTarget("mai-creato");
    const targetUploads = join(work, "uploads-mai-creati");
    const tampered = join(work, "alterato.tar.gz");

    await writeFile(join(unpacked, "uploads", "intruso.sh"), "#!/bin/sh\n");
    await tar.c({ gzip: true, cwd: unpacked, file: tampered }, ["manifest.json", "database", "uploads"]);
    const extra = await refusal(restoreBackup({ archive: tampered, databaseUrl: target, uploadDir: targetUploads }));
    expect(extra.exitCode).toBe(2);
    expect(extra.message).toContain("contiene file non elencati nel manifest (uploads/intruso.sh)");

    await rm(join(unpacked, "uploads", "intruso.sh"));
    const [storageKey] = backup.manifest.files.map((f) => f.storageKey);
    await writeFile(join(unpacked, "uploads", storageKey!), "un altro contenuto");
    await tar.c({ gzip: true, cwd: unpacked, file: tampered }, ["manifest.json", "database", "uploads"]);
    const changed = await refusal(restoreBackup({ archive: tampered, databaseUrl: target, uploadDir: targetUploads }));
    expect(changed.exitCode).toBe(2);
    expect(changed.message).toContain(`uploads/${storageKey} non corrisponde all'impronta SHA-256 del manifest`);

    expect(existsSync(targetUploads)).toBe(false);
    if (provider === "postgresql") {
      const name = decodeURIComponent(new URL(target).pathname.slice(1));
      const found = await withPostgresAdmin((client) => client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]));
      expect(found.rowCount).toBe(0);
    } else {
      expect(existsSync(target.replace(/^file:/, ""))).toBe(false);
    }
  });

  // Only where the archive is PostgreSQL's: a SQLite target needs no server to be refused.
  if (provider === "postgresql") {
    it("rifiuta di ripristinare un archivio PostgreSQL su SQLite", async () => {
      const backup = await createBackup({ databaseUrl, uploadDir, backupDir: join(work, "archivi") });
      const target = `file:${join(work, "sqlite.db")}`;
      const refused = await refusal(restoreBackup({ archive: backup.path, databaseUrl: target, uploadDir: join(work, "u") }));
      expect(refused.exitCode).toBe(2);
      expect(refused.message).toContain("L'archivio contiene un database PostgreSQL, la destinazione è SQLite");
      expect(existsSync(join(work, "sqlite.db"))).toBe(false);
    });
  }
});
