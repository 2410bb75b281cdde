import type { Page } from "@playwright/test";
import { checkA11y, DEMO, expect, expectFieldError, minimalPdf, PNG, submit, test, uniqueName, visit } from "./support";

// The coordinator registers a protocol with its signed PDF; the file is typed by its content, so a
// picture renamed .pdf is refused; signatories and a withdrawal move the count of active ones.

const SIGNATORIES = ["Anteas", "Centro Aiuto alla Vita"]; // seeded organisations no other journey signs

async function activeSignatoriesInList(page: Page, title: string) {
  await visit(page, "/protocolli");
  return page.getByRole("row", { name: new RegExp(title) }).getByRole("cell").last();
}

test("il coordinatore registra un protocollo con il PDF firmato, rifiuta un file che non è un PDF, aggiunge firmatarie e un recesso", async ({ page, db }) => {
  const title = `Protocollo operativo ${uniqueName("Mense")}`;
  const pdf = minimalPdf(title);
  await db.signInAs(page.context(), DEMO.coordinator.email);

  // 1. A new protocol, with its PDF.
  await visit(page, "/protocolli");
  await page.getByRole("link", { name: "Nuovo protocollo" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nuovo protocollo" })).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("Titolo").fill(title);
  await page.getByLabel("Tipo").selectOption({ label: "Protocollo operativo" });
  await page.getByLabel("Data di sottoscrizione").fill("2025-01-10");
  await page.getByLabel("Valido fino al").fill("2030-12-31");
  await page.getByLabel("Impegni delle parti").fill("Le parti gestiscono insieme le mense solidali del territorio.");
  await page.getByLabel("Documento firmato").setInputFiles({ name: "protocollo-mense.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "Registra il protocollo" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Protocollo registrato.");
  const documentSection = page.getByRole("region", { name: "Documento firmato" });
  await expect(documentSection).toContainText("protocollo-mense.pdf");
  await expect(documentSection).toContainText("(PDF, 1 kB)");
  await checkA11y(page);
  const protocol = (await db.one<{ id: string; fileId: string }>(`SELECT "id", "fileId" FROM "Protocol" WHERE "title" = ?`, [title]))!;
  expect(protocol.fileId).toBeTruthy();
  expect(await db.one(`SELECT "originalName", "mimeType", "size" FROM "StoredFile" WHERE "id" = ?`, [protocol.fileId])).toEqual({
    originalName: "protocollo-mense.pdf",
    mimeType: "application/pdf",
    size: pdf.length,
  });

  // The document opens in the browser and downloads, byte for byte.
  const openHref = await documentSection.getByRole("link", { name: "Apri il PDF del protocollo" }).getAttribute("href");
  const opened = await page.request.get(openHref!);
  expect(opened.status()).toBe(200);
  expect(opened.headers()["content-type"]).toBe("application/pdf");
  expect(opened.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(Buffer.compare(await opened.body(), pdf)).toBe(0);
  const [download] = await Promise.all([page.waitForEvent("download"), documentSection.getByRole("link", { name: "Scarica il PDF del protocollo" }).click()]);
  expect(download.suggestedFilename()).toBe("protocollo-mense.pdf");
  const downloaded = await page.request.get(`${openHref}?scarica`);
  expect(downloaded.status()).toBe(200);
  expect(downloaded.headers()["content-type"]).toBe("application/pdf");
  expect(downloaded.headers()["content-disposition"]).toMatch(/^attachment;/);

  // 2. A picture renamed firmato.pdf is refused next to the file field, and nothing changes.
  await page.getByRole("link", { name: "Modifica il protocollo" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Modifica protocollo" })).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("Titolo").fill(`${title} (rivisto)`);
  await page.getByLabel("Sostituisci il documento firmato").setInputFiles({ name: "firmato.pdf", mimeType: "application/pdf", buffer: PNG });
  const refused = await submit(page, page.getByRole("button", { name: "Salva le modifiche" }), `/protocolli/${protocol.id}/modifica`);
  expect(refused.status()).toBe(415);
  await expectFieldError(
    page,
    "Sostituisci il documento firmato (facoltativo)",
    "Il file «firmato.pdf» non è di un tipo ammesso: carica un file PDF. Il tipo si riconosce dal contenuto, non dal nome.",
  );
  await expect(page.getByRole("alert").first()).toHaveText("Controlla il campo segnalato qui sotto.");
  await checkA11y(page);
  expect(await db.one(`SELECT "title", "fileId" FROM "Protocol" WHERE "id" = ?`, [protocol.id])).toEqual({ title, fileId: protocol.fileId });
  expect(await db.count("StoredFile", `"originalName" = ?`, ["firmato.pdf"])).toBe(0);
  expect(await db.count("AuditEvent", `"subjectId" = ?`, [protocol.id])).toBe(1);

  // 3. Two signatories; then one of them withdraws.
  expect(await (await activeSignatoriesInList(page, title)).textContent()).toBe("0");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  for (const name of SIGNATORIES) {
    await page.getByLabel("Organizzazione", { exact: true }).selectOption({ label: name });
    await page.getByLabel("Data di firma").fill("2025-02-01");
    await page.getByRole("button", { name: "Aggiungi firmataria" }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("1 febbraio 2025");
  }
  await expect(page.getByRole("status")).toHaveText("Organizzazione firmataria aggiunta.");
  const activeOnPage = page.getByRole("region", { name: "Dati del protocollo" }).locator("dt:has-text('Firmatarie attive') + dd");
  await expect(activeOnPage).toHaveText("2");
  await checkA11y(page);
  await expect(await activeSignatoriesInList(page, title)).toHaveText("2");

  await page.getByRole("link", { name: title }).click();
  await page.getByLabel("Organizzazione che recede").selectOption({ label: SIGNATORIES[0]! });
  await page.getByLabel("Data del recesso").fill("2025-06-30");
  await page.getByRole("button", { name: "Registra il recesso" }).click();
  await expect(page.getByRole("status")).toHaveText("Recesso registrato.");
  await expect(page.getByRole("row", { name: new RegExp(SIGNATORIES[0]!) })).toContainText("Receduto il 30 giugno 2025");
  await expect(activeOnPage).toHaveText("1");
  await expect(page.getByRole("region", { name: "Cronologia delle modifiche" })).toContainText(`Recesso: ${SIGNATORIES[0]}, dal 30 giugno 2025`);
  await checkA11y(page);
  await expect(await activeSignatoriesInList(page, title)).toHaveText("1");

  const signatures = await db.all<{ organisationId: string; withdrawnOn: string | Date | null }>(
    `SELECT "organisationId", "withdrawnOn" FROM "ProtocolSignatory" WHERE "protocolId" = ?`,
    [protocol.id],
  );
  expect(signatures).toHaveLength(2);
  expect(signatures.filter((s) => s.withdrawnOn === null)).toHaveLength(1);
  expect(signatures.find((s) => s.withdrawnOn !== null)?.organisationId).toBe(await db.organisationId(SIGNATORIES[0]));
});
