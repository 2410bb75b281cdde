import type { Route } from "./+types/public.organisations";
import { ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { PublicBreadcrumb } from "~/components/transparency";
import { publicPartners } from "~/domain/transparency.server";

// The current partners and adhering bodies: name, legal form, membership and since when, nothing
// else (no contacts, no people). 404 until a coordinator publishes the list.

export const meta: Route.MetaFunction = () => pageTitle("Organizzazioni del tavolo");

export async function loader() {
  const organisations = await publicPartners();
  if (!organisations) throw new Response("Pagina non pubblicata.", { status: 404 });
  return { organisations };
}

export default function PublicOrganisations({ loaderData }: Route.ComponentProps) {
  const { organisations } = loaderData;
  const groups = [
    { status: "PARTNER", title: "Partner", text: "Le organizzazioni che hanno firmato il Protocollo d'Intesa del tavolo." },
    { status: "ADERENTE", title: "Aderenti", text: "Gli enti che aderiscono al tavolo e ne seguono i lavori." },
  ];
  return (
    <div className="container my-5">
      <PublicBreadcrumb current="Organizzazioni" />
      <PageHeader title="Organizzazioni del tavolo" lead={`${organisations.length} organizzazioni fanno parte oggi del tavolo.`} />
      {groups.map((group) => {
        const rows = organisations.filter((o) => o.status === group.status);
        if (rows.length === 0) return null;
        return (
          <section key={group.status} aria-labelledby={`gruppo-${group.status}`} className="mb-5">
            <h2 id={`gruppo-${group.status}`} className="h3">
              {group.title} ({rows.length})
            </h2>
            <p>{group.text}</p>
            <ScrollableTable>
              <table className="table">
                <caption className="visually-hidden">{group.title}: nome, forma giuridica e data di adesione</caption>
                <thead>
                  <tr>
                    <th scope="col">Organizzazione</th>
                    <th scope="col">Forma giuridica</th>
                    <th scope="col">Nel tavolo dal</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((o) => (
                    <tr key={o.id}>
                      <th scope="row" className="fw-normal">
                        {o.name}
                      </th>
                      <td>{o.legalForm}</td>
                      <td className="text-nowrap">{o.since ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          </section>
        );
      })}
    </div>
  );
}
