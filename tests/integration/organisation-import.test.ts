import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { listHistory } from "~/domain/audit.server";
import { exportOrganisations } from "~/domain/organisation-export.server";
import { applyImport, confirmImport, previewImport, readCsvUpload } from "~/domain/organisation-import.server";
import { createOrganisation, membershipFields, organisationFields, parseRegistryFilters } from "~/domain/organisations.server";
import { db } from "~/db.server";
import { loader as exportLoader } from "~/routes/organisations.export";
import { action as importAction, loader as importLoader } from "~/routes/organisations.import";
import { UserFacingError } from "~/utils/errors";
import { createUser } from "../factories";
import { routeArgs } from "../support/routes";

/** A valid 11-digit codice fiscale from its first ten digits (the check digit of fiscal-codes.server.ts). */
function codiceFiscale(first10: string) {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(first10[i]);
    sum += i % 2 === 0 ? digit : digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return `${first10}${(10 - (sum % 10)) % 10}`;
}

const CF = {
  existing: "01971350150",
  nuova: codiceFiscale("9700000001"),
  senzaNome: codiceFiscale("9700000002"),
  doppia: codiceFiscale("9700000003"),
  forma: codiceFiscale("9700000004"),
  data: codiceFiscale("9700000005"),
  nomePreso: codiceFiscale("9700000006"),
  altro: codiceFiscale("9700000007"),
  seconda: codiceFiscale("9700000008"),
};

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

async function registered(name: string, codice: string, extra: Record<string, string> = {}, status = "ADERENTE", effectiveOn = "2023-01-10") {
  const actor = await signedIn("COORDINATOR");
  return createOrganisation(
    organisationFields.parse({ name, legalForm: "COOPERATIVA_SOCIALE_A", codiceFiscale: codice, ...extra }),
    membershipFields.parse({ status, effectiveOn, reason: status === "EX_PARTNER" ? "Recesso" : "" }),
    actor,
  );
}

const HEADER = "Nome;Sigla;Forma giuridica;Codice fiscale;Telefono;Stato;Stato dal (gg/mm/aaaa)";
const MIXED_FILE = [
  HEADER,
  `Associazione Nuova;AN;Associazione di volontariato;${CF.nuova};;Partner;01/03/2024`,
  "Associazione Codice Errato;;Associazione di volontariato;01971350151;;Aderente;01/03/2024",
  `;;Fondazione;${CF.senzaNome};;Aderente;01/03/2024`,
  `Doppia;;Fondazione;${CF.doppia};;Aderente;01/03/2024`,
  `Doppia bis;;Fondazione;${CF.doppia};;Aderente;01/03/2024`,
  `Cooperativa Esistente;;cooperativa sociale di tipo a;${CF.existing};02 2222;PARTNER;15/06/2025`,
  "",
  `Forma Strana;;Circolo;${CF.forma};;aderente;01/03/2024`,
  `Data Sbagliata;;ALTRO;${CF.data};;Aderente;31/02/2024`,
  `Nome Preso;;Altro;${CF.nomePreso};;Aderente;01/01/2024`,
].join("\r\n");

const counts = async () => ({
  organisations: await db.organisation.count(),
  steps: await db.membershipChange.count(),
  events: await db.auditEvent.count(),
});

const view = (rows: Awaited<ReturnType<typeof previewImport>>["rows"]) =>
  rows.map(({ line, name, outcome, reasons, changes }) => ({ line, name, outcome, reasons, changes }));

