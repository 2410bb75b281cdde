// A project ready for reporting tests: a lead organisation and partners with their referents, one
// indicator of the catalogue, quarterly periods and their rendicontazioni (through the same
// schedule code the app uses).
import { db } from "~/db.server";
import { syncReportingSchedule } from "~/domain/reporting-schedule.server";
import { parseDay } from "~/utils/dates";
import { createOrganisation, createUser } from "../factories";

let counter = 0;

export async function createProjectFixture(
  options: Partial<{ startsOn: string; endsOn: string; partners: number; programmedCents: number; frequency: string; dueDays: number }> = {},
) {
  const n = `${Date.now().toString(36)}${(counter++).toString(36)}`;
  const coordinatorOrg = await createOrganisation({ isCoordinator: true });
  const coordinator = await createUser({ role: "COORDINATOR", organisationId: coordinatorOrg.id, name: "Carla Coordinatrice" });
  const lead = await createOrganisation({ name: `Cooperativa capofila ${n}` });
  const leadReferent = await createUser({ role: "REFERENT", organisationId: lead.id, name: "Luca Capofila" });
  const partners: { organisation: Awaited<ReturnType<typeof createOrganisation>>; referent: Awaited<ReturnType<typeof createUser>> }[] = [];
  for (let i = 0; i < (options.partners ?? 1); i++) {
    const organisation = await createOrganisation({ name: `Associazione partner ${i + 1} ${n}` });
    const referent = await createUser({ role: "REFERENT", organisationId: organisation.id, name: `Paola Partner ${i + 1}` });
    partners.push({ organisation, referent });
  }
  const indicator = await db.indicator.create({
    data: { name: `Famiglie accompagnate ${n}`, unit: "famiglie", thematicArea: "Coesione sociale" },
  });
  const project = await db.$transaction(async (tx) => {
    const created = await tx.project.create({
      data: {
        code: `TEST.${n}`,
        title: `Progetto di prova ${n}`,
        leadOrganisationId: lead.id,
        startsOn: parseDay(options.startsOn ?? "2026-01-01")!,
        endsOn: parseDay(options.endsOn ?? "2026-12-31")!,
        status: "ACTIVE",
        fundingSource: "FONDO_POVERTA",
        programmedCents: BigInt(options.programmedCents ?? 10_000_000),
        admittedCents: BigInt(options.programmedCents ?? 10_000_000),
        committedCents: BigInt(options.programmedCents ?? 10_000_000),
        reportingFrequency: options.frequency ?? "QUARTERLY",
        reportingDueDays: options.dueDays ?? 30,
        partners: {
          create: [
            { organisationId: lead.id, budgetCents: 4_000_000n },
            ...partners.map((p) => ({ organisationId: p.organisation.id, budgetCents: 3_000_000n })),
          ],
        },
        indicators: { create: [{ indicatorId: indicator.id, baseline: 0, target: 20, targetOn: parseDay("2026-12-31")! }] },
      },
      include: { indicators: true },
    });
    await syncReportingSchedule(tx, created.id);
    return created;
  });
  const rendicontazioni = await db.rendicontazione.findMany({
    where: { projectId: project.id },
    include: { period: true },
    orderBy: [{ period: { number: "asc" } }, { organisationId: "asc" }],
  });
  return { project, projectIndicator: project.indicators[0]!, indicator, coordinator, lead, leadReferent, partners, rendicontazioni };
}
