import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import * as tar from "tar";
import { postgresUrl, withPostgresAdmin } from "../setup/databases";
import { BASE_URL, expect, minimalPdf, ROOT, test, TestDb, uniqueEmail, uniqueName } from "./support";

// `npm run backup` runs against the e2e server's own database and upload folder while the server
// takes writes over HTTP (documents filed, group documents added and removed, so files come and go);
// `npm run restore` puts the archive in a new database and a new folder, where every record that
// existed when the backup began, and the file of every StoredFile row, must be found. Then the
// refusals: a damaged archive, and a target that already holds data. On SQLite and on PostgreSQL,
// like the whole suite (E2E_DATABASE_URL). See docs/decisions/031-backups.md.

interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runScript(script: "backup" | "restore", args: string[], env: Record<string, string>): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "-s", script, "--", ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "test", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

async function readManifest(archive: string) {
  let text = "";
  await tar.t({ file: archive, filter: (entry) => entry === "manifest.json", onReadEntry: (entry) => entry.on("data", (chunk: Buffer) => (text += chunk.toString())) });
  return JSON.parse(text) as { provider: string; migrations: string[]; tables: Record<string, number>; files: { storageKey: string }[]; missingFiles: unknown[] };
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function ids(db: TestDb, table: string) {
  return (await db.all<{ id: string }>(`SELECT "id" FROM "${table}"`)).map((row) => row.id);
}

test("un backup fatto mentre il server scrive si ripristina altrove con ogni record e ogni file", async ({ page, db }) => {
  const databaseUrl = process.env.E2E_DATABASE_URL_RESOLVED!;
  const uploadDir = process.env.E2E_UPLOAD_DIR;
  if (!uploadDir) throw new Error("E2E_UPLOAD_DIR non impostato: i test partono da tests/e2e/global-setup.ts");
  const isPostgres = db.kind === "postgresql";
  const work = path.join(ROOT, "tests/.tmp", `backup-${randomBytes(4).toString("hex")}`);
  const restoredDatabaseName = `tavolo_e2e_ripristino_${randomBytes(4).toString("hex")}`;
  const target = (name: string) => (isPostgres ? postgresUrl(`${restoredDatabaseName}${name}`, databaseUrl) : `file:${path.join(work, `${name || "ripristinato"}.db`)}`);
  const restoredUrl = target("");
  const restoredUploads = path.join(work, "uploads-ripristinati");
  await mkdir(work, { recursive: true });
  let restored: TestDb | undefined;

  try {
    // A coordinator of this test's own, who files documents and adds and removes a group's documents.
    const me = await db.createUser({ email: uniqueEmail("backup"), name: uniqueName("Backup"), role: "COORDINATOR" });
    await db.signInAs(page.context(), me.email);
    const group = await db.one<{ id: string }>(`SELECT "id" FROM "WorkingGroup" WHERE "name" = ?`, ["Casa e abitare"]);
    expect(group, "il gruppo «Casa e abitare» della demo").toBeTruthy();

    const writes: { what: string; status: number; started: number; ended: number }[] = [];
    const post = async (what: string, url: string, options: Parameters<typeof page.request.post>[1]) => {
      const started = Date.now();
      const response = await page.request.post(url, { ...options, headers: { Origin: BASE_URL }, maxRedirects: 0 });
      writes.push({ what, status: response.status(), started, ended: Date.now() });
      return response;
    };
    const pdf = (title: string) => ({ name: `${title}.pdf`, mimeType: "application/pdf", buffer: minimalPdf(title) });
    const fileDocument = async () => {
      const title = `Documento del backup ${randomBytes(4).toString("hex")}`;
      const response = await post("documento", "/documenti/nuovo", {
        multipart: { title, category: "ATTO_UFFICIALE", documentDate: "2026-11-30", description: "", visibility: "COORDINATORS", file: pdf(title) },
      });
      expect(response.status(), `archiviazione di «${title}»`).toBe(302);
    };
    const addAndRemoveGroupDocument = async () => {
      const title = `Documento del gruppo ${randomBytes(4).toString("hex")}`;
      const added = await post("documento del gruppo", `/gruppi/${group!.id}`, { multipart: { title, category: "ATTO_UFFICIALE", file: pdf(title) } });
      expect(added.status(), `caricamento di «${title}»`).toBe(200);
      const document = await db.one<{ id: string }>(`SELECT "id" FROM "ArchiveDocument" WHERE "title" = ?`, [title]);
      expect(document, `«${title}» è stato archiviato`).toBeTruthy();
      const removed = await post("rimozione dal gruppo", `/gruppi/${group!.id}`, { form: { intent: "remove", documentId: document!.id } });
      expect(removed.status(), `rimozione di «${title}»`).toBe(200);
    };

    // What exists when the backup begins (three documents of this test among them).
    for (let i = 0; i < 3; i++) await fileDocument();
    const before = {
      ArchiveDocument: await ids(db, "ArchiveDocument"),
      ArchiveDocumentVersion: await ids(db, "ArchiveDocumentVersion"),
      StoredFile: await ids(db, "StoredFile"),
    };

    // The backup, with two writers going on until it is done.
    let backupRunning = true;
    const keepWriting = async (write: () => Promise<void>) => {
      while (backupRunning) await write();
    };
    const backupStarted = Date.now();
    const writers = Promise.all([keepWriting(fileDocument), keepWriting(addAndRemoveGroupDocument)]);
    const backup = await runScript("backup", ["--to", path.join(work, "archivi")], { DATABASE_URL: databaseUrl, UPLOAD_DIR: uploadDir });
    const backupEnded = Date.now();
    backupRunning = false;
    await writers;
    expect(backup.stderr, "il backup non segnala problemi").not.toMatch(/Attenzione|non riuscito/);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Backup completato: .*tavolo-\d{4}-\d{2}-\d{2}T\d{6}Z\.tar\.gz \([\d,]+ (kB|MB)\)/);
    expect(backup.stdout).toMatch(new RegExp(`database ${isPostgres ? "PostgreSQL" : "SQLite"}: \\d+ righe in \\d+ tabelle`));
    const during = writes.filter((w) => w.started >= backupStarted && w.ended <= backupEnded);
    test.info().annotations.push({ type: "scritture durante il backup", description: `${during.length} in ${backupEnded - backupStarted} ms` });
    expect(during.length, "il server ha ricevuto scritture durante il backup").toBeGreaterThanOrEqual(2);
    expect(
      writes.filter((w) => w.status >= 400),
      "ogni scrittura è andata a buon fine",
    ).toEqual([]);
    const archives = readdirSync(path.join(work, "archivi"));
    expect(archives, "un solo archivio, nessun file temporaneo lasciato").toHaveLength(1);
    const archive = path.join(work, "archivi", archives[0]!);
    const manifest = await readManifest(archive);
    expect(manifest.provider).toBe(isPostgres ? "postgresql" : "sqlite");
    expect(manifest.missingFiles).toEqual([]);
    expect(filesUnder(path.join(uploadDir, "tmp")), "la cartella di appoggio del backup è stata tolta").toEqual([]);

    // Restored into a new database and a new folder.
    const restore = await runScript("restore", [archive, "--database-url", restoredUrl, "--upload-dir", restoredUploads], {});
    expect(restore.stderr).not.toMatch(/Attenzione|non riuscito/);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("Ripristino completato");
    restored = new TestDb(restoredUrl);

    // Every record that existed when the backup began...
    for (const [table, existing] of Object.entries(before)) {
      const found = new Set(await ids(restored, table));
      expect(
        existing.filter((id) => !found.has(id)),
        `ogni riga di ${table} che c'era all'inizio del backup è nel database ripristinato`,
      ).toEqual([]);
      expect(found.size).toBeGreaterThanOrEqual(existing.length);
    }
    // ...the manifest's counts are the restored database's...
    for (const [table, count] of Object.entries(manifest.tables)) {
      expect(await restored.count(table), `righe di ${table}`).toBe(count);
    }
    const migrations = await restored.all<{ name: string }>(`SELECT "migration_name" AS "name" FROM "_prisma_migrations" ORDER BY "migration_name"`);
    expect(migrations.map((m) => m.name)).toEqual(manifest.migrations);
    // ...and every StoredFile row has its file, with the bytes it recorded, and nothing else is there.
    const storedFiles = await restored.all<{ storageKey: string; sha256: string }>(`SELECT "storageKey", "sha256" FROM "StoredFile" ORDER BY "storageKey"`);
    expect(storedFiles.length).toBeGreaterThanOrEqual(before.StoredFile.length);
    for (const file of storedFiles) {
      const onDisk = path.join(restoredUploads, file.storageKey);
      expect(existsSync(onDisk), `il file ${file.storageKey} è stato ripristinato`).toBe(true);
      expect(sha256(onDisk), `l'impronta di ${file.storageKey}`).toBe(file.sha256);
    }
    expect(filesUnder(restoredUploads)).toEqual(storedFiles.map((f) => f.storageKey).sort());

    // A damaged archive (one byte changed) is refused, and its target is not created.
    const damaged = path.join(work, "danneggiato.tar.gz");
    const bytes = readFileSync(archive);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(damaged, bytes);
    const untouchedUrl = target("_nuovo");
    const untouchedUploads = path.join(work, "uploads-nuovi");
    const refusedDamaged = await runScript("restore", [damaged, "--database-url", untouchedUrl, "--upload-dir", untouchedUploads], {});
    expect(refusedDamaged.code).toBe(2);
    expect(refusedDamaged.stderr).toMatch(/L'archivio .* (è danneggiato|non è integro).*Non ho toccato nulla\./s);
    expect(existsSync(untouchedUploads)).toBe(false);
    if (isPostgres) {
      const exists = await withPostgresAdmin((client) => client.query("SELECT 1 FROM pg_database WHERE datname = $1", [`${restoredDatabaseName}_nuovo`]), databaseUrl);
      expect(exists.rowCount, "nessun database creato per un archivio danneggiato").toBe(0);
    } else {
      expect(existsSync(path.join(work, "_nuovo.db"))).toBe(false);
    }
    expect(readdirSync(work).filter((name) => name.includes("ripristino")), "nessuna cartella temporanea lasciata").toEqual([]);

    // A target that already holds data is refused without --force, and stays as it was.
    const countsBefore = Object.fromEntries(await Promise.all(Object.keys(manifest.tables).map(async (t) => [t, await restored!.count(t)] as const)));
    const sqliteBefore = isPostgres ? "" : sha256(path.join(work, "ripristinato.db"));
    const refusedFull = await runScript("restore", [archive, "--database-url", restoredUrl, "--upload-dir", restoredUploads], {});
    expect(refusedFull.code).toBe(2);
    expect(refusedFull.stderr).toContain("contiene già dei dati: non lo sovrascrivo");
    expect(refusedFull.stderr).toContain("--force");
    const countsAfter = Object.fromEntries(await Promise.all(Object.keys(manifest.tables).map(async (t) => [t, await restored!.count(t)] as const)));
    expect(countsAfter).toEqual(countsBefore);
    if (!isPostgres) expect(sha256(path.join(work, "ripristinato.db"))).toBe(sqliteBefore);
    expect(filesUnder(restoredUploads)).toEqual(storedFiles.map((f) => f.storageKey).sort());
  } finally {
    await restored?.close();
    if (isPostgres) {
      await withPostgresAdmin(async (client) => {
        for (const name of [restoredDatabaseName, `${restoredDatabaseName}_nuovo`]) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }, databaseUrl);
    }
    await rm(work, { recursive: true, force: true });
  }
});
