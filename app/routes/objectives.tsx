import { Form, Link, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/objectives";
import { can, requirePermission } from "~/auth/permissions.server";
import { FormAlert, Notice, TextAreaField, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { createObjective, deleteObjective, listObjectives, moveObjective, objectiveFields, updateObjective } from "~/domain/objectives.server";
import type { FormReply } from "~/utils/forms.server";
import { orUserError, parseForm } from "~/utils/forms.server";

const objectiveId = z.string().min(1);
const schema = z.discriminatedUnion("intent", [
  objectiveFields.extend({ intent: z.literal("add") }),
  objectiveFields.extend({ intent: z.literal("edit"), objectiveId }),
  z.object({ intent: z.literal("up"), objectiveId }),
  z.object({ intent: z.literal("down"), objectiveId }),
  z.object({ intent: z.literal("delete"), objectiveId }),
]);

const DONE: Record<Exclude<z.infer<typeof schema>["intent"], "edit">, string> = {
  add: "Obiettivo aggiunto in fondo all'elenco.",
  up: "Obiettivo spostato più in alto.",
  down: "Obiettivo spostato più in basso.",
  delete: "Obiettivo eliminato.",
};

export const meta: Route.MetaFunction = () => pageTitle("Obiettivi strategici");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "objectives" });
  return {
    objectives: await listObjectives(),
    canManage: can(user, "manage", { kind: "objectives" }),
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "objectives" });
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const command = form.data;
  const result = await orUserError(form.formData, async () => {
    switch (command.intent) {
      case "add":
        return createObjective({ code: command.code, title: command.title, description: command.description }, me);
      case "edit":
        return updateObjective(command.objectiveId, { code: command.code, title: command.title, description: command.description }, me);
      case "up":
      case "down":
        return moveObjective(command.objectiveId, command.intent, me);
      case "delete":
        return deleteObjective(command.objectiveId, me);
    }
  });
  if (!result.ok) return result.reply;
  // An edit closes its form: the address loses ?modifica.
  if (command.intent === "edit") return redirect(`/obiettivi?modificato=${encodeURIComponent(command.code)}`);
  return { done: DONE[command.intent] };
}

type Objective = Route.ComponentProps["loaderData"]["objectives"][number];

/** The reply belongs to the form it came from: the add form, or the edit form of one objective. */
const replyFor = (reply: FormReply | undefined, intent: string, id?: string) =>
  reply && reply.values.intent === intent && (id === undefined || reply.values.objectiveId === id) ? reply : undefined;

function ObjectiveFields({ reply, objective }: { reply: FormReply | undefined; objective?: Objective }) {
  return (
    <>
      <TextField name="code" label="Codice" reply={reply} defaultValue={objective?.code} hint="Breve e unico, per esempio OS6." />
      <TextField name="title" label="Titolo" reply={reply} defaultValue={objective?.title} />
      <TextAreaField name="description" label="Descrizione" reply={reply} defaultValue={objective?.description} required={false} />
    </>
  );
}

export default function Objectives({ loaderData, actionData }: Route.ComponentProps) {
  const { objectives, canManage } = loaderData;
  const [searchParams] = useSearchParams();
  const reply = actionData && "errors" in actionData ? actionData : undefined;
  // A failed edit keeps its form open even after the address lost ?modifica.
  const modified = actionData ? null : searchParams.get("modificato");
  const editing = replyFor(reply, "edit")?.values.objectiveId ?? searchParams.get("modifica");
  const addReply = replyFor(reply, "add");
  const listReply = reply && reply !== addReply && !replyFor(reply, "edit") ? reply : undefined;
  return (
    <div className="container my-5">
      <PageHeader
        title="Obiettivi strategici"
        lead="Gli obiettivi che il tavolo si è dato, nell'ordine stabilito. Ogni gruppo di lavoro lavora su uno o più di essi."
      />
      {modified ? <Notice>Obiettivo {modified} modificato.</Notice> : null}
      {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}
      <FormAlert reply={listReply} />

      {objectives.length === 0 ? (
        <p className="empty-state">
          Il tavolo non ha ancora obiettivi strategici. Quando il coordinamento li inserisce, compaiono qui in ordine, con i
          gruppi di lavoro collegati a ciascuno.
        </p>
      ) : (
        <ol className="list-unstyled">
          {objectives.map((objective, index) => (
            <li key={objective.id} className="card card-bg mb-4">
              <div className="card-body">
                {canManage && editing === objective.id ? (
                  <section aria-labelledby={`modifica-${objective.id}`}>
                    <h2 id={`modifica-${objective.id}`} className="h4">
                      Modifica {objective.code}
                    </h2>
                    <FormAlert reply={replyFor(reply, "edit", objective.id)} />
                    <Form method="post" noValidate>
                      <input type="hidden" name="objectiveId" value={objective.id} />
                      <ObjectiveFields reply={replyFor(reply, "edit", objective.id)} objective={objective} />
                      <button type="submit" name="intent" value="edit" className="btn btn-primary me-3">
                        Salva
                      </button>
                      <Link to="/obiettivi" className="btn btn-outline-primary">
                        Annulla
                      </Link>
                    </Form>
                  </section>
                ) : (
                  <>
                    <h2 className="h4 card-title">
                      <span className="badge bg-primary me-2">{objective.code}</span>
                      {objective.title}
                    </h2>
                    {objective.description ? <p className="card-text">{objective.description}</p> : null}
                    <h3 className="h6 mt-3">Gruppi di lavoro collegati</h3>
                    {objective.groups.length === 0 ? (
                      <p className="text-muted mb-0">Nessun gruppo di lavoro è ancora collegato a questo obiettivo.</p>
                    ) : (
                      <ul className="mb-0">
                        {objective.groups.map((group) => (
                          <li key={group.id}>
                            <Link to={`/gruppi/${group.id}`}>{group.name}</Link>
                            {group.status === "CLOSED" ? " (chiuso)" : ""}
                          </li>
                        ))}
                      </ul>
                    )}
                    {canManage ? (
                      <Form method="post" className="mt-3 d-flex flex-wrap gap-2">
                        <input type="hidden" name="objectiveId" value={objective.id} />
                        <Link to={`/obiettivi?modifica=${objective.id}`} className="btn btn-outline-primary btn-xs">
                          Modifica<span className="visually-hidden"> {objective.code}</span>
                        </Link>
                        {index > 0 ? (
                          <button type="submit" name="intent" value="up" className="btn btn-outline-primary btn-xs">
                            Sposta su<span className="visually-hidden"> {objective.code}</span>
                          </button>
                        ) : null}
                        {index < objectives.length - 1 ? (
                          <button type="submit" name="intent" value="down" className="btn btn-outline-primary btn-xs">
                            Sposta giù<span className="visually-hidden"> {objective.code}</span>
                          </button>
                        ) : null}
                        <button type="submit" name="intent" value="delete" className="btn btn-outline-danger btn-xs">
                          Elimina<span className="visually-hidden"> {objective.code}</span>
                        </button>
                      </Form>
                    ) : null}
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}

      {canManage ? (
        <section aria-labelledby="nuovo-obiettivo" className="mt-5">
          <div className="row">
            <div className="col-lg-8">
              <h2 id="nuovo-obiettivo" className="h4">
                Aggiungi un obiettivo
              </h2>
              <FormAlert reply={addReply} />
              <Form method="post" noValidate>
                <ObjectiveFields reply={addReply} />
                <button type="submit" name="intent" value="add" className="btn btn-primary">
                  Aggiungi l'obiettivo
                </button>
              </Form>
            </div>
          </div>
        </section>
      ) : null}
    </div>
  );
}
