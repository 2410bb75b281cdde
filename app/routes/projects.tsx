import { Form, Link } from "react-router";
import type { Route } from "./+types/projects";
import { can, requirePermission } from "~/auth/permissions.server";
import { FilterSelect, Pagination, ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { ProjectStatusBadge } from "~/components/projects";
import { formatEuro } from "~/domain/money";
import { listProjectFilterChoices, listProjects, parseProjectFilters, projectFilterQuery } from "~/domain/projects.server";

export const meta: Route.MetaFunction = () => pageTitle("Progetti");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "projects" });
  const filters = parseProjectFilters(new URL(args.request.url).searchParams);
  const [result, choices] = await Promise.all([listProjects(filters), listProjectFilterChoices()]);
  return { filters, filterQuery: projectFilterQuery(filters), ...result, choices, canManage: can(user, "manage", { kind: "projects" }) };
}

export default function Projects({ loaderData }: Route.ComponentProps) {
  const { filters, filterQuery, projects, total, page, pageCount, choices, canManage } = loaderData;
  const withPage = (n: number) => {
    const query = new URLSearchParams(filterQuery);
    if (n > 1) query.set("pagina", String(n));
    return `?${query.toString()}`;
  };
  const filtered = filterQuery.length > 0;
  return (
    <div className="container my-5">
      <PageHeader
        title="Progetti"
        lead="I progetti delle organizzazioni del tavolo: chi li attua, con quali partner e finanziamenti, e a che punto sono le rendicontazioni."
      >
        <Link to="/progetti/riepilogo" className="btn btn-outline-primary">
          Riepilogo del tavolo
        </Link>
      </PageHeader>

      {canManage ? (
        <div className="d-flex flex-wrap gap-2 mb-4">
          <Link to="/progetti/nuovo" className="btn btn-primary">
            Nuovo progetto
          </Link>
          <Link to="/indicatori" className="btn btn-outline-primary">
            Indicatori
          </Link>
          <a href="/progetti/esporta/csv" className="btn btn-outline-primary">
            Esporta CSV
          </a>
          <a href="/progetti/esporta/xlsx" className="btn btn-outline-primary">
            Esporta XLSX
          </a>
        </div>
      ) : (
        <p>
          <Link to="/indicatori">Catalogo degli indicatori</Link>
        </p>
      )}

      <Form method="get" key={filterQuery} className="mb-4" role="search" aria-label="Cerca e filtra i progetti">
        <div className="row g-3 align-items-end">
          <div className="col-12 col-lg-4 form-group mb-0">
            <label htmlFor="filtro-q" className="active">
              Titolo, codice o CUP
            </label>
            <input id="filtro-q" name="q" type="search" className="form-control" defaultValue={filters.search} />
          </div>
          <FilterSelect columns="col-12 col-md-6 col-lg-2" id="stato" label="Stato" all="Tutti" value={filters.status} options={choices.statuses} />
          <FilterSelect columns="col-12 col-md-6 col-lg-2" id="fonte" label="Fonte di finanziamento" all="Tutte" value={filters.fundingSource} options={choices.fundingSources} />
          <FilterSelect columns="col-12 col-md-6 col-lg-2" id="gruppo" label="Gruppo di lavoro" all="Tutti" value={filters.workingGroupId} options={choices.groups} />
          <FilterSelect columns="col-12 col-md-6 col-lg-2" id="organizzazione" label="Organizzazione partner" all="Tutte" value={filters.organisationId} options={choices.organisations} />
          <div className="col-12 col-lg-4 d-flex gap-2">
            <button type="submit" className="btn btn-primary">
              Cerca
            </button>
            {filtered ? (
              <Link to="/progetti" className="btn btn-outline-primary">
                Togli i filtri
              </Link>
            ) : null}
          </div>
        </div>
      </Form>

      <p role="status" className="fw-semibold">
        {total === 0 ? "Nessun progetto trovato" : total === 1 ? "1 progetto" : `${total} progetti`}
        {filtered && total > 0 ? " corrispondono alla ricerca" : ""}
        {pageCount > 1 ? ` (pagina ${page} di ${pageCount})` : ""}.
      </p>

      {projects.length === 0 ? (
        <p className="empty-state">
          {filtered
            ? "Nessun progetto corrisponde alla ricerca. Prova con meno filtri o con una parte del titolo."
            : "Nessun progetto registrato. Quando il coordinamento registra un progetto, qui trovi chi lo attua, il finanziamento e lo stato."}
        </p>
      ) : (
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">Progetti del tavolo, in ordine di codice</caption>
            <thead>
              <tr>
                <th scope="col">Codice</th>
                <th scope="col">Titolo</th>
                <th scope="col">Soggetto attuatore</th>
                <th scope="col">Fonte di finanziamento</th>
                <th scope="col" className="text-end">
                  Programmato
                </th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((project) => (
                <tr key={project.id}>
                  <td className="text-nowrap">{project.code}</td>
                  <td>
                    <Link to={`/progetti/${project.id}`}>{project.title}</Link>
                    {project.cup ? <span className="d-block small">CUP {project.cup}</span> : null}
                  </td>
                  <td>{project.lead.name}</td>
                  <td>{project.fundingSource}</td>
                  <td className="text-end text-nowrap">{formatEuro(project.programmedCents)}</td>
                  <td>
                    <ProjectStatusBadge status={project.status} label={project.statusLabel} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}

      <Pagination page={page} pageCount={pageCount} hrefFor={withPage} label="Pagine dei progetti" />
    </div>
  );
}
