import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/decisions";
import { can, requirePermission, safeRedirectTarget } from "~/auth/permissions.server";
import { RefusedDecisionForm, responsibleText, StatusLabel } from "~/components/decisions";
import { FilterSelect, Pagination, ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import {
  addDecision,
  countDecisionsByStatus,
  decisionFields,
  decisionFilterQuery,
  editDecision,
  findDecisions,
  findMeetingDecisionsFor,
  listRegisterFilterChoices,
  parseDecisionFilters,
  removeDecision,
  showsEveryDecision,
} from "~/domain/decisions.server";
import { formReply, orUserError, parseFields, parseForm } from "~/utils/forms.server";

const commandSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), meetingId: z.string().min(1) }),
  z.object({ intent: z.literal("edit"), decisionId: z.string().min(1) }),
  z.object({ intent: z.literal("remove"), decisionId: z.string().min(1) }),
]);

const DONE_MESSAGES = { add: "Voce registrata.", edit: "Modifiche salvate.", remove: "Voce eliminata." } as const;

export const meta: Route.MetaFunction = () => pageTitle("Registro delle decisioni");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "decision", responsibleOrganisationId: null });
  const filters = parseDecisionFilters(new URL(args.request.url).searchParams, user);
  const isCoordinator = can(user, "manage", { kind: "decision", responsibleOrganisationId: null });
  // Unfiltered, the coordinators' counts by status add up to the register's total: one count fewer.
  const counts = isCoordinator ? await countDecisionsByStatus() : null;
  const [result, choices] = await Promise.all([
    findDecisions(filters, undefined, counts && showsEveryDecision(filters) ? counts.total : undefined),
    listRegisterFilterChoices(filters),
  ]);
  return {
    filters,
    filterQuery: decisionFilterQuery(filters),
    ...result,
    choices,
    counts,
    ownOrganisation: user.role === "REFERENT" ? { id: user.organisationId, name: user.organisationName } : null,
  };
}

/**
 * The verbale page's decision forms post here. With JavaScript they answer in place (inPlace=1);
 * without, a saved entry redirects back, and a refused one shows its form again on this page.
 */
export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "decision", responsibleOrganisationId: null });
  const form = await parseForm(args.request, commandSchema);
  if (!form.ok) return data({ ...form.reply.data, panel: null, back: "/decisioni" }, form.reply.init ?? undefined);
  const { formData, data: command } = form;
  const back = safeRedirectTarget(formData.get("redirectTo"), "/decisioni");
  const inPlace = formData.get("inPlace") === "1";

  let refused: ReturnType<typeof formReply> | null = null;
  if (command.intent === "remove") {
    const result = await orUserError(formData, () => removeDecision(command.decisionId, me));
    if (!result.ok) refused = result.reply;
  } else {
    const fields = parseFields(formData, decisionFields);
    if (!fields.ok) {
      refused = formReply(fields.errors, formData, 400);
    } else {
      const result = await orUserError(formData, () =>
        command.intent === "add" ? addDecision(command.meetingId, fields.data, me) : editDecision(command.decisionId, fields.data, me),
      );
      if (!result.ok) refused = result.reply;
    }
  }
  if (refused) {
    const panel = inPlace
      ? null
      : await findMeetingDecisionsFor(command.intent === "add" ? { meetingId: command.meetingId } : { decisionId: command.decisionId }, String(formData.get("responsibleOrganisationId") ?? ""));
    return data({ ...refused.data, panel, back }, refused.init ?? undefined);
  }
  if (inPlace) return { done: DONE_MESSAGES[command.intent] };
  throw redirect(back);
}