describe("CSV import of organisations", () => {
  it("previews each row as new, update or error with its reason, and writes nothing", async () => {
    await registered("Cooperativa Esistente", CF.existing, { phone: "02 1111" });
    await registered("Nome Preso", CF.altro);
    const before = await counts();

    const plan = await previewImport(MIXED_FILE);

    expect(view(plan.rows)).toEqual([
      { line: 2, name: "Associazione Nuova", outcome: "new", reasons: [], changes: [] },
      {
        line: 3,
        name: "Associazione Codice Errato",
        outcome: "error",
        reasons: ["Codice fiscale: codice fiscale non valido: l'ultima cifra di controllo non corrisponde."],
        changes: [],
      },
      { line: 4, name: "", outcome: "error", reasons: ["Nome: inserisci il nome dell'organizzazione."], changes: [] },
      { line: 5, name: "Doppia", outcome: "error", reasons: ["Riga doppia: il codice fiscale compare anche alla riga 6."], changes: [] },
      { line: 6, name: "Doppia bis", outcome: "error", reasons: ["Riga doppia: il codice fiscale compare anche alla riga 5."], changes: [] },
      {
        line: 7,
        name: "Cooperativa Esistente",
        outcome: "update",
        reasons: [],
        changes: [
          { field: "Telefono", before: "02 1111", after: "02 2222" },
          { field: "Stato", before: "Aderente", after: "Partner dal 15 giugno 2025" },
        ],
      },
      {
        line: 9,
        name: "Forma Strana",
        outcome: "error",
        reasons: ["Forma giuridica: «Circolo» non è una forma dell'elenco (per esempio «Associazione di volontariato», «Cooperativa sociale di tipo A»)."],
        changes: [],
      },
      { line: 10, name: "Data Sbagliata", outcome: "error", reasons: ["Stato dal: data non valida: usa il formato gg/mm/aaaa."], changes: [] },
      { line: 11, name: "Nome Preso", outcome: "error", reasons: [`Nome: «Nome Preso» è già il nome di un'altra organizzazione del registro, con codice fiscale ${CF.altro}.`], changes: [] },
    ]);
    expect(plan.rows[0]?.note).toBe("Associazione di volontariato; partner dal 1 marzo 2024.");
    expect(plan.counts).toEqual({ new: 1, update: 1, unchanged: 0, error: 7 });
    expect(await counts()).toEqual(before);
  });

  it("refuses an unknown status and a new row without status", async () => {
    const plan = await previewImport(
      [HEADER, `Senza Stato;;Altro;${CF.nuova};;;`, `Stato Strano;;Altro;${CF.seconda};;Sospesa;01/01/2024`].join("\n"),
    );
    expect(plan.rows.map((row) => row.reasons)).toEqual([
      ["Stato: indica Partner, Aderente o Ex partner (serve per ogni nuova organizzazione)."],
      ["Stato: «Sospesa» non è uno stato ammesso (scrivi Partner, Aderente o Ex partner)."],
    ]);
  });

  it("on confirm writes only the valid rows, records their history and the membership change", async () => {
    const existing = await registered("Cooperativa Esistente", CF.existing, { phone: "02 1111" });
    await registered("Nome Preso", CF.altro);
    const coordinator = await signedIn("COORDINATOR");
    const before = await counts();
    const plan = await previewImport(MIXED_FILE);

    const result = await confirmImport(MIXED_FILE, plan.fingerprint, coordinator);

    expect(result).toMatchObject({ written: true, created: 1, updated: 1 });
    expect(await db.organisation.count()).toBe(before.organisations + 1);
    const created = await db.organisation.findUniqueOrThrow({ where: { codiceFiscale: CF.nuova }, include: { membershipChanges: true } });
    expect(created).toMatchObject({ name: "Associazione Nuova", shortName: "AN", legalForm: "ASSOCIAZIONE_VOLONTARIATO", status: "PARTNER" });
    expect(created.membershipChanges.map((step) => [step.status, step.effectiveOn.toISOString().slice(0, 10)])).toEqual([["PARTNER", "2024-03-01"]]);
    expect(await db.organisation.findFirst({ where: { name: { in: ["Doppia", "Doppia bis", "Forma Strana", "Data Sbagliata"] } } })).toBeNull();

    const updated = await db.organisation.findUniqueOrThrow({ where: { id: existing.id }, include: { membershipChanges: { orderBy: { effectiveOn: "asc" } } } });
    expect(updated).toMatchObject({ phone: "02 2222", status: "PARTNER" });
    expect(updated.membershipChanges.map((step) => step.status)).toEqual(["ADERENTE", "PARTNER"]);
    const history = await listHistory("ORGANISATION", existing.id);
    expect(history.map((event) => [event.summary, event.actorName])).toEqual(
      expect.arrayContaining([
        ["Dati dell'organizzazione modificati", "Giulia Ferrari"],
        ["Stato: partner dal 15 giugno 2025", "Giulia Ferrari"],
      ]),
    );
    expect(history.find((event) => event.summary === "Dati dell'organizzazione modificati")?.changes).toEqual({ Telefono: ["02 1111", "02 2222"] });
  });

  it("writes all or nothing: a row the database refuses at confirm time undoes the rows before it", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const file = [HEADER, `Prima Nuova;;Altro;${CF.nuova};;Aderente;01/03/2024`, `Seconda Nuova;;Altro;${CF.seconda};;Aderente;01/03/2024`].join("\n");
    const plan = await previewImport(file);
    expect(plan.counts.new).toBe(2);
    // Someone registers the second organisation between the check and the writing.
    await registered("Seconda Nuova", CF.altro);
    const before = await counts();

    const refused = await applyImport(plan, coordinator).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(UserFacingError);
    expect(refused).toMatchObject({ status: 409 });
    expect((refused as Error).message).toMatch(/^Importazione annullata, nessuna riga è stata scritta: .*la riga 3 \(«Seconda Nuova»\)/);
    expect(await counts()).toEqual(before);
    expect(await db.organisation.findFirst({ where: { name: "Prima Nuova" } })).toBeNull();
  });

  it("does not write when the registry changed since the preview, and shows the new preview", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const file = [HEADER, `Prima Nuova;;Altro;${CF.nuova};;Aderente;01/03/2024`].join("\n");
    const plan = await previewImport(file);
    await registered("Prima Nuova", CF.altro);
    const before = await counts();

    const result = await confirmImport(file, plan.fingerprint, coordinator);

    expect(result.written).toBe(false);
    expect(result.plan.rows[0]?.outcome).toBe("error");
    expect(await counts()).toEqual(before);
  });

  it("reads ',' and ';', with or without BOM, and Windows-1252 from Excel", async () => {
    const comma = `\uFEFFNome,Forma giuridica,Codice fiscale,Stato,Stato dal\n"Società ""Il Ponte"", Milano",Altro,${CF.nuova},Aderente,1/3/2024\n`;
    const bomBytes = new TextEncoder().encode(comma);
    expect(bomBytes.slice(0, 3)).toEqual(Uint8Array.from([0xef, 0xbb, 0xbf]));
    const fromUtf8 = await previewImport(await readCsvUpload(new File([bomBytes], "organizzazioni.csv")));
    expect(view(fromUtf8.rows)).toEqual([{ line: 2, name: 'Società "Il Ponte", Milano', outcome: "new", reasons: [], changes: [] }]);

    const latin = `Nome;Forma giuridica;Codice fiscale;Stato;Stato dal\r\nCooperativa Perché Sì;Cooperativa sociale di tipo B;${CF.nuova};Aderente;01/03/2024\r\n`;
    const windows1252 = Uint8Array.from(Buffer.from(latin, "latin1"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(windows1252)).toThrow();
    const fromExcel = await previewImport(await readCsvUpload(new File([windows1252], "organizzazioni.csv")));
    expect(view(fromExcel.rows)).toEqual([{ line: 2, name: "Cooperativa Perché Sì", outcome: "new", reasons: [], changes: [] }]);
  });

  it("refuses files that are not CSV, too large, too long, or with unknown columns, with a clear message", async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    await expect(readCsvUpload(new File([png], "foto.csv"))).rejects.toMatchObject({ status: 415, message: expect.stringContaining("non è un CSV") });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Foglio1").addRow(["Nome"]);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    await expect(readCsvUpload(new File([xlsx], "organizzazioni.csv"))).rejects.toMatchObject({ status: 415, message: expect.stringContaining("Salva con nome") });
    await expect(readCsvUpload(new File([new Uint8Array(2 * 1024 * 1024 + 1).fill(65)], "grande.csv"))).rejects.toMatchObject({ status: 413 });
    const tooMany = [HEADER, ...Array.from({ length: 2001 }, (_, i) => `Ente ${i};;Altro;${CF.nuova};;Aderente;01/03/2024`)].join("\n");
    await expect(previewImport(tooMany)).rejects.toThrow("Il file ha 2001 righe: al massimo 2000 per importazione. Dividilo in più file.");
    await expect(previewImport("Nome;Codice fiscale;Colore\nA;B;C")).rejects.toThrow("Colonna non riconosciuta: «Colore».");
    await expect(previewImport("Sigla;Codice fiscale\nA;B")).rejects.toThrow("Manca la colonna «Nome»");
  });
});

