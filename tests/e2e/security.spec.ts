import { BASE_URL, checkA11y, DEMO, expect, fillSignIn, test, visit } from "./support";

test.describe("Sicurezza", () => {
  test("intestazioni di sicurezza sui documenti e cookie di sessione HttpOnly, SameSite=Lax", async ({ page }) => {
    const cspViolations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });

    const response = await visit(page, "/accedi");
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/(^|;)\s*script-src [^;]*'nonce-[A-Za-z0-9+/=_-]{16,}'/);
    expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBeTruthy();
    // The page's own inline scripts carry the nonce and run (the page hydrated): no CSP reports.
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const scriptNonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    await checkA11y(page);

    // Every document has a fresh nonce.
    const again = await page.request.get("/accedi");
    expect(again.headers()["content-security-policy"]).not.toBe(csp);

    await fillSignIn(page, DEMO.member.email, DEMO.member.password);
    await expect(page).toHaveURL("/");
    await checkA11y(page);
    const session = (await page.context().cookies()).find((c) => c.name === "tavolo_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    // The script of the page cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain("tavolo_session");
    expect(cspViolations).toEqual([]);
  });

  test("un modulo inviato da un altro sito (Origin diverso) è rifiutato con 403", async ({ page, db }) => {
    const evil = { Origin: "http://evil.example" };
    const signIn = await page.request.post("/accedi", {
      form: { email: DEMO.member.email, password: DEMO.member.password },
      headers: evil,
      maxRedirects: 0,
    });
    // Refused: no session, whatever the status...
    expect(signIn.ok()).toBe(false);
    expect(signIn.headers()["set-cookie"] ?? "").not.toContain("tavolo_session=");
    // ...and refused by Tavolo's Origin check (docs/decisions/007), with its status and Italian words.
    expect.soft(signIn.status(), "POST /accedi da un altro sito: 403 (docs/decisions/007)").toBe(403);
    expect.soft(await signIn.text()).toContain("Richiesta rifiutata");

    // A signed-in coordinator lured to another site: the request carries the cookie but is refused.
    const member = await db.findUser(DEMO.member.email);
    await db.signInAs(page.context(), DEMO.coordinator.email);
    const forged = await page.request.post("/utenti", {
      form: { intent: "deactivate", userId: member!.id },
      headers: evil,
      maxRedirects: 0,
    });
    expect(await db.findUser(DEMO.member.email)).toMatchObject({ active: true });
    expect.soft(forged.status(), "POST /utenti da un altro sito: 403 (docs/decisions/007)").toBe(403);

    // A Referer from elsewhere without Origin is refused too; the same request from Tavolo is not.
    const byReferer = await page.request.post("/accedi", {
      form: { email: "", password: "" },
      headers: { Referer: "http://evil.example/pagina" },
      maxRedirects: 0,
    });
    expect(byReferer.status()).toBe(403);
    const sameOrigin = await page.request.post("/accedi", { form: { email: "", password: "" }, headers: { Origin: BASE_URL }, maxRedirects: 0 });
    expect(sameOrigin.status()).not.toBe(403);
  });
});
