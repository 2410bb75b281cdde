import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import type { Role, SessionUser } from "~/context";
import { db } from "~/db.server";
import { saveMonthlyFigures } from "~/domain/aid-service-figures.server";
import { sendAidFiguresReminders } from "~/domain/aid-service-reminders.server";
import { createAidService, parseCatalogueFilters, searchAidServices, type AidServiceInput } from "~/domain/aid-services.server";
import { loader as homeLoader } from "~/routes/home";
import { loader as publicLoader } from "~/routes/public.services";
import { loader as serviceLoader } from "~/routes/service";
import { action as figuresAction, loader as figuresLoader } from "~/routes/service.figures";
import { action as editAction, loader as editLoader } from "~/routes/service.edit";
import { loader as guideLoader } from "~/routes/services.guide";
import { loader as exportLoader } from "~/routes/services.monitoring.export";
import { loader as monitoringLoader } from "~/routes/services.monitoring";
import { action as newAction, loader as newLoader } from "~/routes/services.new";
import { loader as catalogueLoader } from "~/routes/services";
import { createOrganisation, createUser } from "../factories";
import { startSmtpCatcher } from "../smtp";
import { deliverOutbox } from "../support/mail";
import { pdfText } from "../support/files";
import { routeArgs } from "../support/routes";

const BASE = "http://localhost:3000";

function session(user: { id: string; email: string; name: string; role: string; organisationId: string }): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, organisationId: user.organisationId, organisationName: "", sessionId: "sessione-di-prova" };
}

