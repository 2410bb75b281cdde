import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/organisations.new";
import { requirePermission } from "~/auth/permissions.server";
import { FormAlert } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { MembershipStepFields, OrganisationFieldset } from "~/components/registry";
import { createOrganisation, membershipFields, organisationFields } from "~/domain/organisations.server";
import { dayInputValue, todayInRome } from "~/utils/dates";
import { orUserError, parseForm } from "~/utils/forms.server";

const schema = z.intersection(organisationFields, membershipFields);

export const meta: Route.MetaFunction = () => pageTitle("Nuova organizzazione");

export function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "registry" });
  return { today: dayInputValue(todayInRome()) };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "registry" });
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const { status, effectiveOn, reason, ...fields } = form.data;
  const result = await orUserError(form.formData, () => createOrganisation(fields, { status, effectiveOn, reason }, me));
  if (!result.ok) return result.reply;
  return redirect(`/organizzazioni/${result.value.id}`);
}

export default function NewOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader title="Nuova organizzazione" lead="I dati dell'anagrafica e lo stato con cui l'organizzazione entra nel tavolo." />
          <FormAlert reply={actionData} />
          <Form method="post" noValidate>
            <OrganisationFieldset reply={actionData} />
            <fieldset className="mb-4">
              <legend className="h4">Adesione al tavolo</legend>
              <MembershipStepFields reply={actionData} defaultDay={loaderData.today} />
            </fieldset>
            <button type="submit" className="btn btn-primary me-3">
              Registra l'organizzazione
            </button>
            <Link to="/organizzazioni" className="btn btn-outline-primary">
              Annulla
            </Link>
          </Form>
        </div>
      </div>
    </div>
  );
}
