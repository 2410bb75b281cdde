import { checkA11y, DEMO, expect, expectFieldError, minimalPdf, PNG, submit, test, uniqueName, visit } from "./support";

// The document archive: a coordinator files a document with its PDF and a second version with a
// note, and both stay listed; a picture named .pdf is refused with a message next to the field; a
// member of another working group cannot open a group's document; the public page opens without
// an account.

test("il coordinatore archivia un documento e ne carica una seconda versione; un file con il nome sbagliato è rifiutato", async ({ page, db }) => {
  const title = `Relazione sociale ${uniqueName("Anno")}`;
  await db.signInAs(page.context(), DEMO.coordinator.email);

  await visit(page, "/documenti");
  await expect(page.getByRole("heading", { level: 1, name: "Archivio documenti" })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("link", { name: "Nuovo documento" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nuovo documento" })).toBeVisible();
  await checkA11y(page);

  await page.getByLabel("Titolo").fill(title);
  await page.getByLabel("Categoria").selectOption({ label: "Report" });
  await page.getByLabel("Data del documento").fill("2025-06-30");
  await page.getByLabel("Descrizione").fill("La relazione annuale del tavolo alla Giunta.");
  await page.getByLabel("Visibilità").selectOption({ label: "Tutto il tavolo" });
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "relazione-2025.pdf", mimeType: "application/pdf", buffer: minimalPdf(title) });
  await page.getByRole("button", { name: "Archivia il documento" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Documento archiviato." })).toBeVisible();
  await expect(page.getByTitle(`Anteprima del PDF: ${title}`)).toBeVisible();
  await checkA11y(page);
  const documentPath = new URL(page.url()).pathname;

  // A second version with what changes; the first one stays.
  await page.getByLabel("Nuovo file").setInputFiles({ name: "relazione-2025-firmata.pdf", mimeType: "application/pdf", buffer: minimalPdf(`${title} firmata`) });
  await page.getByLabel("Cosa cambia").fill("Versione firmata dal dirigente");
  const uploaded = await submit(page, page.getByRole("button", { name: "Carica la nuova versione" }), documentPath);
  expect(uploaded.status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: "Versione 2 caricata." })).toBeVisible();
  const versions = page.getByRole("table", { name: /Versioni del documento/ });
  await expect(versions.getByRole("row")).toHaveCount(3);
  await expect(versions.getByRole("row").nth(1)).toContainText("Versione firmata dal dirigente");
  await expect(versions.getByRole("row").nth(1)).toContainText("relazione-2025-firmata.pdf");
  await expect(versions.getByRole("row").nth(2)).toContainText("relazione-2025.pdf");
  await checkA11y(page);

  // Both versions download under their own names.
  for (const [name, row] of [["relazione-2025-firmata.pdf", 1], ["relazione-2025.pdf", 2]] as const) {
    const href = await versions.getByRole("row").nth(row).getByRole("link").getAttribute("href");
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-disposition"]).toContain(`filename="${name}"`);
  }

  // A picture renamed .pdf: refused, with the reason next to the field; nothing added.
  await page.getByLabel("Nuovo file").setInputFiles({ name: "scansione.pdf", mimeType: "application/pdf", buffer: PNG });
  await page.getByLabel("Cosa cambia").fill("Scansione");
  const refused = await submit(page, page.getByRole("button", { name: "Carica la nuova versione" }), documentPath);
  expect(refused.status()).toBe(415);
  await expectFieldError(page, "Nuovo file", /ha l'estensione \.pdf ma contiene un'immagine PNG/);
  await expect(versions.getByRole("row")).toHaveCount(3);
  await checkA11y(page);

  // The list finds it by its words.
  await visit(page, `/documenti?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
  await checkA11y(page);
});

test("un componente di un altro gruppo non apre il documento di un gruppo; la pagina pubblica si apre senza account", async ({ page, db, browser }) => {
  // "Casa e abitare" (demo): Anna Bianchi (componente) is not one of its members.
  const groupDocument = await db.one<{ id: string }>(`SELECT "id" FROM "ArchiveDocument" WHERE "visibility" = 'GROUP' AND "title" = ?`, [
    "Filiera dei servizi abitativi: mappa e proposte",
  ]);
  expect(groupDocument).toBeTruthy();
  const version = await db.one<{ id: string }>(`SELECT "id" FROM "ArchiveDocumentVersion" WHERE "documentId" = ?`, [groupDocument!.id]);

  await db.signInAs(page.context(), DEMO.member.email);
  const refused = await visit(page, `/documenti/${groupDocument!.id}`);
  expect(refused.status()).toBe(403);
  await checkA11y(page);
  const file = await page.request.get(`/documenti/${groupDocument!.id}/versioni/${version!.id}`);
  expect(file.status()).toBe(403);
  // On a phone the list and a document's page fit the screen: the tables scroll inside their box.
  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, "/documenti");
  await expect(page.getByRole("link", { name: "Filiera dei servizi abitativi: mappa e proposte" })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await checkA11y(page);
  await page.getByRole("link", { name: /^Piano di zona 2025-2027/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Piano di zona 2025-2027/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Versioni del documento/ }).getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("heading", { name: "Carica una nuova versione" })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await checkA11y(page);

  const anonymous = await browser.newContext();
  const publicPage = await anonymous.newPage();
  const response = await visit(publicPage, "/pubblico/documenti");
  expect(response.status()).toBe(200);
  await expect(publicPage.getByRole("heading", { level: 1, name: "Documenti pubblici" })).toBeVisible();
  await expect(publicPage.getByRole("heading", { level: 2, name: /Protocollo d'Intesa/ })).toBeVisible();
  await expect(publicPage.getByText("Filiera dei servizi abitativi")).toHaveCount(0);
  await checkA11y(publicPage);
  const hidden = await publicPage.request.get(`/pubblico/documenti/${groupDocument!.id}/file`);
  expect(hidden.status()).toBe(404);
  await anonymous.close();
});
