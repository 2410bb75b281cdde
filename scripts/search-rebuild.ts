// `npm run search:rebuild`: rewrites the whole search index from the records (docs/decisions/028-search.md).
// The server does it by itself at start when the index is missing or older than the code; this is
// for an index one suspects, or after restoring records by hand. Safe while the server runs.
import { db } from "~/db.server";
import { rebuildSearchIndex } from "~/domain/search.server";

const started = Date.now();
await rebuildSearchIndex(db);
const entries = await db.searchEntry.count({ where: { kind: { not: "INDEX" } } });
console.log(`Indice di ricerca ricostruito: ${entries} voci in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
await db.$disconnect();
