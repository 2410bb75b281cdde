import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { listHistory } from "~/domain/audit.server";
import { getTavoloSettings } from "~/domain/tavolo-settings.server";
import { memberSince } from "~/domain/transparency.server";
import { redactHtml, type PrivateTerms } from "~/domain/verbale-public.server";
import { action as projectAction, loader as projectLoader } from "~/routes/project";
import { loader as dataPageLoader } from "~/routes/public.data";
import { loader as dataFileLoader } from "~/routes/public.data.file";
import { loader as indexLoader } from "~/routes/public.index";
import { loader as organisationsLoader } from "~/routes/public.organisations";
import { loader as publicProjectLoader } from "~/routes/public.project";
import { loader as publicProjectsLoader } from "~/routes/public.projects";
import { loader as tavoloLoader } from "~/routes/public.tavolo";
import { loader as publicVerbaleLoader } from "~/routes/public.verbale";
import { loader as publicVerbaliLoader } from "~/routes/public.verbali";
import { action as settingsAction, loader as settingsLoader } from "~/routes/settings.transparency";
import { action as verbaleAction, loader as verbaleLoader } from "~/routes/verbale";
import { parseDay } from "~/utils/dates";
import { createOrganisation, createUser } from "../factories";
import { createProjectFixture } from "../support/projects";
import { routeArgs } from "../support/routes";

// The public transparency pages: each is 404 until a coordinator opts its item in, shows only the
// allowed fields once it is, the verbale's public version has people's names removed and does not
// survive a correction, the open data matches the pages, and only coordinators hold the switches.

const BASE = "http://localhost:3000";
const day = (value: string) => parseDay(value) ?? (() => { throw new Error(value); })();

async function session(role: Role, name: string, organisationId?: string): Promise<SessionUser> {
  const user = await createUser({ role, name, ...(organisationId ? { organisationId } : {}) });
  return { id: user.id, email: user.email, name: user.name, role, organisationId: user.organisationId, organisationName: "Organizzazione di prova", sessionId: `s-${user.id}` };
}

/** The status and data (or body) of what a loader or action returned or threw. */
async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, response: value, data: undefined as never, location: value.headers.get("Location") };
  if (value instanceof Error) throw value;
  const result = value as { data?: unknown; init?: { status?: number } | null; type?: string };
  if (result && typeof result === "object" && result.type === "DataWithResponseInit") {
    return { status: result.init?.status ?? 200, data: result.data as never, response: undefined, location: null };
  }
  return { status: 200, data: value as never, response: undefined, location: null };
}

const get = (path: string, user: SessionUser | null = null, params: Record<string, string> = {}) => routeArgs(new Request(`${BASE}${path}`), user, params);
const post = (path: string, user: SessionUser | null, fields: Record<string, string>, params: Record<string, string> = {}) =>
  routeArgs(new Request(`${BASE}${path}`, { method: "POST", body: new URLSearchParams(fields) }), user, params);

type Reply = { errors: { fieldErrors: Record<string, string>; formError?: string } };

/** A meeting whose verbale is published (version 1), naming a person, an organisation and an e-mail. */
async function publishedVerbale(text: string) {
  const startsAt = new Date("2026-03-03T14:00:00Z");
  const meeting = await db.meeting.create({
    data: {
      title: "Assemblea di marzo",
      kind: "GOVERNANCE",
      status: "CONVOKED",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      agendaItems: { create: [{ position: 1, title: "Emporio solidale" }] },
    },
    include: { agendaItems: true },
  });
  const item = meeting.agendaItems[0]!;
  const content = JSON.stringify([
    { key: "apertura", title: "Apertura della seduta", html: "<p>Presenti 5 organizzazioni.</p>" },
    { key: item.id, title: "Emporio solidale", html: text },
  ]);
  const verbale = await db.verbale.create({
    data: {
      meetingId: meeting.id,
      status: "PUBBLICATO",
      content,
      publishedAt: new Date("2026-03-10T10:00:00Z"),
      attendanceSummary: "Presenti: Paolo Ricci, Anna Bianchi",
      versions: { create: { number: 1, content } },
      comments: { create: { authorName: "Anna Bianchi", text: "Commento interno riservato" } },
    },
  });
  return { meeting, item, verbale };
}

