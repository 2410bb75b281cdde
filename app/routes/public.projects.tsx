import { Link } from "react-router";
import type { Route } from "./+types/public.projects";
import { ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { AMOUNTS, PublicBreadcrumb, publicDay as day } from "~/components/transparency";
import { formatEuro } from "~/domain/money";
import { publicProjects } from "~/domain/transparency.server";

// The projects whose figures a coordinator made public, with the totals over them. Figures come
// from the approved rendicontazioni only (project-progress.server.ts), like the open data.

export const meta: Route.MetaFunction = () => pageTitle("Progetti del tavolo");

export async function loader() {
  return publicProjects();
}

const LIST_AMOUNTS = AMOUNTS.filter((a) => a.key === "programmedCents" || a.key === "committedCents" || a.key === "liquidatedCents");

export default function PublicProjects({ loaderData }: Route.ComponentProps) {
  const { projects, total } = loaderData;
  return (
    <div className="container my-5">
      <PublicBreadcrumb current="Progetti" />
      <PageHeader
        title="Progetti del tavolo"
        lead="Finanziamenti e avanzamento dei progetti che il coordinamento ha reso pubblici. Il liquidato e i valori raggiunti contano solo le rendicontazioni approvate."
      >
        <Link to="/pubblico/dati" className="btn btn-outline-primary">
          Dati aperti (CSV e JSON)
        </Link>
      </PageHeader>
      {projects.length === 0 ? (
        <p className="empty-state">Per ora non ci sono progetti con dati pubblici.</p>
      ) : (
        <>
          <section aria-labelledby="totali-titolo" className="mb-5">
            <h2 id="totali-titolo" className="h4">
              Totale dei {total.projects === 1 ? "progetti (1)" : `${total.projects} progetti`}
            </h2>
            <dl className="row">
              {AMOUNTS.map((a) => (
                <div key={a.key} className="col-6 col-md-4 col-lg mb-3">
                  <dt className="small text-secondary">{a.label}</dt>
                  <dd className="h5 mb-0 text-nowrap">{formatEuro(total[a.key])}</dd>
                </div>
              ))}
            </dl>
          </section>
          <ScrollableTable>
            <table className="table">
              <caption>Progetti: capofila, stato e importi principali (tutti gli importi nella pagina di ciascun progetto)</caption>
              <thead>
                <tr>
                  <th scope="col">Progetto</th>
                  <th scope="col">Capofila</th>
                  <th scope="col">Stato</th>
                  {LIST_AMOUNTS.map((a) => (
                    <th key={a.key} scope="col" className="text-end">
                      {a.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" className="fw-normal" style={{ minWidth: "16rem" }}>
                      <Link to={`/pubblico/progetti/${p.id}`}>{p.title}</Link>
                      <span className="d-block small text-secondary">
                        {p.code} · dal {day(p.startsOn)} al {day(p.endsOn)}
                      </span>
                    </th>
                    <td>{p.lead}</td>
                    <td>{p.status}</td>
                    {LIST_AMOUNTS.map((a) => (
                      <td key={a.key} className="text-end text-nowrap">
                        {formatEuro(p[a.key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        </>
      )}
    </div>
  );
}
