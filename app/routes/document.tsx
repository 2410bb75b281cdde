import { data, Form, Link, useSearchParams } from "react-router";
import type { Route } from "./+types/document";
import { can, requirePermission } from "~/auth/permissions.server";
import { DocumentFileField } from "~/components/documents";
import { FormAlert, Notice, TextAreaField } from "~/components/forms";
import { ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { categoryLabel, visibilityLabel } from "~/domain/documents";
import { formatFileSize, isPreviewable } from "~/files/display";
import { addVersion, documentHistory, documentResource, findDocumentAccess, getDocument, versionFields } from "~/domain/documents.server";
import { DOCUMENT_KINDS, parseUploadForm, uploadLimitLabel } from "~/files/storage.server";
import { formatDate, formatDateTime, formatDay } from "~/utils/dates";
import { orUserError, type FormReply } from "~/utils/forms.server";

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.document.title ?? "Documento");

/** The document's existence and who may do what with it; every request to this page starts here. */
async function documentAccess(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requirePermission(args, "view", { kind: "documents" });
  const access = await findDocumentAccess(args.params.id, user.id);
  if (!access) throw data("Documento non trovato.", { status: 404 });
  const resource = documentResource(access);
  requirePermission(args, "view", resource);
  return { user, resource };
}

export async function loader(args: Route.LoaderArgs) {
  const { user, resource } = await documentAccess(args);
  const isCoordinator = can(user, "manage", { kind: "documents" });
  const [document, history] = await Promise.all([getDocument(args.params.id), isCoordinator ? documentHistory(args.params.id) : Promise.resolve([])]);
  if (!document) throw data("Documento non trovato.", { status: 404 });
  const base = `/documenti/${document.id}/versioni`;
  const versions = document.versions.map((v) => ({
    id: v.id,
    number: v.versionNumber,
    note: v.note,
    uploadedOn: formatDateTime(v.createdAt),
    uploadedBy: v.uploadedBy?.name ?? "Account rimosso",
    fileName: v.file.originalName,
    size: formatFileSize(v.file.size),
    mimeType: v.file.mimeType,
    url: `${base}/${v.id}`,
  }));
  const current = versions[0] ?? null;
  return {
    document: {
      id: document.id,
      title: document.title,
      category: categoryLabel(document.category),
      date: formatDay(document.documentDate),
      description: document.description,
      visibility: visibilityLabel(document.visibility),
      isPublic: document.visibility === "PUBLIC",
      authorOrganisation: document.authorOrganisation,
      workingGroup: document.workingGroup,
      meeting: document.meeting ? { id: document.meeting.id, label: `${document.meeting.title} del ${formatDate(document.meeting.startsAt)}` } : null,
      project: document.project ? { id: document.project.id, label: `${document.project.code} – ${document.project.title}` } : null,
      createdBy: document.createdBy?.name ?? null,
    },
    current: current
      ? {
          ...current,
          preview: isPreviewable(current.mimeType) ? (current.mimeType === "application/pdf" ? ("pdf" as const) : ("image" as const)) : null,
        }
      : null,
    versions,
    history: history.map((event) => ({ id: event.id, summary: event.summary, actorName: event.actorName, at: formatDateTime(event.at) })),
    canAddVersion: can(user, "edit", resource),
    canEdit: isCoordinator,
    uploadLimit: uploadLimitLabel(),
  };
}

export async function action(args: Route.ActionArgs) {
  const { resource } = await documentAccess(args);
  // Refused before the body is read: the file of someone who may not add a version never reaches the disk.
  const me = requirePermission(args, "edit", resource);
  const form = await parseUploadForm(args.request, versionFields, { file: { kinds: DOCUMENT_KINDS, required: true } });
  if (!form.ok) return form.reply;
  const { file } = form.files;
  if (!file) throw new Error("parseUploadForm accepted a required file without it");
  const result = await orUserError(form.formData, () => addVersion(args.params.id, form.data.note, file, me));
  if (!result.ok) return result.reply;
  return { done: `Versione ${result.value.versionNumber} caricata. Le versioni precedenti restano nell'elenco.` };
}

const NOTICES: Record<string, string> = { archiviato: "Documento archiviato.", salvato: "Modifiche salvate." };