export default function Decisions({ loaderData, actionData }: Route.ComponentProps) {
  const { filters, filterQuery, decisions, total, page, pageCount, choices, counts, ownOrganisation } = loaderData;
  const withPage = (n: number) => {
    const query = new URLSearchParams(filterQuery);
    if (n > 1) query.set("pagina", String(n));
    return `?${query.toString()}`;
  };
  const filtered = Boolean(
    filters.organisationId || filters.groupId || filters.projectId || filters.status || filters.kind || filters.dueFrom || filters.dueTo || filters.overdueOnly,
  );
  const showingOwn = !!ownOrganisation && filters.organisationId === ownOrganisation.id;
  const refused = actionData && "errors" in actionData ? actionData : null;

  return (
    <div className="container my-5">
      <PageHeader
        title="Registro delle decisioni"
        lead="Le decisioni prese nelle riunioni del tavolo e le azioni da svolgere: chi ne risponde, entro quando e a che punto sono."
      />

      {refused?.panel ? (
        <RefusedDecisionForm reply={refused} data={refused.panel} redirectTo={refused.back} />
      ) : refused ? (
        <div className="alert alert-danger" role="alert">
          {refused.errors.formError ?? "La voce non è stata salvata: la riunione o la voce non esistono più."}{" "}
          <Link to={refused.back}>Torna alla pagina di partenza</Link>
        </div>
      ) : null}

      {counts ? (
        <section aria-labelledby="riepilogo-titolo" className="mb-4">
          <h2 id="riepilogo-titolo" className="h5">
            Riepilogo per stato
          </h2>
          <ul className="list-inline mb-0">
            {counts.byStatus.map((c) => (
              <li key={c.status} className="list-inline-item me-4">
                <Link to={`?stato=${c.status}`}>
                  {c.label}: <strong>{c.count}</strong>
                </Link>
              </li>
            ))}
            <li className="list-inline-item">
              <Link to="?scadute=1">
                Azioni scadute: <strong>{counts.overdue}</strong>
              </Link>
            </li>
          </ul>
        </section>
      ) : null}

      {ownOrganisation ? (
        <nav aria-label="Quali voci mostrare" className="mb-4 d-flex flex-wrap gap-2">
          <Link
            to={`?organizzazione=${ownOrganisation.id}`}
            className={`btn btn-sm ${showingOwn ? "btn-primary" : "btn-outline-primary"}`}
            aria-current={showingOwn ? "page" : undefined}
          >
            Le azioni della mia organizzazione ({ownOrganisation.name})
          </Link>
          <Link
            to="?organizzazione="
            className={`btn btn-sm ${!filters.organisationId ? "btn-primary" : "btn-outline-primary"}`}
            aria-current={!filters.organisationId ? "page" : undefined}
          >
            Tutte le organizzazioni
          </Link>
        </nav>
      ) : null}

      <Form method="get" key={filterQuery} className="mb-4" role="search" aria-label="Filtra il registro delle decisioni">
        <div className="row g-3 align-items-end">
          <FilterSelect columns="col-12 col-md-6 col-lg-3" id="organizzazione" label="Organizzazione responsabile" all="Tutte" value={filters.organisationId} options={choices.organisations} />
          <FilterSelect columns="col-12 col-md-6 col-lg-3" id="gruppo" label="Gruppo di lavoro" all="Tutti" value={filters.groupId} options={choices.groups} />
          <FilterSelect
            columns="col-12 col-md-6 col-lg-3"
            id="progetto"
            label="Progetto"
            all="Tutti"
            value={filters.projectId}
            options={choices.projects}
            hint="Quelli non conclusi; un progetto concluso si filtra dalla sua pagina."
          />
          <FilterSelect columns="col-12 col-md-6 col-lg-3" id="stato" label="Stato" all="Tutti" value={filters.status} options={choices.statuses} />
          <FilterSelect columns="col-12 col-md-6 col-lg-3" id="tipo" label="Tipo" all="Decisioni e azioni" value={filters.kind} options={choices.kinds} />
          <div className="col-12 col-md-6 col-lg-2 form-group mb-0">
            <label htmlFor="filtro-dal" className="active">
              Scadenza dal
            </label>
            <input id="filtro-dal" name="dal" type="date" className="form-control" defaultValue={filters.dueFrom} />
          </div>
          <div className="col-12 col-md-6 col-lg-2 form-group mb-0">
            <label htmlFor="filtro-al" className="active">
              Scadenza al
            </label>
            <input id="filtro-al" name="al" type="date" className="form-control" defaultValue={filters.dueTo} />
          </div>
          <div className="col-12 col-md-6 col-lg-3 form-check mb-0">
            <input id="filtro-scadute" name="scadute" type="checkbox" value="1" defaultChecked={filters.overdueOnly} />
            <label htmlFor="filtro-scadute">Solo azioni scadute</label>
          </div>
          <div className="col-12 col-lg-4 d-flex gap-2">
            <button type="submit" className="btn btn-primary">
              Filtra
            </button>
            {filtered ? (
              <Link to="?organizzazione=" className="btn btn-outline-primary">
                Togli i filtri
              </Link>
            ) : null}
          </div>
        </div>
      </Form>

      <p role="status" className="fw-semibold">
        {total === 0 ? "Nessuna voce trovata" : total === 1 ? "1 voce" : `${total} voci`}
        {filtered && total > 0 ? " corrispondono ai filtri" : ""}
        {pageCount > 1 ? ` (pagina ${page} di ${pageCount})` : ""}.
      </p>

      {decisions.length === 0 ? (
        <p className="empty-state">
          {filtered
            ? "Nessuna decisione o azione corrisponde ai filtri. Prova con meno filtri."
            : "Il registro è vuoto. Le decisioni e le azioni compaiono qui quando il coordinamento le registra scrivendo il verbale di una riunione."}
        </p>
      ) : (
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">Decisioni e azioni delle riunioni, la scadenza più vicina per prima</caption>
            <thead>
              <tr>
                <th scope="col">Decisione o azione</th>
                <th scope="col">Riunione</th>
                <th scope="col">Responsabile</th>
                <th scope="col">Scadenza</th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <span className="d-block small fw-semibold">{entry.kindLabel}</span>
                    <Link to={`/decisioni/${entry.id}`}>{entry.text.length > 160 ? `${entry.text.slice(0, 157)}…` : entry.text}</Link>
                    {entry.projectLabel ? <span className="d-block small">Progetto {entry.projectLabel}</span> : null}
                  </td>
                  <td>
                    <Link to={`/riunioni/${entry.meeting.id}`}>
                      {entry.meeting.title}
                      <span className="visually-hidden"> del {entry.meeting.date}</span>
                    </Link>
                    <span className="d-block small" aria-hidden="true">
                      {entry.meeting.date}
                    </span>
                  </td>
                  <td>{responsibleText(entry)}</td>
                  <td>{entry.dueOnLabel ?? <span className="text-secondary">Nessuna</span>}</td>
                  <td>
                    <StatusLabel label={entry.statusLabel} overdue={entry.overdue} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}

      <Pagination page={page} pageCount={pageCount} hrefFor={withPage} label="Pagine dei risultati" />
    </div>
  );
}
