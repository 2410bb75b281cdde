import { Link } from "react-router";
import type { Route } from "./+types/verbale.versions";
import { requirePermission, requireUser } from "~/auth/permissions.server";
import { PageHeader, pageTitle } from "~/components/page";
import { VersionDiff } from "~/components/verbali";
import { getVersionsPage, verbaleAccess } from "~/domain/verbali.server";
import { ScrollableTable } from "~/components/lists";
import { CompareVersions } from "~/components/versions";

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? `Versioni del verbale: ${data.meeting.title}` : "Versioni del verbale");

const versionNumber = (value: string | null) => {
  const number = Number.parseInt(value ?? "", 10);
  return Number.isInteger(number) && number > 0 ? number : null;
};

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const found = await verbaleAccess(args.params.id, user.id);
  requirePermission(args, "view", { kind: "verbale", status: found.status, isInvitee: found.isInvitee });
  const params = new URL(args.request.url).searchParams;
  return getVersionsPage(args.params.id, { a: versionNumber(params.get("a")), b: versionNumber(params.get("b")) });
}

export default function VerbaleVersions({ loaderData }: Route.ComponentProps) {
  const { meeting, versions, comparison, selected } = loaderData;
  return (
    <div className="container my-5">
      <PageHeader title="Versioni del verbale" lead={`${meeting.title} · ${meeting.when}`}>
        <Link to={`/riunioni/${meeting.id}/verbale`} className="btn btn-outline-primary">
          Torna al verbale
        </Link>
      </PageHeader>
      <section aria-labelledby="elenco-versioni" className="mb-5">
        <h2 id="elenco-versioni" className="h4">
          Versioni pubblicate
        </h2>
        {versions.length === 0 ? (
          <p className="empty-state">Il verbale non è ancora pubblicato: la prima versione nasce con la pubblicazione, ogni correzione aggiunge la successiva.</p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Versioni pubblicate del verbale, dalla prima</caption>
              <thead>
                <tr>
                  <th scope="col">Versione</th>
                  <th scope="col">Pubblicata</th>
                  <th scope="col">Da</th>
                  <th scope="col">Motivo</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.number}>
                    <th scope="row">{v.number}</th>
                    <td>{v.at}</td>
                    <td>{v.author || "—"}</td>
                    <td>{v.reason || (v.number === 1 ? "Prima pubblicazione" : "—")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}
      </section>
      {versions.length > 1 ? (
        <CompareVersions versions={versions} selected={selected} comparison={comparison}>
          {comparison ? <VersionDiff sections={comparison.sections} /> : null}
        </CompareVersions>
      ) : null}
    </div>
  );
}
