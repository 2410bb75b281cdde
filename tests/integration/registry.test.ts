import { describe, expect, it } from "vitest";
import { fiscalCodeFor } from "../../prisma/demo/registry";
import type { SessionUser } from "~/context";
import { db } from "~/db.server";
import { listHistory } from "~/domain/audit.server";
import { createNetwork, updateNetwork } from "~/domain/networks.server";
import {
  createOrganisation,
  findOrganisations,
  type MembershipFields,
  type OrganisationFields,
  organisationsWithStatusOn,
  parseRegistryFilters,
  recordMembershipChange,
  refreshMembershipStatuses,
  statusOn,
  updateOrganisation,
} from "~/domain/organisations.server";
import { loader as organisationLoader } from "~/routes/organisation";
import { action as contactsAction } from "~/routes/organisation.contacts";
import { action as editAction, loader as editLoader } from "~/routes/organisation.edit";
import { action as statusAction } from "~/routes/organisation.status";
import { action as newOrganisationAction } from "~/routes/organisations.new";
import { parseDay } from "~/utils/dates";
import { createOrganisation as createTestOrganisation, createUser, sessionUser } from "../factories";
import { routeArgs } from "../support/routes";

// --- Helpers ---------------------------------------------------------------------------------

let fiscalIndex = 0;

function fields(overrides: Partial<OrganisationFields> = {}): OrganisationFields {
  return {
    name: `Cooperativa di prova ${++fiscalIndex}`,
    shortName: "",
    legalForm: "COOPERATIVA_SOCIALE_A",
    codiceFiscale: fiscalCodeFor(1000 + fiscalIndex),
    partitaIva: "",
    runtsNumber: "",
    runtsSection: "",
    address: "",
    phone: "",
    email: "",
    pec: "",
    website: "",
    description: "",
    ...overrides,
  };
}

const day = (value: string) => {
  const parsed = parseDay(value);
  if (!parsed) throw new Error(`bad day ${value}`);
  return parsed;
};
const step = (status: MembershipFields["status"], on: string, reason = ""): MembershipFields => ({ status, effectiveOn: day(on), reason });

const asSessionUser = (user: { id: string; email: string; name: string; role: string; organisationId: string }): SessionUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role as SessionUser["role"],
  organisationId: user.organisationId,
  organisationName: "Organizzazione di prova",
  sessionId: "sessione-di-prova",
});

const post = (path: string, values: Record<string, string>) =>
  new Request(`http://localhost:3000${path}`, { method: "POST", body: new URLSearchParams(values) });

/** The status and body of what a loader or action returned or threw: a Response, or data() with its init. */
async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, location: value.headers.get("Location"), body: null as unknown };
  if (value && typeof value === "object" && "init" in value && "data" in value) {
    const init = (value as { init?: { status?: number } }).init;
    return { status: init?.status ?? 200, location: null, body: (value as { data: unknown }).data };
  }
  return { status: 200, location: null, body: value };
}

const fieldErrors = (body: unknown) => (body as { errors: { fieldErrors: Record<string, string> } }).errors.fieldErrors;

const registryForm = (values: OrganisationFields) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));

// --- Tests -----------------------------------------------------------------------------------

