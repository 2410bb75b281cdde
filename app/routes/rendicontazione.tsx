import { lazy } from "react";
import { data, Link, redirect, useSearchParams, type ShouldRevalidateFunctionArgs } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/rendicontazione";
import { can, requirePermission, requireUser, type Action } from "~/auth/permissions.server";
import { Notice } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { AttachmentList, FormActions, LatestReview, RendicontazioneForm, RendicontazioneView, ReviewPanel } from "~/components/rendicontazioni";
import { StateBadge } from "~/components/reporting";
import {
  addAttachment,
  draftFieldsSchema,
  findRendicontazioneAccess,
  getRendicontazionePage,
  IncompleteRendicontazioneError,
  removeAttachment,
  rendicontazioneHistory,
  rendicontazioneResource,
  reviewFieldsSchema,
  reviewRendicontazione,
  saveDraft,
  submitRendicontazione,
} from "~/domain/rendicontazioni.server";
import { sanitizeRichText } from "~/domain/rich-text.server";
import { parseUploadForm, uploadLimitLabel } from "~/files/storage.server";
import { formatDateTime } from "~/utils/dates";
import { UserFacingError } from "~/utils/errors";
import { formReply, orUserError, parseFields, type FormReply } from "~/utils/forms.server";

// Only this page edits a rendicontazione, and only while its organisation's referents may: the
// editor's code is fetched on demand.
const RichTextEditor = lazy(() => import("~/components/rich-text-editor"));

const uploadSchema = z.object({ title: z.string().trim().max(200, "Al massimo 200 caratteri.").optional().transform((v) => v ?? "") });
const removeSchema = z.object({ attachmentId: z.string().min(1) });

const NOTICES: Record<string, string> = {
  salvata: "Bozza salvata.",
  inviata: "Rendicontazione inviata: il coordinamento l'ha ricevuta per l'esame. Non si modifica più, a meno che non venga restituita.",
  approvata: "Rendicontazione approvata: ora conta nell'avanzamento del progetto. L'organizzazione ha ricevuto un'e-mail.",
  restituita: "Rendicontazione restituita per correzioni: l'organizzazione ha ricevuto un'e-mail con i commenti.",
};

export const meta: Route.MetaFunction = ({ loaderData }) =>
  pageTitle(loaderData ? `Rendicontazione ${loaderData.page.organisation.name}, ${loaderData.page.project.code} periodo ${loaderData.page.period.number}` : "Rendicontazione");

/** The rendicontazione's existence and the permission asked; every request to this page starts here. */
async function access(args: Route.LoaderArgs | Route.ActionArgs, action: Action) {
  const user = requireUser(args);
  const found = await findRendicontazioneAccess(args.params.id);
  if (!found) throw data("Rendicontazione non trovata.", { status: 404 });
  const resource = rendicontazioneResource(found);
  requirePermission(args, action, resource);
  return { user, found, resource };
}

export async function loader(args: Route.LoaderArgs) {
  const { user, resource } = await access(args, "view");
  const page = await getRendicontazionePage(args.params.id);
  if (!page) throw data("Rendicontazione non trovata.", { status: 404 });
  const history = await rendicontazioneHistory(page.id);
  return {
    page,
    canEdit: can(user, "edit", resource),
    canReview: can(user, "manage", resource) && page.status === "SUBMITTED",
    uploadLimit: uploadLimitLabel(),
    history: history.map((event) => ({ id: event.id, summary: event.summary, actorName: event.actorName, at: formatDateTime(event.at) })),
  };
}

/** The upload's reply names its form, so the page shows it there (parseUploadForm's replies carry no fields). */
function uploadReply(reply: ReturnType<typeof formReply>) {
  return data<FormReply>({ ...reply.data, values: { ...reply.data.values, intent: "upload" } }, reply.init ?? undefined);
}

