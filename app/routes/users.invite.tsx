import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/users.invite";
import { requirePermission, roleLabel, ROLES } from "~/auth/permissions.server";
import { FormAlert, SelectField, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { listOrganisationChoices } from "~/domain/organisations.server";
import { inviteUser } from "~/domain/users.server";
import { emailField, orUserError, parseForm } from "~/utils/forms.server";

const schema = z.object({
  email: emailField,
  role: z.enum(["COORDINATOR", "REFERENT", "MEMBER"], { error: "Scegli un ruolo dall'elenco." }),
  organisationId: z.string({ error: "Scegli un'organizzazione dall'elenco." }).min(1, "Scegli un'organizzazione dall'elenco."),
});

export const meta: Route.MetaFunction = () => pageTitle("Invita una persona");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "invitations" });
  return {
    organisations: await listOrganisationChoices(),
    roles: ROLES.map((role) => ({ value: role, label: roleLabel(role) })),
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "invitations" });
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => inviteUser({ ...form.data, invitedBy: me }));
  if (!result.ok) return result.reply;
  return redirect(`/utenti?invitato=${encodeURIComponent(form.data.email)}`);
}

export default function InviteUser({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader
            title="Invita una persona"
            lead="Riceverà un'e-mail con un collegamento valido 7 giorni per scegliere la password ed entrare."
          />
          <FormAlert reply={actionData} />
          <Form method="post" noValidate>
            <TextField name="email" label="E-mail" type="email" autoComplete="off" reply={actionData} />
            <SelectField
              name="organisationId"
              label="Organizzazione"
              reply={actionData}
              placeholder="Scegli l'organizzazione"
              options={loaderData.organisations.map((o) => ({ value: o.id, label: o.name }))}
            />
            <SelectField name="role" label="Ruolo" reply={actionData} placeholder="Scegli il ruolo" options={loaderData.roles} />
            <div className="mb-4">
              <p className="mb-1 fw-semibold">Cosa può fare ciascun ruolo</p>
              <ul>
                <li>
                  <strong>Coordinatore</strong>: personale del Comune, gestisce tutto il tavolo.
                </li>
                <li>
                  <strong>Referente di organizzazione</strong>: agisce per la propria organizzazione (contatti, rendicontazioni).
                </li>
                <li>
                  <strong>Componente del tavolo</strong>: legge ciò che è pubblicato al tavolo e ai suoi gruppi.
                </li>
              </ul>
            </div>
            <button type="submit" className="btn btn-primary me-3">
              Invia l'invito
            </button>
            <Link to="/utenti" className="btn btn-outline-primary">
              Annulla
            </Link>
          </Form>
        </div>
      </div>
    </div>
  );
}
