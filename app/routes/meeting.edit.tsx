import { data, redirect } from "react-router";
import type { Route } from "./+types/meeting.edit";
import { requirePermission } from "~/auth/permissions.server";
import { FormAlert, Notice } from "~/components/forms";
import { MeetingForm } from "~/components/meetings";
import { PageHeader, pageTitle } from "~/components/page";
import { romeDay, romeTime } from "~/domain/meeting-rules";
import { getMeetingForEdit, meetingFields, meetingFormChoices, updateMeeting } from "~/domain/meetings.server";
import { orUserError, parseForm } from "~/utils/forms.server";

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData ? `Modifica: ${loaderData.title}` : "Modifica la riunione");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "meetings" });
  const [meeting, choices] = await Promise.all([getMeetingForEdit(args.params.id), meetingFormChoices()]);
  if (!meeting) throw data("Riunione non trovata.", { status: 404 });
  if (meeting.status === "CANCELLED") throw data("La riunione è stata annullata: non si può più modificare.", { status: 409 });
  return {
    id: meeting.id,
    title: meeting.title,
    convoked: meeting.status === "CONVOKED",
    choices: { series: choices.series.map((s) => ({ id: s.id, name: s.name })), groups: choices.groups, people: choices.people },
    values: {
      title: meeting.title,
      kind: meeting.kind,
      seriesId: meeting.seriesId ?? "",
      workingGroupId: meeting.workingGroupId ?? "",
      day: romeDay(meeting.startsAt),
      startTime: romeTime(meeting.startsAt),
      endTime: romeTime(meeting.endsAt),
      location: meeting.location,
      videoLink: meeting.videoLink,
      audience: meeting.audience,
      namedIds: meeting.namedIds,
    },
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "meetings" });
  const form = await parseForm(args.request, meetingFields);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => updateMeeting(args.params.id, form.data, me));
  if (!result.ok) return result.reply;
  return redirect(`/riunioni/${args.params.id}?salvata`);
}

export default function EditMeeting({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader title="Modifica la riunione" lead={loaderData.title} />
          {loaderData.convoked ? (
            <Notice tone="info">La riunione è già convocata: dopo aver salvato, usa «Invia aggiornamento» perché gli invitati ricevano i nuovi dati.</Notice>
          ) : null}
          <FormAlert reply={actionData} />
          <MeetingForm values={loaderData.values} choices={loaderData.choices} reply={actionData} submitLabel="Salva le modifiche" cancelTo={`/riunioni/${loaderData.id}`} />
        </div>
      </div>
    </div>
  );
}
