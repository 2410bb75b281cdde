import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import {
  addSignatory,
  createProtocol,
  getProtocol,
  listExpiringProtocols,
  listProtocols,
  protocolHistory,
  recordWithdrawal,
  sendProtocolExpiryNotices,
  updateProtocol,
} from "~/domain/protocols.server";
import { getHomeOverview } from "~/domain/tavolo.server";
import { env } from "~/env.server";
import { action as protocolPageAction } from "~/routes/protocol";
import { action as editProtocolAction } from "~/routes/protocol.edit";
import { loader as protocolFileLoader } from "~/routes/protocol.file";
import { action as newProtocolAction } from "~/routes/protocols.new";
import { formatDay, parseDay } from "~/utils/dates";
import { createOrganisation, createUser, sessionUser } from "../factories";
import { startSmtpCatcher } from "../smtp";
import { deliverOutbox } from "../support/mail";
import { minimalPdf, PNG_1X1 } from "../support/files";
import { routeArgs } from "../support/routes";

const DAY_MS = 86_400_000;
const uploadRoot = resolve(env.UPLOAD_DIR);
const tmpDir = join(uploadRoot, "tmp");



async function signedIn(role: Role) {
  const user = await createUser({ role, name: role === "COORDINATOR" ? "Giulia Ferrari" : "Marco Bianchi" });
  const session: SessionUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    role,
    organisationId: user.organisationId,
    organisationName: "Organizzazione di prova",
    sessionId: "sessione-di-prova",
  };
  return session;
}

function protocolForm(file?: { bytes: Uint8Array; name: string; type: string }) {
  const form = new FormData();
  form.set("title", "Protocollo d'Intesa per il contrasto alla povertà");
  form.set("kind", "INTESA");
  form.set("signedOn", "2024-03-01");
  form.set("validUntil", "2027-02-28");
  form.set("obligations", "Il Comune coordina il tavolo.\nLe organizzazioni partecipano agli incontri.");
  if (file) form.set("document", new File([file.bytes as BlobPart], file.name, { type: file.type }));
  return new Request("http://localhost:3000/protocolli/nuovo", { method: "POST", body: form });
}

/** The status and body of what an action returned or threw: a Response, or data() with its init. */
async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, body: await value.text(), response: value };
  if (value instanceof Error) throw value;
  const result = value as { data?: { errors: { fieldErrors: Record<string, string>; formError?: string } }; init?: { status: number } };
  return result.init ? { status: result.init.status, errors: result.data?.errors } : { status: 200, body: value };
}

const tmpEntries = () => (existsSync(tmpDir) ? readdirSync(tmpDir) : []);
const day = (value: string) => parseDay(value) ?? (() => { throw new Error(`bad day ${value}`); })();
const fields = (overrides: Partial<{ title: string; signedOn: string; validUntil: string | null }> = {}) => ({
  title: overrides.title ?? "Protocollo operativo Casa",
  kind: "OPERATIVO" as const,
  signedOn: day(overrides.signedOn ?? "2024-03-01"),
  validUntil: overrides.validUntil === null ? null : day(overrides.validUntil ?? "2027-02-28"),
  obligations: "",
});

// Files written by a test are removed with it, before the next test empties the tables.
afterEach(async () => {
  const files = await db.storedFile.findMany({ select: { storageKey: true } });
  await Promise.all(files.map((f) => rm(join(uploadRoot, f.storageKey), { force: true })));
});

