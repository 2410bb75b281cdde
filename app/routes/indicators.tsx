import { Form, Link, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/indicators";
import { can, requirePermission } from "~/auth/permissions.server";
import { FormAlert, Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import {
  createIndicator,
  deleteIndicator,
  indicatorFields,
  type IndicatorFields,
  indicatorThematicAreas,
  listIndicators,
  updateIndicator,
} from "~/domain/indicators.server";
import { INDICATOR_AGGREGATIONS, INDICATOR_DIRECTIONS } from "~/domain/projects";
import { THEMATIC_AREAS } from "~/domain/working-groups.server";
import { type FormReply, orUserError, parseForm } from "~/utils/forms.server";
import { ScrollableTable } from "~/components/lists";

const indicatorId = z.string().min(1);
const schema = z.discriminatedUnion("intent", [
  indicatorFields.extend({ intent: z.literal("add") }),
  indicatorFields.extend({ intent: z.literal("edit"), indicatorId }),
  z.object({ intent: z.literal("delete"), indicatorId }),
]);

export const meta: Route.MetaFunction = () => pageTitle("Catalogo degli indicatori");

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "projects" });
  const [indicators, areasInUse] = await Promise.all([listIndicators(), indicatorThematicAreas()]);
  return {
    indicators: indicators.map((indicator) => ({
      ...indicator,
      directionLabel: INDICATOR_DIRECTIONS[indicator.direction as keyof typeof INDICATOR_DIRECTIONS] ?? indicator.direction,
      aggregationLabel: INDICATOR_AGGREGATIONS[indicator.aggregation as keyof typeof INDICATOR_AGGREGATIONS] ?? indicator.aggregation,
    })),
    canManage: can(user, "manage", { kind: "projects" }),
    thematicAreas: [...new Set([...THEMATIC_AREAS, ...areasInUse])].sort((a, b) => a.localeCompare(b, "it")),
    directions: choices(INDICATOR_DIRECTIONS),
    aggregations: choices(INDICATOR_AGGREGATIONS),
  };
}

const fieldsOf = (command: IndicatorFields): IndicatorFields => ({
  name: command.name,
  unit: command.unit,
  direction: command.direction,
  aggregation: command.aggregation,
  thematicArea: command.thematicArea,
  description: command.description,
});

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "projects" });
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const command = form.data;
  const result = await orUserError(form.formData, async () => {
    switch (command.intent) {
      case "add":
        return createIndicator(fieldsOf(command), me);
      case "edit":
        return updateIndicator(command.indicatorId, fieldsOf(command), me);
      case "delete":
        return deleteIndicator(command.indicatorId, me);
    }
  });
  if (!result.ok) return result.reply;
  // An edit closes its form: the address loses ?modifica.
  if (command.intent === "edit") return redirect("/indicatori?modificato");
  return { done: command.intent === "add" ? `Indicatore «${command.name}» aggiunto al catalogo.` : "Indicatore eliminato dal catalogo." };
}

type LoaderData = Route.ComponentProps["loaderData"];
type Indicator = LoaderData["indicators"][number];

/** The reply belongs to the form it came from: the add form, or the edit form of one indicator. */
const replyFor = (reply: FormReply | undefined, intent: string, id?: string) =>
  reply && reply.values.intent === intent && (id === undefined || reply.values.indicatorId === id) ? reply : undefined;

function IndicatorFields({ reply, indicator, data }: { reply: FormReply | undefined; indicator?: Indicator; data: LoaderData }) {
  return (
    <>
      <TextField name="name" label="Nome" reply={reply} defaultValue={indicator?.name} autoComplete="off" hint="Che cosa si conta, per esempio «Famiglie con sostegno alimentare continuativo»." />
      <TextField name="unit" label="Unità di misura" reply={reply} defaultValue={indicator?.unit} autoComplete="off" hint="Famiglie, persone, alloggi, %…" />
      <SelectField name="direction" label="Direzione" reply={reply} options={data.directions} defaultValue={indicator?.direction ?? "INCREASE"} />
      <SelectField name="aggregation" label="Come si sommano i periodi" reply={reply} options={data.aggregations} defaultValue={indicator?.aggregation ?? "SUM"} />
      <TextField
        name="thematicArea"
        label="Area tematica"
        reply={reply}
        defaultValue={indicator?.thematicArea}
        autoComplete="off"
        suggestions={data.thematicAreas}
        hint="Le stesse aree dei gruppi di lavoro, così il tavolo somma gli indicatori per area."
      />
      <TextAreaField name="description" label="Descrizione" required={false} reply={reply} defaultValue={indicator?.description} rows={3} />
    </>
  );
}

