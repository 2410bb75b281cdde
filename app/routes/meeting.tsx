import { data, Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/meeting";
import { can, requirePermission } from "~/auth/permissions.server";
import { FormAlert, Notice, TextAreaField } from "~/components/forms";
import { LinkedDocuments } from "~/components/documents";
import { AgendaList, MeetingStatusBadge } from "~/components/meetings";
import { pageTitle } from "~/components/page";
import { listLinkedDocuments } from "~/domain/documents.server";
import { cancelMeeting, convokeMeeting, listReplies, replyToMeeting, responseLabel, sendMeetingUpdate } from "~/domain/convocations.server";
import { AUDIENCES, meetingKindLabel, meetingStatusLabel } from "~/domain/meeting-rules";
import { agendaView, findVisibleMeeting, getMeetingPage } from "~/domain/meetings.server";
import { quorumRuleLabel } from "~/domain/quorum";
import { formatDateTime, formatDay, formatRome, formatWeekdayDateTime } from "~/utils/dates";
import { type FormReply, orUserError, parseForm } from "~/utils/forms.server";
import { ScrollableTable } from "~/components/lists";
import { HistoryList } from "~/components/registry";
import { listHistory } from "~/domain/audit.server";

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reply"), response: z.enum(["ACCEPTED", "DECLINED"], { error: "Scegli se partecipi." }) }),
  z.object({ intent: z.literal("convoke") }),
  z.object({ intent: z.literal("update") }),
  z.object({ intent: z.literal("cancel"), reason: z.string().trim().min(1, "Scrivi il motivo dell'annullamento: arriva a tutti gli invitati.").max(1000, "Al massimo 1000 caratteri.") }),
]);

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.meeting.title ?? "Riunione");

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "meetings" });
  const canManage = can(user, "manage", { kind: "meetings" });
  const page = await getMeetingPage(args.params.id, { id: user.id, isCoordinator: canManage });
  if (!page) throw data("Riunione non trovata.", { status: 404 });
  const [replies, documents, history] = await Promise.all([
    canManage && page.status !== "DRAFT" ? listReplies(page.id) : Promise.resolve(null),
    listLinkedDocuments(user, { meetingId: page.id }),
    canManage ? listHistory("MEETING", page.id) : Promise.resolve(null),
  ]);
  const convoked = page.status === "CONVOKED";
  return {
    meeting: {
      id: page.id,
      title: page.title,
      kind: meetingKindLabel(page.kind),
      status: page.status,
      statusLabel: meetingStatusLabel(page.status),
      when: `${formatWeekdayDateTime(page.startsAt)}–${formatRome(page.endsAt, "HH:mm")}`,
      location: page.location,
      videoLink: page.videoLink,
      audience: AUDIENCES[page.audience] ?? page.audience,
      quorum: page.kind === "GOVERNANCE" ? quorumRuleLabel(page.quorumRule) : null,
      convokedAt: page.convokedAt ? formatDateTime(page.convokedAt) : null,
      cancelledAt: page.cancelledAt ? formatDateTime(page.cancelledAt) : null,
      cancelReason: page.cancelReason,
      series: page.series,
      group: page.workingGroup,
      past: page.startsAt.getTime() < Date.now(),
    },
    agenda: agendaView(page.id, page.agendaItems),
    myReply: convoked && page.myInvitation ? { response: page.myInvitation.response, label: responseLabel(page.myInvitation.response) } : null,
    canNameSubstitute: convoked && page.isDelegate,
    replies: replies
      ? {
          people: replies.people.map((p) => ({
            ...p,
            responseLabel: responseLabel(p.response),
            respondedAt: p.respondedAt ? formatDateTime(p.respondedAt) : null,
          })),
          organisations: replies.organisations,
        }
      : null,
    documents: documents.map((d) => ({ id: d.id, title: d.title, categoryLabel: d.categoryLabel, date: formatDay(d.documentDate) })),
    history: history ? history.map((event) => ({ ...event, at: formatDateTime(event.at) })) : null,
    canManage,
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requirePermission(args, "view", { kind: "meetings" });
  const canManage = can(user, "manage", { kind: "meetings" });
  const meeting = await findVisibleMeeting(args.params.id, { id: user.id, isCoordinator: canManage });
  if (!meeting) throw data("Riunione non trovata.", { status: 404 });
  const form = await parseForm(args.request, actionSchema);
  if (!form.ok) return form.reply;
  const command = form.data;
  if (command.intent === "reply") {
    const result = await orUserError(form.formData, () => replyToMeeting({ meetingId: meeting.id, userId: user.id, response: command.response }));
    if (!result.ok) return result.reply;
    return { done: command.response === "ACCEPTED" ? "Risposta registrata: partecipi alla riunione." : "Risposta registrata: non partecipi alla riunione." };
  }
  requirePermission(args, "manage", { kind: "meetings" });
  if (command.intent === "convoke") {
    const result = await orUserError(form.formData, () => convokeMeeting(meeting.id, user));
    if (!result.ok) return result.reply;
    return { done: `Riunione convocata: ${result.value.invited === 1 ? "1 persona invitata" : `${result.value.invited} persone invitate`}.` };
  }
  if (command.intent === "update") {
    const result = await orUserError(form.formData, () => sendMeetingUpdate(meeting.id, user));
    if (!result.ok) return result.reply;
    const { updated, invited } = result.value;
    return { done: `Aggiornamento inviato a ${updated === 1 ? "1 persona" : `${updated} persone`}${invited > 0 ? `; ${invited === 1 ? "1 nuova convocazione" : `${invited} nuove convocazioni`}` : ""}.` };
  }
  const result = await orUserError(form.formData, () => cancelMeeting(meeting.id, command.reason, user));
  if (!result.ok) return result.reply;
  return { done: "Riunione annullata: gli invitati ne ricevono avviso." };
}

