import { Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/project";
import { can, requirePermission } from "~/auth/permissions.server";
import { responsibleText, StatusLabel } from "~/components/decisions";
import { LinkedDocuments } from "~/components/documents";
import { FormAlert, Notice } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { ProjectProgressSection } from "~/components/project-progress";
import { ProjectStatusBadge } from "~/components/projects";
import { StateBadge } from "~/components/reporting";
import { useLinksInApp } from "~/components/links";
import { HistoryList } from "~/components/registry";
import { listProjectDecisions } from "~/domain/decisions.server";
import { listLinkedDocuments } from "~/domain/documents.server";
import { formatEuro, formatPercent, formatQuantity, percentOf } from "~/domain/money";
import { projectDetail, projectHistory } from "~/domain/projects.server";
import { setProjectPublicFigures } from "~/domain/transparency.server";
import { orUserError, parseForm, type FormReply } from "~/utils/forms.server";
import { formatDateTime, formatDay } from "~/utils/dates";
import { ScrollableTable } from "~/components/lists";

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData ? `${loaderData.project.code} · ${loaderData.project.title}` : "Progetto");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "projects" });
  const isCoordinator = can(user, "manage", { kind: "projects" });
  const id = args.params.id;
  // Coordinators follow every partner's rendicontazioni; anyone else sees only their organisation's.
  const [{ publicFigures, progress, ...project }, decisions, history, documents] = await Promise.all([
    projectDetail(id, { rendicontazioniOf: isCoordinator ? "all" : user.organisationId }),
    listProjectDecisions(id),
    isCoordinator ? projectHistory(id) : Promise.resolve([]),
    listLinkedDocuments(user, { projectId: id }),
  ]);
  return {
    project,
    progress,
    decisions,
    documents: documents.map((d) => ({ id: d.id, title: d.title, categoryLabel: d.categoryLabel, date: formatDay(d.documentDate) })),
    history: history.map((event) => ({ id: event.id, summary: event.summary, changes: event.changes, actorName: event.actorName, at: formatDateTime(event.at) })),
    isCoordinator,
    // The lead organisation's referents consolidate each period's submissions on the period page.
    isLeadReferent: user.role === "REFERENT" && user.organisationId === project.lead.id,
    publicFigures: isCoordinator ? publicFigures : null,
  };
}

/** The "Dati pubblici" switch: coordinators put the project's figures on the public pages, or take them off. */
const publicFiguresSchema = z.object({
  intent: z.literal("publicFigures", { error: "Azione non riconosciuta." }),
  publicFigures: z.enum(["0", "1"], { error: "Scegli se rendere pubblici i dati del progetto." }),
});

export async function action(args: Route.ActionArgs) {
  const user = requirePermission(args, "manage", { kind: "projects" });
  const form = await parseForm(args.request, publicFiguresSchema);
  if (!form.ok) return form.reply;
  const makePublic = form.data.publicFigures === "1";
  const result = await orUserError(form.formData, () => setProjectPublicFigures(args.params.id, makePublic, user));
  if (!result.ok) return result.reply;
  return { done: makePublic ? "I dati del progetto sono ora sulle pagine pubbliche e nei dati aperti." : "I dati del progetto non sono più pubblici." };
}

function PublicFigures({ projectId, isPublic, reply }: { projectId: string; isPublic: boolean; reply: FormReply | undefined }) {
  return (
    <section id="dati-pubblici" aria-labelledby="dati-pubblici-titolo" className="border rounded p-3 mb-5">
      <h2 id="dati-pubblici-titolo" className="h4">
        Dati pubblici
      </h2>
      <p>
        {isPublic ? (
          <>
            Importi, indicatori, stato, periodo, capofila e partner del progetto sono pubblici, calcolati dalle sole rendicontazioni
            approvate: <Link to={`/pubblico/progetti/${projectId}`}>vedi la pagina pubblica</Link>.
          </>
        ) : (
          "I dati del progetto non sono pubblici. Se li pubblichi compaiono, senza accesso, nella pagina dei progetti e nei dati aperti: importi, indicatori, stato, periodo, capofila e partner; mai le rendicontazioni."
        )}
      </p>
      <Form method="post">
        <FormAlert reply={reply} />
        <input type="hidden" name="intent" value="publicFigures" />
        <input type="hidden" name="publicFigures" value={isPublic ? "0" : "1"} />
        <button type="submit" className={`btn ${isPublic ? "btn-outline-danger" : "btn-primary"}`}>
          {isPublic ? "Togli i dati dalle pagine pubbliche" : "Pubblica i dati del progetto"}
        </button>
      </Form>
    </section>
  );
}


