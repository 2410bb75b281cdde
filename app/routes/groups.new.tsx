import { redirect } from "react-router";
import type { Route } from "./+types/groups.new";
import { requirePermission } from "~/auth/permissions.server";
import { GroupForm } from "~/components/groups";
import { PageHeader, pageTitle } from "~/components/page";
import { createGroup, groupFields, groupFormChoices, THEMATIC_AREAS } from "~/domain/working-groups.server";
import { orUserError, parseForm } from "~/utils/forms.server";

export const meta: Route.MetaFunction = () => pageTitle("Nuovo gruppo di lavoro");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "workingGroups" });
  return { choices: { ...(await groupFormChoices()), thematicAreas: THEMATIC_AREAS } };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "workingGroups" });
  const form = await parseForm(args.request, groupFields);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => createGroup(form.data, me));
  if (!result.ok) return result.reply;
  return redirect(`/gruppi/${result.value.id}?creato`);
}

export default function NewGroup({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-9">
          <PageHeader title="Nuovo gruppo di lavoro" lead="Il nome, l'area tematica e il mandato saranno visibili a tutto il tavolo; il resto ai componenti del gruppo." />
          <GroupForm choices={loaderData.choices} reply={actionData} submitLabel="Crea il gruppo" cancelTo="/gruppi" />
        </div>
      </div>
    </div>
  );
}
