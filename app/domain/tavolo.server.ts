import { db } from "~/db.server";
import { listActiveOrganisations } from "~/domain/organisations.server";
import { daysUntilDue, rendicontazioneState } from "~/domain/projects";
import { listExpiringProtocols } from "~/domain/protocols.server";
import { countReportingToFollow } from "~/domain/reporting-dashboard.server";
import { owedDeadlinesWhere } from "~/domain/reporting-reminders.server";
import { formatDay, todayInRome } from "~/utils/dates";

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

/** How far ahead the home page looks for an organisation's reporting deadlines. */
const HOME_DEADLINE_DAYS = 30;

/**
 * The home page's reporting card. A referent: what their organisation still owes, overdue or due
 * within 30 days, the nearest first. A coordinator: how many are overdue and how many await review.
 * Members see no card.
 */
export async function getReportingDeadlines(viewer: { role: string; organisationId: string }, now = new Date()) {
  const today = todayInRome(now);
  if (viewer.role === "COORDINATOR") return { kind: "coordinator" as const, ...(await countReportingToFollow(today)) };
  if (viewer.role !== "REFERENT") return null;
  const entries = await db.rendicontazione.findMany({
    where: { organisationId: viewer.organisationId, ...owedDeadlinesWhere(today, HOME_DEADLINE_DAYS) },
    orderBy: [{ period: { dueOn: "asc" } }, { project: { code: "asc" } }],
    select: { id: true, status: true, project: { select: { title: true } }, period: { select: { number: true, dueOn: true } } },
  });
  return {
    kind: "referent" as const,
    entries: entries.map((entry) => ({
      id: entry.id,
      projectTitle: entry.project.title,
      periodNumber: entry.period.number,
      dueOn: formatDay(entry.period.dueOn),
      daysLeft: daysUntilDue(entry.period.dueOn, today),
      state: rendicontazioneState({ status: entry.status, dueOn: entry.period.dueOn }, today),
    })),
  };
}
