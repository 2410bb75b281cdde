import { existsSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import nodemailer from "nodemailer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import {
  getRendicontazioneForUser,
  listVersions,
  reviewRendicontazione,
  saveDraft,
  submitRendicontazione,
  type DraftFields,
} from "~/domain/rendicontazioni.server";
import { env } from "~/env.server";
import { deliverDueMails } from "~/mail/outbox.server";
import { action as rendicontazioneAction, loader as rendicontazioneLoader } from "~/routes/rendicontazione";
import { loader as attachmentLoader } from "~/routes/rendicontazione.attachment";
import { loader as versionsLoader } from "~/routes/rendicontazione.versions";
import { action as periodAction, loader as periodLoader } from "~/routes/reporting-period";
import { UserFacingError } from "~/utils/errors";
import { createUser } from "../factories";
import { startSmtpCatcher } from "../smtp";
import { createProjectFixture } from "../support/projects";
import { minimalPdf, PNG_1X1 } from "../support/files";
import { routeArgs } from "../support/routes";

const uploadRoot = resolve(env.UPLOAD_DIR);
const tmpDir = join(uploadRoot, "tmp");
const tmpEntries = () => (existsSync(tmpDir) ? readdirSync(tmpDir) : []);



function session(user: { id: string; email: string; name: string; role: string; organisationId: string }): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, organisationId: user.organisationId, organisationName: "", sessionId: "sessione-di-prova" };
}

const url = (id: string, rest = "") => `http://localhost:3000/rendicontazioni/${id}${rest}`;

function post(id: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return new Request(url(id), { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
}

function upload(id: string, file: { bytes: Uint8Array; name: string }, title = "") {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("title", title);
  form.set("file", new File([file.bytes as BlobPart], file.name));
  return new Request(url(id), { method: "POST", body: form });
}

/** The status and body of what a loader or action returned or threw: a Response, or data() with its init. */
async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, body: await value.clone().text(), response: value, location: value.headers.get("Location") };
  if (value instanceof Error) throw value;
  const result = value as { data?: unknown; init?: { status?: number } | null; type?: string };
  if (result && result.type === "DataWithResponseInit") {
    const payload = result.data as { errors?: { fieldErrors: Record<string, string>; formError?: string } } & Record<string, unknown>;
    return { status: result.init?.status ?? 200, errors: payload.errors, data: payload };
  }
  return { status: 200, data: value as Record<string, unknown> };
}

