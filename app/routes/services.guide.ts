import type { Route } from "./+types/services.guide";
import { requirePermission } from "~/auth/permissions.server";
import { aidServicesGuidePdf } from "~/domain/aid-service-guide.server";
import { parseCatalogueFilters } from "~/domain/aid-services.server";
import { pdfResponse } from "~/pdf/layout.server";

/** /servizi/guida.pdf: the printable guide, with the catalogue's filters (the query string). */
export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "view", { kind: "aidServices" });
  const params = new URL(args.request.url).searchParams;
  const { buffer, filename } = await aidServicesGuidePdf(parseCatalogueFilters(params));
  return pdfResponse(buffer, filename, { inline: !params.has("scarica") });
}
