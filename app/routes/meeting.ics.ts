import { data } from "react-router";
import type { Route } from "./+types/meeting.ics";
import { can, requirePermission } from "~/auth/permissions.server";
import { meetingCalendar } from "~/domain/convocations.server";
import { findVisibleMeeting } from "~/domain/meetings.server";

// The meeting as a calendar file, for people who add it to their calendar by hand.
export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "meetings" });
  const viewer = { id: user.id, isCoordinator: can(user, "manage", { kind: "meetings" }) };
  const meeting = await findVisibleMeeting(args.params.id, viewer);
  if (!meeting) throw data("Riunione non trovata.", { status: 404 });
  const ics = await meetingCalendar(meeting.id, user.email);
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="riunione.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
