import { redirect } from "react-router";
import type { Route } from "./+types/services.new";
import { requirePermission } from "~/auth/permissions.server";
import { AidServiceForm } from "~/components/aid-services";
import { FormAlert } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { createAidService, parseAidServiceForm, serviceFormChoices } from "~/domain/aid-services.server";
import { listOrganisationChoices } from "~/domain/organisations.server";
import { formReply, orUserError } from "~/utils/forms.server";

export const meta: Route.MetaFunction = () => pageTitle("Nuovo servizio");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "edit", { kind: "aidServices" });
  const coordinator = user.role === "COORDINATOR";
  return {
    choices: await serviceFormChoices(),
    organisations: coordinator ? (await listOrganisationChoices()).map((o) => ({ value: o.id, label: o.name })) : null,
    organisationName: user.organisationName,
    canPublish: coordinator,
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requirePermission(args, "edit", { kind: "aidServices" });
  const formData = await args.request.formData();
  const parsed = parseAidServiceForm(formData);
  if (!parsed.ok) return formReply(parsed.errors, formData, 400);
  if (user.role !== "COORDINATOR") requirePermission(args, "edit", { kind: "aidService", organisationId: user.organisationId });
  const result = await orUserError(formData, () => createAidService(parsed.data, user));
  if (!result.ok) return result.reply;
  return redirect(`/servizi/${result.value.id}?aggiunto`);
}

export default function NewService({ loaderData, actionData }: Route.ComponentProps) {
  const { choices, organisations, organisationName, canPublish } = loaderData;
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader
            title="Nuovo servizio"
            lead={organisations ? "Descrivi un servizio di un'organizzazione del tavolo." : `Descrivi un servizio offerto da ${organisationName}.`}
          />
          <FormAlert reply={actionData} />
          <AidServiceForm
            choices={choices}
            organisations={organisations ?? undefined}
            canPublish={canPublish}
            reply={actionData}
            submitLabel="Aggiungi il servizio"
            cancelTo="/servizi"
          />
        </div>
      </div>
    </div>
  );
}