export default function Indicators({ loaderData, actionData }: Route.ComponentProps) {
  const { indicators, canManage } = loaderData;
  const [searchParams] = useSearchParams();
  const reply = actionData && "errors" in actionData ? actionData : undefined;
  const editing = replyFor(reply, "edit")?.values.indicatorId ?? searchParams.get("modifica");
  const addReply = replyFor(reply, "add");
  const listReply = reply && reply !== addReply && !replyFor(reply, "edit") ? reply : undefined;
  const editingIndicator = canManage ? indicators.find((i) => i.id === editing) : undefined;
  return (
    <div className="container my-5">
      <PageHeader
        title="Catalogo degli indicatori"
        lead="Gli indicatori che i progetti del tavolo usano, con la stessa unità di misura: così i risultati si sommano per area tematica."
      >
        <Link to="/progetti" className="btn btn-outline-primary">
          Progetti
        </Link>
      </PageHeader>
      {actionData ? null : searchParams.has("modificato") ? <Notice>Indicatore modificato.</Notice> : null}
      {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}
      <FormAlert reply={listReply} />

      {editingIndicator ? (
        <section aria-labelledby="modifica-indicatore" className="card card-bg mb-5">
          <div className="card-body">
            <h2 id="modifica-indicatore" className="h4">
              Modifica «{editingIndicator.name}»
            </h2>
            <FormAlert reply={replyFor(reply, "edit", editingIndicator.id)} />
            <Form method="post" noValidate>
              <input type="hidden" name="indicatorId" value={editingIndicator.id} />
              <IndicatorFields reply={replyFor(reply, "edit", editingIndicator.id)} indicator={editingIndicator} data={loaderData} />
              <button type="submit" name="intent" value="edit" className="btn btn-primary me-3">
                Salva
              </button>
              <Link to="/indicatori" className="btn btn-outline-primary">
                Annulla
              </Link>
            </Form>
          </div>
        </section>
      ) : null}

      {indicators.length === 0 ? (
        <p className="empty-state">
          Il catalogo è vuoto. Quando il coordinamento aggiunge gli indicatori, i progetti li scelgono da qui con il loro valore di partenza e
          il target.
        </p>
      ) : (
        <ScrollableTable className="mb-5">
          <table className="table">
            <caption className="visually-hidden">Indicatori del catalogo, per area tematica</caption>
            <thead>
              <tr>
                <th scope="col">Indicatore</th>
                <th scope="col">Area tematica</th>
                <th scope="col">Unità</th>
                <th scope="col">Direzione e aggregazione</th>
                <th scope="col" className="text-end">
                  Progetti
                </th>
                {canManage ? <th scope="col">Azioni</th> : null}
              </tr>
            </thead>
            <tbody>
              {indicators.map((indicator) => (
                <tr key={indicator.id}>
                  <th scope="row" className="fw-normal">
                    <span className="fw-semibold">{indicator.name}</span>
                    {indicator.description ? <span className="d-block small">{indicator.description}</span> : null}
                  </th>
                  <td>{indicator.thematicArea}</td>
                  <td>{indicator.unit}</td>
                  <td>
                    {indicator.directionLabel}
                    <span className="d-block small">{indicator.aggregationLabel}</span>
                  </td>
                  <td className="text-end">{indicator.projectCount}</td>
                  {canManage ? (
                    <td>
                      <Form method="post" className="d-flex flex-wrap gap-2">
                        <input type="hidden" name="indicatorId" value={indicator.id} />
                        <Link to={`/indicatori?modifica=${indicator.id}`} className="btn btn-outline-primary btn-xs">
                          Modifica<span className="visually-hidden"> «{indicator.name}»</span>
                        </Link>
                        {indicator.projectCount === 0 ? (
                          <button type="submit" name="intent" value="delete" className="btn btn-outline-danger btn-xs">
                            Elimina<span className="visually-hidden"> «{indicator.name}»</span>
                          </button>
                        ) : null}
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}

      {canManage ? (
        <section aria-labelledby="nuovo-indicatore">
          <div className="row">
            <div className="col-lg-8">
              <h2 id="nuovo-indicatore" className="h4">
                Aggiungi un indicatore
              </h2>
              <FormAlert reply={addReply} />
              <Form method="post" noValidate>
                <IndicatorFields reply={addReply} data={loaderData} />
                <button type="submit" name="intent" value="add" className="btn btn-primary">
                  Aggiungi al catalogo
                </button>
              </Form>
            </div>
          </div>
        </section>
      ) : null}
    </div>
  );
}