describe("creating an organisation", () => {
  it("records its first membership step and an audit event", async () => {
    const coordinator = asSessionUser(await createUser({ role: "COORDINATOR", name: "Giulia Ferrari" }));
    const result = await outcome(() =>
      newOrganisationAction(
        routeArgs(
          post("/organizzazioni/nuova", {
            ...registryForm(fields({ name: "Emporio Solidale Nord", codiceFiscale: fiscalCodeFor(1) })),
            status: "PARTNER",
            effectiveOn: "2024-03-01",
            reason: "",
          }),
          coordinator,
        ),
      ),
    );
    const organisation = await db.organisation.findUniqueOrThrow({ where: { name: "Emporio Solidale Nord" } });
    expect(result).toMatchObject({ status: 302, location: `/organizzazioni/${organisation.id}` });
    expect(organisation.status).toBe("PARTNER");
    const steps = await db.membershipChange.findMany({ where: { organisationId: organisation.id } });
    expect(steps).toEqual([expect.objectContaining({ status: "PARTNER", effectiveOn: day("2024-03-01"), recordedById: coordinator.id })]);
    const history = await listHistory("ORGANISATION", organisation.id);
    expect(history).toEqual([expect.objectContaining({ summary: "Organizzazione registrata come partner dal 1 marzo 2024", actorName: "Giulia Ferrari" })]);
  });

  it("refuses a duplicate name or codice fiscale with 409, naming the field, and writes nothing", async () => {
    const coordinator = asSessionUser(await createUser({ role: "COORDINATOR" }));
    await createOrganisation(fields({ name: "Auser Cinisello", codiceFiscale: fiscalCodeFor(2) }), step("PARTNER", "2023-01-01"), sessionUser(coordinator));
    const before = await db.organisation.count();

    const sameName = await outcome(() =>
      newOrganisationAction(
        routeArgs(post("/organizzazioni/nuova", { ...registryForm(fields({ name: "Auser Cinisello" })), status: "ADERENTE", effectiveOn: "2024-01-01" }), coordinator),
      ),
    );
    expect(sameName.status).toBe(409);
    expect(fieldErrors(sameName.body)).toEqual({ name: "Esiste già un'organizzazione con questo nome." });

    const sameCode = await outcome(() =>
      newOrganisationAction(
        routeArgs(post("/organizzazioni/nuova", { ...registryForm(fields({ codiceFiscale: fiscalCodeFor(2) })), status: "ADERENTE", effectiveOn: "2024-01-01" }), coordinator),
      ),
    );
    expect(sameCode.status).toBe(409);
    expect(fieldErrors(sameCode.body)).toEqual({ codiceFiscale: "Il codice fiscale è già di «Auser Cinisello»." });

    expect(await db.organisation.count()).toBe(before);
    expect(await db.membershipChange.count()).toBe(1);
  });

  it("renames an organisation without a codice fiscale (an imported one) while others have none either", async () => {
    const coordinator = sessionUser(await createUser({ role: "COORDINATOR" }));
    await createTestOrganisation({ name: "Parrocchia San Rocco" });
    const other = await createTestOrganisation({ name: "Gruppo Vincenziano" });
    await updateOrganisation(other.id, { name: "Gruppo Vincenziano Centro" }, coordinator);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: other.id } })).name).toBe("Gruppo Vincenziano Centro");
  });

  it("refuses a first step as ex partner without a reason", async () => {
    const coordinator = asSessionUser(await createUser({ role: "COORDINATOR" }));
    const result = await outcome(() =>
      newOrganisationAction(routeArgs(post("/organizzazioni/nuova", { ...registryForm(fields()), status: "EX_PARTNER", effectiveOn: "2024-01-01" }), coordinator)),
    );
    expect(result.status).toBe(400);
    expect(fieldErrors(result.body)).toEqual({ reason: "Indica il motivo del recesso." });
  });
});

