import { data } from "react-router";
import type { Route } from "./+types/rendicontazione.attachment";
import { requirePermission, requireUser } from "~/auth/permissions.server";
import { findAttachment, findRendicontazioneAccess, rendicontazioneResource } from "~/domain/rendicontazioni.server";
import { storedFileResponse } from "~/files/storage.server";

// An attachment of a rendicontazione, for those who may read the rendicontazione: inline with
// ?anteprima (PDF and images only), otherwise a download under its original name. The attachment
// must belong to the rendicontazione in the address, so no other one's file comes through it.
export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const found = await findRendicontazioneAccess(args.params.id);
  if (!found) throw data("Rendicontazione non trovata.", { status: 404 });
  requirePermission(args, "view", rendicontazioneResource(found));
  const attachment = await findAttachment(found.id, args.params.attachmentId);
  if (!attachment) throw data("Allegato non trovato in questa rendicontazione.", { status: 404 });
  return storedFileResponse(attachment.fileId, { inline: new URL(args.request.url).searchParams.has("anteprima") });
}
