import { Form, Link } from "react-router";
import type { Route } from "./+types/rendicontazioni";
import { can, requirePermission } from "~/auth/permissions.server";
import { FilterSelect, Pagination, ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { daysLeftText, ProjectGrid, StateBadge, StateCounts, StateLegend } from "~/components/reporting";
import { FUNDING_SOURCES, PROJECT_STATUSES, RENDICONTAZIONE_STATE_LABELS } from "~/domain/projects";
import {
  DUE_WINDOWS,
  getReportingGrid,
  gridFilterQuery,
  listOrganisationRendicontazioni,
  parseGridFilters,
  STATE_ORDER,
} from "~/domain/reporting-dashboard.server";
import { todayInRome } from "~/utils/dates";

export const meta: Route.MetaFunction = () => pageTitle("Rendicontazioni");

const choices = (labels: Record<string, string>, order = Object.keys(labels)) => order.map((value) => ({ value, label: labels[value] ?? value }));

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "reporting" });
  const today = todayInRome();
  if (can(user, "manage", { kind: "reporting" })) {
    const filters = parseGridFilters(new URL(args.request.url).searchParams);
    return {
      view: "grid" as const,
      filters,
      filterQuery: gridFilterQuery(filters),
      grid: await getReportingGrid(filters, today),
      choices: {
        states: choices(RENDICONTAZIONE_STATE_LABELS, STATE_ORDER),
        projectStatuses: choices(PROJECT_STATUSES),
        fundingSources: choices(FUNDING_SOURCES),
        dueWindows: choices(DUE_WINDOWS),
      },
    };
  }
  return {
    view: "list" as const,
    organisationName: user.organisationName,
    entries: await listOrganisationRendicontazioni(user.organisationId, today),
  };
}

export default function Rendicontazioni({ loaderData }: Route.ComponentProps) {
  return loaderData.view === "grid" ? <CoordinatorsGrid data={loaderData} /> : <OrganisationList data={loaderData} />;
}

type GridData = Extract<Route.ComponentProps["loaderData"], { view: "grid" }>;
type ListData = Extract<Route.ComponentProps["loaderData"], { view: "list" }>;

function CoordinatorsGrid({ data }: { data: GridData }) {
  const { filters, filterQuery, grid, choices } = data;
  const withParams = (changes: Record<string, string>) => {
    const query = new URLSearchParams(filterQuery);
    for (const [key, value] of Object.entries(changes)) {
      if (value) query.set(key, value);
      else query.delete(key);
    }
    const text = query.toString();
    return text ? `?${text}` : "?";
  };
  const filtered = Boolean(filters.state || filters.projectStatus || filters.fundingSource || filters.due);
  return (
    <div className="container my-5">
      <PageHeader
        title="Rendicontazioni"
        lead="Lo stato delle rendicontazioni di ogni progetto: per ogni periodo, che cosa ha inviato ciascuna organizzazione partner."
      />

      <StateCounts counts={grid.counts} active={filters.state} hrefFor={(state) => withParams({ stato: state })} />

      <Form method="get" key={filterQuery} className="mb-4" role="search" aria-label="Filtra le rendicontazioni">
        <div className="row g-3 align-items-end">
          <FilterSelect columns="col-12 col-md-6 col-lg-3" id="stato" label="Stato della rendicontazione" all="Tutti" value={filters.state} options={choices.states} />
          <FilterSelect columns="col-12 col-md-6 col-lg-3" id="scadenza" label="Scadenza" all="Tutte le scadenze" value={filters.due} options={choices.dueWindows} />
          <FilterSelect columns="col-12 col-md-6 col-lg-3" id="statoProgetto" label="Stato del progetto" all="Tutti" value={filters.projectStatus} options={choices.projectStatuses} />
          <FilterSelect columns="col-12 col-md-6 col-lg-3" id="fonte" label="Fonte di finanziamento" all="Tutte" value={filters.fundingSource} options={choices.fundingSources} />
          <div className="col-12 d-flex gap-2">
            <button type="submit" className="btn btn-primary">
              Filtra
            </button>
            {filtered ? (
              <Link to="?" className="btn btn-outline-primary">
                Togli i filtri
              </Link>
            ) : null}
          </div>
        </div>
      </Form>

      <StateLegend />

      <p role="status" className="fw-semibold">
        {grid.total === 0 ? "Nessun progetto" : grid.total === 1 ? "1 progetto" : `${grid.total} progetti`}
        {filtered && grid.total > 0 ? " con rendicontazioni che corrispondono ai filtri" : ""}
        {grid.pageCount > 1 ? ` (pagina ${grid.page} di ${grid.pageCount})` : ""}.
      </p>

      {grid.projects.length === 0 ? (
        <p className="empty-state">
          {filtered
            ? "Nessuna rendicontazione corrisponde ai filtri. Prova con meno filtri."
            : "Non ci sono ancora rendicontazioni. Compaiono qui quando il coordinamento crea un progetto con le sue organizzazioni partner e il calendario delle rendicontazioni."}
        </p>
      ) : (
        grid.projects.map((project) => <ProjectGrid key={project.id} project={project} />)
      )}

      <Pagination
        page={grid.page}
        pageCount={grid.pageCount}
        hrefFor={(n) => withParams({ pagina: n > 1 ? String(n) : "" })}
        label="Pagine dei progetti"
      />
    </div>
  );
}

function OrganisationList({ data }: { data: ListData }) {
  const { organisationName, entries } = data;
  return (
    <div className="container my-5">
      <PageHeader
        title="Rendicontazioni"
        lead={`Le rendicontazioni di ${organisationName} per i progetti a cui partecipa: prima quelle da inviare, la scadenza più vicina per prima.`}
      />
      {entries.length === 0 ? (
        <p className="empty-state">
          La tua organizzazione non ha rendicontazioni. Quando partecipa a un progetto del tavolo, qui trovi le rendicontazioni
          da inviare per ogni periodo, con la loro scadenza.
        </p>
      ) : (
        <ScrollableTable>
          <table className="table align-middle">
            <caption className="visually-hidden">Rendicontazioni di {organisationName}: prima quelle da inviare, per scadenza</caption>
            <thead>
              <tr>
                <th scope="col">Progetto</th>
                <th scope="col">Periodo</th>
                <th scope="col">Scadenza</th>
                <th scope="col">Stato</th>
                <th scope="col">
                  <span className="visually-hidden">Azioni</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <Link to={`/progetti/${entry.project.id}`}>{entry.project.title}</Link>
                    <span className="d-block small">{entry.project.code}</span>
                  </td>
                  <td>
                    Periodo {entry.periodNumber}
                    <span className="d-block small">{entry.periodDates}</span>
                  </td>
                  <td>
                    {entry.dueOn}
                    {entry.daysLeft !== null ? <span className="d-block small">{daysLeftText(entry.daysLeft)}</span> : null}
                  </td>
                  <td>
                    <StateBadge state={entry.state} />
                  </td>
                  <td>
                    <Link to={`/rendicontazioni/${entry.id}`} className="btn btn-sm btn-outline-primary">
                      {entry.daysLeft !== null ? "Compila" : "Apri"}
                      <span className="visually-hidden">
                        {" "}
                        la rendicontazione del periodo {entry.periodNumber} di {entry.project.title}
                      </span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </div>
  );
}
