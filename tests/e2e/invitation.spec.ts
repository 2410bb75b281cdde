import type { Page } from "@playwright/test";
import {
  checkA11y,
  DEMO,
  expect,
  expectFieldError,
  linkIn,
  submit,
  test,
  uniqueEmail,
  visit,
  type Mailbox,
} from "./support";

const INVITE_SUBJECT = "Invito a partecipare a Tavolo";

/** From the home page, through the menu, as a coordinator: invites `email` and checks the notice. */
async function inviteThroughUi(page: Page, email: string, organisation: string, role: string) {
  await visit(page, "/");
  await page.getByRole("banner").getByRole("link", { name: "Utenti e inviti" }).click();
  await expect(page).toHaveURL("/utenti");
  await expect(page.getByRole("heading", { level: 1, name: "Utenti e inviti" })).toBeVisible();
  await checkA11y(page);

  await page.getByRole("link", { name: "Invita una persona" }).click();
  await expect(page).toHaveURL("/utenti/invita");
  await expect(page.getByRole("heading", { level: 1, name: "Invita una persona" })).toBeVisible();
  await checkA11y(page);

  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Organizzazione", { exact: true }).selectOption({ label: organisation });
  await page.getByLabel("Ruolo", { exact: true }).selectOption({ label: role });
  const sent = new Date();
  await submit(page, page.getByRole("button", { name: "Invia l'invito" }), "/utenti/invita");
  await expect(page).toHaveURL(`/utenti?invitato=${encodeURIComponent(email)}`);
  await expect(page.getByRole("status")).toHaveText(`Invito inviato a ${email}. Il collegamento vale 7 giorni.`);
  await expect(page.getByRole("table", { name: "Inviti in attesa di risposta" }).getByRole("row").filter({ hasText: email })).toBeVisible();
  await checkA11y(page);
  return sent;
}

async function invitationLink(mailbox: Mailbox, email: string, after?: Date) {
  const mail = await mailbox.waitForMail(email, INVITE_SUBJECT, { after });
  return linkIn(mail, "/invito/");
}

