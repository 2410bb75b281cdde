import { Form, Link, useSearchParams } from "react-router";
import type { Route } from "./+types/organisations";
import { can, requirePermission } from "~/auth/permissions.server";
import { Notice } from "~/components/forms";
import { FilterSelect, Pagination, ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { MembershipBadge } from "~/components/registry";
import { LEGAL_FORMS, legalFormLabel, MEMBERSHIP_SHORT_LABELS } from "~/domain/organisations";
import { findOrganisations, listRegistryFilterChoices, parseRegistryFilters } from "~/domain/organisations.server";

export const meta: Route.MetaFunction = () => pageTitle("Organizzazioni");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "registry" });
  const filters = parseRegistryFilters(new URL(args.request.url).searchParams);
  const [result, choices] = await Promise.all([findOrganisations(filters), listRegistryFilterChoices()]);
  return {
    filters,
    ...result,
    organisations: result.organisations.map((o) => ({ ...o, legalForm: legalFormLabel(o.legalForm) })),
    choices,
    canManage: can(user, "manage", { kind: "registry" }),
  };
}

const FILTER_KEYS = ["q", "stato", "forma", "rete", "gruppo"];

export default function Organisations({ loaderData }: Route.ComponentProps) {
  const { filters, organisations, total, page, pageCount, choices, canManage } = loaderData;
  const [searchParams] = useSearchParams();
  const filterQuery = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = searchParams.get(key);
    if (value) filterQuery.set(key, value);
  }
  const withPage = (n: number) => {
    const query = new URLSearchParams(filterQuery);
    if (n > 1) query.set("pagina", String(n));
    return `?${query.toString()}`;
  };
  const exportQuery = filterQuery.size > 0 ? `?${filterQuery.toString()}` : "";
  const filtered = filterQuery.size > 0;
  const imported = searchParams.get("importate");
  const importUpdated = searchParams.get("aggiornate");

  return (
    <div className="container my-5">
      <PageHeader title="Organizzazioni" lead="L'anagrafica dei partner e degli enti aderenti al tavolo, con la storia della loro adesione.">
        <Link to="/reti" className="btn btn-outline-primary">
          Reti tematiche
        </Link>
      </PageHeader>
      {imported !== null || importUpdated !== null ? (
        <Notice>
          Importazione completata: {Number(imported ?? 0)} {Number(imported) === 1 ? "organizzazione nuova" : "organizzazioni nuove"},{" "}
          {Number(importUpdated ?? 0)} {Number(importUpdated) === 1 ? "aggiornata" : "aggiornate"}.
        </Notice>
      ) : null}

      {canManage ? (
        <div className="d-flex flex-wrap gap-2 mb-4">
          <Link to="/organizzazioni/nuova" className="btn btn-primary">
            Nuova organizzazione
          </Link>
          <Link to="/organizzazioni/importa" className="btn btn-outline-primary">
            Importa da CSV
          </Link>
          <a href={`/organizzazioni/esporta/csv${exportQuery}`} className="btn btn-outline-primary">
            Esporta CSV{filtered ? <span className="visually-hidden"> (solo le organizzazioni filtrate)</span> : null}
          </a>
          <a href={`/organizzazioni/esporta/xlsx${exportQuery}`} className="btn btn-outline-primary">
            Esporta XLSX{filtered ? <span className="visually-hidden"> (solo le organizzazioni filtrate)</span> : null}
          </a>
        </div>
      ) : null}

      <Form method="get" key={filterQuery.toString()} className="mb-4" role="search" aria-label="Cerca e filtra le organizzazioni">
        <div className="row g-3 align-items-end">
          <div className="col-12 col-lg-4 form-group mb-0">
            <label htmlFor="filtro-q" className="active">
              Nome o codice fiscale
            </label>
            <input id="filtro-q" name="q" type="search" className="form-control" defaultValue={filters.search} />
          </div>
          <FilterSelect columns="col-12 col-md-6 col-lg-2" id="stato" label="Stato" all="Tutti" value={filters.status} options={Object.entries(MEMBERSHIP_SHORT_LABELS).map(([value, label]) => ({ value, label }))} />
          <FilterSelect columns="col-12 col-md-6 col-lg-2" id="forma" label="Forma giuridica" all="Tutte" value={filters.legalForm} options={Object.entries(LEGAL_FORMS).map(([value, label]) => ({ value, label }))} />
          <FilterSelect columns="col-12 col-md-6 col-lg-2" id="rete" label="Rete tematica" all="Tutte" value={filters.networkId} options={choices.networks.map((n) => ({ value: n.id, label: n.name }))} />
          <FilterSelect columns="col-12 col-md-6 col-lg-2" id="gruppo" label="Gruppo di lavoro" all="Tutti" value={filters.groupId} options={choices.groups.map((g) => ({ value: g.id, label: g.name }))} />
          <div className="col-12 col-lg-4 d-flex gap-2">
            <button type="submit" className="btn btn-primary">
              Cerca
            </button>
            {filtered ? (
              <Link to="/organizzazioni" className="btn btn-outline-primary">
                Togli i filtri
              </Link>
            ) : null}
          </div>
        </div>
      </Form>

      <p role="status" className="fw-semibold">
        {total === 0 ? "Nessuna organizzazione trovata" : total === 1 ? "1 organizzazione" : `${total} organizzazioni`}
        {filtered && total > 0 ? " corrispondono alla ricerca" : ""}
        {pageCount > 1 ? ` (pagina ${page} di ${pageCount})` : ""}.
      </p>

      {organisations.length === 0 ? (
        <p className="empty-state">
          {filtered
            ? "Nessuna organizzazione corrisponde alla ricerca. Prova con meno filtri o con una parte del nome."
            : "Il registro è vuoto. Le organizzazioni partner e gli enti aderenti compariranno qui quando il coordinamento li registra."}
        </p>
      ) : (
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">Organizzazioni del registro</caption>
            <thead>
              <tr>
                <th scope="col">Nome</th>
                <th scope="col">Forma giuridica</th>
                <th scope="col">Codice fiscale</th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((organisation) => (
                <tr key={organisation.id}>
                  <td>
                    <Link to={`/organizzazioni/${organisation.id}`}>{organisation.name}</Link>
                    {organisation.shortName ? <span className="d-block small">{organisation.shortName}</span> : null}
                    {organisation.isCoordinator ? <span className="d-block small">Ente coordinatore del tavolo</span> : null}
                  </td>
                  <td>{organisation.legalForm}</td>
                  <td>{organisation.codiceFiscale ?? <span className="text-muted">Non indicato</span>}</td>
                  <td>
                    <MembershipBadge status={organisation.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}

      <Pagination page={page} pageCount={pageCount} hrefFor={withPage} label="Pagine dei risultati" />
    </div>
  );
}
