import { Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/protocol";
import { can, requirePermission } from "~/auth/permissions.server";
import { FormAlert, Notice, SelectField, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import {
  addSignatory,
  getProtocol,
  listSignatoryChoices,
  protocolHistory,
  protocolKindLabel,
  recordWithdrawal,
  signatoryFields,
  withdrawalFields,
} from "~/domain/protocols.server";
import { formatDateTime, formatDay } from "~/utils/dates";
import { orUserError, parseForm, type FormReply } from "~/utils/forms.server";
import { formatFileSize } from "~/files/display";
import { ScrollableTable } from "~/components/lists";

const schema = z.discriminatedUnion("intent", [
  signatoryFields.extend({ intent: z.literal("addSignatory") }),
  withdrawalFields.extend({ intent: z.literal("withdraw") }),
]);

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? data.protocol.title : "Protocollo");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "protocols" });
  const canManage = can(user, "manage", { kind: "protocols" });
  const [protocol, history, choices] = await Promise.all([
    getProtocol(args.params.id),
    protocolHistory(args.params.id),
    canManage ? listSignatoryChoices(args.params.id) : Promise.resolve([]),
  ]);
  const signatories = protocol.signatories.map((s) => ({
    organisationId: s.organisationId,
    name: s.organisation.name,
    signedOn: formatDay(s.signedOn),
    withdrawnOn: s.withdrawnOn ? formatDay(s.withdrawnOn) : null,
    active: s.active,
  }));
  return {
    canManage,
    protocol: {
      id: protocol.id,
      title: protocol.title,
      kind: protocolKindLabel(protocol.kind),
      signedOn: formatDay(protocol.signedOn),
      validUntil: protocol.validUntil ? formatDay(protocol.validUntil) : null,
      expiry: protocol.expiry,
      obligations: protocol.obligations,
      file: protocol.file ? { name: protocol.file.originalName, size: formatFileSize(protocol.file.size) } : null,
    },
    signatories,
    organisationChoices: choices.map((o) => ({ value: o.id, label: o.name })),
    withdrawalChoices: signatories.filter((s) => !s.withdrawnOn).map((s) => ({ value: s.organisationId, label: s.name })),
    history: history.map((event) => ({
      id: event.id,
      summary: event.summary,
      actorName: event.actorName,
      at: formatDateTime(event.at),
      changes: Object.entries(event.changes).map(([field, [before, after]]) => ({ field, before, after })),
    })),
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "protocols" });
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const command = form.data;
  const result = await orUserError(form.formData, () =>
    command.intent === "addSignatory"
      ? addSignatory(args.params.id, command, me)
      : recordWithdrawal(args.params.id, command, me),
  );
  if (!result.ok) return result.reply;
  return { done: command.intent === "addSignatory" ? "Organizzazione firmataria aggiunta." : "Recesso registrato." };
}

function ExpiryBadge({ expiry }: { expiry: "EXPIRING" | "EXPIRED" | null }) {
  if (expiry === "EXPIRED") return <span className="badge bg-danger ms-2">Scaduto</span>;
  if (expiry === "EXPIRING") return <span className="badge bg-warning ms-2">In scadenza</span>;
  return null;
}

