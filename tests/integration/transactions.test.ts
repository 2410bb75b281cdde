import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createOrganisation } from "../factories";

// Two requests at once: one inside a transaction that fails, the other outside it. On SQLite the
// app has one connection; without care the second request's queries would run inside the first
// one's transaction (decision 040).
describe("a query outside a transaction", () => {
  it("neither reads the transaction's uncommitted rows nor is rolled back with it", async () => {
    const first = await createOrganisation({ name: "Cooperativa Primavera" });
    const second = await createOrganisation({ name: "Associazione L'Approdo" });

    let updated!: () => void;
    const inside = new Promise<void>((resolve) => (updated = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.organisation.update({ where: { id: first.id }, data: { name: "Nome mai confermato" } });
        updated();
        // The transaction goes on for a while (its callback awaits other work) and then fails.
        await new Promise((resolve) => setTimeout(resolve, 150));
        throw new Error("la transazione non va a buon fine");
      })
      .then(
        () => "confermata",
        (error: Error) => error.message,
      );

    await inside;
    const [read, written] = await Promise.all([
      db.organisation.findUniqueOrThrow({ where: { id: first.id }, select: { name: true } }),
      db.organisation.update({ where: { id: second.id }, data: { name: "Associazione L'Approdo ODV" }, select: { name: true } }),
    ]);

    expect(await failing).toBe("la transazione non va a buon fine");
    expect(read.name).toBe("Cooperativa Primavera");
    expect(written.name).toBe("Associazione L'Approdo ODV");
    const after = await db.organisation.findMany({ where: { id: { in: [first.id, second.id] } }, orderBy: { name: "asc" }, select: { name: true } });
    expect(after.map((o) => o.name)).toEqual(["Associazione L'Approdo ODV", "Cooperativa Primavera"]);
  });

  it("runs once a transaction that outlived its timeout has been rolled back", async () => {
    const organisation = await createOrganisation({ name: "Banco di Solidarietà" });
    let updated!: () => void;
    const inside = new Promise<void>((resolve) => (updated = resolve));
    const slow = db
      .$transaction(
        async (tx) => {
          await tx.organisation.update({ where: { id: organisation.id }, data: { name: "Nome mai confermato" } });
          updated();
          await new Promise((resolve) => setTimeout(resolve, 600));
        },
        { timeout: 200 },
      )
      .then(
        () => "confermata",
        () => "annullata",
      );
    await inside;
    const written = await db.organisation.update({ where: { id: organisation.id }, data: { phone: "0521 000000" }, select: { name: true, phone: true } });
    expect(await slow).toBe("annullata");
    expect(written).toEqual({ name: "Banco di Solidarietà", phone: "0521 000000" });
    expect(await db.organisation.findUniqueOrThrow({ where: { id: organisation.id }, select: { name: true, phone: true } })).toEqual(written);
  });

  it("still runs when a transaction's COMMIT itself fails, and the failed transaction leaves nothing", async () => {
    const organisation = await createOrganisation({ name: "Emporio Solidale" });
    const provider = process.env.TEST_DB_PROVIDER;
    // A foreign key checked only at COMMIT, pointing nowhere: the COMMIT is refused. Twelve
    // times, more than PostgreSQL's pool has connections: each must be handed back.
    const refusedCommit = () =>
      db
        .$transaction(async (tx) => {
          await tx.organisation.update({ where: { id: organisation.id }, data: { name: "Nome mai confermato" } });
          if (provider === "postgresql") {
            await tx.$executeRawUnsafe(`ALTER TABLE "User" ALTER CONSTRAINT "User_organisationId_fkey" DEFERRABLE`);
            await tx.$executeRawUnsafe("SET CONSTRAINTS ALL DEFERRED");
          } else {
            await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
          }
          await tx.user.create({ data: { email: "nessuno@example.org", name: "Nessuno", role: "REFERENT", organisationId: "organizzazione-inesistente" } });
        })
        .then(
          () => "confermata",
          () => "rifiutata",
        );
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) outcomes.push(await refusedCommit());
    expect(outcomes).toEqual(Array.from({ length: 12 }, () => "rifiutata"));
    expect(await db.organisation.findUniqueOrThrow({ where: { id: organisation.id }, select: { name: true } })).toEqual({ name: "Emporio Solidale" });
    expect(await db.user.count({ where: { email: "nessuno@example.org" } })).toBe(0);
    // The next transaction and the next query go through.
    await db.$transaction(async (tx) => tx.organisation.update({ where: { id: organisation.id }, data: { phone: "0521 111111" } }));
    expect(await db.organisation.findUniqueOrThrow({ where: { id: organisation.id }, select: { phone: true } })).toEqual({ phone: "0521 111111" });
  });
});
