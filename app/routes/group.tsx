import { data, Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/group";
import { can, requirePermission, type Resource } from "~/auth/permissions.server";
import { FileField, FormAlert, Notice, SelectField, TextField } from "~/components/forms";
import { pageTitle } from "~/components/page";
import {
  addGroupDocument,
  getGroupOverview,
  getGroupPage,
  groupMembership,
  groupStatusLabel,
  removeGroupDocument,
} from "~/domain/working-groups.server";
import { groupDocumentFields } from "~/domain/documents.server";
import { ACCEPTED_DOCUMENT_FILES, categoryLabel, categoryOptions } from "~/domain/documents";
import { formatFileSize, isPreviewable } from "~/files/display";
import { DOCUMENT_KINDS, parseUploadForm, uploadLimitLabel } from "~/files/storage.server";
import { formatDate, formatDateTime, formatDay, formatRome, formatWeekdayDateTime } from "~/utils/dates";
import { type FormReply, orUserError, parseForm } from "~/utils/forms.server";
import { ScrollableTable } from "~/components/lists";

const removeSchema = z.object({ intent: z.literal("remove"), documentId: z.string().min(1) });

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.group.name ?? "Gruppo di lavoro");

/** The group's existence and the user's standing in it; every request to this page starts here. */
async function groupAccess(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requirePermission(args, "view", { kind: "workingGroups" });
  const membership = await groupMembership(args.params.id, user.id);
  if (!membership) throw data("Gruppo di lavoro non trovato.", { status: 404 });
  const resource: Resource = { kind: "workingGroup", isMember: membership.isMember };
  // Members file documents for their group in the archive, visible to the group.
  const documentResource: Resource = { kind: "document", visibility: "GROUP", isGroupMember: membership.isMember };
  return { user, resource, documentResource };
}

/** Long texts (a mandate, an outcome) stay readable in the short activity log. */
const shortened = (text: string) => (text.length > 140 ? `${text.slice(0, 140).replace(/\s+\S*$/, "")}…` : text);

const meetingTime = (meeting: { startsAt: Date; endsAt: Date }) =>
  `${formatWeekdayDateTime(meeting.startsAt)}–${formatRome(meeting.endsAt, "HH:mm")}`;

export async function loader(args: Route.LoaderArgs) {
  const { user, resource, documentResource } = await groupAccess(args);
  const id = args.params.id;
  // Anyone else gets only what is public inside the tavolo: the rest is never read, let alone sent.
  if (!can(user, "view", resource)) {
    const overview = await getGroupOverview(id);
    if (!overview) throw data("Gruppo di lavoro non trovato.", { status: 404 });
    return {
      access: "public" as const,
      group: {
        id: overview.id,
        name: overview.name,
        thematicArea: overview.thematicArea,
        mandate: overview.mandate,
        closed: overview.status === "CLOSED",
        statusLabel: groupStatusLabel(overview),
        memberOrganisations: overview.memberOrganisations,
      },
    };
  }
  const page = await getGroupPage(id, { withContacts: can(user, "viewContacts", resource), withDrafts: can(user, "manage", { kind: "meetings" }), viewer: user });
  if (!page) throw data("Gruppo di lavoro non trovato.", { status: 404 });
  const meeting = (m: (typeof page.upcomingMeetings)[number]) => ({ id: m.id, title: m.title, when: meetingTime(m), location: m.location });
  return {
    access: "members" as const,
    group: {
      id: page.id,
      name: page.name,
      thematicArea: page.thematicArea,
      mandate: page.mandate,
      closed: page.status === "CLOSED",
      statusLabel: groupStatusLabel(page),
      outcome: page.outcome,
      facilitator: page.facilitator?.name ?? null,
      referentOrganisation: page.referentOrganisation,
      objectives: page.objectives,
      memberOrganisations: page.memberOrganisations,
      members: page.members.map((m) => ({ id: m.id, name: m.name, email: m.email ?? null, active: m.active, organisation: m.organisation })),
      upcomingMeetings: page.upcomingMeetings.map(meeting),
      pastMeetings: page.pastMeetings.map(meeting),
      documents: page.documents.flatMap((d) => {
        const current = d.versions[0];
        if (!current) return [];
        return [
          {
            id: d.id,
            title: d.title,
            category: categoryLabel(d.category),
            documentDate: formatDay(d.documentDate),
            version: current.versionNumber,
            fileName: current.file.originalName,
            size: formatFileSize(current.file.size),
            previewable: isPreviewable(current.file.mimeType),
            uploadedBy: current.uploadedBy?.name ?? "Account rimosso",
            uploadedOn: formatDate(current.createdAt),
          },
        ];
      }),
      history: page.history.map((event) => ({
        id: event.id,
        summary: event.summary,
        actorName: event.actorName,
        at: formatDateTime(event.at),
        changes: Object.entries(event.changes).map(([field, [before, after]]) => [field, [shortened(before), shortened(after)]] as const),
      })),
    },
    showContacts: can(user, "viewContacts", resource),
    canUpload: can(user, "edit", documentResource),
    canManage: can(user, "manage", resource),
    uploadLimit: uploadLimitLabel(),
  };
}