export default function DocumentPage({ loaderData, actionData }: Route.ComponentProps) {
  const { document, current, versions, history, canAddVersion, canEdit, uploadLimit } = loaderData;
  const [searchParams] = useSearchParams();
  const notice = actionData ? null : Object.keys(NOTICES).find((key) => searchParams.has(key));
  const reply: FormReply | undefined = actionData && "errors" in actionData ? actionData : undefined;
  return (
    <div className="container my-5">
      <PageHeader title={document.title} lead={`${document.category} del ${document.date}`}>
        {canEdit ? (
          <Link to={`/documenti/${document.id}/modifica`} className="btn btn-primary">
            Modifica i dati
          </Link>
        ) : null}
      </PageHeader>
      {notice ? <Notice>{NOTICES[notice]}</Notice> : null}
      {actionData && "done" in actionData ? <Notice>{actionData.done}</Notice> : null}

      <div className="row">
        <div className="col-lg-8">
          {document.description ? <p style={{ whiteSpace: "pre-line" }}>{document.description}</p> : null}

          <section aria-labelledby="anteprima" className="mb-5">
            <h2 id="anteprima" className="h3">
              Versione attuale
            </h2>
            {current ? (
              <>
                <p>
                  <a href={current.url}>
                    Scarica {current.fileName}
                    <span className="visually-hidden"> (versione {current.number})</span>
                  </a>{" "}
                  <span className="text-muted">
                    ({current.size}, versione {current.number} del {current.uploadedOn})
                  </span>
                  {current.preview ? (
                    <>
                      {" · "}
                      <a href={`${current.url}?anteprima`} target="_blank" rel="noreferrer">
                        Apri in una nuova scheda
                      </a>
                    </>
                  ) : null}
                </p>
                {current.preview === "image" ? (
                  <img src={`${current.url}?anteprima`} alt={`Anteprima di ${document.title}`} className="img-fluid border" />
                ) : current.preview === "pdf" ? (
                  <iframe title={`Anteprima del PDF: ${document.title}`} src={`${current.url}?anteprima`} className="w-100 border" style={{ height: "36rem" }} />
                ) : (
                  <p className="text-muted">Questo tipo di file non si può vedere nel browser: scaricalo per aprirlo.</p>
                )}
              </>
            ) : (
              <p className="empty-state">Il documento non ha ancora un file.</p>
            )}
          </section>

          <section aria-labelledby="versioni" className="mb-5">
            <h2 id="versioni" className="h3">
              Versioni
            </h2>
            <ScrollableTable>
              <table className="table">
                <caption className="visually-hidden">Versioni del documento {document.title}, dalla più recente</caption>
                <thead>
                  <tr>
                    <th scope="col">Versione</th>
                    <th scope="col">Caricata il</th>
                    <th scope="col">Da</th>
                    <th scope="col">Cosa cambia</th>
                    <th scope="col">File</th>
                  </tr>
                </thead>
                <tbody>
                  {versions.map((version) => (
                    <tr key={version.id}>
                      <td>{version.number}</td>
                      <td>{version.uploadedOn}</td>
                      <td>{version.uploadedBy}</td>
                      <td>{version.note || <span className="text-muted">Prima versione</span>}</td>
                      <td>
                        <a href={version.url}>
                          {version.fileName}
                          <span className="visually-hidden"> (scarica la versione {version.number})</span>
                        </a>{" "}
                        <span className="text-muted text-nowrap">({version.size})</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>

            {canAddVersion ? (
              <div className="mt-4">
                <h3 className="h5">Carica una nuova versione</h3>
                <p className="small text-muted">La nuova versione diventa quella attuale; le precedenti restano scaricabili qui sopra.</p>
                <FormAlert reply={reply} />
                <Form method="post" encType="multipart/form-data" noValidate>
                  <DocumentFileField reply={reply} limit={uploadLimit} label="Nuovo file" />
                  <TextAreaField name="note" label="Cosa cambia" reply={reply} rows={3} hint="Per esempio: «Aggiornati i dati al 30 giugno» o «Versione firmata»." />
                  <button type="submit" className="btn btn-primary">
                    Carica la nuova versione
                  </button>
                </Form>
              </div>
            ) : null}
          </section>
        </div>

        <div className="col-lg-4">
          <section aria-labelledby="dati" className="mb-5">
            <h2 id="dati" className="h4">
              Dati del documento
            </h2>
            <dl>
              <dt>Categoria</dt>
              <dd>{document.category}</dd>
              <dt>Data</dt>
              <dd>{document.date}</dd>
              <dt>Organizzazione autrice</dt>
              <dd>
                {document.authorOrganisation ? (
                  <Link to={`/organizzazioni/${document.authorOrganisation.id}`}>{document.authorOrganisation.name}</Link>
                ) : (
                  "Non indicata"
                )}
              </dd>
              <dt>Chi può vederlo</dt>
              <dd>
                {document.visibility}
                {document.isPublic ? (
                  <>
                    {" "}
                    (<Link to="/pubblico/documenti">pagina pubblica</Link>)
                  </>
                ) : null}
              </dd>
              {document.workingGroup ? (
                <>
                  <dt>Gruppo di lavoro</dt>
                  <dd>
                    <Link to={`/gruppi/${document.workingGroup.id}`}>{document.workingGroup.name}</Link>
                  </dd>
                </>
              ) : null}
              {document.meeting ? (
                <>
                  <dt>Riunione</dt>
                  <dd>
                    <Link to={`/riunioni/${document.meeting.id}`}>{document.meeting.label}</Link>
                  </dd>
                </>
              ) : null}
              {document.project ? (
                <>
                  <dt>Progetto</dt>
                  <dd>
                    <Link to={`/progetti/${document.project.id}`}>{document.project.label}</Link>
                  </dd>
                </>
              ) : null}
              {document.createdBy ? (
                <>
                  <dt>Archiviato da</dt>
                  <dd>{document.createdBy}</dd>
                </>
              ) : null}
            </dl>
            <Link to="/documenti">Tutti i documenti dell'archivio</Link>
          </section>

          {canEdit ? (
            <section aria-labelledby="storia">
              <h2 id="storia" className="h4">
                Storia del documento
              </h2>
              {history.length === 0 ? (
                <p className="empty-state">Le modifiche (nuove versioni, dati, visibilità) compariranno qui, con chi le ha fatte.</p>
              ) : (
                <ol className="list-unstyled">
                  {history.map((event) => (
                    <li key={event.id} className="mb-3">
                      <span className="d-block">{event.summary}</span>
                      <small className="text-muted">
                        {event.actorName}, {event.at}
                      </small>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
