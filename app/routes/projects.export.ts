import type { Route } from "./+types/projects.export";
import { requirePermission } from "~/auth/permissions.server";
import { EXPORT_FORMATS, exportProjects, type ProjectExportFormat } from "~/domain/project-export.server";

/** /progetti/esporta/csv|xlsx: projects, financial progress and approved indicator values, for coordinators. */
export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "projects" });
  const format = args.params.format as ProjectExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new Response("Formato non disponibile: scegli CSV o XLSX.", { status: 404 });
  const file = await exportProjects(format);
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
