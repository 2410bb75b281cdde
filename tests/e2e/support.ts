// What every end-to-end spec uses: the `test` with its fixtures (`db`, `mailbox`), the accessibility
// check, the demo accounts and small helpers for pages and forms. See tests/e2e/README.md.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { hash } from "@node-rs/argon2";
import { test as base, expect, type BrowserContext, type Locator, type Page, type Response } from "@playwright/test";
import Database from "better-sqlite3";
import pg from "pg";
import { linkIn as linkInMail, type CaughtMail as SmtpMail } from "../smtp";

export { expect };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BASE_URL = process.env.E2E_BASE_URL ?? "http://localhost:3100";

/** The seed's accounts (prisma/seed.ts DEMO_ACCOUNTS). Never change their state in a test. */
export const DEMO = {
  coordinator: { email: "coordinatore@example.org", password: "Demo-Coordinamento-2026", name: "Giulia Ferrari" },
  referent: { email: "referente@example.org", password: "Demo-Referente-Caritas-2026", name: "Marco Colombo" },
  member: { email: "componente@example.org", password: "Demo-Componente-Tavolo-2026", name: "Anna Bianchi" },
} as const;

export type Role = "COORDINATOR" | "REFERENT" | "MEMBER";

/** A fresh address for each call: tests that change a user never share it. */
export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${randomBytes(3).toString("hex")}@example.org`;
}

/** A fresh person name (letters only), for buttons like "Disattiva <name>" that must be unique. */
export function uniqueName(firstName: string) {
  const letters = randomBytes(6)
    .toString("hex")
    .replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)] ?? "x");
  return `${firstName} Prova${letters}`;
}

// --- Accessibility ------------------------------------------------------------------------------

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const a11yResults = new Map<string, string[]>();

/**
 * axe-core on WCAG 2.1 A and AA: zero violations expected. Soft, so the journey goes on and the
 * test still fails at its end, with every violation's rule, help text and nodes in the report.
 */
export async function checkA11y(page: Page) {
  // The same markup under the same stylesheet and viewport gives the same answer: a page state this
  // worker has already analysed (the empty sign-in form, an error page...) reuses its result, which
  // is still asserted here, so a violation fails every test that shows it.
  const markup = await page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    for (const script of clone.querySelectorAll("script")) script.remove();
    const values = [...document.querySelectorAll("input, select, textarea")].map((el) => (el as HTMLInputElement).value);
    return `${clone.outerHTML}\n${JSON.stringify(values)}\n${document.activeElement?.id ?? ""}\n${innerWidth}x${innerHeight}`;
  });
  const key = createHash("sha256").update(markup).digest("hex");
  let found = a11yResults.get(key);
  if (process.env.E2E_A11Y_LOG) console.log(`[a11y] ${found ? "cache" : "axe  "} ${page.url()}`);
  if (!found) {
    found = await analyze(page);
    a11yResults.set(key, found);
  }
  expect.soft(found, `Violazioni di accessibilità (axe, WCAG 2.1 AA) su ${page.url()}`).toEqual([]);
}

async function analyze(page: Page): Promise<string[]> {
  // Legacy mode runs axe.run() inside the page instead of opening an extra page to merge the results
  // of every frame: same rules and tags, half the time. Tavolo's pages have no cross-origin frames
  // (the one iframe, the development-only mail preview, is refused in production).
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? "?"}): ${v.help} [${v.helpUrl}]\n` +
      v.nodes.map((n) => `      ${n.target.join(" ")}: ${n.failureSummary?.replace(/\n/g, " ") ?? ""}`).join("\n"),
  );
}

// --- Pages and forms ----------------------------------------------------------------------------

/** Waits until React has hydrated the page, so a click goes through React Router's <Form>. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const main = document.getElementById("main-content");
    return main !== null && Object.keys(main).some((key) => key.startsWith("__reactFiber$"));
  });
}

/** page.goto + hydration; returns the document's response (its status is the page's status). */
export async function visit(page: Page, url: string): Promise<Response> {
  const response = await page.goto(url);
  if (!response) throw new Error(`Nessuna risposta per ${url}`);
  await waitForHydration(page);
  return response;
}

