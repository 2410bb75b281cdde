// Prisma CLI configuration. The provider follows DATABASE_URL: SQLite (default) or PostgreSQL.
// The CLI uses the 7.x pg adapter (alias adapter-pg7) because the 6.19 one cannot read the
// catalogue's `name` columns; the app itself uses @prisma/adapter-pg 6.19. See docs/decisions/003.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "adapter-pg7";

const url = process.env.DATABASE_URL ?? "file:./data/tavolo.db";
const isPostgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  adapter: async () => {
    if (isPostgres) return new PrismaPg({ connectionString: url });
    // A fresh clone has no data/ folder yet: SQLite creates the file, not its folder.
    mkdirSync(dirname(url.replace(/^file:/, "")), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