async function setup() {
  const fixture = await createProjectFixture({ partners: 2 });
  const [first, second] = fixture.partners as [(typeof fixture.partners)[0], (typeof fixture.partners)[0]];
  const firstPeriod = (organisationId: string) => {
    const r = fixture.rendicontazioni.find((x) => x.organisationId === organisationId && x.period.number === 1);
    if (!r) throw new Error("missing rendicontazione");
    return r;
  };
  return {
    ...fixture,
    partner: { ...first, session: session(first.referent), rendicontazione: firstPeriod(first.organisation.id) },
    other: { ...second, session: session(second.referent), rendicontazione: firstPeriod(second.organisation.id) },
    coordinatorSession: session(fixture.coordinator),
    leadSession: session(fixture.leadReferent),
  };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** A form filled in completely (one expense, every figure, a narrative). */
function completeForm(s: Setup, revision: number, overrides: Record<string, string | string[]> = {}) {
  return {
    intent: "submit",
    revision: String(revision),
    [`value.${s.projectIndicator.id}`]: "12,5",
    [`note.${s.projectIndicator.id}`]: "Nuove famiglie seguite",
    expenseCategory: ["PERSONALE", ""],
    expenseDescription: ["Educatrice, marzo 2026", ""],
    expenseAmount: ["1.250,50", ""],
    expenseReference: ["Busta paga n. 3/2026", ""],
    householdsReached: "14",
    peopleReached: "41",
    minorsReached: "0",
    beneficiariesNote: "Famiglie segnalate dai servizi sociali.",
    narrative: "<p>Nel trimestre abbiamo avviato lo snodo di comunità.</p><script>alert(1)</script>",
    ...overrides,
  };
}

const draft = (s: Setup, overrides: Partial<DraftFields> = {}): DraftFields => ({
  values: [{ projectIndicatorId: s.projectIndicator.id, value: 3, note: "" }],
  expenses: [{ category: "SERVIZI", description: "Trasporto pasti", amountCents: 50_000, reference: "Fattura n. 12/2026" }],
  householdsReached: 5,
  peopleReached: 12,
  minorsReached: 3,
  beneficiariesNote: "",
  narrative: "<p>Consegne settimanali.</p>",
  ...overrides,
});

afterEach(async () => {
  const files = await db.storedFile.findMany({ select: { storageKey: true } });
  await Promise.all(files.map((f) => rm(join(uploadRoot, f.storageKey), { force: true })));
});

describe("rendicontazioni: the partner's draft", () => {
  it("saves a draft from the form (decimals with a comma, amounts in cents) and refuses a save naming an older revision with 409", async () => {
    const s = await setup();
    const id = s.partner.rendicontazione.id;
    const page = await outcome(() => rendicontazioneLoader(routeArgs(new Request(url(id)), s.partner.session, { id })));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ canEdit: true, canReview: false, page: { status: "NOT_STARTED", revision: 0 } });

    const saved = await outcome(() => rendicontazioneAction(routeArgs(post(id, { ...completeForm(s, 0), intent: "save" }), s.partner.session, { id })));
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`/rendicontazioni/${id}?salvata`);
    const stored = await db.rendicontazione.findUniqueOrThrow({ where: { id }, include: { indicatorValues: true, expenses: true } });
    expect(stored).toMatchObject({ status: "DRAFT", revision: 1, householdsReached: 14, peopleReached: 41, minorsReached: 0 });
    expect(stored.narrative).toBe("<p>Nel trimestre abbiamo avviato lo snodo di comunità.</p>");
    expect(stored.indicatorValues).toMatchObject([{ projectIndicatorId: s.projectIndicator.id, value: 12.5, note: "Nuove famiglie seguite" }]);
    expect(stored.expenses).toMatchObject([{ position: 0, category: "PERSONALE", description: "Educatrice, marzo 2026", amountCents: 125_050n, reference: "Busta paga n. 3/2026" }]);

    // The autosave answers with the next revision and the time, for the page to hold.
    const autosaved = await outcome(() =>
      rendicontazioneAction(routeArgs(post(id, { ...completeForm(s, 1), intent: "autosave", householdsReached: "15" }), s.partner.session, { id })),
    );
    expect(autosaved.status).toBe(200);
    expect(autosaved.data).toMatchObject({ saved: { revision: 2, at: expect.stringMatching(/^\d\d:\d\d$/) } });

    // Someone else's page still holds revision 1: refused, nothing overwritten.
    const stale = await outcome(() =>
      rendicontazioneAction(routeArgs(post(id, { ...completeForm(s, 1), intent: "save", householdsReached: "99" }), s.partner.session, { id })),
    );
    expect(stale.status).toBe(409);
    expect(stale.errors?.formError).toContain("modificata da un'altra persona (Paola Partner 1");
    expect(stale.errors?.formError).toContain("Ricarica la pagina");
    const staleAutosave = await outcome(() =>
      rendicontazioneAction(routeArgs(post(id, { ...completeForm(s, 1), intent: "autosave", householdsReached: "99" }), s.partner.session, { id })),
    );
    expect(staleAutosave.status).toBe(409);
    expect(staleAutosave.data).toMatchObject({ conflict: true, autosaveError: expect.stringContaining("modificata da un'altra persona") });
    expect(await db.rendicontazione.findUniqueOrThrow({ where: { id } })).toMatchObject({ revision: 2, householdsReached: 15 });
  });

  it("refuses what is not a number, an incomplete expense row and personal data in the note, each next to its field", async () => {
    const s = await setup();
    const id = s.partner.rendicontazione.id;
    const bad = await outcome(() =>
      rendicontazioneAction(
        routeArgs(
          post(id, {
            ...completeForm(s, 0),
            intent: "save",
            [`value.${s.projectIndicator.id}`]: "dodici",
            expenseCategory: ["PERSONALE", "BENI"],
            expenseDescription: ["Educatrice", "Tablet"],
            expenseAmount: ["1.250,50", "tanti"],
            expenseReference: ["", ""],
            peopleReached: "4,5",
            beneficiariesNote: "Seguito Mario Rossi RSSMRA80A01H501U",
          }),
          s.partner.session,
          { id },
        ),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.errors?.fieldErrors).toMatchObject({
      [`value.${s.projectIndicator.id}`]: expect.stringContaining("con la virgola per i decimali"),
      "expenseAmount.1": expect.stringContaining("Importo non valido"),
      peopleReached: "Inserisci un numero intero, senza decimali (0 se nessuno).",
      beneficiariesNote: "La nota sembra contenere un codice fiscale: qui vanno solo numeri aggregati, toglilo.",
    });
    const email = await outcome(() =>
      rendicontazioneAction(routeArgs(post(id, { ...completeForm(s, 0), intent: "save", beneficiariesNote: "Contatto: mario.rossi@example.org" }), s.partner.session, { id })),
    );
    expect(email.errors?.fieldErrors.beneficiariesNote).toBe("La nota sembra contenere un indirizzo e-mail: qui vanno solo numeri aggregati, toglilo.");
    expect(await db.rendicontazione.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "NOT_STARTED", revision: 0, beneficiariesNote: "" });
  });
});

