import { data } from "react-router";
import type { Route } from "./+types/group.document";
import { requirePermission } from "~/auth/permissions.server";
import { documentResource } from "~/domain/documents.server";
import { findGroupDocument } from "~/domain/working-groups.server";
import { storedFileResponse } from "~/files/storage.server";

// A group's document, now kept in the archive (docs/decisions/025-document-archive.md): this
// address, older than the archive, keeps working and serves the current version, to whoever may
// read the document. Inline with ?anteprima (PDF and images only), otherwise a download under its
// original name.
export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "documents" });
  const document = await findGroupDocument(args.params.id, args.params.documentId, user.id);
  if (!document) throw data("Documento non trovato in questo gruppo.", { status: 404 });
  requirePermission(args, "view", documentResource(document));
  return storedFileResponse(document.fileId, { inline: new URL(args.request.url).searchParams.has("anteprima") });
}
