import { data, redirect } from "react-router";
import { announcementFieldsSchema, saveAnnouncement } from "~/domain/announcements.server";
import type { Actor } from "~/domain/audit.server";
import { sanitizeRichText } from "~/domain/rich-text.server";
import { parseUploadForm } from "~/files/storage.server";
import { orUserError, type FormReply } from "~/utils/forms.server";

// The one action behind /comunicazioni/nuova and /comunicazioni/:id/modifica (callers check the
// permission first, before the body is read).

const NOTICES = { draft: "bozza", send: "inviata", schedule: "programmata" } as const;

export async function announcementFormAction(request: Request, actor: Actor, id?: string) {
  const form = await parseUploadForm(request, announcementFieldsSchema, { attachment: { kinds: ["pdf", "image", "spreadsheet"], required: false } });
  if (!form.ok) {
    // What goes back into the editor is never the raw HTML that was posted.
    const reply = form.reply;
    const values = { ...reply.data.values, bodyHtml: sanitizeRichText(reply.data.values.bodyHtml ?? "") };
    return data<FormReply>({ ...reply.data, values }, reply.init ?? undefined);
  }
  form.formData.set("bodyHtml", form.data.bodyHtml);
  const result = await orUserError(form.formData, () =>
    saveAnnouncement({ ...(id ? { id } : {}), fields: form.data, upload: form.files.attachment, actor }),
  );
  if (!result.ok) return result.reply;
  throw redirect(`/comunicazioni/${result.value}?${NOTICES[form.data.intent]}`);
}
