// `npx tsx bench/generate.ts --size ten-years|one-year [--anchor yyyy-mm-01]`: fills the empty,
// migrated database DATABASE_URL names with the benchmark's tavolo (bench/dataset.ts). Progress goes
// to stderr; the last line of stdout is the summary as JSON: { size, anchor, seconds (in all),
// counts (rows per table), phases (seconds each), samples (ids of records to open) }.
import { parseArgs } from "node:util";
import { DATASET_SIZES, type DatasetSize } from "./dataset";

const usage = "Uso: DATABASE_URL=... npx tsx bench/generate.ts --size ten-years|one-year [--anchor aaaa-mm-01]";

let values: { size?: string; anchor?: string };
try {
  ({ values } = parseArgs({ options: { size: { type: "string" }, anchor: { type: "string" } } }));
} catch {
  console.error(usage);
  process.exit(2);
}
const size = values.size;
if (!size || !(size in DATASET_SIZES)) {
  console.error(usage);
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error(`DATABASE_URL non è impostata: indica il database (vuoto, con le migrazioni applicate) da riempire.\n${usage}`);
  process.exit(2);
}
const anchor = values.anchor ? new Date(`${values.anchor}T00:00:00.000Z`) : undefined;
if (anchor && (Number.isNaN(anchor.getTime()) || anchor.getUTCDate() !== 1)) {
  console.error(`--anchor dev'essere il primo giorno di un mese (aaaa-mm-01).\n${usage}`);
  process.exit(2);
}

// The app's modules read and validate the environment when they are imported: after the checks above.
const { db } = await import("~/db.server");
const { generateDataset } = await import("./dataset");

if ((await db.organisation.count()) > 0) {
  console.error("Il database contiene già delle organizzazioni: il dataset si genera solo in un database vuoto (con le migrazioni applicate).");
  await db.$disconnect();
  process.exit(1);
}

const started = performance.now();
const summary = await generateDataset(db, { size: size as DatasetSize, anchor, log: (message) => console.error(message) });
await db.$disconnect();
const seconds = Math.round((performance.now() - started) / 100) / 10;
console.log(JSON.stringify({ size, anchor: summary.anchor, seconds, counts: summary.rows, phases: summary.phases, samples: summary.samples }));
