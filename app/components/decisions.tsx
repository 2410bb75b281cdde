import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link, useFetcher, useLocation } from "react-router";
import { FormAlert } from "~/components/forms";
import { Icon } from "~/components/icon";
import type { DecisionChoices, DecisionEntry, MeetingDecisionsData, RefusedDecisionData } from "~/domain/decisions.server";
import type { FormReply } from "~/utils/forms.server";
import { useHydrated } from "~/utils/use-hydrated";

// The decision register's pieces shared by its pages and by the verbale page, where the
// coordinator records decisions and actions while writing the minutes.

/** What the /decisioni action answers to the panel's forms. */
export type DecisionReply = FormReply | { done: string };
const isErrorReply = (reply: DecisionReply | undefined): reply is FormReply => !!reply && "errors" in reply;

/** Overdue is said in words and with an icon, never by colour alone. */
export function OverdueMarker({ overdue }: { overdue: boolean }) {
  if (!overdue) return null;
  return (
    <span className="badge bg-danger ms-2 d-inline-flex align-items-center gap-1">
      <Icon name="it-warning-circle" className="icon-xs icon-white" />
      Scaduta
    </span>
  );
}

export function StatusLabel({ label, overdue }: { label: string; overdue: boolean }) {
  return (
    <>
      {label}
      <OverdueMarker overdue={overdue} />
    </>
  );
}

/** Who answers for an entry, in one line. */
export function responsibleText(entry: Pick<DecisionEntry, "responsibleOrganisationName" | "responsibleUserName">) {
  if (!entry.responsibleOrganisationName) return "Nessun responsabile indicato";
  return entry.responsibleUserName ? `${entry.responsibleUserName} (${entry.responsibleOrganisationName})` : entry.responsibleOrganisationName;
}

function HiddenContext({ redirectTo, hydrated }: { redirectTo: string; hydrated: boolean }) {
  return (
    <>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <input type="hidden" name="inPlace" value={hydrated ? "1" : ""} />
    </>
  );
}

