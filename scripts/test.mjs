// `npm test`: every test, in the order a failure is cheapest to find.
//   1. the two Prisma schemas are in step;  2. TypeScript (strict);
//   3. vitest: unit tests, and the integration suite on SQLite and on PostgreSQL;
//   4. the production build;  5. Playwright in Debian's Chromium, on SQLite and on PostgreSQL.
// PostgreSQL: TEST_DATABASE_URL if set, else 127.0.0.1:5432 when it answers; otherwise its suites
// are skipped and this says so. Ends with one line "Totale: N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import net from "node:net";

const TMP = "tests/.tmp";
mkdirSync(TMP, { recursive: true });

function answers(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1500 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

if (!process.env.TEST_DATABASE_URL && (await answers("127.0.0.1", 5432))) {
  process.env.TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
}
const postgres = process.env.TEST_DATABASE_URL;
const e2ePostgresUrl = () => {
  const url = new URL(postgres);
  url.pathname = "/tavolo_e2e";
  return url.toString();
};

const failures = [];
const totals = { passed: 0, failed: 0, skipped: 0 };

function step(name, command, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) failures.push(`${name} (uscita ${result.status ?? result.signal})`);
  console.log(`--- ${name}: ${result.status === 0 ? "ok" : "FALLITO"} in ${seconds} s`);
  return result.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
}

if (!postgres) {
  console.log("\n*** PostgreSQL non risponde su 127.0.0.1:5432 e TEST_DATABASE_URL non è impostato:");
  console.log("*** le suite su PostgreSQL sono SALTATE. Solo SQLite viene provato. ***");
}

step("Schemi Prisma allineati", "node", ["scripts/sync-schemas.mjs", "--check"]);
step("TypeScript", "sh", ["-c", "npx react-router typegen && npx tsc"]);
rmSync(`${TMP}/vitest-results.json`, { force: true });
step(`Unit e integrazione (vitest: SQLite${postgres ? " + PostgreSQL" : ""})`, "npx", ["vitest", "run"]);
countVitest(`${TMP}/vitest-results.json`);

if (step("Build di produzione", "npx", ["react-router", "build"])) {
  const e2eRuns = [{ label: "SQLite", env: { E2E_DATABASE_URL: "" }, report: "playwright-sqlite.json" }];
  if (postgres) e2eRuns.push({ label: "PostgreSQL", env: { E2E_DATABASE_URL: e2ePostgresUrl() }, report: "playwright-postgresql.json" });
  for (const run of e2eRuns) {
    rmSync(`${TMP}/playwright-results.json`, { force: true });
    step(`End-to-end in Chromium (${run.label})`, "npx", ["playwright", "test"], run.env);
    if (existsSync(`${TMP}/playwright-results.json`)) renameSync(`${TMP}/playwright-results.json`, `${TMP}/${run.report}`);
    countPlaywright(`${TMP}/${run.report}`);
  }
}

console.log("\n=== Riepilogo ===");
if (!postgres) console.log("PostgreSQL: SALTATO (nessun server su 127.0.0.1:5432).");
for (const failure of failures) console.log(`FALLITO: ${failure}`);
if (totals.passed + totals.failed === 0) {
  console.log("Nessun test eseguito.");
  process.exit(1);
}
console.log(`Totale: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(failures.length === 0 && totals.failed === 0 ? 0 : 1);