describe("protocols: the signed PDF", () => {
  it("a coordinator creates a protocol with a real PDF: the file is under UPLOAD_DIR, recorded and in the history", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const pdf = minimalPdf();
    const result = await outcome(() =>
      newProtocolAction(routeArgs(protocolForm({ bytes: pdf, name: "Protocollo d'Intesa firmato.pdf", type: "application/pdf" }), coordinator)),
    );
    expect(result.status).toBe(302);
    const protocol = await db.protocol.findFirstOrThrow({ include: { file: true } });
    expect(result.response?.headers.get("Location")).toBe(`/protocolli/${protocol.id}?registrato`);
    expect(protocol).toMatchObject({ title: "Protocollo d'Intesa per il contrasto alla povertà", kind: "INTESA", signedOn: day("2024-03-01") });
    expect(protocol.file).toMatchObject({ originalName: "Protocollo d'Intesa firmato.pdf", mimeType: "application/pdf", size: pdf.byteLength });
    const stored = join(uploadRoot, protocol.file?.storageKey ?? "missing");
    expect(new Uint8Array(readFileSync(stored))).toEqual(pdf);
    const history = await protocolHistory(protocol.id);
    expect(history.map((e) => e.summary)).toEqual(["Protocollo registrato con il documento firmato «Protocollo d'Intesa firmato.pdf»"]);
    expect(history[0]?.actorName).toBe("Giulia Ferrari");

    // Opens in the browser, or downloads with ?scarica; the apostrophe is escaped for RFC 5987.
    const inline = await outcome(() =>
      protocolFileLoader(routeArgs(new Request(`http://localhost:3000/protocolli/${protocol.id}/documento`), coordinator, { id: protocol.id })),
    );
    expect(inline.status).toBe(200);
    expect(inline.response?.headers.get("Content-Type")).toBe("application/pdf");
    expect(inline.response?.headers.get("Content-Disposition")).toBe(
      `inline; filename="Protocollo d'Intesa firmato.pdf"; filename*=UTF-8''Protocollo%20d%27Intesa%20firmato.pdf`,
    );
    const download = await protocolFileLoader(
      routeArgs(new Request(`http://localhost:3000/protocolli/${protocol.id}/documento?scarica`), coordinator, { id: protocol.id }),
    );
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
  });

  it.each([
    ["a PNG", { bytes: new Uint8Array(PNG_1X1), name: "protocollo.pdf", type: "application/pdf" }],
    ["a text file", { bytes: new TextEncoder().encode("Questo non è un PDF, solo testo.\n"), name: "protocollo.pdf", type: "application/pdf" }],
  ])("refuses %s named protocollo.pdf with 415 and a message naming PDF; nothing is written", async (_, file) => {
    const coordinator = await signedIn("COORDINATOR");
    const before = tmpEntries();
    const result = await outcome(() => newProtocolAction(routeArgs(protocolForm(file), coordinator)));
    expect(result.status).toBe(415);
    expect(result.errors?.fieldErrors.document).toBe(
      "Il file «protocollo.pdf» non è di un tipo ammesso: carica un file PDF. Il tipo si riconosce dal contenuto, non dal nome.",
    );
    expect(await db.protocol.count()).toBe(0);
    expect(await db.storedFile.count()).toBe(0);
    expect(tmpEntries().filter((entry) => !before.includes(entry))).toEqual([]);
  });

  it("refuses a file over the limit (2 MB in tests) with 413 and a clear message; nothing is written", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const big = new Uint8Array(2 * 1024 * 1024 + 10);
    big.set(minimalPdf());
    const before = tmpEntries();
    const result = await outcome(() =>
      newProtocolAction(routeArgs(protocolForm({ bytes: big, name: "scansione.pdf", type: "application/pdf" }), coordinator)),
    );
    expect(result.status).toBe(413);
    expect(result.errors?.formError).toBe("Il file è troppo grande: il limite è 2 MB. Nessun dato è stato salvato.");
    expect(await db.protocol.count()).toBe(0);
    expect(await db.storedFile.count()).toBe(0);
    expect(tmpEntries().filter((entry) => !before.includes(entry))).toEqual([]);
  });

  it("answers a broken multipart body with 400, not an error page", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const request = new Request("http://localhost:3000/protocolli/nuovo", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=confine" },
      body: "--confine\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nsenza fine",
    });
    const result = await outcome(() => newProtocolAction(routeArgs(request, coordinator)));
    expect(result.status).toBe(400);
    expect(result.errors?.formError).toBe("Il modulo inviato non è leggibile.");
  });

  it("refuses members and referents with 403, before reading the upload", async () => {
    for (const role of ["MEMBER", "REFERENT"] as const) {
      const user = await signedIn(role);
      const result = await outcome(() =>
        newProtocolAction(routeArgs(protocolForm({ bytes: minimalPdf(), name: "p.pdf", type: "application/pdf" }), user)),
      );
      expect(result.status).toBe(403);
    }
    expect(await db.protocol.count()).toBe(0);
  });

  it("replacing the PDF keeps the old file's record; a protocol without a PDF answers 404", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const protocol = await createProtocol(fields(), undefined, coordinator);
    const missing = await outcome(() =>
      protocolFileLoader(routeArgs(new Request(`http://localhost:3000/protocolli/${protocol.id}/documento`), coordinator, { id: protocol.id })),
    );
    expect(missing.status).toBe(404);

    const upload = async (name: string) => {
      const form = new FormData();
      for (const [key, value] of Object.entries({ title: "Protocollo operativo Casa", kind: "OPERATIVO", signedOn: "2024-03-01", validUntil: "2027-02-28" })) {
        form.set(key, value);
      }
      form.set("document", new File([minimalPdf(name) as BlobPart], name, { type: "application/pdf" }));
      const request = new Request(`http://localhost:3000/protocolli/${protocol.id}/modifica`, { method: "POST", body: form });
      return outcome(() => editProtocolAction(routeArgs(request, coordinator, { id: protocol.id })));
    };
    expect((await upload("prima.pdf")).status).toBe(302);
    expect((await upload("seconda.pdf")).status).toBe(302);
    const files = await db.storedFile.findMany({ orderBy: { createdAt: "asc" } });
    expect(files.map((f) => f.originalName)).toEqual(["prima.pdf", "seconda.pdf"]);
    expect((await db.protocol.findUniqueOrThrow({ where: { id: protocol.id } })).fileId).toBe(files[1]?.id);
    const history = await protocolHistory(protocol.id);
    expect(history[0]?.summary).toBe("Documento firmato sostituito: «seconda.pdf»");
    expect(history[0]?.changes).toEqual({ "Documento firmato": ["prima.pdf", "seconda.pdf"] });
  });
});