describe("pagine pubbliche: presentazione, organizzazioni, indice", () => {
  it("presentation and partner list are 404 until published; then only the allowed fields", async () => {
    const comune = await createOrganisation({ name: "Comune di Prova", isCoordinator: true });
    const coordinator = await session("COORDINATOR", "Giulia Ferrari", comune.id);
    const caritas = await createOrganisation({ name: "Caritas di Prova" });
    const aderente = await createOrganisation({ name: "Fondazione Aderente", status: "ADERENTE" });
    const former = await createOrganisation({ name: "Associazione Uscita", status: "EX_PARTNER" });
    await db.membershipChange.createMany({
      data: [
        { organisationId: caritas.id, status: "PARTNER", effectiveOn: day("2019-05-01") },
        { organisationId: caritas.id, status: "EX_PARTNER", effectiveOn: day("2021-01-01"), reason: "Recesso" },
        { organisationId: caritas.id, status: "ADERENTE", effectiveOn: day("2022-02-01") },
        { organisationId: caritas.id, status: "PARTNER", effectiveOn: day("2023-03-01") },
        { organisationId: aderente.id, status: "ADERENTE", effectiveOn: day("2024-04-15") },
        { organisationId: former.id, status: "PARTNER", effectiveOn: day("2019-01-01") },
        { organisationId: former.id, status: "EX_PARTNER", effectiveOn: day("2020-01-01"), reason: "Recesso" },
      ],
    });
    await db.contact.create({ data: { organisationId: caritas.id, name: "Giorgio Villa", email: "ascolto@caritas.example.org", phone: "+39 02 0000 1101" } });
    await db.strategicObjective.create({ data: { code: "OS1", title: "Coesione sociale", description: "Relazioni di prossimità.", position: 1 } });

    expect((await outcome(() => tavoloLoader())).status).toBe(404);
    expect((await outcome(() => organisationsLoader())).status).toBe(404);
    const before = (await outcome(() => indexLoader())).data as { sections: { presentation: boolean; partners: boolean; verbali: number; projects: number } };
    expect(before.sections).toEqual({ presentation: false, partners: false, verbali: 0, projects: 0 });

    const saved = await outcome(() =>
      settingsAction(
        post("/impostazioni/trasparenza", coordinator, {
          intent: "settings",
          presentation: '<h2>Come funziona</h2><p>Il tavolo si riunisce ogni mese.</p><script>alert("x")</script>',
          openDataLicence: "CC0 1.0 Universale",
          publishPresentation: "on",
          publishPartnerList: "on",
        }),
      ),
    );
    expect(saved.status).toBe(200);
    const settings = await getTavoloSettings();
    expect(settings.presentation).toBe("<h2>Come funziona</h2><p>Il tavolo si riunisce ogni mese.</p>");
    expect((await listHistory("SETTINGS", "tavolo")).map((e) => e.summary)).toContain("Impostazioni del tavolo modificate");

    const tavolo = (await outcome(() => tavoloLoader())).data as { html: string; objectives: { code: string; title: string; description: string }[] };
    expect(tavolo.html).toContain("Il tavolo si riunisce ogni mese.");
    expect(tavolo.objectives).toEqual([{ code: "OS1", title: "Coesione sociale", description: "Relazioni di prossimità." }]);

    const partners = (await outcome(() => organisationsLoader())).data as { organisations: Record<string, unknown>[] };
    // Current partners and adhering bodies only, never the former; since = back in after leaving.
    expect(partners.organisations.map((o) => o.name)).toEqual(["Caritas di Prova", "Comune di Prova", "Fondazione Aderente"]);
    const caritasRow = partners.organisations.find((o) => o.name === "Caritas di Prova")!;
    expect(Object.keys(caritasRow).sort()).toEqual(["id", "legalForm", "membership", "name", "since", "status"]);
    expect(caritasRow).toMatchObject({ legalForm: "Associazione di volontariato", membership: "Partner", since: "1 febbraio 2022" });
    expect(partners.organisations.find((o) => o.name === "Fondazione Aderente")).toMatchObject({ membership: "Aderente", since: "15 aprile 2024" });
    const text = JSON.stringify(partners);
    for (const secret of ["Giorgio Villa", "ascolto@caritas.example.org", "0000 1101", "Giulia Ferrari"]) expect(text).not.toContain(secret);

    const after = (await outcome(() => indexLoader())).data as { sections: { presentation: boolean; partners: boolean } };
    expect(after.sections).toMatchObject({ presentation: true, partners: true });

    // Switching the list off again closes the page.
    await outcome(() => settingsAction(post("/impostazioni/trasparenza", coordinator, { intent: "settings", presentation: settings.presentation, openDataLicence: "CC0 1.0 Universale", publishPresentation: "on" })));
    expect((await outcome(() => organisationsLoader())).status).toBe(404);
    expect((await outcome(() => tavoloLoader())).status).toBe(200);
  });

  it("memberSince counts from the first step after the last withdrawal", () => {
    expect(memberSince([{ status: "PARTNER", effectiveOn: day("2020-01-01") }])).toEqual(day("2020-01-01"));
    expect(memberSince([{ status: "EX_PARTNER", effectiveOn: day("2021-01-01") }, { status: "PARTNER", effectiveOn: day("2020-01-01") }])).toBeNull();
    expect(
      memberSince([
        { status: "ADERENTE", effectiveOn: day("2018-01-01") },
        { status: "PARTNER", effectiveOn: day("2019-01-01") },
      ]),
    ).toEqual(day("2018-01-01"));
  });

  it("settings: only coordinators (403 otherwise, sign-in for nobody); bad input is 400 with the message next to the field", async () => {
    const coordinator = await session("COORDINATOR", "Giulia Ferrari");
    const member = await session("MEMBER", "Anna Bianchi");
    const referent = await session("REFERENT", "Marco Colombo");
    for (const user of [member, referent]) {
      expect((await outcome(() => settingsLoader(get("/impostazioni/trasparenza", user)))).status).toBe(403);
      expect((await outcome(() => settingsAction(post("/impostazioni/trasparenza", user, { intent: "settings", openDataLicence: "CC0", publishPartnerList: "on" })))).status).toBe(403);
    }
    const anonymous = await outcome(() => settingsLoader(get("/impostazioni/trasparenza")));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toContain("/accedi");
    expect((await getTavoloSettings()).publishPartnerList).toBe(false);

    const noLicence = await outcome(() => settingsAction(post("/impostazioni/trasparenza", coordinator, { intent: "settings", presentation: "<p>Testo</p>", openDataLicence: "  " })));
    expect(noLicence.status).toBe(400);
    expect((noLicence.data as Reply).errors.fieldErrors.openDataLicence).toMatch(/Indica la licenza dei dati aperti/);

    const emptyPresentation = await outcome(() =>
      settingsAction(post("/impostazioni/trasparenza", coordinator, { intent: "settings", presentation: "<p> </p>", openDataLicence: "CC0", publishPresentation: "on" })),
    );
    expect(emptyPresentation.status).toBe(400);
    expect((emptyPresentation.data as Reply).errors.fieldErrors.presentation).toBe("Scrivi la presentazione del tavolo prima di pubblicarla.");
    expect((await getTavoloSettings()).publishPresentation).toBe(false);

    const unknownProject = await outcome(() => settingsAction(post("/impostazioni/trasparenza", coordinator, { intent: "projectFigures", projectId: "nessuno", publicFigures: "1" })));
    expect(unknownProject.status).toBe(404);
    expect((unknownProject.data as Reply).errors.formError).toBe("Progetto non trovato.");
    const badValue = await outcome(() => settingsAction(post("/impostazioni/trasparenza", coordinator, { intent: "projectFigures", projectId: "x", publicFigures: "forse" })));
    expect(badValue.status).toBe(400);
    expect((badValue.data as Reply).errors.fieldErrors.publicFigures).toBe("Scegli se rendere pubblici i dati del progetto.");
  });
});

