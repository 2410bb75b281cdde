import { redirect } from "react-router";
import type { Route } from "./+types/protocol.edit";
import { requirePermission } from "~/auth/permissions.server";
import { FormAlert } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { ProtocolForm } from "~/components/protocols";
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
          <ProtocolForm values={protocol} kinds={loaderData.kinds} uploadLimit={loaderData.uploadLimit} reply={actionData} submitLabel="Salva le modifiche" cancelTo={`/protocolli/${protocol.id}`} />
        </div>
      </div>
    </div>
  );
}
