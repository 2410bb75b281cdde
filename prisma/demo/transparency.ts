// Demo of the public transparency pages: the presentation and the partner list published, the last
// plenary's verbale in its public version (a person's name removed), two projects' figures public.
// And, for the public crawl to look for, private things that must stay private: a draft verbale of
// the food group (besides the contacts, a returned rendicontazione and a coordinators' document
// seeded elsewhere). The presentation paraphrases the Comune's public page (prisma/demo/cinisello.ts, S1, S2).
import type { DemoContext } from "./context";
import type { Db } from "~/db.server";
import { sanitizeRichText } from "~/domain/rich-text.server";
import { updateTavoloSettings } from "~/domain/tavolo-settings.server";
import { setProjectPublicFigures } from "~/domain/transparency.server";
import { preparePublicVersion, publishPublicVersion } from "~/domain/verbale-public.server";

const PRESENTATION = `
<h2>Che cos'è</h2>
<p>Il Tavolo Povertà «La solidarietà in città» mette in rete il Comune di Cinisello Balsamo e le organizzazioni del territorio che si occupano di persone e famiglie in difficoltà: associazioni di volontariato, cooperative sociali, parrocchie, fondazioni e sindacati.</p>
<h2>Come funziona</h2>
<ul>
<li>Le organizzazioni <strong>partner</strong> firmano il Protocollo d'Intesa; gli <strong>aderenti</strong> ne seguono i lavori.</li>
<li>L'<strong>assemblea plenaria</strong> si riunisce ogni mese: decide le priorità e approva i verbali.</li>
<li>I <strong>gruppi di lavoro</strong> (cibo, casa, lavoro, comunità) preparano le proposte e seguono i progetti.</li>
<li>Il Comune coordina il tavolo e ne conserva gli atti.</li>
</ul>
<h2>Come partecipare</h2>
<p>Un'organizzazione del territorio che vuole aderire può scrivere al coordinamento del tavolo presso il Comune.</p>
`;

/** The draft verbale's text: it must never appear on a public page. */
export const DEMO_DRAFT_VERBALE_TEXT = "Bozza riservata: ipotesi di redistribuzione delle eccedenze del mercato comunale, ancora da verificare con gli uffici.";

export const DEMO_PUBLIC_PROJECTS = ["TO7.1.1.a", "RETE-CASA-LAVORO-CIBO"];

export async function seedTransparency(db: Db, demo: DemoContext) {
  const coordinatorId = demo.userIds.get("coordinatore@example.org");
  if (!coordinatorId) throw new Error("Demo transparency: no coordinator");
  const coordinator = { id: coordinatorId, name: "Giulia Ferrari" };

  await updateTavoloSettings({ presentation: sanitizeRichText(PRESENTATION), publishPresentation: true, publishPartnerList: true }, coordinator);

  const plenary = await db.verbale.findFirst({ where: { status: "PUBBLICATO", meeting: { kind: "GOVERNANCE" } }, select: { meetingId: true, publishedAt: true } });
  if (plenary) {
    await preparePublicVersion(plenary.meetingId, coordinator);
    const now = new Date();
    const publishedAt = plenary.publishedAt && plenary.publishedAt < now ? plenary.publishedAt : now;
    await publishPublicVersion(plenary.meetingId, {}, coordinator, publishedAt);
  }

  for (const code of DEMO_PUBLIC_PROJECTS) {
    const project = await db.project.findUnique({ where: { code }, select: { id: true } });
    if (project) await setProjectPublicFigures(project.id, true, coordinator);
  }

  // The food group's last meeting: its verbale is still a draft, for the coordinators only.
  const series = await db.meetingSeries.findFirst({ where: { kind: "OPERATIVE" }, select: { id: true, workingGroupId: true, location: true, videoLink: true } });
  if (series) {
    const startsAt = new Date(demo.today.getTime() - 12 * 86_400_000 + 9 * 3_600_000);
    const meeting = await db.meeting.create({
      data: {
        title: "Gruppo Cibo e beni essenziali – incontro straordinario",
        kind: "OPERATIVE",
        status: "CONVOKED",
        audience: "GROUP",
        seriesId: series.id,
        workingGroupId: series.workingGroupId,
        location: series.location,
        videoLink: series.videoLink,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        convokedAt: new Date(startsAt.getTime() - 7 * 86_400_000),
        agendaItems: { create: [{ position: 0, title: "Eccedenze alimentari del mercato comunale", durationMinutes: 60 }] },
      },
      include: { agendaItems: true },
    });
    await db.verbale.create({
      data: {
        meetingId: meeting.id,
        status: "BOZZA",
        updatedById: coordinatorId,
        content: JSON.stringify([
          { key: "apertura", title: "Apertura della seduta", html: "<p>La seduta si apre alle 9:10.</p>" },
          ...meeting.agendaItems.map((item) => ({ key: item.id, title: item.title, html: `<p>${DEMO_DRAFT_VERBALE_TEXT}</p>` })),
        ]),
      },
    });
  }
}
