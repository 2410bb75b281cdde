import type { Page } from "@playwright/test";
import { BASE_URL, checkA11y, DEMO, expect, test, uniqueName, visit, waitForHydration } from "./support";

// The partner referent's own corner of the registry: the demo referent (Caritas) keeps the
// description and the contacts of their organisation up to date, and nothing else; a member of the
// tavolo then sees who to ask for at Caritas, but not their phone numbers or e-mail addresses.

const CARITAS = "Caritas Decanale di Cinisello Balsamo";
const OTHER = "Croce Rossa Italiana-Comitato Locale di Cinisello Balsamo";
// The seed's contacts of Caritas (prisma/demo/registry.ts).
const SEEDED_CONTACTS = [
  { name: "Giorgio Villa", phone: "+39 02 0000 1101", email: "ascolto@caritas.example.org" },
  { name: "Marta Fontana", phone: "+39 02 0000 1102", email: "segreteria@caritas.example.org" },
];

const RECORD = `SELECT "name", "codiceFiscale", "legalForm", "description" FROM "Organisation" WHERE "id" = ?`;

/** A fresh phone number, so that a rerun or another test never shows the same one. */
const uniquePhone = () => `+39 02 ${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")} ${String(Date.now() % 10_000).padStart(4, "0")}`;

async function addContact(page: Page, contact: { name: string; role: string; phone: string; email: string }) {
  await page.getByLabel("Nome e cognome").fill(contact.name);
  await page.getByLabel("Ruolo nell'organizzazione").fill(contact.role);
  await page.getByLabel("Telefono").fill(contact.phone);
  await page.getByLabel("E-mail").fill(contact.email);
  await page.getByRole("button", { name: "Aggiungi il contatto" }).click();
  await expect(page.getByRole("status")).toHaveText("Contatto aggiunto.");
}

