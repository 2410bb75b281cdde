import type { Route } from "./+types/verbale.pdf";
import { requirePermission, requireUser } from "~/auth/permissions.server";
import { verbaleAccess, verbalePdf } from "~/domain/verbali.server";
import { pdfResponse } from "~/pdf/layout.server";

/** The verbale as a PDF, for whoever may read it: the published version, or the text in progress for coordinators and attendees. */
export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const found = await verbaleAccess(args.params.id, user.id);
  requirePermission(args, "view", { kind: "verbale", status: found.status, isInvitee: found.isInvitee });
  if (!found.exists) throw new Response("Il verbale di questa riunione non è ancora stato scritto.", { status: 404 });
  const { buffer, filename } = await verbalePdf(args.params.id);
  return pdfResponse(buffer, filename, { inline: !new URL(args.request.url).searchParams.has("scarica") });
}
