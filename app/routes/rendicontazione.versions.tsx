import { data, Link } from "react-router";
import type { Route } from "./+types/rendicontazione.versions";
import { requirePermission, requireUser } from "~/auth/permissions.server";
import { PageHeader, pageTitle } from "~/components/page";
import { VersionComparison } from "~/components/rendicontazioni";
import { findRendicontazioneAccess, getVersionsPage, rendicontazioneResource } from "~/domain/rendicontazioni.server";
import { ScrollableTable } from "~/components/lists";
import { CompareVersions } from "~/components/versions";

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageTitle(loaderData ? `Versioni della rendicontazione: ${loaderData.rendicontazione.organisationName}` : "Versioni della rendicontazione");

const versionNumber = (value: string | null) => {
  const number = Number.parseInt(value ?? "", 10);
  return Number.isInteger(number) && number > 0 ? number : null;
};

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const found = await findRendicontazioneAccess(args.params.id);
  if (!found) throw data("Rendicontazione non trovata.", { status: 404 });
  requirePermission(args, "view", rendicontazioneResource(found));
  const params = new URL(args.request.url).searchParams;
  const page = await getVersionsPage(found.id, { a: versionNumber(params.get("a")), b: versionNumber(params.get("b")) });
  if (!page) throw data("Rendicontazione non trovata.", { status: 404 });
  return page;
}

export default function RendicontazioneVersions({ loaderData }: Route.ComponentProps) {
  const { rendicontazione, versions, comparison, selected } = loaderData;
  return (
    <div className="container my-5">
      <PageHeader
        title="Versioni della rendicontazione"
        lead={`${rendicontazione.organisationName} · ${rendicontazione.project.code} ${rendicontazione.project.title} · ${rendicontazione.periodLabel}`}
      >
        <Link to={`/rendicontazioni/${rendicontazione.id}`} className="btn btn-outline-primary">
          Torna alla rendicontazione
        </Link>
      </PageHeader>
      <section aria-labelledby="elenco-versioni" className="mb-5">
        <h2 id="elenco-versioni" className="h4">
          Versioni inviate
        </h2>
        {versions.length === 0 ? (
          <p className="empty-state">Non è ancora stata inviata: la prima versione nasce con il primo invio, ogni nuovo invio dopo una restituzione aggiunge la successiva.</p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Versioni inviate della rendicontazione, dalla prima</caption>
              <thead>
                <tr>
                  <th scope="col">Versione</th>
                  <th scope="col">Inviata</th>
                  <th scope="col">Da</th>
                  <th scope="col" className="text-end">
                    Spese
                  </th>
                  <th scope="col">Esito dell'esame</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.number}>
                    <th scope="row">{v.number}</th>
                    <td>{v.submittedAt}</td>
                    <td>{v.submittedByName}</td>
                    <td className="text-end text-nowrap">{v.totalLabel}</td>
                    <td>
                      {v.review ? (
                        <>
                          <strong>{v.review.outcomeLabel}</strong> da {v.review.reviewerName}, {v.review.at}
                          {v.review.comment ? <span className="d-block small" style={{ whiteSpace: "pre-line" }}>{v.review.comment}</span> : null}
                          {v.review.fieldComments.length > 0 ? (
                            <span className="d-block small text-secondary">
                              {v.review.fieldComments.length === 1 ? "1 commento sui campi" : `${v.review.fieldComments.length} commenti sui campi`}
                            </span>
                          ) : null}
                        </>
                      ) : (
                        "In attesa di esame"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}
      </section>
      {versions.length > 1 ? (
        <CompareVersions versions={versions.map((v) => ({ number: v.number, at: v.submittedAt }))} selected={selected} comparison={comparison}>
          {comparison ? <VersionComparison comparison={comparison} /> : null}
        </CompareVersions>
      ) : null}
    </div>
  );
}
