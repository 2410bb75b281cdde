import { useState, type ReactNode } from "react";
import { Form, Link } from "react-router";
import { CheckboxList, FormAlert, SelectField, TextAreaField, TextField } from "~/components/forms";
import type { ProjectFormChoices, ProjectFormValues } from "~/domain/projects.server";
import type { FormReply } from "~/utils/forms.server";
import { useHydrated } from "~/utils/use-hydrated";

// The project form (shared by /progetti/nuovo and /progetti/:id/modifica) and the small pieces the
// project pages show. Repeated rows (partners, action lines, indicators, period ends) are plain
// fields sharing a name: the server reads them in order, so the form works without JavaScript;
// with it, "Aggiungi una riga" adds empty rows without a round trip.

const PROJECT_STATUS_BADGES: Record<string, string> = {
  PLANNED: "bg-secondary",
  ACTIVE: "bg-primary",
  SUSPENDED: "bg-warning text-dark",
  COMPLETED: "bg-success",
};

export function ProjectStatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`badge ${PROJECT_STATUS_BADGES[status] ?? "bg-secondary"}`}>{label}</span>;
}

const describedBy = (...ids: (string | null | false | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <div id={id} className="invalid-feedback d-block" role="alert">
      {error}
    </div>
  ) : null;
}

/** A text field with a keyboard hint for phones (amounts, days): label above, error below. */
function InputField({
  name,
  label,
  reply,
  defaultValue,
  hint,
  required = true,
  inputMode,
}: {
  name: string;
  label: string;
  reply: FormReply | undefined;
  defaultValue: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  inputMode: "decimal" | "numeric";
}) {
  const id = `campo-${name}`;
  const error = reply?.errors.fieldErrors[name];
  return (
    <div className="form-group mb-4">
      <label htmlFor={id} className="active">
        {label}
        {required ? null : <span className="fw-normal"> (facoltativo)</span>}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        className={`form-control${error ? " is-invalid" : ""}`}
        defaultValue={reply?.values[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-aiuto` : null, error ? `${id}-errore` : null)}
        required={required}
      />
      {hint ? (
        <small id={`${id}-aiuto`} className="form-text d-block">
          {hint}
        </small>
      ) : null}
      <ErrorText id={`${id}-errore`} error={error} />
    </div>
  );
}

type Row<K extends string> = Record<K, string>;

/**
 * The rows to show: after a refused submission the ones sent (trailing empty ones dropped, so a
 * row keeps the position its error refers to), otherwise the saved ones; then some empty rows.
 */
function rowsToShow<K extends string>(names: readonly K[], reply: FormReply | undefined, saved: Row<K>[], empty: number): Row<K>[] {
  let rows: Row<K>[] = saved;
  if (reply) {
    const length = Math.max(0, ...names.map((name) => reply.lists[name]?.length ?? 0));
    rows = Array.from({ length }, (_, index) => Object.fromEntries(names.map((name) => [name, reply.lists[name]?.[index] ?? ""])) as Row<K>);
    while (rows.length > 0 && names.every((name) => !rows[rows.length - 1]![name].trim())) rows = rows.slice(0, -1);
  }
  const blank = Object.fromEntries(names.map((name) => [name, ""])) as Row<K>;
  return [...rows, ...Array.from({ length: empty }, () => ({ ...blank }))];
}

interface CellProps {
  name: string;
  index: number;
  label: string;
  value: string;
  reply: FormReply | undefined;
  hint?: string;
}

function cellIds(name: string, index: number, reply: FormReply | undefined, hint: boolean) {
  const id = `campo-${name}-${index}`;
  const error = reply?.errors.fieldErrors[`${name}.${index}`];
  return {
    id,
    error,
    errorId: `${id}-errore`,
    control: {
      id,
      name,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy(hint && `${id}-aiuto`, error && `${id}-errore`),
    },
  };
}

function CellShell({ id, label, hint, error, errorId, children }: { id: string; label: string; hint?: string; error?: string; errorId: string; children: ReactNode }) {
  return (
    <div className="form-group mb-3">
      <label htmlFor={id} className="active">
        {label}
      </label>
      {children}
      {hint ? (
        <small id={`${id}-aiuto`} className="form-text d-block">
          {hint}
        </small>
      ) : null}
      <ErrorText id={errorId} error={error} />
    </div>
  );
}

function CellInput({ type = "text", inputMode, list, ...props }: CellProps & { type?: "text" | "date"; inputMode?: "decimal" | "numeric"; list?: string }) {
  const { id, error, errorId, control } = cellIds(props.name, props.index, props.reply, !!props.hint);
  return (
    <CellShell id={id} label={props.label} hint={props.hint} error={error} errorId={errorId}>
      <input
        {...control}
        type={type}
        inputMode={inputMode}
        list={list}
        autoComplete="off"
        className={`form-control${error ? " is-invalid" : ""}`}
        defaultValue={props.value}
      />
    </CellShell>
  );
}

function CellSelect({ options, placeholder, ...props }: CellProps & { options: { value: string; label: string }[]; placeholder: string }) {
  const { id, error, errorId, control } = cellIds(props.name, props.index, props.reply, !!props.hint);
  return (
    <CellShell id={id} label={props.label} hint={props.hint} error={error} errorId={errorId}>
      <div className="select-wrapper">
        <select {...control} className={`form-select${error ? " is-invalid" : ""}`} defaultValue={props.value}>
          <option value="">{placeholder}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </CellShell>
  );
}

/**
 * A group of repeated rows in a fieldset, with the group's own error (a total, a rule across rows)
 * under its legend and, once JavaScript runs, a button adding empty rows.
 */
function RowGroup<K extends string>({
  id,
  legend,
  hint,
  names,
  saved,
  reply,
  groupError,
  addLabel,
  renderRow,
}: {
  id: string;
  legend: string;
  hint: ReactNode;
  names: readonly K[];
  saved: Row<K>[];
  reply: FormReply | undefined;
  groupError: string | undefined;
  addLabel: string;
  renderRow: (row: Row<K>, index: number) => ReactNode;
}) {
  const hydrated = useHydrated();
  const [extra, setExtra] = useState(0);
  // A new list gets one empty row more: without JavaScript that is all there is until saved.
  const rows = rowsToShow(names, reply, saved, (saved.length === 0 && !reply ? 3 : 2) + extra);
  return (
    <fieldset className="mb-5" aria-describedby={describedBy(`${id}-aiuto`, groupError && `${id}-errore`)}>
      <legend className="h4">{legend}</legend>
      <p id={`${id}-aiuto`} className="form-text">
        {hint} Le righe lasciate vuote non vengono considerate.
      </p>
      <ErrorText id={`${id}-errore`} error={groupError} />
      {rows.map((row, index) => (
        <div key={index} className="border rounded p-3 mb-3">
          {renderRow(row, index)}
        </div>
      ))}
      {hydrated ? (
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setExtra((n) => n + 1)}>
          {addLabel}
        </button>
      ) : (
        <p className="small">Servono più righe? Salva: alla modifica successiva ne trovi altre vuote.</p>
      )}
    </fieldset>
  );
}

const EMPTY_VALUES: ProjectFormValues = {
  title: "",
  code: "",
  cup: "",
  rup: "",
  description: "",
  leadOrganisationId: "",
  workingGroupId: "",
  objectiveIds: [],
  startsOn: "",
  endsOn: "",
  status: "PLANNED",
  fundingSource: "",
  fundingDetail: "",
  programmed: "",
  admitted: "",
  committed: "",
  disbursed: "",
  uncommittedReason: "",
  expectedCommitmentOn: "",
  reportingFrequency: "QUARTERLY",
  reportingDueDays: "30",
  customPeriodEnds: [],
  partners: [],
  actionLines: [],
  indicators: [],
};

const AMOUNT_HINT = "In euro, per esempio 1.230.620,00.";

export function ProjectForm({
  choices,
  values = EMPTY_VALUES,
  reply,
  submitLabel,
  cancelTo,
}: {
  choices: ProjectFormChoices;
  values?: ProjectFormValues;
  reply: FormReply | undefined;
  submitLabel: string;
  cancelTo: string;
}) {
  const errors = reply?.errors.fieldErrors ?? {};
  const actionLineCodes = (reply ? (reply.lists.actionLineCode ?? []) : values.actionLines.map((l) => l.actionLineCode)).filter(Boolean);
  return (
    <>
      <FormAlert reply={reply} />
      <Form method="post" noValidate>
        <fieldset className="mb-5">
          <legend className="h4">Dati generali</legend>
          <TextField name="title" label="Titolo" reply={reply} defaultValue={values.title} autoComplete="off" />
          <div className="row">
            <div className="col-md-6">
              <TextField name="code" label="Codice" reply={reply} defaultValue={values.code} autoComplete="off" hint="Il codice del piano o del finanziatore, per esempio TO7.1.1.a." />
            </div>
            <div className="col-md-6">
              <TextField
                name="cup"
                label="CUP"
                required={false}
                reply={reply}
                defaultValue={values.cup}
                autoComplete="off"
                hint="Codice Unico di Progetto: 15 caratteri, per esempio J41H22000250006."
              />
            </div>
          </div>
          <TextField name="rup" label="RUP (responsabile unico del progetto)" required={false} reply={reply} defaultValue={values.rup} autoComplete="off" hint="Nome e ufficio." />
          <TextAreaField name="description" label="Descrizione" required={false} reply={reply} defaultValue={values.description} rows={5} />
          <div className="row">
            <div className="col-md-6">
              <TextField name="startsOn" label="Inizio" type="date" reply={reply} defaultValue={values.startsOn} />
            </div>
            <div className="col-md-6">
              <TextField name="endsOn" label="Fine" type="date" reply={reply} defaultValue={values.endsOn} />
            </div>
          </div>
          <SelectField name="status" label="Stato" reply={reply} options={choices.statuses} defaultValue={values.status} />
          <SelectField
            name="leadOrganisationId"
            label="Soggetto attuatore (organizzazione capofila)"
            reply={reply}
            placeholder="Scegli l'organizzazione"
            options={choices.organisations}
            defaultValue={values.leadOrganisationId}
          />
          <SelectField
            name="workingGroupId"
            label="Gruppo di lavoro"
            required={false}
            reply={reply}
            placeholder="Nessun gruppo"
            options={choices.workingGroups}
            defaultValue={values.workingGroupId}
          />
          <CheckboxList name="objectiveIds" legend="Obiettivi strategici" reply={reply} options={choices.objectives} checked={values.objectiveIds} />
        </fieldset>

        <RowGroup
          id="partners"
          legend="Partner e quote del budget"
          hint="Ogni organizzazione una volta sola, con la sua quota. Il soggetto attuatore è sempre tra i partner: se manca, viene aggiunto senza quota. Il totale delle quote non può superare l'importo programmato."
          names={["partnerOrganisationId", "partnerBudget"] as const}
          saved={values.partners}
          reply={reply}
          groupError={errors.partners}
          addLabel="Aggiungi un partner"
          renderRow={(row, index) => (
            <div className="row">
              <div className="col-md-8">
                <CellSelect
                  name="partnerOrganisationId"
                  index={index}
                  label={`Partner ${index + 1}: organizzazione`}
                  placeholder="Nessuna (riga vuota)"
                  options={choices.organisations}
                  value={row.partnerOrganisationId}
                  reply={reply}
                />
              </div>
              <div className="col-md-4">
                <CellInput name="partnerBudget" index={index} label={`Partner ${index + 1}: quota (€)`} inputMode="decimal" value={row.partnerBudget} reply={reply} />
              </div>
            </div>
          )}
        />

        <RowGroup
          id="actionLines"
          legend="Linee d'azione"
          hint="Un codice breve e un titolo, per esempio A «Sviluppo di snodi di comunità»."
          names={["actionLineCode", "actionLineTitle"] as const}
          saved={values.actionLines}
          reply={reply}
          groupError={errors.actionLines}
          addLabel="Aggiungi una linea d'azione"
          renderRow={(row, index) => (
            <div className="row">
              <div className="col-md-3">
                <CellInput name="actionLineCode" index={index} label={`Linea ${index + 1}: codice`} value={row.actionLineCode} reply={reply} />
              </div>
              <div className="col-md-9">
                <CellInput name="actionLineTitle" index={index} label={`Linea ${index + 1}: titolo`} value={row.actionLineTitle} reply={reply} />
              </div>
            </div>
          )}
        />

        <fieldset className="mb-5">
          <legend className="h4">Finanziamento</legend>
          <SelectField
            name="fundingSource"
            label="Fonte di finanziamento"
            reply={reply}
            placeholder="Scegli la fonte"
            options={choices.fundingSources}
            defaultValue={values.fundingSource}
          />
          <TextField
            name="fundingDetail"
            label="Avviso, decreto o finanziatore"
            required={false}
            reply={reply}
            defaultValue={values.fundingDetail}
            autoComplete="off"
            hint="Per esempio «Avviso 1/2022» o il nome della fondazione."
          />
          <div className="row">
            <div className="col-md-6">
              <InputField name="programmed" label="Importo programmato" inputMode="decimal" reply={reply} defaultValue={values.programmed} hint={AMOUNT_HINT} />
            </div>
            <div className="col-md-6">
              <InputField
                name="admitted"
                label="Ammesso a finanziamento"
                inputMode="decimal"
                required={false}
                reply={reply}
                defaultValue={values.admitted}
                hint="Non oltre il programmato. Vuoto finché il finanziatore non ha ammesso il progetto."
              />
            </div>
            <div className="col-md-6">
              <InputField
                name="committed"
                label="Giuridicamente vincolante (impegnato)"
                inputMode="decimal"
                required={false}
                reply={reply}
                defaultValue={values.committed}
                hint="Non oltre l'ammesso (o il programmato, se non c'è ancora l'ammesso)."
              />
            </div>
            <div className="col-md-6">
              <InputField
                name="disbursed"
                label="Erogato dal finanziatore"
                inputMode="decimal"
                required={false}
                reply={reply}
                defaultValue={values.disbursed}
                hint="Non oltre l'ammesso (o il programmato). Il liquidato non si scrive: è la somma delle spese delle rendicontazioni approvate."
              />
            </div>
          </div>
          <TextAreaField
            name="uncommittedReason"
            label="Perché una parte del programmato non è ancora impegnata"
            required={false}
            reply={reply}
            defaultValue={values.uncommittedReason}
            rows={3}
            hint="Obbligatorio finché l'impegnato è inferiore al programmato."
          />
          <TextField
            name="expectedCommitmentOn"
            label="Entro quando si prevede di impegnare il resto"
            type="date"
            required={false}
            reply={reply}
            defaultValue={values.expectedCommitmentOn}
            hint="Obbligatorio finché l'impegnato è inferiore al programmato."
          />
        </fieldset>

        <RowGroup
          id="indicators"
          legend="Indicatori"
          hint="Dal catalogo degli indicatori del tavolo, con il valore di partenza, il target e la data entro cui raggiungerlo. La linea d'azione è facoltativa: scrivi il codice di una delle linee qui sopra."
          names={["indicatorId", "indicatorActionLine", "indicatorBaseline", "indicatorTarget", "indicatorTargetOn"] as const}
          saved={values.indicators}
          reply={reply}
          groupError={errors.indicators}
          addLabel="Aggiungi un indicatore"
          renderRow={(row, index) => (
            <div className="row">
              <div className="col-12">
                <CellSelect
                  name="indicatorId"
                  index={index}
                  label={`Indicatore ${index + 1}`}
                  placeholder="Nessuno (riga vuota)"
                  options={choices.indicators}
                  value={row.indicatorId}
                  reply={reply}
                />
              </div>
              <div className="col-12 col-sm-6 col-md-3">
                <CellInput name="indicatorActionLine" index={index} label={`Indicatore ${index + 1}: linea d'azione`} value={row.indicatorActionLine} reply={reply} list="linee-azione" />
              </div>
              <div className="col-12 col-sm-6 col-md-3">
                <CellInput name="indicatorBaseline" index={index} label={`Indicatore ${index + 1}: valore di partenza`} inputMode="decimal" value={row.indicatorBaseline} reply={reply} />
              </div>
              <div className="col-12 col-sm-6 col-md-3">
                <CellInput name="indicatorTarget" index={index} label={`Indicatore ${index + 1}: target`} inputMode="decimal" value={row.indicatorTarget} reply={reply} />
              </div>
              <div className="col-12 col-sm-6 col-md-3">
                <CellInput name="indicatorTargetOn" index={index} label={`Indicatore ${index + 1}: entro il`} type="date" value={row.indicatorTargetOn} reply={reply} />
              </div>
            </div>
          )}
        />
        <datalist id="linee-azione">
          {actionLineCodes.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
        <p className="small mb-5">
          Manca un indicatore? Aggiungilo al <Link to="/indicatori">catalogo degli indicatori</Link>, poi torna qui.
        </p>

        <fieldset className="mb-5">
          <legend className="h4">Calendario delle rendicontazioni</legend>
          <p className="form-text">
            Ogni periodo ogni partner deve una rendicontazione entro la scadenza. I periodi si calcolano dall'inizio del progetto; quelli
            con rendicontazioni già iniziate non cambiano date.
          </p>
          <SelectField name="reportingFrequency" label="Ogni quanto si rendiconta" reply={reply} options={choices.frequencies} defaultValue={values.reportingFrequency} />
          <InputField
            name="reportingDueDays"
            label="Giorni dopo la fine del periodo per la scadenza"
            inputMode="numeric"
            reply={reply}
            defaultValue={values.reportingDueDays}
            hint="Di solito 30."
          />
        </fieldset>
        <RowGroup
          id="customPeriodEnds"
          legend="Date personalizzate di fine periodo"
          hint="Solo con «Date personalizzate»: il giorno in cui finisce ogni periodo. L'ultimo periodo finisce comunque con il progetto."
          names={["customPeriodEnds"] as const}
          saved={values.customPeriodEnds.map((day) => ({ customPeriodEnds: day }))}
          reply={reply}
          groupError={errors.customPeriodEnds}
          addLabel="Aggiungi una data"
          renderRow={(row, index) => (
            <CellInput name="customPeriodEnds" index={index} label={`Fine del periodo ${index + 1}`} type="date" value={row.customPeriodEnds} reply={reply} />
          )}
        />

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
