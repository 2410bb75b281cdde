import { Form, Link } from "react-router";
import type { Route } from "./+types/public.services";
import { ServiceCard } from "~/components/aid-services";
import { FilterSelect, Pagination } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { AID_SERVICE_KINDS, optionsOf, serviceCardData, WEEKDAYS } from "~/domain/aid-services";
import { catalogueFilterQuery, parseCatalogueFilters, PUBLIC_SCOPE, searchAidServices } from "~/domain/aid-services.server";

export const meta: Route.MetaFunction = () => [
  ...pageTitle("Guida ai servizi del territorio"),
  { name: "description", content: "Dove trovare aiuto: cibo, vestiti, ascolto, lavoro e casa. I servizi delle organizzazioni del tavolo contro la povertà." },
];

/**
 * The public guide: no sign-in, only services a coordinator published and that are active, and only
 * what the organisation publishes (no notes on capacity, no monthly figures).
 */
export async function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const parsed = parseCatalogueFilters(params);
  const filters = { ...parsed, area: "", organisationId: "", status: "", search: "", time: "" };
  const result = await searchAidServices(filters, { scope: PUBLIC_SCOPE });
  return {
    filters,
    filterQuery: catalogueFilterQuery(filters),
    ...result,
    services: result.services.map(serviceCardData),
    kinds: optionsOf(AID_SERVICE_KINDS),
    weekdays: WEEKDAYS.map((d) => ({ value: String(d.value), label: d.label })),
  };
}

export default function PublicServices({ loaderData }: Route.ComponentProps) {
  const { filters, filterQuery, services, total, page, pageCount, kinds, weekdays } = loaderData;
  const withPage = (n: number) => {
    const query = new URLSearchParams(filterQuery);
    if (n > 1) query.set("pagina", String(n));
    return `?${query.toString()}`;
  };
  return (
    <div className="container my-5">
      <PageHeader
        title="Guida ai servizi del territorio"
        lead="Dove trovare cibo, vestiti, ascolto, orientamento al lavoro e accoglienza: i servizi gratuiti delle organizzazioni del tavolo contro la povertà."
      />
      <Form method="get" key={filterQuery} className="mb-4" role="search" aria-label="Filtra i servizi">
        <div className="row g-3 align-items-end">
          <FilterSelect columns="col-12 col-md-5" id="tipo" label="Tipo di servizio" all="Tutti i tipi" value={filters.kind} options={kinds} />
          <FilterSelect columns="col-12 col-md-4" id="giorno" label="Aperto il giorno" all="Qualsiasi giorno" value={filters.weekday ? String(filters.weekday) : ""} options={weekdays} />
          <div className="col-12 col-md-3 d-flex flex-wrap gap-2">
            <button type="submit" className="btn btn-primary">
              Cerca
            </button>
            {filterQuery ? (
              <Link to="/pubblico/servizi" className="btn btn-outline-primary">
                Tutti
              </Link>
            ) : null}
          </div>
        </div>
      </Form>
      <p role="status" className="fw-semibold">
        {total === 0 ? "Nessun servizio trovato." : total === 1 ? "1 servizio." : `${total} servizi.`}
      </p>
      {services.map((service) => (
        <ServiceCard key={service.id} service={service} linkTo={null} />
      ))}
      <Pagination page={page} pageCount={pageCount} hrefFor={withPage} label="Pagine della guida ai servizi" />
      <p className="mt-4 small">Prima di andare, conviene telefonare: orari e disponibilità possono cambiare.</p>
    </div>
  );
}
