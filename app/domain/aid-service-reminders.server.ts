import { aidFiguresReminderMail } from "../../emails/aid-figures-reminder";
import { addMonths, currentMonthInRome, formatMonth, monthParam } from "~/domain/aid-services";
import { awaitingFiguresWhere } from "~/domain/aid-service-figures.server";
import { referentsOrDelegate } from "~/domain/reporting-reminders.server";
import { db, isUniqueViolation } from "~/db.server";
import { env } from "~/env.server";
import { enqueueMail, wakeMailWorker } from "~/mail/outbox.server";

// The start-of-month reminder to enter last month's figures of an organisation's services. It runs
// hourly from app/jobs.server.ts; the AidServiceReminder row (organisation, month) is written in
// the same transaction as the mails, so it goes once per organisation and month whatever the runs.

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
  const recipients = await referentsOrDelegate([...byOrganisation.keys()]);

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
