// `npm run restore -- <archive> [--database-url URL] [--upload-dir DIR] [--force]`: restores an
// archive written by `npm run backup` into DATABASE_URL and UPLOAD_DIR (or the given ones). Stop
// Tavolo first. Exit code 0 when done, 1 when it failed, 2 for bad input (arguments, a damaged
// archive, a target that holds data without --force). See docs/decisions/031-backups.md.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

if (existsSync(".env")) process.loadEnvFile(".env");
const { BackupError, counted, formatBytes, providerLabel, sumRows } = await import("~/backup/archive.server");
const { restoreBackup } = await import("~/backup/restore.server");
const { env, parseEnv } = await import("~/env.server");

const USAGE = "Uso: npm run restore -- ARCHIVIO [--database-url URL] [--upload-dir CARTELLA] [--force]";

try {
  let parsed: { values: { "database-url"?: string; "upload-dir"?: string; force?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { "database-url": { type: "string" }, "upload-dir": { type: "string" }, force: { type: "boolean" } },
    });
  } catch (error) {
    throw new BackupError(`argomenti non validi (${(error as Error).message.split(".")[0]}).\n${USAGE}`);
  }
  const [archive, ...rest] = parsed.positionals;
  if (!archive || rest.length > 0) throw new BackupError(`Indica un solo archivio da ripristinare.\n${USAGE}`);
  const databaseUrl = parsed.values["database-url"] ?? env.DATABASE_URL;
  // The same rule as DATABASE_URL's, with the same message.
  try {
    parseEnv({ DATABASE_URL: databaseUrl });
  } catch (error) {
    throw new BackupError(`--database-url non valido: ${(error as Error).message.split("\n").slice(1).join(" ").trim()}`);
  }
  const uploadDir = parsed.values["upload-dir"] ?? env.UPLOAD_DIR;

  const { manifest, appliedMigrations } = await restoreBackup({
    archive,
    databaseUrl,
    uploadDir,
    force: parsed.values.force,
    onStep: (message) => console.log(message),
  });
  const filesBytes = manifest.files.reduce((total, file) => total + file.size, 0);
  console.log(`Ripristino completato dall'archivio del ${new Date(manifest.createdAt).toLocaleString("it-IT", { timeZone: "Europe/Rome" })}:`);
  console.log(`  database ${providerLabel(manifest.provider)}: ${counted(sumRows(manifest.tables), "riga", "righe")} in ${counted(Object.keys(manifest.tables).length, "tabella", "tabelle")}, verificate`);
  console.log(`  file caricati: ${manifest.files.length.toLocaleString("it-IT")} (${formatBytes(filesBytes)}) in ${resolve(uploadDir)}, impronte verificate`);
  if (appliedMigrations.length > 0) console.log(`  migrazioni applicate dopo il ripristino: ${appliedMigrations.join(", ")}`);
  if (manifest.missingFiles.length > 0) {
    const keys = manifest.missingFiles.map((f) => f.storageKey).join(", ");
    console.error(`Attenzione: ${manifest.missingFiles.length === 1 ? "1 file mancava" : `${manifest.missingFiles.length} file mancavano`} già al momento del backup: ${keys}`);
  }
} catch (error) {
  if (error instanceof BackupError) {
    console.error(`Ripristino non riuscito: ${error.message}`);
    process.exitCode = error.exitCode;
  } else {
    console.error("Ripristino non riuscito:", error);
    process.exitCode = 1;
  }
}
