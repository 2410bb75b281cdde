// Bad input on every form: the errors are in Italian, next to their field (aria-describedby), the
// answer's status says so, and nothing is written.
import { checkA11y, DEMO, expect, expectFieldError, fillSignIn, submit, test, uniqueEmail, uniqueName, visit } from "./support";

const FIX_ONE = "Controlla il campo segnalato qui sotto.";

test.describe("Errori nei moduli", () => {
  test("accesso: e-mail vuota o scritta male", async ({ page, db }) => {
    await visit(page, "/accedi");
    await checkA11y(page);

    const empty = await fillSignIn(page, "", "una password qualsiasi");
    expect(empty.status()).toBe(400);
    await expect(page.getByRole("alert").filter({ hasText: FIX_ONE })).toBeVisible();
    await expectFieldError(page, "E-mail", "Inserisci l'indirizzo e-mail.");
    await checkA11y(page);

    const malformed = await fillSignIn(page, "non-un-indirizzo", "una password qualsiasi");
    expect(malformed.status()).toBe(400);
    await expectFieldError(page, "E-mail", "Indirizzo e-mail non valido");
    await expect(page.getByLabel("E-mail", { exact: true })).toHaveValue("non-un-indirizzo");
    await checkA11y(page);

    // Neither counted as a failed attempt (the form never reached the password check).
    expect(await db.count("AuthAttempt", `"key" = ?`, ["account:non-un-indirizzo"])).toBe(0);
  });

  test("password dimenticata: e-mail scritta male", async ({ page, db }) => {
    await visit(page, "/password-dimenticata");
    await checkA11y(page);
    await page.getByLabel("E-mail", { exact: true }).fill("mario.rossi@");
    const response = await submit(page, page.getByRole("button", { name: "Invia il collegamento" }), "/password-dimenticata");
    expect(response.status()).toBe(400);
    await expect(page.getByRole("heading", { level: 1, name: "Password dimenticata" })).toBeVisible();
    await expectFieldError(page, "E-mail", "Indirizzo e-mail non valido");
    await checkA11y(page);
    expect(await db.count("AuthAttempt", `"key" = ?`, ["account:mario.rossi@"])).toBe(0);
    expect(await db.count("OutboxMail", `"to" = ?`, ["mario.rossi@"])).toBe(0);
  });

  test("nuova password dal collegamento: troppo corta o tra le più usate", async ({ page, db }) => {
    const user = await db.createUser({ email: uniqueEmail("debole"), name: uniqueName("Dario"), role: "MEMBER" });
    const path = await db.createPasswordReset(user.id);
    await visit(page, path);
    await expect(page.getByRole("heading", { level: 1, name: "Scegli una nuova password" })).toBeVisible();
    await checkA11y(page);

    for (const [password, message] of [
      ["corta", "La password deve avere almeno 12 caratteri."],
      ["password1234", "Questa password è tra le più usate e facili da indovinare: scegline un'altra."],
    ] as const) {
      await page.getByLabel("Nuova password", { exact: true }).fill(password);
      await page.getByLabel("Ripeti la nuova password", { exact: true }).fill(password);
      const response = await submit(page, page.getByRole("button", { name: "Salva la password e accedi" }), path);
      expect(response.status(), password).toBe(400);
      await expectFieldError(page, "Nuova password", message);
      // The hint stays tied to the field next to the error.
      await expect(page.getByLabel("Nuova password", { exact: true })).toHaveAccessibleDescription(/Almeno 12 caratteri/);
      await checkA11y(page);
    }
    expect((await db.findUser(user.email))?.passwordHash).toBe(user.passwordHash);
    expect(await db.count("PasswordReset", `"userId" = ? AND "usedAt" IS NULL`, [user.id]), "il collegamento vale ancora").toBe(1);
    await expect(page).toHaveURL(path);
  });

  test("accettazione dell'invito: nome vuoto", async ({ page, db }) => {
    const email = uniqueEmail("senzanome");
    const path = await db.createInvitation({ email, role: "MEMBER" });
    await visit(page, path);
    await expect(page.getByRole("heading", { level: 1, name: "Benvenuto nel tavolo" })).toBeVisible();
    await checkA11y(page);

    await page.getByLabel("Nome e cognome", { exact: true }).fill("   ");
    await page.getByLabel("Password", { exact: true }).fill("Una frase lunga e sicura");
    await page.getByLabel("Ripeti la password", { exact: true }).fill("Una frase lunga e sicura");
    const response = await submit(page, page.getByRole("button", { name: "Crea l'account ed entra" }), path);
    expect(response.status()).toBe(400);
    await expect(page.getByRole("alert").filter({ hasText: FIX_ONE })).toBeVisible();
    await expectFieldError(page, "Nome e cognome", "Scrivi il tuo nome e cognome.");
    await checkA11y(page);
    expect(await db.findUser(email)).toBeUndefined();
    expect(await db.count("Invitation", `"email" = ? AND "acceptedAt" IS NULL`, [email])).toBe(1);
  });

  test("profilo: password attuale sbagliata", async ({ page, db }) => {
    const user = await db.createUser({ email: uniqueEmail("profilo"), name: uniqueName("Pietro"), role: "MEMBER" });
    await db.signInAs(page.context(), user.email);
    await visit(page, "/profilo");
    await checkA11y(page);

    await page.getByLabel("Password attuale", { exact: true }).fill("non è quella giusta");
    await page.getByLabel("Nuova password", { exact: true }).fill("Un'altra frase lunga e sicura");
    await page.getByLabel("Ripeti la nuova password", { exact: true }).fill("Un'altra frase lunga e sicura");
    const response = await submit(page, page.getByRole("button", { name: "Cambia la password" }), "/profilo");
    expect(response.status()).toBe(400);
    await expectFieldError(page, "Password attuale", "La password attuale non è corretta.");
    await expect(page.getByRole("status")).toHaveCount(0);
    await checkA11y(page);
    expect((await db.findUser(user.email))?.passwordHash).toBe(user.passwordHash);
    expect(await db.count("Session", `"userId" = ?`, [user.id]), "la sessione non è stata toccata").toBe(1);
  });

  test("invito: e-mail scritta male, nessuna organizzazione, indirizzo che ha già un account", async ({ page, db }) => {
    await db.signInAs(page.context(), DEMO.coordinator.email);
    await visit(page, "/utenti/invita");
    await checkA11y(page);
    const send = page.getByRole("button", { name: "Invia l'invito" });

    await page.getByLabel("E-mail", { exact: true }).fill("mario.rossi-at-example.org");
    await page.getByLabel("Organizzazione", { exact: true }).selectOption({ label: "Comune di Cinisello Balsamo" });
    await page.getByLabel("Ruolo", { exact: true }).selectOption({ label: "Componente del tavolo" });
    const malformed = await submit(page, send, "/utenti/invita");
    expect(malformed.status()).toBe(400);
    await expectFieldError(page, "E-mail", "Indirizzo e-mail non valido");
    await checkA11y(page);

    const email = uniqueEmail("senzaorganizzazione");
    await page.getByLabel("E-mail", { exact: true }).fill(email);
    await page.getByLabel("Organizzazione", { exact: true }).selectOption({ label: "Scegli l'organizzazione" });
    const noOrganisation = await submit(page, send, "/utenti/invita");
    expect(noOrganisation.status()).toBe(400);
    await expectFieldError(page, "Organizzazione", "Scegli un'organizzazione dall'elenco.");
    await checkA11y(page);

    // An address that already has an account: a conflict (409), told next to the field.
    await page.getByLabel("E-mail", { exact: true }).fill(DEMO.member.email);
    await page.getByLabel("Organizzazione", { exact: true }).selectOption({ label: "Comune di Cinisello Balsamo" });
    const existing = await submit(page, send, "/utenti/invita");
    expect(existing.status()).toBe(409);
    await expectFieldError(page, "E-mail", "Esiste già un account con questo indirizzo e-mail.");
    await checkA11y(page);

    await expect(page).toHaveURL("/utenti/invita");
    for (const address of ["mario.rossi-at-example.org", email, DEMO.member.email]) {
      expect(await db.count("Invitation", `"email" = ?`, [address]), address).toBe(0);
      // No invitation mail (the demo's announcements have reached the demo member long before).
      expect(await db.count("OutboxMail", `"to" = ? AND "template" = 'invitation'`, [address]), address).toBe(0);
    }
  });
});
