import type { ReactNode } from "react";
import { NEW_PASSWORD_HINT } from "~/auth/password-policy";
import type { FormReply } from "~/utils/forms.server";

// The form pattern's visible half: labels always above their field, errors right below it and
// tied to it with aria-describedby, a summary on top with role="alert".

interface FieldProps {
  name: string;
  label: string;
  reply?: FormReply | undefined;
  type?: "text" | "email" | "password" | "url" | "tel" | "date";
  autoComplete?: string;
  defaultValue?: string;
  hint?: ReactNode;
  required?: boolean;
  /** Values the browser offers while typing (a datalist); any other text is accepted too. */
  suggestions?: readonly string[];
}

/** What every field shares: the label above, the hint and the error below, and their ids. */
function useField(name: string, reply: FormReply | undefined, hint: ReactNode) {
  const id = `campo-${name}`;
  const error = reply?.errors.fieldErrors[name];
  const describedBy = [hint ? `${id}-aiuto` : null, error ? `${id}-errore` : null].filter(Boolean).join(" ");
  return {
    id,
    error,
    controlProps: { id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined },
  };
}

function FieldShell({ id, label, required, hint, error, children }: { id: string; label: string; required: boolean; hint: ReactNode; error: string | undefined; children: ReactNode }) {
  return (
    <div className="form-group mb-4">
      <label htmlFor={id} className="active">
        {label}
        {required ? null : <span className="fw-normal"> (facoltativo)</span>}
      </label>
      {children}
      {hint ? (
        <small id={`${id}-aiuto`} className="form-text d-block">
          {hint}
        </small>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function TextField({ name, label, reply, type = "text", autoComplete, defaultValue, hint, required = true, suggestions }: FieldProps) {
  const { id, error, controlProps } = useField(name, reply, hint);
  return (
    <FieldShell id={id} label={label} required={required} hint={hint} error={error}>
      <input
        {...controlProps}
        type={type}
        className={`form-control${error ? " is-invalid" : ""}`}
        autoComplete={autoComplete}
        list={suggestions ? `${id}-suggerimenti` : undefined}
        defaultValue={type === "password" ? undefined : (reply?.values[name] ?? defaultValue)}
        required={required}
      />
      {suggestions ? (
        <datalist id={`${id}-suggerimenti`}>
          {suggestions.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
      ) : null}
    </FieldShell>
  );
}

/** A field's error below it, its id (`<id>-errore`) for the control's aria-describedby. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <div id={`${id}-errore`} className="invalid-feedback d-block" role="alert">
      {error}
    </div>
  ) : null;
}

/**
 * A new password typed twice (the fields `newPasswordFields` parses), with the account's address
 * in a hidden username field so password managers save the pair.
 */
export function NewPasswordFields({ email, reply, labels }: { email: string; reply?: FormReply | undefined; labels: { password: string; confirm: string } }) {
  return (
    <>
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField name="password" label={labels.password} type="password" autoComplete="new-password" reply={reply} hint={NEW_PASSWORD_HINT} />
      <TextField name="confirmPassword" label={labels.confirm} type="password" autoComplete="new-password" reply={reply} />
    </>
  );
}

export function SelectField({
  name,
  label,
  reply,
  options,
  defaultValue,
  placeholder,
  required = true,
}: {
  name: string;
  label: string;
  reply?: FormReply | undefined;
  options: { value: string; label: string }[];
  defaultValue?: string;
  placeholder?: string;
  required?: boolean;
}) {
  const error = reply?.errors.fieldErrors[name];
  const id = `campo-${name}`;
  return (
    <div className="select-wrapper form-group mb-4">
      <label htmlFor={id} className="active">
        {label}
        {required ? null : <span className="fw-normal"> (facoltativo)</span>}
      </label>
      <select
        id={id}
        name={name}
        className={`form-select${error ? " is-invalid" : ""}`}
        defaultValue={reply?.values[name] ?? defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-errore` : undefined}
        required={required}
      >
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

export function TextAreaField({
  name,
  label,
  reply,
  defaultValue,
  hint,
  required = true,
  rows = 4,
}: {
  name: string;
  label: string;
  reply?: FormReply | undefined;
  defaultValue?: string;
  hint?: ReactNode;
  required?: boolean;
  rows?: number;
}) {
  const { id, error, controlProps } = useField(name, reply, hint);
  return (
    <FieldShell id={id} label={label} required={required} hint={hint} error={error}>
      <textarea
        {...controlProps}
        rows={rows}
        className={`form-control${error ? " is-invalid" : ""}`}
        defaultValue={reply?.values[name] ?? defaultValue}
        required={required}
      />
    </FieldShell>
  );
}

/** A file chooser; the accepted types are only a hint to the browser, the server checks the content. */
export function FileField({
  name,
  label,
  reply,
  accept,
  hint,
  required = true,
}: {
  name: string;
  label: string;
  reply?: FormReply | undefined;
  accept: string;
  hint: ReactNode;
  required?: boolean;
}) {
  const error = reply?.errors.fieldErrors[name];
  const id = `campo-${name}`;
  return (
    <div className="form-group mb-4">
      <label htmlFor={id} className="active d-block">
        {label}
        {required ? null : <span className="fw-normal"> (facoltativo)</span>}
      </label>
      <input
        id={id}
        name={name}
        type="file"
        accept={accept}
        className={`form-control${error ? " is-invalid" : ""}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-aiuto`, error ? `${id}-errore` : null].filter(Boolean).join(" ")}
        required={required}
      />
      <small id={`${id}-aiuto`} className="form-text d-block">
        {hint}
      </small>
      <FieldError id={id} error={error} />
    </div>
  );
}

/**
 * Checkboxes sharing one name, in a fieldset with a legend (idList parses them). After a refused
 * submission they show what the person had ticked, not what is saved.
 */
export function CheckboxList({
  name,
  legend,
  options,
  checked,
  reply,
  hint,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: readonly string[];
  reply?: FormReply | undefined;
  hint?: ReactNode;
}) {
  const error = reply?.errors.fieldErrors[name];
  const id = `campo-${name}`;
  return (
    <fieldset className="mb-4" aria-describedby={[hint ? `${id}-aiuto` : null, error ? `${id}-errore` : null].filter(Boolean).join(" ") || undefined}>
      <legend className="h6 fw-semibold">{legend}</legend>
      {hint ? (
        <small id={`${id}-aiuto`} className="form-text d-block mb-2">
          {hint}
        </small>
      ) : null}
      {options.length === 0 ? <p className="text-muted small">Nessuna voce da scegliere.</p> : null}
      {options.map((option) => (
        <div className="form-check" key={option.value}>
          <input
            id={`${id}-${option.value}`}
            name={name}
            type="checkbox"
            value={option.value}
            defaultChecked={(reply ? (reply.lists[name] ?? []) : checked).includes(option.value)}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

/** The message that belongs to the whole form, or a count of the fields to fix. */
export function FormAlert({ reply }: { reply?: FormReply | undefined }) {
  if (!reply) return null;
  const fieldCount = Object.values(reply.errors.fieldErrors).filter(Boolean).length;
  const message =
    reply.errors.formError ??
    (fieldCount > 0 ? `Controlla ${fieldCount === 1 ? "il campo segnalato" : `i ${fieldCount} campi segnalati`} qui sotto.` : null);
  if (!message) return null;
  return (
    <div className="alert alert-danger" role="alert">
      {message}
    </div>
  );
}

export function Notice({ tone = "success", children }: { tone?: "success" | "info" | "warning"; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role="status">
      {children}
    </div>
  );
}