test.describe("Inviti", () => {
  test("invito accettato dal collegamento nella mail: si entra subito; il collegamento vale una volta sola", async ({
    page,
    browser,
    db,
    mailbox,
  }) => {
    const email = uniqueEmail("invitata");
    await db.signInAs(page.context(), DEMO.coordinator.email);
    const sent = await inviteThroughUi(page, email, "Caritas Decanale di Cinisello Balsamo", "Referente di organizzazione");

    const mail = await mailbox.waitForMail(email, INVITE_SUBJECT, { after: sent });
    expect(mail.text).toContain("Giulia Ferrari ti ha invitato");
    expect(mail.text).toContain("come referente di organizzazione per Caritas Decanale di Cinisello Balsamo");
    const link = linkIn(mail, "/invito/");
    expect(mail.html).toContain(link);

    // The invited person: another browser, nobody signed in.
    const invitee = await browser.newContext();
    const guest = await invitee.newPage();
    const opened = await visit(guest, link);
    expect(opened.status()).toBe(200);
    await expect(guest.getByRole("heading", { level: 1, name: "Benvenuto nel tavolo" })).toBeVisible();
    await expect(guest.getByText(email, { exact: true })).toBeVisible();
    await checkA11y(guest);
    const path = new URL(link).pathname;

    await guest.getByLabel("Nome e cognome", { exact: true }).fill("Lucia Verdi");
    await guest.getByLabel("Password", { exact: true }).fill("corta");
    await guest.getByLabel("Ripeti la password", { exact: true }).fill("corta");
    const tooShort = await submit(guest, guest.getByRole("button", { name: "Crea l'account ed entra" }), path);
    expect(tooShort.status()).toBe(400);
    await expectFieldError(guest, "Password", "almeno 12 caratteri");
    await checkA11y(guest);

    await guest.getByLabel("Password", { exact: true }).fill("Una frase lunga e sicura");
    await guest.getByLabel("Ripeti la password", { exact: true }).fill("Una frase lunga e diversa");
    const mismatch = await submit(guest, guest.getByRole("button", { name: "Crea l'account ed entra" }), path);
    expect(mismatch.status()).toBe(400);
    await expectFieldError(guest, "Ripeti la password", "Le due password non coincidono.");
    await checkA11y(guest);
    expect(await db.findUser(email), "nessun account prima di un invio valido").toBeUndefined();

    await guest.getByLabel("Password", { exact: true }).fill("Una frase lunga e sicura");
    await guest.getByLabel("Ripeti la password", { exact: true }).fill("Una frase lunga e sicura");
    await submit(guest, guest.getByRole("button", { name: "Crea l'account ed entra" }), path);
    await expect(guest).toHaveURL("/");
    await expect(guest.getByRole("heading", { level: 1, name: "Buongiorno, Lucia" })).toBeVisible();
    await expect(guest.getByRole("link", { name: /Profilo di Lucia Verdi/ })).toBeVisible();
    await checkA11y(guest);
    const user = await db.findUser(email);
    expect(user).toMatchObject({ name: "Lucia Verdi", role: "REFERENT", active: true });

    // The same link a second time, from a browser with nobody signed in.
    const later = await browser.newContext();
    const again = await later.newPage();
    const reused = await visit(again, link);
    expect(reused.status()).toBe(410);
    await expect(again.getByRole("heading", { level: 1, name: "Invito non utilizzabile" })).toBeVisible();
    await expect(again.getByRole("alert")).toContainText("già stato usato");
    await checkA11y(again);

    // The invitation left the coordinator's list of open ones; the person is among the users.
    await visit(page, "/utenti");
    await expect(page.getByRole("table", { name: "Utenti di Tavolo" }).getByRole("row").filter({ hasText: email })).toContainText("Lucia Verdi");
    await expect(page.getByText(email)).toHaveCount(1);
    await checkA11y(page);
    await invitee.close();
    await later.close();
  });

  test("«Invia di nuovo» rende non valido il collegamento precedente", async ({ page, browser, db, mailbox }) => {
    const email = uniqueEmail("reinvito");
    await db.signInAs(page.context(), DEMO.coordinator.email);
    const sent = await inviteThroughUi(page, email, "Comune di Cinisello Balsamo", "Componente del tavolo");
    const firstLink = await invitationLink(mailbox, email, sent);

    const resent = new Date();
    const response = await submit(page, page.getByRole("button", { name: `Invia di nuovo a ${email}` }), "/utenti");
    expect(response.status()).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: "Invito inviato di nuovo" })).toHaveText(
      "Invito inviato di nuovo: il collegamento precedente non vale più.",
    );
    await checkA11y(page);
    const secondLink = await invitationLink(mailbox, email, resent);
    expect(secondLink).not.toBe(firstLink);

    const guestContext = await browser.newContext();
    const guest = await guestContext.newPage();
    const old = await visit(guest, firstLink);
    expect(old.status()).toBe(404);
    await expect(guest.getByRole("heading", { level: 1, name: "Invito non utilizzabile" })).toBeVisible();
    await expect(guest.getByRole("alert")).toContainText("Questo invito non è valido");
    await checkA11y(guest);

    const fresh = await visit(guest, secondLink);
    expect(fresh.status()).toBe(200);
    await expect(guest.getByRole("heading", { level: 1, name: "Benvenuto nel tavolo" })).toBeVisible();
    await checkA11y(guest);
    await guestContext.close();
  });

  test("un invito annullato non si può più usare", async ({ page, browser, db, mailbox }) => {
    const email = uniqueEmail("annullato");
    await db.signInAs(page.context(), DEMO.coordinator.email);
    const sent = await inviteThroughUi(page, email, "Comune di Cinisello Balsamo", "Componente del tavolo");
    const link = await invitationLink(mailbox, email, sent);

    const response = await submit(page, page.getByRole("button", { name: `Annulla l'invito a ${email}` }), "/utenti");
    expect(response.status()).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: "Invito annullato." })).toBeVisible();
    await expect(page.getByRole("table", { name: "Inviti in attesa di risposta" }).getByText(email)).toHaveCount(0);
    await checkA11y(page);

    const guestContext = await browser.newContext();
    const guest = await guestContext.newPage();
    const revoked = await visit(guest, link);
    expect(revoked.status()).toBe(404);
    await expect(guest.getByRole("heading", { level: 1, name: "Invito non utilizzabile" })).toBeVisible();
    await expect(guest.getByRole("alert")).toContainText("Questo invito non è valido: potrebbe essere stato annullato");
    await checkA11y(guest);

    // Nor can it be accepted by posting the form straight to the link.
    const post = await guest.request.post(link, {
      form: { name: "Qualcuno", password: "Una frase lunga e sicura", confirmPassword: "Una frase lunga e sicura" },
      headers: { Origin: new URL(link).origin },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(404);
    expect(await db.findUser(email)).toBeUndefined();
    await guestContext.close();
  });
});
