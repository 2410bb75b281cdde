import { data, Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/meeting.agenda";
import { requirePermission } from "~/auth/permissions.server";
import { FileField, FormAlert, Notice, TextField } from "~/components/forms";
import { AgendaItemDetails, agendaSummary, MeetingStatusBadge } from "~/components/meetings";
import { PageHeader, pageTitle } from "~/components/page";
import { AGENDA_ITEM_KINDS, meetingKindLabel, meetingStatusLabel } from "~/domain/meeting-rules";
import {
  addAgendaDocument,
  addAgendaItem,
  addFollowUpItem,
  agendaItemFields,
  agendaView,
  escalateAgendaItem,
  getAgendaPage,
  moveAgendaItem,
  removeAgendaDocument,
  removeAgendaItem,
  updateAgendaItem,
} from "~/domain/meetings.server";
import { DOCUMENT_KINDS, parseUploadForm, uploadLimitLabel } from "~/files/storage.server";
import { formatDate, formatRome, formatWeekdayDateTime } from "~/utils/dates";
import { type FormReply, orUserError, parseForm, requiredText } from "~/utils/forms.server";

const id = z.string().min(1);
const actionSchema = z.discriminatedUnion("intent", [
  agendaItemFields.extend({ intent: z.literal("add") }),
  agendaItemFields.extend({ intent: z.literal("edit"), itemId: id }),
  z.object({ intent: z.literal("remove"), itemId: id }),
  z.object({ intent: z.literal("up"), itemId: id }),
  z.object({ intent: z.literal("down"), itemId: id }),
  z.object({ intent: z.literal("escalate"), itemId: id }),
  z.object({ intent: z.literal("followUp"), decisionId: id }),
  z.object({ intent: z.literal("removeDocument"), documentId: id }),
]);
const uploadSchema = z.object({ itemId: id, title: requiredText("Dai un titolo al documento.", 200) });

const ACCEPTED_DOCUMENTS = ".pdf,.png,.jpg,.jpeg,.webp,.xlsx,.ods,.docx,.odt";

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData ? `Ordine del giorno: ${loaderData.meeting.title}` : "Ordine del giorno");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "manage", { kind: "meetings" });
  const page = await getAgendaPage(args.params.id);
  if (!page) throw data("Riunione non trovata.", { status: 404 });
  const { meeting } = page;
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      kind: meeting.kind,
      kindLabel: meetingKindLabel(meeting.kind),
      status: meeting.status,
      statusLabel: meetingStatusLabel(meeting.status),
      when: `${formatWeekdayDateTime(meeting.startsAt)}–${formatRome(meeting.endsAt, "HH:mm")}`,
    },
    items: agendaView(meeting.id, meeting.agendaItems),
    suggestions: page.suggestions.map((s) => ({
      id: s.id,
      text: s.text,
      overdue: s.overdue,
      due: s.dueOn ? formatDate(s.dueOn) : null,
      organisation: s.responsibleOrganisation?.name ?? null,
      from: `${s.meeting.title} del ${formatDate(s.meeting.startsAt)}`,
    })),
    nextGovernance: page.nextGovernance ? `${page.nextGovernance.title} del ${formatDate(page.nextGovernance.startsAt)}` : null,
    uploadLimit: uploadLimitLabel(),
  };
}

/** Changing a convoked meeting's agenda changes what the invitees were sent. */
const changed = (status: string, message: string) => ({ done: message, suggestUpdate: status === "CONVOKED" });

export async function action(args: Route.ActionArgs) {
  const me = requirePermission(args, "manage", { kind: "meetings" });
  const meetingId = args.params.id;
  const page = await getAgendaPage(meetingId);
  if (!page) throw data("Riunione non trovata.", { status: 404 });
  const status = page.meeting.status;
  if (args.request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const form = await parseUploadForm(args.request, uploadSchema, { file: { kinds: DOCUMENT_KINDS, required: true } });
    if (!form.ok) return form.reply;
    const { file } = form.files;
    if (!file) throw new Error("parseUploadForm accepted a required file without it");
    const result = await orUserError(form.formData, () => addAgendaDocument(meetingId, form.data.itemId, form.data.title, file, me));
    if (!result.ok) return result.reply;
    return changed(status, `Documento «${form.data.title}» allegato.`);
  }
  const form = await parseForm(args.request, actionSchema);
  if (!form.ok) return form.reply;
  const command = form.data;
  const result = await orUserError(form.formData, async () => {
    switch (command.intent) {
      case "add": {
        const item = await addAgendaItem(meetingId, command, me);
        return `Punto «${item.title}» aggiunto.`;
      }
      case "edit":
        await updateAgendaItem(meetingId, command.itemId, command, me);
        return "Punto modificato.";
      case "remove":
        await removeAgendaItem(meetingId, command.itemId, me);
        return "Punto rimosso.";
      case "up":
      case "down":
        await moveAgendaItem(meetingId, command.itemId, command.intent, me);
        return "Ordine dei punti aggiornato.";
      case "followUp": {
        const item = await addFollowUpItem(meetingId, command.decisionId, me);
        return `Punto «${item.title}» aggiunto.`;
      }
      case "escalate": {
        const target = await escalateAgendaItem(meetingId, command.itemId, me);
        return `Punto portato al piano di governo: riunione «${target.title}» del ${formatDate(target.startsAt)}.`;
      }
      case "removeDocument":
        await removeAgendaDocument(meetingId, command.documentId, me);
        return "Documento rimosso.";
    }
  });
  if (!result.ok) return result.reply;
  // Escalating changes the governance meeting's agenda, not this one.
  return command.intent === "escalate" ? { done: result.value, suggestUpdate: false } : changed(status, result.value);
}

