import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { sendRendicontazioneReminders, sendWeeklyDigests } from "~/domain/reporting-reminders.server";
import { parseDay } from "~/utils/dates";
import { createOrganisation, createUser } from "../factories";
import { startSmtpCatcher } from "../smtp";
import { deliverOutbox } from "../support/mail";
import { createProjectFixture } from "../support/projects";

const day = (value: string) => parseDay(value) ?? (() => { throw new Error(`bad day ${value}`); })();
/** 10:00 in Rome (winter time) on a calendar day. */
const morning = (value: string) => new Date(`${value}T09:00:00.000Z`);

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.close());
beforeEach(() => {
  smtp.messages.length = 0;
});

const deliver = () => deliverOutbox(smtp);

/**
 * A project with one reporting period from 1 January, due on `dueOn` (15 days after it ends): the lead
 * and one partner each owe a rendicontazione. Referents get fixed addresses for the assertions.
 */
async function projectDueOn(dueOn: string) {
  const end = new Date(day(dueOn).getTime() - 15 * 86_400_000).toISOString().slice(0, 10);
  const fixture = await createProjectFixture({ startsOn: `${end.slice(0, 4)}-01-01`, endsOn: end, frequency: "YEARLY", dueDays: 15 });
  const partner = fixture.partners[0]!;
  await db.user.update({ where: { id: fixture.leadReferent.id }, data: { email: "luca@capofila.example.org" } });
  await db.user.update({ where: { id: partner.referent.id }, data: { email: "paola@partner.example.org" } });
  const [leadShare, partnerShare] = [fixture.lead.id, partner.organisation.id].map((id) => fixture.rendicontazioni.find((r) => r.organisationId === id)!);
  expect(fixture.rendicontazioni).toHaveLength(2);
  expect(leadShare!.period.dueOn).toEqual(day(dueOn));
  return { ...fixture, partner, leadShare: leadShare!, partnerShare: partnerShare! };
}