describe("verbali: la versione pubblica", () => {
  const TERMS: PrivateTerms = {
    names: ["Paolo Ricci", "Giorgio Villa", "Danilo Fossati"],
    details: ["ascolto@caritas.example.org", "+39 02 0000 1101"],
    organisations: ["Associazione Banco Alimentare “Danilo Fossati”"],
  };

  it("redaction replaces people (both name orders, e-mail, phone, mailto links) and keeps organisations' names", () => {
    const html = redactHtml(
      '<p>Paolo Ricci e RICCI PAOLO, per l\'Associazione Banco Alimentare “Danilo Fossati”, con Giorgio  Villa (<a href="mailto:ascolto@caritas.example.org">ascolto@caritas.example.org</a>, +39 02 0000 1101). Danilo Fossati ha scritto. Paolo Riccione no.</p>',
      TERMS,
    );
    expect(html).toBe(
      "<p>[omissis] e [omissis], per l'Associazione Banco Alimentare “Danilo Fossati”, con [omissis] (<a>[omissis]</a>, [omissis]). [omissis] ha scritto. Paolo Riccione no.</p>",
    );
  });

  it("a coordinator prepares it (a person's name removed), reviews, publishes and withdraws it; nothing internal is public", async () => {
    const comune = await createOrganisation({ name: "Comune di Prova", isCoordinator: true });
    const banco = await createOrganisation({ name: "Banco Alimentare Paolo Galbiati" });
    const coordinator = await session("COORDINATOR", "Giulia Ferrari", comune.id);
    const member = await session("MEMBER", "Anna Bianchi");
    const referent = await session("REFERENT", "Marco Colombo");
    await createUser({ name: "Paolo Ricci", email: "paolo.ricci@example.org", organisationId: banco.id });
    await createUser({ name: "Paolo Galbiati", email: "paolo.galbiati@example.org", organisationId: banco.id });
    await db.contact.create({ data: { organisationId: banco.id, name: "Franco Caruso", email: "volontari@banco.example.org", phone: "+39 02 0000 1301" } });
    const { meeting, item, verbale } = await publishedVerbale(
      "<p>Paolo Ricci del Banco Alimentare Paolo Galbiati propone la raccolta; Franco Caruso (volontari@banco.example.org) coordina i turni.</p>",
    );
    const path = `/riunioni/${meeting.id}/verbale`;
    const params = { id: meeting.id };

    // Not public yet: 404 on its page, absent from the list.
    expect((await outcome(() => publicVerbaleLoader(get(`/pubblico/verbali/${verbale.id}`, null, { id: verbale.id })))).status).toBe(404);
    expect(((await outcome(() => publicVerbaliLoader())).data as { verbali: unknown[] }).verbali).toEqual([]);

    // Members and referents may not touch the public version.
    for (const user of [member, referent]) {
      for (const intent of ["preparePublic", "publishPublic", "withdrawPublic", "savePublic"]) {
        expect((await outcome(() => verbaleAction(post(path, user, { intent }, params)))).status).toBe(403);
      }
    }
    // Publishing before preparing: 409 with a clear message, nothing changes.
    const early = await outcome(() => verbaleAction(post(path, coordinator, { intent: "publishPublic" }, params)));
    expect(early.status).toBe(409);
    expect((early.data as Reply).errors.formError).toBe("Prepara e rileggi la versione pubblica prima di pubblicarla.");

    const prepared = await outcome(() => verbaleAction(post(path, coordinator, { intent: "preparePublic" }, params)));
    expect(prepared.status).toBe(200);
    expect((prepared.data as { done: string }).done).toMatch(/3 nomi o recapiti di persone sostituiti/);
    const stored = await db.verbale.findUniqueOrThrow({ where: { id: verbale.id } });
    expect(stored.publicAt).toBeNull();
    expect(stored.publicContent).toContain("[omissis] del Banco Alimentare Paolo Galbiati propone la raccolta; [omissis] ([omissis]) coordina i turni.");
    // Prepared but not published: still 404.
    expect((await outcome(() => publicVerbaleLoader(get(`/pubblico/verbali/${verbale.id}`, null, { id: verbale.id })))).status).toBe(404);

    // The coordinator's page shows the panel, with no name left to warn about.
    const page = (await outcome(() => verbaleLoader(get(path, coordinator, params)))).data as { publicVersion: { namesStillIn: string[]; sections: { key: string }[] } };
    expect(page.publicVersion.namesStillIn).toEqual([]);
    expect((await outcome(() => verbaleLoader(get(path, member, params)))).data).toMatchObject({ publicVersion: null });

    // Reviewed in the editor (a name typed back by mistake is flagged), then published with the fix.
    await outcome(() => verbaleAction(post(path, coordinator, { intent: "savePublic", [`public.${item.id}`]: "<p>Paolo Ricci propone la raccolta.</p>" }, params)));
    const flagged = (await outcome(() => verbaleLoader(get(path, coordinator, params)))).data as { publicVersion: { namesStillIn: string[] } };
    expect(flagged.publicVersion.namesStillIn).toEqual(["Paolo Ricci"]);
    const published = await outcome(() =>
      verbaleAction(post(path, coordinator, { intent: "publishPublic", [`public.${item.id}`]: '<p>La raccolta è proposta dal Banco.</p><img src="x" onerror="alert(1)">' }, params)),
    );
    expect(published.status).toBe(200);

    const list = (await outcome(() => publicVerbaliLoader())).data as { verbali: Record<string, unknown>[] };
    expect(list.verbali).toEqual([{ id: verbale.id, title: "Assemblea di marzo", kind: expect.any(String), day: "3 marzo 2026" }]);
    const shown = await outcome(() => publicVerbaleLoader(get(`/pubblico/verbali/${verbale.id}`, null, { id: verbale.id })));
    expect(shown.status).toBe(200);
    const publicText = JSON.stringify(shown.data);
    expect(publicText).toContain("<p>La raccolta è proposta dal Banco.</p>");
    for (const secret of ["Paolo Ricci", "Franco Caruso", "volontari@banco", "Commento interno riservato", "Anna Bianchi", "onerror", meeting.id]) {
      expect(publicText).not.toContain(secret);
    }
    const history = (await listHistory("VERBALE", verbale.id)).map((e) => e.summary);
    expect(history).toEqual(
      expect.arrayContaining([
        "Versione pubblica preparata dalla versione 1: 3 nomi o recapiti omessi",
        "Versione pubblica modificata",
        "Versione pubblica pubblicata sulle pagine pubbliche",
      ]),
    );

    const withdrawn = await outcome(() => verbaleAction(post(path, coordinator, { intent: "withdrawPublic" }, params)));
    expect(withdrawn.status).toBe(200);
    expect((await outcome(() => publicVerbaleLoader(get(`/pubblico/verbali/${verbale.id}`, null, { id: verbale.id })))).status).toBe(404);
    const again = await outcome(() => verbaleAction(post(path, coordinator, { intent: "withdrawPublic" }, params)));
    expect(again.status).toBe(409);
    expect((again.data as Reply).errors.formError).toBe("La versione pubblica non è sulle pagine pubbliche.");
  });

  it("a correction takes the public version offline and drops it; the coordinator is told and prepares it again", async () => {
    const coordinator = await session("COORDINATOR", "Giulia Ferrari");
    await createUser({ name: "Paolo Ricci" });
    const { meeting, item, verbale } = await publishedVerbale("<p>Paolo Ricci propone la raccolta di dicembre.</p>");
    const path = `/riunioni/${meeting.id}/verbale`;
    const params = { id: meeting.id };
    await outcome(() => verbaleAction(post(path, coordinator, { intent: "preparePublic" }, params)));
    await outcome(() => verbaleAction(post(path, coordinator, { intent: "publishPublic" }, params)));
    expect((await outcome(() => publicVerbaleLoader(get(`/pubblico/verbali/${verbale.id}`, null, { id: verbale.id })))).status).toBe(200);

    // The correction: the working copy changes, then it is published as version 2.
    const { revision } = await db.verbale.findUniqueOrThrow({ where: { id: verbale.id } });
    await outcome(() => verbaleAction(post(path, coordinator, { intent: "save", revision: String(revision), [`html.${item.id}`]: "<p>Paolo Ricci propone la raccolta di gennaio.</p>" }, params)));
    const corrected = await outcome(() => verbaleAction(post(path, coordinator, { intent: "publishCorrection", reason: "Il mese era sbagliato." }, params)));
    expect(corrected.status).toBe(302);
    expect(corrected.location).toBe(`${path}?fatto=publishCorrectionPublicDropped`);

    const stored = await db.verbale.findUniqueOrThrow({ where: { id: verbale.id } });
    expect(stored.publicAt).toBeNull();
    expect(stored.publicContent).toBeNull();
    expect((await outcome(() => publicVerbaleLoader(get(`/pubblico/verbali/${verbale.id}`, null, { id: verbale.id })))).status).toBe(404);
    expect(((await outcome(() => publicVerbaliLoader())).data as { verbali: unknown[] }).verbali).toEqual([]);
    expect((await listHistory("VERBALE", verbale.id)).map((e) => e.summary)).toContain(
      "Versione pubblica ritirata e da preparare di nuovo: il verbale è stato corretto (versione 2)",
    );

    // Prepared again, it comes from the corrected text.
    await outcome(() => verbaleAction(post(path, coordinator, { intent: "preparePublic" }, params)));
    const again = await db.verbale.findUniqueOrThrow({ where: { id: verbale.id } });
    expect(again.publicContent).toContain("[omissis] propone la raccolta di gennaio.");

    // A correction of a verbale with no public version says nothing about one.
    const { revision: r2 } = await db.verbale.findUniqueOrThrow({ where: { id: verbale.id } });
    await db.verbale.update({ where: { id: verbale.id }, data: { publicContent: null } });
    await outcome(() => verbaleAction(post(path, coordinator, { intent: "save", revision: String(r2), [`html.${item.id}`]: "<p>Testo di febbraio.</p>" }, params)));
    const plain = await outcome(() => verbaleAction(post(path, coordinator, { intent: "publishCorrection", reason: "Altro errore." }, params)));
    expect(plain.location).toBe(`${path}?fatto=publishCorrection`);
  });

  it("only a published verbale has a public version", async () => {
    const coordinator = await session("COORDINATOR", "Giulia Ferrari");
    const { meeting, verbale } = await publishedVerbale("<p>Testo.</p>");
    await db.verbale.update({ where: { id: verbale.id }, data: { status: "APPROVATO" } });
    const refused = await outcome(() => verbaleAction(post(`/riunioni/${meeting.id}/verbale`, coordinator, { intent: "preparePublic" }, { id: meeting.id })));
    expect(refused.status).toBe(409);
    expect((refused.data as Reply).errors.formError).toBe("Solo un verbale pubblicato ai componenti del tavolo può avere una versione pubblica.");
  });
});