export default function MeetingAgenda({ loaderData, actionData }: Route.ComponentProps) {
  const { meeting, items, suggestions, nextGovernance, uploadLimit } = loaderData;
  const [searchParams] = useSearchParams();
  const reply: FormReply | undefined = actionData && "errors" in actionData ? actionData : undefined;
  const done = actionData && "done" in actionData ? actionData : undefined;
  // One form at a time below the list, so every field keeps a unique id.
  const editing = items.find((item) => item.id === (reply?.values.intent === "edit" ? reply.values.itemId : searchParams.get("modifica")));
  const attaching = items.find((item) => item.id === (reply?.values.itemId && !reply.values.intent ? reply.values.itemId : searchParams.get("documento")));
  const listReply = reply && ["remove", "up", "down", "escalate", "followUp", "removeDocument"].includes(reply.values.intent ?? "") ? reply : undefined;
  const formReply = reply && !listReply ? reply : undefined;
  const cancelled = meeting.status === "CANCELLED";
  return (
    <div className="container my-5">
      <PageHeader title="Ordine del giorno" lead={`${meeting.title} · ${meeting.when}`}>
        <Link to={`/riunioni/${meeting.id}`} className="btn btn-outline-primary">
          Torna alla riunione
        </Link>
      </PageHeader>
      <p>
        <MeetingStatusBadge status={meeting.status} label={meeting.statusLabel} />
        {meeting.kindLabel}
      </p>
      {done ? <Notice>{done.done}</Notice> : null}
      {done?.suggestUpdate ? (
        <Notice tone="warning">
          La riunione è già convocata: gli invitati hanno ricevuto l'ordine del giorno precedente.{" "}
          <Link to={`/riunioni/${meeting.id}`}>Vai alla riunione e usa «Invia aggiornamento»</Link> per mandare quello nuovo.
        </Notice>
      ) : null}
      {cancelled ? <Notice tone="info">La riunione è stata annullata: il suo ordine del giorno non si modifica più.</Notice> : null}
      <FormAlert reply={listReply} />

      <div className="row">
        <div className="col-lg-8">
          <section aria-labelledby="punti" className="mb-5">
            <h2 id="punti" className="h3">
              Punti
            </h2>
            {items.length === 0 ? (
              <p className="empty-state">Nessun punto. Aggiungi il primo punto qui sotto, o scegline uno tra le azioni da verificare.</p>
            ) : (
              <>
                <p>{agendaSummary(items)}.</p>
                <ol className="list-group list-group-numbered mb-3">
                  {items.map((item, index) => (
                    <li key={item.id} className="list-group-item">
                      <strong>{item.title}</strong>
                      {item.kind !== "NORMAL" ? <span className="badge bg-info text-dark ms-2">{AGENDA_ITEM_KINDS[item.kind]}</span> : null}
                      <AgendaItemDetails item={item} />
                      {cancelled ? null : (
                        <div className="d-flex flex-wrap gap-2 mt-2">
                          <Form method="post" className="d-flex flex-wrap gap-2">
                            <input type="hidden" name="itemId" value={item.id} />
                            {index > 0 ? (
                              <button type="submit" name="intent" value="up" className="btn btn-outline-primary btn-xs">
                                Sposta su<span className="visually-hidden"> il punto {item.number}</span>
                              </button>
                            ) : null}
                            {index < items.length - 1 ? (
                              <button type="submit" name="intent" value="down" className="btn btn-outline-primary btn-xs">
                                Sposta giù<span className="visually-hidden"> il punto {item.number}</span>
                              </button>
                            ) : null}
                            {meeting.kind === "OPERATIVE" && !item.escalatedTo ? (
                              <button type="submit" name="intent" value="escalate" className="btn btn-outline-primary btn-xs">
                                Porta al piano di governo<span className="visually-hidden"> il punto {item.number}</span>
                              </button>
                            ) : null}
                            <button type="submit" name="intent" value="remove" className="btn btn-outline-danger btn-xs">
                              Rimuovi<span className="visually-hidden"> il punto {item.number}</span>
                            </button>
                          </Form>
                          <Link to={`?modifica=${item.id}#modulo`} className="btn btn-outline-primary btn-xs">
                            Modifica<span className="visually-hidden"> il punto {item.number}</span>
                          </Link>
                          <Link to={`?documento=${item.id}#modulo`} className="btn btn-outline-primary btn-xs">
                            Allega un documento<span className="visually-hidden"> al punto {item.number}</span>
                          </Link>
                          {item.documents.map((document) => (
                            <Form method="post" key={document.id}>
                              <input type="hidden" name="documentId" value={document.id} />
                              <button type="submit" name="intent" value="removeDocument" className="btn btn-outline-danger btn-xs">
                                Rimuovi il documento<span className="visually-hidden"> {document.title} del punto {item.number}</span>
                              </button>
                            </Form>
                          ))}
                        </div>
                      )}
                    </li>
                  ))}
                </ol>
              </>
            )}
            {meeting.kind === "OPERATIVE" && !cancelled ? (
              <p className="small">
                {nextGovernance
                  ? `«Porta al piano di governo» aggiunge il punto alla prossima riunione del piano di governo: ${nextGovernance}.`
                  : "Non c'è ancora una prossima riunione del piano di governo: per portarvi un punto, il coordinamento deve prima crearla."}
              </p>
            ) : null}
          </section>

          {cancelled ? null : (
            <section aria-labelledby="modulo-titolo" className="mb-5" id="modulo">
              {attaching ? (
                <>
                  <h2 id="modulo-titolo" className="h3">
                    Allega un documento al punto {attaching.number}
                  </h2>
                  <p>{attaching.title}</p>
                  <FormAlert reply={formReply} />
                  <Form method="post" encType="multipart/form-data" noValidate>
                    <input type="hidden" name="itemId" value={attaching.id} />
                    <TextField name="title" label="Titolo del documento" reply={formReply} />
                    <FileField
                      name="file"
                      label="File"
                      reply={formReply}
                      accept={ACCEPTED_DOCUMENTS}
                      hint={`PDF, immagine (PNG, JPEG, WebP), foglio di calcolo (XLSX, ODS) o documento (DOCX, ODT), al massimo ${uploadLimit}.`}
                    />
                    <div className="d-flex gap-3">
                      <button type="submit" className="btn btn-primary">
                        Allega il documento
                      </button>
                      <Link to="." className="btn btn-outline-secondary">
                        Annulla
                      </Link>
                    </div>
                  </Form>
                </>
              ) : (
                <>
                  <h2 id="modulo-titolo" className="h3">
                    {editing ? `Modifica il punto ${editing.number}` : "Aggiungi un punto"}
                  </h2>
                  <FormAlert reply={formReply} />
                  <Form method="post" noValidate key={editing?.id ?? "nuovo"}>
                    {editing ? <input type="hidden" name="itemId" value={editing.id} /> : null}
                    <TextField name="title" label="Titolo del punto" reply={formReply} defaultValue={editing?.title} />
                    <TextField name="presenter" label="Chi lo presenta" reply={formReply} defaultValue={editing?.presenter} required={false} />
                    <TextField name="durationMinutes" label="Durata prevista (minuti)" reply={formReply} defaultValue={String(editing?.durationMinutes ?? 15)} />
                    <div className="d-flex gap-3">
                      <button type="submit" name="intent" value={editing ? "edit" : "add"} className="btn btn-primary">
                        {editing ? "Salva il punto" : "Aggiungi il punto"}
                      </button>
                      {editing ? (
                        <Link to="." className="btn btn-outline-secondary">
                          Annulla
                        </Link>
                      ) : null}
                    </div>
                  </Form>
                </>
              )}
            </section>
          )}
        </div>

        <div className="col-lg-4">
          <section aria-labelledby="suggerimenti" className="mb-5">
            <h2 id="suggerimenti" className="h4">
              Azioni da verificare
            </h2>
            <p className="small">Le azioni aperte del registro delle decisioni che non sono ancora in questo ordine del giorno.</p>
            {suggestions.length === 0 ? (
              <p className="empty-state">Nessuna azione aperta da verificare.</p>
            ) : (
              <ul className="list-unstyled">
                {suggestions.map((s) => (
                  <li key={s.id} className="card card-bg mb-3">
                    <div className="card-body">
                      {s.overdue ? <span className="badge bg-danger mb-1">Scaduta</span> : null}
                      <p className="mb-1">{s.text}</p>
                      <p className="small mb-2">
                        {s.organisation ? `${s.organisation} · ` : ""}
                        {s.due ? `entro il ${s.due}` : "senza scadenza"} · decisa in {s.from}
                      </p>
                      {cancelled ? null : (
                        <Form method="post">
                          <input type="hidden" name="decisionId" value={s.id} />
                          <button type="submit" name="intent" value="followUp" className="btn btn-outline-primary btn-xs">
                            Aggiungi all'ordine del giorno<span className="visually-hidden">: {s.text}</span>
                          </button>
                        </Form>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