describe("rendicontazioni: attachments", () => {
  it("keeps a PDF under its name, refuses a PNG renamed .pdf and an .exe with 415 and a file over the limit with 413, the draft intact", async () => {
    const s = await setup();
    const id = s.partner.rendicontazione.id;
    const { revision } = await saveDraft({ id, revision: 0, ...draft(s) }, s.partner.referent);
    const before = tmpEntries();

    const pdf = minimalPdf("Fattura");
    const ok = await outcome(() => rendicontazioneAction(routeArgs(upload(id, { bytes: pdf, name: "Fattura n. 12-2026.pdf" }, "Fattura n. 12/2026"), s.partner.session, { id })));
    expect(ok.status).toBe(200);
    expect(ok.data).toEqual({ done: "Allegato «Fattura n. 12/2026» caricato." });
    const attachment = await db.rendicontazioneAttachment.findFirstOrThrow({ where: { rendicontazioneId: id }, include: { file: true } });
    expect(attachment.file).toMatchObject({ originalName: "Fattura n. 12-2026.pdf", mimeType: "application/pdf" });

    const renamed = await outcome(() => rendicontazioneAction(routeArgs(upload(id, { bytes: new Uint8Array(PNG_1X1), name: "fattura.pdf" }), s.partner.session, { id })));
    expect(renamed.status).toBe(415);
    expect(renamed.errors?.fieldErrors.file).toBe(
      "Il file «fattura.pdf» ha l'estensione .pdf ma contiene un'immagine PNG: carica il file giusto, oppure rinominalo con l'estensione .png.",
    );
    expect(renamed.data?.values).toMatchObject({ intent: "upload" });

    const exe = new Uint8Array(4096);
    exe.set(new TextEncoder().encode("MZ"));
    exe.set([0x50, 0x45, 0, 0], 0x80);
    exe[0x3c] = 0x80;
    const program = await outcome(() => rendicontazioneAction(routeArgs(upload(id, { bytes: exe, name: "setup.exe" }), s.partner.session, { id })));
    expect(program.status).toBe(415);
    expect(program.errors?.fieldErrors.file).toContain("non è di un tipo ammesso: carica un file PDF, immagine (PNG, JPEG, WebP), foglio di calcolo (XLSX, ODS)");

    const big = new Uint8Array(2 * 1024 * 1024 + 10);
    big.set(pdf);
    const tooBig = await outcome(() => rendicontazioneAction(routeArgs(upload(id, { bytes: big, name: "scansione.pdf" }), s.partner.session, { id })));
    expect(tooBig.status).toBe(413);
    expect(tooBig.errors?.formError).toContain("Il file è troppo grande: il limite è 2 MB");
    expect(tooBig.data?.values).toMatchObject({ intent: "upload" });

    // Only the good file was kept; the draft is as it was saved.
    expect(await db.storedFile.count()).toBe(1);
    expect(tmpEntries().filter((entry) => !before.includes(entry))).toEqual([]);
    const stored = await db.rendicontazione.findUniqueOrThrow({ where: { id }, include: { indicatorValues: true, expenses: true } });
    expect(stored).toMatchObject({ status: "DRAFT", revision, householdsReached: 5, narrative: "<p>Consegne settimanali.</p>" });
    expect(stored.indicatorValues.map((v) => v.value)).toEqual([3]);
    expect(stored.expenses.map((e) => e.amountCents)).toEqual([50_000n]);

    // Downloads under its name, opens inline with ?anteprima; removed while editable.
    const download = await attachmentLoader(routeArgs(new Request(url(id, `/allegati/${attachment.id}`)), s.partner.session, { id, attachmentId: attachment.id }));
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; filename="Fattura n. 12-2026.pdf"/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    const preview = await attachmentLoader(routeArgs(new Request(url(id, `/allegati/${attachment.id}?anteprima`)), s.partner.session, { id, attachmentId: attachment.id }));
    expect(preview.headers.get("Content-Disposition")).toMatch(/^inline;/);

    const removed = await outcome(() => rendicontazioneAction(routeArgs(post(id, { intent: "removeAttachment", attachmentId: attachment.id }), s.partner.session, { id })));
    expect(removed.data).toEqual({ done: "Allegato tolto." });
    expect(await db.rendicontazioneAttachment.count()).toBe(0);
    expect(await db.storedFile.count()).toBe(0);
  });

  it("never hands out another rendicontazione's attachment through this one's address", async () => {
    const s = await setup();
    const mine = s.partner.rendicontazione.id;
    const theirs = s.other.rendicontazione.id;
    await outcome(() => rendicontazioneAction(routeArgs(upload(theirs, { bytes: minimalPdf("Fattura"), name: "riservato.pdf" }), s.other.session, { id: theirs })));
    const attachment = await db.rendicontazioneAttachment.findFirstOrThrow({ where: { rendicontazioneId: theirs } });
    const crossed = await outcome(() => attachmentLoader(routeArgs(new Request(url(mine, `/allegati/${attachment.id}`)), s.partner.session, { id: mine, attachmentId: attachment.id })));
    expect(crossed.status).toBe(404);
    const direct = await outcome(() => attachmentLoader(routeArgs(new Request(url(theirs, `/allegati/${attachment.id}`)), s.partner.session, { id: theirs, attachmentId: attachment.id })));
    expect(direct.status).toBe(403);
  });
});

