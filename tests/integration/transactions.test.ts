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
});
