import { BASE_URL, checkA11y, DEMO, expect, test, visit } from "./support";

const COORDINATOR_PAGES = ["/utenti", "/utenti/invita", "/organizzazioni/nuova", "/organizzazioni/importa", "/protocolli/nuovo", "/gruppi/nuovo", "/registro-modifiche"];

for (const account of [DEMO.member, DEMO.referent]) {
  test(`${account.email} non può aprire le pagine del coordinamento (403)`, async ({ page, db }) => {
    await db.signInAs(page.context(), account.email);

    await visit(page, "/");
    await expect(page.getByRole("heading", { level: 1, name: `Buongiorno, ${account.name.split(" ")[0]}` })).toBeVisible();
    // The menu does not even offer the page.
    await expect(page.getByRole("link", { name: "Utenti e inviti" })).toHaveCount(0);
    await checkA11y(page);

    for (const path of COORDINATOR_PAGES) {
      const response = await visit(page, path);
      expect(response.status(), `GET ${path}`).toBe(403);
      await expect(page).toHaveURL(path);
      await expect(page.getByRole("heading", { level: 1, name: "Accesso non consentito" })).toBeVisible();
      await expect(page.getByText("Non hai i permessi per questa pagina.")).toBeVisible();
      await checkA11y(page);
    }

    // Nor can the actions be reached by posting to them directly, with the browser's own cookies.
    const users = await db.findUser(DEMO.coordinator.email);
    for (const [path, form] of [
      ["/utenti", { intent: "deactivate", userId: users!.id }],
      ["/utenti/invita", { email: "intruso@example.org", role: "COORDINATOR", organisationId: "x" }],
    ] as const) {
      const post = await page.request.post(path, { form, headers: { Origin: BASE_URL }, maxRedirects: 0 });
      expect(post.status(), `POST ${path}`).toBe(403);
    }
    expect(await db.findUser(DEMO.coordinator.email)).toMatchObject({ active: true });
    expect(await db.count("Invitation", `"email" = ?`, ["intruso@example.org"])).toBe(0);
  });
}
