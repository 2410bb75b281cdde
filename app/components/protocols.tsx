import { Form, Link } from "react-router";
import { FileField, SelectField, TextAreaField, TextField } from "~/components/forms";
import type { FormReply } from "~/utils/forms.server";

// The protocol form, shared by /protocolli/nuovo and /protocolli/:id/modifica.

export interface ProtocolValues {
  title: string;
  kind: string;
  signedOn: string;
  validUntil: string;
  obligations: string;
  fileName: string | null;
}

export function ProtocolForm({
  values,
  kinds,
  uploadLimit,
  reply,
  submitLabel,
  cancelTo,
}: {
  values?: ProtocolValues;
  kinds: { value: string; label: string }[];
  uploadLimit: string;
  reply: FormReply | undefined;
  submitLabel: string;
  cancelTo: string;
}) {
  const fileName = values?.fileName;
  return (
    <Form method="post" encType="multipart/form-data" noValidate>
      <TextField name="title" label="Titolo" reply={reply} defaultValue={values?.title} />
      <SelectField name="kind" label="Tipo" reply={reply} placeholder={values ? undefined : "Scegli il tipo"} options={kinds} defaultValue={values?.kind} />
      <TextField name="signedOn" label="Data di sottoscrizione" type="date" reply={reply} defaultValue={values?.signedOn} />
      <TextField
        name="validUntil"
        label="Valido fino al"
        type="date"
        required={false}
        reply={reply}
        defaultValue={values?.validUntil}
        hint={
          values
            ? "L'ultimo giorno di validità. Con una nuova data, gli avvisi di scadenza ai coordinatori ripartono."
            : "L'ultimo giorno di validità. I coordinatori ricevono un avviso 60 e 15 giorni prima."
        }
      />
      <TextAreaField
        name="obligations"
        label="Impegni delle parti"
        required={false}
        rows={8}
        reply={reply}
        defaultValue={values?.obligations}
        hint="Che cosa si impegnano a fare il Comune e le organizzazioni firmatarie."
      />
      <FileField
        name="document"
        label={fileName ? "Sostituisci il documento firmato" : "Documento firmato"}
        accept="application/pdf,.pdf"
        required={false}
        reply={reply}
        hint={
          fileName
            ? `Documento attuale: «${fileName}». Scegli un file solo per sostituirlo (solo PDF, al massimo ${uploadLimit}); il precedente resta registrato.`
            : `Solo PDF, al massimo ${uploadLimit}.${values ? "" : " Si può caricare anche in seguito."}`
        }
      />
      <button type="submit" className="btn btn-primary me-3">
        {submitLabel}
      </button>
      <Link to={cancelTo} className="btn btn-outline-primary">
        Annulla
      </Link>
    </Form>
  );
}
