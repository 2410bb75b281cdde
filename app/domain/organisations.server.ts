import { db } from "~/db.server";

export async function getCoordinatingBodyName() {
  const body = await db.organisation.findFirst({ where: { isCoordinator: true }, select: { name: true } });
  return body?.name ?? null;
}

/** For choosing an organisation in a form (invitations). */
export async function listOrganisationChoices() {
  return db.organisation.findMany({
    where: { status: { not: "EX_PARTNER" } },
    orderBy: [{ isCoordinator: "desc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
}

/** Partners and adhering bodies, as the home page shows them. */
export async function listActiveOrganisations() {
  return db.organisation.findMany({
    where: { status: { in: ["PARTNER", "ADERENTE"] } },
    orderBy: [{ isCoordinator: "desc" }, { name: "asc" }],
    select: { id: true, name: true, shortName: true, legalForm: true, status: true, isCoordinator: true },
  });
}
