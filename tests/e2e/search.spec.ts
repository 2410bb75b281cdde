import { checkA11y, DEMO, expect, test, visit } from "./support";

// Search across the tavolo from the header: a member types a word, sees the results grouped by kind
// with the matching words marked (other forms of the word too), and opens one; the header box fits
// a phone.

test("un componente cerca «abitativo» dalla testata, vede i risultati per tipo con le parole evidenziate e apre il verbale", async ({ page, db }) => {
  await db.signInAs(page.context(), DEMO.member.email);
  await visit(page, "/");
  const box = page.getByRole("search", { name: "Cerca nel tavolo" }).getByRole("searchbox", { name: "Cerca nel tavolo" });
  await box.fill("abitativo");
  await box.press("Enter");
  await page.waitForURL(/\/cerca\?q=abitativo/);

  await expect(page.getByRole("heading", { level: 1, name: "Cerca nel tavolo" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(/\d+ risultati per «abitativo»/);
  const verbali = page.getByRole("region", { name: /^Verbali/ });
  await expect(verbali.getByRole("heading", { level: 2 })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Gruppi di lavoro/ }).getByRole("link", { name: "Casa e abitare" })).toBeVisible();
  // "abitativo" finds the other forms of the word, marked where they appear.
  const marks = await page.locator("mark").allTextContents();
  expect(marks.length).toBeGreaterThan(0);
  for (const mark of marks) expect(mark.toLowerCase()).toMatch(/^abit/);
  // A member never finds a draft: the draft verbale of the demo is the coordinators'.
  await expect(page.getByText(/incontro straordinario/)).toHaveCount(0);
  await checkA11y(page);

  await verbali.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: /Verbale/ })).toBeVisible();
});

test("la ricerca senza parole o con simboli risponde con un messaggio; sul telefono la testata non trabocca", async ({ page, db }) => {
  await db.signInAs(page.context(), DEMO.member.email);
  const empty = await visit(page, "/cerca?q=%22*%20NEAR%20-%3A");
  expect(empty.status()).toBe(200);
  await expect(page.getByRole("status")).toContainText("Nessun risultato per");
  await checkA11y(page);

  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, "/");
  await expect(page.getByRole("button", { name: "Cerca nel tavolo" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: "Cerca nel tavolo" }).click();
  await page.waitForURL(/\/cerca/);
  await expect(page.getByRole("searchbox", { name: "Parole da cercare" })).toBeVisible();
});
