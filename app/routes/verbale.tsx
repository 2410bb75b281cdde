import { lazy, useCallback, useState } from "react";
import { data, Form, Link, redirect, useSearchParams, type ShouldRevalidateFunctionArgs } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/verbale";
import { can, requirePermission, requireUser } from "~/auth/permissions.server";
import { DecisionsPanel } from "~/components/decisions";
import { FormAlert, Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import { PageHeader, pageTitle } from "~/components/page";
import { HistoryList } from "~/components/registry";
import { PublicVersionPanel } from "~/components/transparency";
import { VerbaleText, VerbaleWorkspace, type Conflict } from "~/components/verbali";
import { listHistory } from "~/domain/audit.server";
import { listDecisionChoices, listMeetingDecisions } from "~/domain/decisions.server";
import {
  addComment,
  approvalFields,
  approveVerbale,
  commentFields,
  correctionFields,
  discardCorrection,
  getVerbalePage,
  protocolNumberFields,
  publishCorrection,
  publishVerbale,
  saveFields,
  saveVerbaleText,
  sectionHtmlFrom,
  sendForReview,
  setProtocolNumber,
  verbaleAccess,
} from "~/domain/verbali.server";
import { preparePublicVersion, publicHtmlFrom, publicVersionPanel, publishPublicVersion, savePublicVersion, withdrawPublicVersion } from "~/domain/verbale-public.server";
import { orUserError, parseForm, type FormReply } from "~/utils/forms.server";
import { formatDateTime } from "~/utils/dates";

// Only this page edits a verbale, and only coordinators do: the editor's code is fetched on demand.
const RichTextEditor = lazy(() => import("~/components/rich-text-editor"));

const schema = z.discriminatedUnion("intent", [
  saveFields.extend({ intent: z.literal("save"), redirect: z.string().optional() }),
  protocolNumberFields.extend({ intent: z.literal("protocol") }),
  z.object({ intent: z.literal("review") }),
  commentFields.extend({ intent: z.literal("comment") }),
  approvalFields.extend({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("publish") }),
  correctionFields.extend({ intent: z.literal("publishCorrection") }),
  z.object({ intent: z.literal("discardCorrection") }),
  // The public version for the transparency pages (verbale-public.server.ts)
  z.object({ intent: z.literal("preparePublic") }),
  z.object({ intent: z.literal("savePublic") }),
  z.object({ intent: z.literal("publishPublic") }),
  z.object({ intent: z.literal("withdrawPublic") }),
]);

const DONE: Record<string, string> = {
  protocol: "Numero di protocollo salvato.",
  review: "Verbale inviato in revisione: i partecipanti hanno ricevuto un'e-mail con il collegamento.",
  comment: "Commento aggiunto.",
  approve: "Verbale approvato. Ora si può pubblicare.",
  publish: "Verbale pubblicato: tutti gli utenti hanno ricevuto un'e-mail.",
  publishCorrection: "Correzione pubblicata come nuova versione.",
  discardCorrection: "Correzione annullata: il testo è tornato quello pubblicato.",
  publishCorrectionPublicDropped:
    "Correzione pubblicata come nuova versione. La versione pubblica del verbale è stata ritirata dalle pagine pubbliche perché riportava il testo precedente: preparala di nuovo dal testo corretto, rileggila e pubblicala.",
  savePublic: "Versione pubblica salvata.",
  publishPublic: "Versione pubblica pubblicata: ora si legge su /pubblico/verbali, senza accesso.",
  withdrawPublic: "Versione pubblica ritirata: non compare più sulle pagine pubbliche.",
};

export const meta: Route.MetaFunction = ({ data: loaderData }) => pageTitle(loaderData ? `Verbale: ${loaderData.meeting.title}` : "Verbale");

async function access(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requireUser(args);
  const found = await verbaleAccess(args.params.id, user.id);
  const resource = { kind: "verbale" as const, status: found.status, isInvitee: found.isInvitee };
  requirePermission(args, "view", resource);
  return { user, resource, isInvitee: found.isInvitee };
}

export async function loader(args: Route.LoaderArgs) {
  const { user, resource, isInvitee } = await access(args);
  const canManage = can(user, "manage", resource);
  const askedForCorrection = new URL(args.request.url).searchParams.has("correzione");
  const page = await getVerbalePage(args.params.id, { actor: user, canManage, isInvitee, askedForCorrection });
  const status = page.verbale.status;
  const decisions = await listMeetingDecisions(args.params.id);
  // The decision forms are shown to coordinators until the verbale is published; their choices
  // (organisations, projects) travel only with them.
  const recordsDecisions = can(user, "manage", { kind: "decision", responsibleOrganisationId: null }) && status !== "PUBBLICATO";
  return {
    ...page,
    decisions,
    decisionChoices: recordsDecisions ? await listDecisionChoices(args.params.id, decisions.decisions.map((d) => d.responsibleOrganisationId)) : null,
    canManage,
    canComment: can(user, "edit", { ...resource, status }) && page.verbale.reviewOpen,
    publicVersion: canManage ? await publicVersionData(args.params.id) : null,
    history: canManage ? (await listHistory("VERBALE", page.verbale.id)).map((event) => ({ ...event, at: formatDateTime(event.at) })) : null,
  };
}

async function publicVersionData(meetingId: string) {
  const panel = await publicVersionPanel(meetingId);
  return panel && { ...panel, publicAt: panel.publicAt ? formatDateTime(panel.publicAt) : null };
}

export async function action(args: Route.ActionArgs) {
  const { user, resource } = await access(args);
  const form = await parseForm(args.request, schema);
  if (!form.ok) return form.reply;
  const command = form.data;
  requirePermission(args, command.intent === "comment" ? "edit" : "manage", resource);
  const meetingId = args.params.id;
  if (command.intent === "save") {
    const result = await orUserError(form.formData, () => saveVerbaleText(meetingId, { revision: command.revision, html: sectionHtmlFrom(form.formData) }, user));
    if (!result.ok) return result.reply;
    const outcome = result.value;
    if (!outcome.ok) return data({ conflict: outcome.conflict satisfies Conflict }, { status: 409 });
    if (command.redirect) throw redirect(`/riunioni/${meetingId}/verbale?salvato`);
    return { saved: { revision: outcome.revision, at: outcome.savedAt } };
  }
  const result = await orUserError(form.formData, async () => {
    switch (command.intent) {
      case "protocol":
        return setProtocolNumber(meetingId, command.protocolNumber, user);
      case "review":
        return sendForReview(meetingId, user);
      case "comment":
        return addComment(meetingId, command.text, user);
      case "approve":
        return approveVerbale(meetingId, command.approvedAtMeetingId, user);
      case "publish":
        return publishVerbale(meetingId, user);
      case "publishCorrection":
        return publishCorrection(meetingId, command.reason, user);
      case "discardCorrection":
        return discardCorrection(meetingId, user);
      case "preparePublic":
        return preparePublicVersion(meetingId, user);
      case "savePublic":
        return savePublicVersion(meetingId, publicHtmlFrom(form.formData), user);
      case "publishPublic":
        return publishPublicVersion(meetingId, publicHtmlFrom(form.formData), user);
      case "withdrawPublic":
        return withdrawPublicVersion(meetingId, user);
    }
  });
  if (!result.ok) return result.reply;
  // After a correction the page leaves the correction mode; otherwise it stays where it is.
  if (command.intent === "publishCorrection" || command.intent === "discardCorrection") {
    const dropped = result.value !== null && typeof result.value === "object" && "publicVersionDropped" in result.value && result.value.publicVersionDropped;
    throw redirect(`/riunioni/${meetingId}/verbale?fatto=${dropped ? "publishCorrectionPublicDropped" : command.intent}`);
  }
  if (result.value !== null && typeof result.value === "object" && "removed" in result.value) {
    const removed = result.value.removed;
    return {
      done: `Versione pubblica preparata dal testo pubblicato: ${removed === 1 ? "1 nome o recapito di persona sostituito" : `${removed} nomi o recapiti di persone sostituiti`} con «[omissis]». Rileggila e correggila qui sotto prima di pubblicarla.`,
    };
  }
  return { done: DONE[command.intent] ?? "Fatto." };
}

/** Autosaves answer the editor only: reloading the page's data would not change what it shows. */
export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formData?.get("intent") === "save") return false;
  return defaultShouldRevalidate;
}