describe("protocols: signatories", () => {
  it("organisations sign at the signature or later, and withdraw; the history and the counts follow", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const [caritas, acli, late] = await Promise.all([
      createOrganisation({ name: "Caritas Ambrosiana" }),
      createOrganisation({ name: "ACLI provinciali" }),
      createOrganisation({ name: "Cooperativa Il Torpedone" }),
    ]);
    const protocol = await createProtocol(fields({ validUntil: null }), undefined, coordinator);
    await addSignatory(protocol.id, { organisationId: caritas.id, signedOn: day("2024-03-01") }, coordinator);
    await addSignatory(protocol.id, { organisationId: acli.id, signedOn: day("2024-03-01") }, coordinator);
    await addSignatory(protocol.id, { organisationId: late.id, signedOn: day("2024-09-15") }, coordinator);

    await expect(addSignatory(protocol.id, { organisationId: acli.id, signedOn: day("2024-05-01") }, coordinator)).rejects.toThrow(
      "ACLI provinciali è già firmataria dal 1 marzo 2024.",
    );
    await expect(recordWithdrawal(protocol.id, { signatoryId: late.id, withdrawnOn: day("2024-09-01") }, coordinator)).rejects.toThrow(
      "Cooperativa Il Torpedone ha firmato il 15 settembre 2024: il recesso non può essere precedente.",
    );
    await recordWithdrawal(protocol.id, { signatoryId: acli.id, withdrawnOn: day("2025-01-10") }, coordinator);
    await expect(recordWithdrawal(protocol.id, { signatoryId: acli.id, withdrawnOn: day("2025-02-10") }, coordinator)).rejects.toThrow(
      "Scegli un'organizzazione tra le firmatarie attuali.",
    );

    const shown = await getProtocol(protocol.id, day("2025-06-01"));
    expect(shown.signatories.map((s) => [s.organisation.name, formatDay(s.signedOn), s.withdrawnOn && formatDay(s.withdrawnOn), s.active])).toEqual([
      ["Caritas Ambrosiana", "1 marzo 2024", null, true],
      ["Cooperativa Il Torpedone", "15 settembre 2024", null, true],
      ["ACLI provinciali", "1 marzo 2024", "10 gennaio 2025", false],
    ]);
    expect((await listProtocols(day("2025-06-01")))[0]?.activeSignatories).toBe(2);
    // Before the withdrawal's date the organisation still counts.
    expect((await listProtocols(day("2025-01-01")))[0]?.activeSignatories).toBe(3);
    expect((await protocolHistory(protocol.id)).map((e) => e.summary)).toEqual([
      "Recesso: ACLI provinciali, dal 10 gennaio 2025",
      "Firmataria aggiunta: Cooperativa Il Torpedone, dal 15 settembre 2024",
      "Firmataria aggiunta: ACLI provinciali, dal 1 marzo 2024",
      "Firmataria aggiunta: Caritas Ambrosiana, dal 1 marzo 2024",
      "Protocollo registrato",
    ]);
  });

  it("through the page's form: a signing date before the protocol's is refused next to its field, and members get 403", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const member = await signedIn("MEMBER");
    const organisation = await createOrganisation({ name: "Fondazione Comunitaria Nord Milano" });
    const protocol = await createProtocol(fields(), undefined, coordinator);
    const post = (user: SessionUser, values: Record<string, string>) =>
      outcome(() =>
        protocolPageAction(
          routeArgs(new Request(`http://localhost:3000/protocolli/${protocol.id}`, { method: "POST", body: new URLSearchParams(values) }), user, {
            id: protocol.id,
          }),
        ),
      );
    const early = await post(coordinator, { intent: "addSignatory", organisationId: organisation.id, signedOn: "2024-02-28" });
    expect(early.status).toBe(400);
    expect(early.errors?.fieldErrors.signedOn).toBe("La data di firma non può precedere la sottoscrizione del protocollo (1 marzo 2024).");
    expect((await post(member, { intent: "addSignatory", organisationId: organisation.id, signedOn: "2024-04-01" })).status).toBe(403);
    expect(await db.protocolSignatory.count()).toBe(0);
    const added = await post(coordinator, { intent: "addSignatory", organisationId: organisation.id, signedOn: "2024-04-01" });
    expect(added.body).toEqual({ done: "Organizzazione firmataria aggiunta." });
    expect(await db.protocolSignatory.count()).toBe(1);
  });

  it("a protocol's signature cannot be moved after a signatory's own", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const organisation = await createOrganisation({ name: "Auser Cinisello" });
    const protocol = await createProtocol(fields(), undefined, coordinator);
    await addSignatory(protocol.id, { organisationId: organisation.id, signedOn: day("2024-03-01") }, coordinator);
    await expect(updateProtocol(protocol.id, fields({ signedOn: "2024-04-01" }), undefined, coordinator)).rejects.toThrow(
      "Auser Cinisello risulta firmataria dal 1 marzo 2024",
    );
  });
});

