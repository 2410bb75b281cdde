import { useEffect } from "react";
import { data, Link, useRevalidator } from "react-router";
import type { Route } from "./+types/announcement";
import { can, requirePermission, requireUser } from "~/auth/permissions.server";
import { Notice } from "~/components/forms";
import { ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { announcementStatusLabel, deliveryStateLabel } from "~/domain/announcements";
import { announcementResource, findAnnouncementAccess, getAnnouncementPage, markRead } from "~/domain/announcements.server";
import { DELIVERIES, isDelivery } from "~/domain/notifications";
import { formatDateTime } from "~/utils/dates";
import { formatFileSize, isPreviewable } from "~/files/display";

const NOTICES: Record<string, string> = {
  bozza: "Bozza salvata: nessuno l'ha ancora ricevuta.",
  inviata: "Comunicazione inviata: le e-mail sono in partenza e la trovano tutti tra le loro comunicazioni.",
  programmata: "Invio programmato: partirà all'ora indicata. Fino ad allora puoi modificarla o annullarla.",
  annullata: "Comunicazione annullata: non sarà inviata.",
};

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData ? loaderData.announcement.title : "Comunicazione");

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const access = await findAnnouncementAccess(args.params.id, user.id);
  if (!access) throw data("Comunicazione non trovata.", { status: 404 });
  requirePermission(args, "view", announcementResource(access));
  const justRead = access.isRecipient && (await markRead(access.id, user.id));
  const manage = can(user, "manage", { kind: "announcements" });
  const page = await getAnnouncementPage(access.id, { withStatistics: manage });
  if (!page) throw data("Comunicazione non trovata.", { status: 404 });
  const notice = Object.keys(NOTICES).find((key) => new URL(args.request.url).searchParams.has(key));
  return {
    notice: notice ? NOTICES[notice] : null,
    justRead,
    manage,
    announcement: {
      id: page.id,
      title: page.title,
      bodyHtml: page.bodyHtml,
      status: page.status,
      statusLabel: announcementStatusLabel(page.status),
      editable: page.status === "DRAFT" || page.status === "SCHEDULED",
      audience: page.audienceText,
      author: page.createdBy?.name ?? null,
      sentAt: page.sentAt ? formatDateTime(page.sentAt) : null,
      sendAt: page.sendAt ? formatDateTime(page.sendAt) : null,
      attachments: page.attachments.map((a) => ({
        id: a.id,
        name: a.file.originalName,
        size: formatFileSize(a.file.size),
        previewable: isPreviewable(a.file.mimeType),
      })),
    },
    statistics: page.statistics
      ? {
          recipients: page.statistics.recipients,
          read: page.statistics.read,
          people: page.statistics.people.map((p) => ({
            id: p.id,
            name: p.name,
            organisation: p.organisation,
            delivery: isDelivery(p.delivery) ? DELIVERIES[p.delivery] : p.delivery,
            state: deliveryStateLabel(p.delivery, p.mail),
            problem: p.mail?.status === "FAILED",
            readAt: p.readAt ? formatDateTime(p.readAt) : null,
          })),
        }
      : null,
  };
}

export default function AnnouncementPage({ loaderData }: Route.ComponentProps) {
  const { announcement: a, statistics, manage, justRead } = loaderData;
  // The menu's unread count was read alongside this page, before it was marked read.
  const revalidator = useRevalidator();
  useEffect(() => {
    if (justRead) void revalidator.revalidate();
  }, [justRead, revalidator]);
  return (
    <div className="container my-5">
      <p>
        <Link to="/comunicazioni">← Comunicazioni</Link>
      </p>
      {loaderData.notice ? <Notice>{loaderData.notice}</Notice> : null}
      <PageHeader
        title={a.title}
        lead={a.sentAt ? `Inviata il ${a.sentAt}${a.author ? ` da ${a.author}` : ""}` : a.sendAt && a.status === "SCHEDULED" ? `Programmata per il ${a.sendAt}` : a.statusLabel}
      >
        {manage && a.editable ? (
          <Link to={`/comunicazioni/${a.id}/modifica`} className="btn btn-primary">
            Modifica
          </Link>
        ) : null}
      </PageHeader>
      {manage ? (
        <p>
          <span className="badge bg-secondary me-2">{a.statusLabel}</span>
          Destinatari: {a.audience}
        </p>
      ) : null}

      <article aria-labelledby="testo-comunicazione" className="mb-5">
        <h2 id="testo-comunicazione" className="visually-hidden">
          Testo della comunicazione
        </h2>
        {a.bodyHtml.trim() ? <div className="verbale-text" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} /> : <p className="text-secondary">Nessun testo.</p>}
      </article>

      {a.attachments.length > 0 ? (
        <section aria-labelledby="allegati-titolo" className="mb-5">
          <h2 id="allegati-titolo" className="h4">
            Allegati
          </h2>
          <ul>
            {a.attachments.map((file) => (
              <li key={file.id}>
                <a href={`/comunicazioni/${a.id}/allegati/${file.id}`} download>
                  {file.name}
                </a>{" "}
                <span className="text-secondary small">({file.size})</span>
                {file.previewable ? (
                  <>
                    {" · "}
                    <a href={`/comunicazioni/${a.id}/allegati/${file.id}?anteprima`} target="_blank" rel="noreferrer">
                      Apri nel browser<span className="visually-hidden"> {file.name} (si apre in una nuova scheda)</span>
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {statistics ? <Statistics statistics={statistics} /> : null}
    </div>
  );
}

function Statistics({ statistics }: { statistics: NonNullable<Route.ComponentProps["loaderData"]["statistics"]> }) {
  return (
    <section aria-labelledby="statistiche-titolo" className="mb-5">
      <h2 id="statistiche-titolo" className="h4">
        Chi l'ha ricevuta e letta
      </h2>
      {statistics.recipients === 0 ? (
        <p className="empty-state">Non è ancora stata inviata: i destinatari si contano al momento dell'invio.</p>
      ) : (
        <>
          <p className="lead">
            Letta da {statistics.read} di {statistics.recipients} {statistics.recipients === 1 ? "destinatario" : "destinatari"}.
          </p>
          <ScrollableTable>
            <table className="table">
              <caption className="visually-hidden">Destinatari, modo di ricezione, stato dell'e-mail e lettura</caption>
              <thead>
                <tr>
                  <th scope="col">Persona</th>
                  <th scope="col">Come ha scelto di riceverla</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Letta</th>
                </tr>
              </thead>
              <tbody>
                {statistics.people.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" className="fw-normal">
                      {p.name}
                      <span className="d-block small text-secondary">{p.organisation}</span>
                    </th>
                    <td>{p.delivery}</td>
                    <td className={p.problem ? "text-danger fw-semibold" : undefined}>{p.state}</td>
                    <td>{p.readAt ?? "Non ancora"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        </>
      )}
    </section>
  );
}
