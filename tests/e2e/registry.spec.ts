import { checkA11y, DEMO, expect, expectFieldError, test, uniqueName, visit } from "./support";

// The registry's main journey: a coordinator registers a new organisation, records its signature of
// the Protocollo d'Intesa and puts one of its people in a working group; a member then finds it.

const GROUP = "Cibo e beni essenziali"; // the demo member (Croce Rossa) belongs to it
const FISCAL_CODE = "97004000002"; // not used by the seed, valid check digit

test("un coordinatore registra un'organizzazione, la fa firmare e la porta in un gruppo; un componente la vede", async ({ page, db, browser }) => {
  const name = `Associazione ${uniqueName("Solidale")}`;
  await db.signInAs(page.context(), DEMO.coordinator.email);

  // 1. The new organisation, first with a wrong codice fiscale.
  await visit(page, "/organizzazioni");
  await checkA11y(page);
  await page.getByRole("link", { name: "Nuova organizzazione" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nuova organizzazione" })).toBeVisible();
  await page.getByLabel("Nome", { exact: true }).fill(name);
  await page.getByLabel("Forma giuridica").selectOption({ label: "Associazione di volontariato" });
  await page.getByLabel("Codice fiscale").fill("97004000003");
  await page.getByLabel("Stato di adesione").selectOption({ label: "Partner (firmatario del Protocollo d'Intesa)" });
  await page.getByLabel("Dal giorno").fill("2026-10-01");
  await page.getByLabel("Che cosa fa per il tavolo").fill("Distribuisce pacchi alimentari alle famiglie segnalate dai servizi sociali.");
  await page.getByRole("button", { name: "Registra l'organizzazione" }).click();
  await expectFieldError(page, "Codice fiscale", /cifra di controllo/);
  await checkA11y(page);
  expect(await db.count("Organisation", `"name" = ?`, [name])).toBe(0);

  await page.getByLabel("Codice fiscale").fill(FISCAL_CODE);
  await page.getByRole("button", { name: "Registra l'organizzazione" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Storia dell'adesione" })).toContainText("1 ottobre 2026");
  await checkA11y(page);
  const organisationId = await db.organisationId(name);

  // 2. Its signature of the Protocollo d'Intesa, dated later than the protocol's own.
  await visit(page, "/protocolli");
  await page.getByRole("link", { name: /Protocollo d'Intesa del Tavolo Povertà/ }).click();
  await checkA11y(page);
  await page.getByLabel("Organizzazione", { exact: true }).selectOption({ label: name });
  await page.getByLabel("Data di firma").fill("2026-10-15");
  await page.getByRole("button", { name: "Aggiungi firmataria" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("15 ottobre 2026");
  await checkA11y(page);
  expect(await db.count("ProtocolSignatory", `"organisationId" = ?`, [organisationId])).toBe(1);

  // 3. One of its people (their account made directly: inviting is another journey) joins a group.
  const person = await db.createUser({ email: `volontaria-${Date.now()}@example.org`, name: uniqueName("Rita"), role: "REFERENT", organisationName: name });
  await visit(page, "/gruppi");
  await page.getByRole("link", { name: GROUP }).first().click();
  await page.getByRole("link", { name: "Modifica il gruppo" }).click();
  await checkA11y(page);
  // Bootstrap Italia draws the checkbox on its label, so a person clicks the label.
  await page.getByRole("group", { name }).getByText(person.name).click();
  await expect(page.getByRole("group", { name }).getByLabel(person.name)).toBeChecked();
  await page.getByRole("button", { name: "Salva le modifiche" }).click();
  await expect(page.getByRole("heading", { level: 1, name: GROUP })).toBeVisible();
  await expect(page.getByRole("region", { name: "Componenti" })).toContainText(person.name);
  await checkA11y(page);

  // 4. A member of the tavolo finds it, its signature and its group, without private contacts.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await db.signInAs(memberContext, DEMO.member.email);
  await visit(memberPage, "/organizzazioni");
  await memberPage.getByLabel("Nome o codice fiscale").fill(FISCAL_CODE);
  await memberPage.getByRole("button", { name: "Cerca", exact: true }).click();
  await memberPage.getByRole("link", { name }).click();
  await expect(memberPage.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(memberPage.getByRole("region", { name: "Protocolli firmati" })).toContainText("15 ottobre 2026");
  await expect(memberPage.getByRole("region", { name: "Gruppi di lavoro" })).toContainText(GROUP);
  await expect(memberPage.getByRole("link", { name: /Modifica/ })).toHaveCount(0);
  await checkA11y(memberPage);

  await visit(memberPage, "/gruppi");
  await memberPage.getByRole("link", { name: GROUP }).first().click();
  await expect(memberPage.getByRole("region", { name: "Componenti" })).toContainText(person.name);
  await checkA11y(memberPage);

  // The member cannot edit it.
  const edit = await visit(memberPage, `/organizzazioni/${organisationId}/modifica`);
  expect(edit.status()).toBe(403);
  await memberContext.close();
});
