import { data } from "react-router";
import type { Route } from "./+types/document.file";
import { requirePermission } from "~/auth/permissions.server";
import { documentResource, findDocumentAccess, findVersionFile } from "~/domain/documents.server";
import { storedFileResponse } from "~/files/storage.server";

// One version of an archive document, for those who may read the document: inline with
// ?anteprima (PDF and images only; the document page embeds it), otherwise a download under its
// original name. The version must belong to the document in the address.
export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "documents" });
  const access = await findDocumentAccess(args.params.id, user.id);
  if (!access) throw data("Documento non trovato.", { status: 404 });
  requirePermission(args, "view", documentResource(access));
  const version = await findVersionFile(access.id, args.params.versionId);
  if (!version) throw data("Versione non trovata per questo documento.", { status: 404 });
  return storedFileResponse(version.fileId, { inline: new URL(args.request.url).searchParams.has("anteprima") });
}