function Workflow({ loaderData, reply, dirty }: { loaderData: Route.ComponentProps["loaderData"]; reply: FormReply | undefined; dirty: boolean }) {
  const { verbale, meeting } = loaderData;
  const action = `/riunioni/${meeting.id}/verbale`;
  const replyFor = (intent: string) => (reply?.values.intent === intent ? reply : undefined);
  const waitForSave = dirty ? (
    <p className="small text-secondary" id="attendi-salvataggio">
      Attendi che il testo sia salvato prima di cambiare lo stato del verbale.
    </p>
  ) : null;
  return (
    <section aria-labelledby="passaggi-titolo" className="border rounded p-3 mb-5">
      <h2 id="passaggi-titolo" className="h4">
        Passaggi del verbale
      </h2>
      {verbale.status === "BOZZA" ? (
        <Form method="post" action={action}>
          <p>
            Quando la bozza è pronta, inviala in revisione: le presenze e il quorum vengono scritti nel verbale e i partecipanti
            ricevono un'e-mail per leggerlo e commentarlo.
          </p>
          <FormAlert reply={replyFor("review")} />
          {waitForSave}
          <button type="submit" name="intent" value="review" className="btn btn-primary" disabled={dirty} aria-describedby={dirty ? "attendi-salvataggio" : undefined}>
            Invia in revisione
          </button>
        </Form>
      ) : null}
      {verbale.status === "IN_REVISIONE" ? (
        <Form method="post" action={action} noValidate>
          <p>I partecipanti possono commentare fino al {verbale.reviewUntil}. Quando il verbale è approvato, registralo qui.</p>
          <FormAlert reply={replyFor("approve")} />
          <SelectField
            name="approvedAtMeetingId"
            label="Riunione che lo ha approvato"
            placeholder="Nessuna riunione (approvato dal coordinamento)"
            options={loaderData.approvalChoices}
            reply={replyFor("approve")}
            required={false}
          />
          {waitForSave}
          <button type="submit" name="intent" value="approve" className="btn btn-primary" disabled={dirty} aria-describedby={dirty ? "attendi-salvataggio" : undefined}>
            Approva
          </button>
        </Form>
      ) : null}
      {verbale.status === "APPROVATO" ? (
        <Form method="post" action={action}>
          <p>Pubblicato, il verbale è visibile a tutti i componenti del tavolo, che ricevono un'e-mail. Da quel momento si corregge solo con una nuova versione.</p>
          <FormAlert reply={replyFor("publish")} />
          <button type="submit" name="intent" value="publish" className="btn btn-primary">
            Pubblica
          </button>
        </Form>
      ) : null}
      {verbale.status === "PUBBLICATO" && !loaderData.correcting ? (
        <div>
          <p>Il verbale pubblicato non si modifica: una correzione diventa una nuova versione, con il suo motivo.</p>
          <Link to={`${action}?correzione`} className="btn btn-outline-primary">
            Correggi<span className="visually-hidden"> il verbale</span>
          </Link>
        </div>
      ) : null}
      {loaderData.correcting ? (
        <div>
          <p>
            Stai preparando una correzione: il testo qui sotto si salva da solo ma resta invisibile ai componenti finché non pubblichi la
            correzione come versione {loaderData.versions.length + 1}.
          </p>
          <Form method="post" action={action} noValidate>
            <FormAlert reply={replyFor("publishCorrection")} />
            <TextAreaField name="reason" label="Motivo della correzione" reply={replyFor("publishCorrection")} rows={2} />
            {waitForSave}
            <button type="submit" name="intent" value="publishCorrection" className="btn btn-primary me-2" disabled={dirty} aria-describedby={dirty ? "attendi-salvataggio" : undefined}>
              Pubblica la correzione
            </button>
            <button type="submit" name="intent" value="discardCorrection" className="btn btn-outline-danger">
              Annulla la correzione
            </button>
          </Form>
        </div>
      ) : null}
      <Form method="post" action={action} className="mt-4" noValidate>
        <FormAlert reply={replyFor("protocol")} />
        <div className="row align-items-end">
          <div className="col-md-6">
            <TextField name="protocolNumber" label="Numero di protocollo" defaultValue={verbale.protocolNumber} reply={replyFor("protocol")} required={false} hint="Stampato nel PDF; se manca, il PDF lascia lo spazio da compilare." />
          </div>
          <div className="col-md-6 mb-4">
            <button type="submit" name="intent" value="protocol" className="btn btn-outline-primary">
              Salva il numero di protocollo
            </button>
          </div>
        </div>
      </Form>
    </section>
  );
}

