import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { checkA11y, DEMO, expect, submit, test, uniqueName, visit } from "./support";

// The coordinator loads organisations from a spreadsheet: a preview tells, row by row, what would
// happen and writes nothing; confirming writes the valid rows only; the export gives them back.

const UPDATED = "Associazione Marse"; // a seeded organisation no other journey looks at
const BAD_FISCAL_CODE = "97004000003"; // 11 digits, wrong check digit

/**
 * A made-up 11-digit codice fiscale with a correct check digit: a random body starting with "96",
 * so it never meets the seed's ("97…") nor an earlier run's.
 */
function fiscalCode() {
  const body = `96${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(body[i]);
    sum += i % 2 === 0 ? digit : digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const csvCell = (value: string) => (/[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

test("il coordinatore importa organizzazioni da un CSV: anteprima senza scritture, conferma delle sole righe valide, esportazione", async ({ page, db }) => {
  const existing = (await db.one<{ id: string; name: string; legalForm: string; codiceFiscale: string; status: string; description: string }>(
    `SELECT "id", "name", "legalForm", "codiceFiscale", "status", "description" FROM "Organisation" WHERE "name" = ?`,
    [UPDATED],
  ))!;
  const newName = `Associazione ${uniqueName("Importata")}`;
  const newCode = fiscalCode();
  const badName = `Associazione ${uniqueName("Sbagliata")}`;
  const twinCode = fiscalCode();
  const twinNames = [`Cooperativa ${uniqueName("Gemella")}`, `Cooperativa ${uniqueName("Gemella")}`];
  const newDescription = `Doposcuola e sportello per le famiglie (${uniqueName("Nota")}).`;
  const rows = [
    ["Nome", "Forma giuridica", "Codice fiscale", "Descrizione", "Stato", "Stato dal (gg/mm/aaaa)"],
    [newName, "Associazione di volontariato", newCode, "Raccolta e distribuzione di vestiti.", "Partner", "01/03/2025"], // line 2: new
    [existing.name, existing.legalForm, existing.codiceFiscale, newDescription, existing.status, ""], // line 3: update
    [badName, "Associazione di volontariato", BAD_FISCAL_CODE, "", "Aderente", "01/03/2025"], // line 4: error
    [twinNames[0]!, "Cooperativa sociale di tipo A", twinCode, "", "Aderente", "01/03/2025"], // line 5: duplicate
    [twinNames[1]!, "Cooperativa sociale di tipo A", twinCode, "", "Aderente", "01/03/2025"], // line 6: duplicate
  ];
  const csv = Buffer.from(`\uFEFF${rows.map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`, "utf8");
  const file = { name: "organizzazioni.csv", mimeType: "text/csv", buffer: csv };
  const ourNames = [newName, badName, ...twinNames];
  const countOurs = () => db.count("Organisation", `"name" IN (?, ?, ?, ?) OR "codiceFiscale" IN (?, ?)`, [...ourNames, newCode, twinCode]);
  const auditOfUpdated = () => db.count("AuditEvent", `"subjectId" = ?`, [existing.id]);
  const auditBefore = await auditOfUpdated();
  await db.signInAs(page.context(), DEMO.coordinator.email);

  // 1. The upload form, reached from the list.
  await visit(page, "/organizzazioni");
  await page.getByRole("link", { name: "Importa da CSV" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Importa organizzazioni da CSV" })).toBeVisible();
  await checkA11y(page);

  // 2. The preview: every row's outcome and reason, and nothing written.
  await page.getByLabel("File CSV").setInputFiles(file);
  const preview = await submit(page, page.getByRole("button", { name: "Verifica il file" }), "/organizzazioni/importa");
  expect(preview.status()).toBe(200);
  const summary = page.getByRole("region", { name: "Riepilogo" });
  await expect(summary).toContainText("1 nuova organizzazione");
  await expect(summary).toContainText("1 aggiornamento");
  await expect(summary).toContainText("3 righe con errori");
  await expect(summary).toContainText("saranno scritte 2 righe in un'unica operazione; le righe con errori saranno saltate");
  const outcome = page.getByRole("region", { name: "Esito riga per riga" });
  const row = (line: number) => outcome.getByRole("row").filter({ has: page.getByRole("cell", { name: String(line), exact: true }) });
  await expect(row(2)).toContainText(newName);
  await expect(row(2)).toContainText("Nuova");
  await expect(row(2)).toContainText("Associazione di volontariato; partner dal 1 marzo 2025.");
  await expect(row(3)).toContainText("Aggiornamento");
  await expect(row(3)).toContainText(`Descrizione: ${existing.description ? `«${existing.description}»` : "(vuoto)"} → «${newDescription}»`);
  await expect(row(4)).toContainText("Errore");
  await expect(row(4)).toContainText(/Codice fiscale: .*cifra di controllo/);
  for (const [line, other] of [
    [5, 6],
    [6, 5],
  ] as const) {
    await expect(row(line)).toContainText("Errore");
    await expect(row(line)).toContainText(`Riga doppia: il codice fiscale compare anche alla riga ${other}.`);
  }
  await checkA11y(page);
  expect(await countOurs()).toBe(0);
  expect(await auditOfUpdated()).toBe(auditBefore);
  expect(await db.one(`SELECT "description" FROM "Organisation" WHERE "id" = ?`, [existing.id])).toEqual({ description: existing.description });

  // 3. "Annulla" leaves the registry as it was.
  await page.getByRole("link", { name: "Annulla" }).click();
  await expect(page).toHaveURL(/\/organizzazioni$/);
  await expect(page.getByRole("heading", { level: 1, name: "Organizzazioni" })).toBeVisible();
  await expect(page.getByText("Importazione completata")).toHaveCount(0);
  expect(await countOurs()).toBe(0);
  expect(await auditOfUpdated()).toBe(auditBefore);

  // 4. The same file again, confirmed: the two valid rows are written, the three others are not.
  await visit(page, "/organizzazioni/importa");
  await page.getByLabel("File CSV").setInputFiles(file);
  await page.getByRole("button", { name: "Verifica il file" }).click();
  await expect(page.getByRole("region", { name: "Riepilogo" })).toContainText("1 nuova organizzazione");
  await page.getByRole("button", { name: "Conferma l'importazione" }).click();
  await expect(page).toHaveURL(/\/organizzazioni\?importate=1&aggiornate=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Importazione completata" })).toHaveText(
    "Importazione completata: 1 organizzazione nuova, 1 aggiornata.",
  );
  await expect(page.getByRole("link", { name: newName })).toBeVisible();
  await checkA11y(page);

  expect(await db.one(`SELECT "codiceFiscale", "legalForm", "status" FROM "Organisation" WHERE "name" = ?`, [newName])).toEqual({
    codiceFiscale: newCode,
    legalForm: "ASSOCIAZIONE_VOLONTARIATO",
    status: "PARTNER",
  });
  expect(await db.one(`SELECT "description", "status" FROM "Organisation" WHERE "id" = ?`, [existing.id])).toEqual({
    description: newDescription,
    status: existing.status,
  });
  expect(await countOurs()).toBe(1);
  expect(await db.count("Organisation", `"codiceFiscale" = ?`, [BAD_FISCAL_CODE])).toBe(0);
  expect(await auditOfUpdated()).toBe(auditBefore + 1);

  // 5. The CSV export has the imported organisation.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Esporta CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const exported = readFileSync(await download.path(), "utf8");
  const exportedRow = exported.split("\r\n").find((line) => line.includes(newName));
  expect(exportedRow, `riga di ${newName} nell'esportazione`).toBeDefined();
  expect(exportedRow).toContain(newCode);
  expect(exported).toContain(newDescription);
  expect(exported).not.toContain(badName);
});
