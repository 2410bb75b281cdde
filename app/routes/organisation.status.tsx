import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/organisation.status";
import { requirePermission } from "~/auth/permissions.server";
import { FormAlert } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { MembershipBadge, MembershipStepFields, MembershipSteps } from "~/components/registry";
import { membershipLabel } from "~/domain/organisations";
import { getOrganisation, listMembershipHistory, membershipFields, recordMembershipChange } from "~/domain/organisations.server";
import { dayInputValue, formatDay, todayInRome } from "~/utils/dates";
import { orUserError, parseForm } from "~/utils/forms.server";

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? `Stato di ${data.organisation.name}` : "Stato di adesione");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "organisation", organisationId: args.params.id });
  const [organisation, steps] = await Promise.all([getOrganisation(args.params.id), listMembershipHistory(args.params.id)]);
  if (!organisation) throw new Response("Organizzazione non trovata", { status: 404 });
  return {
    organisation: { id: organisation.id, name: organisation.name, status: organisation.status },
    steps: steps.map((step) => ({
      id: step.id,
      status: membershipLabel(step.status),
      effectiveOn: formatDay(step.effectiveOn),
      reason: step.reason,
      recordedBy: step.recordedBy?.name ?? null,
    })),
    today: dayInputValue(todayInRome()),
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "organisation", organisationId: args.params.id });
  const form = await parseForm(args.request, membershipFields);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => recordMembershipChange(args.params.id, form.data, me));
  if (!result.ok) return result.reply;
  return redirect(`/organizzazioni/${args.params.id}`);
}

export default function OrganisationStatus({ loaderData, actionData }: Route.ComponentProps) {
  const { organisation, steps, today } = loaderData;
  return (
    <div className="container my-5">
      <div className="row g-5">
        <div className="col-lg-7">
          <PageHeader
            title={`Cambio di stato di ${organisation.name}`}
            lead={
              <>
                Stato attuale: <MembershipBadge status={organisation.status} />. Il nuovo stato si aggiunge alla storia senza cancellare i
                precedenti; se la data è futura, vale da quel giorno.
              </>
            }
          />
          <FormAlert reply={actionData} />
          <Form method="post" noValidate>
            <MembershipStepFields reply={actionData} defaultDay={today} />
            <button type="submit" className="btn btn-primary me-3">
              Registra il cambio di stato
            </button>
            <Link to={`/organizzazioni/${organisation.id}`} className="btn btn-outline-primary">
              Annulla
            </Link>
          </Form>
        </div>
        <section aria-labelledby="storia-titolo" className="col-lg-5">
          <h2 id="storia-titolo" className="h4">
            Storia dell'adesione
          </h2>
          <MembershipSteps steps={steps} />
        </section>
      </div>
    </div>
  );
}
