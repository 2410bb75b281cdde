import type { Route } from "./+types/public.verbale";
import { PageHeader, pageTitle } from "~/components/page";
import { PublicBreadcrumb, StoredHtml } from "~/components/transparency";
import { publicVerbale } from "~/domain/transparency.server";

// One verbale's public version: the meeting's title, date and kind and the reviewed text, never the
// internal text, the comments or the attendance names. 404 unless it is on the public pages.

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? `Verbale: ${data.verbale.title}` : "Verbale");

export async function loader({ params }: Route.LoaderArgs) {
  const verbale = await publicVerbale(params.id);
  if (!verbale) throw new Response("Verbale non trovato.", { status: 404 });
  return { verbale };
}

export default function PublicVerbale({ loaderData }: Route.ComponentProps) {
  const { verbale } = loaderData;
  return (
    <div className="container my-5">
      <PublicBreadcrumb current={verbale.title} parent={{ to: "/pubblico/verbali", label: "Verbali" }} />
      <div className="row">
        <div className="col-lg-9">
          <PageHeader title={`Verbale: ${verbale.title}`} lead={`${verbale.kind} · ${verbale.day}`} />
          <p className="small text-secondary">
            Versione pubblica, pubblicata il {verbale.publishedOn}: i nomi delle persone sono sostituiti da «[omissis]».
          </p>
          {verbale.sections.map((section, index) => (
            <section key={section.key} aria-labelledby={`sezione-${index}`} className="mb-4">
              <h2 id={`sezione-${index}`} className="h4">
                {section.title}
              </h2>
              {section.html.trim() ? <StoredHtml html={section.html} /> : <p className="text-secondary fst-italic">Nessun testo per questo punto.</p>}
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