const NOTICES: Record<string, string> = {
  creata: "Riunione creata in bozza. Scrivi l'ordine del giorno e poi convocala.",
  salvata: "Modifiche salvate.",
};

export default function Meeting({ loaderData, actionData }: Route.ComponentProps) {
  const { meeting, agenda, myReply, canNameSubstitute, replies, canManage } = loaderData;
  const [searchParams] = useSearchParams();
  const reply: FormReply | undefined = actionData && "errors" in actionData ? actionData : undefined;
  const notice = actionData ? null : Object.keys(NOTICES).find((key) => searchParams.has(key));
  const cancelled = meeting.status === "CANCELLED";
  return (
    <div className="container my-5">
      <div className="mb-4">
        <p className="mb-1">
          <MeetingStatusBadge status={meeting.status} label={meeting.statusLabel} />
          {meeting.kind}
          {meeting.series ? (
            <>
              {" · "}
              <Link to={`/riunioni/serie/${meeting.series.id}`}>Serie {meeting.series.name}</Link>
            </>
          ) : null}
          {meeting.group ? (
            <>
              {" · "}
              <Link to={`/gruppi/${meeting.group.id}`}>Gruppo {meeting.group.name}</Link>
            </>
          ) : null}
        </p>
        <h1 className="mb-2">{cancelled ? <s>{meeting.title}</s> : meeting.title}</h1>
        <p className="lead mb-0">{cancelled ? <s>{meeting.when}</s> : meeting.when}</p>
      </div>
      {notice ? <Notice>{NOTICES[notice]}</Notice> : null}
      {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}
      <FormAlert reply={reply} />
      {cancelled ? (
        <div className="alert alert-warning" role="note">
          Annullata{meeting.cancelledAt ? ` il ${meeting.cancelledAt}` : ""}
          {meeting.cancelReason ? `: ${meeting.cancelReason}` : "."}
        </div>
      ) : null}

      {myReply && !meeting.past ? (
        <section aria-labelledby="risposta" className="card card-bg mb-4">
          <div className="card-body">
            <h2 id="risposta" className="h4">
              La tua risposta
            </h2>
            <p>
              Ora: <strong>{myReply.label}</strong>.
            </p>
            <Form method="post" className="d-flex flex-wrap gap-2">
              <input type="hidden" name="intent" value="reply" />
              <button type="submit" name="response" value="ACCEPTED" className="btn btn-primary" aria-pressed={myReply.response === "ACCEPTED"}>
                Partecipo
              </button>
              <button type="submit" name="response" value="DECLINED" className="btn btn-outline-primary" aria-pressed={myReply.response === "DECLINED"}>
                Non partecipo
              </button>
            </Form>
          </div>
        </section>
      ) : null}

      <div className="row">
        <div className="col-lg-8">
          <section aria-labelledby="ordine-del-giorno" className="mb-5">
            <h2 id="ordine-del-giorno" className="h3">
              Ordine del giorno
            </h2>
            <AgendaList items={agenda} />
            {canManage && !cancelled ? (
              <Link to={`/riunioni/${meeting.id}/ordine-del-giorno`} className="btn btn-outline-primary">
                Modifica l'ordine del giorno
              </Link>
            ) : null}
          </section>

          {replies ? (
            <section aria-labelledby="risposte" className="mb-5">
              <h2 id="risposte" className="h3">
                Risposte
              </h2>
              {replies.people.length === 0 ? (
                <p className="empty-state">Nessun invitato.</p>
              ) : (
                <>
                  <ScrollableTable>
                    <table className="table">
                      <caption>Risposte per organizzazione</caption>
                      <thead>
                        <tr>
                          <th scope="col">Organizzazione</th>
                          <th scope="col">Partecipano</th>
                          <th scope="col">Non partecipano</th>
                          <th scope="col">In attesa</th>
                        </tr>
                      </thead>
                      <tbody>
                        {replies.organisations.map((o) => (
                          <tr key={o.name}>
                            <th scope="row">{o.name}</th>
                            <td>{o.accepted}</td>
                            <td>{o.declined}</td>
                            <td>{o.pending}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </ScrollableTable>
                  <ScrollableTable>
                    <table className="table">
                      <caption>Risposte per persona</caption>
                      <thead>
                        <tr>
                          <th scope="col">Persona</th>
                          <th scope="col">Organizzazione</th>
                          <th scope="col">Risposta</th>
                          <th scope="col">Quando</th>
                        </tr>
                      </thead>
                      <tbody>
                        {replies.people.map((p) => (
                          <tr key={`${p.organisation}-${p.name}`}>
                            <th scope="row">
                              {p.name}
                              {p.substituteFor ? <span className="d-block small fw-normal">Sostituisce {p.substituteFor}</span> : null}
                            </th>
                            <td>{p.organisation}</td>
                            <td>{p.responseLabel}</td>
                            <td>{p.respondedAt ?? "—"}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </ScrollableTable>
                </>
              )}
            </section>
          ) : null}
        </div>

        <div className="col-lg-4">
          <section aria-labelledby="dettagli" className="mb-5">
            <h2 id="dettagli" className="h4">
              Dettagli
            </h2>
            <dl>
              <dt>Quando</dt>
              <dd>{meeting.when} (ora di Roma)</dd>
              <dt>Luogo</dt>
              <dd>{meeting.location || "Solo in videochiamata"}</dd>
              {meeting.videoLink ? (
                <>
                  <dt>Videochiamata</dt>
                  <dd>
                    <a href={meeting.videoLink}>Collegati alla videochiamata</a>
                  </dd>
                </>
              ) : null}
              <dt>Invitati</dt>
              <dd>{meeting.audience}</dd>
              {meeting.quorum ? (
                <>
                  <dt>Numero legale</dt>
                  <dd>{meeting.quorum}</dd>
                </>
              ) : null}
              {meeting.convokedAt ? (
                <>
                  <dt>Convocata</dt>
                  <dd>il {meeting.convokedAt}</dd>
                </>
              ) : null}
            </dl>
          </section>

          <LinkedDocuments
            documents={loaderData.documents}
            empty="Nessun documento dell'archivio è collegato a questa riunione."
            newDocumentHref={canManage ? `/documenti/nuovo?riunione=${meeting.id}` : null}
          />

          <nav aria-labelledby="collegamenti" className="mb-5">
            <h2 id="collegamenti" className="h4">
              Collegamenti
            </h2>
            <ul className="list-unstyled">
              {meeting.status === "CONVOKED" ? (
                <li>
                  <a href={`/riunioni/${meeting.id}/calendario.ics`}>Aggiungi al calendario</a>
                </li>
              ) : null}
              {canNameSubstitute ? (
                <li>
                  <Link to={`/riunioni/${meeting.id}/sostituto`}>Indica un sostituto</Link>
                </li>
              ) : null}
              {canManage ? (
                <li>
                  <Link to={`/riunioni/${meeting.id}/ordine-del-giorno`}>Ordine del giorno</Link>
                </li>
              ) : null}
              {canManage && !cancelled ? (
                <li>
                  <Link to={`/riunioni/${meeting.id}/presenze`}>Presenze</Link>
                </li>
              ) : null}
              {canManage && meeting.status === "CONVOKED" ? (
                <li>
                  <a href={`/riunioni/${meeting.id}/foglio-presenze.pdf`}>Foglio presenze da stampare (PDF)</a>
                </li>
              ) : null}
              {!cancelled ? (
                <li>
                  <Link to={`/riunioni/${meeting.id}/verbale`}>Verbale</Link>
                </li>
              ) : null}
            </ul>
          </nav>

          {canManage && !cancelled ? (
            <section aria-labelledby="coordinamento" className="mb-5">
              <h2 id="coordinamento" className="h4">
                Coordinamento
              </h2>
              <div className="d-flex flex-wrap gap-2 mb-4">
                <Link to={`/riunioni/${meeting.id}/modifica`} className="btn btn-outline-primary">
                  Modifica la riunione
                </Link>
                {meeting.past ? null : meeting.status === "DRAFT" ? (
                  <Form method="post">
                    <button type="submit" name="intent" value="convoke" className="btn btn-primary">
                      Convoca
                    </button>
                  </Form>
                ) : (
                  <Form method="post">
                    <button type="submit" name="intent" value="update" className="btn btn-primary">
                      Invia aggiornamento
                    </button>
                  </Form>
                )}
              </div>
              {meeting.past ? null : (
                <Form method="post" noValidate>
                  <TextAreaField name="reason" label="Motivo dell'annullamento" reply={reply?.values.intent === "cancel" ? reply : undefined} rows={3} hint="Arriva per e-mail a tutti gli invitati." />
                  <button type="submit" name="intent" value="cancel" className="btn btn-outline-danger">
                    Annulla la riunione
                  </button>
                </Form>
              )}
            </section>
          ) : null}
        </div>
      </div>
      {loaderData.history ? (
        <section aria-labelledby="storia" className="mt-5">
          <h2 id="storia" className="h4">
            Storia delle modifiche
          </h2>
          <HistoryList events={loaderData.history} empty="Nessuna modifica registrata. Ogni modifica alla riunione, all'ordine del giorno, agli inviti e alle presenze comparirà qui." />
        </section>
      ) : null}
    </div>
  );
}
