import type { Route } from "./+types/audit-log.export";
import { requirePermission } from "~/auth/permissions.server";
import { AUDIT_EXPORT_FORMATS, exportAuditEvents, parseAuditFilters, periodProblem, type AuditExportFormat } from "~/domain/audit.server";

/** /registro-modifiche/esporta/csv|xlsx with the page's filters (?tipo=&chi=&dal=&al=&q=). */
export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "view", { kind: "auditLog" });
  const format = args.params.format as AuditExportFormat;
  if (!AUDIT_EXPORT_FORMATS.includes(format)) throw new Response("Formato non disponibile: scegli CSV o XLSX.", { status: 404 });
  const filters = parseAuditFilters(new URL(args.request.url).searchParams);
  const problem = periodProblem(filters);
  if (problem) throw new Response(problem, { status: 400 });
  const file = await exportAuditEvents(format, filters);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