describe("membership history", () => {
  it("answers who was a partner on 1 March 2024 across joins, withdrawals, re-joins and future steps", async () => {
    const coordinator = sessionUser(await createUser({ role: "COORDINATOR" }));
    const today = day("2024-09-01");
    // Joined, withdrew before March, joined again after: not a partner on 1 March 2024.
    const rejoined = await createOrganisation(fields({ name: "Rientrata" }), step("PARTNER", "2023-01-10"), coordinator);
    await recordMembershipChange(rejoined.id, step("EX_PARTNER", "2024-01-15", "Chiusura del servizio"), coordinator, today);
    await recordMembershipChange(rejoined.id, step("PARTNER", "2024-06-01"), coordinator, today);
    // Withdrew the day after: still a partner on 1 March.
    const leftLater = await createOrganisation(fields({ name: "Uscita dopo" }), step("PARTNER", "2023-05-01"), coordinator);
    await recordMembershipChange(leftLater.id, step("EX_PARTNER", "2024-03-02", "Fine del progetto"), coordinator, today);
    // Adhering first, partner from that very day.
    const upgraded = await createOrganisation(fields({ name: "Aderente poi partner" }), step("ADERENTE", "2022-05-01"), coordinator);
    await recordMembershipChange(upgraded.id, step("PARTNER", "2024-03-01"), coordinator, today);
    // A partner whose withdrawal is recorded now but dated in the future.
    const leaving = await createOrganisation(fields({ name: "In uscita" }), step("PARTNER", "2021-02-03"), coordinator);
    await recordMembershipChange(leaving.id, step("EX_PARTNER", "2024-12-31", "Recesso comunicato con preavviso"), coordinator, today);
    // Joins only after the date asked about.
    const newcomer = await createOrganisation(fields({ name: "Nuova arrivata" }), step("PARTNER", "2024-04-01"), coordinator);

    const march = day("2024-03-01");
    expect((await organisationsWithStatusOn("PARTNER", march)).map((o) => o.name)).toEqual(["Aderente poi partner", "In uscita", "Uscita dopo"]);
    expect((await organisationsWithStatusOn("EX_PARTNER", march)).map((o) => o.name)).toEqual(["Rientrata"]);
    expect(await statusOn(rejoined.id, march)).toBe("EX_PARTNER");
    expect(await statusOn(rejoined.id, day("2024-06-01"))).toBe("PARTNER");
    expect(await statusOn(upgraded.id, day("2024-02-29"))).toBe("ADERENTE");
    expect(await statusOn(newcomer.id, march)).toBeNull();

    // The future withdrawal waits: partner today, ex partner from its date.
    expect((await db.organisation.findUniqueOrThrow({ where: { id: leaving.id } })).status).toBe("PARTNER");
    expect(await statusOn(leaving.id, today)).toBe("PARTNER");
    expect(await statusOn(leaving.id, day("2024-12-31"))).toBe("EX_PARTNER");
    expect((await organisationsWithStatusOn("PARTNER", day("2025-01-01"))).map((o) => o.name)).toEqual([
      "Aderente poi partner",
      "Nuova arrivata",
      "Rientrata",
    ]);
    // The current status follows the latest step on or before today.
    expect((await db.organisation.findUniqueOrThrow({ where: { id: rejoined.id } })).status).toBe("PARTNER");
    expect((await db.organisation.findUniqueOrThrow({ where: { id: leftLater.id } })).status).toBe("EX_PARTNER");

    // When the withdrawal's day comes, the daily job makes it the current status, and only that.
    expect(await refreshMembershipStatuses(day("2024-12-30"))).toBe(0);
    expect(await refreshMembershipStatuses(day("2024-12-31"))).toBe(1);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: leaving.id } })).status).toBe("EX_PARTNER");
  });

  it("refuses a withdrawal without a reason, and records nothing", async () => {
    const coordinator = asSessionUser(await createUser({ role: "COORDINATOR" }));
    const organisation = await createOrganisation(fields(), step("PARTNER", "2023-01-10"), sessionUser(coordinator));
    const result = await outcome(() =>
      statusAction(
        routeArgs(post(`/organizzazioni/${organisation.id}/stato`, { status: "EX_PARTNER", effectiveOn: "2024-05-01", reason: "  " }), coordinator, {
          id: organisation.id,
        }),
      ),
    );
    expect(result.status).toBe(400);
    expect(fieldErrors(result.body)).toEqual({ reason: "Indica il motivo del recesso." });
    expect(await db.membershipChange.count({ where: { organisationId: organisation.id } })).toBe(1);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).status).toBe("PARTNER");
  });

  it("lets only coordinators record a status change", async () => {
    const organisation = await createOrganisation(fields(), step("PARTNER", "2023-01-10"), sessionUser(await createUser({ role: "COORDINATOR" })));
    const referent = asSessionUser(await createUser({ role: "REFERENT", organisationId: organisation.id }));
    const result = await outcome(() =>
      statusAction(routeArgs(post(`/organizzazioni/${organisation.id}/stato`, { status: "ADERENTE", effectiveOn: "2024-05-01" }), referent, { id: organisation.id })),
    );
    expect(result.status).toBe(403);
    expect(await db.membershipChange.count({ where: { organisationId: organisation.id } })).toBe(1);
  });
});

