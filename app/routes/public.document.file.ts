import { data } from "react-router";
import type { Route } from "./+types/public.document.file";
import { findPublicDocumentFile } from "~/domain/documents.server";
import { storedFileResponse } from "~/files/storage.server";

// The current file of a document published on the transparency pages, without sign-in. Any other
// document answers the same 404 as one that does not exist: its existence is not public either.
export async function loader({ params, request }: Route.LoaderArgs) {
  const file = await findPublicDocumentFile(params.id);
  if (!file) throw data("Documento non trovato.", { status: 404 });
  return storedFileResponse(file.fileId, { inline: new URL(request.url).searchParams.has("anteprima") });
}
