import { SelectField, TextAreaField, TextField } from "~/components/forms";
import { LEGAL_FORMS, membershipLabel, MEMBERSHIP_STATUSES, RUNTS_SECTIONS } from "~/domain/organisations";
import type { FormReply } from "~/utils/forms.server";

// Pieces the registry pages share: the organisation's fields, the membership step, status badges
// and the history of changes.

const BADGE_CLASSES: Record<string, string> = { PARTNER: "bg-primary", ADERENTE: "bg-success", EX_PARTNER: "bg-secondary" };

/** The membership status in words; the colour only repeats what the words say. */
export function MembershipBadge({ status }: { status: string }) {
  return <span className={`badge ${BADGE_CLASSES[status] ?? "bg-secondary"}`}>{membershipLabel(status)}</span>;
}

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export type OrganisationFormValues = Partial<Record<string, string>>;

/** Every registry field of an organisation, as organisationFields parses them. */
export function OrganisationFieldset({ reply, values = {} }: { reply?: FormReply | undefined; values?: OrganisationFormValues }) {
  return (
    <>
      <fieldset className="mb-4">
        <legend className="h4">Identità</legend>
        <TextField name="name" label="Nome" reply={reply} defaultValue={values.name} autoComplete="organization" />
        <TextField name="shortName" label="Sigla" reply={reply} defaultValue={values.shortName} required={false} />
        <SelectField
          name="legalForm"
          label="Forma giuridica"
          reply={reply}
          options={options(LEGAL_FORMS)}
          defaultValue={values.legalForm}
          placeholder="Scegli la forma giuridica"
        />
        <TextField
          name="codiceFiscale"
          label="Codice fiscale"
          reply={reply}
          defaultValue={values.codiceFiscale}
          hint="11 cifre per gli enti, 16 caratteri per le persone fisiche."
        />
        <TextField name="partitaIva" label="Partita IVA" reply={reply} defaultValue={values.partitaIva} required={false} hint="11 cifre." />
        <TextField
          name="runtsNumber"
          label="Numero di iscrizione al RUNTS"
          reply={reply}
          defaultValue={values.runtsNumber}
          required={false}
          hint="Solo per gli enti del Terzo settore iscritti al Registro Unico Nazionale."
        />
        <SelectField
          name="runtsSection"
          label="Sezione del RUNTS"
          reply={reply}
          options={options(RUNTS_SECTIONS)}
          defaultValue={values.runtsSection}
          placeholder="Nessuna sezione"
          required={false}
        />
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h4">Recapiti</legend>
        <TextField name="address" label="Indirizzo" reply={reply} defaultValue={values.address} required={false} autoComplete="off" />
        <TextField name="phone" label="Telefono" type="tel" reply={reply} defaultValue={values.phone} required={false} autoComplete="off" />
        <TextField name="email" label="E-mail" type="email" reply={reply} defaultValue={values.email} required={false} autoComplete="off" />
        <TextField name="pec" label="PEC" type="email" reply={reply} defaultValue={values.pec} required={false} autoComplete="off" />
        <TextField name="website" label="Sito web" type="url" reply={reply} defaultValue={values.website} required={false} autoComplete="off" />
      </fieldset>
      <DescriptionField reply={reply} defaultValue={values.description} />
    </>
  );
}

export function DescriptionField({ reply, defaultValue }: { reply?: FormReply | undefined; defaultValue?: string | undefined }) {
  return (
    <TextAreaField
      name="description"
      label="Che cosa fa per il tavolo"
      reply={reply}
      defaultValue={defaultValue}
      required={false}
      rows={5}
      hint="Una breve descrizione delle attività e dei servizi che l'organizzazione porta al tavolo (al massimo 2000 caratteri)."
    />
  );
}

/** A dated membership step (membershipFields). */
export function MembershipStepFields({ reply, defaultDay }: { reply?: FormReply | undefined; defaultDay: string }) {
  return (
    <>
      <SelectField name="status" label="Stato di adesione" reply={reply} options={options(MEMBERSHIP_STATUSES)} placeholder="Scegli lo stato" />
      <TextField
        name="effectiveOn"
        label="Dal giorno"
        type="date"
        reply={reply}
        defaultValue={defaultDay}
        hint="Per i partner, la data di firma del Protocollo d'Intesa; per un recesso, la data in cui ha effetto."
      />
      <TextAreaField
        name="reason"
        label="Motivo"
        reply={reply}
        required={false}
        rows={3}
        hint="Obbligatorio per il recesso (ex partner)."
      />
    </>
  );
}

export interface MembershipStep {
  id: string;
  status: string;
  effectiveOn: string;
  reason: string;
  recordedBy: string | null;
}

/** The dated membership steps, newest first, as the loaders format them. */
export function MembershipSteps({ steps }: { steps: MembershipStep[] }) {
  if (steps.length === 0) {
    return <p className="empty-state">Nessun passaggio registrato. Ogni cambio di stato (partner, aderente, ex partner) compare qui con la sua data.</p>;
  }
  return (
    <ol className="list-unstyled">
      {steps.map((step) => (
        <li key={step.id} className="border-bottom py-2">
          <strong>{step.status}</strong> dal {step.effectiveOn}
          {step.reason ? <span className="d-block">Motivo: {step.reason}</span> : null}
          {step.recordedBy ? <span className="d-block small">Registrato da {step.recordedBy}</span> : null}
        </li>
      ))}
    </ol>
  );
}

export interface HistoryEvent {
  id: string;
  summary: string;
  changes: Record<string, [string, string]>;
  actorName: string;
  at: string;
}

/** Each changed field with its old and new value ("vuoto" when there was or is none). */
export function ChangeList({ changes }: { changes: Record<string, [string, string]> }) {
  const entries = Object.entries(changes);
  if (entries.length === 0) return null;
  return (
    <dl className="small mb-0">
      {entries.map(([label, [before, after]]) => (
        <div key={label}>
          <dt className="d-inline">{label}: </dt>
          <dd className="d-inline ms-0">
            {before || <em>vuoto</em>} <span aria-hidden="true">→</span>
            <span className="visually-hidden">diventa</span> {after || <em>vuoto</em>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The recorded changes of a record, newest first, with each field's old and new value. */
export function HistoryList({ events, empty }: { events: HistoryEvent[]; empty: string }) {
  if (events.length === 0) return <p className="empty-state">{empty}</p>;
  return (
    <ol className="list-unstyled">
      {events.map((event) => (
        <li key={event.id} className="border-bottom py-2">
          <p className="mb-1">
            <strong>{event.summary}</strong>
            <span className="d-block small">
              {event.at} · {event.actorName}
            </span>
          </p>
          <ChangeList changes={event.changes} />
        </li>
      ))}
    </ol>
  );
}
