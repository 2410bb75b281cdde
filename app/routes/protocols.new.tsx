import { redirect } from "react-router";
import type { Route } from "./+types/protocols.new";
import { requirePermission } from "~/auth/permissions.server";
import { FormAlert } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { ProtocolForm } from "~/components/protocols";
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
          <ProtocolForm kinds={loaderData.kinds} uploadLimit={loaderData.uploadLimit} reply={actionData} submitLabel="Registra il protocollo" cancelTo="/protocolli" />
        </div>
      </div>
    </div>
  );
}