describe("CSV and XLSX export of organisations", () => {
  it("exports the filtered registry as CSV and XLSX that read back, and the CSV imports again unchanged", async () => {
    await registered("Cooperativa Esistente", CF.existing, { phone: "+39 02 1111", pec: "coop@pec.example.org", runtsNumber: "12345", runtsSection: "D" }, "PARTNER", "2024-03-01");
    await registered("Fondazione Ex", CF.altro, {}, "EX_PARTNER", "2022-05-02");
    const now = new Date("2026-11-22T10:00:00Z");

    const csv = await exportOrganisations("csv", parseRegistryFilters(new URLSearchParams("stato=PARTNER&forma=COOPERATIVA_SOCIALE_A")), now);
    expect(csv.fileName).toBe("organizzazioni-2026-11-22.csv");
    expect(typeof csv.body === "string" && csv.body.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(String(csv.body).slice(1), { header: true, delimiter: ";", skipEmptyLines: true });
    expect(parsed.data).toEqual([
      {
        Nome: "Cooperativa Esistente",
        Sigla: "",
        "Forma giuridica": "Cooperativa sociale di tipo A",
        "Codice fiscale": CF.existing,
        "Partita IVA": "",
        "Numero RUNTS": "12345",
        "Sezione RUNTS": "d) Imprese sociali, incluse le cooperative sociali",
        Indirizzo: "",
        Telefono: "'+39 02 1111",
        "E-mail": "",
        PEC: "coop@pec.example.org",
        "Sito web": "",
        Descrizione: "",
        Stato: "Partner",
        "Stato dal (gg/mm/aaaa)": "01/03/2024",
      },
    ]);
    const again = await previewImport(String(csv.body));
    expect(again.rows.map((row) => [row.name, row.outcome])).toEqual([["Cooperativa Esistente", "unchanged"]]);

    const xlsx = await exportOrganisations("xlsx", parseRegistryFilters(new URLSearchParams()), now);
    expect(xlsx.fileName).toBe("organizzazioni-2026-11-22.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Organizzazioni");
    expect(sheet?.getRow(1).getCell(1).value).toBe("Nome");
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const names = [];
    for (let row = 2; row <= (sheet?.rowCount ?? 0); row++) names.push(sheet?.getRow(row).getCell(1).value);
    expect(names).toEqual(expect.arrayContaining(["Cooperativa Esistente", "Fondazione Ex"]));
    const ex = sheet?.getRows(2, sheet.rowCount - 1)?.find((row) => row.getCell(1).value === "Fondazione Ex");
    expect(ex?.getCell(14).value).toBe("Ex partner");
    expect((ex?.getCell(15).value as Date).toISOString().slice(0, 10)).toBe("2022-05-02");

    const template = await exportOrganisations("modello", parseRegistryFilters(new URLSearchParams()), now);
    expect(String(template.body)).toBe(
      "\uFEFFNome;Sigla;Forma giuridica;Codice fiscale;Partita IVA;Numero RUNTS;Sezione RUNTS;Indirizzo;Telefono;E-mail;PEC;Sito web;Descrizione;Stato;Stato dal (gg/mm/aaaa)\r\n",
    );
  });
});

describe("who may import and export", () => {
  it("answers 403 to referents and members, and serves coordinators", async () => {
    for (const role of ["REFERENT", "MEMBER"] as const) {
      const user = await signedIn(role);
      const exported = await Promise.resolve(exportLoader(routeArgs(new Request("http://localhost:3000/organizzazioni/esporta/csv"), user, { format: "csv" }))).catch((e: unknown) => e);
      expect((exported as Response).status).toBe(403);
      const page = await Promise.resolve()
        .then(() => importLoader(routeArgs(new Request("http://localhost:3000/organizzazioni/importa"), user)))
        .catch((e: unknown) => e);
      expect((page as Response).status).toBe(403);
      const form = new FormData();
      form.set("intent", "preview");
      form.set("file", new File([MIXED_FILE], "organizzazioni.csv"));
      const posted = await importAction(routeArgs(new Request("http://localhost:3000/organizzazioni/importa", { method: "POST", body: form }), user)).catch(
        (e: unknown) => e,
      );
      expect((posted as Response).status).toBe(403);
    }
    expect(await db.organisation.findFirst({ where: { name: "Associazione Nuova" } })).toBeNull();

    const coordinator = await signedIn("COORDINATOR");
    const response = await exportLoader(routeArgs(new Request("http://localhost:3000/organizzazioni/esporta/xlsx"), coordinator, { format: "xlsx" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="organizzazioni-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  });

  it("a coordinator previews through the page, then confirms, and lands on the list with the counts", async () => {
    const coordinator = await signedIn("COORDINATOR");
    const upload = new FormData();
    upload.set("intent", "preview");
    upload.set("file", new File([MIXED_FILE], "organizzazioni.csv"));
    const previewed = (await importAction(routeArgs(new Request("http://localhost:3000/organizzazioni/importa", { method: "POST", body: upload }), coordinator))) as {
      preview: { fingerprint: string; content: string; counts: Record<string, number> };
    };
    expect(previewed.preview.counts).toMatchObject({ new: 3, error: 6 });
    expect(await db.organisation.count({ where: { codiceFiscale: { not: null } } })).toBe(0);

    const confirm = new FormData();
    confirm.set("intent", "confirm");
    confirm.set("content", previewed.preview.content);
    confirm.set("fingerprint", previewed.preview.fingerprint);
    const done = (await importAction(routeArgs(new Request("http://localhost:3000/organizzazioni/importa", { method: "POST", body: confirm }), coordinator))) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/organizzazioni?importate=3&aggiornate=0");
    expect(await db.organisation.count({ where: { codiceFiscale: { not: null } } })).toBe(3);
  });
});
