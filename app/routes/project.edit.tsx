import { redirect } from "react-router";
import type { Route } from "./+types/project.edit";
import { requirePermission } from "~/auth/permissions.server";
import { PageHeader, pageTitle } from "~/components/page";
import { ProjectForm } from "~/components/projects";
import { projectForEdit, projectFormChoices, readProjectForm, updateProject } from "~/domain/projects.server";
import { sendRendicontazioneReminders } from "~/domain/reporting-reminders.server";
import { orUserError } from "~/utils/forms.server";

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData ? `Modifica ${loaderData.values.code}` : "Modifica progetto");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "projects" });
  const [values, choices] = await Promise.all([projectForEdit(args.params.id), projectFormChoices(args.params.id)]);
  return { id: args.params.id, values, choices };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "projects" });
  const form = await readProjectForm(args.request);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => updateProject(args.params.id, form.data, me));
  if (!result.ok) return result.reply;
  // A deadline already near (a project entered late, a schedule moved) is told to the partners now,
  // not at the next hourly round; the reminder rows keep it to once.
  await sendRendicontazioneReminders(new Date(), { projectId: args.params.id });
  return redirect(`/progetti/${args.params.id}?modificato`);
}

export default function EditProject({ loaderData, actionData }: Route.ComponentProps) {
  const { id, values, choices } = loaderData;
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-9">
          <PageHeader
            title="Modifica progetto"
            lead={`${values.code} · ${values.title}. Cambiando date, calendario o partner si aggiornano i periodi di rendicontazione; quelli già iniziati dai partner restano come sono.`}
          />
          <ProjectForm choices={choices} values={values} reply={actionData} submitLabel="Salva le modifiche" cancelTo={`/progetti/${id}`} />
        </div>
      </div>
    </div>
  );
}
