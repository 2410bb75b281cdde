// Demo documents of the archive: the tavolo's founding act on the public page, a Delibera di
// Giunta, the Piano di zona in two versions, a group's presentation and a form for the partners.
// INVENTED for the demo: numbers of acts, dates, texts. The files are small real PDFs (renderPdf),
// filed through the archive's own functions, so the seed goes where a coordinator's upload goes.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PROTOCOL_SIGNED_ON } from "./registry";
import type { DemoContext } from "./context";
import type { Db } from "~/db.server";
import { addVersion, createDocument, type DocumentFields } from "~/domain/documents.server";
import { env } from "~/env.server";
import type { PendingUpload } from "~/files/storage.server";
import { renderPdf } from "~/pdf/layout.server";
import { parseDay } from "~/utils/dates";

const COMUNE = "Comune di Cinisello Balsamo";
const LA_CORDATA = "Cooperativa La Cordata";

/** A PDF with a title and a few paragraphs, waiting in the upload folder as a form's upload would. */
async function demoPdf(fileName: string, title: string, paragraphs: string[]): Promise<PendingUpload> {
  const bytes = await renderPdf({ title }, (doc) => {
    for (const paragraph of paragraphs) doc.text(paragraph).moveDown(0.8);
  });
  const tmpDir = join(resolve(env.UPLOAD_DIR), "tmp");
  await mkdir(tmpDir, { recursive: true });
  const tempPath = join(tmpDir, randomUUID());
  await writeFile(tempPath, bytes);
  return { tempPath, originalName: fileName, mimeType: "application/pdf", size: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
}

const daysBefore = (today: Date, days: number) => new Date(today.getTime() - days * 86_400_000);

export async function seedDocuments(db: Db, demo: DemoContext) {
  const seededAt = new Date();
  const person = async (email: string) => {
    const id = demo.userIds.get(email);
    if (!id) throw new Error(`Demo documents: no user ${email}`);
    const user = await db.user.findUniqueOrThrow({ where: { id }, select: { id: true, name: true } });
    return user;
  };
  const org = (name: string) => {
    const id = demo.orgIds.get(name);
    if (!id) throw new Error(`Demo documents: no organisation ${name}`);
    return id;
  };
  const coordinator = await person("coordinatore@example.org");
  const housingGroup = await db.workingGroup.findUniqueOrThrow({ where: { name: "Casa e abitare" }, select: { id: true } });
  const communityProject = await db.project.findUnique({ where: { code: "TO7.1.1.a" }, select: { id: true } });
  const base: Omit<DocumentFields, "title" | "category" | "documentDate" | "visibility"> = {
    description: "",
    authorOrganisationId: org(COMUNE),
    workingGroupId: null,
    meetingId: null,
    projectId: null,
  };

  await createDocument(
    {
      ...base,
      title: "Protocollo d'Intesa del Tavolo Povertà «La solidarietà in città»",
      category: "ATTO_UFFICIALE",
      documentDate: parseDay(PROTOCOL_SIGNED_ON) ?? demo.today,
      description: "Il protocollo che costituisce il tavolo: finalità, impegni del Comune e delle organizzazioni firmatarie, governance.",
      visibility: "PUBLIC",
    },
    await demoPdf("Protocollo d'Intesa Tavolo Povertà.pdf", "Protocollo d'Intesa del Tavolo Povertà", [
      "Il Comune di Cinisello Balsamo e le organizzazioni firmatarie si impegnano a mettere in rete le risorse del territorio per il contrasto alla povertà.",
      "Il tavolo si riunisce in assemblea plenaria e lavora per gruppi tematici; il Comune ne coordina la comunicazione e ne conserva gli atti.",
    ]),
    coordinator,
  );

  await createDocument(
    {
      ...base,
      title: "Delibera di Giunta n. 112: adesione al progetto «Reti di comunità»",
      category: "DELIBERA",
      documentDate: daysBefore(demo.today, 75),
      description: "La Giunta approva la partecipazione del Comune al progetto finanziato dal PN Metro Plus e individua il tavolo come sede di coprogettazione.",
      projectId: communityProject?.id ?? null,
      visibility: "TAVOLO",
    },
    await demoPdf("Delibera GC 112.pdf", "Delibera di Giunta comunale n. 112", [
      "LA GIUNTA COMUNALE, vista la proposta del Settore Politiche sociali, delibera di aderire al progetto «Reti di comunità».",
      "Dà mandato al Tavolo Povertà di coprogettare le azioni con le organizzazioni del terzo settore.",
    ]),
    coordinator,
  );

  const plan = await createDocument(
    {
      ...base,
      title: "Piano di zona 2025-2027 dell'ambito di Cinisello Balsamo",
      category: "PIANO",
      documentDate: daysBefore(demo.today, 120),
      description: "Il piano sociale di zona: priorità, risorse e azioni dell'ambito per il triennio.",
      visibility: "TAVOLO",
    },
    await demoPdf("Piano di zona 2025-2027 bozza.pdf", "Piano di zona 2025-2027 (bozza)", [
      "Bozza per la consultazione del tavolo: analisi del bisogno, priorità di intervento, risorse.",
    ]),
    coordinator,
  );
  await addVersion(
    plan.id,
    "Versione approvata dall'Assemblea dei sindaci: aggiornati i dati sulla povertà alimentare e il capitolo sull'abitare.",
    await demoPdf("Piano di zona 2025-2027.pdf", "Piano di zona 2025-2027", [
      "Testo approvato dall'Assemblea dei sindaci dell'ambito.",
      "Priorità: abitare, lavoro, povertà alimentare, coesione sociale.",
    ]),
    coordinator,
  );

  await createDocument(
    {
      ...base,
      title: "Filiera dei servizi abitativi: mappa e proposte",
      category: "PRESENTAZIONE",
      documentDate: daysBefore(demo.today, 20),
      description: "La presentazione discussa nel gruppo: posti disponibili in emergenza e in housing temporaneo, tempi di accesso, proposte.",
      authorOrganisationId: org(LA_CORDATA),
      workingGroupId: housingGroup.id,
      visibility: "GROUP",
    },
    await demoPdf("Filiera abitativa - presentazione.pdf", "Filiera dei servizi abitativi", [
      "Emergenza abitativa: 12 posti, accesso su invio dei servizi sociali.",
      "Housing temporaneo: 18 alloggi, permanenza media 14 mesi.",
    ]),
    await person("chiara.moretti@example.org"),
  );

  await createDocument(
    {
      ...base,
      title: "Modulo di segnalazione ai servizi sociali",
      category: "MODULISTICA",
      documentDate: daysBefore(demo.today, 200),
      description: "Da compilare per segnalare una famiglia ai servizi sociali, con il consenso della persona.",
      visibility: "TAVOLO",
    },
    await demoPdf("Modulo segnalazione servizi sociali.pdf", "Modulo di segnalazione ai servizi sociali", [
      "Dati della persona o del nucleo, bisogno rilevato, organizzazione che segnala, consenso al trattamento dei dati.",
    ]),
    coordinator,
  );

  // For the coordinators only: never listed to members nor on the public pages (the public crawl checks it).
  await createDocument(
    {
      ...base,
      title: "Note riservate del coordinamento sulle candidature al bando casa",
      category: "ALTRO",
      documentDate: daysBefore(demo.today, 10),
      description: "Appunti interni sulle proposte ricevute, prima della valutazione.",
      visibility: "COORDINATORS",
    },
    await demoPdf("Note riservate candidature.pdf", "Note riservate del coordinamento", ["Appunti interni del coordinamento, da non diffondere."]),
    coordinator,
  );

  // The archive's past is history, not news: nobody is mailed or digested about the demo documents.
  await db.outboxMail.deleteMany({ where: { template: "document-added", createdAt: { gte: seededAt } } });
  await db.digestItem.deleteMany({ where: { kind: "DOCUMENT_ADDED", createdAt: { gte: seededAt } } });
}
