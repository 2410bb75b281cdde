import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { codiceFiscaleProblem } from "~/domain/fiscal-codes.server";
import { authenticate, resetPassword } from "~/domain/users.server";

const execFileAsync = promisify(execFile);
const run = (script: string, args: string[] = [], env: Record<string, string> = {}) =>
  execFileAsync("npx", ["tsx", script, ...args], { env: { ...process.env, ...env } });

describe("npm run create-admin", () => {
  it("creates the first coordinator and the coordinating body, with a link to choose the password", async () => {
    const { stdout } = await run("scripts/create-admin.ts", ["prima@comune.example.it", "--name", "Ada Prima", "--ente", "Comune di Prova"]);
    const user = await db.user.findUniqueOrThrow({ where: { email: "prima@comune.example.it" }, include: { organisation: true } });
    expect(user).toMatchObject({ name: "Ada Prima", role: "COORDINATOR", active: true, passwordHash: null });
    expect(user.organisation).toMatchObject({ name: "Comune di Prova", isCoordinator: true, legalForm: "ENTE_PUBBLICO" });
    const link = stdout.match(/http:\/\/localhost:3000\/reimposta-password\/(\S+)/);
    expect(link, stdout).not.toBeNull();
    await resetPassword({ token: link?.[1] ?? "", password: "Apertura ufficiale del tavolo 2026" });
    await expect(authenticate({ email: user.email, password: "Apertura ufficiale del tavolo 2026", ip: "127.0.0.1" })).resolves.toMatchObject({ id: user.id });
  }, 30_000);

  it("refuses a bad address or an existing account and writes nothing", async () => {
    await expect(run("scripts/create-admin.ts", ["non-una-email"])).rejects.toMatchObject({ code: 2 });
    await run("scripts/create-admin.ts", ["doppio@comune.example.it", "--ente", "Comune di Prova"]);
    await expect(run("scripts/create-admin.ts", ["doppio@comune.example.it"])).rejects.toMatchObject({ code: 1 });
    expect(await db.user.count()).toBe(1);
  }, 30_000);
});

describe("demo seed", () => {
  it("fills an empty database with the Cinisello tavolo, its registry and one account per role, once", async () => {
    const { stdout } = await run("prisma/seed.ts");
    expect(stdout).toContain("coordinatore@example.org");
    expect(await db.organisation.count({ where: { status: "PARTNER" } })).toBe(26);
    expect(await db.organisation.count({ where: { status: "ADERENTE" } })).toBe(2);
    expect(await db.organisation.findFirst({ where: { isCoordinator: true } })).toMatchObject({ name: "Comune di Cinisello Balsamo" });
    expect((await db.strategicObjective.findMany({ orderBy: { position: "asc" } })).map((o) => o.code)).toEqual(["OS1", "OS2", "OS3", "OS4", "OS5"]);
    // One account per role can sign in; the other people have no password yet.
    const accounts = await db.user.findMany({ where: { passwordHash: { not: null } }, orderBy: { role: "asc" } });
    expect(accounts.map((u) => u.role)).toEqual(["COORDINATOR", "MEMBER", "REFERENT"]);
    // Every organisation has a valid codice fiscale and a dated first membership step.
    const organisations = await db.organisation.findMany({ select: { codiceFiscale: true, _count: { select: { membershipChanges: true } } } });
    expect(organisations.every((o) => o.codiceFiscale !== null && codiceFiscaleProblem(o.codiceFiscale) === null)).toBe(true);
    expect(organisations.every((o) => o._count.membershipChanges === 1)).toBe(true);
    expect(await db.thematicNetwork.count()).toBe(3);
    expect(await db.protocol.count()).toBe(2);
    expect(await db.workingGroup.count()).toBe(4);
    await run("prisma/seed.ts");
    expect(await db.organisation.count()).toBe(28);
  }, 60_000);

  it("never runs in production", async () => {
    await expect(run("prisma/seed.ts", [], { NODE_ENV: "production", SMTP_URL: "smtp://127.0.0.1:1" })).rejects.toMatchObject({ code: 1 });
    expect(await db.organisation.count()).toBe(0);
  }, 30_000);
});