test("il referente aggiorna la descrizione e i contatti della sua organizzazione, e solo quelli", async ({ page, db }) => {
  const caritasId = await db.organisationId(CARITAS);
  const otherId = await db.organisationId(OTHER);
  const recordBefore = (await db.one<Record<string, unknown>>(RECORD, [caritasId]))!;
  const nameBefore = recordBefore.name;
  const description = `Centro di ascolto, distribuzione di viveri e accompagnamento delle famiglie (${uniqueName("Nota")}).`;
  const kept = { name: uniqueName("Carla"), role: "Volontaria del centro di ascolto", phone: uniquePhone(), email: `carla-${Date.now()}@caritas.example.org` };
  const corrected = { phone: uniquePhone(), email: `carla.corretta-${Date.now()}@caritas.example.org` };
  const removed = { name: uniqueName("Bruno"), role: "Magazzino", phone: uniquePhone(), email: `bruno-${Date.now()}@caritas.example.org` };
  await db.signInAs(page.context(), DEMO.referent.email);

  // 1. Their organisation, from the list.
  await visit(page, "/organizzazioni");
  await page.getByRole("link", { name: CARITAS }).click();
  await expect(page.getByRole("heading", { level: 1, name: CARITAS })).toBeVisible();
  await expect(page.getByRole("link", { name: "Registra un cambio di stato" })).toHaveCount(0);
  await checkA11y(page);

  // 2. The description, the only field the referent is offered.
  await page.getByRole("link", { name: "Modifica la descrizione" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Descrizione di ${CARITAS}` })).toBeVisible();
  const fields = page.locator("#main-content form").locator("input:not([type=hidden]), textarea, select");
  await expect(fields).toHaveCount(1);
  await expect(page.getByLabel("Nome", { exact: true })).toHaveCount(0);
  await checkA11y(page);
  await page.getByLabel("Che cosa fa per il tavolo").fill(description);
  await page.getByRole("button", { name: "Salva" }).click();
  await expect(page.getByRole("heading", { level: 1, name: CARITAS })).toBeVisible();
  await expect(page.getByRole("region", { name: "Dati dell'anagrafica" })).toContainText(description);
  expect(await db.one(`SELECT "name", "description" FROM "Organisation" WHERE "id" = ?`, [caritasId])).toEqual({ name: nameBefore, description });

  // 3. Two new contacts; the first one corrected, the second one removed.
  await page.getByRole("link", { name: "Gestisci i contatti" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Contatti di ${CARITAS}` })).toBeVisible();
  await checkA11y(page);
  await addContact(page, kept);
  await expect(page.getByRole("row", { name: new RegExp(kept.name) })).toContainText(kept.phone);
  await addContact(page, removed);
  await checkA11y(page);
  expect(await db.count("Contact", `"organisationId" = ? AND "name" IN (?, ?)`, [caritasId, kept.name, removed.name])).toBe(2);

  await page.getByRole("link", { name: `Modifica ${kept.name}` }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Modifica ${kept.name}` })).toBeVisible();
  await expect(page.getByLabel("Telefono")).toHaveValue(kept.phone);
  await checkA11y(page);
  await page.getByLabel("Telefono").fill(corrected.phone);
  await page.getByLabel("E-mail").fill(corrected.email);
  await page.getByRole("button", { name: "Salva il contatto" }).click();
  await expect(page.getByRole("status")).toHaveText("Contatto modificato.");
  const keptRow = page.getByRole("row", { name: new RegExp(kept.name) });
  await expect(keptRow).toContainText(corrected.phone);
  await expect(keptRow).toContainText(corrected.email);
  expect(await db.one(`SELECT "phone", "email" FROM "Contact" WHERE "organisationId" = ? AND "name" = ?`, [caritasId, kept.name])).toEqual(corrected);

  await page.getByRole("button", { name: `Rimuovi ${removed.name}` }).click();
  await expect(page.getByRole("status")).toHaveText("Contatto rimosso.");
  await expect(page.getByRole("row", { name: new RegExp(removed.name) })).toHaveCount(0);
  await checkA11y(page);
  expect(await db.count("Contact", `"organisationId" = ? AND "name" = ?`, [caritasId, removed.name])).toBe(0);
  expect(await db.count("Contact", `"organisationId" = ? AND "name" = ?`, [caritasId, kept.name])).toBe(1);

  // 4. The organisation page shows the contacts and tells the story of every change.
  await page.getByRole("link", { name: `Torna a ${CARITAS}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: CARITAS })).toBeVisible();
  const contacts = page.getByRole("region", { name: "Altri contatti" });
  await expect(contacts.getByRole("row", { name: new RegExp(kept.name) })).toContainText(corrected.email);
  await expect(contacts).not.toContainText(removed.name);
  const history = page.getByRole("region", { name: "Storia delle modifiche" });
  await expect(history.getByRole("listitem").filter({ hasText: "Dati dell'organizzazione modificati" }).first()).toContainText(description);
  await expect(history).toContainText(`Contatto aggiunto: ${kept.name}`);
  await expect(history).toContainText(`Contatto modificato: ${kept.name}`);
  // A deleted contact leaves no trace, not even their name in the history (decision 030).
  await expect(history).not.toContainText(removed.name);
  await expect(history.getByRole("listitem").filter({ hasText: "Contatto rimosso, con i suoi dati" }).first()).toContainText(DEMO.referent.name);
  await checkA11y(page);

  // 5. Not another organisation's record, nor the status of their own.
  const otherEdit = await visit(page, `/organizzazioni/${otherId}/modifica`);
  expect(otherEdit.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Accesso non consentito" })).toBeVisible();
  await checkA11y(page);
  const ownStatus = await visit(page, `/organizzazioni/${caritasId}/stato`);
  expect(ownStatus.status()).toBe(403);

  // 6. A forged post to their own edit page changes the description, never the name.
  const forged = await page.request.post(`/organizzazioni/${caritasId}/modifica`, {
    form: { name: "Caritas contraffatta", codiceFiscale: "97004000002", legalForm: "ENTE_PROFIT", description: `${description} Aggiornata.` },
    headers: { Origin: BASE_URL },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(302);
  expect(await db.one(RECORD, [caritasId])).toEqual({ ...recordBefore, description: `${description} Aggiornata.` });
  expect(await db.count("Organisation", `"name" = ?`, ["Caritas contraffatta"])).toBe(0);
});

test("un componente del tavolo vede chi sono i contatti della Caritas, ma non telefoni ed e-mail", async ({ page, db, browser }) => {
  // A contact the referent adds now, so the page shows more than the seed.
  const added = { name: uniqueName("Irene"), role: "Sportello lavoro", phone: uniquePhone(), email: `irene-${Date.now()}@caritas.example.org` };
  const referentContext = await browser.newContext();
  const referentPage = await referentContext.newPage();
  await db.signInAs(referentContext, DEMO.referent.email);
  await visit(referentPage, `/organizzazioni/${await db.organisationId(CARITAS)}/contatti`);
  await addContact(referentPage, added);
  await referentContext.close();

  await db.signInAs(page.context(), DEMO.member.email);
  await visit(page, "/organizzazioni");
  await page.getByRole("link", { name: CARITAS }).click();
  await expect(page.getByRole("heading", { level: 1, name: CARITAS })).toBeVisible();
  const contacts = page.getByRole("region", { name: "Altri contatti" });
  for (const contact of [...SEEDED_CONTACTS, added]) await expect(contacts).toContainText(contact.name);
  await expect(contacts.getByRole("columnheader", { name: "Telefono" })).toHaveCount(0);
  await expect(contacts).toContainText("Telefono ed e-mail dei contatti sono visibili ai referenti e al coordinamento.");
  await expect(page.getByRole("link", { name: /Modifica|Gestisci i contatti/ })).toHaveCount(0);
  await expectNoContactDetails(page, [...SEEDED_CONTACTS, added]);
  await checkA11y(page);
});

// The history is shown to every reader, so a contact's phone and e-mail must not be in it either.
test("un componente non legge telefoni ed e-mail dei contatti nemmeno nella storia delle modifiche", async ({ page, db, browser }) => {
  const contact = { name: uniqueName("Nadia"), role: "Accoglienza", phone: uniquePhone(), email: `nadia-${Date.now()}@caritas.example.org` };
  const corrected = { phone: uniquePhone(), email: `nadia.corretta-${Date.now()}@caritas.example.org` };
  const referentContext = await browser.newContext();
  const referentPage = await referentContext.newPage();
  await db.signInAs(referentContext, DEMO.referent.email);
  await visit(referentPage, `/organizzazioni/${await db.organisationId(CARITAS)}/contatti`);
  await addContact(referentPage, contact);
  await referentPage.getByRole("link", { name: `Modifica ${contact.name}` }).click();
  // The edit form shows the contact's current details once it has loaded: typing earlier could be
  // undone by the form appearing.
  await expect(referentPage.getByLabel("Telefono")).toHaveValue(contact.phone);
  await waitForHydration(referentPage);
  await referentPage.getByLabel("Telefono").fill(corrected.phone);
  await referentPage.getByLabel("E-mail").fill(corrected.email);
  await referentPage.getByRole("button", { name: "Salva il contatto" }).click();
  await expect(referentPage.getByRole("status")).toHaveText("Contatto modificato.");
  await referentContext.close();

  await db.signInAs(page.context(), DEMO.member.email);
  await visit(page, `/organizzazioni/${await db.organisationId(CARITAS)}`);
  await expect(page.getByRole("region", { name: "Storia delle modifiche" })).toContainText(`Contatto modificato: ${contact.name}`);
  await expectNoContactDetails(page, [...SEEDED_CONTACTS, contact, corrected]);
  await checkA11y(page);
});

/** Not in the text, nor in a link (mailto:, tel:) or any other attribute of the page. */
async function expectNoContactDetails(page: Page, contacts: { phone: string; email: string }[]) {
  const html = await page.content();
  const text = await page.locator("body").innerText();
  for (const { phone, email } of contacts) {
    expect(text, `telefono ${phone} nel testo della pagina`).not.toContain(phone);
    expect(text, `e-mail ${email} nel testo della pagina`).not.toContain(email);
    expect(html, `e-mail ${email} nel codice della pagina`).not.toContain(email);
    expect(html, `telefono ${phone} nel codice della pagina`).not.toContain(phone);
  }
}
