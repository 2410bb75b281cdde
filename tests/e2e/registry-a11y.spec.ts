import { checkA11y, DEMO, expect, test, visit, type Role } from "./support";

// Every page of the registry, the protocols, the objectives and the working groups, as each role
// sees it: the pages a role may open pass axe (WCAG 2.1 AA); the others answer 403, with an
// accessible error page.

const OWN = "Caritas Decanale di Cinisello Balsamo"; // the demo referent's organisation
const OTHER = "Croce Rossa Italiana-Comitato Locale di Cinisello Balsamo";
const PROTOCOL = "Protocollo d'Intesa del Tavolo Povertà «La solidarietà in città»";
const NETWORK = "Re-distribuire cibo";
// The demo member and referent are in "Cibo e beni essenziali", not in "Lavoro"; the demo
// coordinator is in "Lavoro", not in "Cibo e beni essenziali" (prisma/demo/registry.ts).
const GROUP_WITH_MEMBER = "Cibo e beni essenziali";
const GROUP_WITH_COORDINATOR = "Lavoro";

interface PageCase {
  path: string;
  /** Who may open it; everyone else gets 403. */
  roles: Role[];
}

const ALL: Role[] = ["COORDINATOR", "REFERENT", "MEMBER"];
const COORDINATOR: Role[] = ["COORDINATOR"];

async function pages(db: { one: <T>(sql: string, params?: string[]) => Promise<T | undefined>; organisationId: (name?: string) => Promise<string> }): Promise<PageCase[]> {
  const own = await db.organisationId(OWN);
  const other = await db.organisationId(OTHER);
  const id = async (table: string, column: string, value: string) => {
    const row = await db.one<{ id: string }>(`SELECT "id" FROM "${table}" WHERE "${column}" = ?`, [value]);
    if (!row) throw new Error(`${table} non trovato: ${value}`);
    return row.id;
  };
  const protocol = await id("Protocol", "title", PROTOCOL);
  const network = await id("ThematicNetwork", "name", NETWORK);
  const groupWithMember = await id("WorkingGroup", "name", GROUP_WITH_MEMBER);
  const groupWithCoordinator = await id("WorkingGroup", "name", GROUP_WITH_COORDINATOR);
  return [
    { path: "/organizzazioni", roles: ALL },
    { path: `/organizzazioni/${own}`, roles: ALL },
    { path: `/organizzazioni/${own}/modifica`, roles: ["COORDINATOR", "REFERENT"] },
    { path: `/organizzazioni/${own}/contatti`, roles: ["COORDINATOR", "REFERENT"] },
    { path: `/organizzazioni/${own}/stato`, roles: COORDINATOR },
    { path: `/organizzazioni/${other}`, roles: ALL },
    { path: `/organizzazioni/${other}/modifica`, roles: COORDINATOR },
    { path: `/organizzazioni/${other}/contatti`, roles: COORDINATOR },
    { path: `/organizzazioni/${other}/stato`, roles: COORDINATOR },
    { path: "/organizzazioni/nuova", roles: COORDINATOR },
    { path: "/organizzazioni/importa", roles: COORDINATOR },
    { path: "/reti", roles: ALL },
    { path: `/reti/${network}`, roles: ALL },
    { path: "/protocolli", roles: ALL },
    { path: `/protocolli/${protocol}`, roles: ALL },
    { path: "/protocolli/nuovo", roles: COORDINATOR },
    { path: `/protocolli/${protocol}/modifica`, roles: COORDINATOR },
    { path: "/obiettivi", roles: ALL },
    { path: "/gruppi", roles: ALL },
    { path: `/gruppi/${groupWithMember}`, roles: ALL },
    { path: `/gruppi/${groupWithCoordinator}`, roles: ALL },
    { path: "/gruppi/nuovo", roles: COORDINATOR },
    { path: `/gruppi/${groupWithMember}/modifica`, roles: COORDINATOR },
  ];
}

const ACCOUNTS = [
  { role: "COORDINATOR", account: DEMO.coordinator },
  { role: "REFERENT", account: DEMO.referent },
  { role: "MEMBER", account: DEMO.member },
] as const;

for (const { role, account } of ACCOUNTS) {
  test(`${account.email}: le pagine di anagrafica, protocolli, obiettivi e gruppi sono accessibili, le altre rispondono 403`, async ({ page, db }) => {
    // About twenty pages, each analysed by axe.
    test.setTimeout(180_000);
    await db.signInAs(page.context(), account.email);
    const cases = await pages(db);
    const seen: string[] = [];
    for (const { path, roles } of cases) {
      const response = await visit(page, path);
      const allowed = roles.includes(role);
      expect.soft(response.status(), `GET ${path} come ${role}`).toBe(allowed ? 200 : 403);
      const heading = page.getByRole("heading", { level: 1 });
      if (allowed) {
        await expect(heading).toBeVisible();
        await expect(heading).not.toHaveText("Accesso non consentito");
      } else {
        await expect(heading).toHaveText("Accesso non consentito");
        await expect(page.getByText("Non hai i permessi per questa pagina.")).toBeVisible();
      }
      await checkA11y(page);
      seen.push(`${response.status()} ${path}`);
    }
    expect(seen).toHaveLength(cases.length);

    // In a group of theirs a person sees its members; in another one only its public overview,
    // unless they coordinate the tavolo.
    const [mine, notMine] = role === "COORDINATOR" ? [GROUP_WITH_COORDINATOR, GROUP_WITH_MEMBER] : [GROUP_WITH_MEMBER, GROUP_WITH_COORDINATOR];
    for (const [name, seesMembers] of [
      [mine, true],
      [notMine, role === "COORDINATOR"],
    ] as const) {
      await visit(page, "/gruppi");
      await page.getByRole("link", { name, exact: true }).first().click();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await expect(page.getByRole("region", { name: "Componenti", exact: true })).toHaveCount(seesMembers ? 1 : 0);
      await expect(page.getByRole("note")).toHaveCount(seesMembers ? 0 : 1);
      if (!seesMembers) await expect(page.getByRole("note")).toContainText("riservata ai suoi componenti e al coordinamento");
      await checkA11y(page);
    }
  });
}
