import { data, Form, Link } from "react-router";
import type { Route } from "./+types/audit-log";
import { requirePermission } from "~/auth/permissions.server";
import { FieldError } from "~/components/forms";
import { FilterSelect, Pagination, ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { ChangeList } from "~/components/registry";
import { auditActorChoices, auditFilterQuery, listAuditEvents, parseAuditFilters, periodProblem, subjectTypeChoices } from "~/domain/audit.server";
import { formatRome } from "~/utils/dates";

export const meta: Route.MetaFunction = () => pageTitle("Registro delle modifiche");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "view", { kind: "auditLog" });
  const filters = parseAuditFilters(new URL(args.request.url).searchParams);
  const problem = periodProblem(filters);
  const [result, actors] = await Promise.all([
    problem ? Promise.resolve({ events: [], total: 0, pages: 1 }) : listAuditEvents(filters),
    auditActorChoices(),
  ]);
  const payload = {
    filters,
    filterQuery: auditFilterQuery(filters),
    problem,
    total: result.total,
    pages: result.pages,
    events: result.events.map((event) => ({ ...event, at: formatRome(event.at, "d MMM yyyy, HH:mm"), iso: event.at.toISOString() })),
    choices: { kinds: subjectTypeChoices(), actors },
  };
  return problem ? data(payload, { status: 400 }) : payload;
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const { filters, filterQuery, problem, total, pages, events, choices } = loaderData;
  const filtered = filterQuery !== "";
  const withPage = (n: number) => auditFilterQueryClient(filterQuery, n);

  return (
    <div className="container my-5">
      <PageHeader
        title="Registro delle modifiche"
        lead="Chi ha cambiato che cosa, e quando, in ogni parte del tavolo: organizzazioni, riunioni, verbali, decisioni, progetti, rendicontazioni, documenti, comunicazioni e account."
      />

      <div className="d-flex flex-wrap gap-2 mb-4">
        <a href={`/registro-modifiche/esporta/csv${filterQuery}`} className="btn btn-outline-primary" download>
          Esporta CSV{filtered ? <span className="visually-hidden"> (solo le modifiche filtrate)</span> : null}
        </a>
        <a href={`/registro-modifiche/esporta/xlsx${filterQuery}`} className="btn btn-outline-primary" download>
          Esporta XLSX{filtered ? <span className="visually-hidden"> (solo le modifiche filtrate)</span> : null}
        </a>
      </div>

      <Form method="get" key={filterQuery} className="mb-4" role="search" aria-label="Filtra il registro delle modifiche">
        <div className="row g-3 align-items-end">
          <div className="col-12 col-lg-4 form-group mb-0">
            <label htmlFor="filtro-q" className="active">
              Parole nella descrizione
            </label>
            <input id="filtro-q" name="q" type="search" className="form-control" defaultValue={filters.q} />
          </div>
          <FilterSelect columns="col-12 col-md-6 col-lg-4" id="tipo" label="Tipo di record" all="Tutti" value={filters.subjectType} options={choices.kinds} />
          <FilterSelect columns="col-12 col-md-6 col-lg-4" id="chi" label="Chi" all="Tutti" value={filters.actor} options={choices.actors} />
          <div className="col-12 col-md-6 col-lg-2 form-group mb-0">
            <label htmlFor="filtro-dal" className="active">
              Dal giorno
            </label>
            <input id="filtro-dal" name="dal" type="date" className="form-control" defaultValue={filters.from} />
          </div>
          <div className="col-12 col-md-6 col-lg-2 form-group mb-0">
            <label htmlFor="filtro-al" className="active">
              Al giorno
            </label>
            <input
              id="filtro-al"
              name="al"
              type="date"
              className={`form-control${problem ? " is-invalid" : ""}`}
              defaultValue={filters.to}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? "filtro-al-errore" : undefined}
            />
            <FieldError id="filtro-al" error={problem ?? undefined} />
          </div>
          <div className="col-12 col-lg-4 d-flex gap-2">
            <button type="submit" className="btn btn-primary">
              Filtra
            </button>
            {filtered ? (
              <Link to="/registro-modifiche" className="btn btn-outline-primary">
                Togli i filtri
              </Link>
            ) : null}
          </div>
        </div>
      </Form>

      <p role="status" className="fw-semibold">
        {total === 0 ? "Nessuna modifica trovata" : total === 1 ? "1 modifica" : `${total} modifiche`}
        {filtered && total > 0 ? (total === 1 ? " corrisponde ai filtri" : " corrispondono ai filtri") : ""}
        {pages > 1 ? ` (pagina ${filters.page} di ${pages})` : ""}. Ore italiane, dalla più recente.
      </p>

      {events.length === 0 ? (
        <p className="empty-state">
          {filtered ? "Nessuna modifica corrisponde ai filtri. Prova con meno filtri o con un periodo più ampio." : "Nessuna modifica registrata finora."}
        </p>
      ) : (
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">Modifiche registrate, dalla più recente</caption>
            <thead>
              <tr>
                <th scope="col">Quando</th>
                <th scope="col">Chi</th>
                <th scope="col">Tipo di record</th>
                <th scope="col">Che cosa</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td className="text-nowrap">
                    <time dateTime={event.iso}>{event.at}</time>
                  </td>
                  <td>{event.actorName}</td>
                  <td>
                    {event.link ? (
                      <Link to={event.link}>
                        {event.subjectTypeLabel}
                        <span className="visually-hidden">: apri la pagina del record</span>
                      </Link>
                    ) : (
                      event.subjectTypeLabel
                    )}
                  </td>
                  <td>
                    <span className="d-block">{event.summary}</span>
                    <ChangeList changes={event.changes} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}

      <Pagination page={filters.page} pageCount={pages} hrefFor={withPage} label="Pagine del registro" />
    </div>
  );
}

/** The filters' query string with another page (the server module's helper stays on the server). */
function auditFilterQueryClient(filterQuery: string, page: number) {
  const params = new URLSearchParams(filterQuery);
  if (page > 1) params.set("pagina", String(page));
  const text = params.toString();
  return `/registro-modifiche${text ? `?${text}` : ""}`;
}
