import { Form, Link } from "react-router";
import type { Route } from "./+types/decision";
import { can, requirePermission } from "~/auth/permissions.server";
import { responsibleText, StatusLabel } from "~/components/decisions";
import { FormAlert, Notice, SelectField, TextAreaField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { HistoryList } from "~/components/registry";
import { listHistory } from "~/domain/audit.server";
import { decisionRefs, getDecision, statusUpdateFields, updateDecisionStatus } from "~/domain/decisions.server";
import { formatDateTime } from "~/utils/dates";
import { orUserError, parseForm } from "~/utils/forms.server";

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? data.decision.kindLabel : "Decisione");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "decision", responsibleOrganisationId: null });
  const decision = await getDecision(args.params.id);
  // Coordinators also see every change to the entry itself (text, responsible, due date).
  const history = can(user, "manage", { kind: "decision", responsibleOrganisationId: null }) ? await listHistory("DECISION", args.params.id) : null;
  return {
    decision,
    history: history ? history.map((event) => ({ ...event, at: formatDateTime(event.at) })) : null,
    canUpdate: can(user, "edit", { kind: "decision", responsibleOrganisationId: decision.responsibleOrganisationId || null }),
  };
}

export async function action(args: Route.ActionArgs) {
  requirePermission(args, "view", { kind: "decision", responsibleOrganisationId: null });
  const { responsibleOrganisationId } = await decisionRefs(args.params.id);
  const me = requirePermission(args, "edit", { kind: "decision", responsibleOrganisationId });
  const form = await parseForm(args.request, statusUpdateFields);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => updateDecisionStatus(args.params.id, form.data, me));
  if (!result.ok) return result.reply;
  return { done: "Stato aggiornato." };
}

export default function Decision({ loaderData, actionData }: Route.ComponentProps) {
  const { decision, canUpdate } = loaderData;
  const reply = actionData && "errors" in actionData ? actionData : undefined;
  return (
    <div className="container my-5">
      <p>
        <Link to="/decisioni">Torna al registro delle decisioni</Link>
      </p>
      <PageHeader title={decision.kindLabel} lead={`Dalla riunione «${decision.meeting.title}» del ${decision.meeting.date}`} />
      {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}

      <div className="row g-5 mb-5">
        <section aria-labelledby="dettagli-titolo" className="col-lg-7">
          <h2 id="dettagli-titolo" className="h4">
            Dettagli
          </h2>
          <p style={{ whiteSpace: "pre-line" }}>{decision.text}</p>
          <dl className="row mb-0">
            <dt className="col-sm-4">Stato</dt>
            <dd className="col-sm-8">
              <StatusLabel label={decision.statusLabel} overdue={decision.overdue} />
            </dd>
            <dt className="col-sm-4">Responsabile</dt>
            <dd className="col-sm-8">{responsibleText(decision)}</dd>
            <dt className="col-sm-4">Scadenza</dt>
            <dd className="col-sm-8">{decision.dueOnLabel ?? "Nessuna"}</dd>
            <dt className="col-sm-4">Riunione</dt>
            <dd className="col-sm-8">
              <Link to={`/riunioni/${decision.meeting.id}`}>
                {decision.meeting.title}, {decision.meeting.date}
              </Link>
            </dd>
            <dt className="col-sm-4">Punto dell'ordine del giorno</dt>
            <dd className="col-sm-8">{decision.agendaItemTitle ?? "Nessun punto in particolare"}</dd>
            <dt className="col-sm-4">Progetto</dt>
            <dd className="col-sm-8">
              {decision.projectLabel ? <Link to={`/progetti/${decision.projectId}`}>{decision.projectLabel}</Link> : "Nessun progetto"}
            </dd>
          </dl>
        </section>

        {canUpdate ? (
          <section aria-labelledby="aggiorna-titolo" className="col-lg-5">
            <h2 id="aggiorna-titolo" className="h4">
              Aggiorna lo stato
            </h2>
            <FormAlert reply={reply} />
            <Form method="post" noValidate key={decision.history.length}>
              <SelectField name="status" label="Nuovo stato" options={decision.statusChoices} defaultValue={decision.status} reply={reply} />
              <TextAreaField
                name="note"
                label="Nota"
                required={false}
                hint="Com'è andata, cosa manca, perché si annulla. Obbligatoria per «Conclusa» e «Annullata»."
                reply={reply}
              />
              <button type="submit" className="btn btn-primary">
                Aggiorna
              </button>
            </Form>
          </section>
        ) : null}
      </div>

      <section aria-labelledby="storia-titolo">
        <h2 id="storia-titolo" className="h4">
          Storia degli aggiornamenti
        </h2>
        {decision.history.length === 0 ? (
          <p className="empty-state">Nessun aggiornamento registrato. Qui compaiono i cambi di stato, con la nota, chi li ha fatti e quando.</p>
        ) : (
          <ol className="list-unstyled">
            {decision.history.map((update) => (
              <li key={update.id} className="border-bottom py-2">
                <strong>{update.statusLabel}</strong>
                <span className="d-block small text-secondary">
                  {update.at} · {update.authorName}
                </span>
                {update.note ? (
                  <p className="mb-0" style={{ whiteSpace: "pre-line" }}>
                    {update.note}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      {loaderData.history ? (
        <section aria-labelledby="storia" className="mt-5">
          <h2 id="storia" className="h4">
            Storia delle modifiche
          </h2>
          <HistoryList events={loaderData.history} empty="Nessuna modifica registrata." />
        </section>
      ) : null}
    </div>
  );
}