describe("what a referent and a member may do", () => {
  async function setting() {
    const coordinator = sessionUser(await createUser({ role: "COORDINATOR" }));
    const own = await createOrganisation(fields({ name: "Caritas di prova", codiceFiscale: fiscalCodeFor(10) }), step("PARTNER", "2023-01-10"), coordinator);
    const other = await createOrganisation(fields({ name: "Altra associazione", codiceFiscale: fiscalCodeFor(11) }), step("PARTNER", "2023-01-10"), coordinator);
    const referent = asSessionUser(await createUser({ role: "REFERENT", name: "Marco Colombo", organisationId: own.id }));
    const member = asSessionUser(await createUser({ role: "MEMBER", organisationId: other.id }));
    return { own, other, referent, member };
  }

  it("a referent edits their organisation's description, but not its name or codice fiscale", async () => {
    const { own, referent } = await setting();
    const page = await outcome(() => editLoader(routeArgs(new Request(`http://localhost:3000/organizzazioni/${own.id}/modifica`), referent, { id: own.id })));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ isCoordinator: false, values: {}, referents: [] });

    const result = await outcome(() =>
      editAction(
        routeArgs(
          post(`/organizzazioni/${own.id}/modifica`, {
            name: "Nome cambiato",
            codiceFiscale: fiscalCodeFor(99),
            legalForm: "ENTE_PROFIT",
            description: "Centro di ascolto e distribuzione di pacchi alimentari.",
          }),
          referent,
          { id: own.id },
        ),
      ),
    );
    expect(result).toMatchObject({ status: 302, location: `/organizzazioni/${own.id}` });
    const stored = await db.organisation.findUniqueOrThrow({ where: { id: own.id } });
    expect(stored).toMatchObject({
      name: "Caritas di prova",
      codiceFiscale: fiscalCodeFor(10),
      legalForm: "COOPERATIVA_SOCIALE_A",
      description: "Centro di ascolto e distribuzione di pacchi alimentari.",
    });
    const [latest] = await listHistory("ORGANISATION", own.id);
    expect(latest).toMatchObject({
      summary: "Dati dell'organizzazione modificati",
      actorName: "Marco Colombo",
      changes: { Descrizione: ["", "Centro di ascolto e distribuzione di pacchi alimentari."] },
    });
  });

  it("a referent cannot edit another organisation, nor its contacts (403)", async () => {
    const { other, referent } = await setting();
    const edit = await outcome(() => editAction(routeArgs(post(`/organizzazioni/${other.id}/modifica`, { description: "Non mia" }), referent, { id: other.id })));
    expect(edit.status).toBe(403);
    const contacts = await outcome(() =>
      contactsAction(routeArgs(post(`/organizzazioni/${other.id}/contatti`, { intent: "add", name: "Intrusa" }), referent, { id: other.id })),
    );
    expect(contacts.status).toBe(403);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: other.id } })).description).toBe("");
    expect(await db.contact.count()).toBe(0);
  });

  it("a member gets 403 on edit, and no contact phone or e-mail in the organisation page's data", async () => {
    const { own, member, referent } = await setting();
    await db.contact.create({ data: { organisationId: own.id, name: "Laura Verdi", role: "Centro di ascolto", phone: "02 0000 1234", email: "laura.verdi@example.org" } });

    const editPage = await outcome(() => editLoader(routeArgs(new Request(`http://localhost:3000/organizzazioni/${own.id}/modifica`), member, { id: own.id })));
    expect(editPage.status).toBe(403);
    const edit = await outcome(() => editAction(routeArgs(post(`/organizzazioni/${own.id}/modifica`, { description: "Da un componente" }), member, { id: own.id })));
    expect(edit.status).toBe(403);

    const memberView = await outcome(() => organisationLoader(routeArgs(new Request(`http://localhost:3000/organizzazioni/${own.id}`), member, { id: own.id })));
    expect(memberView.status).toBe(200);
    const serialised = JSON.stringify(memberView.body);
    expect(serialised).toContain("Laura Verdi");
    expect(serialised).not.toContain("02 0000 1234");
    expect(serialised).not.toContain("laura.verdi@example.org");
    expect(serialised).not.toContain(referent.email);
    expect(memberView.body).toMatchObject({ withContactDetails: false, canEdit: false, contacts: [{ name: "Laura Verdi", role: "Centro di ascolto", phone: null, email: null }] });

    const referentView = await outcome(() => organisationLoader(routeArgs(new Request(`http://localhost:3000/organizzazioni/${own.id}`), referent, { id: own.id })));
    expect(referentView.body).toMatchObject({ withContactDetails: true, canEdit: true, canManage: false, contacts: [{ phone: "02 0000 1234", email: "laura.verdi@example.org" }] });
  });

  it("a referent adds, edits and removes their organisation's contacts, each in the history", async () => {
    const { own, referent } = await setting();
    const path = `/organizzazioni/${own.id}/contatti`;
    const send = (values: Record<string, string>) => outcome(() => contactsAction(routeArgs(post(path, values), referent, { id: own.id })));

    const invalid = await send({ intent: "add", name: " ", email: "non-valida" });
    expect(invalid.status).toBe(400);
    expect(Object.keys(fieldErrors(invalid.body)).sort()).toEqual(["email", "name"]);

    expect(await send({ intent: "add", name: "Laura Verdi", role: "Volontaria", phone: "02 0000 1234", email: "Laura.Verdi@example.org" })).toMatchObject({
      status: 302,
      location: `${path}?esito=aggiunto`,
    });
    const contact = await db.contact.findFirstOrThrow({ where: { organisationId: own.id } });
    expect(contact).toMatchObject({ name: "Laura Verdi", role: "Volontaria", phone: "02 0000 1234", email: "laura.verdi@example.org" });

    expect(await send({ intent: "edit", contactId: contact.id, name: "Laura Verdi", role: "Responsabile del centro di ascolto", phone: "", email: "laura.verdi@example.org" })).toMatchObject({
      status: 302,
    });
    expect(await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ role: "Responsabile del centro di ascolto", phone: "" });

    expect(await send({ intent: "remove", contactId: contact.id })).toMatchObject({ status: 302, location: `${path}?esito=rimosso` });
    expect(await db.contact.count()).toBe(0);

    const history = await listHistory("ORGANISATION", own.id);
    // A deleted contact has no trace left (GDPR, decision 030): the history forgets their name too.
    expect(history.slice(0, 3).map((event) => event.summary)).toEqual([
      "Contatto rimosso, con i suoi dati",
      "Contatto modificato: contatto rimosso (recapito aggiornato: telefono)",
      "Contatto aggiunto: contatto rimosso",
    ]);
    expect(JSON.stringify(history)).not.toContain("Laura Verdi");
    // The history says the phone changed, never what it was: every reader sees the history.
    expect(history[1]?.changes).toEqual({ Ruolo: ["Volontaria", "Responsabile del centro di ascolto"] });
    expect(JSON.stringify(history)).not.toContain("02 0000 1234");
    expect(history.every((event) => event.actorName === "Marco Colombo" || event.summary.startsWith("Organizzazione registrata"))).toBe(true);
  });

  it("a contact of another organisation cannot be edited through one's own", async () => {
    const { own, other, referent } = await setting();
    const foreign = await db.contact.create({ data: { organisationId: other.id, name: "Piero Neri" } });
    const result = await outcome(() =>
      contactsAction(routeArgs(post(`/organizzazioni/${own.id}/contatti`, { intent: "remove", contactId: foreign.id }), referent, { id: own.id })),
    );
    expect(result.status).toBe(404);
    expect(await db.contact.count()).toBe(1);
  });
});

