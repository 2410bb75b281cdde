// Every route of app/routes.ts, anonymously: closed unless it is public by design. The route list is
// read from the file itself, so a new page is covered the day it is added.
import { readFileSync } from "node:fs";
import path from "node:path";
import { BASE_URL, checkA11y, expect, ROOT, test, visit } from "./support";

interface RouteEntry {
  pattern: string;
  file: string;
  url: string;
  hasAction: boolean;
}

/** Pages open to anyone, by design. Everything else needs a signed-in user. */
const PUBLIC_ROUTES = new Set([
  "accedi",
  "password-dimenticata",
  "reimposta-password/:token",
  "invito/:token",
  "risposta/:token",
  "accessibilita",
  "privacy",
  "pubblico/documenti",
  "pubblico/documenti/:id/file",
  "pubblico/servizi",
  // Transparency: each page shows only what a coordinator opted in (the demo opts some in)
  "pubblico",
  "pubblico/tavolo",
  "pubblico/organizzazioni",
  "pubblico/verbali",
  "pubblico/verbali/:id",
  "pubblico/progetti",
  "pubblico/progetti/:id",
  "pubblico/dati",
  "pubblico/dati/:file",
  "healthz",
  "*",
]);

function readRoutes(): RouteEntry[] {
  const source = readFileSync(path.join(ROOT, "app/routes.ts"), "utf8");
  if (/\b(layout|prefix)\(/.test(source)) {
    throw new Error("app/routes.ts usa layout() o prefix(): aggiorna readRoutes() in tests/e2e/route-access.spec.ts.");
  }
  const entries: RouteEntry[] = [];
  const pattern = /\b(index|route)\(\s*(?:"([^"]*)"\s*,\s*)?"([^"]+)"/g;
  for (const match of source.matchAll(pattern)) {
    const [, kind, routePath, file] = match;
    if (!file || (kind === "route" && routePath === undefined)) continue;
    const routePattern = kind === "index" ? "" : routePath!;
    const url =
      "/" +
      routePattern
        .split("/")
        .map((segment) => (segment === "*" ? "pagina-che-non-esiste" : segment.startsWith(":") ? `${segment.slice(1)}-di-prova` : segment))
        .join("/");
    const module = readFileSync(path.join(ROOT, "app", file), "utf8");
    entries.push({
      pattern: routePattern,
      file,
      url,
      hasAction: /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(module),
    });
  }
  return entries;
}

const routes = readRoutes();
const isRedirectToSignIn = (status: number, location: string | undefined) =>
  [302, 303].includes(status) && (location ?? "").replace(BASE_URL, "").startsWith("/accedi");

test.describe("Accesso alle pagine senza essere entrati", () => {
  test("l'elenco delle pagine è stato letto da app/routes.ts", () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(routes.map((r) => r.pattern)).toEqual(expect.arrayContaining(["", "accedi", "utenti", "*"]));
    for (const publicRoute of PUBLIC_ROUTES) {
      expect(routes.map((r) => r.pattern), `la pagina pubblica "${publicRoute}" esiste ancora`).toContain(publicRoute);
    }
  });

  test("ogni pagina non pubblica rimanda all'accesso (GET) o rifiuta (POST)", async ({ request }) => {
    const report: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.has(r.pattern))) {
      const get = await request.get(route.url, { maxRedirects: 0 });
      const location = get.headers()["location"];
      expect(
        isRedirectToSignIn(get.status(), location) || [401, 403].includes(get.status()),
        `GET ${route.url} (${route.file}) → ${get.status()} ${location ?? ""}`,
      ).toBe(true);

      const post = await request.post(route.url, {
        form: { intent: "prova", email: "x@example.org" },
        headers: { Origin: BASE_URL },
        maxRedirects: 0,
      });
      const postLocation = post.headers()["location"];
      // A route without an action answers 405 Method Not Allowed: it has nothing to change.
      const refused =
        isRedirectToSignIn(post.status(), postLocation) ||
        [401, 403].includes(post.status()) ||
        (!route.hasAction && post.status() === 405);
      expect(refused, `POST ${route.url} (${route.file}) → ${post.status()} ${postLocation ?? ""}`).toBe(true);
      report.push(
        `  /${route.pattern.padEnd(28)} GET ${get.status()} ${(location ?? "").padEnd(44)} POST ${post.status()} ${postLocation ?? ""}${route.hasAction ? "" : "(nessuna action)"}`,
      );
    }
    console.log(`Pagine non pubbliche controllate (${report.length}):\n${report.join("\n")}`);
    test.info().annotations.push({ type: "pagine non pubbliche", description: report.join("\n") });
  });

  test("le pagine pubbliche rispondono senza accesso", async ({ page, request }) => {
    const report: string[] = [];
    const expected: Record<string, { status: number[]; heading?: string; message?: RegExp }> = {
      accedi: { status: [200], heading: "Accedi a Tavolo" },
      "password-dimenticata": { status: [200], heading: "Password dimenticata" },
      accessibilita: { status: [200], heading: "Dichiarazione di accessibilità" },
      privacy: { status: [200], heading: "Informativa sul trattamento dei dati personali", message: /Quali dati conserva Tavolo/ },
      "pubblico/documenti": { status: [200], heading: "Documenti pubblici" },
      "pubblico/servizi": { status: [200], heading: "Guida ai servizi del territorio" },
      pubblico: { status: [200], heading: "Trasparenza" },
      "pubblico/tavolo": { status: [200], message: /Obiettivi strategici/ },
      "pubblico/organizzazioni": { status: [200], heading: "Organizzazioni del tavolo" },
      "pubblico/verbali": { status: [200], heading: "Verbali pubblici" },
      "pubblico/verbali/:id": { status: [404], heading: "Pagina non trovata" },
      "pubblico/progetti": { status: [200], heading: "Progetti del tavolo" },
      "pubblico/progetti/:id": { status: [404], heading: "Pagina non trovata" },
      "pubblico/dati": { status: [200], heading: "Dati aperti" },
      "reimposta-password/:token": { status: [404, 410], heading: "Collegamento non valido", message: /non è valido/ },
      "invito/:token": { status: [404, 410], heading: "Invito non utilizzabile", message: /non è valido/ },
      "risposta/:token": { status: [404, 410], heading: "Collegamento non utilizzabile", message: /non è valido/ },
      "*": { status: [404], heading: "Pagina non trovata", message: /non esiste/ },
    };
    for (const route of routes.filter((r) => PUBLIC_ROUTES.has(r.pattern))) {
      if (route.pattern === "healthz") {
        const health = await request.get(route.url, { maxRedirects: 0 });
        expect(health.status()).toBe(200);
        expect(await health.text()).toBe("ok");
        report.push(`  /${route.pattern.padEnd(28)} ${health.status()}`);
        continue;
      }
      // A file, not a page: a document that is not public answers 404 like one that does not exist.
      if (route.pattern === "pubblico/documenti/:id/file" || route.pattern === "pubblico/dati/:file") {
        const file = await request.get(route.url, { maxRedirects: 0 });
        expect(file.status()).toBe(404);
        report.push(`  /${route.pattern.padEnd(28)} ${file.status()}`);
        continue;
      }
      const want = expected[route.pattern];
      if (!want) throw new Error(`Pagina pubblica senza attese nel test: ${route.pattern}`);
      const response = await visit(page, route.url);
      expect(want.status, `GET ${route.url}`).toContain(response.status());
      await expect(page).toHaveURL(route.url);
      if (want.heading) await expect(page.getByRole("heading", { level: 1, name: want.heading })).toBeVisible();
      if (want.message) await expect(page.getByRole("main")).toContainText(want.message);
      await checkA11y(page);
      report.push(`  /${route.pattern.padEnd(28)} ${response.status()}`);
    }
    console.log(`Pagine pubbliche controllate (${report.length}):\n${report.join("\n")}`);
    test.info().annotations.push({ type: "pagine pubbliche", description: report.join("\n") });
  });
});
