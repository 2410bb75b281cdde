import { Form, Link, redirect, useSearchParams } from "react-router";
import type { Route } from "./+types/network";
import { can, requirePermission } from "~/auth/permissions.server";
import { CheckboxList, FormAlert, Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { HistoryList } from "~/components/registry";
import { listHistory } from "~/domain/audit.server";
import { membershipLabel } from "~/domain/organisations";
import { getNetwork, listNetworkOrganisationChoices, networkFields, networkMemberFields, updateNetwork } from "~/domain/networks.server";
import { formatDateTime } from "~/utils/dates";
import { orUserError, parseForm } from "~/utils/forms.server";

const schema = networkFields.extend(networkMemberFields.shape);

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data?.network.name ?? "Rete tematica");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "registry" });
  const canManage = can(user, "manage", { kind: "registry" });
  const [network, history, organisations] = await Promise.all([
    getNetwork(args.params.id),
    listHistory("NETWORK", args.params.id),
    canManage ? listNetworkOrganisationChoices() : [],
  ]);
  if (!network) throw new Response("Rete non trovata", { status: 404 });
  return {
    network,
    history: history.map((event) => ({ ...event, at: formatDateTime(event.at) })),
    organisations: organisations.map((o) => ({ value: o.id, label: o.status === "EX_PARTNER" ? `${o.name} (${membershipLabel(o.status).toLowerCase()})` : o.name })),
    canManage,
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "registry" });
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const { memberIds, ...fields } = form.data;
  const result = await orUserError(form.formData, () => updateNetwork(args.params.id, fields, memberIds, me));
  if (!result.ok) return result.reply;
  return redirect(`/reti/${args.params.id}?salvata=1`);
}

export default function Network({ loaderData, actionData }: Route.ComponentProps) {
  const { network, history, organisations, canManage } = loaderData;
  const [searchParams] = useSearchParams();
  const memberIds = network.members.map(({ organisation }) => organisation.id);
  return (
    <div className="container my-5">
      <nav aria-label="Percorso" className="mb-3">
        <Link to="/reti">Tutte le reti tematiche</Link>
      </nav>
      <PageHeader title={network.name} lead={network.description || undefined} />
      {searchParams.get("salvata") && !actionData ? <Notice>Modifiche salvate.</Notice> : null}

      <div className="row g-5">
        <section aria-labelledby="partecipanti-titolo" className="col-lg-5">
          <h2 id="partecipanti-titolo" className="h4">
            Organizzazioni della rete
          </h2>
          <p>
            Organizzazione referente:{" "}
            {network.referentOrganisation ? (
              <Link to={`/organizzazioni/${network.referentOrganisation.id}`}>{network.referentOrganisation.name}</Link>
            ) : (
              <strong>non indicata</strong>
            )}
          </p>
          {network.members.length === 0 ? (
            <p className="empty-state">Nessuna organizzazione partecipa ancora a questa rete. Il coordinamento le indica qui.</p>
          ) : (
            <ul>
              {network.members.map(({ organisation }) => (
                <li key={organisation.id}>
                  <Link to={`/organizzazioni/${organisation.id}`}>{organisation.name}</Link>
                  {organisation.id === network.referentOrganisation?.id ? " (referente)" : ""}
                </li>
              ))}
            </ul>
          )}
        </section>

        {canManage ? (
          <section aria-labelledby="modifica-titolo" className="col-lg-7">
            <h2 id="modifica-titolo" className="h4">
              Modifica la rete
            </h2>
            <FormAlert reply={actionData} />
            <Form method="post" noValidate>
              <TextField name="name" label="Nome della rete" reply={actionData} defaultValue={network.name} autoComplete="off" />
              <TextAreaField name="description" label="Descrizione" reply={actionData} defaultValue={network.description} required={false} rows={3} />
              <SelectField
                name="referentOrganisationId"
                label="Organizzazione referente"
                reply={actionData}
                options={organisations}
                defaultValue={network.referentOrganisation?.id}
                placeholder="Scegli l'organizzazione"
              />
              <CheckboxList
                name="memberIds"
                legend="Organizzazioni che partecipano alla rete"
                options={organisations}
                checked={memberIds}
                reply={actionData}
                hint="L'organizzazione referente partecipa sempre alla rete: se non la spunti, viene aggiunta."
              />
              <button type="submit" className="btn btn-primary">
                Salva le modifiche
              </button>
            </Form>
          </section>
        ) : null}
      </div>

      <section aria-labelledby="storia-titolo" className="mt-5">
        <h2 id="storia-titolo" className="h4">
          Storia delle modifiche
        </h2>
        <HistoryList events={history} empty="Nessuna modifica registrata. Ogni modifica al nome, alla referente e alle organizzazioni della rete comparirà qui." />
      </section>
    </div>
  );
}
