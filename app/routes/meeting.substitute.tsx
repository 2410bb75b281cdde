import { data, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/meeting.substitute";
import { can, requirePermission } from "~/auth/permissions.server";
import { FormAlert, Notice, SelectField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { nameSubstitute, substituteChoices } from "~/domain/convocations.server";
import { findVisibleMeeting } from "~/domain/meetings.server";
import { UserFacingError } from "~/utils/errors";
import { orUserError, parseForm } from "~/utils/forms.server";

// An organisation's delegate names a colleague to stand in for them at one meeting.

const schema = z.object({
  substituteUserId: z.string({ error: "Scegli la persona che ti sostituisce." }).min(1, "Scegli la persona che ti sostituisce."),
});

export const meta: Route.MetaFunction = () => pageTitle("Indica un sostituto");

async function delegateView(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requirePermission(args, "view", { kind: "meetings" });
  const meeting = await findVisibleMeeting(args.params.id, { id: user.id, isCoordinator: can(user, "manage", { kind: "meetings" }) });
  if (!meeting) throw data("Riunione non trovata.", { status: 404 });
  try {
    return { user, choices: await substituteChoices(meeting.id, user.id) };
  } catch (error) {
    if (error instanceof UserFacingError) throw data(error.message, { status: error.status });
    throw error;
  }
}

export async function loader(args: Route.LoaderArgs) {
  const { choices } = await delegateView(args);
  const { meeting } = choices;
  const open = meeting.status === "CONVOKED" && meeting.startsAt.getTime() > Date.now();
  return {
    meeting: { id: meeting.id, title: meeting.title, when: meeting.when, status: meeting.status },
    open,
    organisationName: choices.organisationName,
    current: choices.current,
    colleagues: choices.colleagues
      .filter((c) => c.id !== choices.current?.userId)
      .map((c) => ({ value: c.id, label: c.name })),
  };
}

export async function action(args: Route.ActionArgs) {
  const { user } = await delegateView(args);
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () =>
    nameSubstitute({ meetingId: args.params.id, delegateUserId: user.id, substituteUserId: form.data.substituteUserId }),
  );
  if (!result.ok) return result.reply;
  return { done: `${result.value.substituteName} è il tuo sostituto per questa riunione e ha ricevuto la convocazione.` };
}

export default function MeetingSubstitute({ loaderData, actionData }: Route.ComponentProps) {
  const { meeting, open, organisationName, current, colleagues } = loaderData;
  const reply = actionData && "errors" in actionData ? actionData : undefined;
  return (
    <div className="container my-5">
      <PageHeader title="Indica un sostituto" lead={`${meeting.title}, ${meeting.when}`} />
      {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}
      <p>
        Come delegato di <strong>{organisationName}</strong> puoi farti sostituire da una persona della tua organizzazione per
        questa riunione soltanto. La persona scelta riceve la convocazione e la tua risposta diventa «non partecipo».
      </p>
      <p>{current ? <>Sostituto indicato ora: <strong>{current.name}</strong>.</> : "Non hai indicato nessun sostituto per questa riunione."}</p>
      {!open ? (
        <Notice tone="info">
          {meeting.status === "CANCELLED"
            ? "La riunione è stata annullata."
            : meeting.status === "DRAFT"
              ? "La riunione non è ancora stata convocata: potrai indicare un sostituto dopo la convocazione."
              : "La riunione è già iniziata o si è svolta: non si può più indicare un sostituto."}
        </Notice>
      ) : colleagues.length === 0 ? (
        <Notice tone="info">
          {current
            ? `Nella tua organizzazione non ci sono altre persone con un account attivo da indicare al posto di ${current.name}.`
            : "Nella tua organizzazione non ci sono altre persone con un account attivo."}{" "}
          Chiedi al coordinamento di invitare la persona che ti sostituirà.
        </Notice>
      ) : (
        <Form method="post" noValidate className="mb-4" style={{ maxWidth: "36rem" }}>
          <FormAlert reply={reply} />
          <SelectField
            name="substituteUserId"
            label={current ? "Nuovo sostituto" : "Sostituto"}
            options={colleagues}
            placeholder="Scegli una persona"
            reply={reply}
          />
          {current ? <p className="small">{current.name} riceverà un messaggio che ritira la sua convocazione.</p> : null}
          <button type="submit" className="btn btn-primary">
            Indica il sostituto
          </button>
        </Form>
      )}
      <Link to={`/riunioni/${meeting.id}`}>Torna alla riunione «{meeting.title}»</Link>
    </div>
  );
}
