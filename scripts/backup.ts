// `npm run backup [-- --to DIR] [-- --keep N]`: writes the database and the uploaded files to a dated
// archive in BACKUP_DIR (default data/backups). Safe while Tavolo runs. Exit code 0 when done,
// 1 when it failed or some files were missing, 2 for bad arguments. See docs/decisions/031-backups.md.
import { existsSync } from "node:fs";
import { relative } from "node:path";
import { parseArgs } from "node:util";

// Read before app/env.server.ts validates the environment, as server.js does.
if (existsSync(".env")) process.loadEnvFile(".env");
const { BackupError, counted, formatBytes, providerLabel, sumRows } = await import("~/backup/archive.server");
const { createBackup } = await import("~/backup/backup.server");
const { env } = await import("~/env.server");

const USAGE = "Uso: npm run backup [-- --to CARTELLA] [-- --keep N]";

try {
  let values: { to?: string; keep?: string };
  try {
    ({ values } = parseArgs({ options: { to: { type: "string" }, keep: { type: "string" } } }));
  } catch (error) {
    throw new BackupError(`argomenti non validi (${(error as Error).message.split(".")[0]}).\n${USAGE}`);
  }
  const keep = values.keep === undefined ? undefined : Number(values.keep);
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) throw new BackupError(`--keep vuole un numero intero da 1 in su.\n${USAGE}`);

  const result = await createBackup({ databaseUrl: env.DATABASE_URL, uploadDir: env.UPLOAD_DIR, backupDir: values.to ?? env.BACKUP_DIR, keep });
  const { manifest } = result;
  const filesBytes = manifest.files.reduce((total, file) => total + file.size, 0);
  console.log(`Backup completato: ${relative(process.cwd(), result.path) || result.path} (${formatBytes(result.size)})`);
  console.log(
    `  database ${providerLabel(manifest.provider)}: ${counted(sumRows(manifest.tables), "riga", "righe")} in ${counted(Object.keys(manifest.tables).length, "tabella", "tabelle")}, ` +
      `${counted(manifest.migrations.length, "migrazione applicata", "migrazioni applicate")}`,
  );
  console.log(`  file caricati: ${manifest.files.length.toLocaleString("it-IT")} (${formatBytes(filesBytes)})`);
  if (result.removedArchives.length > 0) console.log(`  archivi vecchi eliminati (--keep ${keep}): ${result.removedArchives.join(", ")}`);
  for (const key of result.changedFiles) {
    console.error(`Attenzione: il file ${key} non corrisponde all'impronta registrata quando fu caricato; è stato archiviato così com'è.`);
  }
  if (manifest.missingFiles.length > 0) {
    const one = manifest.missingFiles.length === 1;
    const keys = manifest.missingFiles.map((file) => file.storageKey).join(", ");
    console.error(
      one
        ? `Attenzione: 1 file registrato nel database manca da ${env.UPLOAD_DIR} e non è nell'archivio: ${keys}`
        : `Attenzione: ${manifest.missingFiles.length} file registrati nel database mancano da ${env.UPLOAD_DIR} e non sono nell'archivio: ${keys}`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  if (error instanceof BackupError) {
    console.error(`Backup non riuscito: ${error.message}`);
    process.exitCode = error.exitCode;
  } else {
    console.error("Backup non riuscito:", error);
    process.exitCode = 1;
  }
}
