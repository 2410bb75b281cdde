import { checkA11y, DEMO, expect, fillSignIn, submit, test, uniqueEmail, uniqueName, visit } from "./support";

test("un utente disattivato viene escluso alla richiesta successiva e non può più entrare", async ({ browser, db }) => {
  const name = uniqueName("Bruno");
  const user = await db.createUser({ email: uniqueEmail("disattivato"), name, role: "MEMBER" });

  // Context B: the user, signed in through the form.
  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  await visit(pageB, "/accedi");
  await checkA11y(pageB);
  await fillSignIn(pageB, user.email, user.password);
  await expect(pageB).toHaveURL("/");
  await expect(pageB.getByRole("heading", { level: 1, name: `Buongiorno, ${name.split(" ")[0]}` })).toBeVisible();
  await checkA11y(pageB);

  // Context A: the coordinator deactivates B from "Utenti e inviti".
  const contextA = await browser.newContext();
  const pageA = await contextA.newPage();
  await db.signInAs(contextA, DEMO.coordinator.email);
  await visit(pageA, "/utenti");
  await expect(pageA.getByRole("heading", { level: 1, name: "Utenti e inviti" })).toBeVisible();
  await checkA11y(pageA);
  const row = pageA.getByRole("table", { name: "Utenti di Tavolo" }).getByRole("row").filter({ hasText: user.email });
  await expect(row).toContainText("Attivo");
  const response = await submit(pageA, row.getByRole("button", { name: `Disattiva ${name}` }), "/utenti");
  expect(response.status()).toBe(200);
  await expect(pageA.getByRole("status")).toHaveText("Utente disattivato: è stato disconnesso da tutti i dispositivi.");
  await expect(row).toContainText("Disattivato");
  await expect(row.getByRole("button", { name: `Riattiva ${name}` })).toBeVisible();
  await checkA11y(pageA);
  expect(await db.findUser(user.email)).toMatchObject({ active: false });
  expect(await db.count("Session", `"userId" = ?`, [user.id])).toBe(0);

  // B's next request: back to the sign-in page, and the dead cookie is cleared.
  await pageB.getByRole("link", { name: /Profilo di/ }).click();
  await expect(pageB).toHaveURL("/accedi?redirectTo=%2Fprofilo");
  await expect(pageB.getByRole("heading", { level: 1, name: "Accedi a Tavolo" })).toBeVisible();
  await checkA11y(pageB);
  expect((await contextB.cookies()).filter((c) => c.name === "tavolo_session" && c.value !== "")).toEqual([]);

  // Nor can B sign in again: the same words as a wrong password.
  const again = await fillSignIn(pageB, user.email, user.password);
  expect(again.status()).toBe(401);
  await expect(pageB.getByRole("alert").filter({ hasText: "E-mail o password non corretti." })).toBeVisible();
  await expect(pageB).toHaveURL(/\/accedi/);
  await checkA11y(pageB);

  await contextA.close();
  await contextB.close();
});