function FieldShell({ id, label, optional, hint, error, children }: { id: string; label: string; optional?: boolean; hint?: string; error?: string | undefined; children: ReactNode }) {
  return (
    <div className="form-group mb-4">
      <label htmlFor={id} className="active">
        {label}
        {optional ? <span className="fw-normal"> (facoltativo)</span> : null}
      </label>
      {children}
      {hint ? (
        <small id={`${id}-aiuto`} className="form-text d-block">
          {hint}
        </small>
      ) : null}
      {error ? (
        <div id={`${id}-errore`} className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, hint: boolean, error: string | undefined) =>
  [hint ? `${id}-aiuto` : null, error ? `${id}-errore` : null].filter(Boolean).join(" ") || undefined;

/** What /decisioni/persone/:organisationId answers (routes/decisions.people.ts). */
interface PeopleReply {
  organisationId: string;
  people: { id: string; name: string }[];
}

/**
 * The fields of one entry. Several of these forms share a page (the new one and one per entry),
 * so every id carries the form's prefix.
 */
export function DecisionFields({
  prefix,
  entry,
  reply,
  choices,
}: {
  prefix: string;
  entry?: DecisionEntry | undefined;
  reply?: FormReply | undefined;
  choices: DecisionChoices;
}) {
  const value = (name: keyof DecisionEntry & string) => reply?.values[name] ?? (entry ? String(entry[name] ?? "") : "");
  const error = (name: string) => reply?.errors.fieldErrors[name];
  const id = (name: string) => `${prefix}-${name}`;
  const [organisationId, setOrganisationId] = useState(value("responsibleOrganisationId"));
  // Only the chosen organisation's people are offered; the server checks the pair again. The page
  // brings the people of the organisations its forms start from; another one's are loaded when it
  // is chosen.
  const peopleFetcher = useFetcher<PeopleReply>();
  const fetched = peopleFetcher.data?.organisationId === organisationId ? peopleFetcher.data.people : undefined;
  const people = choices.peopleByOrganisation[organisationId] ?? fetched ?? [];
  const loadingPeople = !!organisationId && peopleFetcher.state !== "idle" && !choices.peopleByOrganisation[organisationId] && !fetched;
  const organisationName = choices.organisations.find((o) => o.id === organisationId)?.name ?? "";
  const chooseOrganisation = (chosen: string) => {
    setOrganisationId(chosen);
    if (chosen && !choices.peopleByOrganisation[chosen]) void peopleFetcher.load(`/decisioni/persone/${encodeURIComponent(chosen)}`);
  };
  const control = (name: string, hint = false) => ({
    id: id(name),
    name,
    "aria-invalid": error(name) ? true : undefined,
    "aria-describedby": describedBy(id(name), hint, error(name)),
  });
  const personControl = control("responsibleUserId", true);
  const peopleStatusId = `${id("responsibleUserId")}-caricamento`;
  const invalid = (name: string) => (error(name) ? " is-invalid" : "");
  return (
    <>
      <div className="row">
        <div className="col-md-4">
          <FieldShell id={id("kind")} label="Tipo" error={error("kind")}>
            <select {...control("kind")} className={`form-select${invalid("kind")}`} defaultValue={value("kind") || "ACTION"} required>
              {choices.kinds.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </FieldShell>
        </div>
        <div className="col-md-8">
          <FieldShell id={id("agendaItemId")} label="Punto dell'ordine del giorno" optional error={error("agendaItemId")}>
            <select {...control("agendaItemId")} className={`form-select${invalid("agendaItemId")}`} defaultValue={value("agendaItemId")}>
              <option value="">Nessun punto in particolare</option>
              {choices.agendaItems.map((item) => (
                <option key={item.value} value={item.value}>
                  {item.label}
                </option>
              ))}
            </select>
          </FieldShell>
        </div>
      </div>
      <FieldShell id={id("text")} label="Testo" error={error("text")}>
        <textarea {...control("text")} rows={3} className={`form-control${invalid("text")}`} defaultValue={value("text")} required />
      </FieldShell>
      <div className="row">
        <div className="col-md-6">
          <FieldShell
            id={id("responsibleOrganisationId")}
            label="Organizzazione responsabile"
            hint="Obbligatoria per le azioni."
            error={error("responsibleOrganisationId")}
          >
            <select
              {...control("responsibleOrganisationId", true)}
              className={`form-select${invalid("responsibleOrganisationId")}`}
              defaultValue={organisationId}
              onChange={(event) => chooseOrganisation(event.currentTarget.value)}
            >
              <option value="">Nessuna</option>
              {choices.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </FieldShell>
        </div>
        <div className="col-md-6">
          <FieldShell id={id("responsibleUserId")} label="Persona responsabile" optional hint="Una persona dell'organizzazione responsabile." error={error("responsibleUserId")}>
            <select
              {...personControl}
              key={organisationId}
              className={`form-select${invalid("responsibleUserId")}`}
              defaultValue={value("responsibleUserId")}
              disabled={loadingPeople}
              aria-busy={loadingPeople || undefined}
              aria-describedby={loadingPeople ? [peopleStatusId, personControl["aria-describedby"]].filter(Boolean).join(" ") : personControl["aria-describedby"]}
            >
              <option value="">Nessuna persona in particolare</option>
              {people.length > 0 ? (
                <optgroup label={organisationName}>
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
            {loadingPeople ? (
              <small id={peopleStatusId} className="form-text d-block">
                Caricamento delle persone di {organisationName}…
              </small>
            ) : null}
          </FieldShell>
        </div>
      </div>
      <div className="row">
        <div className="col-md-6">
          <FieldShell id={id("dueOn")} label="Scadenza" hint="Obbligatoria per le azioni; le decisioni non scadono." error={error("dueOn")}>
            <input {...control("dueOn", true)} type="date" className={`form-control${invalid("dueOn")}`} defaultValue={value("dueOn")} />
          </FieldShell>
        </div>
        <div className="col-md-6">
          <FieldShell id={id("projectId")} label="Progetto" optional hint="Il progetto di cui tratta la voce: compare nella pagina del progetto." error={error("projectId")}>
            <select {...control("projectId", true)} className={`form-select${invalid("projectId")}`} defaultValue={value("projectId")}>
              <option value="">Nessun progetto</option>
              {choices.projects.map((project) => (
                <option key={project.value} value={project.value}>
                  {project.label}
                </option>
              ))}
            </select>
          </FieldShell>
        </div>
      </div>
    </>
  );
}

/** The form for a new entry; it empties itself once the entry is saved. */
function AddDecisionForm({ meetingId, choices, redirectTo }: { meetingId: string; choices: DecisionChoices; redirectTo: string }) {
  const fetcher = useFetcher<DecisionReply>();
  const hydrated = useHydrated();
  const [saved, setSaved] = useState(0);
  const reply = fetcher.data;
  useEffect(() => {
    if (fetcher.state === "idle" && reply && "done" in reply) setSaved((n) => n + 1);
  }, [fetcher.state, reply]);
  return (
    <fetcher.Form method="post" action="/decisioni" noValidate key={saved} aria-labelledby="decisioni-nuova-titolo">
      <h3 id="decisioni-nuova-titolo" className="h5">
        Registra una decisione o un'azione
      </h3>
      {saved > 0 && reply && "done" in reply ? (
        <p role="status" className="alert alert-success">
          {reply.done}
        </p>
      ) : null}
      <FormAlert reply={isErrorReply(reply) ? reply : undefined} />
      <HiddenContext redirectTo={redirectTo} hydrated={hydrated} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <DecisionFields prefix="decisione-nuova" reply={isErrorReply(reply) ? reply : undefined} choices={choices} />
      <button type="submit" name="intent" value="add" className="btn btn-primary" disabled={fetcher.state !== "idle"}>
        Registra
      </button>
    </fetcher.Form>
  );
}

function EditDecisionForm({ entry, choices, redirectTo }: { entry: DecisionEntry; choices: DecisionChoices; redirectTo: string }) {
  const fetcher = useFetcher<DecisionReply>();
  const hydrated = useHydrated();
  const details = useRef<HTMLDetailsElement>(null);
  const reply = isErrorReply(fetcher.data) ? fetcher.data : undefined;
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data && "done" in fetcher.data && details.current) details.current.open = false;
  }, [fetcher.state, fetcher.data]);
  return (
    <details ref={details} className="mt-2">
      <summary className="btn btn-outline-primary btn-sm">
        Modifica<span className="visually-hidden"> la voce «{entry.text.slice(0, 60)}»</span>
      </summary>
      <fetcher.Form method="post" action="/decisioni" noValidate className="border rounded p-3 mt-2">
        <FormAlert reply={reply} />
        <HiddenContext redirectTo={redirectTo} hydrated={hydrated} />
        <input type="hidden" name="decisionId" value={entry.id} />
        <DecisionFields prefix={`decisione-${entry.id}`} entry={entry} reply={reply} choices={choices} />
        <button type="submit" name="intent" value="edit" className="btn btn-primary btn-sm" disabled={fetcher.state !== "idle"}>
          Salva le modifiche
        </button>
      </fetcher.Form>
    </details>
  );
}

function RemoveDecisionForm({ entry, redirectTo }: { entry: DecisionEntry; redirectTo: string }) {
  const fetcher = useFetcher<DecisionReply>();
  const hydrated = useHydrated();
  const reply = isErrorReply(fetcher.data) ? fetcher.data : undefined;
  return (
    <fetcher.Form
      method="post"
      action="/decisioni"
      className="d-inline"
      onSubmit={(event) => {
        if (!window.confirm(`Eliminare la voce «${entry.text.slice(0, 80)}»?`)) event.preventDefault();
      }}
    >
      <HiddenContext redirectTo={redirectTo} hydrated={hydrated} />
      <input type="hidden" name="decisionId" value={entry.id} />
      <button type="submit" name="intent" value="remove" className="btn btn-outline-danger btn-sm" disabled={fetcher.state !== "idle"}>
        Elimina<span className="visually-hidden"> la voce «{entry.text.slice(0, 60)}»</span>
      </button>
      {reply?.errors.formError ? (
        <p className="text-danger small mt-1 mb-0" role="alert">
          {reply.errors.formError}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

function EntrySummary({ entry }: { entry: DecisionEntry }) {
  return (
    <>
      <p className="mb-1">
        <strong>{entry.kindLabel}</strong>
        {entry.agendaItemTitle ? <span className="text-secondary"> · punto «{entry.agendaItemTitle}»</span> : null}
        {entry.projectLabel ? (
          <span className="text-secondary">
            {" "}
            · progetto <Link to={`/progetti/${entry.projectId}`}>{entry.projectLabel}</Link>
          </span>
        ) : null}
      </p>
      <p className="mb-1" style={{ whiteSpace: "pre-line" }}>
        {entry.text}
      </p>
      <p className="small mb-0">
        Responsabile: {responsibleText(entry)}
        {entry.dueOnLabel ? ` · Scadenza: ${entry.dueOnLabel}` : null} · Stato: <StatusLabel label={entry.statusLabel} overdue={entry.overdue} /> ·{" "}
        <Link to={`/decisioni/${entry.id}`}>
          Storia e stato<span className="visually-hidden"> della voce «{entry.text.slice(0, 60)}»</span>
        </Link>
      </p>
    </>
  );
}

/**
 * The meeting's decisions and actions; coordinators add, correct and remove them here, with the
 * forms' choices, which the page sends only to them (null: the panel is read only). The forms post
 * to /decisioni and come back to the page they were on.
 */
export function DecisionsPanel({ meetingId, data, choices }: { meetingId: string; data: MeetingDecisionsData; choices: DecisionChoices | null }) {
  const location = useLocation();
  const canEdit = choices !== null;
  const redirectTo = `${location.pathname}${location.search}`;
  return (
    <section aria-labelledby="decisioni-riunione-titolo" id="decisioni-riunione" className="mb-5">
      <h2 id="decisioni-riunione-titolo" className="h4">
        Decisioni e azioni
      </h2>
      {data.decisions.length === 0 ? (
        <p className="empty-state">
          Nessuna decisione o azione registrata per questa riunione.
          {canEdit ? " Registrale qui mentre scrivi il verbale: compariranno nel registro delle decisioni." : ""}
        </p>
      ) : (
        <ul className="list-unstyled">
          {data.decisions.map((entry) => (
            <li key={entry.id} className="border-bottom py-3">
              <EntrySummary entry={entry} />
              {choices ? (
                <div className="d-flex flex-wrap gap-2 align-items-start">
                  <EditDecisionForm entry={entry} choices={choices} redirectTo={redirectTo} />
                  {data.canRemove ? (
                    <div className="mt-2">
                      <RemoveDecisionForm entry={entry} redirectTo={redirectTo} />
                    </div>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit && !data.canRemove && data.decisions.length > 0 ? (
        <p className="small text-secondary">
          Il verbale è pubblicato: le voci non si eliminano più; una voce che non vale più si segna come «Annullata» dalla sua pagina.
        </p>
      ) : null}
      {choices && data.canAdd ? <AddDecisionForm meetingId={meetingId} choices={choices} redirectTo={redirectTo} /> : null}
    </section>
  );
}

/**
 * Without JavaScript a refused entry lands on /decisioni: the form comes back there, filled in as it
 * was sent, with the errors next to the fields and a way back to the page it came from.
 */
export function RefusedDecisionForm({ reply, data, redirectTo }: { reply: FormReply; data: RefusedDecisionData; redirectTo: string }) {
  const intent = reply.values.intent;
  const decisionId = reply.values.decisionId;
  const entry = data.decisions.find((d) => d.id === decisionId);
  return (
    <section aria-labelledby="decisione-rifiutata-titolo" className="border rounded p-3 mb-5">
      <h2 id="decisione-rifiutata-titolo" className="h4">
        La voce non è stata salvata
      </h2>
      <FormAlert reply={reply} />
      {intent === "remove" ? null : (
        <form method="post" action="/decisioni" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          {intent === "edit" && decisionId ? <input type="hidden" name="decisionId" value={decisionId} /> : <input type="hidden" name="meetingId" value={data.meetingId} />}
          <DecisionFields prefix="decisione-rifiutata" entry={entry} reply={reply} choices={data.choices} />
          <button type="submit" name="intent" value={intent === "edit" ? "edit" : "add"} className="btn btn-primary me-2">
            Salva
          </button>
        </form>
      )}
      <Link to={redirectTo} className="btn btn-outline-primary mt-2">
        Torna alla pagina di partenza senza salvare
      </Link>
    </section>
  );
}
