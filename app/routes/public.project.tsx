import type { Route } from "./+types/public.project";
import { ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { AMOUNTS, PublicBreadcrumb, publicDay as day } from "~/components/transparency";
import { formatEuro, formatPercent, formatQuantity } from "~/domain/money";
import { publicProject } from "~/domain/transparency.server";

// One project's public figures: funding, indicators, status, period, lead and partners' names.
// Never a rendicontazione's narrative or state; 404 unless a coordinator made the figures public.

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? `${data.project.code} · ${data.project.title}` : "Progetto");

export async function loader({ params }: Route.LoaderArgs) {
  const project = await publicProject(params.id);
  if (!project) throw new Response("Progetto non trovato.", { status: 404 });
  return { project };
}

export default function PublicProject({ loaderData }: Route.ComponentProps) {
  const { project } = loaderData;
  return (
    <div className="container my-5">
      <PublicBreadcrumb current={project.code} parent={{ to: "/pubblico/progetti", label: "Progetti" }} />
      <PageHeader title={project.title} lead={`${project.code}${project.cup ? ` · CUP ${project.cup}` : ""}`} />
      <dl className="row mb-4">
        <dt className="col-sm-3">Stato</dt>
        <dd className="col-sm-9">{project.status}</dd>
        <dt className="col-sm-3">Periodo</dt>
        <dd className="col-sm-9">
          dal {day(project.startsOn)} al {day(project.endsOn)}
        </dd>
        <dt className="col-sm-3">Capofila</dt>
        <dd className="col-sm-9">{project.lead}</dd>
        <dt className="col-sm-3">Partner</dt>
        <dd className="col-sm-9">{project.partners.join(", ")}</dd>
        <dt className="col-sm-3">Finanziamento</dt>
        <dd className="col-sm-9">{project.fundingSource}</dd>
      </dl>

      <section aria-labelledby="importi-titolo" className="mb-5">
        <h2 id="importi-titolo" className="h4">
          Importi
        </h2>
        <dl className="row">
          {AMOUNTS.map((a) => (
            <div key={a.key} className="col-6 col-md-4 col-lg mb-3">
              <dt className="small text-secondary">{a.label}</dt>
              <dd className="h5 mb-0 text-nowrap">{formatEuro(project[a.key])}</dd>
            </div>
          ))}
        </dl>
        <p className="small text-secondary">Il liquidato è la somma delle spese delle rendicontazioni approvate dal coordinamento.</p>
      </section>

      <section aria-labelledby="indicatori-titolo" className="mb-5">
        <h2 id="indicatori-titolo" className="h4">
          Indicatori
        </h2>
        {project.indicators.length === 0 ? (
          <p className="empty-state">Nessun indicatore per questo progetto.</p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Indicatori: partenza, target e valore raggiunto</caption>
              <thead>
                <tr>
                  <th scope="col">Indicatore</th>
                  <th scope="col" className="text-end">
                    Partenza
                  </th>
                  <th scope="col" className="text-end">
                    Target
                  </th>
                  <th scope="col" className="text-end">
                    Raggiunto
                  </th>
                  <th scope="col" className="text-end">
                    Avanzamento
                  </th>
                </tr>
              </thead>
              <tbody>
                {project.indicators.map((i) => (
                  <tr key={i.name}>
                    <th scope="row" className="fw-normal">
                      {i.name} <span className="text-secondary">({i.unit}, {i.direction.toLowerCase()})</span>
                    </th>
                    <td className="text-end">{formatQuantity(i.baseline)}</td>
                    <td className="text-end text-nowrap">
                      {formatQuantity(i.target)} <span className="small text-secondary">entro il {day(i.targetOn)}</span>
                    </td>
                    <td className="text-end text-nowrap">
                      {formatQuantity(i.achieved)}
                      {i.lastValueOn ? <span className="small text-secondary"> al {day(i.lastValueOn)}</span> : null}
                    </td>
                    <td className="text-end">{formatPercent(i.percent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}
      </section>
    </div>
  );
}
