import { redirect } from "react-router";
import type { Route } from "./+types/projects.new";
import { requirePermission } from "~/auth/permissions.server";
import { PageHeader, pageTitle } from "~/components/page";
import { ProjectForm } from "~/components/projects";
import { createProject, projectFormChoices, readProjectForm } from "~/domain/projects.server";
import { sendRendicontazioneReminders } from "~/domain/reporting-reminders.server";
import { orUserError } from "~/utils/forms.server";

export const meta: Route.MetaFunction = () => pageTitle("Nuovo progetto");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "projects" });
  return { choices: await projectFormChoices() };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "projects" });
  const form = await readProjectForm(args.request);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => createProject(form.data, me));
  if (!result.ok) return result.reply;
  // A deadline already near (a project entered late, a schedule moved) is told to the partners now,
  // not at the next hourly round; the reminder rows keep it to once.
  await sendRendicontazioneReminders(new Date(), { projectId: result.value.id });
  return redirect(`/progetti/${result.value.id}?registrato`);
}

export default function NewProject({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-9">
          <PageHeader
            title="Nuovo progetto"
            lead="Salvando il progetto si creano i periodi di rendicontazione e, per ogni periodo, la rendicontazione dovuta da ciascun partner."
          />
          <ProjectForm choices={loaderData.choices} reply={actionData} submitLabel="Registra il progetto" cancelTo="/progetti" />
        </div>
      </div>
    </div>
  );
}
