import type { Route } from "./+types/public.documents";
import { pageTitle } from "~/components/page";
import { categoryLabel } from "~/domain/documents";
import { formatFileSize } from "~/files/display";
import { listPublicDocuments } from "~/domain/documents.server";
import { env } from "~/env.server";
import { formatDay } from "~/utils/dates";

// The transparency page of the archive: open to anyone, it lists only the documents a coordinator
// made PUBLIC, and reads nothing else (docs/decisions/025-document-archive.md).

export const meta: Route.MetaFunction = () => pageTitle("Documenti pubblici");

export async function loader() {
  const documents = await listPublicDocuments();
  return {
    tavoloName: env.TAVOLO_NAME,
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      category: categoryLabel(d.category),
      date: formatDay(d.documentDate),
      description: d.description,
      file: d.current ? { name: d.current.fileName, size: formatFileSize(d.current.size) } : null,
    })),
  };
}

export default function PublicDocuments({ loaderData }: Route.ComponentProps) {
  const { tavoloName, documents } = loaderData;
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-9">
          <h1>Documenti pubblici</h1>
          <p className="lead">
            Gli atti e i documenti che il {tavoloName} rende pubblici per trasparenza: protocolli, delibere, piani e report. Si
            possono consultare e scaricare senza account.
          </p>
          {documents.length === 0 ? (
            <p className="empty-state">Per ora non ci sono documenti pubblicati.</p>
          ) : (
            <ul className="list-unstyled">
              {documents.map((document) => (
                <li key={document.id} className="mb-4 pb-3 border-bottom">
                  <h2 className="h4 mb-1">{document.title}</h2>
                  <p className="small text-muted mb-2">
                    {document.category} · {document.date}
                  </p>
                  {document.description ? <p style={{ whiteSpace: "pre-line" }}>{document.description}</p> : null}
                  {document.file ? (
                    <p className="mb-0">
                      <a href={`/pubblico/documenti/${document.id}/file`}>
                        Scarica {document.file.name}
                        <span className="visually-hidden"> ({document.title})</span>
                      </a>{" "}
                      <span className="text-muted">({document.file.size})</span>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
