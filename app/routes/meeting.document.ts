import { data } from "react-router";
import type { Route } from "./+types/meeting.document";
import { can, requirePermission } from "~/auth/permissions.server";
import { findAgendaDocument, findVisibleMeeting } from "~/domain/meetings.server";
import { storedFileResponse } from "~/files/storage.server";

// A document of a meeting's agenda, for anyone who may see the meeting: inline with ?anteprima
// (PDF and images only), otherwise a download under its original name.
export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "meetings" });
  const meeting = await findVisibleMeeting(args.params.id, { id: user.id, isCoordinator: can(user, "manage", { kind: "meetings" }) });
  if (!meeting) throw data("Riunione non trovata.", { status: 404 });
  const document = await findAgendaDocument(meeting.id, args.params.documentId);
  if (!document) throw data("Documento non trovato in questa riunione.", { status: 404 });
  return storedFileResponse(document.fileId, { inline: new URL(args.request.url).searchParams.has("anteprima") });
}
