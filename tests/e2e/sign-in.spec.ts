import { checkA11y, DEMO, expect, fillSignIn, submit, test, uniqueEmail, uniqueName, visit } from "./support";

test.describe("Accesso e uscita", () => {
  test("si entra dal modulo e si esce con il pulsante «Esci» dell'intestazione", async ({ page, browser }) => {
    const response = await visit(page, "/accedi");
    expect(response.status()).toBe(200);
    await expect(page).toHaveTitle("Accedi · Tavolo");
    await expect(page.getByRole("heading", { level: 1, name: "Accedi a Tavolo" })).toBeVisible();
    await checkA11y(page);

    const signIn = await fillSignIn(page, DEMO.coordinator.email, DEMO.coordinator.password);
    expect([202, 302, 303]).toContain(signIn.status());
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { level: 1, name: "Buongiorno, Giulia" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Profilo di Giulia Ferrari/ })).toBeVisible();
    await checkA11y(page);
    const sessionCookie = (await page.context().cookies()).find((c) => c.name === "tavolo_session");
    expect(sessionCookie, "dopo l'accesso il browser ha il cookie di sessione").toBeDefined();

    await submit(page, page.getByRole("button", { name: "Esci" }), "/esci");
    await expect(page).toHaveURL("/accedi");
    await expect(page.getByRole("heading", { level: 1, name: "Accedi a Tavolo" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Esci" })).toHaveCount(0);
    await checkA11y(page);
    expect((await page.context().cookies()).find((c) => c.name === "tavolo_session")).toBeUndefined();

    // The home page is closed again...
    await visit(page, "/");
    await expect(page).toHaveURL("/accedi");
    await checkA11y(page);
    // ...and the old cookie is worthless: "Esci" ended the session on the server, not only in the browser.
    const stolen = await browser.newContext();
    await stolen.addCookies([sessionCookie!]);
    const other = await stolen.newPage();
    await visit(other, "/profilo");
    await expect(other).toHaveURL("/accedi?redirectTo=%2Fprofilo");
    await checkA11y(other);
    await stolen.close();
  });

  test("con la password sbagliata: «E-mail o password non corretti.» e stato 401", async ({ page, db }) => {
    const user = await db.createUser({ email: uniqueEmail("sbagliata"), name: uniqueName("Sara"), role: "MEMBER" });
    await visit(page, "/accedi");

    const wrong = await fillSignIn(page, user.email, "non-è-la-password-giusta");
    expect(wrong.status()).toBe(401);
    await expect(page.getByRole("alert").filter({ hasText: "E-mail o password non corretti." })).toBeVisible();
    await expect(page).toHaveURL("/accedi");
    await checkA11y(page);

    // An address without an account gets exactly the same answer.
    const unknown = await fillSignIn(page, uniqueEmail("nessuno"), "non-è-la-password-giusta");
    expect(unknown.status()).toBe(401);
    await expect(page.getByRole("alert").filter({ hasText: "E-mail o password non corretti." })).toBeVisible();
    await checkA11y(page);
    expect(await db.count("Session", `"userId" = ?`, [user.id])).toBe(0);
  });

  test("dopo l'accesso si torna alla pagina chiesta (redirectTo)", async ({ page }) => {
    const first = await visit(page, "/utenti");
    await expect(page).toHaveURL("/accedi?redirectTo=%2Futenti");
    expect(first.status()).toBe(200);
    await checkA11y(page);

    await fillSignIn(page, DEMO.coordinator.email, DEMO.coordinator.password);
    await expect(page).toHaveURL("/utenti");
    await expect(page.getByRole("heading", { level: 1, name: "Utenti e inviti" })).toBeVisible();
    await checkA11y(page);
  });

  test("un indirizzo esterno in redirectTo non viene seguito", async ({ page }) => {
    await visit(page, "/accedi?redirectTo=%2F%2Fevil.example%2F");
    await checkA11y(page);
    await fillSignIn(page, DEMO.member.email, DEMO.member.password);
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { level: 1, name: "Buongiorno, Anna" })).toBeVisible();
    await checkA11y(page);
  });
});

test("la scorciatoia di accesso dei test (db.signInAs) apre una sessione vera", async ({ page, db }) => {
  await db.signInAs(page.context(), DEMO.member.email);
  const response = await visit(page, "/profilo");
  expect(response.status()).toBe(200);
  await expect(page).toHaveURL("/profilo");
  await expect(page.getByRole("heading", { level: 1, name: "Il tuo profilo" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: DEMO.member.name })).toBeVisible();
  await checkA11y(page);
});
