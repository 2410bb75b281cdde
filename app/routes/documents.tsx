import { Form, Link } from "react-router";
import type { Route } from "./+types/documents";
import { can, requirePermission } from "~/auth/permissions.server";
import { FilterSelect, Pagination, ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { categoryLabel, categoryOptions, visibilityLabel, visibilityOptions } from "~/domain/documents";
import { formatFileSize } from "~/files/display";
import { documentFilterChoices, documentFilterQuery, listDocuments, parseDocumentFilters } from "~/domain/documents.server";
import { formatDay } from "~/utils/dates";

export const meta: Route.MetaFunction = () => pageTitle("Archivio documenti");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "documents" });
  const isCoordinator = can(user, "manage", { kind: "documents" });
  const filters = parseDocumentFilters(new URL(args.request.url).searchParams, { mayFilterVisibility: isCoordinator });
  const [result, choices] = await Promise.all([listDocuments(user, filters), documentFilterChoices(user)]);
  return {
    filters,
    filterQuery: documentFilterQuery(filters),
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    documents: result.documents.map((d) => ({
      id: d.id,
      title: d.title,
      category: categoryLabel(d.category),
      date: formatDay(d.documentDate),
      author: d.authorOrganisation?.name ?? null,
      group: d.workingGroup,
      visibility: visibilityLabel(d.visibility),
      file: d.current ? { url: `/documenti/${d.id}/versioni/${d.current.id}`, name: d.current.fileName, size: formatFileSize(d.current.size), version: d.current.versionNumber } : null,
    })),
    choices: {
      years: choices.years.map((year) => ({ value: String(year), label: String(year) })),
      groups: choices.groups.map((g) => ({ value: g.id, label: g.name })),
      projects: choices.projects.map((p) => ({ value: p.id, label: p.title })),
    },
    isCoordinator,
  };
}

export default function Documents({ loaderData }: Route.ComponentProps) {
  const { filters, filterQuery, documents, total, page, pageCount, choices, isCoordinator } = loaderData;
  const withPage = (n: number) => {
    const query = new URLSearchParams(filterQuery);
    if (n > 1) query.set("pagina", String(n));
    return `?${query.toString()}`;
  };
  const filtered = Boolean(filterQuery);
  return (
    <div className="container my-5">
      <PageHeader
        title="Archivio documenti"
        lead="Gli atti ufficiali e i documenti del tavolo, con tutte le loro versioni. Vedi quelli del tavolo, quelli pubblici e quelli dei gruppi di lavoro di cui fai parte."
      >
        {isCoordinator ? (
          <Link to="/documenti/nuovo" className="btn btn-primary">
            Nuovo documento
          </Link>
        ) : null}
      </PageHeader>

      <Form method="get" role="search" aria-label="Cerca nell'archivio" className="mb-4">
        <div className="row g-3 align-items-end">
          <div className="col-12 col-md-6 col-lg-4 form-group mb-0">
            <label htmlFor="filtro-q" className="active">
              Cerca nel titolo e nella descrizione
            </label>
            <input id="filtro-q" name="q" type="search" className="form-control" defaultValue={filters.q} />
          </div>
          <FilterSelect id="categoria" label="Categoria" all="Tutte" value={filters.category} options={categoryOptions()} columns="col-6 col-md-3 col-lg-2" />
          <FilterSelect id="anno" label="Anno" all="Tutti" value={filters.year ? String(filters.year) : ""} options={choices.years} columns="col-6 col-md-3 col-lg-2" />
          <FilterSelect id="gruppo" label="Gruppo di lavoro" all="Tutti" value={filters.groupId} options={choices.groups} columns="col-12 col-md-6 col-lg-4" />
          <FilterSelect id="progetto" label="Progetto" all="Tutti" value={filters.projectId} options={choices.projects} columns="col-12 col-md-6 col-lg-4" />
          {isCoordinator ? (
            <FilterSelect id="visibilita" label="Visibilità" all="Tutte" value={filters.visibility} options={visibilityOptions()} columns="col-12 col-md-6 col-lg-4" />
          ) : null}
          <div className="col-12 col-lg-4 d-flex gap-2">
            <button type="submit" className="btn btn-primary">
              Filtra
            </button>
            {filtered ? (
              <Link to="/documenti" className="btn btn-outline-secondary">
                Togli i filtri
              </Link>
            ) : null}
          </div>
        </div>
      </Form>

      <p role="status">{total === 1 ? "1 documento" : `${total.toLocaleString("it-IT")} documenti`}</p>
      {documents.length === 0 ? (
        <p className="empty-state">
          {filtered
            ? "Nessun documento corrisponde ai filtri scelti."
            : "L'archivio è vuoto. Gli atti e i documenti del tavolo (delibere, protocolli, piani, report) compariranno qui, con le loro versioni."}
        </p>
      ) : (
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">Documenti dell'archivio, dal più recente</caption>
            <thead>
              <tr>
                <th scope="col">Titolo</th>
                <th scope="col">Categoria</th>
                <th scope="col">Data</th>
                <th scope="col">Organizzazione autrice</th>
                <th scope="col">Visibilità</th>
                <th scope="col">File attuale</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((document) => (
                <tr key={document.id}>
                  <td>
                    <Link to={`/documenti/${document.id}`}>{document.title}</Link>
                  </td>
                  <td>{document.category}</td>
                  <td className="text-nowrap">{document.date}</td>
                  <td>{document.author ?? <span className="text-muted">Non indicata</span>}</td>
                  <td>
                    {document.visibility}
                    {document.group ? <span className="d-block small">{document.group.name}</span> : null}
                  </td>
                  <td>
                    {document.file ? (
                      <>
                        <a href={document.file.url}>
                          Scarica<span className="visually-hidden"> {document.title}</span>
                        </a>{" "}
                        <span className="text-muted text-nowrap">
                          ({document.file.size}
                          {document.file.version > 1 ? `, versione ${document.file.version}` : ""})
                        </span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={withPage} label="Pagine dell'archivio" />
    </div>
  );
}