describe("protocols: expiry", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(() => smtp.close());

  const deliver = () => deliverOutbox(smtp);

  /** 10:00 in Rome, `days` before the stored day `end`. */
  const daysBefore = (end: Date, days: number) => new Date(end.getTime() - days * DAY_MS + 8 * 3_600_000);

  it("mails each active coordinator once 60 days before the end and once 15 days before; a new end date re-arms", async () => {
    const anna = await signedIn("COORDINATOR");
    await db.user.update({ where: { id: anna.id }, data: { email: "anna@example.org", name: "Anna Conti" } });
    await createUser({ role: "COORDINATOR", email: "bruno@example.org", name: "Bruno Sala" });
    await createUser({ role: "COORDINATOR", email: "ex@example.org", active: false });
    await createUser({ role: "REFERENT", email: "referente@example.org" });
    const end = day("2026-06-30");
    const protocol = await createProtocol({ ...fields(), title: "Protocollo operativo Cibo", validUntil: end }, undefined, sessionUser(anna));
    for (const name of ["Banco alimentare", "Emporio solidale"]) {
      const organisation = await createOrganisation({ name });
      await addSignatory(protocol.id, { organisationId: organisation.id, signedOn: day("2024-03-01") }, sessionUser(anna));
    }

    expect(await sendProtocolExpiryNotices(daysBefore(end, 61))).toBe(0);
    expect(await sendProtocolExpiryNotices(daysBefore(end, 59))).toBe(2);
    const first = await deliver();
    expect(first.map((m) => m.to)).toEqual([["anna@example.org"], ["bruno@example.org"]]);
    for (const mail of first) {
      expect(mail.subject).toBe("Protocollo in scadenza il 30 giugno 2026: Protocollo operativo Cibo");
      expect(mail.text).toContain("il Protocollo operativo «Protocollo operativo Cibo» è valido fino al 30 giugno 2026: mancano 59 giorni.");
      expect(mail.text).toContain("Il protocollo ha 2 organizzazioni firmatarie attive.");
      expect(mail.text).toContain(`Apri il protocollo:\nhttp://localhost:3000/protocolli/${protocol.id}`);
    }
    expect(first[0]?.text).toContain("Buongiorno Anna Conti");

    // Hourly runs: nothing more until the 15-day notice.
    expect(await sendProtocolExpiryNotices(daysBefore(end, 59))).toBe(0);
    expect(await sendProtocolExpiryNotices(daysBefore(end, 30))).toBe(0);
    expect(await deliver()).toEqual([]);

    expect(await sendProtocolExpiryNotices(daysBefore(end, 14))).toBe(2);
    const second = await deliver();
    expect(second).toHaveLength(2);
    expect(second[0]?.text).toContain("mancano 14 giorni");
    expect(await sendProtocolExpiryNotices(daysBefore(end, 13))).toBe(0);

    // Renewed for a year: the notices start again for the new end date.
    const renewed = day("2027-06-30");
    await updateProtocol(protocol.id, { ...fields(), title: "Protocollo operativo Cibo", validUntil: renewed }, undefined, sessionUser(anna));
    expect(await sendProtocolExpiryNotices(daysBefore(end, 13))).toBe(0);
    expect(await sendProtocolExpiryNotices(daysBefore(renewed, 60))).toBe(2);
    const third = await deliver();
    expect(third[0]?.subject).toBe("Protocollo in scadenza il 30 giugno 2027: Protocollo operativo Cibo");
    expect(third[0]?.text).toContain("mancano 60 giorni");
    expect(await db.protocolExpiryNotice.count()).toBe(3);
  });

  it("a protocol entered 10 days before its end gets only the more urgent notice; an expired one gets none", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const now = new Date("2026-05-20T08:00:00Z");
    await createProtocol({ ...fields(), validUntil: day("2026-05-30") }, undefined, coordinator);
    await createProtocol({ ...fields({ title: "Scaduto" }), validUntil: day("2026-05-19") }, undefined, coordinator);
    expect(await sendProtocolExpiryNotices(now)).toBe(1);
    expect(await db.protocolExpiryNotice.findMany({ select: { daysBefore: true } })).toEqual([{ daysBefore: 15 }]);
    expect((await deliver())[0]?.text).toContain("mancano 10 giorni");
  });

  it("the home page lists protocols ending within 60 days and those ended in the last 30, and nothing else", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const now = new Date("2026-05-20T08:00:00Z");
    for (const [title, validUntil] of [
      ["Tra 60 giorni", "2026-07-19"],
      ["Tra 61 giorni", "2026-07-20"],
      ["Scaduto da 30 giorni", "2026-04-20"],
      ["Scaduto da 31 giorni", "2026-04-19"],
      ["Oggi", "2026-05-20"],
    ] as const) {
      await createProtocol({ ...fields({ title }), signedOn: day("2024-01-01"), validUntil: day(validUntil) }, undefined, coordinator);
    }
    await createProtocol({ ...fields({ title: "Senza scadenza", validUntil: null }) }, undefined, coordinator);
    const expiring = await listExpiringProtocols(day("2026-05-20"));
    expect(expiring.map((p) => [p.title, p.daysLeft, p.expiry])).toEqual([
      ["Scaduto da 30 giorni", -30, "EXPIRED"],
      ["Oggi", 0, "EXPIRING"],
      ["Tra 60 giorni", 60, "EXPIRING"],
    ]);
    expect((await getHomeOverview(now)).expiringProtocols.map((p) => p.title)).toEqual(["Scaduto da 30 giorni", "Oggi", "Tra 60 giorni"]);
  });
});
