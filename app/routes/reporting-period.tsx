import { data, Form, Link } from "react-router";
import type { Route } from "./+types/reporting-period";
import { can, requireUser } from "~/auth/permissions.server";
import { FormAlert, Notice, TextAreaField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { StateBadge } from "~/components/reporting";
import { formatEuro } from "~/domain/money";
import { consolidatedNoteFields, getPeriodPage, periodPermissions, rendicontazioneResource, saveConsolidatedNote } from "~/domain/rendicontazioni.server";
import { orUserError, parseForm, type FormReply } from "~/utils/forms.server";
import { ScrollableTable } from "~/components/lists";

// A period of a project as its lead organisation follows it: each partner's rendicontazione with
// its state, the totals of what has been sent, and the lead's consolidated note. Coordinators see
// it too.

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageTitle(loaderData ? `${loaderData.project.code}, periodo ${loaderData.period.number}` : "Periodo di rendicontazione");

async function access(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requireUser(args);
  const page = await getPeriodPage(args.params.id, args.params.periodId);
  if (!page) throw data("Periodo non trovato.", { status: 404 });
  const permissions = periodPermissions(user, page.project.leadOrganisationId);
  if (!permissions.canView) throw data("Questa pagina è per l'organizzazione capofila del progetto e per il coordinamento.", { status: 403 });
  return { user, page, permissions };
}

export async function loader(args: Route.LoaderArgs) {
  const { user, page, permissions } = await access(args);
  const leadOrganisationId = page.project.leadOrganisationId;
  return {
    ...page,
    rendicontazioni: page.rendicontazioni.map((r) => ({
      ...r,
      // Only what this person may open becomes a link: never another organisation's draft.
      canOpen: can(user, "view", rendicontazioneResource({ organisationId: r.organisationId, status: r.status, leadOrganisationId })),
    })),
    canWriteNote: permissions.canWriteNote,
  };
}

export async function action(args: Route.ActionArgs) {
  const { user, permissions } = await access(args);
  if (!permissions.canWriteNote) throw data("Solo i referenti dell'organizzazione capofila scrivono la nota di sintesi.", { status: 403 });
  const form = await parseForm(args.request, consolidatedNoteFields);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => saveConsolidatedNote(args.params.id, args.params.periodId, form.data.consolidatedNote, user));
  if (!result.ok) return result.reply;
  return { done: "Nota di sintesi salvata." };
}

const count = (value: number) => value.toLocaleString("it-IT");

export default function ReportingPeriod({ loaderData, actionData }: Route.ComponentProps) {
  const { project, period, rendicontazioni, totals, canWriteNote } = loaderData;
  const reply = actionData && "errors" in actionData ? (actionData as FormReply) : undefined;
  return (
    <div className="container my-5">
      <PageHeader title={`Periodo ${period.number}: rendicontazioni dei partner`} lead={`${project.code} · ${project.title}`}>
        <Link to={`/progetti/${project.id}`} className="btn btn-outline-secondary">
          Torna al progetto
        </Link>
      </PageHeader>
      {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}
      <dl className="row mb-4">
        <dt className="col-sm-3">Periodo</dt>
        <dd className="col-sm-9">{period.label}</dd>
        <dt className="col-sm-3">Scadenza</dt>
        <dd className="col-sm-9">{period.dueOn}</dd>
        <dt className="col-sm-3">Capofila</dt>
        <dd className="col-sm-9">{project.leadOrganisationName}</dd>
      </dl>

      <section aria-labelledby="partner-titolo" className="mb-5">
        <h2 id="partner-titolo" className="h4">
          Rendicontazioni del periodo
        </h2>
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">Stato della rendicontazione di ogni organizzazione nel periodo {period.number}</caption>
            <thead>
              <tr>
                <th scope="col">Organizzazione</th>
                <th scope="col">Stato</th>
                <th scope="col">Inviata</th>
                <th scope="col" className="text-end">
                  Spese
                </th>
              </tr>
            </thead>
            <tbody>
              {rendicontazioni.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="fw-normal">
                    {r.canOpen ? <Link to={`/rendicontazioni/${r.id}`}>{r.organisationName}</Link> : r.organisationName}
                  </th>
                  <td>
                    <StateBadge state={r.state} />
                  </td>
                  <td>{r.submittedAt ?? "—"}</td>
                  <td className="text-end text-nowrap">{r.sent ? formatEuro(r.totalCents) : <span className="text-secondary">non ancora inviate</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      </section>

      <section aria-labelledby="totali-titolo" className="mb-5">
        <h2 id="totali-titolo" className="h4">
          Totali di quanto inviato
        </h2>
        {totals.sentCount === 0 ? (
          <p className="empty-state">Nessuna organizzazione ha ancora inviato la rendicontazione di questo periodo: i totali compariranno qui.</p>
        ) : (
          <>
            <p>
              Somma delle {totals.sentCount === 1 ? "1 rendicontazione inviata" : `${totals.sentCount} rendicontazioni inviate`} (in attesa di esame o approvate).
            </p>
            <ScrollableTable>
              <table className="table">
                <caption className="visually-hidden">Totali del periodo</caption>
                <thead>
                  <tr>
                    <th scope="col">Voce</th>
                    <th scope="col" className="text-end">
                      Totale
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row" className="fw-normal">
                      Spese
                    </th>
                    <td className="text-end text-nowrap">{formatEuro(totals.expensesCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row" className="fw-normal">
                      Nuclei familiari raggiunti
                    </th>
                    <td className="text-end">{count(totals.householdsReached)}</td>
                  </tr>
                  <tr>
                    <th scope="row" className="fw-normal">
                      Persone raggiunte
                    </th>
                    <td className="text-end">{count(totals.peopleReached)}</td>
                  </tr>
                  <tr>
                    <th scope="row" className="fw-normal">
                      Di cui minori
                    </th>
                    <td className="text-end">{count(totals.minorsReached)}</td>
                  </tr>
                  {totals.indicators.map((indicator) => (
                    <tr key={indicator.name}>
                      <th scope="row" className="fw-normal">
                        {indicator.name}
                      </th>
                      <td className="text-end">
                        {indicator.value} {indicator.unit}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          </>
        )}
      </section>

      <section aria-labelledby="nota-titolo" className="mb-5">
        <h2 id="nota-titolo" className="h4">
          Nota di sintesi della capofila
        </h2>
        {period.consolidatedBy ? (
          <p className="small text-secondary">
            Ultima modifica: {period.consolidatedBy}, {period.consolidatedAt}
          </p>
        ) : null}
        {canWriteNote ? (
          <Form method="post" noValidate>
            <FormAlert reply={reply} />
            <TextAreaField
              name="consolidatedNote"
              label="Nota di sintesi"
              required={false}
              rows={8}
              reply={reply}
              defaultValue={period.consolidatedNote}
              hint="Testo semplice, al massimo 5000 caratteri: come è andato il periodo per il progetto nel suo insieme, a partire da quanto inviato dai partner."
            />
            <button type="submit" className="btn btn-primary">
              Salva la nota
            </button>
          </Form>
        ) : period.consolidatedNote ? (
          <p style={{ whiteSpace: "pre-line" }}>{period.consolidatedNote}</p>
        ) : (
          <p className="empty-state">La capofila non ha ancora scritto la nota di sintesi di questo periodo.</p>
        )}
      </section>
    </div>
  );
}
