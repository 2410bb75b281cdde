import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import { checkA11y, DEMO, expect, submit, test, uniqueName, visit } from "./support";

// The audit trail (issue 6, docs/decisions/032-audit-trail-everywhere.md): a coordinator changes
// something, finds it in the Registro delle modifiche with the filters, and downloads it as CSV.

const DAY_MS = 86_400_000;
const romeDay = (days: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(new Date(Date.now() + days * DAY_MS));

test("un coordinatore crea una riunione e la ritrova nel registro delle modifiche, filtrato ed esportato in CSV", async ({ page, db }) => {
  const title = `Tavolo operativo ${uniqueName("Registro")}`;
  await db.signInAs(page.context(), DEMO.coordinator.email);

  await visit(page, "/riunioni/nuova");
  await page.getByLabel("Titolo", { exact: true }).fill(title);
  await page.getByLabel("Piano", { exact: true }).selectOption({ label: "Piano di governo" });
  await page.getByLabel("Data", { exact: true }).fill(romeDay(20));
  await page.getByLabel("Ora di inizio").fill("10:00");
  await page.getByLabel("Ora di fine").fill("12:00");
  await page.getByLabel("Luogo (facoltativo)", { exact: true }).fill("Villa Ghirlanda");
  await page.getByLabel("Chi è invitato").selectOption({ label: "Tutte le organizzazioni partner e aderenti (delegato o referenti)" });
  await submit(page, page.getByRole("button", { name: "Crea la riunione" }), "/riunioni/nuova");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const meetingPath = new URL(page.url()).pathname;
  // The meeting page shows its own history to coordinators.
  await expect(page.getByRole("region", { name: "Storia delle modifiche" })).toContainText(`Riunione creata: ${title}`);

  // From the top bar, where user management lives.
  await page.getByRole("link", { name: "Registro modifiche" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registro delle modifiche" })).toBeVisible();
  await checkA11y(page);

  await page.getByLabel("Parole nella descrizione").fill(title);
  await page.getByLabel("Tipo di record").selectOption({ label: "Riunione" });
  await page.getByLabel("Chi", { exact: true }).selectOption({ label: `${DEMO.coordinator.name} (${DEMO.coordinator.email})` });
  await page.getByLabel("Dal giorno", { exact: true }).fill(romeDay(0));
  await page.getByLabel("Al giorno", { exact: true }).fill(romeDay(0));
  await page.getByRole("button", { name: "Filtra" }).click();
  await page.waitForURL(/\/registro-modifiche\?.*tipo=MEETING/);
  await expect(page.getByRole("status").filter({ hasText: "1 modifica corrisponde ai filtri" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: `Riunione creata: ${title}` });
  await expect(row).toContainText(DEMO.coordinator.name);
  await expect(row.getByRole("link", { name: /^Riunione/ })).toHaveAttribute("href", meetingPath);
  await checkA11y(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Esporta CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^registro-modifiche-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await readFile(await download.path())).toString("utf8").replace(/^\uFEFF/, "");
  const rows = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ";", skipEmptyLines: true }).data;
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ Chi: DEMO.coordinator.name, "Tipo di record": "Riunione", Descrizione: expect.stringContaining(`Riunione creata: ${title}`) });
  expect(rows[0]!["Collegamento"]).toMatch(new RegExp(`${meetingPath}$`));

  // A referent gets neither the page nor the file.
  await db.signInAs(page.context(), DEMO.referent.email);
  expect((await visit(page, "/registro-modifiche")).status()).toBe(403);
  expect((await page.request.get("/registro-modifiche/esporta/csv", { maxRedirects: 0 })).status()).toBe(403);
});
