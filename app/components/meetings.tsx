import { Form, Link } from "react-router";
import { CheckboxList, SelectField, TextField } from "~/components/forms";
import { AUDIENCES, durationLabel, MEETING_KINDS, WEEKDAYS, WEEKS_OF_MONTH } from "~/domain/meeting-rules";
import { QUORUM_RULES } from "~/domain/quorum";
import type { FormReply } from "~/utils/forms.server";

// Pieces the meeting pages share: the series and meeting forms, the status badge and the agenda.

const options = (labels: Record<string | number, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function MeetingStatusBadge({ status, label }: { status: string; label: string }) {
  const tone = status === "CONVOKED" ? "bg-success" : status === "CANCELLED" ? "bg-danger" : "bg-secondary";
  return <span className={`badge ${tone} me-2`}>{label}</span>;
}

export interface SeriesValues {
  name: string;
  kind: string;
  workingGroupId: string;
  weekOfMonth: string;
  weekday: string;
  startTime: string;
  endTime: string;
  location: string;
  videoLink: string;
  reminderDaysBefore: string;
  quorumRule: string;
  reviewDays: string;
  active?: boolean;
}

export function SeriesForm({
  values,
  groups,
  reply,
  submitLabel,
  intent,
}: {
  values: SeriesValues;
  groups: { id: string; name: string }[];
  reply: FormReply | undefined;
  submitLabel: string;
  intent: string;
}) {
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <TextField name="name" label="Nome della serie" reply={reply} defaultValue={values.name} hint="Per esempio «Plenaria del tavolo» o «Gruppo Casa»." />
      <SelectField name="kind" label="Piano" reply={reply} options={options(MEETING_KINDS)} defaultValue={values.kind} />
      <SelectField
        name="workingGroupId"
        label="Gruppo di lavoro (solo piano operativo)"
        reply={reply}
        options={groups.map((g) => ({ value: g.id, label: g.name }))}
        placeholder="Nessun gruppo"
        defaultValue={values.workingGroupId}
        required={false}
      />
      <fieldset className="mb-2">
        <legend className="h6 fw-semibold">Regola delle date (ora di Roma)</legend>
        <div className="row">
          <div className="col-md-6">
            <SelectField name="weekOfMonth" label="Settimana del mese" reply={reply} options={options(WEEKS_OF_MONTH)} defaultValue={values.weekOfMonth} />
          </div>
          <div className="col-md-6">
            <SelectField
              name="weekday"
              label="Giorno della settimana"
              reply={reply}
              options={Object.entries(WEEKDAYS).map(([value, label]) => ({ value, label: capitalised(label) }))}
              defaultValue={values.weekday}
            />
          </div>
          <div className="col-md-6">
            <TextField name="startTime" label="Ora di inizio" reply={reply} defaultValue={values.startTime} hint="Formato 15:00." />
          </div>
          <div className="col-md-6">
            <TextField name="endTime" label="Ora di fine" reply={reply} defaultValue={values.endTime} hint="Formato 17:00." />
          </div>
        </div>
      </fieldset>
      <TextField name="location" label="Luogo" reply={reply} defaultValue={values.location} required={false} hint="Serve il luogo, il link della videochiamata o entrambi." />
      <TextField name="videoLink" label="Link della videochiamata" type="url" reply={reply} defaultValue={values.videoLink} required={false} />
      <SelectField
        name="quorumRule"
        label="Numero legale"
        reply={reply}
        options={Object.entries(QUORUM_RULES).map(([value, label]) => ({ value, label: capitalised(label) }))}
        defaultValue={values.quorumRule}
      />
      <div className="row">
        <div className="col-md-6">
          <TextField name="reminderDaysBefore" label="Promemoria: giorni prima della riunione" reply={reply} defaultValue={values.reminderDaysBefore} />
        </div>
        <div className="col-md-6">
          <TextField name="reviewDays" label="Giorni per commentare il verbale" reply={reply} defaultValue={values.reviewDays} />
        </div>
      </div>
      {values.active === undefined ? null : (
        <div className="form-check mb-4">
          <input id="campo-active" name="active" type="checkbox" value="on" defaultChecked={reply ? reply.values.active === "on" : values.active} />
          <label htmlFor="campo-active">Serie attiva (si possono creare nuove riunioni)</label>
        </div>
      )}
      <button type="submit" className="btn btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}

export interface MeetingValues {
  title: string;
  kind: string;
  seriesId: string;
  workingGroupId: string;
  day: string;
  startTime: string;
  endTime: string;
  location: string;
  videoLink: string;
  audience: string;
  namedIds: string[];
}

export function MeetingForm({
  values,
  choices,
  reply,
  submitLabel,
  cancelTo,
}: {
  values: MeetingValues;
  choices: { series: { id: string; name: string }[]; groups: { id: string; name: string }[]; people: { id: string; label: string }[] };
  reply: FormReply | undefined;
  submitLabel: string;
  cancelTo: string;
}) {
  return (
    <Form method="post" noValidate>
      <TextField name="title" label="Titolo" reply={reply} defaultValue={values.title} />
      <div className="row">
        <div className="col-md-6">
          <SelectField name="kind" label="Piano" reply={reply} options={options(MEETING_KINDS)} defaultValue={values.kind} />
        </div>
        <div className="col-md-6">
          <SelectField
            name="seriesId"
            label="Serie"
            reply={reply}
            options={choices.series.map((s) => ({ value: s.id, label: s.name }))}
            placeholder="Nessuna serie"
            defaultValue={values.seriesId}
            required={false}
          />
        </div>
      </div>
      <SelectField
        name="workingGroupId"
        label="Gruppo di lavoro"
        reply={reply}
        options={choices.groups.map((g) => ({ value: g.id, label: g.name }))}
        placeholder="Nessun gruppo"
        defaultValue={values.workingGroupId}
        required={false}
      />
      <fieldset className="mb-2">
        <legend className="h6 fw-semibold">Data e ora (ora di Roma)</legend>
        <div className="row">
          <div className="col-md-4">
            <TextField name="day" label="Data" type="date" reply={reply} defaultValue={values.day} />
          </div>
          <div className="col-md-4">
            <TextField name="startTime" label="Ora di inizio" reply={reply} defaultValue={values.startTime} hint="Formato 15:00." />
          </div>
          <div className="col-md-4">
            <TextField name="endTime" label="Ora di fine" reply={reply} defaultValue={values.endTime} hint="Formato 17:00." />
          </div>
        </div>
      </fieldset>
      <TextField name="location" label="Luogo" reply={reply} defaultValue={values.location} required={false} hint="Serve il luogo, il link della videochiamata o entrambi." />
      <TextField name="videoLink" label="Link della videochiamata" type="url" reply={reply} defaultValue={values.videoLink} required={false} />
      <SelectField name="audience" label="Chi è invitato" reply={reply} options={options(AUDIENCES)} defaultValue={values.audience} />
      <CheckboxList
        name="namedIds"
        legend="Altre persone invitate"
        hint="Oltre agli invitati scelti sopra; con «Solo le persone indicate» sono gli unici invitati."
        options={choices.people.map((p) => ({ value: p.id, label: p.label }))}
        checked={values.namedIds}
        reply={reply}
      />
      <div className="d-flex gap-3">
        <button type="submit" className="btn btn-primary">
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn btn-outline-secondary">
          Annulla
        </Link>
      </div>
    </Form>
  );
}

export interface AgendaItemView {
  id: string;
  number: number;
  title: string;
  presenter: string;
  durationMinutes: number;
  kind: string;
  origin: { text: string; to: string } | null;
  escalatedTo: { text: string; to: string } | null;
  documents: { id: string; title: string; fileName: string; href: string }[];
}

/** The agenda's header line: how many items and how long they take together. */
export function agendaSummary(items: AgendaItemView[]) {
  const total = items.reduce((sum, item) => sum + item.durationMinutes, 0);
  return `${items.length === 1 ? "1 punto" : `${items.length} punti`}, durata prevista ${durationLabel(total)}`;
}

/** An item's presenter, duration, origin and documents, under its title. */
export function AgendaItemDetails({ item }: { item: AgendaItemView }) {
  return (
    <>
      <span className="d-block text-secondary">
        {item.presenter ? `Presenta ${item.presenter} · ` : ""}
        {durationLabel(item.durationMinutes)}
      </span>
      {item.origin ? (
        <span className="d-block">
          <Link to={item.origin.to}>{item.origin.text}</Link>
        </span>
      ) : null}
      {item.escalatedTo ? (
        <span className="d-block">
          <Link to={item.escalatedTo.to}>{item.escalatedTo.text}</Link>
        </span>
      ) : null}
      {item.documents.length > 0 ? (
        <ul className="mb-0">
          {item.documents.map((document) => (
            <li key={document.id}>
              <a href={document.href}>
                {document.title}
                <span className="visually-hidden"> (documento del punto {item.number})</span>
              </a>{" "}
              <span className="text-secondary small">{document.fileName}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** The agenda as everyone reads it on the meeting page. */
export function AgendaList({ items }: { items: AgendaItemView[] }) {
  if (items.length === 0) {
    return <p className="empty-state">L'ordine del giorno non è ancora stato scritto: i punti compariranno qui, con i documenti da leggere prima della riunione.</p>;
  }
  return (
    <>
      <p>{agendaSummary(items)}.</p>
      <ol>
        {items.map((item) => (
          <li key={item.id} className="mb-3">
            <strong>{item.title}</strong>
            <AgendaItemDetails item={item} />
          </li>
        ))}
      </ol>
    </>
  );
}