describe("progetti e dati aperti", () => {
  /**
   * A project with approved, returned, submitted and draft rendicontazioni: only the approved one
   * (1.000,50 € of expenses, 7 families) may count anywhere public.
   */
  async function projectWithReports() {
    const fixture = await createProjectFixture({ partners: 2, programmedCents: 12_345_678 });
    await db.organisation.update({ where: { id: fixture.coordinator.organisationId }, data: { name: "Comune di Prova" } });
    await db.project.update({ where: { id: fixture.project.id }, data: { cup: "J41H22000250006", committedCents: 10_000_000n, disbursedCents: 2_500_000n } });
    const inPeriod1 = fixture.rendicontazioni.filter((r) => r.period.number === 1);
    const fill = async (id: string, status: string, cents: number, value: number, narrative: string) =>
      db.rendicontazione.update({
        where: { id },
        data: {
          status,
          narrative,
          approvedAt: status === "APPROVED" ? new Date() : null,
          indicatorValues: { create: [{ projectIndicatorId: fixture.projectIndicator.id, value }] },
          expenses: { create: [{ position: 1, category: "SERVIZI", description: "Spesa", amountCents: BigInt(cents), reference: "Fattura 1" }] },
        },
      });
    await fill(inPeriod1[0]!.id, "APPROVED", 100_050, 7, "<p>Narrazione approvata interna</p>");
    await fill(inPeriod1[1]!.id, "RETURNED", 900_000, 50, "<p>Narrazione restituita riservata</p>");
    await fill(inPeriod1[2]!.id, "SUBMITTED", 800_000, 40, "<p>Narrazione inviata riservata</p>");
    const inPeriod2 = fixture.rendicontazioni.find((r) => r.period.number === 2)!;
    await fill(inPeriod2.id, "DRAFT", 700_000, 30, "<p>Bozza riservata</p>");
    return fixture;
  }

  it("a project is 404 until opted in; its figures count only APPROVED rendicontazioni; open data matches the page", async () => {
    const fixture = await projectWithReports();
    const other = await createProjectFixture({ partners: 0 });
    const coordinator: SessionUser = { ...fixture.coordinator, role: "COORDINATOR", organisationName: "Comune di Prova", sessionId: "s-coordinatrice" };
    const projectId = fixture.project.id;

    expect((await outcome(() => publicProjectLoader(get(`/pubblico/progetti/${projectId}`, null, { id: projectId })))).status).toBe(404);
    expect(((await outcome(() => publicProjectsLoader())).data as { projects: unknown[] }).projects).toEqual([]);
    const emptyCsv = await (await dataFileLoader(get("/pubblico/dati/progetti.csv", null, { file: "progetti.csv" }))).text();
    expect(Papa.parse(emptyCsv.replace(/^\uFEFF/, ""), { header: true, delimiter: ";", skipEmptyLines: true }).data).toEqual([]);

    // The switch on the project page: coordinators only, recorded in the project's history.
    const member = await session("MEMBER", "Anna Bianchi");
    expect((await outcome(() => projectAction(post(`/progetti/${projectId}`, member, { intent: "publicFigures", publicFigures: "1" }, { id: projectId })))).status).toBe(403);
    const bad = await outcome(() => projectAction(post(`/progetti/${projectId}`, coordinator, { intent: "publicFigures", publicFigures: "sì" }, { id: projectId })));
    expect(bad.status).toBe(400);
    expect((bad.data as Reply).errors.fieldErrors.publicFigures).toBe("Scegli se rendere pubblici i dati del progetto.");
    const switched = await outcome(() => projectAction(post(`/progetti/${projectId}`, coordinator, { intent: "publicFigures", publicFigures: "1" }, { id: projectId })));
    expect(switched.status).toBe(200);
    expect((await listHistory("PROJECT", projectId)).map((e) => e.summary)).toContain(`Dati del progetto ${fixture.project.code} pubblicati sulle pagine pubbliche`);
    expect(((await outcome(() => projectLoader(get(`/progetti/${projectId}`, coordinator, { id: projectId })))).data as { publicFigures: boolean }).publicFigures).toBe(true);
    // The switch is the coordinators' own: nobody else's page carries it.
    const memberView = (await outcome(() => projectLoader(get(`/progetti/${projectId}`, member, { id: projectId })))).data as { publicFigures: null; project: object };
    expect(memberView.publicFigures).toBeNull();
    expect(memberView.project).not.toHaveProperty("publicFigures");

    const shown = await outcome(() => publicProjectLoader(get(`/pubblico/progetti/${projectId}`, null, { id: projectId })));
    expect(shown.status).toBe(200);
    const project = (shown.data as { project: Record<string, unknown> & { indicators: Record<string, unknown>[] } }).project;
    expect(project).toMatchObject({
      code: fixture.project.code,
      cup: "J41H22000250006",
      status: "In corso",
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      lead: fixture.lead.name,
      programmedCents: 12_345_678,
      admittedCents: 12_345_678,
      committedCents: 10_000_000,
      disbursedCents: 2_500_000,
      liquidatedCents: 100_050,
    });
    expect(project.partners).toEqual([fixture.lead.name, ...fixture.partners.map((p) => p.organisation.name)].sort((a, b) => a.localeCompare(b)));
    expect(project.indicators).toEqual([expect.objectContaining({ baseline: 0, target: 20, achieved: 7, lastValueOn: "2026-03-31" })]);
    const pageText = JSON.stringify(shown.data);
    for (const secret of ["Narrazione", "Bozza riservata", "Luca Capofila", "Paola Partner", "budgetCents"]) expect(pageText).not.toContain(secret);
    // The other project stays private everywhere.
    expect((await outcome(() => publicProjectLoader(get(`/pubblico/progetti/${other.project.id}`, null, { id: other.project.id })))).status).toBe(404);

    const list = (await outcome(() => publicProjectsLoader())).data as { projects: { id: string }[]; total: { projects: number; liquidatedCents: number; programmedCents: number } };
    expect(list.projects.map((p) => p.id)).toEqual([projectId]);
    expect(list.total).toMatchObject({ projects: 1, programmedCents: 12_345_678, liquidatedCents: 100_050 });

    // CSV: decision 016's conventions, the licence in the Link header, parses back to the page's figures.
    const csvResponse = await dataFileLoader(get("/pubblico/dati/progetti.csv", null, { file: "progetti.csv" }));
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csvResponse.headers.get("Content-Disposition")).toBe('attachment; filename="progetti.csv"');
    expect(csvResponse.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(csvResponse.headers.get("Link")).toMatch(/^<https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/>; rel="license"; title\*=UTF-8''Creative%20Commons/);
    // Response.text() would drop the byte order mark: read the bytes as they are sent.
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csvResponse.arrayBuffer());
    expect(csv.startsWith("\uFEFFcodice;cup;titolo;")).toBe(true);
    expect(csv).toContain("\r\n");
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, delimiter: ";", skipEmptyLines: true }).data;
    expect(rows).toEqual([
      {
        codice: fixture.project.code,
        cup: "J41H22000250006",
        titolo: fixture.project.title,
        stato: "In corso",
        data_inizio: "2026-01-01",
        data_fine: "2026-12-31",
        soggetto_attuatore: fixture.lead.name,
        partner: (project.partners as string[]).join(" | "),
        fonte_finanziamento: expect.any(String),
        importo_programmato: "123456,78",
        importo_ammesso: "123456,78",
        importo_impegnato: "100000,00",
        importo_erogato: "25000,00",
        importo_liquidato: "1000,50",
      },
    ]);
    // A second request naming the same ETag gets 304 without a body.
    const etag = csvResponse.headers.get("ETag")!;
    const cached = await dataFileLoader(routeArgs(new Request(`${BASE}/pubblico/dati/progetti.csv`, { headers: { "If-None-Match": etag } }), null, { file: "progetti.csv" }));
    expect(cached.status).toBe(304);

    // JSON: the metadata with the licence, and the same figures as the page.
    const jsonResponse = await dataFileLoader(get("/pubblico/dati/progetti.json", null, { file: "progetti.json" }));
    expect(jsonResponse.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(jsonResponse.headers.get("Content-Disposition")).toBe('inline; filename="progetti.json"');
    const json = (await jsonResponse.json()) as { metadati: Record<string, unknown>; dati: Record<string, unknown>[] };
    expect(json.metadati).toMatchObject({
      titolo: "Progetti del tavolo: dati finanziari",
      editore: "Comune di Prova",
      licenza: "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)",
      urlLicenza: "https://creativecommons.org/licenses/by/4.0/",
      url: "http://localhost:3000/pubblico/dati/progetti.json",
    });
    expect(json.metadati.aggiornato).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(json.dati).toEqual([
      expect.objectContaining({
        codice: project.code,
        importo_programmato: (project.programmedCents as number) / 100,
        importo_impegnato: (project.committedCents as number) / 100,
        importo_erogato: (project.disbursedCents as number) / 100,
        importo_liquidato: (project.liquidatedCents as number) / 100,
      }),
    ]);

    const indicators = (await (await dataFileLoader(get("/pubblico/dati/indicatori.json", null, { file: "indicatori.json" }))).json()) as { dati: Record<string, unknown>[] };
    expect(indicators.dati).toEqual([expect.objectContaining({ codice_progetto: project.code, valore_partenza: 0, target: 20, valore_raggiunto: 7, data_ultimo_valore: "2026-03-31" })]);
    const indicatorsCsv = await (await dataFileLoader(get("/pubblico/dati/indicatori.csv", null, { file: "indicatori.csv" }))).text();
    expect(Papa.parse<Record<string, string>>(indicatorsCsv.replace(/^\uFEFF/, ""), { header: true, delimiter: ";", skipEmptyLines: true }).data).toEqual([
      expect.objectContaining({ codice_progetto: project.code, valore_raggiunto: "7", percentuale_raggiungimento: "35" }),
    ]);
    for (const file of [csv, JSON.stringify(json), indicatorsCsv]) {
      for (const secret of ["Narrazione", "Bozza riservata", other.project.code]) expect(file).not.toContain(secret);
    }

    // The dataset page documents the columns and the licence; an unknown file is 404.
    const catalogue = (await outcome(() => dataPageLoader())).data as { licence: string; datasets: { name: string; columns: { name: string }[]; files: { path: string }[] }[] };
    expect(catalogue.licence).toBe("Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)");
    expect(catalogue.datasets.map((d) => d.files.map((f) => f.path))).toEqual([
      ["/pubblico/dati/progetti.csv", "/pubblico/dati/progetti.json"],
      ["/pubblico/dati/indicatori.csv", "/pubblico/dati/indicatori.json"],
    ]);
    expect(catalogue.datasets[0]!.columns.map((c) => c.name)).toEqual(Object.keys(json.dati[0]!));
    for (const file of ["progetti.xlsx", "segreti.csv", "progetti"]) {
      expect((await outcome(() => dataFileLoader(get(`/pubblico/dati/${file}`, null, { file })))).status).toBe(404);
    }

    // Taken off again: gone from the page and the files.
    await outcome(() => projectAction(post(`/progetti/${projectId}`, coordinator, { intent: "publicFigures", publicFigures: "0" }, { id: projectId })));
    expect((await outcome(() => publicProjectLoader(get(`/pubblico/progetti/${projectId}`, null, { id: projectId })))).status).toBe(404);
    expect(((await (await dataFileLoader(get("/pubblico/dati/progetti.json", null, { file: "progetti.json" }))).json()) as { dati: unknown[] }).dati).toEqual([]);
  });
});
