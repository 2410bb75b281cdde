import type { Page } from "@playwright/test";
import { checkA11y, DEMO, expect, expectFieldError, submit, test, uniqueName, visit } from "./support";

// The catalogue of aid services (issue 8) on a phone: the Caritas referent adds a service with its
// opening hours and enters its monthly figures, confirming an unusual value on another service;
// then a member of the tavolo finds the new service by kind and by "open on Saturday morning".

const PHONE = { width: 390, height: 844 };

async function expectNoOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

const MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];
/** Last month in Rome, as the figures page names it: "ottobre 2026". */
function lastMonthLabel() {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit" }).format(new Date()).split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month - 2, 1));
  return `${MONTHS[last.getUTCMonth()]} ${last.getUTCFullYear()}`;
}

test("un referente aggiunge un servizio e i dati mensili dal telefono; un componente lo trova per giorno e tipo", async ({ browser, db }) => {
  test.setTimeout(120_000);
  const name = `Sportello legale ${uniqueName("Diritti")}`;
  const month = lastMonthLabel();

  // 1. The referent adds a service with two openings.
  const referentContext = await browser.newContext({ viewport: PHONE });
  await db.signInAs(referentContext, DEMO.referent.email);
  const page = await referentContext.newPage();
  await visit(page, "/servizi");
  await expect(page.getByRole("heading", { level: 1, name: "Servizi del territorio" })).toBeVisible();
  await checkA11y(page);
  await expectNoOverflow(page);
  await page.getByRole("link", { name: "Aggiungi un servizio" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nuovo servizio" })).toBeVisible();
  await checkA11y(page);
  await expectNoOverflow(page);

  await page.getByLabel("Nome del servizio").fill(name);
  await page.getByLabel("Tipo di servizio").selectOption({ label: "Consulenza legale" });
  await page.getByLabel("Zona della città").fill("Crocetta");
  await page.locator("#fascia-0-giorno").selectOption({ label: "Giovedì" });
  await page.locator("#fascia-0-dalle").fill("17:00");
  await page.locator("#fascia-0-alle").fill("19:00");
  await page.locator("#fascia-1-giorno").selectOption({ label: "Sabato" });
  await page.locator("#fascia-1-dalle").fill("09:30");
  await page.locator("#fascia-1-alle").fill("12:30");
  await page.getByLabel("Chi può accedere").fill("Persone con problemi di casa, lavoro o permesso di soggiorno");
  await page.getByLabel("Come si accede").selectOption({ label: "Su appuntamento" });
  await page.getByLabel("Lingue parlate").fill("italiano, inglese");
  // The address is missing: the form says so next to the field and keeps the openings.
  expect((await submit(page, page.getByRole("button", { name: "Aggiungi il servizio" }), "/servizi/nuovo")).status()).toBe(400);
  await expectFieldError(page, "Indirizzo", "Inserisci l'indirizzo in cui si trova il servizio.");
  await expect(page.locator("#fascia-1-dalle")).toHaveValue("09:30");
  await checkA11y(page);
  await expectNoOverflow(page);
  await page.getByLabel("Indirizzo", { exact: true }).fill("Via Cadorna 12");
  await page.getByRole("button", { name: "Aggiungi il servizio" }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Servizio aggiunto al catalogo.")).toBeVisible();
  const openings = page.getByRole("table", { name: `Orari di apertura di ${name}` });
  await expect(openings.getByRole("row", { name: "Giovedì 17:00–19:00" })).toBeVisible();
  await expect(openings.getByRole("row", { name: "Sabato 09:30–12:30" })).toBeVisible();
  await checkA11y(page);
  await expectNoOverflow(page);

  // 2. Its figures for last month.
  await page.getByRole("link", { name: "Inserisci i dati mensili" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Dati di ${month}` })).toBeVisible();
  await checkA11y(page);
  await expectNoOverflow(page);
  await page.getByLabel("Famiglie servite").fill("12");
  await page.getByLabel("Colloqui svolti").fill("20");
  await page.getByRole("button", { name: `Salva i dati di ${month}` }).click();
  await expect(page.getByText("Dati mensili salvati.")).toBeVisible();
  await expect(page.getByRole("table", { name: new RegExp(`Dati mensili di ${name}`) }).getByRole("row", { name: new RegExp(`${month} 12`) })).toBeVisible();

  // 3. An unusual value on the listening centre, which has months of history, asks for confirmation.
  await visit(page, "/servizi?q=Centro%20di%20ascolto%20Caritas");
  await page.getByRole("link", { name: "Centro di ascolto Caritas" }).click();
  await page.getByRole("link", { name: "Inserisci i dati mensili" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Dati di ${month}` })).toBeVisible();
  await page.getByLabel("Famiglie servite").fill("5000");
  const unusual = await submit(page, page.getByRole("button", { name: `Salva i dati di ${month}` }), page.url().replace(/^https?:\/\/[^/]+/, "").split("?")[0]!);
  expect(unusual.status()).toBe(422);
  await expectFieldError(page, "Famiglie servite", /Il valore 5000 è molto diverso dal solito \(mediana \d+(,\d)?\): controlla e conferma\./);
  await checkA11y(page);
  await expectNoOverflow(page);
  // Bootstrap Italia draws the checkbox on its label, which is what a person clicks.
  await page.locator("label", { hasText: "Confermo che i valori sono corretti" }).click();
  await expect(page.getByRole("checkbox", { name: "Confermo che i valori sono corretti" })).toBeChecked();
  await page.getByRole("button", { name: `Salva i dati di ${month}` }).click();
  await expect(page.getByText("Dati mensili salvati.")).toBeVisible();
  await referentContext.close();

  // 4. A member finds the new service: legal advice, open on Saturday morning.
  const memberContext = await browser.newContext({ viewport: PHONE });
  await db.signInAs(memberContext, DEMO.member.email);
  const member = await memberContext.newPage();
  await visit(member, "/servizi");
  await expect(member.getByRole("link", { name: "Aggiungi un servizio" })).toHaveCount(0);
  await member.getByLabel("Tipo di servizio").selectOption({ label: "Consulenza legale" });
  await member.getByLabel("Aperto il giorno").selectOption({ label: "Sabato" });
  await member.getByLabel("Fascia oraria").selectOption({ label: "Mattina (8–13)" });
  await member.getByRole("button", { name: "Cerca", exact: true }).click();
  await expect(member).toHaveURL(/tipo=CONSULENZA_LEGALE/);
  await expect(member.getByRole("link", { name })).toBeVisible();
  await expect(member.getByRole("status").filter({ hasText: "corrispondono alla ricerca" })).toBeVisible();
  await checkA11y(member);
  await expectNoOverflow(member);
  // Not in the afternoon.
  await member.getByLabel("Fascia oraria").selectOption({ label: "Pomeriggio (13–19)" });
  await member.getByRole("button", { name: "Cerca", exact: true }).click();
  await expect(member).toHaveURL(/fascia=pomeriggio/);
  await expect(member.getByRole("link", { name })).toHaveCount(0);
  // The guide carries the filters.
  await expect(member.getByRole("link", { name: "Stampa la guida (PDF)" })).toHaveAttribute("href", /\/servizi\/guida\.pdf\?.*tipo=CONSULENZA_LEGALE/);

  // The monitoring dashboard and the public guide are readable on a phone too.
  await visit(member, "/servizi/monitoraggio");
  await expect(member.getByRole("heading", { level: 1, name: "Monitoraggio dei servizi" })).toBeVisible();
  await checkA11y(member);
  await expectNoOverflow(member);
  await memberContext.close();

  const publicContext = await browser.newContext({ viewport: PHONE });
  const visitor = await publicContext.newPage();
  await visit(visitor, "/pubblico/servizi");
  await expect(visitor.getByRole("heading", { level: 1, name: "Guida ai servizi del territorio" })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: "Emporio solidale Il Granaio" })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: "Distribuzione pacchi alimentari" })).toHaveCount(0);
  await expect(visitor.getByRole("heading", { name })).toHaveCount(0);
  await checkA11y(visitor);
  await expectNoOverflow(visitor);
  await publicContext.close();
});
