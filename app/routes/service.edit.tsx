import { redirect } from "react-router";
import type { Route } from "./+types/service.edit";
import { requirePermission, requireUser } from "~/auth/permissions.server";
import { AidServiceForm } from "~/components/aid-services";
import { FormAlert } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { getAidService, parseAidServiceForm, serviceFormChoices, updateAidService } from "~/domain/aid-services.server";
import { formReply, orUserError } from "~/utils/forms.server";

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? `Modifica: ${data.service.name}` : "Modifica servizio");

export async function loader(args: Route.LoaderArgs) {
  // Signed in before anything is looked up: a stranger learns nothing, not even what exists.
  requireUser(args);
  const service = await getAidService(args.params.id);
  const user = requirePermission(args, "edit", { kind: "aidService", organisationId: service.organisationId });
  return {
    service: {
      id: service.id,
      name: service.name,
      kind: service.kind,
      description: service.description,
      address: service.address,
      area: service.area,
      eligibility: service.eligibility,
      accessMode: service.accessMode,
      accessNotes: service.accessNotes,
      phone: service.phone,
      email: service.email,
      capacity: service.capacity,
      languages: service.languages,
      accessibility: service.accessibility,
      accessibilityNotes: service.accessibilityNotes,
      status: service.status,
      isPublic: service.isPublic,
      openings: service.openings.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
      organisation: service.organisation.name,
    },
    choices: await serviceFormChoices(),
    canPublish: user.role === "COORDINATOR",
  };
}

export async function action(args: Route.ActionArgs) {
  requireUser(args);
  const service = await getAidService(args.params.id);
  const user = requirePermission(args, "edit", { kind: "aidService", organisationId: service.organisationId });
  const formData = await args.request.formData();
  const parsed = parseAidServiceForm(formData);
  if (!parsed.ok) return formReply(parsed.errors, formData, 400);
  const result = await orUserError(formData, () => updateAidService(service.id, parsed.data, user));
  if (!result.ok) return result.reply;
  return redirect(`/servizi/${service.id}?modificato`);
}

export default function EditService({ loaderData, actionData }: Route.ComponentProps) {
  const { service, choices, canPublish } = loaderData;
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader title="Modifica servizio" lead={`${service.name} · ${service.organisation}`} />
          <FormAlert reply={actionData} />
          <AidServiceForm values={service} choices={choices} canPublish={canPublish} reply={actionData} submitLabel="Salva le modifiche" cancelTo={`/servizi/${service.id}`} />
        </div>
      </div>
    </div>
  );
}
