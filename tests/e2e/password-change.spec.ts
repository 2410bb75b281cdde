import { checkA11y, expect, fillSignIn, submit, test, uniqueEmail, uniqueName, visit } from "./support";

test("cambiare la password sul profilo chiude le altre sessioni e tiene aperta quella in uso", async ({ browser, db }) => {
  const name = uniqueName("Carla");
  const user = await db.createUser({ email: uniqueEmail("cambio"), name, role: "REFERENT" });

  // The same person on two devices.
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const page = await laptop.newPage();
  const phonePage = await phone.newPage();
  await db.signInAs(phone, user.email);
  await visit(phonePage, "/profilo");
  await expect(phonePage.getByRole("heading", { level: 1, name: "Il tuo profilo" })).toBeVisible();
  await checkA11y(phonePage);

  await visit(page, "/accedi");
  await fillSignIn(page, user.email, user.password);
  await expect(page).toHaveURL("/");
  await checkA11y(page);
  await page.getByRole("link", { name: `Profilo di ${name}` }).click();
  await expect(page).toHaveURL("/profilo");
  await expect(page.getByRole("heading", { level: 1, name: "Il tuo profilo" })).toBeVisible();
  await checkA11y(page);

  await page.getByLabel("Password attuale", { exact: true }).fill(user.password);
  await page.getByLabel("Nuova password", { exact: true }).fill("Un'altra frase lunga e sicura");
  await page.getByLabel("Ripeti la nuova password", { exact: true }).fill("Un'altra frase lunga e sicura");
  const response = await submit(page, page.getByRole("button", { name: "Cambia la password" }), "/profilo");
  expect(response.status()).toBe(200);
  await expect(page.getByRole("status")).toHaveText("Password cambiata. Gli accessi sugli altri dispositivi sono stati chiusi.");
  await checkA11y(page);
  expect(await db.count("Session", `"userId" = ?`, [user.id]), "resta solo la sessione nuova di questo browser").toBe(1);

  // This browser stays signed in...
  await visit(page, "/profilo");
  await expect(page).toHaveURL("/profilo");
  await expect(page.getByRole("definition").filter({ hasText: name })).toBeVisible();
  await checkA11y(page);

  // ...the other one is sent to the sign-in page at its next request.
  await phonePage.getByRole("link", { name: "Home", exact: true }).click();
  await expect(phonePage).toHaveURL("/accedi");
  await expect(phonePage.getByRole("heading", { level: 1, name: "Accedi a Tavolo" })).toBeVisible();
  await checkA11y(phonePage);

  // The old password is gone, the new one works.
  expect((await fillSignIn(phonePage, user.email, user.password)).status()).toBe(401);
  await checkA11y(phonePage);
  await fillSignIn(phonePage, user.email, "Un'altra frase lunga e sicura");
  await expect(phonePage).toHaveURL("/");
  await checkA11y(phonePage);

  await laptop.close();
  await phone.close();
});