export async function action(args: Route.ActionArgs) {
  const { request } = args;
  const id = args.params.id;
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    // Refused before the body is read: no one else's file reaches the disk.
    const { user } = await access(args, "edit");
    const form = await parseUploadForm(request, uploadSchema, { file: { kinds: ["pdf", "image", "spreadsheet"], required: true } });
    if (!form.ok) return uploadReply(form.reply);
    const { file } = form.files;
    if (!file) throw new Error("parseUploadForm accepted a required file without it");
    form.formData.set("intent", "upload");
    const result = await orUserError(form.formData, () => addAttachment(id, form.data.title, file, user));
    if (!result.ok) return result.reply;
    return { done: `Allegato «${result.value.title}» caricato.` };
  }

  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return formReply({ formError: "Il modulo inviato non è leggibile." }, new FormData(), 400);
  }
  const intent = String(formData.get("intent") ?? "");
  if (intent === "review") {
    const { user, found } = await access(args, "manage");
    const fields = parseFields(formData, reviewFieldsSchema(found.indicatorIds));
    if (!fields.ok) return formReply(fields.errors, formData, 400);
    const result = await orUserError(formData, () => reviewRendicontazione({ id, ...fields.data }, user));
    if (!result.ok) return result.reply;
    throw redirect(`/rendicontazioni/${id}?${fields.data.outcome === "APPROVED" ? "approvata" : "restituita"}`);
  }

  const { user, found } = await access(args, "edit");
  if (intent === "removeAttachment") {
    const fields = parseFields(formData, removeSchema);
    if (!fields.ok) return formReply(fields.errors, formData, 400);
    const result = await orUserError(formData, () => removeAttachment(id, fields.data.attachmentId, user));
    if (!result.ok) return result.reply;
    return { done: "Allegato tolto." };
  }
  if (intent !== "save" && intent !== "autosave" && intent !== "submit") return formReply({ formError: "Azione non riconosciuta: ricarica la pagina." }, formData, 400);

  // What comes back into the page is never the raw HTML that was posted.
  formData.set("narrative", sanitizeRichText(String(formData.get("narrative") ?? "")));
  const fields = parseFields(formData, draftFieldsSchema(found.indicatorIds));
  if (!fields.ok) return formReply(fields.errors, formData, 400);
  const { revision, noExpenses, draft } = fields.data;
  try {
    if (intent === "submit") {
      await submitRendicontazione({ id, revision, noExpenses, draft }, user);
      throw redirect(`/rendicontazioni/${id}?inviata`);
    }
    const saved = await saveDraft({ id, revision, ...draft }, user);
    if (intent === "save") throw redirect(`/rendicontazioni/${id}?salvata`);
    return { saved: { revision: saved.revision, at: saved.savedAt } };
  } catch (error) {
    if (error instanceof IncompleteRendicontazioneError) return formReply({ formError: error.message, fieldErrors: error.fieldErrors }, formData, 400);
    if (error instanceof UserFacingError) {
      if (intent === "autosave") return data({ autosaveError: error.message, conflict: error.status === 409 }, { status: error.status });
      return formReply(error.field ? { fieldErrors: { [error.field]: error.message } } : { formError: error.message }, formData, error.status);
    }
    throw error;
  }
}

/** Autosaves answer the form only: reloading the page's data would not change what it shows. */
export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formData?.get("intent") === "autosave") return false;
  return defaultShouldRevalidate;
}

export default function Rendicontazione({ loaderData, actionData }: Route.ComponentProps) {
  const { page, canEdit, canReview, uploadLimit, history } = loaderData;
  const [searchParams] = useSearchParams();
  const reply = actionData && "errors" in actionData ? (actionData as FormReply) : undefined;
  const done = actionData && "done" in actionData ? actionData.done : null;
  const notice = actionData ? null : Object.keys(NOTICES).find((key) => searchParams.has(key));
  return (
    <div className="container my-5">
      <PageHeader title={`Rendicontazione: ${page.organisation.name}`} lead={`${page.project.code} · ${page.project.title}`}>
        <div className="d-flex flex-wrap gap-2">
          {page.versionCount > 0 ? (
            <Link to={`/rendicontazioni/${page.id}/versioni`} className="btn btn-outline-primary">
              Versioni inviate ({page.versionCount})
            </Link>
          ) : null}
          <Link to={`/progetti/${page.project.id}`} className="btn btn-outline-secondary">
            Torna al progetto
          </Link>
        </div>
      </PageHeader>
      {notice ? <Notice>{NOTICES[notice]}</Notice> : null}
      {done ? <Notice>{done}</Notice> : null}

      <dl className="row mb-4">
        <dt className="col-sm-3">Stato</dt>
        <dd className="col-sm-9">
          <StateBadge state={page.state} />
        </dd>
        <dt className="col-sm-3">Periodo</dt>
        <dd className="col-sm-9">{page.period.label}</dd>
        <dt className="col-sm-3">Scadenza</dt>
        <dd className="col-sm-9">{page.period.dueOn}</dd>
        {page.submittedAt ? (
          <>
            <dt className="col-sm-3">Inviata</dt>
            <dd className="col-sm-9">{page.submittedAt}</dd>
          </>
        ) : null}
        {page.approvedAt ? (
          <>
            <dt className="col-sm-3">Approvata</dt>
            <dd className="col-sm-9">{page.approvedAt}</dd>
          </>
        ) : null}
      </dl>

      <LatestReview page={page} />

      {canEdit ? (
        <>
          <RendicontazioneForm page={page} reply={reply} Editor={RichTextEditor} />
          <AttachmentList page={page} canEdit reply={reply} uploadLimit={uploadLimit} />
          <FormActions reply={reply} />
        </>
      ) : (
        <>
          <RendicontazioneView page={page} />
          <AttachmentList page={page} canEdit={false} reply={undefined} uploadLimit={uploadLimit} />
          {canReview ? <ReviewPanel page={page} reply={reply} /> : null}
        </>
      )}

      <section aria-labelledby="cronologia-titolo">
        <h2 id="cronologia-titolo" className="h4">
          Cronologia
        </h2>
        {history.length === 0 ? (
          <p className="empty-state">Invii, esami e allegati compariranno qui, con chi li ha fatti e quando.</p>
        ) : (
          <ol className="list-unstyled">
            {history.map((event) => (
              <li key={event.id} className="mb-2">
                <span className="d-block">{event.summary}</span>
                <small className="text-secondary">
                  {event.actorName}, {event.at}
                </small>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
