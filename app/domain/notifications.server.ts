import { db, type Db, type DbTransaction } from "~/db.server";
import { isOffered, NOTIFICATION_KINDS, type Delivery, type NotificationKind } from "~/domain/notifications";
import { enqueueMail, type MailToQueue } from "~/mail/outbox.server";

// The one way to send a notification a person may choose how to receive: by mail now, in the
// weekly digest, or never (the app still shows it). Mandatory mails (convocations, deadlines,
// account mails) do not come through here: they call enqueueMail directly. Written in the caller's
// transaction, like every mail. See docs/decisions/024-communication.md.

export interface NotifiedPerson {
  id: string;
  email: string;
  name: string;
}

/** Each person's choice for `kind`, the kind's default where they made none. */
export async function deliveriesFor(client: Db | DbTransaction, kind: NotificationKind, userIds: string[]) {
  const chosen = await client.notificationPreference.findMany({
    where: { kind, userId: { in: userIds } },
    select: { userId: true, delivery: true },
  });
  const byUser = new Map(chosen.map((row) => [row.userId, row.delivery]));
  const result = new Map<string, Delivery>();
  for (const id of userIds) {
    const delivery = byUser.get(id);
    result.set(id, delivery && isOffered(kind, delivery) ? delivery : NOTIFICATION_KINDS[kind].default);
  }
  return result;
}

export interface Notification {
  kind: NotificationKind;
  /** The mail for one person, when they want it now. */
  mail: (person: NotifiedPerson) => Omit<MailToQueue, "to">;
  /** The line for their weekly digest: a title and a path inside Tavolo. */
  digest: { title: string; path: string };
}

/**
 * Notifies each person as they chose. Returns, per person, how it went and the outbox mail's id
 * when one was written (an announcement keeps it to show what was delivered).
 */
export async function notify(tx: DbTransaction, people: NotifiedPerson[], notification: Notification) {
  const deliveries = await deliveriesFor(tx, notification.kind, people.map((p) => p.id));
  const outcome = new Map<string, { delivery: Delivery; mailId: string | null }>();
  for (const person of people) {
    const delivery = deliveries.get(person.id) ?? NOTIFICATION_KINDS[notification.kind].default;
    let mailId: string | null = null;
    if (delivery === "IMMEDIATE") {
      mailId = (await enqueueMail(tx, { ...notification.mail(person), to: person.email })).id;
    } else if (delivery === "DIGEST") {
      await tx.digestItem.create({ data: { userId: person.id, kind: notification.kind, title: notification.digest.title, path: notification.digest.path } });
    }
    outcome.set(person.id, { delivery, mailId });
  }
  return outcome;
}

export async function listPreferences(userId: string) {
  const rows = await db.notificationPreference.findMany({ where: { userId }, select: { kind: true, delivery: true } });
  const chosen = new Map(rows.map((row) => [row.kind, row.delivery]));
  return (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).map((kind) => {
    const delivery = chosen.get(kind);
    return { kind, delivery: delivery && isOffered(kind, delivery) ? delivery : NOTIFICATION_KINDS[kind].default };
  });
}

export async function savePreferences(userId: string, choices: { kind: NotificationKind; delivery: Delivery }[]) {
  await db.$transaction(
    choices.map(({ kind, delivery }) =>
      db.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, delivery },
        update: { delivery },
      }),
    ),
  );
}