describe("coordinator's edit", () => {
  it("chooses delegate and substitute among the organisation's active referents, two different people", async () => {
    const coordinator = asSessionUser(await createUser({ role: "COORDINATOR", name: "Giulia Ferrari" }));
    const organisation = await createOrganisation(fields({ name: "Croce Rossa di prova" }), step("PARTNER", "2023-01-10"), sessionUser(coordinator));
    const first = await createUser({ role: "REFERENT", name: "Anna Bianchi", organisationId: organisation.id });
    const second = await createUser({ role: "REFERENT", name: "Bruno Gallo", organisationId: organisation.id });
    const outsider = await createUser({ role: "REFERENT", name: "Carla Rossi" });
    const base = registryForm(fields({ name: "Croce Rossa di prova", codiceFiscale: organisation.codiceFiscale ?? "" }));
    const save = (values: Record<string, string>) =>
      outcome(() => editAction(routeArgs(post(`/organizzazioni/${organisation.id}/modifica`, { ...base, ...values }), coordinator, { id: organisation.id })));

    const same = await save({ delegateId: first.id, substituteId: first.id });
    expect(same.status).toBe(400);
    expect(fieldErrors(same.body)).toEqual({ substituteId: "Il sostituto deve essere una persona diversa dal delegato." });
    const foreign = await save({ delegateId: outsider.id });
    expect(foreign.status).toBe(400);
    expect(fieldErrors(foreign.body)).toEqual({ delegateId: "Il delegato deve essere un referente attivo di questa organizzazione." });

    expect(await save({ delegateId: first.id, substituteId: second.id, shortName: "CRI" })).toMatchObject({ status: 302 });
    expect(await db.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).toMatchObject({
      delegateId: first.id,
      substituteId: second.id,
      shortName: "CRI",
    });
    const history = await listHistory("ORGANISATION", organisation.id);
    expect(history.slice(0, 2)).toEqual([
      expect.objectContaining({ summary: "Delegato per le riunioni di governo modificato", changes: { Delegato: ["", "Anna Bianchi"], Sostituto: ["", "Bruno Gallo"] } }),
      expect.objectContaining({ summary: "Dati dell'organizzazione modificati", changes: { Sigla: ["", "CRI"] } }),
    ]);
  });
});

