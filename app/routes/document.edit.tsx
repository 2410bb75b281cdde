import { data, redirect } from "react-router";
import type { Route } from "./+types/document.edit";
import { requirePermission } from "~/auth/permissions.server";
import { DocumentForm } from "~/components/documents";
import { PageHeader, pageTitle } from "~/components/page";
import { documentFields, documentFormChoices, documentFormValues, getDocumentForEdit, updateDocument } from "~/domain/documents.server";
import { orUserError, parseForm } from "~/utils/forms.server";

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData ? `Modifica: ${loaderData.title}` : "Modifica il documento");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "documents" });
  const [document, choices] = await Promise.all([getDocumentForEdit(args.params.id), documentFormChoices()]);
  if (!document) throw data("Documento non trovato.", { status: 404 });
  return { id: document.id, title: document.title, values: documentFormValues(document), choices };
}

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "documents" });
  const form = await parseForm(args.request, documentFields);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => updateDocument(args.params.id, form.data, me));
  if (!result.ok) return result.reply;
  return redirect(`/documenti/${args.params.id}?salvato`);
}

export default function EditDocument({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader
            title="Modifica il documento"
            lead={`I dati di «${loaderData.title}». Il file non si cambia qui: si carica una nuova versione dalla pagina del documento. Ogni modifica, visibilità compresa, resta nella sua storia.`}
          />
          <DocumentForm
            choices={loaderData.choices}
            values={loaderData.values}
            reply={actionData}
            submitLabel="Salva le modifiche"
            cancelTo={`/documenti/${loaderData.id}`}
          />
        </div>
      </div>
    </div>
  );
}
