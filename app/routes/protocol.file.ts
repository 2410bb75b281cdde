import type { Route } from "./+types/protocol.file";
import { requirePermission } from "~/auth/permissions.server";
import { protocolFileId } from "~/domain/protocols.server";
import { storedFileResponse } from "~/files/storage.server";

/** The signed PDF: opens in the browser, or downloads with ?scarica. */
export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "view", { kind: "protocols" });
  const fileId = await protocolFileId(args.params.id);
  return storedFileResponse(fileId, { inline: !new URL(args.request.url).searchParams.has("scarica") });
}
