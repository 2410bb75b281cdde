import type { Route } from "./+types/public.tavolo";
import { PageHeader, pageTitle } from "~/components/page";
import { PublicBreadcrumb, StoredHtml } from "~/components/transparency";
import { publicPresentation } from "~/domain/transparency.server";
import { env } from "~/env.server";

// The tavolo's presentation and strategic objectives, once a coordinator published it; 404 before.

export const meta: Route.MetaFunction = () => pageTitle("Il tavolo");

export async function loader() {
  const presentation = await publicPresentation();
  if (!presentation) throw new Response("Pagina non pubblicata.", { status: 404 });
  return { tavoloName: env.TAVOLO_NAME, ...presentation };
}

export default function PublicTavolo({ loaderData }: Route.ComponentProps) {
  const { tavoloName, html, objectives } = loaderData;
  return (
    <div className="container my-5">
      <PublicBreadcrumb current="Il tavolo" />
      <div className="row">
        <div className="col-lg-9">
          <PageHeader title={tavoloName} lead="Come funziona il tavolo e che cosa si propone." />
          <StoredHtml html={html} />
          {objectives.length > 0 ? (
            <section aria-labelledby="obiettivi-titolo" className="mt-5">
              <h2 id="obiettivi-titolo" className="h3">
                Obiettivi strategici
              </h2>
              <ol className="list-unstyled">
                {objectives.map((objective) => (
                  <li key={objective.code} className="mb-3">
                    <h3 className="h5 mb-1">
                      {objective.code} · {objective.title}
                    </h3>
                    {objective.description ? <p className="mb-0">{objective.description}</p> : null}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
