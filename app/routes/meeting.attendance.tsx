import { data, Form, Link, useFetcher } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/meeting.attendance";
import { requirePermission } from "~/auth/permissions.server";
import { FormAlert, Notice, SelectField } from "~/components/forms";
import { pageTitle } from "~/components/page";
import { addUninvitedAttendee, getAttendancePage, saveAttendance, setPresence } from "~/domain/attendance.server";
import { formatRome, formatWeekdayDateTime } from "~/utils/dates";
import { type FormReply, idList, orUserError, parseForm } from "~/utils/forms.server";

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("toggle"), inviteeId: z.string().min(1), present: z.enum(["true", "false"]) }),
  z.object({ intent: z.literal("save"), listed: idList, present: idList }),
  z.object({ intent: z.literal("add"), userId: z.string({ error: "Scegli una persona." }).min(1, "Scegli una persona.") }),
]);

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData ? `Presenze: ${loaderData.meeting.title}` : "Presenze");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "meetings" });
  const page = await getAttendancePage(args.params.id);
  if (!page) throw data("Riunione non trovata.", { status: 404 });
  const { meeting } = page;
  return {
    ...page,
    meeting: {
      id: meeting.id,
      title: meeting.title,
      when: `${formatWeekdayDateTime(meeting.startsAt)}–${formatRome(meeting.endsAt, "HH:mm")}`,
      location: meeting.location,
    },
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "meetings" });
  const id = args.params.id;
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const input = form.data;
  const result = await orUserError(form.formData, async () => {
    switch (input.intent) {
      case "toggle":
        await setPresence(id, input.inviteeId, input.present === "true", me);
        return "Presenza aggiornata.";
      case "save":
        await saveAttendance(id, input.listed, input.present, me);
        return "Presenze salvate.";
      case "add": {
        const { name } = await addUninvitedAttendee(id, input.userId, me);
        return `${name} risulta ora tra i presenti.`;
      }
    }
  });
  if (!result.ok) return result.reply;
  return { done: result.value };
}

type Person = Route.ComponentProps["loaderData"]["organisations"][number]["people"][number];

/** Saves at once with JavaScript; without it, the checkbox is part of the form below and its button. */
function PresenceCheckbox({ person }: { person: Person }) {
  const fetcher = useFetcher<typeof action>({ key: `presenza-${person.inviteeId}` });
  const pending = fetcher.formData?.get("present");
  const checked = typeof pending === "string" ? pending === "true" : person.present;
  const error = fetcher.data && "errors" in fetcher.data ? (fetcher.data.errors.formError ?? "La presenza non è stata salvata.") : null;
  const id = `presente-${person.inviteeId}`;
  return (
    <div className="form-check mb-2">
      <input type="hidden" name="listed" value={person.inviteeId} />
      <input
        type="checkbox"
        className="form-check-input"
        id={id}
        name="present"
        value={person.inviteeId}
        checked={checked}
        aria-describedby={error ? `${id}-errore` : undefined}
        onChange={(event) =>
          fetcher.submit({ intent: "toggle", inviteeId: person.inviteeId, present: String(event.currentTarget.checked) }, { method: "post" })
        }
      />
      <label className="form-check-label" htmlFor={id}>
        {person.name}
        {person.role ? <span className="text-muted"> · {person.role}</span> : null}
      </label>
      {error ? (
        <div id={`${id}-errore`} className="text-danger small" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

export default function MeetingAttendance({ loaderData, actionData }: Route.ComponentProps) {
  const { meeting, closedReason, organisations, quorum, candidates } = loaderData;
  const reply: FormReply | undefined = actionData && "errors" in actionData ? actionData : undefined;
  return (
    <div className="container my-5">
      <nav aria-label="Percorso" className="mb-3">
        <Link to={`/riunioni/${meeting.id}`}>Torna alla riunione «{meeting.title}»</Link>
      </nav>
      <h1 className="mb-2">Presenze</h1>
      <p className="lead">
        {meeting.title}, {meeting.when}
        {meeting.location ? `, ${meeting.location}` : ""}
      </p>

      {closedReason ? (
        <Notice tone="info">{closedReason}</Notice>
      ) : (
        <>
          <div className={`alert ${quorum.met ? "alert-success" : "alert-warning"}`} aria-live="polite" aria-atomic="true">
            <p className="fw-semibold mb-1">{quorum.sentence}</p>
            <p className="mb-0 small">
              Regola: {quorum.label}. Contano solo le organizzazioni partner alla data della riunione; le organizzazioni aderenti
              partecipano ma non entrano nel calcolo.
            </p>
          </div>
          {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}
          <FormAlert reply={reply?.values.intent === "add" ? undefined : reply} />

          <p>
            Spunta chi è presente: ogni modifica si salva subito. Un&apos;organizzazione risulta presente quando è presente il
            suo delegato, il suo sostituto o la persona che il delegato ha indicato come sostituto per questa riunione; la
            presenza di altri colleghi non rende presente l&apos;organizzazione.
          </p>
          <p className="d-flex flex-wrap gap-3">
            <a href={`/riunioni/${meeting.id}/foglio-presenze.pdf`}>Scarica il foglio presenze da firmare (PDF)</a>
            <Link to="/riunioni/assenze">Assenze delle organizzazioni partner negli ultimi dodici mesi</Link>
          </p>

          {organisations.length === 0 ? (
            <p className="empty-state">
              Nessuna persona è stata invitata a questa riunione. Chi partecipa si può aggiungere come presente qui sotto.
            </p>
          ) : (
            <Form method="post">
              {organisations.map((organisation) => (
                <fieldset key={organisation.id} className="mb-4">
                  <legend className="h5 mb-2">
                    {organisation.name}{" "}
                    <span className={`badge ${organisation.isPartner ? "bg-primary" : "bg-secondary"}`}>
                      {organisation.isPartner ? "Partner" : "Non partner, non conta per il quorum"}
                    </span>{" "}
                    <span className={`badge ${organisation.present ? "bg-success" : "bg-light text-dark border"}`}>
                      {organisation.present ? "Organizzazione presente" : "Organizzazione non presente"}
                    </span>
                  </legend>
                  {organisation.people.map((person) => (
                    <PresenceCheckbox key={person.inviteeId} person={person} />
                  ))}
                </fieldset>
              ))}
              <button type="submit" name="intent" value="save" className="btn btn-outline-primary">
                Salva le presenze
              </button>
            </Form>
          )}

          <section aria-labelledby="aggiungi" className="mt-5">
            <h2 id="aggiungi" className="h4">
              Aggiungi una persona non invitata
            </h2>
            {candidates.length === 0 ? (
              <p className="empty-state">Tutte le persone con un account attivo sono già tra gli invitati.</p>
            ) : (
              <Form method="post" noValidate>
                <FormAlert reply={reply?.values.intent === "add" ? reply : undefined} />
                <SelectField
                  name="userId"
                  label="Persona presente"
                  placeholder="Scegli una persona"
                  options={candidates.map((c) => ({ value: c.id, label: c.label }))}
                  reply={reply?.values.intent === "add" ? reply : undefined}
                />
                <button type="submit" name="intent" value="add" className="btn btn-primary">
                  Aggiungi come presente
                </button>
              </Form>
            )}
          </section>
        </>
      )}
    </div>
  );
}
