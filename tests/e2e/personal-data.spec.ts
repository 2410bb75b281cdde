// Personal data (issue 6, decision 030): a member downloads everything Tavolo keeps about them from
// their profile; a coordinator removes a referent who left, through the confirmation page, and the
// verbale the referent commented then reads "ex referente di <organisation>"; the information
// notice is written by the coordinators and read by anyone.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { checkA11y, DEMO, expect, expectFieldError, submit, test, uniqueEmail, uniqueName, visit } from "./support";

const CARITAS = "Caritas Decanale di Cinisello Balsamo";

test("un componente scarica i propri dati dal profilo", async ({ browser, db }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await db.signInAs(context, DEMO.member.email);

  await visit(page, "/profilo");
  await page.getByRole("link", { name: "I tuoi dati personali" }).click();
  await expect(page).toHaveURL("/profilo/dati-personali");
  await expect(page.getByRole("heading", { level: 1, name: "I tuoi dati personali" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("nomi e gli indirizzi di altre persone non sono mai inclusi");
  await checkA11y(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Scarica i tuoi dati (JSON)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^dati-personali-tavolo-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync((await download.path())!, "utf8");
  const data = JSON.parse(text) as { account: { email: string; name: string; role: string }; sessions: unknown[]; meetingInvitations: unknown[] };
  expect(data.account).toMatchObject({ email: DEMO.member.email, name: DEMO.member.name, role: "MEMBER" });
  expect(data.sessions.length).toBeGreaterThanOrEqual(1);
  for (const other of [DEMO.coordinator.email, DEMO.coordinator.name, DEMO.referent.email, DEMO.referent.name]) expect(text).not.toContain(other);
  await context.close();
});

test("un coordinatore rimuove una persona e il verbale che aveva commentato resta leggibile", async ({ browser, db }) => {
  const name = uniqueName("Piero");
  const person = await db.createUser({ email: uniqueEmail("rimosso"), name, role: "REFERENT", organisationName: CARITAS });
  const published = await db.one<{ id: string; meetingId: string }>(`SELECT "id", "meetingId" FROM "Verbale" WHERE "status" = 'PUBBLICATO' ORDER BY "publishedAt" LIMIT 1`);
  if (!published) throw new Error("Nessun verbale pubblicato nei dati dimostrativi");
  const comment = `Osservazione di prova ${randomUUID().slice(0, 8)}: l'emporio apre anche il sabato.`;
  await db.run(`INSERT INTO "VerbaleComment" ("id", "verbaleId", "userId", "authorName", "text", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`, [
    randomUUID(),
    published.id,
    person.id,
    name,
    comment,
    new Date(),
  ]);
  const label = `ex referente di ${CARITAS}`;

  const context = await browser.newContext();
  const page = await context.newPage();
  await db.signInAs(context, DEMO.coordinator.email);
  await visit(page, "/utenti");
  const row = page.getByRole("table", { name: "Utenti di Tavolo" }).getByRole("row").filter({ hasText: person.email });
  await row.getByRole("link", { name: `Rimuovi i dati di ${name}` }).click();
  await expect(page).toHaveURL(`/utenti/${person.id}/rimuovi`);
  await expect(page.getByRole("heading", { level: 1, name: "Rimuovi la persona e i suoi dati" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`Il nome diventa «${label}»`);
  await checkA11y(page);

  // Without the name typed, nothing happens.
  const refused = await submit(page, page.getByRole("button", { name: "Rimuovi la persona e i suoi dati" }), `/utenti/${person.id}/rimuovi`);
  expect(refused.status()).toBe(400);
  await expectFieldError(page, "Per confermare, scrivi il nome della persona", "Scrivi il nome della persona per confermare.");
  await checkA11y(page);
  expect(await db.findUser(person.email)).toMatchObject({ name, active: true });

  await page.getByLabel("Per confermare, scrivi il nome della persona").fill(name);
  await page.getByRole("button", { name: "Rimuovi la persona e i suoi dati" }).click();
  await expect(page).toHaveURL(/\/utenti\?rimosso=/);
  await expect(page.getByRole("status")).toContainText(`Persona rimossa: ora compare come «${label}»`);
  await expect(page.getByRole("table", { name: "Utenti di Tavolo" })).not.toContainText(person.email);
  await expect(page.getByRole("region", { name: "Persone rimosse" })).toContainText(label);
  await checkA11y(page);
  expect(await db.findUser(person.email)).toBeUndefined();
  expect(await db.one(`SELECT "name", "email", "active", "passwordHash" FROM "User" WHERE "id" = ?`, [person.id])).toMatchObject({
    name: label,
    email: `rimosso-${person.id}@invalid`,
    passwordHash: null,
  });
  expect(await db.count("Session", `"userId" = ?`, [person.id])).toBe(0);

  // The verbale keeps the comment, now signed with the anonymised name.
  await visit(page, `/riunioni/${published.meetingId}/verbale`);
  const comments = page.getByRole("region", { name: "Commenti dei partecipanti" });
  const item = comments.getByRole("listitem").filter({ hasText: comment });
  await expect(item).toContainText(label);
  await expect(page.getByRole("main")).not.toContainText(name);
  await checkA11y(page);
  await context.close();
});

test("il coordinamento scrive l'informativa e chiunque la legge senza accesso", async ({ browser, db }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await db.signInAs(context, DEMO.coordinator.email);
  await visit(page, "/impostazioni/privacy");
  await expect(page.getByRole("heading", { level: 1, name: "Informativa sulla privacy" })).toBeVisible();
  await checkA11y(page);
  const marker = `Titolare del trattamento: Comune di Cinisello Balsamo (${randomUUID().slice(0, 8)})`;
  const editor = page.getByRole("textbox", { name: "Testo dell'informativa" });
  await editor.click();
  await editor.fill(marker);
  const saved = await submit(page, page.getByRole("button", { name: "Salva l'informativa" }), "/impostazioni/privacy");
  expect(saved.status()).toBe(200);
  await expect(page.getByRole("status")).toContainText("Informativa salvata");
  await checkA11y(page);

  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  await visit(reader, "/privacy");
  await expect(reader.getByRole("heading", { level: 1, name: "Informativa sul trattamento dei dati personali" })).toBeVisible();
  await expect(reader.getByRole("main")).toContainText(marker);
  await expect(reader.getByRole("table", { name: /Dati personali conservati da Tavolo/ })).toContainText("Sessioni di accesso");
  await checkA11y(reader);

  // Back to the built-in text, so other journeys read the default notice.
  await db.run(`UPDATE "TavoloSettings" SET "privacyNotice" = '' WHERE "id" = 'tavolo'`);
  await visit(reader, "/privacy");
  await expect(reader.getByRole("main")).toContainText("Titolare del trattamento");
  await expect(reader.getByRole("main")).not.toContainText(marker);
  await anonymous.close();
  await context.close();
});