export default function Protocol({ loaderData, actionData }: Route.ComponentProps) {
  const { protocol, signatories, history, canManage } = loaderData;
  const [searchParams] = useSearchParams();
  const reply = actionData && "errors" in actionData ? actionData : undefined;
  const replyFor = (intent: string): FormReply | undefined => (reply?.values.intent === intent ? reply : undefined);
  const activeCount = signatories.filter((s) => s.active).length;
  // Posting to the bare path drops ?registrato from the address; the key empties both forms
  // once a change has been recorded.
  const formProps = { method: "post" as const, action: `/protocolli/${protocol.id}`, noValidate: true };
  const formKey = history[0]?.id ?? "nuovo";
  return (
    <div className="container my-5">
      <PageHeader title={protocol.title} lead={protocol.kind}>
        {canManage ? (
          <Link to={`/protocolli/${protocol.id}/modifica`} className="btn btn-outline-primary">
            Modifica<span className="visually-hidden"> il protocollo</span>
          </Link>
        ) : null}
      </PageHeader>
      {searchParams.has("registrato") ? <Notice>Protocollo registrato. Ora puoi aggiungere le organizzazioni firmatarie.</Notice> : null}
      {searchParams.has("modificato") ? <Notice>Modifiche salvate.</Notice> : null}
      {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}
      {reply && !reply.values.intent ? <FormAlert reply={reply} /> : null}

      <div className="row g-5 mb-5">
        <section aria-labelledby="dati-titolo" className="col-lg-6">
          <h2 id="dati-titolo" className="h4">
            Dati del protocollo
          </h2>
          <dl className="row mb-0">
            <dt className="col-sm-5">Tipo</dt>
            <dd className="col-sm-7">{protocol.kind}</dd>
            <dt className="col-sm-5">Sottoscritto il</dt>
            <dd className="col-sm-7">{protocol.signedOn}</dd>
            <dt className="col-sm-5">Valido fino al</dt>
            <dd className="col-sm-7">
              {protocol.validUntil ?? "Senza scadenza"}
              <ExpiryBadge expiry={protocol.expiry} />
            </dd>
            <dt className="col-sm-5">Firmatarie attive</dt>
            <dd className="col-sm-7">{activeCount}</dd>
          </dl>
        </section>
        <section aria-labelledby="documento-titolo" className="col-lg-6">
          <h2 id="documento-titolo" className="h4">
            Documento firmato
          </h2>
          {protocol.file ? (
            <>
              <p className="mb-2">
                {protocol.file.name} <span className="text-secondary">(PDF, {protocol.file.size})</span>
              </p>
              <a href={`/protocolli/${protocol.id}/documento`} className="btn btn-primary btn-sm me-2">
                Apri il PDF<span className="visually-hidden"> del protocollo</span>
              </a>
              <a href={`/protocolli/${protocol.id}/documento?scarica`} className="btn btn-outline-primary btn-sm">
                Scarica il PDF<span className="visually-hidden"> del protocollo</span>
              </a>
            </>
          ) : (
            <p className="empty-state">
              Il documento firmato non è ancora stato caricato.
              {canManage ? " Puoi caricarlo modificando il protocollo." : " Lo carica il coordinamento."}
            </p>
          )}
        </section>
      </div>

      <section aria-labelledby="impegni-titolo" className="mb-5">
        <h2 id="impegni-titolo" className="h4">
          Impegni delle parti
        </h2>
        {protocol.obligations ? (
          <div style={{ whiteSpace: "pre-line" }}>{protocol.obligations}</div>
        ) : (
          <p className="empty-state">Gli impegni delle parti non sono ancora stati riportati: li inserisce il coordinamento.</p>
        )}
      </section>

      <section aria-labelledby="firmatarie-titolo" className="mb-5">
        <h2 id="firmatarie-titolo" className="h4">
          Organizzazioni firmatarie
        </h2>
        {signatories.length === 0 ? (
          <p className="empty-state">
            Nessuna organizzazione firmataria registrata. Qui compaiono le organizzazioni che firmano il protocollo, con la data
            di firma e, se recedono, la data del recesso.
          </p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Organizzazioni firmatarie del protocollo</caption>
              <thead>
                <tr>
                  <th scope="col">Organizzazione</th>
                  <th scope="col">Firmato il</th>
                  <th scope="col">Recesso</th>
                </tr>
              </thead>
              <tbody>
                {signatories.map((s) => (
                  <tr key={s.organisationId}>
                    <td>
                      <Link to={`/organizzazioni/${s.organisationId}`}>{s.name}</Link>
                    </td>
                    <td>{s.signedOn}</td>
                    <td>{s.withdrawnOn ? `Receduto il ${s.withdrawnOn}` : <span className="text-secondary">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}

        {canManage ? (
          <div className="row g-5 mt-1">
            <div className="col-lg-6">
              <h3 className="h5">Aggiungi un'organizzazione firmataria</h3>
              <p className="small text-secondary">Anche per chi aderisce dopo la sottoscrizione: indica la data della sua firma.</p>
              <FormAlert reply={replyFor("addSignatory")} />
              <Form key={formKey} {...formProps}>
                <SelectField
                  name="organisationId"
                  label="Organizzazione"
                  placeholder="Scegli l'organizzazione"
                  options={loaderData.organisationChoices}
                  reply={replyFor("addSignatory")}
                />
                <TextField name="signedOn" label="Data di firma" type="date" reply={replyFor("addSignatory")} />
                <button type="submit" name="intent" value="addSignatory" className="btn btn-primary">
                  Aggiungi firmataria
                </button>
              </Form>
            </div>
            <div className="col-lg-6">
              <h3 className="h5">Registra un recesso</h3>
              <p className="small text-secondary">L'organizzazione resta nell'elenco, con la data del recesso.</p>
              {loaderData.withdrawalChoices.length === 0 ? (
                <p className="empty-state">Nessuna organizzazione firmataria attiva: non ci sono recessi da registrare.</p>
              ) : (
                <>
                  <FormAlert reply={replyFor("withdraw")} />
                  <Form key={formKey} {...formProps}>
                    <SelectField
                      name="signatoryId"
                      label="Organizzazione che recede"
                      placeholder="Scegli l'organizzazione"
                      options={loaderData.withdrawalChoices}
                      reply={replyFor("withdraw")}
                    />
                    <TextField name="withdrawnOn" label="Data del recesso" type="date" reply={replyFor("withdraw")} />
                    <button type="submit" name="intent" value="withdraw" className="btn btn-outline-danger">
                      Registra il recesso
                    </button>
                  </Form>
                </>
              )}
            </div>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="cronologia-titolo">
        <h2 id="cronologia-titolo" className="h4">
          Cronologia delle modifiche
        </h2>
        {history.length === 0 ? (
          <p className="empty-state">Nessuna modifica registrata. Qui compare chi ha cambiato che cosa e quando.</p>
        ) : (
          <ol className="list-unstyled">
            {history.map((event) => (
              <li key={event.id} className="border-bottom py-2">
                <strong>{event.summary}</strong>
                <span className="d-block small text-secondary">
                  {event.at} · {event.actorName}
                </span>
                {event.changes.length > 0 ? (
                  <ul className="small mb-0">
                    {event.changes.map((change) => (
                      <li key={change.field}>
                        {change.field}: {change.before || "(vuoto)"} → {change.after || "(vuoto)"}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
