import { lazy } from "react";
import { Link } from "react-router";
import type { Route } from "./+types/announcements.new";
import { announcementFormAction } from "./announcement-form.server";
import { requirePermission } from "~/auth/permissions.server";
import { AnnouncementForm } from "~/components/announcements";
import { PageHeader, pageTitle } from "~/components/page";
import { announcementFormChoices } from "~/domain/announcements.server";
import { uploadLimitLabel } from "~/files/storage.server";

const RichTextEditor = lazy(() => import("~/components/rich-text-editor"));

export const meta: Route.MetaFunction = () => pageTitle("Nuova comunicazione");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "announcements" });
  return { choices: await announcementFormChoices(), uploadLimit: uploadLimitLabel() };
}

export async function action(args: Route.ActionArgs) {
  const user = requirePermission(args, "manage", { kind: "announcements" });
  return announcementFormAction(args.request, user);
}

export default function NewAnnouncement({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <p>
        <Link to="/comunicazioni">← Comunicazioni</Link>
      </p>
      <PageHeader title="Nuova comunicazione" lead="Scrivi a tutto il tavolo, a un gruppo di lavoro o a persone scelte: arriva per e-mail (secondo le preferenze di ciascuno) e resta tra le comunicazioni in Tavolo." />
      <div className="row">
        <div className="col-lg-9">
          <AnnouncementForm
            values={{ title: "", bodyHtml: "", audience: "ALL", workingGroupId: "", legalForm: "", networkId: "", personIds: [], sendAt: "", attachments: [] }}
            choices={loaderData.choices}
            reply={actionData}
            uploadLimit={loaderData.uploadLimit}
            Editor={RichTextEditor}
          />
        </div>
      </div>
    </div>
  );
}
