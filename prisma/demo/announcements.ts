// Demo announcements: one sent to the whole tavolo some days ago (read by a few), one to the
// "Casa e abitare" group, one scheduled for next week and a draft. Written through the domain
// functions, so recipients and audit events are what the app itself would write; the mails they
// queue are dropped at the end, so `npm start` never writes to the demo addresses.
import type { Db } from "~/db.server";
import { saveAnnouncement, type AnnouncementFields } from "~/domain/announcements.server";
import { formatRome } from "~/utils/dates";
import type { DemoContext } from "./context";

const DAY_MS = 86_400_000;

function lookup(ids: Map<string, string>, key: string) {
  const id = ids.get(key);
  if (!id) throw new Error(`Demo announcements: unknown ${key}`);
  return id;
}

const base = (overrides: Partial<AnnouncementFields>): AnnouncementFields => ({
  intent: "send",
  title: "",
  bodyHtml: "",
  audience: "ALL",
  workingGroupId: null,
  legalForm: null,
  networkId: null,
  personIds: [],
  sendAt: "",
  removeAttachmentIds: [],
  ...overrides,
});

export async function seedAnnouncements(db: Db, demo: DemoContext) {
  const seededAt = new Date();
  const actor = { id: lookup(demo.userIds, "coordinatore@example.org"), name: "Giulia Ferrari" };
  const group = await db.workingGroup.findFirstOrThrow({ where: { name: "Casa e abitare" }, select: { id: true } });
  const fiveDaysAgo = new Date(seededAt.getTime() - 5 * DAY_MS);

  const everyone = await saveAnnouncement({
    actor,
    now: fiveDaysAgo,
    fields: base({
      title: "Emporio solidale: aperte le iscrizioni al corso per volontari",
      bodyHtml:
        "<p>Care e cari partner,</p><p>dal 1° dicembre l'emporio solidale di via Fiume allunga l'orario del sabato e cerca <strong>dieci nuovi volontari</strong> per l'accoglienza e la cassa.</p><p>Il corso di formazione (due incontri serali, in sala consiliare) è aperto ai volontari di tutte le organizzazioni del tavolo. Vi chiediamo di diffondere l'invito e di raccogliere le adesioni entro venerdì.</p><ul><li>primo incontro: il servizio e le regole di accesso;</li><li>secondo incontro: ascolto e orientamento ai servizi del territorio.</li></ul>",
    }),
  });
  // Some have already read it: the coordinators' statistics show "letta da 3 di N".
  const readers = ["referente@example.org", "chiara.moretti@example.org", "paolo.ricci@example.org"].map((email) => lookup(demo.userIds, email));
  await db.announcementRecipient.updateMany({
    where: { announcementId: everyone, userId: { in: readers } },
    data: { readAt: new Date(fiveDaysAgo.getTime() + 3 * 3_600_000) },
  });

  await saveAnnouncement({
    actor,
    now: new Date(seededAt.getTime() - 2 * DAY_MS),
    fields: base({
      title: "Gruppo Casa e abitare: i dati sugli sfratti per la prossima riunione",
      bodyHtml:
        "<p>In vista della prossima riunione del gruppo, l'ufficio casa del Comune ha preparato il riepilogo degli sfratti per morosità incolpevole dell'ultimo anno, suddiviso per quartiere.</p><p>Vi chiediamo di leggerlo e di portare in riunione i casi seguiti dalle vostre organizzazioni (senza nomi), così da confrontarli con i numeri del Comune.</p>",
      audience: "GROUP",
      workingGroupId: group.id,
    }),
  });

  const nextWeek = new Date(demo.today.getTime() + 7 * DAY_MS);
  await saveAnnouncement({
    actor,
    now: seededAt,
    fields: base({
      intent: "schedule",
      sendAt: `${formatRome(nextWeek, "yyyy-MM-dd")}T09:00`,
      title: "Plenaria di dicembre: i documenti preparatori",
      bodyHtml:
        "<p>In vista della plenaria trovate in Tavolo la bozza del piano delle attività per il prossimo anno e il riepilogo delle rendicontazioni dei progetti.</p><p>Le osservazioni scritte sono benvenute fino a tre giorni prima della riunione.</p>",
    }),
  });

  await saveAnnouncement({
    actor,
    now: seededAt,
    fields: base({
      intent: "draft",
      title: "Raccolta alimentare di Natale: turni nei supermercati",
      bodyHtml: "<p>Bozza: aggiungere l'elenco dei supermercati aderenti e il modulo per i turni.</p>",
      audience: "LEGAL_FORM",
      legalForm: "ASSOCIAZIONE_VOLONTARIATO",
    }),
  });

  // The demo's mails count as delivered (the worker must not write to example.org addresses), but
  // one, so the announcement page shows what a refused address looks like.
  const seeded = { template: "announcement", createdAt: { gte: new Date(seededAt.getTime() - DAY_MS) } };
  const refused = await db.outboxMail.findFirst({ where: { ...seeded, to: { not: "coordinatore@example.org" } }, orderBy: { to: "desc" }, select: { id: true } });
  await db.outboxMail.updateMany({ where: seeded, data: { status: "SENT", sentAt: seededAt, attempts: 1 } });
  if (refused) {
    await db.outboxMail.update({
      where: { id: refused.id },
      data: { status: "FAILED", sentAt: null, failure: "REJECTED", lastError: "550 5.1.1 Recipient address rejected: la casella non esiste" },
    });
  }
}
