import { Form, Link } from "react-router";
import { FieldError, SelectField, TextAreaField, TextField } from "~/components/forms";
import { ScrollableTable } from "~/components/lists";
import { formatOpeningHours, formatTime, type Opening, weekdayLabel, WEEKDAYS } from "~/domain/aid-services";
import type { FormReply } from "~/utils/forms.server";

// The service form (shared by /servizi/nuovo and /servizi/:id/modifica), the opening hours as a
// table, and a service's card in the catalogue lists.

type Option = { value: string; label: string };

export interface AidServiceValues {
  name: string;
  kind: string;
  description: string;
  address: string;
  area: string;
  eligibility: string;
  accessMode: string;
  accessNotes: string;
  phone: string;
  email: string;
  capacity: string;
  languages: string;
  accessibility: string;
  accessibilityNotes: string;
  status: string;
  isPublic: boolean;
  openings: Opening[];
}

/** Rows for the opening hours: the saved ones and two empty ones, at least four in all. */
function OpeningRows({ openings, reply }: { openings: Opening[]; reply: FormReply | undefined }) {
  const sent = reply
    ? (reply.lists.openingDay ?? []).map((day, i) => ({ day, from: reply.lists.openingFrom?.[i] ?? "", to: reply.lists.openingTo?.[i] ?? "" }))
    : openings.map((o) => ({ day: String(o.weekday), from: formatTime(o.opensAt), to: formatTime(o.closesAt) }));
  const rows = [...sent, ...Array.from({ length: Math.max(2, 4 - sent.length) }, () => ({ day: "", from: "", to: "" }))];
  const error = reply?.errors.fieldErrors.openings;
  return (
    <fieldset className="mb-4" aria-describedby={["orari-aiuto", error ? "orari-errore" : null].filter(Boolean).join(" ")}>
      <legend className="h5">Giorni e orari di apertura</legend>
      <p id="orari-aiuto" className="form-text">
        Una riga per ogni apertura: per esempio «Sabato, 09:00, 12:30». Se il servizio chiude dopo mezzanotte, indica l'ora di chiusura del giorno dopo
        (un dormitorio aperto il venerdì dalle 20:00 alle 02:00). Lascia vuote le righe che non servono; per aggiungerne altre, salva e modifica di nuovo.
      </p>
      {error ? (
        <div id="orari-errore" className="invalid-feedback d-block mb-2" role="alert">
          {error}
        </div>
      ) : null}
      {rows.map((row, i) => {
        const rowError = reply?.errors.fieldErrors[`opening.${i}`];
        const errorId = `fascia-${i}-errore`;
        const invalid = rowError ? { "aria-invalid": true as const, "aria-describedby": errorId } : {};
        return (
          // Index keys: the rows are positions in the form, not records.
          <fieldset key={i} className="border rounded p-3 mb-3">
            <legend className="fs-6 fw-semibold mb-2 float-none w-auto">Fascia {i + 1}</legend>
            <div className="row g-2">
              <div className="col-12 col-md-4 select-wrapper">
                <label htmlFor={`fascia-${i}-giorno`} className="active">
                  Giorno
                </label>
                <select id={`fascia-${i}-giorno`} name="openingDay" className="form-select" defaultValue={row.day} {...invalid}>
                  <option value="">Nessuno</option>
                  {WEEKDAYS.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="col-6 col-md-4">
                <label htmlFor={`fascia-${i}-dalle`} className="active">
                  Dalle
                </label>
                <input id={`fascia-${i}-dalle`} name="openingFrom" type="time" className="form-control" defaultValue={row.from} {...invalid} />
              </div>
              <div className="col-6 col-md-4">
                <label htmlFor={`fascia-${i}-alle`} className="active">
                  Alle
                </label>
                <input id={`fascia-${i}-alle`} name="openingTo" type="time" className="form-control" defaultValue={row.to} {...invalid} />
              </div>
            </div>
            <FieldError id={`fascia-${i}`} error={rowError} />
          </fieldset>
        );
      })}
    </fieldset>
  );
}

export function AidServiceForm({
  values,
  choices,
  organisations,
  canPublish,
  reply,
  submitLabel,
  cancelTo,
}: {
  values?: AidServiceValues;
  choices: { kinds: Option[]; accessModes: Option[]; accessibility: Option[]; statuses: Option[]; areas: string[] };
  /** Offered to coordinators when adding a service */
  organisations?: Option[];
  canPublish: boolean;
  reply: FormReply | undefined;
  submitLabel: string;
  cancelTo: string;
}) {
  const publicChecked = reply ? reply.values.isPublic === "on" : (values?.isPublic ?? false);
  return (
    <Form method="post" noValidate>
      {organisations ? (
        <SelectField name="organisationId" label="Organizzazione che offre il servizio" reply={reply} options={organisations} placeholder="Scegli l'organizzazione" />
      ) : null}
      <TextField name="name" label="Nome del servizio" reply={reply} defaultValue={values?.name} hint="Come lo conoscono le persone: «Emporio solidale Il Granaio»." />
      <SelectField name="kind" label="Tipo di servizio" reply={reply} options={choices.kinds} placeholder={values ? undefined : "Scegli il tipo"} defaultValue={values?.kind} />
      <TextAreaField name="description" label="Che cosa offre" required={false} rows={3} reply={reply} defaultValue={values?.description} />
      <TextField name="address" label="Indirizzo" reply={reply} defaultValue={values?.address} autoComplete="street-address" />
      <TextField
        name="area"
        label="Zona della città"
        reply={reply}
        defaultValue={values?.area}
        suggestions={choices.areas}
        hint="Il quartiere o la frazione; scegli tra quelle già usate, così la ricerca per zona li trova insieme."
      />
      <OpeningRows openings={values?.openings ?? []} reply={reply} />
      <TextAreaField
        name="eligibility"
        label="Chi può accedere"
        required={false}
        rows={2}
        reply={reply}
        defaultValue={values?.eligibility}
        hint="Per esempio «famiglie residenti con ISEE sotto 9.360 €», «persone senza dimora»."
      />
      <SelectField name="accessMode" label="Come si accede" reply={reply} options={choices.accessModes} placeholder={values ? undefined : "Scegli come si accede"} defaultValue={values?.accessMode} />
      <TextField name="accessNotes" label="Note sull'accesso" required={false} reply={reply} defaultValue={values?.accessNotes} hint="Documenti da portare, a chi rivolgersi per l'invio." />
      <TextField name="phone" label="Telefono" type="tel" required={false} reply={reply} defaultValue={values?.phone} />
      <TextField name="email" label="E-mail" type="email" required={false} reply={reply} defaultValue={values?.email} />
      <TextField name="capacity" label="Capacità" required={false} reply={reply} defaultValue={values?.capacity} hint="Quante persone o famiglie può servire: «40 famiglie a settimana»." />
      <TextField name="languages" label="Lingue parlate" required={false} reply={reply} defaultValue={values?.languages} hint="Separate da virgole: «italiano, inglese, arabo»." />
      <SelectField name="accessibility" label="Accessibilità del luogo" reply={reply} options={choices.accessibility} defaultValue={values?.accessibility ?? "NON_INDICATA"} />
      <TextField name="accessibilityNotes" label="Note sull'accessibilità" required={false} reply={reply} defaultValue={values?.accessibilityNotes} />
      <SelectField name="status" label="Stato" reply={reply} options={choices.statuses} defaultValue={values?.status ?? "ACTIVE"} />
      {canPublish ? (
        <div className="form-check mb-4">
          <input id="campo-isPublic" name="isPublic" type="checkbox" defaultChecked={publicChecked} aria-describedby="campo-isPublic-aiuto" />
          <label htmlFor="campo-isPublic">Pubblica il servizio nella guida pubblica</label>
          <small id="campo-isPublic-aiuto" className="form-text d-block">
            La guida pubblica si consulta senza accedere: mostra indirizzo, orari, chi può accedere e i contatti del servizio, mai i dati mensili.
          </small>
        </div>
      ) : null}
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary">
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn btn-outline-primary">
          Annulla
        </Link>
      </div>
    </Form>
  );
}

export function OpeningsTable({ openings, caption }: { openings: Opening[]; caption: string }) {
  if (openings.length === 0) return <p className="text-secondary">Orari non indicati.</p>;
  return (
    <ScrollableTable>
      <table className="table table-sm">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Giorno</th>
            <th scope="col">Orario</th>
          </tr>
        </thead>
        <tbody>
          {openings.map((o, i) => (
            <tr key={i}>
              <th scope="row" className="fw-normal">
                {weekdayLabel(o.weekday)}
              </th>
              <td>{formatOpeningHours(o)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

export interface ServiceCardData {
  id: string;
  name: string;
  kindLabel: string;
  organisation: string;
  address: string;
  area: string;
  /** The week in a line (formatWeek) */
  openings: string;
  access: string;
  eligibility: string;
  phone: string;
  email: string;
  languages: string;
  statusLabel: string | null;
}

/** A service in a list: what a front desk needs at a glance. */
export function ServiceCard({ service, linkTo }: { service: ServiceCardData; linkTo: string | null }) {
  return (
    <article className="card shadow-sm mb-3" aria-labelledby={`servizio-${service.id}`}>
      <div className="card-body">
        <h2 className="h5 card-title" id={`servizio-${service.id}`}>
          {linkTo ? <Link to={linkTo}>{service.name}</Link> : service.name}
          {service.statusLabel ? <span className="badge bg-secondary ms-2">{service.statusLabel}</span> : null}
        </h2>
        <p className="mb-1">
          <span className="fw-semibold">{service.kindLabel}</span> · {service.organisation}
        </p>
        <p className="mb-1">
          {service.address} ({service.area})
        </p>
        <p className="mb-1">
          <span className="fw-semibold">Orari: </span>
          {service.openings || "da concordare"}
        </p>
        <p className="mb-1">
          <span className="fw-semibold">Come si accede: </span>
          {service.access}
        </p>
        {service.eligibility ? (
          <p className="mb-1">
            <span className="fw-semibold">Chi può accedere: </span>
            {service.eligibility}
          </p>
        ) : null}
        {service.languages ? (
          <p className="mb-1">
            <span className="fw-semibold">Lingue parlate: </span>
            {service.languages}
          </p>
        ) : null}
        {service.phone || service.email ? (
          <p className="mb-0 text-break">
            <span className="fw-semibold">Contatti: </span>
            {service.phone ? <a href={`tel:${service.phone.replace(/\s/g, "")}`}>{service.phone}</a> : null}
            {service.phone && service.email ? ", " : null}
            {service.email ? <a href={`mailto:${service.email}`}>{service.email}</a> : null}
          </p>
        ) : null}
      </div>
    </article>
  );
}
