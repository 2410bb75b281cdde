// `npm start` (after the build) and `npm run dev`: prepares the database, then serves Tavolo.
// 1. applies the migrations (creating the SQLite file on first run);
// 2. outside production, fills an empty database with the demo tavolo and prints its accounts;
// 3. starts server.js (the production build, or Vite with --dev) with the heap settings of
//    package.json's config.serverNodeFlags, as `npm run serve` does.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");
const dev = process.argv.includes("--dev");
const production = process.env.NODE_ENV === "production";
const run = (command, args) => execFileSync(command, args, { stdio: "inherit", env: process.env });

try {
  run("npx", ["prisma", "migrate", "deploy"]);
} catch {
  const url = process.env.DATABASE_URL ?? "file:./data/tavolo.db";
  console.error(
    url.startsWith("file:")
      ? `\nNon è stato possibile aggiornare il database ${url}. Se un altro Tavolo lo sta già usando (per esempio un \`npm start\` ancora aperto in un altro terminale), fermalo e riprova.`
      : `\nNon è stato possibile aggiornare il database PostgreSQL: controlla DATABASE_URL e che il server risponda.`,
  );
  process.exit(1);
}
if (!production) run("npx", ["tsx", "prisma/seed.ts"]);

// The V8 heap settings the server runs with (package.json, config.serverNodeFlags; docs/performance.md).
const { serverNodeFlags } = JSON.parse(readFileSync("package.json", "utf8")).config;
const server = spawn("node", [...serverNodeFlags.split(" "), "server.js", ...(dev ? ["--dev"] : [])], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
