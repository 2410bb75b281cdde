import { data, Form, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/group.edit";
import { requirePermission } from "~/auth/permissions.server";
import { FormAlert, TextAreaField, TextField } from "~/components/forms";
import { GroupForm } from "~/components/groups";
import { PageHeader, pageTitle } from "~/components/page";
import {
  closeGroup,
  closingFields,
  getGroupForEdit,
  groupFields,
  groupFormChoices,
  groupStatusLabel,
  reopenGroup,
  THEMATIC_AREAS,
  updateGroup,
} from "~/domain/working-groups.server";
import { dayInputValue, todayInRome } from "~/utils/dates";
import { type FormReply, orUserError, parseForm } from "~/utils/forms.server";

const schema = z.discriminatedUnion("intent", [
  groupFields.extend({ intent: z.literal("save") }),
  closingFields.extend({ intent: z.literal("close") }),
  z.object({ intent: z.literal("reopen") }),
]);

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData ? `Modifica ${loaderData.group.name}` : "Modifica gruppo");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "workingGroups" });
  const group = await getGroupForEdit(args.params.id);
  if (!group) throw data("Gruppo di lavoro non trovato.", { status: 404 });
  return {
    group: { ...group, closed: group.status === "CLOSED", statusLabel: groupStatusLabel(group) },
    choices: { ...(await groupFormChoices(group.id)), thematicAreas: THEMATIC_AREAS },
    today: dayInputValue(todayInRome()),
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "workingGroups" });
  const id = args.params.id;
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const command = form.data;
  const result = await orUserError(form.formData, async () => {
    switch (command.intent) {
      case "save":
        return updateGroup(id, command, me);
      case "close":
        return closeGroup(id, command, me);
      case "reopen":
        return reopenGroup(id, me);
    }
  });
  if (!result.ok) return result.reply;
  const outcome = { save: "salvato", close: "chiuso", reopen: "riaperto" }[command.intent];
  return redirect(`/gruppi/${id}?${outcome}`);
}

const replyFor = (reply: FormReply | undefined, intents: string[]) =>
  reply && intents.includes(reply.values.intent ?? "") ? reply : undefined;

export default function EditGroup({ loaderData, actionData }: Route.ComponentProps) {
  const { group, choices, today } = loaderData;
  const saveReply = replyFor(actionData, ["save"]);
  const statusReply = replyFor(actionData, ["close", "reopen"]);
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-9">
          <PageHeader title={`Modifica ${group.name}`} lead={`Stato: ${group.statusLabel}.`} />
          <section aria-labelledby="dati-gruppo" className="mb-5">
            <h2 id="dati-gruppo" className="h3">
              Dati del gruppo
            </h2>
            <GroupForm choices={choices} values={group} reply={saveReply} submitLabel="Salva le modifiche" cancelTo={`/gruppi/${group.id}`} />
          </section>

          <section aria-labelledby="stato-gruppo">
            <h2 id="stato-gruppo" className="h3">
              Stato del gruppo
            </h2>
            <FormAlert reply={statusReply} />
            {group.closed ? (
              <Form method="post">
                <p>
                  Il gruppo è <strong>{group.statusLabel.toLowerCase()}</strong>.
                  {group.outcome ? ` Esito: ${group.outcome}` : ""}
                </p>
                <p>Riaprendolo, la data di chiusura e l'esito restano nella cronologia del gruppo.</p>
                <button type="submit" name="intent" value="reopen" className="btn btn-outline-primary">
                  Riapri il gruppo
                </button>
              </Form>
            ) : (
              <Form method="post" noValidate>
                <p>Il gruppo è attivo. Per chiuderlo indica quando si è chiuso e con quale esito.</p>
                <TextField name="closedOn" label="Data di chiusura" type="date" reply={statusReply} defaultValue={today} />
                <TextAreaField
                  name="outcome"
                  label="Esito"
                  reply={statusReply}
                  hint="Che cosa ha prodotto il gruppo, o perché si chiude."
                />
                <button type="submit" name="intent" value="close" className="btn btn-outline-danger">
                  Chiudi il gruppo
                </button>
              </Form>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
