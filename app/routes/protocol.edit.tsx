import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/protocol.edit";
import { requirePermission } from "~/auth/permissions.server";
import { FileField, FormAlert, SelectField, TextAreaField, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { getProtocol, PROTOCOL_KINDS, protocolFields, updateProtocol } from "~/domain/protocols.server";
import { parseUploadForm, uploadLimitLabel } from "~/files/storage.server";
import { dayInputValue } from "~/utils/dates";
import { orUserError } from "~/utils/forms.server";

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data ? `Modifica: ${data.protocol.title}` : "Modifica protocollo");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "protocols" });
  const protocol = await getProtocol(args.params.id);
  return {
    protocol: {
      id: protocol.id,
      title: protocol.title,
      kind: protocol.kind,
      signedOn: dayInputValue(protocol.signedOn),
      validUntil: dayInputValue(protocol.validUntil),
      obligations: protocol.obligations,
      fileName: protocol.file?.originalName ?? null,
    },
    kinds: Object.entries(PROTOCOL_KINDS).map(([value, label]) => ({ value, label })),
    uploadLimit: uploadLimitLabel(),
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "protocols" });
  const form = await parseUploadForm(args.request, protocolFields, { document: { kinds: ["pdf"], required: false } });
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => updateProtocol(args.params.id, form.data, form.files.document, me));
  if (!result.ok) return result.reply;
  return redirect(`/protocolli/${args.params.id}?modificato`);
}

export default function EditProtocol({ loaderData, actionData }: Route.ComponentProps) {
  const { protocol } = loaderData;
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader title="Modifica protocollo" lead={protocol.title} />
          <FormAlert reply={actionData} />
          <Form method="post" encType="multipart/form-data" noValidate>
            <TextField name="title" label="Titolo" reply={actionData} defaultValue={protocol.title} />
            <SelectField name="kind" label="Tipo" reply={actionData} options={loaderData.kinds} defaultValue={protocol.kind} />
            <TextField name="signedOn" label="Data di sottoscrizione" type="date" reply={actionData} defaultValue={protocol.signedOn} />
            <TextField
              name="validUntil"
              label="Valido fino al"
              type="date"
              required={false}
              reply={actionData}
              defaultValue={protocol.validUntil}
              hint="L'ultimo giorno di validità. Con una nuova data, gli avvisi di scadenza ai coordinatori ripartono."
            />
            <TextAreaField
              name="obligations"
              label="Impegni delle parti"
              required={false}
              rows={8}
              reply={actionData}
              defaultValue={protocol.obligations}
            />
            <FileField
              name="document"
              label={protocol.fileName ? "Sostituisci il documento firmato" : "Documento firmato"}
              accept="application/pdf,.pdf"
              required={false}
              reply={actionData}
              hint={
                protocol.fileName
                  ? `Documento attuale: «${protocol.fileName}». Scegli un file solo per sostituirlo (solo PDF, al massimo ${loaderData.uploadLimit}); il precedente resta registrato.`
                  : `Solo PDF, al massimo ${loaderData.uploadLimit}.`
              }
            />
            <button type="submit" className="btn btn-primary me-3">
              Salva le modifiche
            </button>
            <Link to={`/protocolli/${protocol.id}`} className="btn btn-outline-primary">
              Annulla
            </Link>
          </Form>
        </div>
      </div>
    </div>
  );
}
