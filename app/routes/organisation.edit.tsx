import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/organisation.edit";
import { can, requirePermission } from "~/auth/permissions.server";
import { FormAlert, SelectField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { DescriptionField, OrganisationFieldset } from "~/components/registry";
import {
  delegationFields,
  getOrganisation,
  listActiveReferents,
  organisationFields,
  updateOrganisationDescription,
  updateOrganisationRecord,
} from "~/domain/organisations.server";
import { optionalText, orUserError, parseForm } from "~/utils/forms.server";

// Coordinators edit the whole record; a referent of this organisation only its description: the
// referent's schema has no other field, so anything else they send is dropped.
const coordinatorSchema = z.intersection(organisationFields, delegationFields);
const referentSchema = z.object({ description: optionalText(2000) });

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? `Modifica ${data.organisation.name}` : "Modifica organizzazione");

function access(args: Route.LoaderArgs | Route.ActionArgs) {
  const resource = { kind: "organisation", organisationId: args.params.id } as const;
  const user = requirePermission(args, "edit", resource);
  return { user, isCoordinator: can(user, "manage", resource) };
}

export async function loader(args: Route.LoaderArgs) {
  const { isCoordinator } = access(args);
  const organisation = await getOrganisation(args.params.id);
  if (!organisation) throw new Response("Organizzazione non trovata", { status: 404 });
  if (!isCoordinator) {
    return { isCoordinator, organisation: { id: organisation.id, name: organisation.name, description: organisation.description }, values: {}, referents: [] };
  }
  const { id, name, description, delegateId, substituteId } = organisation;
  const values: Record<string, string> = {
    name,
    shortName: organisation.shortName ?? "",
    legalForm: organisation.legalForm,
    codiceFiscale: organisation.codiceFiscale ?? "",
    partitaIva: organisation.partitaIva ?? "",
    runtsNumber: organisation.runtsNumber ?? "",
    runtsSection: organisation.runtsSection ?? "",
    address: organisation.address,
    phone: organisation.phone,
    email: organisation.email,
    pec: organisation.pec,
    website: organisation.website,
    description,
    delegateId: delegateId ?? "",
    substituteId: substituteId ?? "",
  };
  return { isCoordinator, organisation: { id, name, description }, values, referents: await listActiveReferents(id) };
}

export async function action(args: Route.ActionArgs) {
  const { user, isCoordinator } = access(args);
  const organisationId = args.params.id;
  if (isCoordinator) {
    const form = await parseForm(args.request, coordinatorSchema);
    if (!form.ok) return form.reply;
    const { delegateId, substituteId, ...fields } = form.data;
    const result = await orUserError(form.formData, () => updateOrganisationRecord(organisationId, fields, { delegateId, substituteId }, user));
    if (!result.ok) return result.reply;
  } else {
    const form = await parseForm(args.request, referentSchema);
    if (!form.ok) return form.reply;
    const result = await orUserError(form.formData, () => updateOrganisationDescription(organisationId, form.data.description, user));
    if (!result.ok) return result.reply;
  }
  return redirect(`/organizzazioni/${organisationId}`);
}

export default function EditOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { isCoordinator, organisation, values, referents } = loaderData;
  const referentOptions = referents.map((r) => ({ value: r.id, label: r.name }));
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader
            title={isCoordinator ? `Modifica ${organisation.name}` : `Descrizione di ${organisation.name}`}
            lead={
              isCoordinator
                ? "Ogni modifica resta nella storia dell'organizzazione, con chi l'ha fatta e quando."
                : "Come referente puoi aggiornare la descrizione di che cosa fa la tua organizzazione per il tavolo. Gli altri dati li modifica il coordinamento."
            }
          />
          <FormAlert reply={actionData} />
          <Form method="post" noValidate>
            {isCoordinator ? (
              <>
                <OrganisationFieldset reply={actionData} values={values} />
                <fieldset className="mb-4">
                  <legend className="h4">Rappresentanza alle riunioni di governo</legend>
                  {referentOptions.length === 0 ? (
                    <p className="empty-state">
                      L'organizzazione non ha referenti attivi: invita prima una persona come referente, poi scegli qui il delegato e il suo
                      sostituto.
                    </p>
                  ) : (
                    <>
                      <SelectField
                        name="delegateId"
                        label="Delegato"
                        reply={actionData}
                        options={referentOptions}
                        defaultValue={values.delegateId}
                        placeholder="Nessun delegato"
                        required={false}
                      />
                      <SelectField
                        name="substituteId"
                        label="Sostituto"
                        reply={actionData}
                        options={referentOptions}
                        defaultValue={values.substituteId}
                        placeholder="Nessun sostituto"
                        required={false}
                      />
                    </>
                  )}
                </fieldset>
              </>
            ) : (
              <DescriptionField reply={actionData} defaultValue={organisation.description} />
            )}
            <button type="submit" className="btn btn-primary me-3">
              Salva
            </button>
            <Link to={`/organizzazioni/${organisation.id}`} className="btn btn-outline-primary">
              Annulla
            </Link>
          </Form>
        </div>
      </div>
    </div>
  );
}
