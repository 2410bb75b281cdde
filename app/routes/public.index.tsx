import { Link } from "react-router";
import type { Route } from "./+types/public.index";
import { PageHeader, pageTitle } from "~/components/page";
import { publicSections } from "~/domain/transparency.server";
import { env } from "~/env.server";

// The index of the public pages: no sign-in, it links only to what a coordinator made public
// (docs/decisions/029-public-transparency-pages.md), plus the public documents and services.

export const meta: Route.MetaFunction = () => [
  ...pageTitle("Trasparenza"),
  { name: "description", content: "Come funziona il tavolo contro la povertà, chi ne fa parte, i verbali, i progetti e i dati aperti." },
];

export async function loader() {
  return { tavoloName: env.TAVOLO_NAME, sections: await publicSections() };
}

interface Entry {
  to: string;
  title: string;
  text: string;
}

export default function PublicIndex({ loaderData }: Route.ComponentProps) {
  const { tavoloName, sections } = loaderData;
  const entries: Entry[] = [
    ...(sections.presentation ? [{ to: "/pubblico/tavolo", title: "Il tavolo", text: "Come funziona il tavolo e i suoi obiettivi strategici." }] : []),
    ...(sections.partners ? [{ to: "/pubblico/organizzazioni", title: "Organizzazioni", text: "Le organizzazioni partner e aderenti, con la loro forma giuridica e la data di adesione." }] : []),
    ...(sections.verbali > 0
      ? [{ to: "/pubblico/verbali", title: "Verbali", text: `${sections.verbali === 1 ? "Un verbale" : `${sections.verbali} verbali`} delle riunioni, nella versione pubblica.` }]
      : []),
    ...(sections.projects > 0
      ? [{ to: "/pubblico/progetti", title: "Progetti", text: `${sections.projects === 1 ? "Un progetto" : `${sections.projects} progetti`}: finanziamenti, avanzamento e indicatori.` }]
      : []),
    { to: "/pubblico/dati", title: "Dati aperti", text: "I dati dei progetti in CSV e JSON, con indirizzi stabili e la licenza d'uso." },
    { to: "/pubblico/documenti", title: "Documenti pubblici", text: "Protocolli, delibere, piani e report da consultare e scaricare." },
    { to: "/pubblico/servizi", title: "Guida ai servizi del territorio", text: "Dove trovare cibo, vestiti, ascolto, lavoro e casa." },
  ];
  return (
    <div className="container my-5">
      <PageHeader title="Trasparenza" lead={`Quello che il ${tavoloName} rende pubblico: si consulta senza account.`} />
      <div className="row g-4">
        {entries.map((entry) => (
          <div key={entry.to} className="col-12 col-md-6 col-lg-4">
            <div className="card card-bg h-100">
              <div className="card-body">
                <h2 className="h5 card-title">
                  <Link to={entry.to}>{entry.title}</Link>
                </h2>
                <p className="card-text">{entry.text}</p>
              </div>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
