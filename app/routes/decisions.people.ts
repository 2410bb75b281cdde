import type { Route } from "./+types/decisions.people";
import { requirePermission } from "~/auth/permissions.server";
import { listResponsiblePeople } from "~/domain/decisions.server";

/**
 * The active people of one organisation, as JSON: the decision forms load them when the coordinator
 * chooses the responsible organisation, instead of every page carrying every organisation's people.
 */
export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "decision", responsibleOrganisationId: null });
  const { organisationId } = args.params;
  return { organisationId, people: await listResponsiblePeople(organisationId) };
}
