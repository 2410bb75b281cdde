import { redirect } from "react-router";
import type { Route } from "./+types/documents.new";
import { requirePermission } from "~/auth/permissions.server";
import { DocumentFileField, DocumentForm } from "~/components/documents";
import { PageHeader, pageTitle } from "~/components/page";
import { createDocument, documentFields, documentFormChoices, documentFormValues } from "~/domain/documents.server";
import { DOCUMENT_KINDS, parseUploadForm, uploadLimitLabel } from "~/files/storage.server";
import { dayInputValue, todayInRome } from "~/utils/dates";
import { orUserError } from "~/utils/forms.server";

export const meta: Route.MetaFunction = () => pageTitle("Nuovo documento");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "documents" });
  const url = new URL(args.request.url);
  // Opened from a group, meeting or project page, the form starts linked to it.
  return {
    choices: await documentFormChoices(),
    values: {
      ...documentFormValues(null),
      documentDate: dayInputValue(todayInRome()),
      visibility: "TAVOLO",
      workingGroupId: url.searchParams.get("gruppo") ?? "",
      meetingId: url.searchParams.get("riunione") ?? "",
      projectId: url.searchParams.get("progetto") ?? "",
    },
    uploadLimit: uploadLimitLabel(),
  };
}

export async function action(args: Route.ActionArgs) {
  // Refused before the body is read: a file from someone who may not file documents never reaches the disk.
  const me = requirePermission(args, "manage", { kind: "documents" });
  const form = await parseUploadForm(args.request, documentFields, { file: { kinds: DOCUMENT_KINDS, required: true } });
  if (!form.ok) return form.reply;
  const { file } = form.files;
  if (!file) throw new Error("parseUploadForm accepted a required file without it");
  const result = await orUserError(form.formData, () => createDocument(form.data, file, me));
  if (!result.ok) return result.reply;
  return redirect(`/documenti/${result.value.id}?archiviato`);
}

export default function NewDocument({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <PageHeader
            title="Nuovo documento"
            lead="Un atto o un documento del tavolo con il suo primo file. Le versioni successive si caricano dalla pagina del documento."
          />
          <DocumentForm choices={loaderData.choices} values={loaderData.values} reply={actionData} submitLabel="Archivia il documento" cancelTo="/documenti">
            <DocumentFileField reply={actionData} limit={loaderData.uploadLimit} />
          </DocumentForm>
        </div>
      </div>
    </div>
  );
}