type Project = Route.ComponentProps["loaderData"]["project"];

/** Where the money comes from; the amounts and their progress are in the "Avanzamento" section. */
function Funding({ project }: { project: Project }) {
  const f = project.funding;
  return (
    <section aria-labelledby="finanziamento-titolo" className="mb-4">
      <h2 id="finanziamento-titolo" className="h4">
        Finanziamento
      </h2>
      <p>
        {f.source}
        {f.detail ? ` · ${f.detail}` : ""}: {formatEuro(f.programmedCents)} programmati.
      </p>
    </section>
  );
}

function Periods({ project, isCoordinator, isLeadReferent }: { project: Project; isCoordinator: boolean; isLeadReferent: boolean }) {
  const openLinksInApp = useLinksInApp();
  // Someone whose organisation owes nothing here sees the calendar only.
  const showRendicontazioni = isCoordinator || project.periods.some((period) => period.rendicontazioni.length > 0);
  return (
    <section aria-labelledby="periodi-titolo" className="mb-5">
      <h2 id="periodi-titolo" className="h4">
        Periodi di rendicontazione
      </h2>
      <p>
        {project.reporting.frequency}
        {project.reporting.customPeriodEnds.length > 0 ? ` (periodi che finiscono il ${project.reporting.customPeriodEnds.join(", ")})` : ""}; ogni
        rendicontazione scade {project.reporting.dueDays} giorni dopo la fine del periodo.
        {isCoordinator
          ? null
          : showRendicontazioni
            ? " Qui vedi le rendicontazioni della tua organizzazione."
            : " La tua organizzazione non è tra i partner del progetto: qui vedi solo il calendario."}
      </p>
      {project.periods.length === 0 ? (
        <p className="empty-state">Nessun periodo di rendicontazione: controlla le date del progetto.</p>
      ) : (
        <ScrollableTable>
          {/* A ten-year project has dozens of periods, each with its partners' links: plain links, opened in the app by the table. */}
          <table className="table" onClick={openLinksInApp}>
            <caption className="visually-hidden">Periodi di rendicontazione, con la scadenza e lo stato delle rendicontazioni</caption>
            <thead>
              <tr>
                <th scope="col">Periodo</th>
                <th scope="col">Scadenza</th>
                {showRendicontazioni ? <th scope="col">{isCoordinator ? "Rendicontazioni dei partner" : "Rendicontazione"}</th> : null}
              </tr>
            </thead>
            <tbody>
              {project.periods.map((period) => (
                <tr key={period.id}>
                  <th scope="row" className="fw-normal">
                    <span className="fw-semibold">{period.number}°</span> · dal {period.startsOn} al {period.endsOn}
                    {isLeadReferent || isCoordinator ? (
                      <a href={`/progetti/${project.id}/periodi/${period.id}`} className="d-block small">
                        Il periodo e la nota di sintesi<span className="visually-hidden"> del periodo {period.number}</span>
                      </a>
                    ) : null}
                  </th>
                  <td className="text-nowrap">{period.dueOn}</td>
                  {showRendicontazioni ? (
                    <td>
                      {period.rendicontazioni.length === 0 ? (
                        <span className="text-secondary">Nessuna rendicontazione dovuta</span>
                      ) : (
                        <ul className="list-unstyled mb-0">
                          {period.rendicontazioni.map((r) => (
                            <li key={r.id} className="mb-1">
                              <a href={`/rendicontazioni/${r.id}`}>
                                {r.organisationName}
                                <span className="visually-hidden">, periodo {period.number}</span>
                              </a>{" "}
                              <StateBadge state={r.state} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </section>
  );
}

export default function ProjectPage({ loaderData, actionData }: Route.ComponentProps) {
  const { project, decisions, documents, history, isCoordinator, isLeadReferent } = loaderData;
  const reply = actionData && "errors" in actionData ? (actionData as FormReply) : undefined;
  const [searchParams] = useSearchParams();
  return (
    <div className="container my-5">
      <p>
        <Link to="/progetti">Torna ai progetti</Link>
      </p>
      <PageHeader title={project.title} lead={`${project.code}${project.cup ? ` · CUP ${project.cup}` : ""}`}>
        {isCoordinator ? (
          <Link to={`/progetti/${project.id}/modifica`} className="btn btn-primary">
            Modifica il progetto
          </Link>
        ) : null}
      </PageHeader>
      {searchParams.has("registrato") ? <Notice>Progetto registrato, con i periodi di rendicontazione e le rendicontazioni dovute dai partner.</Notice> : null}
      {searchParams.has("modificato") ? <Notice>Modifiche salvate.</Notice> : null}
      {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}

      <section aria-labelledby="dati-titolo" className="mb-5">
        <h2 id="dati-titolo" className="h4">
          Dati generali
        </h2>
        <dl className="row mb-0">
          <dt className="col-sm-4">Stato</dt>
          <dd className="col-sm-8">
            <ProjectStatusBadge status={project.status} label={project.statusLabel} />
          </dd>
          <dt className="col-sm-4">Durata</dt>
          <dd className="col-sm-8">
            dal {project.startsOn} al {project.endsOn}
          </dd>
          <dt className="col-sm-4">Soggetto attuatore</dt>
          <dd className="col-sm-8">
            <Link to={`/organizzazioni/${project.lead.id}`}>{project.lead.name}</Link>
          </dd>
          <dt className="col-sm-4">RUP</dt>
          <dd className="col-sm-8">{project.rup || "Non indicato"}</dd>
          <dt className="col-sm-4">Gruppo di lavoro</dt>
          <dd className="col-sm-8">
            {project.workingGroup ? `${project.workingGroup.name} (${project.workingGroup.thematicArea})` : "Nessun gruppo"}
          </dd>
          <dt className="col-sm-4">Obiettivi strategici</dt>
          <dd className="col-sm-8">
            {project.objectives.length === 0 ? (
              "Nessun obiettivo collegato"
            ) : (
              <ul className="list-unstyled mb-0">
                {project.objectives.map((objective) => (
                  <li key={objective.id}>
                    {objective.code} – {objective.title}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        {project.description ? (
          <p className="mt-3" style={{ whiteSpace: "pre-line" }}>
            {project.description}
          </p>
        ) : null}
      </section>

      <Funding project={project} />

      {loaderData.progress ? <ProjectProgressSection progress={loaderData.progress} /> : null}

      <section aria-labelledby="partner-titolo" className="mb-5">
        <h2 id="partner-titolo" className="h4">
          Partner e quote del budget
        </h2>
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">Organizzazioni partner del progetto e loro quote</caption>
            <thead>
              <tr>
                <th scope="col">Organizzazione</th>
                <th scope="col" className="text-end">
                  Quota
                </th>
                <th scope="col" className="text-end">
                  Sul programmato
                </th>
              </tr>
            </thead>
            <tbody>
              {project.partners.map((partner) => (
                <tr key={partner.id}>
                  <th scope="row" className="fw-normal">
                    <Link to={`/organizzazioni/${partner.id}`}>{partner.name}</Link>
                    {partner.isLead ? <span className="badge bg-primary ms-2">Soggetto attuatore</span> : null}
                  </th>
                  <td className="text-end text-nowrap">{formatEuro(partner.budgetCents)}</td>
                  <td className="text-end">{formatPercent(percentOf(partner.budgetCents, project.funding.programmedCents))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      </section>

      <section aria-labelledby="linee-titolo" className="mb-5">
        <h2 id="linee-titolo" className="h4">
          Linee d'azione
        </h2>
        {project.actionLines.length === 0 ? (
          <p className="empty-state">Il progetto non è diviso in linee d'azione.</p>
        ) : (
          <ul className="list-unstyled">
            {project.actionLines.map((line) => (
              <li key={line.id} className="mb-1">
                <strong>{line.code}</strong> {line.title}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="indicatori-titolo" className="mb-5">
        <h2 id="indicatori-titolo" className="h4">
          Indicatori
        </h2>
        {project.indicators.length === 0 ? (
          <p className="empty-state">Nessun indicatore: il coordinamento li sceglie dal catalogo modificando il progetto.</p>
        ) : (
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Indicatori del progetto con valore di partenza e target</caption>
              <thead>
                <tr>
                  <th scope="col">Indicatore</th>
                  <th scope="col">Linea d'azione</th>
                  <th scope="col" className="text-end">
                    Partenza
                  </th>
                  <th scope="col" className="text-end">
                    Target
                  </th>
                  <th scope="col">Entro il</th>
                </tr>
              </thead>
              <tbody>
                {project.indicators.map((indicator) => (
                  <tr key={indicator.id}>
                    <th scope="row" className="fw-normal">
                      {indicator.name}
                      <span className="d-block small">
                        {indicator.unit} · {indicator.direction} · {indicator.thematicArea}
                      </span>
                    </th>
                    <td>{indicator.actionLine ? `${indicator.actionLine.code} ${indicator.actionLine.title}` : "—"}</td>
                    <td className="text-end">{formatQuantity(indicator.baseline)}</td>
                    <td className="text-end">{formatQuantity(indicator.target)}</td>
                    <td className="text-nowrap">{indicator.targetOn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        )}
      </section>

      <Periods project={project} isCoordinator={isCoordinator} isLeadReferent={isLeadReferent} />

      <section aria-labelledby="decisioni-titolo" className="mb-5">
        <h2 id="decisioni-titolo" className="h4">
          Decisioni e azioni sul progetto
        </h2>
        {decisions.length === 0 ? (
          <p className="empty-state">Nessuna decisione o azione del registro riguarda questo progetto.</p>
        ) : (
          <>
            <p>
              <Link to={`/decisioni?organizzazione=&progetto=${project.id}`}>Filtra il registro delle decisioni per questo progetto</Link>
            </p>
            <ul className="list-unstyled">
              {decisions.map((entry) => (
                <li key={entry.id} className="border-bottom py-2">
                  <span className="d-block small fw-semibold">
                    {entry.kindLabel} · riunione del {entry.meeting.date}
                  </span>
                  <Link to={`/decisioni/${entry.id}`}>{entry.text.length > 160 ? `${entry.text.slice(0, 157)}…` : entry.text}</Link>
                  <span className="d-block small">
                    {responsibleText(entry)}
                    {entry.dueOnLabel ? ` · Scadenza: ${entry.dueOnLabel}` : ""} · Stato: <StatusLabel label={entry.statusLabel} overdue={entry.overdue} />
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <LinkedDocuments
        documents={documents}
        empty="Nessun documento dell'archivio è collegato a questo progetto."
        newDocumentHref={isCoordinator ? `/documenti/nuovo?progetto=${project.id}` : null}
      />

      {loaderData.publicFigures !== null ? <PublicFigures projectId={project.id} isPublic={loaderData.publicFigures} reply={reply} /> : null}

      {isCoordinator ? (
        <section aria-labelledby="cronologia-titolo">
          <h2 id="cronologia-titolo" className="h4">
            Cronologia delle modifiche
          </h2>
          <HistoryList events={history} empty="Nessuna modifica registrata. Qui compare chi ha cambiato che cosa e quando." />
        </section>
      ) : null}
    </div>
  );
}
