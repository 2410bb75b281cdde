import type { Route } from "./+types/organisations.export";
import { requirePermission } from "~/auth/permissions.server";
import { EXPORT_FORMATS, exportOrganisations, type ExportFormat } from "~/domain/organisation-export.server";
import { parseRegistryFilters } from "~/domain/organisations.server";

/** /organizzazioni/esporta/csv|xlsx with the list's filters (?stato=&forma=&rete=&gruppo=&q=), or the empty template. */
export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "registry" });
  const format = args.params.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new Response("Formato non disponibile: scegli CSV o XLSX.", { status: 404 });
  const file = await exportOrganisations(format, parseRegistryFilters(new URL(args.request.url).searchParams));
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
