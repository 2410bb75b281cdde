// Prepares what the end-to-end tests run against, in Playwright's runner process:
// 1. a fresh database (SQLite file, or the PostgreSQL database named by E2E_DATABASE_URL), migrated
//    and seeded with the demo tavolo;
// 2. a real SMTP server catching every mail the app sends, one JSON file per mail in tests/.tmp/mail;
// 3. the production build of Tavolo (`node server.js`), pointed at both.
// Returns the teardown. Specs read E2E_DATABASE_URL_RESOLVED, E2E_UPLOAD_DIR and E2E_MAIL_DIR from the environment.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { migrate, recreatePostgresDatabase, removeSqliteFiles, ROOT, TMP } from "../setup/databases";
import { startSmtpCatcher } from "../smtp";

const MAIL_DIR = path.join(TMP, "mail");
const SERVER_LOG = path.join(TMP, "e2e-server.log");
const SQLITE_URL = "file:./tests/.tmp/e2e.db";
// The server's own upload folder, emptied each run (the default, data/uploads, is the developer's).
const UPLOAD_DIR = path.join(TMP, "e2e-uploads");

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

async function waitForHealth(baseURL: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = "nessuna risposta";
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      lastProblem = `il server è terminato con codice ${server.exitCode}`;
      break;
    }
    try {
      const response = await fetch(new URL("/healthz", baseURL), { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `GET /healthz → ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const log = existsSync(SERVER_LOG) ? readFileSync(SERVER_LOG, "utf8").split("\n").slice(-40).join("\n") : "";
  throw new Error(`Tavolo non risponde su ${baseURL}/healthz (${lastProblem}). Ultime righe di ${SERVER_LOG}:\n${log}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export default async function globalSetup(config: FullConfig) {
  const baseURL = process.env.E2E_BASE_URL ?? config.projects[0]?.use.baseURL ?? "http://localhost:3100";
  const port = new URL(baseURL).port || "80";
  const smtpPort = Number.parseInt(process.env.E2E_SMTP_PORT ?? "2526", 10);

  if (!existsSync(path.join(ROOT, "build/server/index.js"))) {
    throw new Error("Manca la build dell'app (build/server/index.js): run `npx react-router build` first.");
  }
  mkdirSync(TMP, { recursive: true });

  // 1. The database.
  const databaseUrl = process.env.E2E_DATABASE_URL || SQLITE_URL;
  if (isPostgres(databaseUrl)) {
    const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    await recreatePostgresDatabase(name, { serverUrl: databaseUrl });
  } else {
    removeSqliteFiles(path.resolve(ROOT, databaseUrl.replace(/^file:/, "")));
  }
  await migrate(databaseUrl);
  rmSync(UPLOAD_DIR, { recursive: true, force: true });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, UPLOAD_DIR, NODE_ENV: "test" },
    stdio: "pipe",
  });

  // 2. The SMTP catcher.
  rmSync(MAIL_DIR, { recursive: true, force: true });
  mkdirSync(MAIL_DIR, { recursive: true });
  let count = 0;
  const smtp = await startSmtpCatcher({
    port: smtpPort,
    onMail(mail) {
      const file = `${Date.now()}-${String(++count).padStart(5, "0")}.json`;
      // Written under a temporary name and renamed, so a reader never sees half a file.
      const temporary = path.join(MAIL_DIR, `.${file}.tmp`);
      writeFileSync(temporary, JSON.stringify(mail, null, 2));
      renameSync(temporary, path.join(MAIL_DIR, file));
    },
  });

  // 3. The app, on a port nobody else uses (else the tests would talk to that other server).
  const occupied = await fetch(baseURL, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
  if (occupied) {
    await smtp.close();
    throw new Error(`Qualcosa risponde già su ${baseURL}: fermalo, o scegli un'altra porta con E2E_BASE_URL.`);
  }
  const log = createWriteStream(SERVER_LOG, { flags: "w" });
  const server = spawn("node", ["server.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: port,
      APP_URL: baseURL,
      DATABASE_URL: databaseUrl,
      UPLOAD_DIR,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_POLL_MS: "300",
      MAIL_FROM: "Tavolo Test <tavolo@example.org>",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.pipe(log, { end: false });
  server.stderr?.pipe(log, { end: false });
  let stopping = false;
  server.once("exit", (code, signal) => {
    if (stopping) return;
    // A server that dies mid-run turns every later test into "connection refused": say why, here.
    const line = `Il server di Tavolo è terminato durante i test (codice ${code}, segnale ${signal}).`;
    log.write(`\n[e2e] ${line}\n`);
    console.error(`\n[e2e] ${line} Vedi ${SERVER_LOG}.`);
  });

  const teardown = async () => {
    stopping = true;
    await stopProcess(server);
    await smtp.close();
    log.end();
  };

  try {
    await waitForHealth(baseURL, server, 30_000);
  } catch (error) {
    await teardown();
    throw error;
  }

  process.env.E2E_DATABASE_URL_RESOLVED = databaseUrl;
  process.env.E2E_UPLOAD_DIR = UPLOAD_DIR;
  process.env.E2E_MAIL_DIR = MAIL_DIR;
  process.env.E2E_BASE_URL = baseURL;
  return teardown;
}
