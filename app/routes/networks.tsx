import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/networks";
import { can, requirePermission } from "~/auth/permissions.server";
import { FormAlert, SelectField, TextAreaField, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { createNetwork, listNetworkOrganisationChoices, listNetworks, networkFields } from "~/domain/networks.server";
import { orUserError, parseForm } from "~/utils/forms.server";
import { ScrollableTable } from "~/components/lists";

export const meta: Route.MetaFunction = () => pageTitle("Reti tematiche");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "registry" });
  const canManage = can(user, "manage", { kind: "registry" });
  const [networks, organisations] = await Promise.all([listNetworks(), canManage ? listNetworkOrganisationChoices() : []]);
  return { networks, organisations, canManage };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "registry" });
  const form = await parseForm(args.request, networkFields);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => createNetwork(form.data, me));
  if (!result.ok) return result.reply;
  return redirect(`/reti/${result.value.id}`);
}

export default function Networks({ loaderData, actionData }: Route.ComponentProps) {
  const { networks, organisations, canManage } = loaderData;
  return (
    <div className="container my-5">
      <nav aria-label="Percorso" className="mb-3">
        <Link to="/organizzazioni">Tutte le organizzazioni</Link>
      </nav>
      <PageHeader
        title="Reti tematiche"
        lead="Le reti del territorio (lavoro, casa, cibo, comunità…), le organizzazioni che vi agiscono e quella che ciascuna rete ha come referente."
      />

      <section aria-labelledby="reti-titolo" className="mb-5">
        <h2 id="reti-titolo" className="h4">
          Elenco delle reti
        </h2>
        {networks.length === 0 ? (
          <p className="empty-state">
            Nessuna rete tematica. Quando il coordinamento ne crea una, compare qui con la sua organizzazione referente e le organizzazioni
            che vi partecipano.
          </p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Reti tematiche del tavolo</caption>
              <thead>
                <tr>
                  <th scope="col">Rete</th>
                  <th scope="col">Organizzazione referente</th>
                  <th scope="col">Organizzazioni che vi partecipano</th>
                </tr>
              </thead>
              <tbody>
                {networks.map((network) => (
                  <tr key={network.id}>
                    <td>
                      <Link to={`/reti/${network.id}`}>{network.name}</Link>
                      {network.description ? <span className="d-block small">{network.description}</span> : null}
                    </td>
                    <td>
                      {network.referentOrganisation ? (
                        <Link to={`/organizzazioni/${network.referentOrganisation.id}`}>{network.referentOrganisation.name}</Link>
                      ) : (
                        <span className="text-muted">Non indicata</span>
                      )}
                    </td>
                    <td>
                      {network.members.length === 0
                        ? "Nessuna"
                        : network.members.map(({ organisation }) => organisation.name).join(", ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}
      </section>

      {canManage ? (
        <section aria-labelledby="nuova-titolo" className="row">
          <div className="col-lg-8">
            <h2 id="nuova-titolo" className="h4">
              Nuova rete
            </h2>
            <FormAlert reply={actionData} />
            <Form method="post" noValidate>
              <TextField name="name" label="Nome della rete" reply={actionData} autoComplete="off" />
              <TextAreaField name="description" label="Descrizione" reply={actionData} required={false} rows={3} />
              <SelectField
                name="referentOrganisationId"
                label="Organizzazione referente"
                reply={actionData}
                options={organisations.map((o) => ({ value: o.id, label: o.name }))}
                placeholder="Scegli l'organizzazione"
              />
              <p className="small">Dopo averla creata potrai indicare le altre organizzazioni che vi partecipano.</p>
              <button type="submit" className="btn btn-primary">
                Crea la rete
              </button>
            </Form>
          </div>
        </section>
      ) : null}
    </div>
  );
}