describe("rendicontazioni: sending, review and versions", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(() => smtp.close());

  async function deliver() {
    smtp.messages.length = 0;
    await deliverDueMails({ transport: nodemailer.createTransport(smtp.url), workerId: "test" });
    return [...smtp.messages];
  }

  it("refuses to send an incomplete rendicontazione, listing everything missing, and writes nothing", async () => {
    const s = await setup();
    const id = s.partner.rendicontazione.id;
    const result = await outcome(() =>
      rendicontazioneAction(
        routeArgs(
          post(id, {
            ...completeForm(s, 0),
            [`value.${s.projectIndicator.id}`]: "",
            expenseCategory: [""],
            expenseDescription: [""],
            expenseAmount: [""],
            expenseReference: [""],
            minorsReached: "",
            narrative: "<p> </p>",
          }),
          s.partner.session,
          { id },
        ),
      ),
    );
    expect(result.status).toBe(400);
    expect(result.errors?.formError).toMatch(/^Prima di inviare completa: /);
    expect(result.errors?.formError).toContain("nessuna spesa nel periodo");
    expect(Object.keys(result.errors?.fieldErrors ?? {}).sort()).toEqual([`value.${s.projectIndicator.id}`, "expenses", "minorsReached", "narrative"].sort());
    expect(await db.rendicontazione.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "NOT_STARTED", revision: 0 });
    expect(await db.rendicontazioneVersion.count()).toBe(0);

    // 0 is a value, and "no expenses" ticked stands for the expenses.
    const zero = await outcome(() =>
      rendicontazioneAction(
        routeArgs(
          post(id, { ...completeForm(s, 0), [`value.${s.projectIndicator.id}`]: "0", expenseCategory: [""], expenseDescription: [""], expenseAmount: [""], expenseReference: [""], noExpenses: "1" }),
          s.partner.session,
          { id },
        ),
      ),
    );
    expect(zero.status).toBe(302);
    const [version] = await listVersions(id);
    expect(version?.snapshot).toMatchObject({ noExpenses: true, expenses: [], indicators: [{ value: 0 }] });
  });

  it("send → version 1 and a mail to the coordinators; returned with comments on fields; corrected → version 2; approved", async () => {
    const s = await setup();
    const id = s.partner.rendicontazione.id;
    const sent = await outcome(() => rendicontazioneAction(routeArgs(post(id, completeForm(s, 0)), s.partner.session, { id })));
    expect(sent.status).toBe(302);
    expect(sent.location).toBe(`/rendicontazioni/${id}?inviata`);
    const submitted = await db.rendicontazione.findUniqueOrThrow({ where: { id } });
    expect(submitted.status).toBe("SUBMITTED");
    expect(submitted.submittedAt).toBeInstanceOf(Date);
    const [v1] = await listVersions(id);
    expect(v1).toMatchObject({ number: 1, submittedByName: "Paola Partner 1", review: null });
    expect(v1?.snapshot).toMatchObject({
      indicators: [{ projectIndicatorId: s.projectIndicator.id, name: s.indicator.name, unit: "famiglie", value: 12.5, note: "Nuove famiglie seguite" }],
      expenses: [{ category: "PERSONALE", description: "Educatrice, marzo 2026", amountCents: 125_050, reference: "Busta paga n. 3/2026" }],
      totalCents: 125_050,
      beneficiaries: { householdsReached: 14, peopleReached: 41, minorsReached: 0 },
      narrative: "<p>Nel trimestre abbiamo avviato lo snodo di comunità.</p>",
    });
    const events = await db.auditEvent.findMany({ where: { subjectType: "RENDICONTAZIONE", subjectId: id } });
    expect(events.map((e) => e.summary)).toEqual(["Rendicontazione inviata (versione 1): 1 spese per 1.250,50 €, 0 allegati"]);

    let mails = await deliver();
    expect(mails.map((m) => m.to)).toEqual([[s.coordinator.email]]);
    expect(mails[0]?.subject).toBe(`Rendicontazione inviata: ${s.partner.organisation.name}, ${s.project.code}`);
    expect(mails[0]?.text).toContain(`${env.APP_URL}/rendicontazioni/${id}`);

    // Locked: the partner's form is gone and a save is refused.
    const locked = await outcome(() => rendicontazioneAction(routeArgs(post(id, { ...completeForm(s, submitted.revision), intent: "save" }), s.partner.session, { id })));
    expect(locked.status).toBe(403);

    // Returning needs a comment.
    const silent = await outcome(() =>
      rendicontazioneAction(routeArgs(post(id, { intent: "review", outcome: "RETURNED", revision: String(submitted.revision), comment: "" }), s.coordinatorSession, { id })),
    );
    expect(silent.status).toBe(400);
    expect(silent.errors?.fieldErrors.comment).toBe("Per restituire la rendicontazione scrivi almeno un commento: che cosa va corretto.");

    const returned = await outcome(() =>
      rendicontazioneAction(
        routeArgs(
          post(id, {
            intent: "review",
            outcome: "RETURNED",
            revision: String(submitted.revision),
            comment: "Controllate gli importi.",
            "fieldComment.expenses": "Manca la fattura del catering.",
            [`fieldComment.indicator:${s.projectIndicator.id}`]: "12,5 famiglie? Serve un numero intero.",
          }),
          s.coordinatorSession,
          { id },
        ),
      ),
    );
    expect(returned.status).toBe(302);
    expect(returned.location).toBe(`/rendicontazioni/${id}?restituita`);
    mails = await deliver();
    expect(mails.map((m) => m.to)).toEqual([[s.partner.referent.email]]);
    expect(mails[0]?.subject).toBe(`Rendicontazione da correggere: ${s.project.code}, periodo 1`);
    expect(mails[0]?.text).toContain("Commento di Carla Coordinatrice: Controllate gli importi.");
    expect(mails[0]?.text).toContain("Spese: Manca la fattura del catering.");
    expect(mails[0]?.text).toContain(`Indicatore «${s.indicator.name}»: 12,5 famiglie? Serve un numero intero.`);

    // The partner sees the comments next to the fields, and may edit again.
    const forPartner = await outcome(() => rendicontazioneLoader(routeArgs(new Request(url(id)), s.partner.session, { id })));
    expect(forPartner.data).toMatchObject({
      canEdit: true,
      page: {
        status: "RETURNED",
        latestReview: {
          outcome: "RETURNED",
          comment: "Controllate gli importi.",
          reviewerName: "Carla Coordinatrice",
          fieldComments: [
            { field: `indicator:${s.projectIndicator.id}`, text: "12,5 famiglie? Serve un numero intero.", label: `Indicatore «${s.indicator.name}»` },
            { field: "expenses", text: "Manca la fattura del catering.", label: "Spese" },
          ],
        },
      },
    });

    // Corrected and sent again: version 2.
    const { revision } = await db.rendicontazione.findUniqueOrThrow({ where: { id } });
    const resent = await outcome(() =>
      rendicontazioneAction(
        routeArgs(
          post(id, {
            ...completeForm(s, revision),
            [`value.${s.projectIndicator.id}`]: "12",
            expenseCategory: ["PERSONALE", "SERVIZI"],
            expenseDescription: ["Educatrice, marzo 2026", "Catering della festa di quartiere"],
            expenseAmount: ["1.250,50", "300"],
            expenseReference: ["Busta paga n. 3/2026", "Fattura n. 12/2026"],
            narrative: "<p>Nel trimestre abbiamo avviato lo snodo di comunità con la festa di quartiere.</p>",
          }),
          s.partner.session,
          { id },
        ),
      ),
    );
    expect(resent.status).toBe(302);
    mails = await deliver();
    expect(mails[0]?.subject).toBe(`Rendicontazione corretta e reinviata: ${s.partner.organisation.name}, ${s.project.code}`);

    const resubmitted = await db.rendicontazione.findUniqueOrThrow({ where: { id } });
    const approved = await outcome(() =>
      rendicontazioneAction(routeArgs(post(id, { intent: "review", outcome: "APPROVED", revision: String(resubmitted.revision) }), s.coordinatorSession, { id })),
    );
    expect(approved.location).toBe(`/rendicontazioni/${id}?approvata`);
    const final = await db.rendicontazione.findUniqueOrThrow({ where: { id }, include: { expenses: true, indicatorValues: true } });
    expect(final.status).toBe("APPROVED");
    expect(final.approvedAt).toBeInstanceOf(Date);
    // What the project's progress reads: the approved rows.
    expect(final.expenses.map((e) => e.amountCents)).toEqual([125_050n, 30_000n]);
    expect(final.indicatorValues.map((v) => v.value)).toEqual([12]);
    mails = await deliver();
    expect(mails[0]?.subject).toBe(`Rendicontazione approvata: ${s.project.code}, periodo 1`);

    const versions = await outcome(() => versionsLoader(routeArgs(new Request(url(id, "/versioni")), s.partner.session, { id })));
    const pageData = versions.data as unknown as Awaited<ReturnType<typeof versionsLoader>>;
    expect(pageData.versions.map((v) => [v.number, v.review?.outcome])).toEqual([
      [1, "RETURNED"],
      [2, "APPROVED"],
    ]);
    expect(pageData.comparison).toMatchObject({
      a: 1,
      b: 2,
      indicators: [{ before: "12,5 (Nuove famiglie seguite)", after: "12 (Nuove famiglie seguite)", changed: true }],
      expenses: [
        { kind: "same", text: "Personale · Educatrice, marzo 2026 · 1.250,50 € · Busta paga n. 3/2026" },
        { kind: "added", text: "Servizi e consulenze · Catering della festa di quartiere · 300,00 € · Fattura n. 12/2026" },
      ],
      expensesTotal: { before: "1.250,50 €", after: "1.550,50 €", changed: true },
      narrative: { changed: true },
    });
    expect(pageData.comparison?.narrative.parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["con la festa di quartiere"]);
  });

  it("two coordinators approving and returning at the same moment end in one review, one state; the second is told who came first", async () => {
    const s = await setup();
    const id = s.partner.rendicontazione.id;
    const { revision } = await saveDraft({ id, revision: 0, ...draft(s) }, s.partner.referent);
    await submitRendicontazione({ id, revision, noExpenses: false }, s.partner.referent);
    const second = await createUser({ role: "COORDINATOR", name: "Bruno Secondo", organisationId: s.coordinator.organisationId });
    const current = await db.rendicontazione.findUniqueOrThrow({ where: { id } });
    const results = await Promise.allSettled([
      reviewRendicontazione({ id, revision: current.revision, outcome: "APPROVED", comment: "", fieldComments: [] }, s.coordinator),
      reviewRendicontazione({ id, revision: current.revision, outcome: "RETURNED", comment: "Manca la relazione finanziaria.", fieldComments: [] }, second),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const reviews = await db.rendicontazioneReview.findMany({ where: { rendicontazioneId: id } });
    expect(reviews).toHaveLength(1);
    const review = reviews[0]!;
    const final = await db.rendicontazione.findUniqueOrThrow({ where: { id } });
    expect(final.status).toBe(review.outcome);
    expect(final.approvedAt !== null).toBe(review.outcome === "APPROVED");
    const error = lost[0]!.reason as UserFacingError;
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error.status).toBe(409);
    const what = review.outcome === "APPROVED" ? "approvata" : "restituita per correzioni";
    expect(error.message).toMatch(new RegExp(`^È già stata ${what} da ${review.reviewerName} \\(`));
    // One mail to the partner, for the decision that stood.
    expect(await db.outboxMail.count({ where: { template: "rendicontazione-reviewed" } })).toBe(1);
  });
});

