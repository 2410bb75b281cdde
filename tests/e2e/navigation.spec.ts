import { checkA11y, DEMO, expect, test, visit } from "./support";

// The main menu (decision 027): nine destinations on one line from 992 px, the tavolo's records
// under "Il tavolo", the same list in the side menu on a phone.
test.describe("menu principale", () => {
  test("su un portatile sta su una riga e 'Il tavolo' porta alle reti tematiche", async ({ page, db }) => {
    await page.setViewportSize({ width: 992, height: 800 });
    await db.signInAs(page.context(), DEMO.coordinator.email);
    await visit(page, "/");
    const menu = page.getByRole("navigation", { name: "Navigazione principale" });
    const entries = menu.locator(".navbar-nav > li.nav-item:visible");
    await expect(entries).toHaveCount(10);
    const tops = await entries.evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
    expect(new Set(tops).size, "una sola riga di voci").toBe(1);

    await expect(menu.getByRole("link", { name: "Organizzazioni" })).toBeHidden();
    await menu.getByText("Il tavolo").click();
    await expect(menu.getByRole("link", { name: "Organizzazioni" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(992);
    await checkA11y(page);
    await page.keyboard.press("Escape");
    await expect(menu.getByRole("link", { name: "Organizzazioni" })).toBeHidden();

    await menu.getByText("Il tavolo").click();
    await menu.getByRole("link", { name: "Reti tematiche" }).click();
    await expect(page).toHaveURL(/\/reti$/);
    await expect(page.locator("summary[aria-current=page]", { hasText: "Il tavolo" })).toBeVisible();
  });

  test("su un telefono il menu laterale contiene anche le voci del tavolo", async ({ page, db }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await db.signInAs(page.context(), DEMO.member.email);
    await visit(page, "/");
    await page.getByRole("button", { name: "Mostra o nascondi il menu" }).click();
    const menu = page.getByRole("navigation", { name: "Navigazione principale" });
    for (const name of ["Comunicazioni", "Servizi", "Documenti"]) await expect(menu.getByRole("link", { name })).toBeVisible();
    // A member has no reporting to follow: the entry is not offered.
    await expect(menu.getByRole("link", { name: "Rendicontazioni" })).toHaveCount(0);
    await menu.getByText("Il tavolo").click();
    await menu.getByRole("link", { name: "Gruppi di lavoro" }).click();
    await expect(page).toHaveURL(/\/gruppi$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await checkA11y(page);
  });
});
