// Writes prisma/postgresql/schema.prisma from the canonical SQLite schema, so the two providers
// always describe the same models. `--check` exits 1 when the committed copy is stale.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const sqliteSchemaPath = join(root, "prisma/schema.prisma");
export const postgresSchemaPath = join(root, "prisma/postgresql/schema.prisma");

export function postgresSchemaFrom(sqliteSchema) {
  const header =
    "// GENERATED from prisma/schema.prisma by `npm run db:schemas`. Do not edit by hand.\n";
  const body = sqliteSchema
    .replace(/^\/\/ Canonical schema[\s\S]*?\n\n/m, "")
    .replace('output     = "../app/generated/prisma-sqlite"', 'output     = "../../app/generated/prisma-postgresql"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./data/tavolo.db"', 'url      = "postgresql://localhost:5432/tavolo"');
  for (const needle of ['"../../app/generated/prisma-postgresql"', '"postgresql"', "postgresql://"]) {
    if (!body.includes(needle)) throw new Error(`sync-schemas: could not rewrite ${needle}`);
  }
  return header + body;
}

function main() {
  const expected = postgresSchemaFrom(readFileSync(sqliteSchemaPath, "utf8"));
  if (process.argv.includes("--check")) {
    const actual = existsSync(postgresSchemaPath) ? readFileSync(postgresSchemaPath, "utf8") : "";
    if (actual !== expected) {
      console.error("prisma/postgresql/schema.prisma is stale: run `npm run db:schemas`.");
      process.exit(1);
    }
    return;
  }
  mkdirSync(dirname(postgresSchemaPath), { recursive: true });
  writeFileSync(postgresSchemaPath, expected);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
