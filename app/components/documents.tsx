import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import { FileField, FormAlert, SelectField, TextAreaField, TextField } from "~/components/forms";
import { ACCEPTED_DOCUMENT_FILES, categoryOptions, visibilityOptions } from "~/domain/documents";
import type { FormReply } from "~/utils/forms.server";

// The archive's shared pieces: the metadata form (/documenti/nuovo and /documenti/:id/modifica)
// and the version upload field.

export interface DocumentChoices {
  organisations: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  meetings: { id: string; label: string }[];
  projects: { id: string; label: string }[];
}

export interface DocumentValues {
  title: string;
  category: string;
  documentDate: string;
  description: string;
  authorOrganisationId: string;
  workingGroupId: string;
  meetingId: string;
  projectId: string;
  visibility: string;
}

export const fileHint = (limit: string) =>
  `PDF, immagine (PNG, JPEG, WebP), foglio di calcolo (XLSX, ODS) o documento (DOCX, ODT), al massimo ${limit}. Il tipo si riconosce dal contenuto del file.`;

export function DocumentFileField({ reply, limit, label = "File" }: { reply: FormReply | undefined; limit: string; label?: string }) {
  return <FileField name="file" label={label} reply={reply} accept={ACCEPTED_DOCUMENT_FILES} hint={fileHint(limit)} />;
}

export function DocumentForm({
  choices,
  values,
  reply,
  submitLabel,
  cancelTo,
  children,
}: {
  choices: DocumentChoices;
  values: DocumentValues;
  reply: FormReply | undefined;
  submitLabel: string;
  cancelTo: string;
  /** The file field, when the form files a new document */
  children?: ReactNode;
}) {
  const options = (items: { id: string; name?: string; label?: string }[]) => items.map((item) => ({ value: item.id, label: item.label ?? item.name ?? "" }));
  return (
    <Form method="post" encType={children ? "multipart/form-data" : undefined} noValidate>
      <FormAlert reply={reply} />
      <TextField name="title" label="Titolo" reply={reply} defaultValue={values.title} />
      <div className="row">
        <div className="col-md-6">
          <SelectField name="category" label="Categoria" reply={reply} options={categoryOptions()} defaultValue={values.category} placeholder="Scegli la categoria" />
        </div>
        <div className="col-md-6">
          <TextField name="documentDate" label="Data del documento" type="date" reply={reply} defaultValue={values.documentDate} />
        </div>
      </div>
      <SelectField
        name="authorOrganisationId"
        label="Organizzazione autrice"
        reply={reply}
        options={options(choices.organisations)}
        defaultValue={values.authorOrganisationId}
        placeholder="Nessuna"
        required={false}
      />
      <TextAreaField name="description" label="Descrizione" reply={reply} defaultValue={values.description} required={false} rows={4} />
      <fieldset className="mb-4">
        <legend className="h5">Chi può vederlo</legend>
        <SelectField name="visibility" label="Visibilità" reply={reply} options={visibilityOptions()} defaultValue={values.visibility} placeholder="Scegli chi può vederlo" />
        <p className="small text-muted">
          «Un gruppo di lavoro»: solo i componenti del gruppo scelto qui sotto e il coordinamento. «Pubblico»: anche chi non ha un
          account, nella pagina dei documenti pubblici.
        </p>
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h5">Collegamenti</legend>
        <SelectField name="workingGroupId" label="Gruppo di lavoro" reply={reply} options={options(choices.groups)} defaultValue={values.workingGroupId} placeholder="Nessuno" required={false} />
        <SelectField name="meetingId" label="Riunione" reply={reply} options={options(choices.meetings)} defaultValue={values.meetingId} placeholder="Nessuna" required={false} />
        <SelectField name="projectId" label="Progetto" reply={reply} options={options(choices.projects)} defaultValue={values.projectId} placeholder="Nessuno" required={false} />
      </fieldset>
      {children}
      <div className="d-flex flex-wrap gap-2">
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

/** The short "Documenti" section of a meeting or project page: the linked ones the viewer may read. */
export function LinkedDocuments({
  documents,
  headingClass = "h4",
  empty,
  newDocumentHref,
}: {
  documents: { id: string; title: string; categoryLabel: string; date: string }[];
  headingClass?: string;
  empty: string;
  newDocumentHref: string | null;
}) {
  return (
    <section aria-labelledby="documenti-collegati" className="mb-5">
      <h2 id="documenti-collegati" className={headingClass}>
        Documenti
      </h2>
      {documents.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <ul className="list-unstyled">
          {documents.map((document) => (
            <li key={document.id} className="mb-2">
              <Link to={`/documenti/${document.id}`}>{document.title}</Link>
              <span className="d-block small text-muted">
                {document.categoryLabel} · {document.date}
              </span>
            </li>
          ))}
        </ul>
      )}
      {newDocumentHref ? <Link to={newDocumentHref}>Archivia un documento collegato</Link> : null}
    </section>
  );
}