describe("rendicontazioni: who sees what", () => {
  it("another organisation's referent gets 403 on a draft (page, save, upload); the lead's referent reads it only once sent", async () => {
    const s = await setup();
    const id = s.partner.rendicontazione.id;
    await saveDraft({ id, revision: 0, ...draft(s) }, s.partner.referent);
    const page = (user: SessionUser) => outcome(() => rendicontazioneLoader(routeArgs(new Request(url(id)), user, { id })));

    expect((await page(s.other.session)).status).toBe(403);
    expect((await page(s.leadSession)).status).toBe(403);
    const member = await createUser({ role: "MEMBER", organisationId: s.other.organisation.id });
    expect((await page(session(member))).status).toBe(403);
    expect((await page(s.coordinatorSession)).status).toBe(200);
    const colleague = await createUser({ role: "MEMBER", organisationId: s.partner.organisation.id });
    expect((await page(session(colleague))).data).toMatchObject({ canEdit: false });

    const save = await outcome(() => rendicontazioneAction(routeArgs(post(id, { ...completeForm(s, 1), intent: "save" }), s.other.session, { id })));
    expect(save.status).toBe(403);
    const files = await db.storedFile.count();
    const upload403 = await outcome(() => rendicontazioneAction(routeArgs(upload(id, { bytes: minimalPdf("Fattura"), name: "x.pdf" }), s.other.session, { id })));
    expect(upload403.status).toBe(403);
    expect(await db.storedFile.count()).toBe(files);
    const review = await outcome(() => rendicontazioneAction(routeArgs(post(id, { intent: "review", outcome: "APPROVED", revision: "1" }), s.partner.session, { id })));
    expect(review.status).toBe(403);
    await expect(getRendicontazioneForUser(id, s.other.session)).rejects.toMatchObject({ status: 403 });
    await expect(getRendicontazioneForUser("non-esiste", s.other.session)).rejects.toMatchObject({ status: 404 });
    expect((await outcome(() => rendicontazioneLoader(routeArgs(new Request(url("non-esiste")), s.partner.session, { id: "non-esiste" })))).status).toBe(404);
    expect(await db.rendicontazione.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DRAFT", revision: 1 });

    // Sent: the lead's referent reads it and its versions; the other partner still does not.
    await submitRendicontazione({ id, revision: 1, noExpenses: false }, s.partner.referent);
    expect((await page(s.leadSession)).status).toBe(200);
    expect((await outcome(() => versionsLoader(routeArgs(new Request(url(id, "/versioni")), s.leadSession, { id })))).status).toBe(200);
    expect((await page(s.other.session)).status).toBe(403);
    expect((await outcome(() => versionsLoader(routeArgs(new Request(url(id, "/versioni")), s.other.session, { id })))).status).toBe(403);
    await expect(getRendicontazioneForUser(id, s.leadSession)).resolves.toMatchObject({ status: "SUBMITTED", canEdit: false, canReview: false });
  });

  it("the period page is the lead's and the coordinators': partners' states, links only to what may be read, totals of what was sent, the consolidated note", async () => {
    const s = await setup();
    const period = s.partner.rendicontazione.period;
    const params = { id: s.project.id, periodId: period.id };
    const periodUrl = `http://localhost:3000/progetti/${s.project.id}/periodi/${period.id}`;
    const { revision } = await saveDraft({ id: s.partner.rendicontazione.id, revision: 0, ...draft(s) }, s.partner.referent);
    await submitRendicontazione({ id: s.partner.rendicontazione.id, revision, noExpenses: false }, s.partner.referent);
    await saveDraft({ id: s.other.rendicontazione.id, revision: 0, ...draft(s, { householdsReached: 100 }) }, s.other.referent);

    const forLead = await outcome(() => periodLoader(routeArgs(new Request(periodUrl), s.leadSession, params)));
    expect(forLead.status).toBe(200);
    const data = forLead.data as unknown as Awaited<ReturnType<typeof periodLoader>>;
    const row = (organisationId: string) => data.rendicontazioni.find((r) => r.organisationId === organisationId);
    expect(row(s.partner.organisation.id)).toMatchObject({ status: "SUBMITTED", canOpen: true, sent: true, totalCents: 50_000 });
    expect(row(s.other.organisation.id)).toMatchObject({ status: "DRAFT", canOpen: false, sent: false });
    expect(row(s.lead.id)).toMatchObject({ status: "NOT_STARTED", canOpen: true });
    expect(data.totals).toMatchObject({ sentCount: 1, expensesCents: 50_000, householdsReached: 5, peopleReached: 12, minorsReached: 3, indicators: [{ value: "3" }] });
    expect(data.canWriteNote).toBe(true);

    expect((await outcome(() => periodLoader(routeArgs(new Request(periodUrl), s.partner.session, params)))).status).toBe(403);
    expect((await outcome(() => periodLoader(routeArgs(new Request(periodUrl), s.coordinatorSession, params)))).status).toBe(200);

    const note = (user: SessionUser, text: string) =>
      outcome(() =>
        periodAction(routeArgs(new Request(periodUrl, { method: "POST", body: new URLSearchParams({ consolidatedNote: text }), headers: { "Content-Type": "application/x-www-form-urlencoded" } }), user, params)),
      );
    expect((await note(s.partner.session, "Non mio")).status).toBe(403);
    expect((await note(s.leadSession, "x".repeat(5001))).status).toBe(400);
    expect((await note(s.leadSession, "Il periodo è andato bene per tutti i partner.")).data).toEqual({ done: "Nota di sintesi salvata." });
    expect(await db.reportingPeriod.findUniqueOrThrow({ where: { id: period.id } })).toMatchObject({
      consolidatedNote: "Il periodo è andato bene per tutti i partner.",
      consolidatedById: s.leadReferent.id,
    });
  });
});
