import { Form, Link } from "react-router";
import { CheckboxList, FormAlert, SelectField, TextAreaField, TextField } from "~/components/forms";
import type { FormReply } from "~/utils/forms.server";

// The working group form, shared by /gruppi/nuovo and /gruppi/:id/modifica.

export interface GroupChoices {
  objectives: { id: string; code: string; title: string }[];
  facilitators: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  peopleByOrganisation: { id: string; name: string; people: { id: string; name: string; active: boolean }[] }[];
  thematicAreas: string[];
}

export interface GroupValues {
  name: string;
  thematicArea: string;
  mandate: string;
  facilitatorId: string | null;
  referentOrganisationId: string | null;
  objectiveIds: string[];
  memberIds: string[];
}

/**
 * The people who may join, one fieldset per organisation so the list reads in groups; after a
 * refused submission it shows what the person had ticked, as CheckboxList does.
 */
function MemberChoices({ choices, checked, reply }: { choices: GroupChoices["peopleByOrganisation"]; checked: string[]; reply: FormReply | undefined }) {
  const error = reply?.errors.fieldErrors.memberIds;
  return (
    <fieldset className="mb-4" aria-describedby={["campo-memberIds-aiuto", error ? "campo-memberIds-errore" : null].filter(Boolean).join(" ")}>
      <legend className="h5">Componenti del gruppo</legend>
      <small id="campo-memberIds-aiuto" className="form-text d-block mb-3">
        Persone con un account attivo di un'organizzazione partner o aderente, elencate per organizzazione.
      </small>
      {error ? (
        <div id="campo-memberIds-errore" className="invalid-feedback d-block mb-2" role="alert">
          {error}
        </div>
      ) : null}
      {choices.length === 0 ? (
        <p className="text-muted">Nessuna persona da scegliere: invita prima le persone delle organizzazioni partner.</p>
      ) : (
        <div className="row">
          {choices.map((organisation) => (
            <div key={organisation.id} className="col-md-6 mb-3">
              <fieldset>
                <legend className="h6 fw-semibold">{organisation.name}</legend>
                {organisation.people.map((person) => (
                  <div className="form-check" key={person.id}>
                    <input
                      id={`campo-memberIds-${person.id}`}
                      name="memberIds"
                      type="checkbox"
                      value={person.id}
                      defaultChecked={(reply ? (reply.lists.memberIds ?? []) : checked).includes(person.id)}
                    />
                    <label htmlFor={`campo-memberIds-${person.id}`}>
                      {person.name}
                      {person.active ? "" : " (account disattivato)"}
                    </label>
                  </div>
                ))}
              </fieldset>
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}

export function GroupForm({
  choices,
  values,
  reply,
  submitLabel,
  cancelTo,
}: {
  choices: GroupChoices;
  values?: GroupValues;
  reply: FormReply | undefined;
  submitLabel: string;
  cancelTo: string;
}) {
  return (
    <>
      <FormAlert reply={reply} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="save" />
        <TextField name="name" label="Nome del gruppo" reply={reply} defaultValue={values?.name} autoComplete="off" />
        <TextField
          name="thematicArea"
          label="Area tematica"
          reply={reply}
          defaultValue={values?.thematicArea}
          autoComplete="off"
          suggestions={choices.thematicAreas}
          hint="Scegli un'area suggerita o scrivine una nuova."
        />
        <TextAreaField name="mandate" label="Mandato" reply={reply} defaultValue={values?.mandate} rows={6} hint="Su cosa lavora il gruppo e che cosa deve produrre. È visibile a tutto il tavolo." />
        <CheckboxList
          name="objectiveIds"
          legend="Obiettivi strategici collegati"
          reply={reply}
          options={choices.objectives.map((o) => ({ value: o.id, label: `${o.code} – ${o.title}` }))}
          checked={values?.objectiveIds ?? []}
        />
        <SelectField
          name="facilitatorId"
          label="Facilitatore"
          reply={reply}
          placeholder="Scegli tra i coordinatori"
          defaultValue={values?.facilitatorId ?? ""}
          options={choices.facilitators.map((f) => ({ value: f.id, label: f.name }))}
        />
        <SelectField
          name="referentOrganisationId"
          label="Organizzazione referente"
          reply={reply}
          placeholder="Scegli l'organizzazione"
          defaultValue={values?.referentOrganisationId ?? ""}
          options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <MemberChoices choices={choices.peopleByOrganisation} checked={values?.memberIds ?? []} reply={reply} />
        <button type="submit" className="btn btn-primary me-3">
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn btn-outline-primary">
          Annulla
        </Link>
      </Form>
    </>
  );
}
