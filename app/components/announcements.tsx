import { Suspense, useState, type ComponentType } from "react";
import { Form } from "react-router";
import { CheckboxList, FieldError, FileField, FormAlert, SelectField, TextField } from "~/components/forms";
import type { RichTextEditorProps } from "~/components/rich-text-editor";
import { AUDIENCES, type Audience } from "~/domain/announcements";
import type { FormReply } from "~/utils/forms.server";
import { useHydrated } from "~/utils/use-hydrated";

// The pieces of the announcement pages: the form the coordinators write with (new and edit share
// it) and the unread mark of the feed.

type Option = { value: string; label: string };

export interface AnnouncementFormValues {
  title: string;
  bodyHtml: string;
  audience: string;
  workingGroupId: string;
  legalForm: string;
  networkId: string;
  personIds: string[];
  sendAt: string;
  attachments: { id: string; name: string }[];
}

export interface AnnouncementChoices {
  groups: Option[];
  legalForms: Option[];
  networks: Option[];
  people: Option[];
}

/** Said to screen readers too, not only drawn: an unread announcement. */
export function UnreadMark() {
  return (
    <span className="badge bg-primary me-2">
      Nuova<span className="visually-hidden">, non letta</span>
    </span>
  );
}

/**
 * Title, text (the editor, fetched on demand; a plain text area without the script), audience,
 * attachment, and the three ways to finish: keep a draft, send now, schedule. With the script only
 * the control of the chosen audience shows; without it, all do and the server reads the one chosen.
 */
export function AnnouncementForm({
  values,
  choices,
  reply,
  uploadLimit,
  Editor,
}: {
  values: AnnouncementFormValues;
  choices: AnnouncementChoices;
  reply: FormReply | undefined;
  uploadLimit: string;
  Editor: ComponentType<RichTextEditorProps>;
}) {
  const hydrated = useHydrated();
  const value = (key: keyof AnnouncementFormValues, stored: string) => reply?.values[key] ?? stored;
  const [body, setBody] = useState(() => value("bodyHtml", values.bodyHtml));
  const [audience, setAudience] = useState(() => value("audience", values.audience) || "ALL");
  const shows = (kind: Audience) => !hydrated || audience === kind;
  const bodyError = reply?.errors.fieldErrors.bodyHtml;
  const sendAtError = reply?.errors.fieldErrors.sendAt;

  return (
    <Form method="post" encType="multipart/form-data" aria-labelledby="modulo-comunicazione">
      <h2 id="modulo-comunicazione" className="visually-hidden">
        Testo e destinatari
      </h2>
      <FormAlert reply={reply} />
      <TextField name="title" label="Titolo" reply={reply} defaultValue={values.title} hint="È anche l'oggetto dell'e-mail." />

      <section aria-labelledby="testo-titolo" className="mb-4">
        <h3 id="testo-titolo" className="h6 fw-semibold">
          Testo
        </h3>
        {hydrated ? (
          <>
            <input type="hidden" name="bodyHtml" value={body} />
            <Suspense fallback={<p className="text-secondary small">Caricamento dell'editor…</p>}>
              <Editor labelledBy="testo-titolo" initialHtml={body} onChange={setBody} />
            </Suspense>
          </>
        ) : (
          <>
            <label htmlFor="campo-bodyHtml" className="visually-hidden">
              Testo (HTML)
            </label>
            <textarea
              id="campo-bodyHtml"
              name="bodyHtml"
              className="form-control"
              rows={10}
              defaultValue={body}
              aria-describedby={bodyError ? "campo-bodyHtml-errore" : undefined}
            />
          </>
        )}
        <FieldError id="campo-bodyHtml" error={bodyError} />
      </section>

      <fieldset className="mb-4">
        <legend className="h5">Destinatari</legend>
        <div className="select-wrapper form-group mb-4">
          <label htmlFor="campo-audience" className="active">
            A chi va
          </label>
          <select
            id="campo-audience"
            name="audience"
            className="form-select"
            value={audience}
            onChange={(event) => setAudience(event.target.value)}
            aria-describedby="campo-audience-aiuto"
          >
            {(Object.entries(AUDIENCES) as [Audience, string][]).map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
          <small id="campo-audience-aiuto" className="form-text d-block">
            I destinatari si contano al momento dell'invio: solo le persone con un account attivo.
          </small>
          <FieldError id="campo-audience" error={reply?.errors.fieldErrors.audience} />
        </div>
        {shows("GROUP") ? (
          <SelectField name="workingGroupId" label="Gruppo di lavoro" reply={reply} options={choices.groups} defaultValue={values.workingGroupId} placeholder="Scegli il gruppo" required={false} />
        ) : null}
        {shows("LEGAL_FORM") ? (
          <SelectField name="legalForm" label="Forma giuridica" reply={reply} options={choices.legalForms} defaultValue={values.legalForm} placeholder="Scegli la forma giuridica" required={false} />
        ) : null}
        {shows("NETWORK") ? (
          <SelectField name="networkId" label="Rete tematica" reply={reply} options={choices.networks} defaultValue={values.networkId} placeholder="Scegli la rete" required={false} />
        ) : null}
        {shows("PEOPLE") ? (
          <CheckboxList name="personIds" legend="Persone scelte" options={choices.people} checked={values.personIds} reply={reply} />
        ) : null}
      </fieldset>

      <fieldset className="mb-4">
        <legend className="h5">Allegati</legend>
        {values.attachments.length > 0 ? (
          <CheckboxList
            name="removeAttachmentIds"
            legend="Allegati già caricati: spunta quelli da togliere"
            options={values.attachments.map((a) => ({ value: a.id, label: a.name }))}
            checked={[]}
            reply={reply}
          />
        ) : null}
        <FileField
          name="attachment"
          label="Aggiungi un allegato"
          reply={reply}
          accept=".pdf,.png,.jpg,.jpeg,.webp,.xlsx,.xls,.ods,.csv"
          hint={`PDF, immagine o foglio di calcolo, al massimo ${uploadLimit}. Per aggiungerne altri, salva e caricali uno alla volta. Nell'e-mail compare solo il nome: il file si scarica da Tavolo.`}
          required={false}
        />
      </fieldset>

      <div className="d-flex flex-wrap gap-2 mb-4">
        <button type="submit" name="intent" value="draft" className="btn btn-outline-primary">
          Salva bozza
        </button>
        <button type="submit" name="intent" value="send" className="btn btn-primary">
          Invia ora
        </button>
      </div>

      <fieldset className="mb-4">
        <legend className="h5">Oppure programma l'invio</legend>
        <div className="form-group mb-3">
          <label htmlFor="campo-sendAt" className="active">
            Data e ora dell'invio (ora italiana)
          </label>
          <input
            id="campo-sendAt"
            name="sendAt"
            type="datetime-local"
            className={`form-control${sendAtError ? " is-invalid" : ""}`}
            defaultValue={value("sendAt", values.sendAt)}
            aria-invalid={sendAtError ? true : undefined}
            aria-describedby={sendAtError ? "campo-sendAt-errore" : undefined}
          />
          <FieldError id="campo-sendAt" error={sendAtError} />
        </div>
        <button type="submit" name="intent" value="schedule" className="btn btn-outline-primary">
          Programma invio
        </button>
      </fieldset>
    </Form>
  );
}