export default function Verbale({ loaderData, actionData }: Route.ComponentProps) {
  const { meeting, verbale, versions, comments } = loaderData;
  const [searchParams] = useSearchParams();
  const [dirty, setDirty] = useState(false);
  const onDirtyChange = useCallback((value: boolean) => setDirty(value), []);
  const reply = actionData && "errors" in actionData ? (actionData as FormReply) : undefined;
  const conflict = actionData && "conflict" in actionData ? actionData.conflict : null;
  const done = actionData && "done" in actionData ? actionData.done : searchParams.has("fatto") ? DONE[searchParams.get("fatto") ?? ""] : null;
  const lead = [meeting.when, meeting.place].join(" · ");
  return (
    <div className="container my-5">
      <PageHeader title={`Verbale: ${meeting.title}`} lead={lead}>
        <div className="d-flex flex-wrap gap-2">
          <a href={`/riunioni/${meeting.id}/verbale.pdf`} className="btn btn-primary">
            Scarica il PDF<span className="visually-hidden"> del verbale</span>
          </a>
          {versions.length > 0 ? (
            <Link to={`/riunioni/${meeting.id}/verbale/versioni`} className="btn btn-outline-primary">
              Versioni ({versions.length})
            </Link>
          ) : null}
          <Link to={`/riunioni/${meeting.id}`} className="btn btn-outline-secondary">
            Torna alla riunione
          </Link>
        </div>
      </PageHeader>
      {done ? <Notice>{done}</Notice> : null}
      {searchParams.has("salvato") && !actionData ? <Notice>Bozza salvata.</Notice> : null}
      {reply && !["review", "approve", "publish", "publishCorrection", "protocol", "comment"].includes(reply.values.intent ?? "") ? <FormAlert reply={reply} /> : null}

      <dl className="row mb-4">
        <dt className="col-sm-3">Stato</dt>
        <dd className="col-sm-9">
          <span className="badge bg-secondary">{verbale.statusLabel}</span>
          {versions[0] ? ` · versione ${versions[0].number} del ${versions[0].at}` : null}
        </dd>
        <dt className="col-sm-3">Protocollo</dt>
        <dd className="col-sm-9">{verbale.protocolNumber ? `n. ${verbale.protocolNumber}` : "Numero non ancora assegnato"}</dd>
        {meeting.seriesName ? (
          <>
            <dt className="col-sm-3">Serie</dt>
            <dd className="col-sm-9">{meeting.seriesName}</dd>
          </>
        ) : null}
        {verbale.reviewUntil ? (
          <>
            <dt className="col-sm-3">Commenti fino al</dt>
            <dd className="col-sm-9">{verbale.reviewUntil}</dd>
          </>
        ) : null}
        {verbale.approvedAt ? (
          <>
            <dt className="col-sm-3">Approvato</dt>
            <dd className="col-sm-9">
              il {verbale.approvedAt}
              {verbale.approvedAtMeeting ? (
                <>
                  {" "}
                  nella riunione <Link to={`/riunioni/${verbale.approvedAtMeeting.id}`}>{verbale.approvedAtMeeting.label}</Link>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {verbale.publishedAt ? (
          <>
            <dt className="col-sm-3">Pubblicato</dt>
            <dd className="col-sm-9">il {verbale.publishedAt}</dd>
          </>
        ) : null}
      </dl>

      {loaderData.canManage ? <Workflow loaderData={loaderData} reply={reply} dirty={dirty} /> : null}
      {loaderData.publicVersion ? <PublicVersionPanel meetingId={meeting.id} panel={loaderData.publicVersion} Editor={RichTextEditor} /> : null}

      {verbale.attendanceSummary ? (
        <section aria-labelledby="presenze-titolo" className="mb-5">
          <h2 id="presenze-titolo" className="h4">
            Presenze e quorum
          </h2>
          <p>{verbale.attendanceSummary}</p>
        </section>
      ) : null}

      {loaderData.editing ? (
        <VerbaleWorkspace
          meetingId={meeting.id}
          sections={loaderData.workingSections ?? loaderData.sections}
          revision={verbale.revision}
          lastSaved={verbale.savedBy ? `Ultimo salvataggio: ${verbale.savedBy}, ${verbale.savedAt}` : null}
          Editor={RichTextEditor}
          initialConflict={conflict}
          onDirtyChange={onDirtyChange}
        />
      ) : (
        <VerbaleText sections={loaderData.sections} />
      )}

      <DecisionsPanel meetingId={meeting.id} data={loaderData.decisions} choices={loaderData.decisionChoices} />

      {comments.length > 0 || loaderData.canComment ? (
        <section aria-labelledby="commenti-titolo" className="mb-5">
          <h2 id="commenti-titolo" className="h4">
            Commenti dei partecipanti
          </h2>
          {comments.length === 0 ? (
            <p className="empty-state">Nessun commento finora. I partecipanti possono commentare fino al {verbale.reviewUntil}.</p>
          ) : (
            <ul className="list-unstyled">
              {comments.map((comment) => (
                <li key={comment.id} className="border-bottom py-2">
                  <p className="mb-1" style={{ whiteSpace: "pre-line" }}>
                    {comment.text}
                  </p>
                  <span className="small text-secondary">
                    {comment.authorName} · {comment.at}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {loaderData.canComment ? (
            <Form method="post" action={`/riunioni/${meeting.id}/verbale`} noValidate key={comments.length}>
              <FormAlert reply={reply?.values.intent === "comment" ? reply : undefined} />
              <TextAreaField name="text" label="Il tuo commento" reply={reply?.values.intent === "comment" ? reply : undefined} hint={`Puoi commentare fino al ${verbale.reviewUntil}.`} />
              <button type="submit" name="intent" value="comment" className="btn btn-primary">
                Invia il commento
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {loaderData.history ? (
        <section aria-labelledby="storia" className="mt-5">
          <h2 id="storia" className="h4">
            Storia delle modifiche
          </h2>
          <HistoryList events={loaderData.history} empty="Nessuna modifica registrata." />
        </section>
      ) : null}
    </div>
  );
}
