// The public pages, crawled with no session: every same-origin link (a, link, GET forms) from the
// public starting points is followed breadth-first; each answer is a public page (200), a redirect to
// sign-in, or a refusal (401/403/404), and no answer carries anything private of the demo: the
// contacts' e-mails and phones, users' e-mails, the draft verbale's text, the returned
// rendicontazione's narrative, the coordinators-only document, the name the public verbale omits.
// Then the private pages of routes.ts, with the demo's real ids. Then a coordinator publishes a
// verbale's public version in the editor. See docs/decisions/029-public-transparency-pages.md.
import { readFileSync } from "node:fs";
import path from "node:path";
import { BASE_URL, checkA11y, DEMO, escapeRegExp, expect, ROOT, submit, test, visit, waitForHydration, type TestDb } from "./support";

const START = ["/pubblico", "/pubblico/servizi", "/pubblico/documenti", "/privacy"];
const MAX_URLS = 200;
/** The demo verbale's person named in the text and replaced by "[omissis]" in its public version. */
const REDACTED_PERSON = "Paolo Ricci";
/** The demo's draft verbale (prisma/demo/transparency.ts); other tests may add drafts of their own. */
const DRAFT_VERBALE_SQL = `SELECT v."id", v."meetingId", v."content" FROM "Verbale" v JOIN "Meeting" m ON m."id" = v."meetingId"
  WHERE v."status" = 'BOZZA' AND m."title" = 'Gruppo Cibo e beni essenziali – incontro straordinario'`;

const htmlText = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

/** Every private string of the demo, each with what it is (for the failure message). */
async function privateStrings(db: TestDb) {
  const secrets: { what: string; text: string }[] = [];
  const add = (what: string, text: string | null | undefined) => {
    if (text && text.trim().length >= 6) secrets.push({ what, text: text.trim() });
  };
  for (const contact of await db.all<{ name: string; email: string; phone: string }>(`SELECT "name", "email", "phone" FROM "Contact"`)) {
    add(`e-mail del contatto ${contact.name}`, contact.email);
    add(`telefono del contatto ${contact.name}`, contact.phone);
    add(`telefono del contatto ${contact.name} senza prefisso`, contact.phone.replace(/^\+39\s*/, ""));
  }
  for (const user of await db.all<{ email: string }>(`SELECT "email" FROM "User"`)) add("e-mail di un utente", user.email);
  const drafts = await db.all<{ content: string }>(DRAFT_VERBALE_SQL);
  expect(drafts.length, "la demo ha un verbale in bozza").toBeGreaterThan(0);
  for (const draft of drafts) {
    for (const section of JSON.parse(draft.content) as { html: string }[]) add("testo di un verbale in bozza", htmlText(section.html));
  }
  const returned = await db.all<{ narrative: string }>(`SELECT "narrative" FROM "Rendicontazione" WHERE "status" = 'RETURNED'`);
  expect(returned.length, "la demo ha una rendicontazione restituita").toBeGreaterThan(0);
  for (const r of returned) add("relazione di una rendicontazione restituita", htmlText(r.narrative));
  const documents = await db.all<{ title: string }>(`SELECT "title" FROM "ArchiveDocument" WHERE "visibility" = 'COORDINATORS'`);
  expect(documents.length, "la demo ha un documento riservato ai coordinatori").toBeGreaterThan(0);
  for (const d of documents) add("titolo di un documento riservato ai coordinatori", d.title);
  // The name the public version omits really is in the internal text, or the check would prove nothing.
  const published = await db.one<{ content: string; publicContent: string }>(
    `SELECT "content", "publicContent" FROM "Verbale" WHERE "publicAt" IS NOT NULL AND "publicContent" IS NOT NULL`,
  );
  expect(published?.content, "il verbale pubblicato nomina la persona omessa").toContain(REDACTED_PERSON);
  expect(published?.publicContent).toContain("[omissis]");
  add("nome omesso nella versione pubblica del verbale", REDACTED_PERSON);
  return secrets;
}

