import { Link } from "react-router";
import type { Route } from "./+types/protocols";
import { can, requirePermission } from "~/auth/permissions.server";
import { PageHeader, pageTitle } from "~/components/page";
import { listProtocols, protocolKindLabel } from "~/domain/protocols.server";
import { formatDay } from "~/utils/dates";
import { ScrollableTable } from "~/components/lists";

export const meta: Route.MetaFunction = () => pageTitle("Protocolli");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "protocols" });
  const protocols = await listProtocols();
  return {
    canManage: can(user, "manage", { kind: "protocols" }),
    protocols: protocols.map((p) => ({
      id: p.id,
      title: p.title,
      kind: protocolKindLabel(p.kind),
      signedOn: formatDay(p.signedOn),
      validUntil: p.validUntil ? formatDay(p.validUntil) : null,
      expiry: p.expiry,
      activeSignatories: p.activeSignatories,
    })),
  };
}

function ExpiryBadge({ expiry }: { expiry: "EXPIRING" | "EXPIRED" | null }) {
  if (expiry === "EXPIRED") return <span className="badge bg-danger ms-2">Scaduto</span>;
  if (expiry === "EXPIRING") return <span className="badge bg-warning ms-2">In scadenza</span>;
  return null;
}

export default function Protocols({ loaderData }: Route.ComponentProps) {
  const { protocols, canManage } = loaderData;
  return (
    <div className="container my-5">
      <PageHeader
        title="Protocolli"
        lead="Il Protocollo d'Intesa del tavolo e i protocolli operativi: chi li ha firmati, quali impegni prevedono e fino a quando valgono."
      >
        {canManage ? (
          <Link to="/protocolli/nuovo" className="btn btn-primary">
            Nuovo protocollo
          </Link>
        ) : null}
      </PageHeader>
      {protocols.length === 0 ? (
        <p className="empty-state">
          Nessun protocollo registrato. Quando il coordinamento registra il Protocollo d'Intesa o un protocollo operativo, qui
          trovi la data di firma, la scadenza e le organizzazioni firmatarie, con il documento firmato da consultare.
        </p>
      ) : (
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">Protocolli del tavolo</caption>
            <thead>
              <tr>
                <th scope="col">Titolo</th>
                <th scope="col">Tipo</th>
                <th scope="col">Sottoscritto il</th>
                <th scope="col">Valido fino al</th>
                <th scope="col" className="text-end">
                  Firmatarie attive
                </th>
              </tr>
            </thead>
            <tbody>
              {protocols.map((protocol) => (
                <tr key={protocol.id}>
                  <td>
                    <Link to={`/protocolli/${protocol.id}`}>{protocol.title}</Link>
                  </td>
                  <td>{protocol.kind}</td>
                  <td>{protocol.signedOn}</td>
                  <td>
                    {protocol.validUntil ?? <span className="text-secondary">Senza scadenza</span>}
                    <ExpiryBadge expiry={protocol.expiry} />
                  </td>
                  <td className="text-end">{protocol.activeSignatories}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </div>
  );
}
