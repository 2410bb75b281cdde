import { lazy } from "react";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/announcement.edit";
import { announcementFormAction } from "./announcement-form.server";
import { requirePermission } from "~/auth/permissions.server";
import { AnnouncementForm } from "~/components/announcements";
import { PageHeader, pageTitle } from "~/components/page";
import { announcementFormChoices, cancelAnnouncement, getAnnouncementForEdit, romeDateTimeInputValue } from "~/domain/announcements.server";
import { uploadLimitLabel } from "~/files/storage.server";
import { formReply, orUserError } from "~/utils/forms.server";

const RichTextEditor = lazy(() => import("~/components/rich-text-editor"));

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData ? `Modifica: ${loaderData.announcement.title}` : "Modifica comunicazione");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "announcements" });
  const announcement = await getAnnouncementForEdit(args.params.id);
  if (!announcement) throw data("Comunicazione non trovata, oppure già inviata o annullata: non si modifica più.", { status: 404 });
  return {
    announcement: {
      id: announcement.id,
      title: announcement.title,
      status: announcement.status,
      values: {
        title: announcement.title,
        bodyHtml: announcement.bodyHtml,
        audience: announcement.audience,
        workingGroupId: announcement.workingGroupId ?? "",
        legalForm: announcement.legalForm ?? "",
        networkId: announcement.networkId ?? "",
        personIds: announcement.chosenPeople.map((p) => p.userId),
        sendAt: romeDateTimeInputValue(announcement.sendAt),
        attachments: announcement.attachments.map((a) => ({ id: a.id, name: a.file.originalName })),
      },
    },
    choices: await announcementFormChoices(),
    uploadLimit: uploadLimitLabel(),
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requirePermission(args, "manage", { kind: "announcements" });
  const id = args.params.id;
  if (!args.request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const formData = await args.request.formData().catch(() => new FormData());
    if (formData.get("intent") !== "cancel") return formReply({ formError: "Azione non riconosciuta: ricarica la pagina." }, formData, 400);
    const result = await orUserError(formData, () => cancelAnnouncement(id, user));
    if (!result.ok) return result.reply;
    throw redirect(`/comunicazioni/${id}?annullata`);
  }
  if (!(await getAnnouncementForEdit(id))) throw data("Comunicazione non trovata, oppure già inviata o annullata: non si modifica più.", { status: 404 });
  return announcementFormAction(args.request, user, id);
}

export default function EditAnnouncement({ loaderData, actionData }: Route.ComponentProps) {
  const { announcement } = loaderData;
  return (
    <div className="container my-5">
      <p>
        <Link to={`/comunicazioni/${announcement.id}`}>← {announcement.title}</Link>
      </p>
      <PageHeader title="Modifica la comunicazione" lead={announcement.status === "SCHEDULED" ? "È programmata: le modifiche valgono per l'invio programmato." : "È una bozza: nessuno l'ha ancora ricevuta."} />
      <div className="row">
        <div className="col-lg-9">
          <AnnouncementForm values={announcement.values} choices={loaderData.choices} reply={actionData} uploadLimit={loaderData.uploadLimit} Editor={RichTextEditor} />
          <section aria-labelledby="annulla-titolo" className="mt-5">
            <h2 id="annulla-titolo" className="h5">
              Annulla la comunicazione
            </h2>
            <p>Non sarà inviata e non si potrà più modificare; resta nell'elenco come annullata.</p>
            <Form method="post">
              <button type="submit" name="intent" value="cancel" className="btn btn-outline-danger">
                Annulla la comunicazione
              </button>
            </Form>
          </section>
        </div>
      </div>
    </div>
  );
}
