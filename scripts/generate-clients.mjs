// postinstall: keeps the PostgreSQL schema in step and generates both Prisma clients (the app picks
// one at run time from DATABASE_URL). Runs offline: Prisma 6.19 with engineType "client".
import { execFileSync } from "node:child_process";

const run = (args) => execFileSync("npx", ["prisma", ...args], { stdio: "inherit" });
execFileSync("node", ["scripts/sync-schemas.mjs"], { stdio: "inherit" });
run(["generate", "--schema", "prisma/schema.prisma"]);
run(["generate", "--schema", "prisma/postgresql/schema.prisma"]);
