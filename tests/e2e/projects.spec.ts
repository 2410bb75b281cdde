import ExcelJS from "exceljs";
import { checkA11y, DEMO, expect, expectFieldError, linkIn, minimalPdf, PNG, submit, test, uniqueEmail, uniqueName, visit, waitForHydration } from "./support";

// What partners do in Tavolo (issue 5): the coordinator creates a project with two partner
// organisations and a quarterly schedule; a partner's referent gets the reminder, fills the
// rendicontazione on a phone, attaches a PDF and sends it; the coordinator returns it with a comment;
// the referent corrects it and sends it again; the coordinator approves it; the project's progress
// and the monitoring export show the new figures.

const PARTNERS = ["Fondazione CUMSE", "Officina di Enrico"]; // seeded organisations no other journey reports for
const INDICATOR = "Famiglie accompagnate";
const DAY_MS = 86_400_000;
const PHONE = { width: 390, height: 844 };

/** The Rome calendar day `days` from now, as a date field takes it (YYYY-MM-DD). */
const romeDay = (days: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(new Date(Date.now() + days * DAY_MS));

/** A day `months` before or after a YYYY-MM-DD day (day of the month kept below 29 by the caller). */
function shiftMonths(day: string, months: number) {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
}

test("un progetto con due partner: promemoria, rendicontazione da telefono, restituzione, correzione, approvazione ed export", async ({
  page,
  browser,
  db,
  mailbox,
}) => {
  test.setTimeout(240_000);
  const code = `E2E.${Date.now().toString(36).toUpperCase()}`;
  const title = `Empori solidali di quartiere ${uniqueName("Progetto")}`;
  const referent = await db.createUser({ email: uniqueEmail("referente-cumse"), name: uniqueName("Rita"), role: "REFERENT", organisationName: PARTNERS[0] });
  await db.createUser({ email: uniqueEmail("referente-officina"), name: uniqueName("Oscar"), role: "REFERENT", organisationName: PARTNERS[1] });

  // The first quarter ends in a few days and is due 5 days later: inside the 14-day reminder.
  let firstPeriodEnd = romeDay(4);
  if (Number(firstPeriodEnd.slice(8)) > 27) firstPeriodEnd = `${firstPeriodEnd.slice(0, 8)}27`;
  const startsOn = shiftMonths(firstPeriodEnd, -3).slice(0, 8) + String(Number(firstPeriodEnd.slice(8)) + 1).padStart(2, "0");
  const endsOn = shiftMonths(startsOn, 12);

  // 1. The coordinator registers the project.
  await db.signInAs(page.context(), DEMO.coordinator.email);
  await visit(page, "/progetti/nuovo");
  await expect(page.getByRole("heading", { level: 1, name: "Nuovo progetto" })).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("Titolo", { exact: true }).fill(title);
  await page.getByLabel("Codice", { exact: true }).fill(code);
  await page.getByLabel("Inizio", { exact: true }).fill(startsOn);
  await page.getByLabel("Fine", { exact: true }).fill(endsOn);
  await page.getByLabel("Stato", { exact: true }).selectOption({ label: "In corso" });
  await page.getByLabel("Soggetto attuatore (organizzazione capofila)").selectOption({ label: "Comune di Cinisello Balsamo" });
  await page.getByLabel("Partner 1: organizzazione").selectOption({ label: PARTNERS[0] });
  await page.getByLabel("Partner 1: quota (€)").fill("30.000,00");
  await page.getByLabel("Partner 2: organizzazione").selectOption({ label: PARTNERS[1] });
  await page.getByLabel("Partner 2: quota (€)").fill("20.000,00");
  await page.getByLabel("Fonte di finanziamento").selectOption({ label: "Fondo Povertà (Quota servizi)" });
  await page.getByLabel("Importo programmato").fill("80.000,00");
  await page.getByLabel("Ammesso a finanziamento").fill("80.000,00");
  await page.getByLabel("Giuridicamente vincolante (impegnato)").fill("80.000,00");
  await page.getByLabel("Erogato dal finanziatore").fill("20.000,00");
  await page.getByLabel("Indicatore 1", { exact: true }).selectOption({ label: `${INDICATOR} (famiglie)` });
  await page.getByLabel("Indicatore 1: target").fill("20");
  await page.getByLabel("Indicatore 1: entro il").fill(endsOn);
  await page.getByLabel("Ogni quanto si rendiconta").selectOption({ label: "Trimestrale" });
  await page.getByLabel("Giorni dopo la fine del periodo per la scadenza").fill("5");
  await page.getByRole("button", { name: "Registra il progetto" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await checkA11y(page);
  const projectUrl = new URL(page.url()).pathname;

  // 2. The partner's referent is reminded of the first deadline.
  const reminder = await mailbox.waitForMail(referent.email, `Rendicontazione in scadenza`, { timeout: 20_000 });
  expect(reminder.subject).toContain(title);
  expect(reminder.text).toContain(PARTNERS[0]);
  const formPath = new URL(linkIn(reminder, "/rendicontazioni/")).pathname;

  // 3. On a phone, the referent fills the rendicontazione, attaches a PDF and sends it.
  const phone = await browser.newContext({ viewport: PHONE, locale: "it-IT", timezoneId: "Europe/Rome" });
  const partner = await phone.newPage();
  await db.signInAs(phone, referent.email);
  await visit(partner, formPath);
  await expect(partner.getByRole("heading", { level: 1, name: `Rendicontazione: ${PARTNERS[0]}` })).toBeVisible();
  await waitForHydration(partner);
  await checkA11y(partner);
  expect(await partner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await partner.getByLabel("Valore nel periodo (famiglie)").fill("7");
  await partner.locator('select[name="expenseCategory"]').first().selectOption({ label: "Sostegni diretti ai beneficiari" });
  await partner.locator('input[name="expenseDescription"]').first().fill("Buoni spesa per le famiglie accompagnate");
  await partner.locator('input[name="expenseAmount"]').first().fill("1.250,50");
  await partner.getByLabel("Nuclei familiari").fill("7");
  await partner.getByLabel("Persone", { exact: true }).fill("19");
  await partner.getByLabel("Di cui minori").fill("6");
  const narrative = partner.getByRole("textbox", { name: "Relazione sulle attività del periodo" });
  await expect(narrative).toHaveAttribute("contenteditable", "true");
  await narrative.click();
  await narrative.pressSequentially("Apertura dell'emporio il sabato mattina e colloqui con le famiglie.");
  await expect(partner.getByText(/Bozza salvata alle \d{2}:\d{2}/)).toBeVisible({ timeout: 15_000 });

  // A picture named .pdf is refused with a clear message and the draft stays as it was.
  await partner.getByLabel("File", { exact: true }).setInputFiles({ name: "ricevute.pdf", mimeType: "application/pdf", buffer: PNG });
  const refused = await submit(partner, partner.getByRole("button", { name: "Carica l'allegato" }), formPath);
  expect(refused.status()).toBe(415);
  await expectFieldError(partner, "File", /ha l'estensione \.pdf ma contiene un'immagine PNG/);
  await expect(partner.getByLabel("Valore nel periodo (famiglie)")).toHaveValue("7");
  await checkA11y(partner);

  await partner.getByLabel("File", { exact: true }).setInputFiles({ name: "ricevute-buoni.pdf", mimeType: "application/pdf", buffer: minimalPdf(title) });
  await partner.getByLabel("Titolo (facoltativo)", { exact: true }).fill("Ricevute dei buoni spesa");
  await partner.getByRole("button", { name: "Carica l'allegato" }).click();
  await expect(partner.getByText("Allegato «Ricevute dei buoni spesa» caricato.")).toBeVisible();
  await expect(partner.getByRole("link", { name: /Ricevute dei buoni spesa/ }).first()).toBeVisible();
  await waitForHydration(partner);
  await partner.getByRole("button", { name: "Invia la rendicontazione" }).click();
  await expect(partner.getByRole("status").filter({ hasText: "Rendicontazione inviata" })).toBeVisible();
  await expect(partner.getByText("Inviata", { exact: true }).first()).toBeVisible();
  await checkA11y(partner);

  // 4. The coordinator finds it in the grid among those sent, opens it (within the app: the page
  //    is not reloaded) and returns it with a comment on the expenses.
  await visit(page, "/rendicontazioni?stato=SUBMITTED");
  await checkA11y(page);
  const sentCell = page.getByRole("link", { name: `Inviata: ${PARTNERS[0]}, periodo 1` });
  // With Ctrl (or Cmd) the browser opens it in a new tab, as with any link; the grid stays.
  const [newTab] = await Promise.all([page.context().waitForEvent("page"), sentCell.click({ modifiers: ["ControlOrMeta"] })]);
  await newTab.waitForLoadState();
  expect(new URL(newTab.url()).pathname).toBe(formPath);
  await newTab.close();
  expect(new URL(page.url()).pathname).toBe("/rendicontazioni");
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await sentCell.click();
  await page.waitForURL((url) => url.pathname === formPath);
  await expect(page.getByText("Commenti sui singoli campi")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await checkA11y(page);
  await page.getByText("Commenti sui singoli campi").click();
  await page.getByLabel("Spese (facoltativo)", { exact: true }).fill("Indicate il numero della ricevuta dei buoni spesa.");
  await page.getByRole("button", { name: "Restituisci per correzioni" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rendicontazione restituita per correzioni" })).toBeVisible();
  await checkA11y(page);
  const returned = await mailbox.waitForMail(referent.email, "Rendicontazione da correggere");
  expect(returned.text).toContain("Indicate il numero della ricevuta dei buoni spesa.");

  // 5. The referent sees the comment by the expenses, corrects them and sends again.
  await visit(partner, formPath);
  await expect(partner.getByRole("region", { name: "Spese del periodo" }).getByText("Indicate il numero della ricevuta dei buoni spesa.")).toBeVisible();
  await waitForHydration(partner);
  await checkA11y(partner);
  await partner.locator('input[name="expenseAmount"]').first().fill("1.300,00");
  await partner.locator('input[name="expenseReference"]').first().fill("Ricevuta n. 41 del mese");
  await partner.getByRole("button", { name: "Invia la rendicontazione" }).click();
  await expect(partner.getByRole("status").filter({ hasText: "Rendicontazione inviata" })).toBeVisible();
  await partner.getByRole("link", { name: "Versioni inviate (2)" }).click();
  await expect(partner.getByText(/1\.250,50 €/).first()).toBeVisible();
  await expect(partner.getByText(/1\.300,00 €/).first()).toBeVisible();
  await checkA11y(partner);

  // 6. The coordinator approves it: the project's figures move.
  await visit(page, formPath);
  await page.getByRole("button", { name: "Approva" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rendicontazione approvata" })).toBeVisible();
  await visit(page, projectUrl);
  const financial = page.getByRole("table", { name: /Importi del progetto/ });
  await expect(financial.getByRole("row", { name: /Liquidato/ })).toContainText("1.300,00 €");
  const indicators = page.getByRole("table", { name: /Valori raggiunti/ });
  await expect(indicators.getByRole("row", { name: new RegExp(INDICATOR) })).toContainText("7");
  await checkA11y(page);
  // The periods table's links open within the app too.
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await page.getByRole("table", { name: /Periodi di rendicontazione/ }).getByRole("link", { name: "Il periodo e la nota di sintesi del periodo 1" }).click();
  await page.waitForURL((url) => url.pathname.startsWith(`${projectUrl}/periodi/`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("1");
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await page.goBack();

  // 7. The monitoring export carries the approved figures.
  const exported = await page.request.get("/progetti/esporta/xlsx");
  expect(exported.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  const column = (name: string) => headers.indexOf(name);
  const rows = sheet.getRows(2, sheet.rowCount - 1)!.filter((row) => row.getCell(column("Codice progetto")).value === code);
  expect(rows.length).toBeGreaterThan(0);
  const valueRow = rows.find((row) => row.getCell(column("Indicatore")).value === INDICATOR && row.getCell(column("Valore")).value === 7);
  expect(valueRow, "la riga dell'indicatore con il valore approvato").toBeTruthy();
  expect(valueRow!.getCell(column("Importo liquidato")).value).toBe(1300);
  expect(valueRow!.getCell(column("Importo programmato")).value).toBe(80000);
  await phone.close();
});

test("una referente non apre la rendicontazione di un'altra organizzazione, un componente non vede il cruscotto", async ({ page, db }) => {
  const other = await db.one<{ id: string }>(
    `SELECT r."id" FROM "Rendicontazione" r JOIN "Organisation" o ON o."id" = r."organisationId" WHERE o."name" <> ? AND r."status" = 'DRAFT' LIMIT 1`,
    ["Caritas Decanale di Cinisello Balsamo"],
  );
  expect(other).toBeTruthy();
  await db.signInAs(page.context(), DEMO.referent.email);
  const refused = await visit(page, `/rendicontazioni/${other!.id}`);
  expect(refused.status()).toBe(403);
  await checkA11y(page);
  await visit(page, "/rendicontazioni");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await checkA11y(page);

  await page.context().clearCookies();
  await db.signInAs(page.context(), DEMO.member.email);
  const dashboard = await visit(page, "/rendicontazioni");
  expect(dashboard.status()).toBe(403);
  const summary = await visit(page, "/progetti/riepilogo");
  expect(summary.status()).toBe(200);
  await checkA11y(page);
});
