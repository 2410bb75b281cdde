import { z } from "zod";
import { type Actor, diff, recordChange } from "~/domain/audit.server";
import { db, isUniqueViolation, type DbTransaction } from "~/db.server";
import { UserFacingError } from "~/utils/errors";
import { idList, optionalText, requiredText } from "~/utils/forms.server";

// Thematic networks (reti tematiche): which organisations act in each, and the one that leads it.

export const networkFields = z.object({
  name: requiredText("Inserisci il nome della rete.", 120),
  description: optionalText(2000),
  referentOrganisationId: z.string({ error: "Scegli l'organizzazione referente." }).trim().min(1, "Scegli l'organizzazione referente."),
});
export type NetworkFields = z.output<typeof networkFields>;

export const networkMemberFields = z.object({ memberIds: idList });

const organisationSummary = { select: { id: true, name: true } } as const;

export async function listNetworks() {
  return db.thematicNetwork.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      referentOrganisation: organisationSummary,
      members: { orderBy: { organisation: { name: "asc" } }, select: { organisation: organisationSummary } },
    },
  });
}

export async function getNetwork(id: string) {
  return db.thematicNetwork.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      description: true,
      referentOrganisation: organisationSummary,
      members: { orderBy: { organisation: { name: "asc" } }, select: { organisation: organisationSummary } },
    },
  });
}

/** Organisations that can take part in a network: every one still in the registry. */
export async function listNetworkOrganisationChoices() {
  return db.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, status: true } });
}

async function organisationNames(tx: DbTransaction, ids: string[]) {
  const found = await tx.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(found.map((o) => [o.id, o.name]));
}

const nameTaken = () => new UserFacingError("Esiste già una rete con questo nome.", 409, "name");

/** Checked first for a clear message; the unique index still decides when two saves race. */
async function assertNameFree(tx: DbTransaction, name: string, exceptId?: string) {
  const clash = await tx.thematicNetwork.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw nameTaken();
}

/** A new network; its referent organisation is its first member. */
export async function createNetwork(fields: NetworkFields, actor: Actor) {
  try {
    return await db.$transaction(async (tx) => {
      await assertNameFree(tx, fields.name);
      const referent = (await organisationNames(tx, [fields.referentOrganisationId])).get(fields.referentOrganisationId);
      if (!referent) throw new UserFacingError("Scegli l'organizzazione referente dall'elenco.", 400, "referentOrganisationId");
      const network = await tx.thematicNetwork.create({
        data: { ...fields, members: { create: { organisationId: fields.referentOrganisationId } } },
      });
      await recordChange(tx, { subjectType: "NETWORK", subjectId: network.id, summary: `Rete creata, con ${referent} come organizzazione referente`, actor });
      return network;
    });
  } catch (error) {
    throw isUniqueViolation(error) ? nameTaken() : error;
  }
}

const listOf = (names: string[]) => names.sort((a, b) => a.localeCompare(b, "it")).join(", ");

/**
 * Changes a network's details and members together. The referent organisation is always a member:
 * if it was not ticked, it is added.
 */
export async function updateNetwork(id: string, fields: NetworkFields, memberIds: string[], actor: Actor) {
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.thematicNetwork.findUnique({
        where: { id },
        select: { name: true, description: true, referentOrganisation: organisationSummary, members: { select: { organisationId: true } } },
      });
      if (!before) throw new UserFacingError("Rete non trovata.", 404);
      await assertNameFree(tx, fields.name, id);
      const wanted = [...new Set([...memberIds, fields.referentOrganisationId])];
      const names = await organisationNames(tx, [...wanted, ...before.members.map((m) => m.organisationId)]);
      if (!names.has(fields.referentOrganisationId)) {
        throw new UserFacingError("Scegli l'organizzazione referente dall'elenco.", 400, "referentOrganisationId");
      }
      if (wanted.some((organisationId) => !names.has(organisationId))) {
        throw new UserFacingError("Una delle organizzazioni scelte non è più nel registro: ricarica la pagina.", 400, "memberIds");
      }
      const current = new Set(before.members.map((m) => m.organisationId));
      const added = wanted.filter((organisationId) => !current.has(organisationId));
      const removed = [...current].filter((organisationId) => !wanted.includes(organisationId));

      const changes = diff(
        { name: before.name, description: before.description, referent: before.referentOrganisation?.name },
        { name: fields.name, description: fields.description, referent: names.get(fields.referentOrganisationId) },
        { name: "Nome", description: "Descrizione", referent: "Organizzazione referente" },
      );
      if (added.length > 0) changes["Organizzazioni aggiunte"] = ["", listOf(added.map((o) => names.get(o) ?? o))];
      if (removed.length > 0) changes["Organizzazioni tolte"] = [listOf(removed.map((o) => names.get(o) ?? o)), ""];
      if (Object.keys(changes).length === 0) return;

      await tx.thematicNetwork.update({ where: { id }, data: fields });
      if (removed.length > 0) await tx.networkMembership.deleteMany({ where: { networkId: id, organisationId: { in: removed } } });
      for (const organisationId of added) await tx.networkMembership.create({ data: { networkId: id, organisationId } });
      await recordChange(tx, { subjectType: "NETWORK", subjectId: id, summary: "Rete modificata", changes, actor });
    });
  } catch (error) {
    throw isUniqueViolation(error) ? nameTaken() : error;
  }
}
