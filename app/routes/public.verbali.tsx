import { Link } from "react-router";
import type { Route } from "./+types/public.verbali";
import { PageHeader, pageTitle } from "~/components/page";
import { PublicBreadcrumb } from "~/components/transparency";
import { publicVerbali } from "~/domain/transparency.server";

// The verbali a coordinator published in their public version (names of private persons removed).

export const meta: Route.MetaFunction = () => pageTitle("Verbali pubblici");

export async function loader() {
  return { verbali: await publicVerbali() };
}

export default function PublicVerbali({ loaderData }: Route.ComponentProps) {
  const { verbali } = loaderData;
  return (
    <div className="container my-5">
      <PublicBreadcrumb current="Verbali" />
      <PageHeader title="Verbali pubblici" lead="I verbali delle riunioni del tavolo nella versione pubblica: i nomi delle persone sono omessi." />
      {verbali.length === 0 ? (
        <p className="empty-state">Per ora non ci sono verbali pubblicati.</p>
      ) : (
        <ul className="list-unstyled">
          {verbali.map((verbale) => (
            <li key={verbale.id} className="mb-3 pb-3 border-bottom">
              <h2 className="h5 mb-1">
                <Link to={`/pubblico/verbali/${verbale.id}`}>{verbale.title}</Link>
              </h2>
              <p className="small text-muted mb-0">
                {verbale.kind} · {verbale.day}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