describe("registry list and networks", () => {
  it("filters by status, network, working group and name or codice fiscale, ignoring case", async () => {
    const municipality = await createTestOrganisation({ name: "Comune di prova", status: "EX_PARTNER" });
    const actor = sessionUser(await createUser({ role: "COORDINATOR", organisationId: municipality.id }));
    const caritas = await createOrganisation(fields({ name: "Caritas Ambrosiana", codiceFiscale: fiscalCodeFor(20) }), step("PARTNER", "2023-01-01"), actor);
    const acli = await createOrganisation(fields({ name: "ACLI Cinisello", codiceFiscale: fiscalCodeFor(21) }), step("ADERENTE", "2023-01-01"), actor);
    const auser = await createOrganisation(fields({ name: "Auser", codiceFiscale: fiscalCodeFor(22) }), step("PARTNER", "2023-01-01"), actor);
    const network = await createNetwork({ name: "Re-distribuire cibo", description: "", referentOrganisationId: caritas.id }, actor);
    await updateNetwork(network.id, { name: "Re-distribuire cibo", description: "Empori e pacchi", referentOrganisationId: acli.id }, [caritas.id], actor);
    const volunteer = await createUser({ organisationId: auser.id });
    const group = await db.workingGroup.create({
      data: { name: "Lavoro e inclusione", thematicArea: "Lavoro", referentOrganisationId: caritas.id, members: { create: { userId: volunteer.id } } },
    });

    const names = async (query: string) => (await findOrganisations(parseRegistryFilters(new URLSearchParams(query)))).organisations.map((o) => o.name);
    expect(await names("stato=PARTNER")).toEqual(["Auser", "Caritas Ambrosiana"]);
    expect(await names(`rete=${network.id}`)).toEqual(["ACLI Cinisello", "Caritas Ambrosiana"]);
    expect(await names(`gruppo=${group.id}`)).toEqual(["Auser", "Caritas Ambrosiana"]);
    expect(await names("q=caritas")).toEqual(["Caritas Ambrosiana"]);
    expect(await names(`q=${fiscalCodeFor(21).slice(0, 8)}`)).toEqual(["ACLI Cinisello"]);
    expect(await names("stato=INVENTATO&pagina=abc")).toHaveLength(4);

    // The network's referent is always among its members, and every change is in its history.
    const history = await listHistory("NETWORK", network.id);
    expect(history.map((event) => event.summary)).toEqual(["Rete modificata", "Rete creata, con Caritas Ambrosiana come organizzazione referente"]);
    expect(history[0]?.changes).toEqual({
      Descrizione: ["", "Empori e pacchi"],
      "Organizzazione referente": ["Caritas Ambrosiana", "ACLI Cinisello"],
      "Organizzazioni aggiunte": ["", "ACLI Cinisello"],
    });
    await expect(createNetwork({ name: "Re-distribuire cibo", description: "", referentOrganisationId: auser.id }, actor)).rejects.toMatchObject({
      status: 409,
      field: "name",
    });
  });

  it("shows 50 organisations a page, and a page past the end shows the last", async () => {
    await db.organisation.createMany({
      data: Array.from({ length: 51 }, (_, i) => ({ name: `Associazione ${String(i + 1).padStart(2, "0")}`, legalForm: "ALTRO", status: "PARTNER" })),
    });
    const first = await findOrganisations(parseRegistryFilters(new URLSearchParams()));
    expect(first).toMatchObject({ total: 51, page: 1, pageCount: 2 });
    expect(first.organisations).toHaveLength(50);
    const last = await findOrganisations(parseRegistryFilters(new URLSearchParams("pagina=9")));
    expect(last).toMatchObject({ page: 2, organisations: [{ name: "Associazione 51" }] });
  });
});
