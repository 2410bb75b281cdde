import { Form, Link } from "react-router";
import type { Route } from "./+types/services";
import { can, requirePermission } from "~/auth/permissions.server";
import { ServiceCard } from "~/components/aid-services";
import { FilterSelect, Pagination } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { AID_SERVICE_KINDS, AID_SERVICE_STATUSES, DAY_PARTS, formatTime, optionsOf, romeWallClock, serviceCardData, WEEKDAYS } from "~/domain/aid-services";
import { catalogueFilterQuery, listAreas, listServiceOrganisations, parseCatalogueFilters, searchAidServices } from "~/domain/aid-services.server";

export const meta: Route.MetaFunction = () => pageTitle("Servizi del territorio");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "aidServices" });
  const params = new URL(args.request.url).searchParams;
  const filters = parseCatalogueFilters(params);
  // "Aperti adesso" becomes today's day and the current time in Rome, so the guide's link keeps it.
  if (params.has("adesso")) {
    const now = romeWallClock(new Date());
    Object.assign(filters, { weekday: now.weekday, time: formatTime(now.minute), dayPart: "" });
  }
  const [result, areas, organisations] = await Promise.all([searchAidServices(filters), listAreas(), listServiceOrganisations()]);
  return {
    filters,
    filterQuery: catalogueFilterQuery(filters),
    ...result,
    services: result.services.map(serviceCardData),
    choices: {
      kinds: optionsOf(AID_SERVICE_KINDS),
      areas: areas.map((a) => ({ value: a, label: a })),
      organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
      weekdays: WEEKDAYS.map((d) => ({ value: String(d.value), label: d.label })),
      dayParts: Object.entries(DAY_PARTS).map(([value, part]) => ({ value, label: part.label })),
      statuses: [...optionsOf(AID_SERVICE_STATUSES).filter((s) => s.value !== "ACTIVE"), { value: "tutti", label: "Tutti" }],
    },
    canAdd: can(user, "edit", { kind: "aidServices" }),
  };
}

export default function Services({ loaderData }: Route.ComponentProps) {
  const { filters, filterQuery, services, total, page, pageCount, choices, canAdd } = loaderData;
  const withPage = (n: number) => {
    const query = new URLSearchParams(filterQuery);
    if (n > 1) query.set("pagina", String(n));
    return `?${query.toString()}`;
  };
  const filtered = filterQuery.length > 0;
  return (
    <div className="container my-5">
      <PageHeader
        title="Servizi del territorio"
        lead="Dove trovare cibo, vestiti, ascolto, lavoro e casa: i servizi delle organizzazioni del tavolo, con orari, indirizzi e modalità di accesso."
      />
      <div className="d-flex flex-wrap gap-2 mb-4">
        {canAdd ? (
          <Link to="/servizi/nuovo" className="btn btn-primary">
            Aggiungi un servizio
          </Link>
        ) : null}
        <a href={`/servizi/guida.pdf${filterQuery ? `?${filterQuery}` : ""}`} className="btn btn-outline-primary">
          Stampa la guida (PDF)
        </a>
        <Link to="/servizi/monitoraggio" className="btn btn-outline-primary">
          Monitoraggio mensile
        </Link>
      </div>

      <Form method="get" key={filterQuery} className="mb-4" role="search" aria-label="Cerca e filtra i servizi">
        <div className="row g-3 align-items-end">
          <div className="col-12 col-lg-4 form-group mb-0">
            <label htmlFor="filtro-q" className="active">
              Nome, organizzazione o parola
            </label>
            <input id="filtro-q" name="q" type="search" className="form-control" defaultValue={filters.search} />
          </div>
          <FilterSelect columns="col-12 col-md-6 col-lg-4" id="tipo" label="Tipo di servizio" all="Tutti i tipi" value={filters.kind} options={choices.kinds} />
          <FilterSelect columns="col-12 col-md-6 col-lg-4" id="zona" label="Zona" all="Tutte le zone" value={filters.area} options={choices.areas} />
          <FilterSelect columns="col-12 col-md-6 col-lg-4" id="organizzazione" label="Organizzazione" all="Tutte" value={filters.organisationId} options={choices.organisations} />
          <FilterSelect columns="col-12 col-md-6 col-lg-2" id="giorno" label="Aperto il giorno" all="Qualsiasi giorno" value={filters.weekday ? String(filters.weekday) : ""} options={choices.weekdays} />
          <FilterSelect columns="col-12 col-md-6 col-lg-2" id="fascia" label="Fascia oraria" all="Tutto il giorno" value={filters.dayPart} options={choices.dayParts} />
          <div className="col-12 col-md-6 col-lg-2 form-group mb-0">
            <label htmlFor="filtro-ora" className="active">
              Oppure alle ore
            </label>
            <input id="filtro-ora" name="ora" type="time" className="form-control" defaultValue={filters.time} />
          </div>
          <FilterSelect columns="col-12 col-md-6 col-lg-2" id="stato" label="Stato" all="Attivi" value={filters.status} options={choices.statuses} />
          <div className="col-12 d-flex flex-wrap gap-2">
            <button type="submit" className="btn btn-primary">
              Cerca
            </button>
            <button type="submit" name="adesso" value="1" className="btn btn-outline-primary">
              Aperti adesso
            </button>
            {filtered ? (
              <Link to="/servizi" className="btn btn-outline-primary">
                Togli i filtri
              </Link>
            ) : null}
          </div>
        </div>
        <p className="form-text mt-2 mb-0">La fascia oraria e l'ora valgono insieme a un giorno; i servizi aperti dopo mezzanotte contano anche il giorno dopo.</p>
      </Form>

      <p role="status" className="fw-semibold">
        {total === 0 ? "Nessun servizio trovato" : total === 1 ? "1 servizio" : `${total} servizi`}
        {filtered && total > 0 ? " corrispondono alla ricerca" : ""}
        {pageCount > 1 ? ` (pagina ${page} di ${pageCount})` : ""}.
      </p>

      {services.length === 0 ? (
        <p className="empty-state">
          {filtered
            ? "Nessun servizio corrisponde alla ricerca. Prova un altro giorno, un'altra zona o meno filtri."
            : "Il catalogo è vuoto. Quando le organizzazioni descrivono i loro servizi, qui trovi indirizzi, orari e come accedere."}
        </p>
      ) : (
        <div>
          {services.map((service) => (
            <ServiceCard key={service.id} service={service} linkTo={`/servizi/${service.id}`} />
          ))}
        </div>
      )}

      <Pagination page={page} pageCount={pageCount} hrefFor={withPage} label="Pagine del catalogo dei servizi" />
    </div>
  );
}
