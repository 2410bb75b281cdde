import { checkA11y, expect, fillSignIn, test, uniqueEmail, uniqueName, visit } from "./support";

test("dopo 5 password sbagliate, il sesto tentativo è bloccato anche con la password giusta (429)", async ({ page, db }) => {
  const user = await db.createUser({ email: uniqueEmail("tentativi"), name: uniqueName("Teresa"), role: "MEMBER" });
  await visit(page, "/accedi");
  await checkA11y(page);

  for (let attempt = 1; attempt <= 5; attempt++) {
    const response = await fillSignIn(page, user.email, `password-sbagliata-numero-${attempt}`);
    expect(response.status(), `tentativo ${attempt}`).toBe(401);
    await expect(page.getByRole("alert").filter({ hasText: "E-mail o password non corretti." })).toBeVisible();
  }
  await checkA11y(page);

  const sixth = await fillSignIn(page, user.email, user.password);
  expect(sixth.status()).toBe(429);
  const alert = page.getByRole("alert").filter({ hasText: "Troppi tentativi" });
  await expect(alert).toHaveText(/^Troppi tentativi non riusciti\. Per sicurezza riprova tra \d+ minut[io]\.$/);
  await expect(page).toHaveURL("/accedi");
  await checkA11y(page);
  expect(await db.count("Session", `"userId" = ?`, [user.id]), "nessuna sessione aperta").toBe(0);
});
