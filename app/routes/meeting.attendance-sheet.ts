import { data } from "react-router";
import type { Route } from "./+types/meeting.attendance-sheet";
import { requirePermission } from "~/auth/permissions.server";
import { renderAttendanceSheet } from "~/domain/attendance.server";
import { pdfResponse } from "~/pdf/layout.server";

/** The sheet to print and sign at the meeting; it opens in the browser, or downloads with ?scarica. */
export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "meetings" });
  const sheet = await renderAttendanceSheet(args.params.id);
  if (!sheet) throw data("Riunione non trovata.", { status: 404 });
  return pdfResponse(sheet.buffer, sheet.filename, { inline: !new URL(args.request.url).searchParams.has("scarica") });
}
