import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/protocols.new";
import { requirePermission } from "~/auth/permissions.server";
import { FileField, FormAlert, SelectField, TextAreaField, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { createProtocol, PROTOCOL_KINDS, protocolFields } from "~/domain/protocols.server";
import { parseUploadForm, uploadLimitLabel } from "~/files/storage.server";
import { orUserError } from "~/utils/forms.server";

export const meta: Route.MetaFunction = () => pageTitle("Nuovo protocollo");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "protocols" });
  return {
    kinds: Object.entries(PROTOCOL_KINDS).map(([value, label]) => ({ value, label })),
    uploadLimit: uploadLimitLabel(),
  };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "protocols" });
  const form = await parseUploadForm(args.request, protocolFields, { document: { kinds: ["pdf"], required: false } });
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => createProtocol(form.data, form.files.document, me));
  if (!result.ok) return result.reply;
  return redirect(`/protocolli/${result.value.id}?registrato`);
}

export default function NewProtocol({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader
            title="Nuovo protocollo"
            lead="Le organizzazioni firmatarie si aggiungono dalla pagina del protocollo, una volta registrato."
          />
          <FormAlert reply={actionData} />
          <Form method="post" encType="multipart/form-data" noValidate>
            <TextField name="title" label="Titolo" reply={actionData} />
            <SelectField
              name="kind"
              label="Tipo"
              reply={actionData}
              placeholder="Scegli il tipo"
              options={loaderData.kinds}
            />
            <TextField name="signedOn" label="Data di sottoscrizione" type="date" reply={actionData} />
            <TextField
              name="validUntil"
              label="Valido fino al"
              type="date"
              required={false}
              reply={actionData}
              hint="L'ultimo giorno di validità. I coordinatori ricevono un avviso 60 e 15 giorni prima."
            />
            <TextAreaField
              name="obligations"
              label="Impegni delle parti"
              required={false}
              rows={8}
              reply={actionData}
              hint="Che cosa si impegnano a fare il Comune e le organizzazioni firmatarie."
            />
            <FileField
              name="document"
              label="Documento firmato"
              accept="application/pdf,.pdf"
              required={false}
              reply={actionData}
              hint={`Solo PDF, al massimo ${loaderData.uploadLimit}. Si può caricare anche in seguito.`}
            />
            <button type="submit" className="btn btn-primary me-3">
              Registra il protocollo
            </button>
            <Link to="/protocolli" className="btn btn-outline-primary">
              Annulla
            </Link>
          </Form>
        </div>
      </div>
    </div>
  );
}
