import type { Route } from "./+types/projects.report";
import { requirePermission } from "~/auth/permissions.server";
import { parseReportRange, periodicReport, REPORT_FORMATS, type ReportFormat } from "~/domain/project-export.server";
import { pdfResponse } from "~/pdf/layout.server";
import { UserFacingError } from "~/utils/errors";

/** /progetti/report/pdf|xlsx?dal=yyyy-mm-dd&al=yyyy-mm-dd: the tavolo's periodic report, for coordinators. */
export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "projects" });
  const format = args.params.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new Response("Formato non disponibile: scegli PDF o XLSX.", { status: 404 });
  let range;
  try {
    range = parseReportRange(new URL(args.request.url).searchParams);
  } catch (error) {
    if (error instanceof UserFacingError)
      throw new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
  const file = await periodicReport(format, range);
  if (format === "pdf") return pdfResponse(file.body, file.fileName);
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
