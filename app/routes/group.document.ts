import { data } from "react-router";
import type { Route } from "./+types/group.document";
import { requirePermission } from "~/auth/permissions.server";
import { findGroupDocument, groupMembership } from "~/domain/working-groups.server";
import { storedFileResponse } from "~/files/storage.server";

// A group's document, for its members and the coordinators: inline with ?anteprima (PDF and
// images only), otherwise a download under its original name.
export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "workingGroups" });
  const membership = await groupMembership(args.params.id, user.id);
  if (!membership) throw data("Gruppo di lavoro non trovato.", { status: 404 });
  requirePermission(args, "view", { kind: "workingGroup", isMember: membership.isMember });
  const document = await findGroupDocument(args.params.id, args.params.documentId);
  if (!document) throw data("Documento non trovato in questo gruppo.", { status: 404 });
  return storedFileResponse(document.fileId, { inline: new URL(args.request.url).searchParams.has("anteprima") });
}
