import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import { checkA11y, DEMO, escapeRegExp, expect, submit, test, uniqueName, visit, waitForHydration, type TestDb } from "./support";

// The coordinators' month (issue 4): a governance meeting is created with its agenda and convoked;
// the referent accepts from the mail without signing in; attendance gives the quorum; the verbale is
// written with a decision, reviewed, approved and published; a member reads it and downloads the
// PDF; the action reaches the register and is offered on the next plenary's agenda.

const PLENARY_SERIES = "Assemblea plenaria del Tavolo"; // governance, quorum "metà più uno"
const CARITAS = "Caritas Decanale di Cinisello Balsamo"; // the demo referent is its delegate
const CROCE_ROSSA = "Croce Rossa Italiana-Comitato Locale di Cinisello Balsamo";
const DAY_MS = 86_400_000;

/** The Rome calendar day `days` from now, as a date field takes it (YYYY-MM-DD). */
const romeDay = (days: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(new Date(Date.now() + days * DAY_MS));

async function inviteeOf(db: TestDb, meetingId: string, email: string) {
  const user = await db.findUser(email);
  return db.one<{
    id: string;
    response: string;
    respondedAt: string | null;
    present: number | boolean | null;
  }>(`SELECT "id", "response", "respondedAt", "present" FROM "Invitee" WHERE "meetingId" = ? AND "userId" = ?`, [meetingId, user!.id]);
}

test("un coordinatore convoca una plenaria, prende le presenze e pubblica il verbale con un'azione che torna all'ordine del giorno", async ({
  page,
  browser,
  db,
  mailbox,
}) => {
  test.setTimeout(180_000);
  const title = `Plenaria straordinaria ${uniqueName("Bilancio")}`;
  const items = [`Bilancio sociale ${uniqueName("Punto")}`, `Calendario delle attività ${uniqueName("Punto")}`];
  const actionText = `Preparare la mappa dei centri di ascolto ${uniqueName("Azione")}`;
  const verbaleText = `Il coordinamento illustra il bilancio sociale ${uniqueName("Verbale")}.`;
  const day = romeDay(10);
  const dueDay = romeDay(30);
  await db.signInAs(page.context(), DEMO.coordinator.email);

  // 1. The new meeting, in draft, with only the named people invited.
  await visit(page, "/riunioni/nuova");
  await expect(page.getByRole("heading", { level: 1, name: "Nuova riunione" })).toBeVisible();
  await checkA11y(page);
  await page.getByLabel("Titolo", { exact: true }).fill(title);
  await page.getByLabel("Piano", { exact: true }).selectOption({ label: "Piano di governo" });
  await page.getByLabel("Serie (facoltativo)", { exact: true }).selectOption({ label: PLENARY_SERIES });
  await page.getByLabel("Data", { exact: true }).fill(day);
  await page.getByLabel("Ora di inizio").fill("15:00");
  await page.getByLabel("Ora di fine").fill("17:00");
  await page.getByLabel("Luogo (facoltativo)", { exact: true }).fill("Sala consiliare, Villa Forno");
  await page.getByLabel("Chi è invitato").selectOption({ label: "Solo le persone indicate" });
  const invited = page.getByRole("group", { name: "Altre persone invitate" });
  await invited.getByText(`${DEMO.referent.name} (${CARITAS})`, { exact: true }).click();
  await invited.getByText(`${DEMO.member.name} (${CROCE_ROSSA})`, { exact: true }).click();
  await expect(invited.getByLabel(`${DEMO.referent.name} (${CARITAS})`)).toBeChecked();
  await expect(invited.getByLabel(`${DEMO.member.name} (${CROCE_ROSSA})`)).toBeChecked();
  await checkA11y(page);
  await submit(page, page.getByRole("button", { name: "Crea la riunione" }), "/riunioni/nuova");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Riunione creata in bozza");
  const meetingId = new URL(page.url()).pathname.split("/")[2]!;
  const stored = await db.one<{
    kind: string;
    status: string;
    audience: string;
    quorumRule: string;
    icsUid: string;
  }>(`SELECT "kind", "status", "audience", "quorumRule", "icsUid" FROM "Meeting" WHERE "id" = ?`, [meetingId]);
  expect(stored).toMatchObject({
    kind: "GOVERNANCE",
    status: "DRAFT",
    audience: "NAMED",
    quorumRule: "HALF_PLUS_ONE",
  });
  await checkA11y(page);

  // The agenda: two items.
  await page.getByRole("link", { name: "Modifica l'ordine del giorno" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ordine del giorno" })).toBeVisible();
  await checkA11y(page);
  const agendaPath = `/riunioni/${meetingId}/ordine-del-giorno`;
  for (const [index, item] of items.entries()) {
    await page.getByLabel("Titolo del punto").fill(item);
    await page.getByLabel("Chi lo presenta").fill(index === 0 ? DEMO.coordinator.name : DEMO.referent.name);
    await page.getByLabel("Durata prevista (minuti)").fill(index === 0 ? "30" : "20");
    const added = await submit(page, page.getByRole("button", { name: "Aggiungi il punto" }), agendaPath);
    expect(added.status()).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: `Punto «${item}» aggiunto.` })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Punti" })).toContainText("2 punti, durata prevista 50 minuti");
  await checkA11y(page);

  // Convoca.
  await page.getByRole("link", { name: "Torna alla riunione" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const convokedAt = new Date();
  const convoked = await submit(page, page.getByRole("button", { name: "Convoca", exact: true }), `/riunioni/${meetingId}`);
  expect(convoked.status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: "Riunione convocata" })).toHaveText("Riunione convocata: 2 persone invitate.");
  await checkA11y(page);

  // 2. The referent's convocation: the agenda, the calendar invitation and the reply links.
  const mail = await mailbox.waitForMail(DEMO.referent.email, `Convocazione: ${title}`, { after: convokedAt });
  expect(mail.text).toContain(`1. ${items[0]} (presenta ${DEMO.coordinator.name}, 30 minuti)`);
  expect(mail.text).toContain(`2. ${items[1]} (presenta ${DEMO.referent.name}, 20 minuti)`);
  expect(mail.text).toContain("Dove: Sala consiliare, Villa Forno.");
  // The caught mail keeps only subject, text and HTML (tests/smtp.ts), not the calendar part: the
  // .ics is read from the outbox row that was delivered as this very mail.
  const outbox = await db.one<{
    status: string;
    calendar: string | null;
    calendarMethod: string | null;
  }>(`SELECT "status", "calendar", "calendarMethod" FROM "OutboxMail" WHERE "to" = ? AND "template" = 'convocation' AND "subject" = ?`, [
    DEMO.referent.email,
    mail.subject,
  ]);
  expect(outbox).toMatchObject({ status: "SENT", calendarMethod: "REQUEST" });
  const calendar = new ICAL.Component(ICAL.parse(outbox!.calendar!));
  expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
  const event = calendar.getFirstSubcomponent("vevent")!;
  expect(String(event.getFirstPropertyValue("uid"))).toMatch(new RegExp(`^${escapeRegExp(stored!.icsUid)}@`));
  expect(event.getFirstPropertyValue("summary")).toBe(title);
  expect(String(event.getFirstPropertyValue("attendee")).toLowerCase()).toBe(`mailto:${DEMO.referent.email}`);
  expect(event.getFirstProperty("attendee")?.getParameter("rsvp")).toBe("TRUE");
  expect(String(event.getFirstPropertyValue("description"))).toContain(items[1]);
  expect(event.getFirstSubcomponent("valarm")).not.toBeNull();
  const acceptLink = mailbox.linkIn(mail, "/risposta/");
  expect(new URL(acceptLink).searchParams.get("r")).toBe("si");
  expect(mail.html).toContain(acceptLink.replace(/&/g, "&amp;").split("?")[0]);
  expect(
    (
      await mailbox.waitForMail(DEMO.member.email, `Convocazione: ${title}`, {
        after: convokedAt,
      })
    ).text,
  ).toContain(items[0]);

  // Following the link, nobody signed in: the page only shows the choice.
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  const opened = await visit(guest, acceptLink);
  expect(opened.status()).toBe(200);
  await expect(
    guest.getByRole("heading", {
      level: 1,
      name: "Rispondi alla convocazione",
    }),
  ).toBeVisible();
  await expect(guest.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await expect(guest.getByText("Non hai ancora risposto.")).toBeVisible();
  await checkA11y(guest);
  expect(await inviteeOf(db, meetingId, DEMO.referent.email), "aprire il collegamento non registra nulla").toMatchObject({
    response: "PENDING",
    respondedAt: null,
  });
  const replied = await submit(guest, guest.getByRole("button", { name: "Partecipo", exact: true }), new URL(acceptLink).pathname);
  expect(replied.status()).toBe(200);
  await expect(guest.getByRole("status")).toHaveText("Grazie: abbiamo registrato che parteciperai alla riunione.");
  await expect(guest.getByText("Partecipo.", { exact: true })).toBeVisible();
  await checkA11y(guest);
  expect((await inviteeOf(db, meetingId, DEMO.referent.email))?.response).toBe("ACCEPTED");
  await guestContext.close();

  // 3. The coordinator sees the reply.
  await visit(page, `/riunioni/${meetingId}`);
  const byPerson = page.getByRole("table", { name: "Risposte per persona" });
  await expect(byPerson.getByRole("row").filter({ hasText: DEMO.referent.name })).toContainText("Partecipa");
  await expect(byPerson.getByRole("row").filter({ hasText: DEMO.member.name })).toContainText("In attesa di risposta");
  await expect(page.getByRole("table", { name: "Risposte per organizzazione" }).getByRole("row", { name: new RegExp(CARITAS) })).toContainText("1");
  await checkA11y(page);

  // The meeting is held now: attendance is taken from its day on.
  const startsAt = new Date(Date.now() - 15 * 60_000);
  await db.run(`UPDATE "Meeting" SET "startsAt" = ?, "endsAt" = ? WHERE "id" = ?`, [startsAt, new Date(startsAt.getTime() + 2 * 60 * 60_000), meetingId]);
  await page.getByRole("link", { name: "Presenze", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Presenze" })).toBeVisible();
  await waitForHydration(page);
  const quorum = page.locator(".alert[aria-live='polite']");
  await expect(quorum).toContainText(/Quorum non raggiunto: 0 organizzazioni partner presenti su \d+/);
  await expect(quorum).toContainText("Regola: metà più uno delle organizzazioni partner");
  await checkA11y(page);
  const caritas = page.getByRole("group", {
    name: new RegExp(`^${escapeRegExp(CARITAS)}`),
  });
  await caritas.getByText(DEMO.referent.name).click();
  await expect(caritas.getByRole("checkbox", { name: new RegExp(DEMO.referent.name) })).toBeChecked();
  await expect(quorum).toContainText(/Quorum non raggiunto: 1 organizzazione partner presente su \d+ \(ne servono \d+\)/);
  await expect(caritas).toContainText("Organizzazione presente");
  await expect.poll(async () => Boolean((await inviteeOf(db, meetingId, DEMO.referent.email))?.present)).toBe(true);
  await checkA11y(page);

  // 4. The verbale, in the editor: text under the first item, autosaved.
  await visit(page, `/riunioni/${meetingId}/verbale`);
  await expect(page.getByRole("heading", { level: 1, name: `Verbale: ${title}` })).toBeVisible();
  const editor = page.getByRole("textbox", { name: items[0], exact: true });
  await expect(editor).toBeVisible();
  await expect(editor).toHaveAttribute("contenteditable", "true");
  await checkA11y(page);
  await editor.click();
  await page.keyboard.type(verbaleText);
  await expect(page.getByRole("status").filter({ hasText: /^Bozza salvata alle \d\d:\d\d$/ })).toBeVisible({ timeout: 15_000 });
  const saved = await db.one<{ content: string; status: string }>(`SELECT "content", "status" FROM "Verbale" WHERE "meetingId" = ?`, [meetingId]);
  const savedSections = JSON.parse(saved!.content) as {
    title: string;
    html: string;
  }[];
  expect(savedSections.find((s) => s.title === items[0])?.html).toBe(`<p>${verbaleText}</p>`);
  await checkA11y(page);

  // The action, recorded with the verbale.
  const newEntry = page.getByRole("form", {
    name: "Registra una decisione o un'azione",
  });
  await newEntry.getByLabel("Tipo").selectOption({ label: "Azione" });
  const itemSelect = newEntry.getByLabel(/Punto dell'ordine del giorno/);
  await itemSelect.selectOption((await itemSelect.locator("option", { hasText: items[0] }).getAttribute("value"))!);
  await newEntry.getByLabel("Testo").fill(actionText);
  // The person is one of the chosen organisation's: the page does not carry every organisation's
  // people, the form loads them when the organisation is chosen.
  const organisationSelect = newEntry.getByLabel("Organizzazione responsabile");
  const personSelect = newEntry.getByLabel(/Persona responsabile/);
  await expect(personSelect.locator("option")).toHaveText(["Nessuna persona in particolare"]);
  const peopleLoaded = () => page.waitForResponse((response) => response.url().includes("/decisioni/persone/") && response.ok());
  let loaded = peopleLoaded();
  await organisationSelect.selectOption({ label: CROCE_ROSSA });
  await loaded;
  await expect(personSelect).toBeEnabled();
  await expect(personSelect.locator("option", { hasText: DEMO.member.name })).toHaveCount(1);
  await expect(personSelect.locator("option", { hasText: DEMO.referent.name })).toHaveCount(0);
  loaded = peopleLoaded();
  await organisationSelect.selectOption({ label: CARITAS });
  await loaded;
  await expect(personSelect).toBeEnabled();
  await expect(personSelect.locator("option", { hasText: DEMO.member.name })).toHaveCount(0);
  await personSelect.selectOption({ label: DEMO.referent.name });
  await checkA11y(page);
  await newEntry.getByLabel("Scadenza").fill(dueDay);
  const recorded = await submit(page, newEntry.getByRole("button", { name: "Registra" }), "/decisioni");
  expect(recorded.status()).toBe(200);
  const panel = page.getByRole("region", { name: "Decisioni e azioni" });
  await expect(panel.getByRole("listitem").filter({ hasText: actionText })).toContainText(`Responsabile: ${DEMO.referent.name} (${CARITAS})`);
  const decision = await db.one<{
    id: string;
    kind: string;
    status: string;
    responsibleOrganisationId: string;
    responsibleUserId: string;
  }>(`SELECT "id", "kind", "status", "responsibleOrganisationId", "responsibleUserId" FROM "Decision" WHERE "meetingId" = ? AND "text" = ?`, [
    meetingId,
    actionText,
  ]);
  expect(decision).toMatchObject({
    kind: "ACTION",
    status: "OPEN",
    responsibleOrganisationId: await db.organisationId(CARITAS),
    responsibleUserId: (await db.findUser(DEMO.referent.email))!.id,
  });
  await checkA11y(page);

  // Review, approval, publication.
  const verbalePath = `/riunioni/${meetingId}/verbale`;
  await expect(page.getByRole("button", { name: "Invia in revisione" })).toBeEnabled();
  await submit(page, page.getByRole("button", { name: "Invia in revisione" }), verbalePath);
  await expect(page.getByRole("status").filter({ hasText: "Verbale inviato in revisione" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Presenze e quorum" })).toBeVisible();
  await checkA11y(page);
  await submit(page, page.getByRole("button", { name: "Approva", exact: true }), verbalePath);
  await expect(page.getByRole("status").filter({ hasText: "Verbale approvato. Ora si può pubblicare." })).toBeVisible();
  await checkA11y(page);
  const publishedAt = new Date();
  await submit(page, page.getByRole("button", { name: "Pubblica", exact: true }), verbalePath);
  await expect(page.getByRole("status").filter({ hasText: "Verbale pubblicato" })).toBeVisible();
  await expect(page.getByText(verbaleText)).toBeVisible();
  await checkA11y(page);
  expect(await db.one(`SELECT "status" FROM "Verbale" WHERE "meetingId" = ?`, [meetingId])).toEqual({ status: "PUBBLICATO" });
  await mailbox.waitForMail(DEMO.member.email, new RegExp(escapeRegExp(title)), { after: publishedAt });

  // 5. A member reads it and downloads the PDF.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await db.signInAs(memberContext, DEMO.member.email);
  await visit(member, "/verbali");
  await expect(member.getByRole("heading", { level: 1 })).toBeVisible();
  await checkA11y(member);
  await member.getByRole("link", { name: `Verbale: ${title}` }).click();
  await expect(member.getByRole("heading", { level: 1, name: `Verbale: ${title}` })).toBeVisible();
  await expect(member.getByRole("region", { name: items[0] })).toContainText(verbaleText);
  await expect(member.getByRole("region", { name: "Decisioni e azioni" })).toContainText(actionText);
  await expect(member.getByRole("button", { name: "Pubblica" })).toHaveCount(0);
  await checkA11y(member);
  const pdfHref = await member.getByRole("link", { name: "Scarica il PDF del verbale" }).getAttribute("href");
  const pdf = await member.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // 6. The action in the register, found by its organisation and due date.
  await visit(member, "/decisioni");
  await checkA11y(member);
  await member.getByLabel("Organizzazione responsabile").selectOption({ label: CARITAS });
  await member.getByLabel("Scadenza dal").fill(dueDay);
  await member.getByLabel("Scadenza al").fill(dueDay);
  await member.getByRole("button", { name: "Filtra" }).click();
  const row = member.getByRole("row").filter({ hasText: actionText });
  await expect(row).toContainText(`${DEMO.referent.name} (${CARITAS})`);
  await expect(row).toContainText("Aperta");
  await expect(row.getByRole("link", { name: new RegExp(escapeRegExp(title)) })).toBeVisible();
  await checkA11y(member);
  await memberContext.close();

  // ...and offered on the agenda of the seed's next plenary, still a draft.
  const next = await db.one<{ id: string }>(
    `SELECT m."id" FROM "Meeting" m JOIN "MeetingSeries" s ON s."id" = m."seriesId"
     WHERE s."name" = ? AND m."status" = 'DRAFT' AND m."id" <> ? ORDER BY m."startsAt" LIMIT 1`,
    [PLENARY_SERIES, meetingId],
  );
  expect(next, "la bozza della prossima plenaria del seed").toBeDefined();
  const nextAgendaPath = `/riunioni/${next!.id}/ordine-del-giorno`;
  await visit(page, nextAgendaPath);
  const suggestions = page.getByRole("region", {
    name: "Azioni da verificare",
  });
  const suggestion = suggestions.getByRole("listitem").filter({ hasText: actionText });
  await expect(suggestion).toContainText(CARITAS);
  await expect(suggestion).toContainText(`decisa in ${title}`);
  await checkA11y(page);
  await submit(page, suggestion.getByRole("button", { name: /^Aggiungi all'ordine del giorno/ }), nextAgendaPath);
  await expect(page.getByRole("status").filter({ hasText: `Punto «Verifica: ${actionText}» aggiunto.` })).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Punti" })
      .getByRole("listitem")
      .filter({ hasText: `Verifica: ${actionText}` }),
  ).toBeVisible();
  await expect(suggestions.getByText(actionText)).toHaveCount(0);
  await checkA11y(page);
  expect(
    await db.one(`SELECT "kind", "followsDecisionId" FROM "AgendaItem" WHERE "meetingId" = ? AND "title" = ?`, [next!.id, `Verifica: ${actionText}`]),
  ).toEqual({ kind: "FOLLOW_UP", followsDecisionId: decision!.id });
});

test("un verbale con HTML ostile si salva ripulito e non esegue script quando lo si legge", async ({ page, browser, db }) => {
  // A convoked, held meeting with one item and the demo member invited, written straight into the
  // database: the journey above already covers creating one through the pages.
  const itemTitle = "Punto con testo incollato";
  const { meetingId, itemIds } = await heldMeeting(db, `Riunione di prova ${uniqueName("Sicurezza")}`, [itemTitle]);
  const itemId = itemIds[0]!;

  const dialogs: string[] = [];
  const failOnDialog = (p: typeof page) =>
    p.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

  // The editor without JavaScript: each section is a text area of HTML.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  await db.signInAs(noScript, DEMO.coordinator.email);
  const plain = await noScript.newPage();
  failOnDialog(plain);
  await plain.goto(`/riunioni/${meetingId}/verbale`);
  const payload =
    `<p>Testo <strong>valido</strong> <img src=x onerror=alert(1)> fine</p>` +
    `<script>alert(2)</script><p><a href="javascript:alert(3)">collegamento</a> <a href="https://example.org" onclick="alert(4)">sito</a></p>`;
  await plain.getByLabel(itemTitle, { exact: true }).fill(payload);
  await submit(plain, plain.getByRole("button", { name: "Salva la bozza" }), `/riunioni/${meetingId}/verbale`);
  await expect(plain).toHaveURL(`/riunioni/${meetingId}/verbale?salvato`);
  await expect(plain.getByRole("status")).toHaveText("Bozza salvata.");
  await noScript.close();

  const row = await db.one<{ content: string }>(`SELECT "content" FROM "Verbale" WHERE "meetingId" = ?`, [meetingId]);
  const html = (JSON.parse(row!.content) as { key: string; html: string }[]).find((s) => s.key === itemId)?.html;
  expect(html).toBe(`<p>Testo <strong>valido</strong>  fine</p><p><a>collegamento</a> <a href="https://example.org" rel="noopener noreferrer">sito</a></p>`);
  expect(row!.content).not.toMatch(/<script|<img|onerror|onclick|javascript:|alert/i);

  // The coordinator's editor (tiptap) loads the stored text.
  failOnDialog(page);
  await db.signInAs(page.context(), DEMO.coordinator.email);
  await visit(page, `/riunioni/${meetingId}/verbale`);
  const editor = page.getByRole("textbox", { name: itemTitle, exact: true });
  await expect(editor).toContainText("Testo valido fine");
  await expect(editor.locator("img, script")).toHaveCount(0);
  await checkA11y(page);

  // In review, the invited member reads the stored HTML as the page shows it to readers.
  await submit(page, page.getByRole("button", { name: "Invia in revisione" }), `/riunioni/${meetingId}/verbale`);
  await expect(page.getByRole("status").filter({ hasText: "Verbale inviato in revisione" })).toBeVisible();
  const memberContext = await browser.newContext();
  await db.signInAs(memberContext, DEMO.member.email);
  const reader = await memberContext.newPage();
  failOnDialog(reader);
  await visit(reader, `/riunioni/${meetingId}/verbale`);
  const section = reader.getByRole("region", { name: itemTitle });
  await expect(section).toContainText("Testo valido fine");
  await expect(section.getByRole("link", { name: "sito" })).toHaveAttribute("href", "https://example.org");
  await expect(section.locator("img, script, [onclick], [onerror]")).toHaveCount(0);
  await checkA11y(reader);
  await memberContext.close();
  expect(dialogs, "nessuno script scritto nel verbale deve aprire una finestra").toEqual([]);
});

/**
 * A convoked operative meeting that started an hour ago, its agenda items stored as the app stores
 * them (positions 0, 1, 2... see meetings.server.ts nextPosition), the demo member invited and present.
 */
async function heldMeeting(db: TestDb, title: string, itemTitles: string[]) {
  const meetingId = randomUUID();
  const now = new Date();
  const startsAt = new Date(now.getTime() - 60 * 60_000);
  await db.run(
    `INSERT INTO "Meeting" ("id", "title", "kind", "startsAt", "endsAt", "location", "status", "audience", "quorumRule", "icsUid", "convokedAt", "createdAt", "updatedAt")
     VALUES (?, ?, 'OPERATIVE', ?, ?, 'Sala riunioni', 'CONVOKED', 'NAMED', 'NONE', ?, ?, ?, ?)`,
    [meetingId, title, startsAt, new Date(startsAt.getTime() + 2 * 60 * 60_000), randomUUID(), now, now, now],
  );
  const itemIds: string[] = [];
  for (const [position, itemTitle] of itemTitles.entries()) {
    const id = randomUUID();
    itemIds.push(id);
    await db.run(`INSERT INTO "AgendaItem" ("id", "meetingId", "position", "title", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`, [
      id,
      meetingId,
      position,
      itemTitle,
      now,
      now,
    ]);
  }
  const member = await db.findUser(DEMO.member.email);
  await db.run(
    `INSERT INTO "Invitee" ("id", "meetingId", "userId", "organisationId", "response", "rsvpTokenHash", "present", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, 'ACCEPTED', ?, ?, ?, ?)`,
    [randomUUID(), meetingId, member!.id, await db.organisationId(CROCE_ROSSA), randomUUID().replace(/-/g, ""), true, now, now],
  );
  return { meetingId, itemIds };
}

// The decision form numbers the agenda items as the agenda does (positions are an order counted from 0).
test("nel verbale le voci di decisione numerano i punti come l'ordine del giorno", async ({ page, db }) => {
  const items = ["Primo punto", "Secondo punto"];
  const { meetingId } = await heldMeeting(db, `Riunione di prova ${uniqueName("Numeri")}`, items);
  await db.signInAs(page.context(), DEMO.coordinator.email);
  await visit(page, `/riunioni/${meetingId}/verbale`);
  const itemSelect = page.getByRole("form", { name: "Registra una decisione o un'azione" }).getByLabel(/Punto dell'ordine del giorno/);
  await expect(itemSelect.locator("option")).toHaveText(["Nessun punto in particolare", `1. ${items[0]}`, `2. ${items[1]}`]);
});
