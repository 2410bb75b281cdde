import { randomUUID } from "node:crypto";
import { checkA11y, DEMO, expect, test, uniqueEmail, uniqueName, visit } from "./support";

// Comunicazioni (issue 8): a coordinator writes an announcement to a working group with the
// editor and sends it; a member of the group gets the mail, finds it first in the feed (unread) and
// opens it; the coordinator then sees it read. A member chooses how to receive announcements.

const GROUP = "Donazioni e volontariato"; // a seeded group no other journey writes to

test("un coordinatore scrive a un gruppo di lavoro, un componente la riceve e la legge, il coordinatore lo vede", async ({ page, browser, db, mailbox }) => {
  test.setTimeout(120_000);
  const member = await db.createUser({ email: uniqueEmail("volontaria"), name: uniqueName("Vera"), role: "MEMBER" });
  const group = await db.one<{ id: string }>(`SELECT "id" FROM "WorkingGroup" WHERE "name" = ?`, [GROUP]);
  await db.run(`INSERT INTO "WorkingGroupMember" ("groupId", "userId", "createdAt") VALUES (?, ?, ?)`, [group!.id, member.id, new Date()]);
  const title = `Turni di dicembre al magazzino ${randomUUID().slice(0, 6)}`;
  const since = new Date();

  // 1. The coordinator writes and sends it.
  await db.signInAs(page.context(), DEMO.coordinator.email);
  await visit(page, "/comunicazioni");
  await expect(page.getByRole("heading", { level: 1, name: "Comunicazioni" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Gestione" })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("link", { name: "Nuova comunicazione" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nuova comunicazione" })).toBeVisible();
  const editor = page.getByRole("textbox", { name: "Testo" });
  await expect(editor).toHaveAttribute("contenteditable", "true");
  await checkA11y(page);
  await page.getByLabel("Titolo", { exact: true }).fill(title);
  await editor.click();
  await editor.pressSequentially("Servono due volontari per il sabato mattina.");
  await page.getByLabel("A chi va").selectOption({ label: "Un gruppo di lavoro" });
  await page.getByLabel("Gruppo di lavoro").selectOption({ label: GROUP });
  await page.getByRole("button", { name: "Invia ora" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Comunicazione inviata");
  await expect(page.getByText(/Letta da 0 di \d+ destinatari/)).toBeVisible();
  await checkA11y(page);
  const announcementPath = new URL(page.url()).pathname;

  // 2. The member gets the mail, and finds it first in the feed, marked unread.
  const mail = await mailbox.waitForMail(member.email, title, { after: since });
  expect(mail.text).toContain("Servono due volontari per il sabato mattina.");
  expect(new URL(mailbox.linkIn(mail, "/comunicazioni/")).pathname).toBe(announcementPath);
  const memberContext = await browser.newContext({ locale: "it-IT", timezoneId: "Europe/Rome" });
  const memberPage = await memberContext.newPage();
  await db.signInAs(memberContext, member.email);
  await visit(memberPage, "/");
  const card = memberPage.getByRole("region", { name: "Comunicazioni" });
  await expect(card).toContainText("Hai 1 comunicazione non letta.");
  await expect(card.getByRole("link", { name: title })).toBeVisible();
  await checkA11y(memberPage);
  await visit(memberPage, "/comunicazioni");
  const first = memberPage.getByRole("region", { name: "Ricevute" }).getByRole("listitem").first();
  await expect(first).toContainText(title);
  await expect(first).toContainText("non letta");
  await checkA11y(memberPage);
  await first.getByRole("link", { name: title }).click();
  await expect(memberPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(memberPage.getByText("Servono due volontari per il sabato mattina.")).toBeVisible();
  await checkA11y(memberPage);
  await visit(memberPage, "/comunicazioni");
  await expect(memberPage.getByRole("region", { name: "Ricevute" }).getByRole("listitem").filter({ hasText: title })).not.toContainText("non letta");

  // 3. The coordinator sees it read.
  await page.reload();
  await expect(page.getByText(/Letta da 1 di \d+ destinatari/)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(member.name) })).toContainText("E-mail inviata");
  await checkA11y(page);
  await memberContext.close();
});

test("un componente sceglie di ricevere le comunicazioni nel riepilogo settimanale", async ({ page, db }) => {
  const member = await db.createUser({ email: uniqueEmail("preferenze"), name: uniqueName("Pia"), role: "MEMBER" });
  await db.signInAs(page.context(), member.email);
  await visit(page, "/profilo");
  await page.getByRole("link", { name: "Imposta le notifiche" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Le tue notifiche" })).toBeVisible();
  await checkA11y(page);
  const announcements = page.getByRole("group", { name: "Comunicazioni del tavolo" });
  await expect(announcements.getByLabel(/Subito, per e-mail/)).toBeChecked();
  // Bootstrap Italia draws the radio on its label, which is what a person clicks.
  await announcements.locator("label", { hasText: "Nel riepilogo settimanale" }).click();
  await expect(announcements.getByLabel("Nel riepilogo settimanale")).toBeChecked();
  await page.getByRole("button", { name: "Salva le preferenze" }).click();
  await expect(page.getByRole("status")).toContainText("Preferenze salvate.");
  await checkA11y(page);
  await visit(page, "/profilo/notifiche");
  await expect(page.getByRole("group", { name: "Comunicazioni del tavolo" }).getByLabel("Nel riepilogo settimanale")).toBeChecked();
  expect(await db.count("NotificationPreference", `"userId" = ? AND "kind" = 'ANNOUNCEMENT' AND "delivery" = 'DIGEST'`, [member.id])).toBe(1);
  // The rest stays as it was: convocations are not among the choices at all.
  await expect(page.getByText("Convocazioni delle riunioni, loro modifiche e annullamenti")).toBeVisible();
});

test("un coordinatore salva una bozza per persone scelte, la riapre e la annulla", async ({ page, db }) => {
  const person = await db.createUser({ email: uniqueEmail("scelta"), name: uniqueName("Silvia"), role: "REFERENT" });
  const title = `Bozza per persone scelte ${randomUUID().slice(0, 6)}`;
  await db.signInAs(page.context(), DEMO.coordinator.email);
  await visit(page, "/comunicazioni/nuova");
  await page.getByLabel("Titolo", { exact: true }).fill(title);
  await page.getByLabel("A chi va").selectOption({ label: "Persone scelte" });
  await page.locator("label", { hasText: person.name }).click();
  await page.getByRole("button", { name: "Salva bozza" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Bozza salvata");
  await checkA11y(page);
  await page.getByRole("link", { name: "Modifica" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Modifica la comunicazione" })).toBeVisible();
  await expect(page.getByLabel(new RegExp(person.name))).toBeChecked();
  await checkA11y(page);
  // Scheduling asks for the text first, then refuses a time already past, each next to its field.
  await page.getByLabel("Data e ora dell'invio (ora italiana)").fill("2020-01-01T09:00");
  await page.getByRole("button", { name: "Programma invio" }).click();
  await expect(page.getByText("Scrivi il testo della comunicazione prima di inviarla.")).toBeVisible();
  const editor = page.getByRole("textbox", { name: "Testo" });
  await editor.click();
  await editor.pressSequentially("Vi aspettiamo.");
  await page.getByRole("button", { name: "Programma invio" }).click();
  await expect(page.getByText("L'invio programmato deve essere nel futuro.")).toBeVisible();
  await expect(page.getByLabel("Data e ora dell'invio (ora italiana)")).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page);
  await page.getByRole("button", { name: "Annulla la comunicazione" }).click();
  await expect(page.getByRole("status")).toContainText("Comunicazione annullata");
  expect(await db.count("Announcement", `"title" = ? AND "status" = 'CANCELLED'`, [title])).toBe(1);
});