/** Same-origin addresses a page points to: links, <link href>, and GET forms' actions. */
function linksIn(html: string, from: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<(a|link)\b[^>]*?\shref="([^"]*)"/gi)) found.push(match[2] ?? "");
  for (const match of html.matchAll(/<form\b([^>]*)>/gi)) {
    const attributes = match[1] ?? "";
    const method = /\smethod="([^"]*)"/i.exec(attributes)?.[1]?.toLowerCase() ?? "get";
    if (method === "get") found.push(/\saction="([^"]*)"/i.exec(attributes)?.[1] ?? from);
  }
  return found.flatMap((href) => {
    const decoded = href.replace(/&amp;/g, "&");
    if (/^(mailto:|tel:|javascript:|data:|#)/i.test(decoded)) return [];
    const url = new URL(decoded, new URL(from, BASE_URL));
    if (url.origin !== new URL(BASE_URL).origin) return [];
    url.hash = "";
    return [`${url.pathname}${url.search}`];
  });
}

/** A string in a response, as written or as HTML writes it (React escapes quotes and ampersands). */
const appearsIn = (body: string, text: string) =>
  [text, text.replace(/&/g, "&amp;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;"), text.replace(/&/g, "&amp;").replace(/'/g, "&#39;")].some((form) => body.includes(form));

const isSignInRedirect = (status: number, location: string | undefined) => [302, 303].includes(status) && (location ?? "").replace(BASE_URL, "").startsWith("/accedi");

function readPrivatePatterns(): string[] {
  const source = readFileSync(path.join(ROOT, "app/routes.ts"), "utf8");
  const patterns = [...source.matchAll(/\broute\(\s*"([^"]*)"/g)].map((m) => m[1] ?? "");
  const publicOnes = /^(accedi|password-dimenticata|reimposta-password|invito|risposta|accessibilita|privacy|pubblico|healthz|esci|\*$)/;
  return patterns.filter((p) => !publicOnes.test(p));
}

test.describe("Trasparenza: nulla di privato è raggiungibile senza accesso", () => {
  test("visita ogni pagina pubblica e ogni collegamento: solo pagine pubbliche, nessun dato privato", async ({ request, browser, db }) => {
    test.setTimeout(240_000);
    const secrets = await privateStrings(db);
    const leaks: string[] = [];
    const check = (url: string, body: string) => {
      for (const secret of secrets) if (appearsIn(body, secret.text)) leaks.push(`${url}: ${secret.what} («${secret.text}»)`);
    };

    // A positive control: signed in as a coordinator, the same strings are found where they belong,
    // so the search below looks for them as pages really write them.
    const coordinator = await browser.newContext();
    await db.signInAs(coordinator, DEMO.coordinator.email);
    const control = async (url: string, what: string) => {
      const body = await (await coordinator.request.get(url)).text();
      const found = secrets.filter((s) => s.what.startsWith(what) && appearsIn(body, s.text));
      expect(found.length, `con l'accesso, ${url} mostra ${what}`).toBeGreaterThan(0);
    };
    const draft = (await db.one<{ id: string; meetingId: string }>(DRAFT_VERBALE_SQL))!;
    const draftMeeting = draft.meetingId;
    const contactsOf = (await db.one<{ id: string }>(`SELECT "organisationId" AS "id" FROM "Contact" LIMIT 1`))!.id;
    await control(`/riunioni/${draftMeeting}/verbale`, "testo di un verbale in bozza");
    await control(`/organizzazioni/${contactsOf}`, "e-mail del contatto");
    await control("/documenti", "titolo di un documento riservato");
    await coordinator.close();

    const seen = new Set<string>();
    const queue: string[] = [];
    for (const start of START) {
      const first = await request.get(start, { maxRedirects: 0 });
      // The information notice belongs to the personal-data part: crawled when it exists.
      if (start === "/privacy" && first.status() === 404) continue;
      queue.push(start);
      seen.add(start);
    }
    const publicPages = new Map<string, string>();
    const visited: string[] = [];
    while (queue.length > 0 && visited.length < MAX_URLS) {
      const url = queue.shift()!;
      visited.push(url);
      const response = await request.get(url, { maxRedirects: 0 });
      const status = response.status();
      const location = response.headers()["location"];
      const type = response.headers()["content-type"] ?? "";
      const body = /^(text\/|application\/(json|javascript|xml))/.test(type) ? await response.text() : "";
      check(url, body);
      if (status >= 300 && status < 400) {
        expect(isSignInRedirect(status, location), `${url} → ${status} ${location ?? ""}: un rinvio porta solo all'accesso`).toBe(true);
        continue;
      }
      expect([200, 401, 403, 404], `${url} → ${status}`).toContain(status);
      if (status !== 200 || !type.startsWith("text/html")) continue;
      // A page answered 200 with no session is a public page: never a signed-in area's page.
      expect(body, `${url} non mostra il menu di chi ha fatto l'accesso`).not.toContain('aria-label="Navigazione principale"');
      const pathname = new URL(url, BASE_URL).pathname;
      if (!publicPages.has(pathname)) publicPages.set(pathname, url);
      for (const link of linksIn(body, url)) {
        if (seen.has(link)) continue;
        seen.add(link);
        queue.push(link);
      }
    }
    console.log(`Indirizzi visitati senza accesso: ${visited.length} (pagine pubbliche distinte: ${publicPages.size})`);
    expect(visited.length, "la visita copre le pagine della trasparenza e i loro collegamenti").toBeGreaterThan(20);
    for (const expected of ["/pubblico/tavolo", "/pubblico/organizzazioni", "/pubblico/verbali", "/pubblico/progetti", "/pubblico/dati"]) {
      expect([...publicPages.keys()], `la visita raggiunge ${expected}`).toContain(expected);
    }
    expect(visited.some((u) => u.startsWith("/pubblico/verbali/")), "la visita apre un verbale pubblico").toBe(true);
    expect(visited.some((u) => u.startsWith("/pubblico/progetti/")), "la visita apre un progetto pubblico").toBe(true);
    expect(visited).toEqual(expect.arrayContaining(["/pubblico/dati/progetti.csv", "/pubblico/dati/progetti.json", "/pubblico/dati/indicatori.csv", "/pubblico/dati/indicatori.json"]));

    // The private pages of routes.ts, with the demo's real records where a page needs one.
    const ids: Record<string, string> = {
      organizzazioni: (await db.one<{ id: string }>(`SELECT "organisationId" AS "id" FROM "Contact" LIMIT 1`))!.id,
      riunioni: draftMeeting,
      rendicontazioni: (await db.one<{ id: string }>(`SELECT "id" FROM "Rendicontazione" WHERE "status" = 'RETURNED' LIMIT 1`))!.id,
      documenti: (await db.one<{ id: string }>(`SELECT "id" FROM "ArchiveDocument" WHERE "visibility" = 'COORDINATORS' LIMIT 1`))!.id,
      progetti: (await db.one<{ id: string }>(`SELECT "id" FROM "Project" WHERE "publicFigures" = ? LIMIT 1`, [false]))!.id,
    };
    const privateUrls = readPrivatePatterns().map((pattern) => {
      const [first] = pattern.split("/");
      return `/${pattern.replace(/:id\b/, ids[first ?? ""] ?? "id-di-prova").replace(/:[a-zA-Z]+/g, "id-di-prova")}`;
    });
    // The public routes with a private record's id: 404, as if it did not exist.
    const draftVerbale = draft.id;
    const coordinatorsFile = ids.documenti;
    const notPublic = [`/pubblico/verbali/${draftVerbale}`, `/pubblico/progetti/${ids.progetti}`, `/pubblico/documenti/${coordinatorsFile}/file`];
    expect(privateUrls.length).toBeGreaterThan(50);
    for (const url of [...privateUrls, ...notPublic]) {
      const response = await request.get(url, { maxRedirects: 0 });
      const status = response.status();
      check(url, await response.text());
      const ok = isSignInRedirect(status, response.headers()["location"]) || [401, 403, 404].includes(status);
      expect(ok, `senza accesso ${url} → ${status} ${response.headers()["location"] ?? ""}`).toBe(true);
      if (notPublic.includes(url)) expect(status, url).toBe(404);
    }
    expect(leaks, "dati privati trovati in risposte senza accesso").toEqual([]);

    // Accessibility of each public page (one address per path), in a browser with no session.
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const url of publicPages.values()) {
      await visit(page, url);
      await checkA11y(page);
    }
    await context.close();
  });

  test("il coordinatore pubblica la versione pubblica di un verbale e la trova in /pubblico/verbali", async ({ page, db }) => {
    const plenary = (await db.one<{ meetingId: string; id: string; title: string }>(
      `SELECT v."meetingId", v."id", m."title" FROM "Verbale" v JOIN "Meeting" m ON m."id" = v."meetingId" WHERE v."publicAt" IS NOT NULL LIMIT 1`,
    ))!;
    // Other tests publish verbali of the same series: the demo's one is named exactly.
    const named = new RegExp(`^${escapeRegExp(plenary.title)}`);
    const verbalePath = `/riunioni/${plenary.meetingId}/verbale`;
    await db.signInAs(page.context(), DEMO.coordinator.email);

    // The coordinators' page lists the verbale as public and leads to it.
    await visit(page, "/impostazioni/trasparenza");
    await expect(page.getByRole("heading", { level: 1, name: "Trasparenza" })).toBeVisible();
    const verbaliTable = page.getByRole("table", { name: "Verbali pubblicati e loro versione pubblica" });
    await expect(verbaliTable.getByRole("row", { name: named })).toContainText("Sulle pagine pubbliche");
    await checkA11y(page);
    await verbaliTable.getByRole("link", { name: named }).click();
    await expect(page).toHaveURL(new RegExp(`${verbalePath}#versione-pubblica$`));
    await waitForHydration(page);

    const panel = page.getByRole("region", { name: "Versione pubblica" });
    await expect(panel).toContainText("Sulle pagine pubbliche dal");
    const withdrawn = await submit(page, panel.getByRole("button", { name: "Ritira dalle pagine pubbliche" }), verbalePath);
    expect(withdrawn.status()).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: "Versione pubblica ritirata" })).toBeVisible();
    expect((await page.request.get(`/pubblico/verbali/${plenary.id}`)).status()).toBe(404);

    // Prepared again from the published text: the person's name is replaced, the editor shows it.
    const prepared = await submit(page, panel.getByRole("button", { name: "Prepara di nuovo dal testo pubblicato" }), verbalePath);
    expect(prepared.status()).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: /nome o recapito di persona sostituito|nomi o recapiti di persone sostituiti/ })).toBeVisible();
    const editor = panel.getByRole("textbox", { name: "Raccolta alimentare di dicembre" });
    await expect(editor).toContainText("[omissis], per l'Associazione Banco Alimentare");
    await expect(editor).not.toContainText(REDACTED_PERSON);
    await checkA11y(page);

    // The coordinator's own review in the editor, then "save and publish".
    await editor.click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type(" Le adesioni si raccolgono presso il centro di ascolto.");
    const published = await submit(page, panel.getByRole("button", { name: "Salva e pubblica sulle pagine pubbliche" }), verbalePath);
    expect(published.status()).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: "Versione pubblica pubblicata" })).toBeVisible();

    // Anyone, with no account, finds it.
    const visitor = await page.context().browser()!.newContext();
    const publicPage = await visitor.newPage();
    await visit(publicPage, "/pubblico/verbali");
    await publicPage.getByRole("link", { name: plenary.title, exact: true }).click();
    await expect(publicPage.getByRole("heading", { level: 1, name: `Verbale: ${plenary.title}` })).toBeVisible();
    await expect(publicPage.getByRole("main")).toContainText("Le adesioni si raccolgono presso il centro di ascolto.");
    await expect(publicPage.getByRole("main")).toContainText("[omissis], per l'Associazione Banco Alimentare");
    await expect(publicPage.getByRole("main")).not.toContainText(REDACTED_PERSON);
    await checkA11y(publicPage);
    await visitor.close();
  });
});