describe("rendicontazione reminders", () => {
  it("14 days before the deadline each active referent gets one mail; repeated runs and a restart the same day send nothing", async () => {
    const fixture = await projectDueOn("2026-03-30");
    const organisationId = fixture.partner.organisation.id;
    await createUser({ role: "REFERENT", organisationId, email: "sara@partner.example.org", name: "Sara Seconda" });
    await createUser({ role: "REFERENT", organisationId, email: "ex@partner.example.org", active: false });
    await createUser({ role: "MEMBER", organisationId, email: "membro@partner.example.org" });

    expect(await sendRendicontazioneReminders(morning("2026-03-15"))).toBe(0);
    expect(await sendRendicontazioneReminders(morning("2026-03-16"))).toBe(3);
    const mails = await deliver();
    expect(mails.map((m) => m.to)).toEqual([["luca@capofila.example.org"], ["paola@partner.example.org"], ["sara@partner.example.org"]]);
    const paola = mails[1]!;
    expect(paola.subject).toBe(`Rendicontazione in scadenza il 30 marzo 2026: ${fixture.project.title}, periodo 1`);
    expect(paola.text).toContain(
      `Buongiorno Paola Partner 1, la rendicontazione di ${fixture.partner.organisation.name} per il progetto «${fixture.project.title}» (${fixture.project.code}), periodo 1 dal 1 gennaio 2026 al 15 marzo 2026, va inviata entro il 30 marzo 2026: mancano 14 giorni.`,
    );
    expect(paola.text).toContain("Stato attuale: Da iniziare.");
    expect(paola.text).toContain(`Apri la rendicontazione:\nhttp://localhost:3000/rendicontazioni/${fixture.partnerShare.id}`);
    expect(mails[0]!.text).toContain(`http://localhost:3000/rendicontazioni/${fixture.leadShare.id}`);

    // Hourly runs, a restart later that day, the next days: nothing until the 3-day reminder.
    expect(await sendRendicontazioneReminders(morning("2026-03-16"))).toBe(0);
    expect(await sendRendicontazioneReminders(new Date("2026-03-16T22:30:00.000Z"))).toBe(0);
    expect(await sendRendicontazioneReminders(morning("2026-03-20"))).toBe(0);
    expect(await deliver()).toEqual([]);
    expect(await db.rendicontazioneReminder.findMany({ select: { kind: true, dueOn: true }, orderBy: { rendicontazioneId: "asc" } })).toEqual([
      { kind: "DAYS_14", dueOn: day("2026-03-30") },
      { kind: "DAYS_14", dueOn: day("2026-03-30") },
    ]);
  });

  it("checked for one project only (as when a coordinator saves it), reminds that project's partners and no other's", async () => {
    const saved = await projectDueOn("2026-03-30");
    const other = await createProjectFixture({ startsOn: "2026-01-01", endsOn: "2026-03-15", frequency: "YEARLY", dueDays: 15 });

    expect(await sendRendicontazioneReminders(morning("2026-03-16"), { projectId: saved.project.id })).toBe(2);
    expect((await deliver()).map((m) => m.to)).toEqual([["luca@capofila.example.org"], ["paola@partner.example.org"]]);
    expect(await db.rendicontazioneReminder.count({ where: { rendicontazione: { projectId: other.project.id } } })).toBe(0);
    // The hourly check, unscoped, then reaches the other project.
    expect(await sendRendicontazioneReminders(morning("2026-03-16"))).toBe(2);
  });

  it("3 days before and once overdue; what was sent gets nothing; a deadline first seen inside 3 days gets only the 3-day one", async () => {
    const fixture = await projectDueOn("2026-03-30");
    await db.rendicontazione.update({ where: { id: fixture.partnerShare.id }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    await db.rendicontazione.update({ where: { id: fixture.leadShare.id }, data: { status: "DRAFT" } });

    expect(await sendRendicontazioneReminders(morning("2026-03-27"))).toBe(1);
    let mails = await deliver();
    expect(mails.map((m) => m.to)).toEqual([["luca@capofila.example.org"]]);
    expect(mails[0]!.text).toContain("va inviata entro il 30 marzo 2026: mancano 3 giorni.");
    expect(mails[0]!.text).toContain("Stato attuale: Bozza.");
    expect(await sendRendicontazioneReminders(morning("2026-03-30"))).toBe(0);
    expect(await sendRendicontazioneReminders(morning("2026-03-31"))).toBe(1);
    mails = await deliver();
    expect(mails[0]!.subject).toBe(`Rendicontazione scaduta il 30 marzo 2026: ${fixture.project.title}, periodo 1`);
    expect(mails[0]!.text).toContain("andava inviata entro il 30 marzo 2026: è scaduta da 1 giorno.");
    expect(await sendRendicontazioneReminders(morning("2026-04-05"))).toBe(0);
    expect((await db.rendicontazioneReminder.findMany({ select: { kind: true }, orderBy: { createdAt: "asc" } })).map((r) => r.kind)).toEqual([
      "DAYS_3",
      "OVERDUE",
    ]);
  });

  it("a moved deadline re-arms the reminders; an old overdue one or a suspended project's sends nothing", async () => {
    const fixture = await projectDueOn("2026-03-30");
    expect(await sendRendicontazioneReminders(morning("2026-03-16"))).toBe(2);
    await deliver();

    // An extension: the period is now due on 30 April.
    await db.reportingPeriod.update({ where: { id: fixture.leadShare.periodId }, data: { dueOn: day("2026-04-30") } });
    expect(await sendRendicontazioneReminders(morning("2026-03-27"))).toBe(0);
    expect(await sendRendicontazioneReminders(morning("2026-04-16"))).toBe(2);
    const mails = await deliver();
    expect(mails[0]!.subject).toContain("Rendicontazione in scadenza il 30 aprile 2026");
    expect(mails[0]!.text).toContain("mancano 14 giorni");

    // Overdue for more than 30 days when first seen (a period entered long after it ended): no mail.
    expect(await sendRendicontazioneReminders(morning("2026-06-01"))).toBe(0);

    await db.project.update({ where: { id: fixture.project.id }, data: { status: "SUSPENDED" } });
    expect(await sendRendicontazioneReminders(morning("2026-04-28"))).toBe(0);
    await db.project.update({ where: { id: fixture.project.id }, data: { status: "ACTIVE" } });
    expect(await sendRendicontazioneReminders(morning("2026-04-28"))).toBe(2);
  });

  it("an organisation without referents reminds its delegate; with nobody to write to nothing is recorded, so a referent added later still gets it", async () => {
    const fixture = await projectDueOn("2026-03-30");
    const delegate = await createUser({ role: "MEMBER", organisationId: fixture.partner.organisation.id, email: "delegata@partner.example.org" });
    await db.user.update({ where: { id: fixture.partner.referent.id }, data: { active: false } });
    await db.organisation.update({ where: { id: fixture.partner.organisation.id }, data: { delegateId: delegate.id } });
    await db.user.update({ where: { id: fixture.leadReferent.id }, data: { active: false } });

    expect(await sendRendicontazioneReminders(morning("2026-03-16"))).toBe(1);
    expect((await deliver()).map((m) => m.to)).toEqual([["delegata@partner.example.org"]]);
    expect(await db.rendicontazioneReminder.count({ where: { rendicontazioneId: fixture.leadShare.id } })).toBe(0);

    await createUser({ role: "REFERENT", organisationId: fixture.lead.id, email: "nuovo@capofila.example.org" });
    expect(await sendRendicontazioneReminders(morning("2026-03-17"))).toBe(1);
    expect((await deliver()).map((m) => m.to)).toEqual([["nuovo@capofila.example.org"]]);
  });

  it("two runs at once send each reminder once", async () => {
    await projectDueOn("2026-03-30");
    const now = morning("2026-03-16");
    const sent = await Promise.all([sendRendicontazioneReminders(now), sendRendicontazioneReminders(now), sendRendicontazioneReminders(now)]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await deliver()).toHaveLength(2);
    expect(await db.rendicontazioneReminder.count()).toBe(2);
  });

  describe("across daylight-saving changes the reminders follow the calendar day in Rome", () => {
    it("spring: due Monday 30 March 2026, the day after clocks go forward", async () => {
      await projectDueOn("2026-03-30");
      expect(await sendRendicontazioneReminders(morning("2026-03-16"))).toBe(2);
      await deliver();
      // 23:59 on 26 March in Rome (UTC+1): still 4 days to go.
      expect(await sendRendicontazioneReminders(new Date("2026-03-26T22:59:00.000Z"))).toBe(0);
      // Midnight, 27 March in Rome: 3 days.
      expect(await sendRendicontazioneReminders(new Date("2026-03-26T23:00:00.000Z"))).toBe(2);
      expect((await deliver())[0]!.text).toContain("va inviata entro il 30 marzo 2026: mancano 3 giorni.");
      // 23:59 on 30 March in Rome, now UTC+2: still due today.
      expect(await sendRendicontazioneReminders(new Date("2026-03-30T21:59:00.000Z"))).toBe(0);
      // Midnight, 31 March in Rome: overdue.
      expect(await sendRendicontazioneReminders(new Date("2026-03-30T22:00:00.000Z"))).toBe(2);
      expect((await deliver())[0]!.text).toContain("è scaduta da 1 giorno.");
    });

    it("autumn: due Monday 26 October 2026, the day after clocks go back", async () => {
      await projectDueOn("2026-10-26");
      expect(await sendRendicontazioneReminders(morning("2026-10-12"))).toBe(2);
      await deliver();
      // 23:59 on 22 October in Rome (UTC+2): still 4 days to go.
      expect(await sendRendicontazioneReminders(new Date("2026-10-22T21:59:00.000Z"))).toBe(0);
      // Midnight, 23 October in Rome: 3 days.
      expect(await sendRendicontazioneReminders(new Date("2026-10-22T22:00:00.000Z"))).toBe(2);
      expect((await deliver())[0]!.text).toContain("va inviata entro il 26 ottobre 2026: mancano 3 giorni.");
      // 23:59 on 26 October in Rome, now UTC+1: still due today.
      expect(await sendRendicontazioneReminders(new Date("2026-10-26T22:59:00.000Z"))).toBe(0);
      // Midnight, 27 October in Rome: overdue.
      expect(await sendRendicontazioneReminders(new Date("2026-10-26T23:00:00.000Z"))).toBe(2);
      expect((await deliver())[0]!.text).toContain("andava inviata entro il 26 ottobre 2026: è scaduta da 1 giorno.");
    });
  });
});

describe("weekly digest", () => {
  /** Monday 23 November 2026. */
  const MONDAY = "2026-11-23";

  async function meeting(title: string, startsAt: string, status: string, organisationIds: { userId: string; organisationId: string }[]) {
    return db.meeting.create({
      data: {
        title,
        kind: "GOVERNANCE",
        status,
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + 2 * 3_600_000),
        location: "Sala consiliare",
        invitees: { create: organisationIds.map((i) => ({ ...i, rsvpTokenHash: randomBytes(32).toString("hex") })) },
      },
    });
  }

  /**
   * A project reported quarterly from July 2026, due 20 days after each quarter: period 1 was due
   * 20 October (overdue on the Monday), period 2 is due 20 January 2027 (58 days ahead).
   */
  async function tavolo() {
    const fixture = await createProjectFixture({ startsOn: "2026-07-01", endsOn: "2026-12-31", dueDays: 20 });
    const partner = fixture.partners[0]!;
    await db.user.update({ where: { id: fixture.leadReferent.id }, data: { email: "luca@capofila.example.org" } });
    await db.user.update({ where: { id: partner.referent.id }, data: { email: "paola@partner.example.org" } });
    await createUser({ role: "REFERENT", organisationId: partner.organisation.id, email: "sara@partner.example.org", name: "Sara Seconda" });
    const share = (organisationId: string, number: number) =>
      fixture.rendicontazioni.find((r) => r.organisationId === organisationId && r.period.number === number)!;
    await db.rendicontazione.update({ where: { id: share(partner.organisation.id, 1).id }, data: { status: "APPROVED" } });
    await db.rendicontazione.update({ where: { id: share(fixture.lead.id, 1).id }, data: { status: "DRAFT" } });

    const quiet = await createOrganisation({ name: "Organizzazione senza novità" });
    await createUser({ role: "REFERENT", organisationId: quiet.id, email: "quieta@example.org" });
    const former = await createOrganisation({ name: "Ex partner", status: "EX_PARTNER" });
    await createUser({ role: "REFERENT", organisationId: former.id, email: "ex@example.org" });

    const invite = [{ userId: partner.referent.id, organisationId: partner.organisation.id }];
    const past = await meeting("Plenaria di ottobre", "2026-10-15T14:00:00.000Z", "CONVOKED", invite);
    await meeting("Bozza di riunione", "2026-11-26T14:00:00.000Z", "DRAFT", invite);
    const next = await meeting("Plenaria di dicembre", "2026-12-03T14:00:00.000Z", "CONVOKED", invite);
    await meeting("Gruppo casa", "2026-12-10T14:00:00.000Z", "CONVOKED", invite);
    const action = (text: string, organisationId: string, extra: { status?: string; kind?: string; dueOn?: Date | null } = {}) =>
      db.decision.create({
        data: { meetingId: past.id, meetingStartsAt: past.startsAt, kind: extra.kind ?? "ACTION", text, responsibleOrganisationId: organisationId, status: extra.status ?? "OPEN", dueOn: extra.dueOn ?? null },
      });
    const overdueAction = await action("Mappare gli empori solidali", partner.organisation.id, { dueOn: day("2026-11-01"), status: "IN_PROGRESS" });
    const openAction = await action("Proporre le date del gruppo casa", partner.organisation.id, { dueOn: day("2026-12-15") });
    await action("Azione conclusa", partner.organisation.id, { status: "DONE", dueOn: day("2026-11-01") });
    await action("Decisione presa", partner.organisation.id, { kind: "DECISION" });
    await action("Azione dell'ex partner", former.id, { dueOn: day("2026-12-15") });
    return { fixture, partner, share, next, overdueAction, openAction, quiet, former };
  }

  it("on Monday from 07:00 in Rome each referent gets one mail with deadlines, open actions and the next meeting; once a week", async () => {
    const { fixture, partner, share, next, overdueAction, openAction, quiet, former } = await tavolo();

    expect(await sendWeeklyDigests(new Date("2026-11-22T10:00:00.000Z"))).toBe(0); // Sunday
    expect(await sendWeeklyDigests(new Date(`${MONDAY}T05:59:00.000Z`))).toBe(0); // 06:59 in Rome
    expect(await sendWeeklyDigests(new Date(`${MONDAY}T06:00:00.000Z`))).toBe(3); // 07:00 in Rome
    const mails = await deliver();
    expect(mails.map((m) => m.to)).toEqual([["luca@capofila.example.org"], ["paola@partner.example.org"], ["sara@partner.example.org"]]);

    const lead = mails[0]!;
    expect(lead.subject).toBe(`Riepilogo settimanale di ${fixture.lead.name}: 2 rendicontazioni, 0 azioni aperte`);
    expect(lead.text).toContain(
      `• ${fixture.project.title} (${fixture.project.code}), periodo 1 dal 1 luglio 2026 al 30 settembre 2026: SCADUTA il 20 ottobre 2026, è scaduta da 34 giorni. Stato: Bozza. http://localhost:3000/rendicontazioni/${share(fixture.lead.id, 1).id}`,
    );
    expect(lead.text).toContain(
      `periodo 2 dal 1 ottobre 2026 al 31 dicembre 2026: scadenza 20 gennaio 2027, mancano 58 giorni. Stato: Da iniziare. http://localhost:3000/rendicontazioni/${share(fixture.lead.id, 2).id}`,
    );
    expect(lead.text).toContain("Nessuna azione aperta.");
    expect(lead.text).toContain("Prossima riunione: nessuna riunione convocata per l'organizzazione.");

    const paola = mails[1]!;
    expect(paola.subject).toBe(`Riepilogo settimanale di ${partner.organisation.name}: 1 rendicontazione, 2 azioni aperte`);
    expect(paola.text).toContain("Buongiorno Paola Partner 1,");
    expect(paola.text).not.toContain(share(partner.organisation.id, 1).id);
    expect(paola.text).toContain(`http://localhost:3000/rendicontazioni/${share(partner.organisation.id, 2).id}`);
    expect(paola.text).toContain(`• Mappare gli empori solidali (SCADUTA il 1 novembre 2026; in corso). http://localhost:3000/decisioni/${overdueAction.id}`);
    expect(paola.text).toContain(`• Proporre le date del gruppo casa (entro il 15 dicembre 2026; aperta). http://localhost:3000/decisioni/${openAction.id}`);
    expect(paola.text).not.toContain("Azione conclusa");
    expect(paola.text).not.toContain("Decisione presa");
    expect(paola.text).toContain(
      `Prossima riunione: Plenaria di dicembre, giovedì 3 dicembre 2026, 15:00, Sala consiliare. http://localhost:3000/riunioni/${next.id}`,
    );
    expect(mails[2]!.text).toContain("Buongiorno Sara Seconda,");

    const rows = await db.weeklyDigest.findMany({ select: { user: { select: { email: true, organisationId: true } }, weekOf: true } });
    expect(rows.map((r) => r.user.email).sort()).toEqual(["luca@capofila.example.org", "paola@partner.example.org", "sara@partner.example.org"]);
    expect(rows.every((r) => r.weekOf.getTime() === day(MONDAY).getTime())).toBe(true);
    expect(rows.map((r) => r.user.organisationId)).not.toContain(quiet.id);
    expect(rows.map((r) => r.user.organisationId)).not.toContain(former.id);

    // Later that Monday, and the rest of the week: nothing more.
    expect(await sendWeeklyDigests(new Date(`${MONDAY}T15:00:00.000Z`))).toBe(0);
    expect(await sendWeeklyDigests(new Date("2026-11-25T08:00:00.000Z"))).toBe(0);
    expect(await sendWeeklyDigests(new Date("2026-11-29T10:00:00.000Z"))).toBe(0); // Sunday
    expect(await deliver()).toEqual([]);

    // The next Monday: again.
    expect(await sendWeeklyDigests(new Date("2026-11-30T07:00:00.000Z"))).toBe(3);
    expect(await db.weeklyDigest.count({ where: { weekOf: day("2026-11-30") } })).toBe(3);
  });

  it("two runs at once send one digest per person", async () => {
    const { partner } = await tavolo();
    // Notifications carry their own time: the digest takes those that arrived before it runs.
    await db.digestItem.create({
      data: { userId: partner.referent.id, kind: "ANNOUNCEMENT", title: "Comunicazione: Bando", path: "/comunicazioni/x", createdAt: new Date("2026-11-20T10:00:00.000Z") },
    });
    const now = new Date(`${MONDAY}T07:00:00.000Z`);
    const sent = await Promise.all([sendWeeklyDigests(now), sendWeeklyDigests(now)]);
    expect(sent[0]! + sent[1]!).toBe(3);
    const mails = await deliver();
    expect(mails).toHaveLength(3);
    expect(mails.filter((m) => m.text.includes("Comunicazione: Bando"))).toHaveLength(1);
  });

  it("adds each person's pending notifications, marks them digested with the mail, and sends nobody an empty digest", async () => {
    const { partner, quiet } = await tavolo();
    const member = await createUser({ role: "MEMBER", organisationId: quiet.id, email: "membro@quieta.example.org", name: "Marta Membro" });
    const idle = await createUser({ role: "MEMBER", organisationId: quiet.id, email: "nessuna@quieta.example.org" });
    const gone = await createUser({ role: "MEMBER", organisationId: quiet.id, email: "disattivato@quieta.example.org", active: false });
    const item = (userId: string, title: string, path: string, createdAt = new Date("2026-11-20T10:00:00.000Z")) =>
      db.digestItem.create({ data: { userId, kind: "VERBALE_PUBLISHED", title, path, createdAt } });
    const forMember = await item(member.id, "Verbale pubblicato: Plenaria di novembre", "/riunioni/m1/verbale");
    const forPaola = await item(partner.referent.id, "Comunicazione: Nuovo bando", "/comunicazioni/a1");
    const old = await item(member.id, "Già letta la settimana scorsa", "/comunicazioni/a0");
    await db.digestItem.update({ where: { id: old.id }, data: { digestedAt: new Date("2026-11-16T07:00:00.000Z") } });
    await item(gone.id, "Per chi non c'è più", "/comunicazioni/a2");

    expect(await sendWeeklyDigests(new Date(`${MONDAY}T07:00:00.000Z`))).toBe(4);
    const mails = await deliver();
    expect(mails.map((m) => m.to[0])).toEqual(["luca@capofila.example.org", "membro@quieta.example.org", "paola@partner.example.org", "sara@partner.example.org"]);
    const marta = mails[1]!;
    expect(marta.subject).toBe("Il tuo riepilogo settimanale di Tavolo: 1 notifica");
    expect(marta.text).toContain("Dalle tue notifiche:");
    expect(marta.text).toContain("• Verbale pubblicato: Plenaria di novembre. http://localhost:3000/riunioni/m1/verbale");
    expect(marta.text).not.toContain("Già letta");
    const paola = mails[2]!;
    expect(paola.subject).toBe(`Riepilogo settimanale di ${partner.organisation.name}: 1 rendicontazione, 2 azioni aperte, 1 notifica`);
    expect(paola.text).toContain("• Comunicazione: Nuovo bando. http://localhost:3000/comunicazioni/a1");
    expect(mails[3]!.text).not.toContain("Dalle tue notifiche");
    expect(mails.map((m) => m.to[0])).not.toContain(idle.email);

    for (const id of [forMember.id, forPaola.id]) {
      expect((await db.digestItem.findUniqueOrThrow({ where: { id } })).digestedAt).toEqual(new Date(`${MONDAY}T07:00:00.000Z`));
    }
    // A notification arriving after this week's digest waits for next Monday's.
    await item(member.id, "Arrivata lunedì pomeriggio", "/comunicazioni/a3", new Date(`${MONDAY}T13:00:00.000Z`));
    expect(await sendWeeklyDigests(new Date(`${MONDAY}T15:00:00.000Z`))).toBe(0);
    expect(await sendWeeklyDigests(new Date("2026-11-30T07:00:00.000Z"))).toBe(4);
    expect((await deliver()).find((m) => m.to[0] === "membro@quieta.example.org")?.text).toContain("Arrivata lunedì pomeriggio");
  });
});
