import type { Route } from "./+types/services.monitoring.export";
import { requirePermission } from "~/auth/permissions.server";
import { exportFigures, FIGURES_EXPORT_FORMATS, type FiguresExportFormat, parseMonitoringRange } from "~/domain/aid-service-monitoring.server";

/** /servizi/monitoraggio/esporta/csv|xlsx: every monthly figure of the range, one row per service, month and metric. */
export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "view", { kind: "aidServices" });
  const format = args.params.format as FiguresExportFormat;
  if (!FIGURES_EXPORT_FORMATS.includes(format)) throw new Response("Formato non disponibile: scegli CSV o XLSX.", { status: 404 });
  const file = await exportFigures(format, parseMonitoringRange(new URL(args.request.url).searchParams));
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
