import { redirect } from "react-router";
import type { Route } from "./+types/meetings.new";
import { requirePermission } from "~/auth/permissions.server";
import { FormAlert } from "~/components/forms";
import { MeetingForm } from "~/components/meetings";
import { PageHeader, pageTitle } from "~/components/page";
import { createMeeting, meetingFields, meetingFormChoices } from "~/domain/meetings.server";
import { orUserError, parseForm } from "~/utils/forms.server";

export const meta: Route.MetaFunction = () => pageTitle("Nuova riunione");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "meetings" });
  const choices = await meetingFormChoices();
  // ?serie=<id> starts from the series' data.
  const series = choices.series.find((s) => s.id === new URL(args.request.url).searchParams.get("serie"));
  return {
    choices: { series: choices.series.map((s) => ({ id: s.id, name: s.name })), groups: choices.groups, people: choices.people },
    values: {
      title: series?.name ?? "",
      kind: series?.kind ?? "GOVERNANCE",
      seriesId: series?.id ?? "",
      workingGroupId: series?.workingGroupId ?? "",
      day: "",
      startTime: series?.startTime ?? "15:00",
      endTime: series?.endTime ?? "17:00",
      location: series?.location ?? "",
      videoLink: series?.videoLink ?? "",
      audience: series?.kind === "OPERATIVE" ? (series.workingGroupId ? "GROUP" : "NAMED") : "PARTNERS",
      namedIds: [],
    },
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "meetings" });
  const form = await parseForm(args.request, meetingFields);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => createMeeting(form.data, me));
  if (!result.ok) return result.reply;
  return redirect(`/riunioni/${result.value.id}?creata`);
}

export default function NewMeeting({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader title="Nuova riunione" lead="La riunione nasce in bozza: l'ordine del giorno si scrive dopo, e gli invitati ricevono la convocazione solo quando premi «Convoca»." />
          <FormAlert reply={actionData} />
          <MeetingForm values={loaderData.values} choices={loaderData.choices} reply={actionData} submitLabel="Crea la riunione" cancelTo="/riunioni" />
        </div>
      </div>
    </div>
  );
}