export async function action(args: Route.ActionArgs) {
  const { request } = args;
  const id = args.params.id;
  const { resource, documentResource } = await groupAccess(args);
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    // Refused before the body is read: a non-member's file never reaches the disk.
    const me = requirePermission(args, "edit", documentResource);
    const form = await parseUploadForm(request, groupDocumentFields, { file: { kinds: DOCUMENT_KINDS, required: true } });
    if (!form.ok) return form.reply;
    const { file } = form.files;
    if (!file) throw new Error("parseUploadForm accepted a required file without it");
    const result = await orUserError(form.formData, () => addGroupDocument(id, form.data, file, me));
    if (!result.ok) return result.reply;
    return { done: `Documento «${form.data.title}» caricato.` };
  }
  const me = requirePermission(args, "manage", resource);
  const form = await parseForm(request, removeSchema);
  if (!form.ok) return form.reply;
  const result = await orUserError(form.formData, () => removeGroupDocument(id, form.data.documentId, me));
  if (!result.ok) return result.reply;
  return { done: "Documento rimosso." };
}

const NOTICES: Record<string, string> = {
  creato: "Gruppo creato.",
  salvato: "Modifiche salvate.",
  chiuso: "Gruppo chiuso.",
  riaperto: "Gruppo riaperto.",
};

function StatusLine({ group }: { group: { closed: boolean; statusLabel: string; thematicArea: string } }) {
  return (
    <p className="lead mb-0">
      <span className={`badge ${group.closed ? "bg-secondary" : "bg-success"} me-2`}>{group.statusLabel}</span>
      Area tematica: {group.thematicArea}
    </p>
  );
}

function Mandate({ text }: { text: string }) {
  return text ? <p style={{ whiteSpace: "pre-line" }}>{text}</p> : <p className="text-muted">Il mandato non è ancora stato scritto.</p>;
}

function OrganisationList({ organisations }: { organisations: { id: string; name: string }[] }) {
  return organisations.length === 0 ? (
    <p className="empty-state">Il gruppo non ha ancora componenti: le loro organizzazioni compariranno qui.</p>
  ) : (
    <ul>
      {organisations.map((organisation) => (
        <li key={organisation.id}>
          <Link to={`/organizzazioni/${organisation.id}`}>{organisation.name}</Link>
        </li>
      ))}
    </ul>
  );
}