function post(path: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return new Request(`${BASE}${path}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
}

/** The status and body of what a loader or action returned or threw: a Response, or data() with its init. */
async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, location: value.headers.get("Location"), errors: undefined, data: undefined as never };
  if (value instanceof Error) throw value;
  const result = value as { data?: unknown; init?: { status: number } | null; type?: string };
  if (result && typeof result === "object" && result.type === "DataWithResponseInit") {
    const data = result.data as { errors?: { fieldErrors: Record<string, string> } };
    return { status: result.init?.status ?? 200, location: null, errors: data.errors, data: data as never };
  }
  return { status: 200, location: null, errors: undefined, data: value as never };
}

async function scene() {
  const comune = await createOrganisation({ name: "Comune di Prova", isCoordinator: true });
  const caritas = await createOrganisation({ name: "Caritas di Prova" });
  const banco = await createOrganisation({ name: "Banco di Prova" });
  const coordinator = session(await createUser({ role: "COORDINATOR", organisationId: comune.id, name: "Giulia Ferrari", email: "giulia@comune.example.org" }));
  const marco = session(await createUser({ role: "REFERENT", organisationId: caritas.id, name: "Marco Colombo", email: "marco@caritas.example.org" }));
  const paolo = session(await createUser({ role: "REFERENT", organisationId: banco.id, name: "Paolo Ricci", email: "paolo@banco.example.org" }));
  const anna = session(await createUser({ role: "MEMBER", organisationId: caritas.id, name: "Anna Bianchi", email: "anna@caritas.example.org" }));
  return { comune, caritas, banco, coordinator, marco, paolo, anna };
}

const serviceForm = (overrides: Record<string, string | string[]> = {}) => ({
  name: "Emporio solidale Il Granaio",
  kind: "EMPORIO_SOLIDALE",
  description: "Spesa gratuita con tessera a punti.",
  address: "Via Roma 10",
  area: "Crocetta",
  eligibility: "Famiglie residenti con ISEE sotto 9.360 euro",
  accessMode: "INVIO_CENTRO_ASCOLTO",
  accessNotes: "Portare la tessera",
  phone: "02 0000 1111",
  email: "emporio@caritas.example.org",
  capacity: "60 famiglie al mese",
  languages: "italiano, arabo",
  accessibility: "ACCESSIBILE",
  accessibilityNotes: "",
  status: "ACTIVE",
  openingDay: ["6", "3", ""],
  openingFrom: ["09:00", "15:00", ""],
  openingTo: ["12:30", "18:00", ""],
  ...overrides,
});

const input = (overrides: Partial<AidServiceInput> = {}): AidServiceInput => ({
  name: "Servizio",
  kind: "MENSA",
  description: "",
  address: "Via Verdi 1",
  area: "Centro",
  eligibility: "",
  accessMode: "ACCESSO_LIBERO",
  accessNotes: "",
  phone: "",
  email: "",
  capacity: "",
  languages: "",
  accessibility: "NON_INDICATA",
  accessibilityNotes: "",
  status: "ACTIVE",
  isPublic: false,
  openings: [{ weekday: 1, opensAt: 12 * 60, closesAt: 14 * 60 }],
  ...overrides,
});

const catalogue = async (user: SessionUser, query: string) =>
  (await outcome(() => catalogueLoader(routeArgs(new Request(`${BASE}/servizi?${query}`), user)))).data as { services: { name: string }[]; total: number };
const names = async (user: SessionUser, query: string) => (await catalogue(user, query)).services.map((s) => s.name);

describe("aid services: describing a service", () => {
  it("a referent adds a service of their organisation with its openings; publishing is left to coordinators", async () => {
    const { caritas, marco } = await scene();
    expect((await outcome(() => newLoader(routeArgs(new Request(`${BASE}/servizi/nuovo`), marco)))).status).toBe(200);
    const created = await outcome(() => newAction(routeArgs(post("/servizi/nuovo", serviceForm({ isPublic: "on", organisationId: "altro" })), marco)));
    expect(created.status).toBe(302);
    const service = await db.aidService.findFirstOrThrow({ include: { openings: { orderBy: { weekday: "asc" } } } });
    expect(created.location).toBe(`/servizi/${service.id}?aggiunto`);
    expect(service).toMatchObject({ organisationId: caritas.id, name: "Emporio solidale Il Granaio", area: "Crocetta", isPublic: false, languages: "italiano, arabo" });
    expect(service.openings.map((o) => [o.weekday, o.opensAt, o.closesAt])).toEqual([
      [3, 900, 1080],
      [6, 540, 750],
    ]);
    expect(await db.auditEvent.count({ where: { subjectType: "AID_SERVICE", subjectId: service.id } })).toBe(1);

    // Editing keeps the publication as it was, whatever a referent sends.
    const edited = await outcome(() =>
      editAction(routeArgs(post(`/servizi/${service.id}/modifica`, serviceForm({ isPublic: "on", area: "Sant'Eusebio", openingDay: ["5"], openingFrom: ["20:00"], openingTo: ["02:00"] })), marco, { id: service.id })),
    );
    expect(edited.status).toBe(302);
    const after = await db.aidService.findUniqueOrThrow({ where: { id: service.id }, include: { openings: true } });
    expect(after).toMatchObject({ area: "Sant'Eusebio", isPublic: false });
    expect(after.openings.map((o) => [o.weekday, o.opensAt, o.closesAt])).toEqual([[5, 1200, 120]]);
  });

  it("a coordinator chooses the organisation and publishes; a member may not add, another organisation's referent may not edit (403)", async () => {
    const { banco, coordinator, marco, paolo, anna } = await scene();
    expect((await outcome(() => newLoader(routeArgs(new Request(`${BASE}/servizi/nuovo`), anna)))).status).toBe(403);
    expect((await outcome(() => newAction(routeArgs(post("/servizi/nuovo", serviceForm()), anna)))).status).toBe(403);
    expect(await db.aidService.count()).toBe(0);

    const missingOrganisation = await outcome(() => newAction(routeArgs(post("/servizi/nuovo", serviceForm({ isPublic: "on" })), coordinator)));
    expect(missingOrganisation.status).toBe(400);
    expect(missingOrganisation.errors?.fieldErrors.organisationId).toBe("Scegli l'organizzazione che offre il servizio.");
    const created = await outcome(() => newAction(routeArgs(post("/servizi/nuovo", serviceForm({ isPublic: "on", organisationId: banco.id })), coordinator)));
    expect(created.status).toBe(302);
    const service = await db.aidService.findFirstOrThrow();
    expect(service).toMatchObject({ organisationId: banco.id, isPublic: true });

    expect((await outcome(() => editLoader(routeArgs(new Request(`${BASE}/servizi/${service.id}/modifica`), marco, { id: service.id })))).status).toBe(403);
    const refused = await outcome(() => editAction(routeArgs(post(`/servizi/${service.id}/modifica`, serviceForm({ name: "Preso" })), marco, { id: service.id })));
    expect(refused.status).toBe(403);
    expect((await outcome(() => editLoader(routeArgs(new Request(`${BASE}/servizi/${service.id}/modifica`), paolo, { id: service.id })))).status).toBe(200);
    expect((await db.aidService.findUniqueOrThrow({ where: { id: service.id } })).name).toBe("Emporio solidale Il Granaio");
    expect((await outcome(() => editLoader(routeArgs(new Request(`${BASE}/servizi/nessuno/modifica`), paolo, { id: "nessuno" })))).status).toBe(404);
  });

  it("bad times, missing fields or no opening of an active service: 400 with the reasons, nothing written", async () => {
    const { marco } = await scene();
    const bad = await outcome(() =>
      newAction(
        routeArgs(post("/servizi/nuovo", serviceForm({ name: " ", area: "", openingDay: ["6", "", "9"], openingFrom: ["25:00", "10:00", "09:00"], openingTo: ["12:00", "11:00", "10:00"] })), marco),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.errors?.fieldErrors).toMatchObject({
      name: "Inserisci il nome del servizio.",
      area: "Indica la zona della città (quartiere o frazione).",
      "opening.0": "Fascia 1: l'ora di apertura non è valida (usa il formato 09:00).",
      "opening.1": "Fascia 2: scegli il giorno.",
      "opening.2": "Fascia 3: scegli il giorno.",
    });
    const none = await outcome(() => newAction(routeArgs(post("/servizi/nuovo", serviceForm({ openingDay: [""], openingFrom: [""], openingTo: [""] })), marco)));
    expect(none.status).toBe(400);
    expect(none.errors?.fieldErrors.openings).toContain("Indica almeno un giorno e un orario di apertura");
    const same = await outcome(() => newAction(routeArgs(post("/servizi/nuovo", serviceForm({ openingDay: ["1"], openingFrom: ["10:00"], openingTo: ["10:00"] })), marco)));
    expect(same.errors?.fieldErrors["opening.0"]).toBe("Fascia 1: apertura e chiusura coincidono.");
    const kind = await outcome(() => newAction(routeArgs(post("/servizi/nuovo", serviceForm({ kind: "CASINO", email: "non-una-mail" })), marco)));
    expect(Object.keys(kind.errors?.fieldErrors ?? {}).sort()).toEqual(["email", "kind"]);
    expect(await db.aidService.count()).toBe(0);
    expect(await db.aidServiceOpening.count()).toBe(0);

    // A suspended service may have no opening hours.
    const suspended = await outcome(() => newAction(routeArgs(post("/servizi/nuovo", serviceForm({ status: "SUSPENDED", openingDay: [""], openingFrom: [""], openingTo: [""] })), marco)));
    expect(suspended.status).toBe(302);
  });
});

describe("aid services: finding a service", () => {
  async function catalogueScene() {
    const s = await scene();
    const caritasEditor = { ...s.marco, role: "REFERENT" };
    const bancoEditor = { ...s.paolo, role: "REFERENT" };
    await createAidService(input({ name: "Emporio del sabato", kind: "EMPORIO_SOLIDALE", area: "Crocetta", openings: [{ weekday: 6, opensAt: 9 * 60, closesAt: 12 * 60 + 30 }] }), caritasEditor);
    await createAidService(input({ name: "Dormitorio notturno", kind: "ACCOGLIENZA_ABITATIVA", area: "Centro", openings: [{ weekday: 5, opensAt: 20 * 60, closesAt: 2 * 60 }] }), caritasEditor);
    await createAidService(input({ name: "Mensa di mezzogiorno", kind: "MENSA", area: "Centro", openings: [{ weekday: 6, opensAt: 12 * 60, closesAt: 14 * 60 }] }), bancoEditor);
    await createAidService(input({ name: "Unità di strada della domenica", kind: "ALTRO", area: "Borgo", openings: [{ weekday: 7, opensAt: 2 * 60, closesAt: 4 * 60 }] }), bancoEditor);
    await createAidService(input({ name: "Vestiario chiuso", kind: "VESTIARIO", area: "Crocetta", status: "CLOSED", openings: [] }), bancoEditor);
    return s;
  }

  it("filters by kind, area, organisation and words in the query; closed services only when asked", async () => {
    const { anna, banco } = await catalogueScene();
    expect(await names(anna, "")).toEqual(["Dormitorio notturno", "Emporio del sabato", "Mensa di mezzogiorno", "Unità di strada della domenica"]);
    expect(await names(anna, "tipo=MENSA")).toEqual(["Mensa di mezzogiorno"]);
    expect(await names(anna, "zona=Crocetta")).toEqual(["Emporio del sabato"]);
    expect(await names(anna, "zona=Crocetta&stato=tutti")).toEqual(["Emporio del sabato", "Vestiario chiuso"]);
    expect(await names(anna, `organizzazione=${banco.id}`)).toEqual(["Mensa di mezzogiorno", "Unità di strada della domenica"]);
    expect(await names(anna, "q=DORMITORIO")).toEqual(["Dormitorio notturno"]);
    expect(await names(anna, "q=banco di prova&tipo=MENSA")).toEqual(["Mensa di mezzogiorno"]);
  });

  it("open on a day and time: Saturday morning, and Friday's night shelter still open on Saturday at 01:00", async () => {
    const { anna } = await catalogueScene();
    expect(await names(anna, "giorno=6&fascia=mattina")).toEqual(["Emporio del sabato", "Mensa di mezzogiorno"]);
    expect(await names(anna, "giorno=6&fascia=pomeriggio")).toEqual(["Mensa di mezzogiorno"]);
    expect(await names(anna, "giorno=6&ora=01:00")).toEqual(["Dormitorio notturno"]);
    expect(await names(anna, "giorno=6&ora=02:00")).toEqual([]);
    expect(await names(anna, "giorno=5&ora=01:00")).toEqual([]);
    expect(await names(anna, "giorno=5&fascia=sera")).toEqual(["Dormitorio notturno"]);
    expect(await names(anna, "giorno=6")).toEqual(["Dormitorio notturno", "Emporio del sabato", "Mensa di mezzogiorno"]);
    expect(await names(anna, "giorno=6&fascia=mattina&tipo=MENSA")).toEqual(["Mensa di mezzogiorno"]);
  });

  it("open at an instant, on the Rome wall clock across daylight saving", async () => {
    await catalogueScene();
    const openAt = async (instant: string) =>
      (await searchAidServices(parseCatalogueFilters(new URLSearchParams()), { openAt: new Date(instant) })).services.map((s) => s.name);
    // Sunday 28 March 2027: at 01:00 UTC clocks go from 02:00 to 03:00. 01:30Z is 03:30 CEST.
    expect(await openAt("2027-03-28T01:30:00Z")).toEqual(["Unità di strada della domenica"]);
    expect(await openAt("2027-03-28T00:30:00Z")).toEqual([]);
    expect(await openAt("2027-03-28T02:30:00Z")).toEqual([]);
    // Sunday 31 October 2027: 02:30 comes twice, both inside the 02:00–04:00 opening; 03:30 CET too.
    expect(await openAt("2027-10-31T00:30:00Z")).toEqual(["Unità di strada della domenica"]);
    expect(await openAt("2027-10-31T01:30:00Z")).toEqual(["Unità di strada della domenica"]);
    expect(await openAt("2027-10-31T02:30:00Z")).toEqual(["Unità di strada della domenica"]);
    expect(await openAt("2027-10-31T03:30:00Z")).toEqual([]);
    // Friday night in summer: Saturday 00:30 in Rome is Friday 22:30 UTC.
    expect(await openAt("2027-06-04T22:30:00Z")).toEqual(["Dormitorio notturno"]);
  });

  it("the public guide lists only published active services, filtered by kind and day, without sign-in", async () => {
    const { coordinator, banco } = await scene();
    const editor = { ...coordinator };
    await createAidService(input({ name: "Mensa pubblica", organisationId: banco.id, isPublic: true, openings: [{ weekday: 2, opensAt: 720, closesAt: 840 }] }), editor);
    await createAidService(input({ name: "Emporio pubblico", kind: "EMPORIO_SOLIDALE", organisationId: banco.id, isPublic: true, openings: [{ weekday: 6, opensAt: 540, closesAt: 720 }] }), editor);
    await createAidService(input({ name: "Mensa riservata", organisationId: banco.id, isPublic: false }), editor);
    await createAidService(input({ name: "Mensa sospesa", organisationId: banco.id, isPublic: true, status: "SUSPENDED" }), editor);
    const page = async (query: string) =>
      ((await outcome(() => publicLoader(routeArgs(new Request(`${BASE}/pubblico/servizi?${query}`), null)))).data as { services: Record<string, unknown>[] }).services;
    const all = await page("");
    expect(all.map((s) => s.name)).toEqual(["Emporio pubblico", "Mensa pubblica"]);
    expect(Object.keys(all[0]!)).not.toContain("capacity");
    expect(Object.keys(all[0]!)).not.toContain("description");
    expect((await page("tipo=MENSA")).map((s) => s.name)).toEqual(["Mensa pubblica"]);
    expect((await page("giorno=6")).map((s) => s.name)).toEqual(["Emporio pubblico"]);
    // Internal filters are not honoured on the public page.
    expect((await page("stato=tutti")).map((s) => s.name)).toEqual(["Emporio pubblico", "Mensa pubblica"]);
    const signedOut = await outcome(() => catalogueLoader(routeArgs(new Request(`${BASE}/servizi`), null)));
    expect(signedOut.status).toBe(302);
    expect((await outcome(() => editLoader(routeArgs(new Request(`${BASE}/servizi/nessuno/modifica`), null, { id: "nessuno" })))).status).toBe(302);
    expect((await outcome(() => figuresLoader(routeArgs(new Request(`${BASE}/servizi/nessuno/dati-mensili`), null, { id: "nessuno" })))).status).toBe(302);
  });

  it("the guide PDF groups the filtered services by kind, each sorted by name", async () => {
    const { anna } = await catalogueScene();
    await createAidService(input({ name: "Alfa mensa serale", kind: "MENSA", area: "Centro", openings: [{ weekday: 6, opensAt: 19 * 60, closesAt: 21 * 60 }] }), { ...anna, role: "REFERENT" });
    const response = (await guideLoader(routeArgs(new Request(`${BASE}/servizi/guida.pdf?giorno=6`), anna))) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Guida ai servizi del territorio");
    expect(text).toContain("aperti sabato");
    const order = ["Emporio solidale", "Emporio del sabato", "Mensa", "Alfa mensa serale", "Mensa di mezzogiorno", "Accoglienza abitativa", "Dormitorio notturno"];
    const lines = text.split("\n");
    const positions = order.map((line) => lines.indexOf(line));
    expect(positions.every((p) => p >= 0)).toBe(true);
    // Kinds in the catalogue's order (emporio before mensa before accoglienza abitativa).
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).not.toContain("Unità di strada della domenica");
    expect(text).toContain("Via Verdi 1 (Centro)");
  });
});

describe("aid services: monthly figures", () => {
  async function figuresScene() {
    const s = await scene();
    const service = await createAidService(input({ name: "Emporio di prova", kind: "EMPORIO_SOLIDALE", area: "Crocetta" }), s.marco);
    for (const [month, value] of [["2026-06", 40], ["2026-07", 38], ["2026-08", 42]] as const) {
      await saveMonthlyFigures(service, new Date(`${month}-01T00:00:00Z`), { nothingToReport: false, note: "", values: { FAMIGLIE_SERVITE: value, PACCHI_DISTRIBUITI: 3 * value }, confirmed: false }, s.marco);
    }
    return { ...s, service };
  }
  const figures = (id: string, user: SessionUser, fields: Record<string, string>) =>
    outcome(() => figuresAction(routeArgs(post(`/servizi/${id}/dati-mensili`, fields), user, { id })));

  it("an unusual value is not saved until confirmed (422 with the warning next to the field)", async () => {
    const { service, marco } = await figuresScene();
    const unusual = await figures(service.id, marco, { mese: "2026-09", "metric.FAMIGLIE_SERVITE": "480", "metric.PACCHI_DISTRIBUITI": "120" });
    expect(unusual.status).toBe(422);
    expect(unusual.errors?.fieldErrors["metric.FAMIGLIE_SERVITE"]).toBe("Il valore 480 è molto diverso dal solito (mediana 40): controlla e conferma.");
    expect(unusual.errors?.fieldErrors["metric.PACCHI_DISTRIBUITI"]).toBeUndefined();
    expect(unusual.errors?.fieldErrors.confirm).toBeTruthy();
    expect(await db.aidServiceMonthlyReport.count({ where: { month: new Date("2026-09-01T00:00:00Z") } })).toBe(0);

    const confirmed = await figures(service.id, marco, { mese: "2026-09", "metric.FAMIGLIE_SERVITE": "480", "metric.PACCHI_DISTRIBUITI": "120", confirm: "on" });
    expect(confirmed.status).toBe(302);
    expect(confirmed.location).toBe(`/servizi/${service.id}?dati-salvati`);
    const report = await db.aidServiceMonthlyReport.findFirstOrThrow({ where: { month: new Date("2026-09-01T00:00:00Z") }, include: { figures: { orderBy: { metric: "asc" } } } });
    expect(report.figures.map((f) => [f.metric, f.value])).toEqual([
      ["FAMIGLIE_SERVITE", 480],
      ["PACCHI_DISTRIBUITI", 120],
    ]);
    // A tenth of the median asks too.
    expect((await figures(service.id, marco, { mese: "2026-10", "metric.FAMIGLIE_SERVITE": "3" })).status).toBe(422);
    // Ordinary values go straight in.
    expect((await figures(service.id, marco, { mese: "2026-10", "metric.FAMIGLIE_SERVITE": "45" })).status).toBe(302);
  });

  it("a referent's home page lists their services still without last month's figures, until they are entered", async () => {
    const { service, marco, paolo, coordinator } = await figuresScene();
    // The home page reads the clock: on 3 November the month owed is October.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-03T09:00:00Z") });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    await db.aidService.update({ where: { id: service.id }, data: { createdAt: new Date("2026-05-01T00:00:00Z") } });
    // Added this month: owes nothing for October.
    await createAidService(input({ name: "Doposcuola appena aperto", kind: "DOPOSCUOLA" }), marco);
    const home = async (user: SessionUser) => (await homeLoader(routeArgs(new Request(`${BASE}/`), user))).figures;

    expect(await home(marco)).toEqual({ month: "ottobre 2026", services: [{ id: service.id, name: "Emporio di prova" }] });
    expect(await home(paolo)).toBeNull();
    expect(await home(coordinator)).toBeNull();

    await saveMonthlyFigures(service, new Date("2026-10-01T00:00:00Z"), { nothingToReport: true, note: "", values: {}, confirmed: false }, marco);
    expect(await home(marco)).toBeNull();
  });

  it("nothing to report, correcting a month, bad values and months, and who may enter them", async () => {
    const { service, marco, paolo, anna, coordinator } = await figuresScene();
    const nothing = await figures(service.id, marco, { mese: "2026-09", nothingToReport: "on", "metric.FAMIGLIE_SERVITE": "12", note: "Chiuso per ferie" });
    expect(nothing.status).toBe(302);
    let report = await db.aidServiceMonthlyReport.findFirstOrThrow({ where: { month: new Date("2026-09-01T00:00:00Z") }, include: { figures: true } });
    expect(report).toMatchObject({ nothingToReport: true, note: "Chiuso per ferie", figures: [] });

    // Correcting the same month replaces it.
    expect((await figures(service.id, coordinator, { mese: "2026-09", "metric.FAMIGLIE_SERVITE": "41" })).status).toBe(302);
    report = await db.aidServiceMonthlyReport.findFirstOrThrow({ where: { month: new Date("2026-09-01T00:00:00Z") }, include: { figures: true } });
    expect(report).toMatchObject({ nothingToReport: false, note: "", figures: [{ metric: "FAMIGLIE_SERVITE", value: 41 }] });
    expect(await db.aidServiceMonthlyReport.count({ where: { serviceId: service.id } })).toBe(4);

    const bad = await figures(service.id, marco, { mese: "2026-10", "metric.FAMIGLIE_SERVITE": "-3", "metric.PACCHI_DISTRIBUITI": "2,5", "metric.PERSONE_NUOVE": "2.5" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.errors?.fieldErrors ?? {}).sort()).toEqual(["metric.FAMIGLIE_SERVITE", "metric.PACCHI_DISTRIBUITI", "metric.PERSONE_NUOVE"]);
    expect(bad.errors?.fieldErrors["metric.PERSONE_NUOVE"]).toBe("Scrivi un numero intero, zero o più (senza decimali).");
    const empty = await figures(service.id, marco, { mese: "2026-10" });
    expect(empty.errors?.fieldErrors.nothingToReport).toBe("Inserisci almeno un valore, oppure scegli «Niente da segnalare questo mese».");
    expect((await figures(service.id, marco, { mese: "2099-01", "metric.FAMIGLIE_SERVITE": "1" })).status).toBe(400);
    expect((await figures(service.id, marco, { mese: "marzo", "metric.FAMIGLIE_SERVITE": "1" })).status).toBe(400);
    expect((await figures(service.id, paolo, { mese: "2026-10", "metric.FAMIGLIE_SERVITE": "1" })).status).toBe(403);
    expect((await figures(service.id, anna, { mese: "2026-10", "metric.FAMIGLIE_SERVITE": "1" })).status).toBe(403);
    expect(await db.aidServiceMonthlyReport.count({ where: { month: new Date("2026-10-01T00:00:00Z") } })).toBe(0);

    expect((await figures(service.id, marco, { mese: "2026-10", "metric.PACCHI_DISTRIBUITI": "1.200", confirm: "on" })).status).toBe(302);
    expect(await db.aidServiceFigure.findFirst({ where: { report: { month: new Date("2026-10-01T00:00:00Z") } }, select: { metric: true, value: true } })).toEqual({ metric: "PACCHI_DISTRIBUITI", value: 1200 });
    const page = await outcome(() => figuresLoader(routeArgs(new Request(`${BASE}/servizi/${service.id}/dati-mensili?mese=2026-09`), marco, { id: service.id })));
    expect(page.data).toMatchObject({ month: "2026-09", monthLabel: "settembre 2026", report: { values: { FAMIGLIE_SERVITE: "41" } } });
    expect((page.data as { metrics: { code: string }[] }).metrics.map((m) => m.code)).toEqual(["FAMIGLIE_SERVITE", "PERSONE_NUOVE", "INVII_SERVIZI_SOCIALI", "PACCHI_DISTRIBUITI"]);

    // The service's page shows the last months to everyone, and the links to enter them to its referents.
    const detail = async (user: SessionUser) => (await outcome(() => serviceLoader(routeArgs(new Request(`${BASE}/servizi/${service.id}`), user, { id: service.id })))).data as {
      reports: { month: string; nothingToReport: boolean; values: Record<string, number> }[];
      history: { summary: string }[];
      canEdit: boolean;
    };
    const seen = await detail(anna);
    expect(seen.canEdit).toBe(false);
    expect(seen.reports.map((r) => [r.month, r.values.FAMIGLIE_SERVITE])).toEqual([
      ["ottobre 2026", undefined],
      ["settembre 2026", 41],
      ["agosto 2026", 42],
      ["luglio 2026", 38],
      ["giugno 2026", 40],
    ]);
    expect(seen.history[0]?.summary).toBe("Dati mensili inseriti per ottobre 2026: Pacchi alimentari distribuiti 1200");
    expect((await detail(marco)).canEdit).toBe(true);
  });

  it("the dashboard sums by kind, area and month, lists who has not reported, and exports every figure", async () => {
    const { service, marco, anna, banco, coordinator } = await figuresScene();
    const mensa = await createAidService(input({ name: "Mensa di prova", area: "Centro", organisationId: banco.id }), coordinator);
    await saveMonthlyFigures(mensa, new Date("2026-08-01T00:00:00Z"), { nothingToReport: false, note: "", values: { FAMIGLIE_SERVITE: 10, PASTI_SERVITI: 600 }, confirmed: false }, coordinator);
    await saveMonthlyFigures(mensa, new Date("2026-07-01T00:00:00Z"), { nothingToReport: true, note: "Chiusura estiva", values: {}, confirmed: false }, coordinator);
    // The services were described in mid-November, whatever day the test runs: they owe November's figures, not October's.
    await db.aidService.updateMany({ data: { createdAt: new Date("2026-11-10T09:00:00Z") } });
    void marco;
    const now = new Date("2026-09-15T10:00:00Z");
    const { monitoringData, parseMonitoringRange } = await import("~/domain/aid-service-monitoring.server");
    const range = parseMonitoringRange(new URLSearchParams("dal=2026-06&al=2026-08"), now);
    const data = await monitoringData(range, now);
    expect(data.totals).toEqual({ FAMIGLIE_SERVITE: 130, PACCHI_DISTRIBUITI: 360, PASTI_SERVITI: 600 });
    expect(data.byKind.map((g) => [g.label, g.reports, g.totals.FAMIGLIE_SERVITE])).toEqual([
      ["Emporio solidale", 3, 120],
      ["Mensa", 2, 10],
    ]);
    expect(data.byArea.map((g) => [g.label, g.totals.FAMIGLIE_SERVITE ?? 0])).toEqual([
      ["Centro", 10],
      ["Crocetta", 120],
    ]);
    expect(data.byMonth.map((g) => [g.key, g.reports])).toEqual([
      ["2026-06", 1],
      ["2026-07", 2],
      ["2026-08", 2],
    ]);
    expect(data.kindOverTime).toEqual([
      { key: "EMPORIO_SOLIDALE", label: "Emporio solidale", values: [40, 38, 42] },
      { key: "MENSA", label: "Mensa", values: [0, 0, 10] },
    ]);
    expect(data.areaOverTime.map((s) => [s.label, s.values])).toEqual([
      ["Centro", [0, 0, 10]],
      ["Crocetta", [40, 38, 42]],
    ]);
    expect(data.nothingToReportCount).toBe(1);
    expect(data.lastMonth).toBe("agosto 2026");
    expect(data.missing).toEqual([]);
    const december = new Date("2026-12-05T10:00:00Z");
    const later = await monitoringData(parseMonitoringRange(new URLSearchParams(), december), december);
    expect(later.missing.map((s) => s.name)).toEqual(["Mensa di prova", "Emporio di prova"]);
    expect((await outcome(() => monitoringLoader(routeArgs(new Request(`${BASE}/servizi/monitoraggio`), anna)))).status).toBe(200);

    const csvResponse = (await exportLoader(routeArgs(new Request(`${BASE}/servizi/monitoraggio/esporta/csv?dal=2026-06&al=2026-08`), anna, { format: "csv" }))) as Response;
    expect(csvResponse.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const csv = Papa.parse<string[]>((await csvResponse.text()).replace(/^\uFEFF/, ""), { delimiter: ";", skipEmptyLines: true }).data;
    expect(csv[0]).toEqual(["Mese", "Servizio", "Organizzazione", "Tipo di servizio", "Zona", "Indicatore", "Valore", "Niente da segnalare", "Nota"]);
    expect(csv).toContainEqual(["2026-07", "Mensa di prova", "Banco di Prova", "Mensa", "Centro", "", "", "sì", "Chiusura estiva"]);
    expect(csv).toContainEqual(["2026-08", "Emporio di prova", "Caritas di Prova", "Emporio solidale", "Crocetta", "Famiglie servite", "42", "no", ""]);
    expect(csv).toHaveLength(1 + 3 * 2 + 1 + 2);

    const xlsxResponse = (await exportLoader(routeArgs(new Request(`${BASE}/servizi/monitoraggio/esporta/xlsx?dal=2026-06&al=2026-08`), anna, { format: "xlsx" }))) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsxResponse.arrayBuffer());
    const sheet = workbook.getWorksheet("Dati mensili")!;
    expect(sheet.rowCount).toBe(csv.length);
    expect(sheet.getRow(2).values).toEqual([undefined, "2026-06", "Emporio di prova", "Caritas di Prova", "Emporio solidale", "Crocetta", "Famiglie servite", 40, "no", ""]);
    expect((await outcome(() => exportLoader(routeArgs(new Request(`${BASE}/servizi/monitoraggio/esporta/pdf`), anna, { format: "pdf" })))).status).toBe(404);
    void service;
  });
});

describe("aid services: the monthly reminder", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(() => smtp.close());
  beforeEach(() => {
    smtp.messages.length = 0;
  });
  const deliver = () => deliverOutbox(smtp);

  it("from the 1st, once per organisation and month, to its referents (or its delegate); none when everything is in", async () => {
    const { caritas, banco, marco, paolo, coordinator } = await scene();
    await createUser({ role: "REFERENT", organisationId: caritas.id, email: "ex@caritas.example.org", active: false });
    // An organisation without referents hears through its delegate.
    const parish = await createOrganisation({ name: "Parrocchia di Prova" });
    const delegate = await createUser({ role: "MEMBER", organisationId: parish.id, name: "Don Luigi", email: "luigi@parrocchia.example.org" });
    await db.organisation.update({ where: { id: parish.id }, data: { delegateId: delegate.id } });
    const emporio = await createAidService(input({ name: "Emporio", kind: "EMPORIO_SOLIDALE" }), marco);
    await createAidService(input({ name: "Ascolto", kind: "SPORTELLO_ASCOLTO" }), marco);
    await createAidService(input({ name: "Chiuso", status: "CLOSED", openings: [] }), marco);
    const mensa = await createAidService(input({ name: "Mensa del Banco" }), paolo);
    await createAidService(input({ name: "Doposcuola", kind: "DOPOSCUOLA", organisationId: parish.id }), coordinator);
    // The services were described in mid-November, whatever day the test runs: they owe November's figures, not October's.
    await db.aidService.updateMany({ data: { createdAt: new Date("2026-11-10T09:00:00Z") } });
    // Banco has entered November already.
    await saveMonthlyFigures(mensa, new Date("2026-11-01T00:00:00Z"), { nothingToReport: true, note: "", values: {}, confirmed: false }, paolo);
    void banco;

    // 30 November, 23:30 in Rome: still November.
    expect(await sendAidFiguresReminders(new Date("2026-11-30T22:30:00Z"))).toBe(0);
    // 1 December 00:30 in Rome.
    expect(await sendAidFiguresReminders(new Date("2026-11-30T23:30:00Z"))).toBe(2);
    const mails = await deliver();
    expect(mails.map((m) => m.to)).toEqual([["luigi@parrocchia.example.org"], ["marco@caritas.example.org"]]);
    const toMarco = mails[1]!;
    expect(toMarco.subject).toBe("Dati mensili dei servizi: novembre 2026");
    expect(toMarco.text).toContain("Buongiorno Marco Colombo, è iniziato il nuovo mese: ti chiediamo di inserire i dati di novembre 2026 dei servizi di Caritas di Prova");
    expect(toMarco.text).toContain(`Dati di novembre 2026: Emporio:\nhttp://localhost:3000/servizi/${emporio.id}/dati-mensili?mese=2026-11`);
    expect(toMarco.text).toContain("Dati di novembre 2026: Ascolto:");
    expect(toMarco.text).not.toContain("Chiuso");

    // Hourly runs the same month send nothing more, even once a service has entered its figures.
    expect(await sendAidFiguresReminders(new Date("2026-12-01T09:00:00Z"))).toBe(0);
    expect(await sendAidFiguresReminders(new Date("2026-12-20T09:00:00Z"))).toBe(0);
    expect(await deliver()).toEqual([]);
    expect(await db.aidServiceReminder.count()).toBe(2);

    // A new month re-arms it; Caritas has entered December for both services, so only the parish.
    for (const service of await db.aidService.findMany({ where: { organisationId: caritas.id, status: "ACTIVE" } })) {
      await saveMonthlyFigures(service, new Date("2026-12-01T00:00:00Z"), { nothingToReport: false, note: "", values: { FAMIGLIE_SERVITE: 5 }, confirmed: false }, marco);
    }
    expect(await sendAidFiguresReminders(new Date("2027-01-01T08:00:00Z"))).toBe(2);
    expect((await deliver()).map((m) => m.to[0])).toEqual(["luigi@parrocchia.example.org", "paolo@banco.example.org"]);
  });

  it("concurrent runs send each organisation's reminder once", async () => {
    const { marco, paolo } = await scene();
    await createUser({ role: "REFERENT", organisationId: marco.organisationId, name: "Lucia Galli", email: "lucia@caritas.example.org" });
    await createAidService(input({ name: "Emporio" }), marco);
    await createAidService(input({ name: "Mensa" }), paolo);
    const runs = await Promise.all(Array.from({ length: 4 }, () => sendAidFiguresReminders(new Date("2027-02-01T08:00:00Z"))));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(3);
    expect((await deliver()).map((m) => m.to[0])).toEqual(["lucia@caritas.example.org", "marco@caritas.example.org", "paolo@banco.example.org"]);
    expect(await db.aidServiceReminder.count()).toBe(2);
  });
});
