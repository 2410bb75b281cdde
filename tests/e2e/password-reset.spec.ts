import {
  checkA11y,
  expect,
  fillSignIn,
  linkIn,
  submit,
  test,
  uniqueEmail,
  uniqueName,
  visit,
} from "./support";
import type { Page } from "@playwright/test";

const RESET_SUBJECT = "Reimposta la password di Tavolo";
const CONFIRMATION =
  "Se l'indirizzo corrisponde a un account attivo, a breve riceverai un'e-mail con un collegamento per scegliere una nuova password. Il collegamento vale un'ora e si può usare una sola volta.";

/** From the sign-in page, "Password dimenticata?" → the address → the neutral confirmation. */
async function askForReset(page: Page, email: string) {
  await visit(page, "/accedi");
  await checkA11y(page);
  await page.getByRole("link", { name: "Password dimenticata?" }).click();
  await expect(page).toHaveURL("/password-dimenticata");
  await expect(page.getByRole("heading", { level: 1, name: "Password dimenticata" })).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  const asked = new Date();
  const response = await submit(page, page.getByRole("button", { name: "Invia il collegamento" }), "/password-dimenticata");
  expect(response.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Controlla la tua e-mail" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(CONFIRMATION);
  await checkA11y(page);
  return asked;
}

test.describe("Password dimenticata", () => {
  test("dal collegamento nella mail si sceglie una nuova password e si entra; la vecchia non vale più", async ({
    page,
    browser,
    db,
    mailbox,
  }) => {
    const name = uniqueName("Paolo");
    const user = await db.createUser({ email: uniqueEmail("reimposta"), name, role: "MEMBER", password: "Vecchia password del test" });
    const asked = await askForReset(page, user.email);

    const mail = await mailbox.waitForMail(user.email, RESET_SUBJECT, { after: asked });
    expect(mail.text).toContain(`Buongiorno ${name}`);
    const link = linkIn(mail, "/reimposta-password/");

    // The link is opened in another browser (the mail app's), where nobody is signed in.
    const mailContext = await browser.newContext();
    const other = await mailContext.newPage();
    const opened = await visit(other, link);
    expect(opened.status()).toBe(200);
    await expect(other.getByRole("heading", { level: 1, name: "Scegli una nuova password" })).toBeVisible();
    await expect(other.getByText(`Per l'account ${user.email}.`)).toBeVisible();
    await checkA11y(other);

    await other.getByLabel("Nuova password", { exact: true }).fill("Nuova frase lunga del test");
    await other.getByLabel("Ripeti la nuova password", { exact: true }).fill("Nuova frase lunga del test");
    await submit(other, other.getByRole("button", { name: "Salva la password e accedi" }), new URL(link).pathname);
    await expect(other).toHaveURL("/");
    await expect(other.getByRole("heading", { level: 1, name: `Buongiorno, ${name.split(" ")[0]}` })).toBeVisible();
    await checkA11y(other);

    // Signed out, the old password is refused and the new one works.
    await submit(other, other.getByRole("button", { name: "Esci" }), "/esci");
    await expect(other).toHaveURL("/accedi");
    await checkA11y(other);
    const old = await fillSignIn(other, user.email, "Vecchia password del test");
    expect(old.status()).toBe(401);
    await expect(other.getByRole("alert").filter({ hasText: "E-mail o password non corretti." })).toBeVisible();
    await checkA11y(other);
    await fillSignIn(other, user.email, "Nuova frase lunga del test");
    await expect(other).toHaveURL("/");
    await expect(other.getByRole("heading", { level: 1, name: `Buongiorno, ${name.split(" ")[0]}` })).toBeVisible();
    await checkA11y(other);

    // The link a second time is refused.
    const second = await mailContext.newPage();
    const reused = await visit(second, link);
    expect(reused.status()).toBe(410);
    await expect(second.getByRole("heading", { level: 1, name: "Collegamento non valido" })).toBeVisible();
    await expect(second.getByRole("alert")).toContainText("non è valido o è già stato usato");
    await checkA11y(second);
    await mailContext.close();
  });

  test("un indirizzo sconosciuto riceve la stessa conferma e nessuna e-mail parte", async ({ page, db, mailbox }) => {
    const unknown = uniqueEmail("sconosciuto");
    const asked = await askForReset(page, unknown);

    // A real account asks right after: once its mail has arrived, the queue has been worked through.
    const user = await db.createUser({ email: uniqueEmail("noto"), name: uniqueName("Nora"), role: "MEMBER" });
    const askedKnown = await askForReset(page, user.email);
    await mailbox.waitForMail(user.email, RESET_SUBJECT, { after: askedKnown });

    await mailbox.expectNoMail(unknown, asked, 500);
    expect(await db.count("OutboxMail", `"to" = ?`, [unknown]), "nessun messaggio in coda per l'indirizzo sconosciuto").toBe(0);
  });
});