export default function Group({ loaderData, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const notice = actionData ? null : Object.keys(NOTICES).find((key) => searchParams.has(key));
  if (loaderData.access === "public") {
    const { group } = loaderData;
    return (
      <div className="container my-5">
        <h1 className="mb-2">{group.name}</h1>
        <StatusLine group={group} />
        <div className="alert alert-info mt-4" role="note">
          La pagina completa del gruppo (componenti, riunioni, documenti e attività) è riservata ai suoi componenti e al
          coordinamento del tavolo. Per partecipare, rivolgiti al coordinamento.
        </div>
        <section aria-labelledby="mandato" className="mb-4">
          <h2 id="mandato" className="h3">
            Mandato
          </h2>
          <Mandate text={group.mandate} />
        </section>
        <section aria-labelledby="organizzazioni">
          <h2 id="organizzazioni" className="h3">
            Organizzazioni componenti
          </h2>
          <OrganisationList organisations={group.memberOrganisations} />
        </section>
      </div>
    );
  }

  const { group, showContacts, canUpload, canManage, uploadLimit } = loaderData;
  const reply: FormReply | undefined = actionData && "errors" in actionData ? actionData : undefined;
  const removeReply = reply?.values.intent === "remove" ? reply : undefined;
  const uploadReply = reply && !removeReply ? reply : undefined;
  return (
    <div className="container my-5">
      <div className="d-flex flex-wrap align-items-end justify-content-between gap-3 mb-4">
        <div>
          <h1 className="mb-2">{group.name}</h1>
          <StatusLine group={group} />
        </div>
        {canManage ? (
          <Link to={`/gruppi/${group.id}/modifica`} className="btn btn-primary">
            Modifica il gruppo
          </Link>
        ) : null}
      </div>
      {notice ? <Notice>{NOTICES[notice]}</Notice> : null}
      {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}

      <div className="row">
        <div className="col-lg-8">
          <section aria-labelledby="mandato" className="mb-5">
            <h2 id="mandato" className="h3">
              Mandato
            </h2>
            <Mandate text={group.mandate} />
            {group.closed && group.outcome ? (
              <>
                <h3 className="h5">Esito</h3>
                <p style={{ whiteSpace: "pre-line" }}>{group.outcome}</p>
              </>
            ) : null}
          </section>

          <section aria-labelledby="componenti" className="mb-5">
            <h2 id="componenti" className="h3">
              Componenti
            </h2>
            {group.members.length === 0 ? (
              <p className="empty-state">
                Il gruppo non ha ancora componenti. Quando il coordinamento aggiunge le persone delle organizzazioni partner,
                compaiono qui con la loro organizzazione.
              </p>
            ) : (
              <ScrollableTable>
                <table className="table">
                  <caption className="visually-hidden">Componenti del gruppo {group.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Nome</th>
                      <th scope="col">Organizzazione</th>
                      {showContacts ? <th scope="col">E-mail</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {group.members.map((member) => (
                      <tr key={member.id}>
                        <td>
                          {member.name}
                          {member.active ? null : <span className="badge bg-secondary ms-2">Account disattivato</span>}
                        </td>
                        <td>{member.organisation.name}</td>
                        {showContacts ? <td>{member.email ? <a href={`mailto:${member.email}`}>{member.email}</a> : null}</td> : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            )}
          </section>

          <section aria-labelledby="riunioni" className="mb-5">
            <h2 id="riunioni" className="h3">
              Riunioni
            </h2>
            {group.upcomingMeetings.length === 0 && group.pastMeetings.length === 0 ? (
              <p className="empty-state">
                Il gruppo non ha ancora riunioni. Le riunioni del gruppo compariranno qui una volta convocate, con data, ora e
                luogo.
              </p>
            ) : (
              <>
                <h3 className="h5">Prossime riunioni</h3>
                <MeetingList meetings={group.upcomingMeetings} empty="Nessuna riunione in programma." />
                <h3 className="h5">Riunioni passate</h3>
                <MeetingList meetings={group.pastMeetings} empty="Nessuna riunione passata." />
              </>
            )}
          </section>

          <section aria-labelledby="documenti" className="mb-5">
            <h2 id="documenti" className="h3">
              Documenti
            </h2>
            <FormAlert reply={removeReply} />
            {group.documents.length === 0 ? (
              <p className="empty-state">
                Nessun documento caricato. I documenti che i componenti caricano (verbali di lavoro, analisi, proposte)
                entrano nell'archivio del tavolo, visibili al gruppo, e compaiono qui.
              </p>
            ) : (
              <ScrollableTable>
                <table className="table">
                  <caption className="visually-hidden">Documenti del gruppo {group.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Titolo</th>
                      <th scope="col">Categoria</th>
                      <th scope="col">File</th>
                      <th scope="col">Caricato da</th>
                      <th scope="col">Data</th>
                      <th scope="col">
                        <span className="visually-hidden">Azioni</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.documents.map((document) => (
                      <tr key={document.id}>
                        <td>
                          <Link to={`/documenti/${document.id}`}>{document.title}</Link>
                          {document.version > 1 ? <span className="d-block small text-muted">Versione {document.version}</span> : null}
                        </td>
                        <td>{document.category}</td>
                        <td>
                          <a href={`/gruppi/${group.id}/documenti/${document.id}`}>
                            {document.fileName}
                            <span className="visually-hidden"> (scarica)</span>
                          </a>{" "}
                          <span className="text-muted">({document.size})</span>
                        </td>
                        <td>{document.uploadedBy}</td>
                        <td>{document.uploadedOn}</td>
                        <td className="text-end text-nowrap">
                          {document.previewable ? (
                            <a href={`/gruppi/${group.id}/documenti/${document.id}?anteprima`} className="btn btn-outline-primary btn-xs me-2" target="_blank" rel="noreferrer">
                              Apri<span className="visually-hidden"> {document.title} in una nuova scheda</span>
                            </a>
                          ) : null}
                          {canManage ? (
                            <Form method="post" className="d-inline">
                              <input type="hidden" name="documentId" value={document.id} />
                              <button type="submit" name="intent" value="remove" className="btn btn-outline-danger btn-xs">
                                Rimuovi<span className="visually-hidden"> {document.title}</span>
                              </button>
                            </Form>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
            )}
            {canUpload ? (
              <div className="mt-4">
                <h3 className="h5">Carica un documento</h3>
                <FormAlert reply={uploadReply} />
                <Form method="post" encType="multipart/form-data" noValidate>
                  <p className="small text-muted">
                    Il documento entra nell'archivio del tavolo, visibile ai componenti del gruppo e al coordinamento. Per
                    caricarne una nuova versione apri la sua pagina nell'archivio.
                  </p>
                  <TextField name="title" label="Titolo del documento" reply={uploadReply} />
                  <SelectField name="category" label="Categoria" reply={uploadReply} options={categoryOptions()} placeholder="Scegli la categoria" />
                  <FileField
                    name="file"
                    label="File"
                    reply={uploadReply}
                    accept={ACCEPTED_DOCUMENT_FILES}
                    hint={`PDF, immagine (PNG, JPEG, WebP), foglio di calcolo (XLSX, ODS) o documento (DOCX, ODT), al massimo ${uploadLimit}.`}
                  />
                  <button type="submit" className="btn btn-primary">
                    Carica il documento
                  </button>
                </Form>
              </div>
            ) : null}
          </section>
        </div>

        <div className="col-lg-4">
          <section aria-labelledby="in-breve" className="mb-5">
            <h2 id="in-breve" className="h4">
              In breve
            </h2>
            <dl>
              <dt>Facilitatore</dt>
              <dd>{group.facilitator ?? "Non indicato"}</dd>
              <dt>Organizzazione referente</dt>
              <dd>
                {group.referentOrganisation ? (
                  <Link to={`/organizzazioni/${group.referentOrganisation.id}`}>{group.referentOrganisation.name}</Link>
                ) : (
                  "Non indicata"
                )}
              </dd>
              <dt>Obiettivi strategici</dt>
              <dd>
                {group.objectives.length === 0 ? (
                  "Nessun obiettivo collegato"
                ) : (
                  <ul className="list-unstyled mb-0">
                    {group.objectives.map((objective) => (
                      <li key={objective.id}>
                        <strong>{objective.code}</strong> {objective.title}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
              <dt>Organizzazioni componenti</dt>
              <dd>{group.memberOrganisations.length === 0 ? "Nessuna" : group.memberOrganisations.map((o) => o.name).join(", ")}</dd>
            </dl>
            <Link to="/obiettivi">Tutti gli obiettivi del tavolo</Link>
          </section>

          <section aria-labelledby="attivita">
            <h2 id="attivita" className="h4">
              Attività recente
            </h2>
            {group.history.length === 0 ? (
              <p className="empty-state">Le modifiche al gruppo (componenti, documenti, stato) compariranno qui, con chi le ha fatte.</p>
            ) : (
              <ol className="list-unstyled">
                {group.history.map((event) => (
                  <li key={event.id} className="mb-3">
                    <span className="d-block">{event.summary}</span>
                    <small className="text-muted">
                      {event.actorName}, {event.at}
                    </small>
                    {event.changes.length > 0 ? (
                      <ul className="small mb-0">
                        {event.changes.map(([field, [before, after]]) => (
                          <li key={field}>
                            {field}: {before ? `da «${before}» ` : ""}
                            {after ? `a «${after}»` : "tolto"}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

function MeetingList({ meetings, empty }: { meetings: { id: string; title: string; when: string; location: string }[]; empty: string }) {
  if (meetings.length === 0) return <p className="text-muted">{empty}</p>;
  return (
    <ul className="list-group mb-4">
      {meetings.map((meeting) => (
        <li key={meeting.id} className="list-group-item">
          <Link to={`/riunioni/${meeting.id}`} className="fw-semibold">
            {meeting.title}
          </Link>
          <span className="d-block">
            {meeting.when}
            {meeting.location ? ` · ${meeting.location}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}
