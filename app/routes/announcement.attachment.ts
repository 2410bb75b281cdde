import { data } from "react-router";
import type { Route } from "./+types/announcement.attachment";
import { requirePermission, requireUser } from "~/auth/permissions.server";
import { announcementResource, findAnnouncementAccess, findAnnouncementAttachment } from "~/domain/announcements.server";
import { storedFileResponse } from "~/files/storage.server";

// An announcement's attachment, for those who may read the announcement: inline with ?anteprima
// (PDF and images only), otherwise a download under its original name. The attachment must belong
// to the announcement in the address, so no other file comes through it.
export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const access = await findAnnouncementAccess(args.params.id, user.id);
  if (!access) throw data("Comunicazione non trovata.", { status: 404 });
  requirePermission(args, "view", announcementResource(access));
  const attachment = await findAnnouncementAttachment(access.id, args.params.attachmentId);
  if (!attachment) throw data("Allegato non trovato in questa comunicazione.", { status: 404 });
  return storedFileResponse(attachment.fileId, { inline: new URL(args.request.url).searchParams.has("anteprima") });
}