/**
 * Clicks a submit button and returns the response to the POST it causes: React Router sends it to
 * `<path>.data` once hydrated (a plain `<path>` without JavaScript); either carries the action's status.
 */
export async function submit(page: Page, button: Locator, pathname: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => {
      if (r.request().method() !== "POST") return false;
      const p = new URL(r.url()).pathname;
      return p === pathname || p === `${pathname}.data`;
    }),
    button.click(),
  ]);
  return response;
}

/** A form field shows `message` right below it, tied to it with aria-describedby, and is marked invalid. */
export async function expectFieldError(page: Page, label: string, message: string | RegExp) {
  const field = page.getByLabel(label, { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(typeof message === "string" ? new RegExp(escapeRegExp(message)) : message);
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  expect(
    texts.some((text) => (typeof message === "string" ? text.includes(message) : message.test(text))),
    `aria-describedby di "${label}" (${ids.join(", ")}) punta a un elemento con il messaggio ${String(message)}`,
  ).toBe(true);
}

export const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Sign-in through the real form (the page must be /accedi). Returns the POST's response. */
export async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  return submit(page, page.getByRole("button", { name: "Accedi", exact: true }), "/accedi");
}

// --- Mail ---------------------------------------------------------------------------------------

export interface CaughtMail extends SmtpMail {
  file: string;
}

export class Mailbox {
  constructor(readonly dir: string) {}

  all(): CaughtMail[] {
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((f) => f.endsWith(".json") && !f.startsWith("."));
    } catch {
      return [];
    }
    return files.sort().map((file) => ({ ...(JSON.parse(readFileSync(path.join(this.dir, file), "utf8")) as CaughtMail), file }));
  }

  private matching(to: string, subject: RegExp | string, after?: Date) {
    const address = to.toLowerCase();
    return this.all().filter(
      (mail) =>
        mail.to.includes(address) &&
        (typeof subject === "string" ? mail.subject.includes(subject) : subject.test(mail.subject)) &&
        (!after || Date.parse(mail.receivedAt) >= after.getTime()),
    );
  }

  /** The first mail to `to` whose subject matches, received at or after `after`; polls until `timeout`. */
  async waitForMail(to: string, subjectIncludes: RegExp | string, options: { after?: Date; timeout?: number } = {}) {
    const { after, timeout = 15_000 } = options;
    const deadline = Date.now() + timeout;
    for (;;) {
      const [mail] = this.matching(to, subjectIncludes, after);
      if (mail) return mail;
      if (Date.now() > deadline) {
        const seen = this.all().map((m) => `${m.receivedAt} ${m.to.join(",")}: ${m.subject}`);
        throw new Error(
          `Nessuna e-mail per ${to} con oggetto ${String(subjectIncludes)} entro ${timeout} ms` +
            `${after ? ` (dopo ${after.toISOString()})` : ""}. Ricevute:\n${seen.join("\n") || "(nessuna)"}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The first link in the mail's text part whose path starts with `pathPrefix` (see linkIn). */
  linkIn(mail: CaughtMail, pathPrefix: string): string {
    return linkIn(mail, pathPrefix);
  }

  /** No mail to `to` arrives from `since` for `ms` milliseconds. */
  async expectNoMail(to: string, since: Date, ms = 1_500) {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.matching(to, /.*/, since);
      expect(found.map((m) => m.subject), `nessuna e-mail deve arrivare a ${to}`).toEqual([]);
      if (Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The first address in the mail's text part whose path starts with `pathPrefix` (e.g. "/invito/"). */
export const linkIn = (mail: CaughtMail, pathPrefix: string) => linkInMail(mail, pathPrefix).toString();

// --- Database -----------------------------------------------------------------------------------

type Param = string | number | boolean | null | Date;

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  active: boolean;
}

/**
 * Direct access to the test database, for set-up shortcuts and for checking what a request wrote.
 * SQL is written with `?` placeholders and double-quoted Prisma names, valid on both databases.
 */
export class TestDb {
  readonly kind: "sqlite" | "postgresql";
  private sqlite?: Database.Database;
  private pool?: pg.Pool;

  constructor(readonly url: string) {
    if (/^postgres(ql)?:\/\//.test(url)) {
      this.kind = "postgresql";
      this.pool = new pg.Pool({ connectionString: url, max: 2 });
    } else {
      this.kind = "sqlite";
      this.sqlite = new Database(path.resolve(ROOT, url.replace(/^file:/, "")));
      this.sqlite.pragma("busy_timeout = 5000");
    }
  }

  /**
   * How Prisma stores a DateTime: on SQLite (better-sqlite3 adapter) ISO 8601 text with "+00:00",
   * as the seed's rows show; on PostgreSQL a TIMESTAMP(3) without time zone, in UTC.
   */
  private value(param: Param): string | number | boolean | null {
    if (param instanceof Date) {
      const iso = param.toISOString();
      return this.kind === "sqlite" ? iso.replace("Z", "+00:00") : iso.replace("T", " ").replace("Z", "");
    }
    if (typeof param === "boolean" && this.kind === "sqlite") return param ? 1 : 0;
    return param;
  }

  async all<T = Record<string, unknown>>(sql: string, params: Param[] = []): Promise<T[]> {
    const values = params.map((p) => this.value(p));
    if (this.sqlite) return this.sqlite.prepare(sql).all(...values) as T[];
    let n = 0;
    const result = await this.pool!.query(sql.replace(/\?/g, () => `$${++n}`), values);
    return result.rows as T[];
  }

  async one<T = Record<string, unknown>>(sql: string, params: Param[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: Param[] = []): Promise<void> {
    const values = params.map((p) => this.value(p));
    if (this.sqlite) {
      this.sqlite.prepare(sql).run(...values);
      return;
    }
    let n = 0;
    await this.pool!.query(sql.replace(/\?/g, () => `$${++n}`), values);
  }

  async count(table: string, where = "1 = 1", params: Param[] = []): Promise<number> {
    const row = await this.one<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`, params);
    return Number(row?.n ?? 0);
  }

  async findUser(email: string): Promise<UserRow | undefined> {
    const row = await this.one<UserRow & { active: boolean | number }>(
      `SELECT "id", "email", "name", "role", "passwordHash", "active" FROM "User" WHERE "email" = ?`,
      [email.toLowerCase()],
    );
    return row && { ...row, active: Boolean(row.active) };
  }

  async organisationId(name?: string): Promise<string> {
    const row = name
      ? await this.one<{ id: string }>(`SELECT "id" FROM "Organisation" WHERE "name" = ?`, [name])
      : await this.one<{ id: string }>(`SELECT "id" FROM "Organisation" ORDER BY "isCoordinator" DESC, "name" LIMIT 1`);
    if (!row) throw new Error(`Organizzazione non trovata: ${name ?? "(la prima)"}`);
    return row.id;
  }

  /** A user written straight into the table, with the app's own Argon2id parameters. */
  async createUser(input: {
    email: string;
    name: string;
    role: Role;
    organisationName?: string;
    password?: string;
  }): Promise<UserRow & { password: string }> {
    const password = input.password ?? "Una frase lunga per il test";
    const passwordHash = await hash(password, { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 });
    const now = new Date();
    const user = {
      id: randomUUID(),
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash,
      active: true,
    };
    await this.run(
      `INSERT INTO "User" ("id", "email", "name", "role", "organisationId", "passwordHash", "active", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [user.id, user.email, user.name, user.role, await this.organisationId(input.organisationName), passwordHash, true, now, now],
    );
    return { ...user, password };
  }

  /**
   * The sign-in shortcut: a Session row as app/auth/session.server.ts makes one (id = SHA-256 hex of
   * the token) and the cookie React Router's createCookie would set for it. Without secrets,
   * createCookie stores btoa(JSON.stringify(value)) and the cookie library URI-encodes that.
   */
  async signInAs(context: BrowserContext, email: string): Promise<string> {
    const user = await this.findUser(email);
    if (!user) throw new Error(`signInAs: nessun utente ${email}`);
    const token = base32(randomBytes(20));
    const id = sha256Hex(token);
    const now = new Date();
    await this.run(`INSERT INTO "Session" ("id", "userId", "expiresAt", "createdAt") VALUES (?, ?, ?, ?)`, [
      id,
      user.id,
      new Date(now.getTime() + 30 * 24 * 60 * 60_000),
      now,
    ]);
    await context.addCookies([
      {
        name: "tavolo_session",
        value: sessionCookieValue(token),
        domain: new URL(BASE_URL).hostname,
        path: "/",
        httpOnly: true,
        sameSite: "Lax",
        expires: Math.floor(now.getTime() / 1000) + 30 * 24 * 60 * 60,
      },
    ]);
    return token;
  }

  /** A password-reset link for the user, as requestPasswordReset would mail it (valid one hour). */
  async createPasswordReset(userId: string): Promise<string> {
    const token = base32(randomBytes(20));
    const now = new Date();
    await this.run(
      `INSERT INTO "PasswordReset" ("id", "userId", "tokenHash", "expiresAt", "createdAt") VALUES (?, ?, ?, ?, ?)`,
      [randomUUID(), userId, sha256Hex(token), new Date(now.getTime() + 60 * 60_000), now],
    );
    return `/reimposta-password/${token}`;
  }

  /** An open invitation from the demo coordinator, as inviteUser would mail it (valid 7 days). */
  async createInvitation(input: { email: string; role: Role; organisationName?: string }): Promise<string> {
    const token = base32(randomBytes(20));
    const now = new Date();
    const inviter = await this.findUser(DEMO.coordinator.email);
    await this.run(
      `INSERT INTO "Invitation" ("id", "email", "role", "organisationId", "tokenHash", "expiresAt", "invitedById", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        randomUUID(),
        input.email.toLowerCase(),
        input.role,
        await this.organisationId(input.organisationName),
        sha256Hex(token),
        new Date(now.getTime() + 7 * 24 * 60 * 60_000),
        inviter!.id,
        now,
        now,
      ],
    );
    return `/invito/${token}`;
  }

  async close() {
    this.sqlite?.close();
    await this.pool?.end();
  }
}

/** React Router's createCookie encoding of a string without secrets (see TestDb.signInAs). */
export function sessionCookieValue(token: string) {
  return encodeURIComponent(Buffer.from(JSON.stringify(token), "utf8").toString("base64"));
}

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function base32(bytes: Uint8Array) {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

// --- Fixtures -----------------------------------------------------------------------------------

export const test = base.extend<{ mailbox: Mailbox }, { db: TestDb }>({
  db: [
    async ({}, use) => {
      const url = process.env.E2E_DATABASE_URL_RESOLVED;
      if (!url) throw new Error("E2E_DATABASE_URL_RESOLVED non impostato: i test partono da tests/e2e/global-setup.ts");
      const db = new TestDb(url);
      await use(db);
      await db.close();
    },
    { scope: "worker" },
  ],
  mailbox: async ({}, use) => {
    const dir = process.env.E2E_MAIL_DIR;
    if (!dir) throw new Error("E2E_MAIL_DIR non impostato: i test partono da tests/e2e/global-setup.ts");
    await use(new Mailbox(dir));
  },
});

// --- Files to upload ----------------------------------------------------------------------------

/** A minimal, valid one-page PDF: header, three objects, a cross-reference table with true offsets. */
export function minimalPdf(text: string) {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
  ];
  let body = `%PDF-1.4\n% ${text}\n`;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A 1×1 PNG: a picture, whatever its name says. */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
