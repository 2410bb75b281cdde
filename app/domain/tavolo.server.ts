import { db } from "~/db.server";
import { listActiveOrganisations } from "~/domain/organisations.server";
import { listExpiringProtocols } from "~/domain/protocols.server";
import { todayInRome } from "~/utils/dates";

/**
 * What the home page shows every signed-in person. Upcoming meetings are the convoked ones;
 * coordinators also see drafts (with their status, to mark them) but never cancelled meetings.
 */
export async function getHomeOverview(now = new Date(), viewer: { isCoordinator: boolean } = { isCoordinator: false }) {
  const [meetings, organisations, objectives, expiringProtocols] = await Promise.all([
    db.meeting.findMany({
      where: { startsAt: { gte: now }, status: { in: viewer.isCoordinator ? ["CONVOKED", "DRAFT"] : ["CONVOKED"] } },
      orderBy: { startsAt: "asc" },
      take: 5,
      select: { id: true, title: true, kind: true, status: true, startsAt: true, endsAt: true, location: true },
    }),
    listActiveOrganisations(),
    db.strategicObjective.findMany({ orderBy: { position: "asc" }, select: { id: true, code: true, title: true, description: true } }),
    listExpiringProtocols(todayInRome(now)),
  ]);
  return { meetings, organisations, objectives, expiringProtocols };
}
