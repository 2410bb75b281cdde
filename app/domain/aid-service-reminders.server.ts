import { aidFiguresReminderMail } from "../../emails/aid-figures-reminder";
import { addMonths, currentMonthInRome, formatMonth, monthParam } from "~/domain/aid-services";
import { awaitingFiguresWhere } from "~/domain/aid-service-figures.server";
import { db, isUniqueViolation } from "~/db.server";
import { env } from "~/env.server";
import { enqueueMail, wakeMailWorker } from "~/mail/outbox.server";

// The start-of-month reminder to enter last month's figures of an organisation's services. It runs
// hourly from app/jobs.server.ts; the AidServiceReminder row (organisation, month) is written in
// the same transaction as the mails, so it goes once per organisation and month whatever the runs.

interface Recipient {
  email: string;
  name: string;
}

/**
 * Who is asked for an organisation's figures: its active referents, or its delegate to the tavolo
 * when it has no referent (as for the rendicontazioni, see reporting-reminders.server.ts).
 */
async function figuresRecipients(organisationIds: string[]) {
  const recipients = new Map<string, Recipient[]>();
  if (organisationIds.length === 0) return recipients;
  const [referents, organisations] = await Promise.all([
    db.user.findMany({
      where: { organisationId: { in: organisationIds }, role: "REFERENT", active: true },
      orderBy: { name: "asc" },
      select: { organisationId: true, email: true, name: true },
    }),
    db.organisation.findMany({
      where: { id: { in: organisationIds }, delegate: { active: true } },
      select: { id: true, delegate: { select: { email: true, name: true } } },
    }),
  ]);
  for (const { organisationId, email, name } of referents) {
    recipients.set(organisationId, [...(recipients.get(organisationId) ?? []), { email, name }]);
  }
  for (const { id, delegate } of organisations) {
    if (delegate && !recipients.has(id)) recipients.set(id, [delegate]);
  }
  return recipients;
}

/**
 * From the 1st of each month (Rome), one mail to each organisation's referents listing its active
 * services still without last month's figures, with the link to enter them. A service added this
 * month owes nothing for the last. An organisation that has entered everything gets nothing; one
 * with nobody to write to gets no row, so a referent invited later still hears. Returns how many
 * mails were queued.
 */
export async function sendAidFiguresReminders(now = new Date()) {
  const thisMonth = currentMonthInRome(now);
  const month = addMonths(thisMonth, -1);
  // The first instant of this month in Rome is at most two hours before midnight UTC: a service
  // created in those hours is treated as last month's, which only means one more reminder line.
  const owing = await db.aidService.findMany({
    where: { ...awaitingFiguresWhere(now), organisation: { aidReminders: { none: { month } } } },
    orderBy: [{ organisationId: "asc" }, { name: "asc" }],
    select: { id: true, name: true, organisationId: true, organisation: { select: { name: true } } },
  });
  const byOrganisation = new Map<string, typeof owing>();
  for (const service of owing) byOrganisation.set(service.organisationId, [...(byOrganisation.get(service.organisationId) ?? []), service]);
  const recipients = await figuresRecipients([...byOrganisation.keys()]);

  let queued = 0;
  for (const [organisationId, services] of byOrganisation) {
    const people = recipients.get(organisationId);
    if (!people) continue;
    try {
      queued += await db.$transaction(async (tx) => {
        await tx.aidServiceReminder.create({ data: { organisationId, month } });
        for (const person of people) {
          await enqueueMail(tx, {
            template: "aid-figures-reminder",
            to: person.email,
            content: aidFiguresReminderMail({
              name: person.name,
              organisationName: services[0]!.organisation.name,
              month: formatMonth(month),
              services: services.map((s) => ({
                name: s.name,
                url: new URL(`/servizi/${s.id}/dati-mensili?mese=${monthParam(month)}`, env.APP_URL).toString(),
              })),
            }),
          });
        }
        return people.length;
      });
    } catch (error) {
      // Another run sent this month's reminder between our look and our write.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  if (queued > 0) wakeMailWorker();
  return queued;
}
