import { Link } from "react-router";
import type { Route } from "./+types/announcements";
import { can, requirePermission } from "~/auth/permissions.server";
import { UnreadMark } from "~/components/announcements";
import { Pagination, ScrollableTable } from "~/components/lists";
import { PageHeader, pageTitle } from "~/components/page";
import { announcementStatusLabel } from "~/domain/announcements";
import { listAnnouncementsForManagement, listFeed } from "~/domain/announcements.server";
import { formatDateTime } from "~/utils/dates";

export const meta: Route.MetaFunction = () => pageTitle("Comunicazioni");

const pageParam = (value: string | null) => Math.max(1, Number.parseInt(value ?? "1", 10) || 1);

export async function loader(args: Route.LoaderArgs) {
  const user = requirePermission(args, "view", { kind: "announcements" });
  const params = new URL(args.request.url).searchParams;
  const manage = can(user, "manage", { kind: "announcements" });
  const [feed, management] = await Promise.all([
    listFeed(user.id, pageParam(params.get("pagina"))),
    manage ? listAnnouncementsForManagement(pageParam(params.get("gestione"))) : null,
  ]);
  return {
    feed: {
      ...feed,
      items: feed.items.map((item) => ({ ...item, sentAt: item.sentAt ? formatDateTime(item.sentAt) : "" })),
    },
    management: management
      ? {
          ...management,
          items: management.items.map((item) => ({
            ...item,
            statusLabel: announcementStatusLabel(item.status),
            when: item.sentAt ? `Inviata il ${formatDateTime(item.sentAt)}` : item.status === "SCHEDULED" && item.sendAt ? `Programmata per il ${formatDateTime(item.sendAt)}` : "",
          })),
        }
      : null,
  };
}

export default function Announcements({ loaderData }: Route.ComponentProps) {
  const { feed, management } = loaderData;
  return (
    <div className="container my-5">
      <PageHeader title="Comunicazioni" lead="Le comunicazioni del coordinamento che hai ricevuto: quelle da leggere per prime.">
        {management ? (
          <Link to="/comunicazioni/nuova" className="btn btn-primary">
            Nuova comunicazione
          </Link>
        ) : null}
      </PageHeader>

      <section aria-labelledby="ricevute-titolo" className="mb-5">
        <h2 id="ricevute-titolo" className="h3">
          Ricevute
        </h2>
        {feed.total === 0 ? (
          <p className="empty-state">
            Non hai ancora ricevuto comunicazioni. Quando il coordinamento scrive al tavolo, al tuo gruppo o alla tua organizzazione, la
            comunicazione compare qui (e per e-mail, se l'hai scelto nelle <Link to="/profilo/notifiche">notifiche</Link>).
          </p>
        ) : (
          <>
            <p>{feed.unread === 0 ? "Le hai lette tutte." : feed.unread === 1 ? "1 da leggere." : `${feed.unread} da leggere.`}</p>
            <ul className="list-group mb-3">
              {feed.items.map((item) => (
                <li key={item.id} className="list-group-item">
                  {item.read ? null : <UnreadMark />}
                  <Link to={`/comunicazioni/${item.id}`} className={item.read ? undefined : "fw-bold"}>
                    {item.title}
                  </Link>
                  <span className="d-block small">
                    {item.sentAt}
                    {item.authorName ? ` · ${item.authorName}` : ""}
                    {item.attachments > 0 ? ` · ${item.attachments === 1 ? "1 allegato" : `${item.attachments} allegati`}` : ""}
                  </span>
                  {item.excerpt ? <span className="d-block text-secondary">{item.excerpt}</span> : null}
                </li>
              ))}
            </ul>
            <Pagination page={feed.page} pageCount={feed.pageCount} hrefFor={(n) => `/comunicazioni?pagina=${n}`} label="Pagine delle comunicazioni ricevute" />
          </>
        )}
      </section>

      {management ? (
        <section aria-labelledby="gestione-titolo" className="mb-5">
          <h2 id="gestione-titolo" className="h3">
            Gestione
          </h2>
          {management.total === 0 ? (
            <p className="empty-state">Nessuna comunicazione scritta finora.</p>
          ) : (
            <>
              <ScrollableTable>
                <table className="table">
                  <caption className="visually-hidden">Tutte le comunicazioni, con stato, destinatari e letture</caption>
                  <thead>
                    <tr>
                      <th scope="col">Comunicazione</th>
                      <th scope="col">Stato</th>
                      <th scope="col">Destinatari</th>
                      <th scope="col">Lettura</th>
                      <th scope="col">E-mail non consegnate</th>
                    </tr>
                  </thead>
                  <tbody>
                    {management.items.map((item) => (
                      <tr key={item.id}>
                        <th scope="row" className="fw-normal">
                          <Link to={`/comunicazioni/${item.id}`}>{item.title}</Link>
                        </th>
                        <td>
                          {item.statusLabel}
                          {item.when ? <span className="d-block small">{item.when}</span> : null}
                        </td>
                        <td>{item.audience}</td>
                        <td>{item.status === "SENT" ? `letta da ${item.read} di ${item.recipients}` : "—"}</td>
                        <td>
                          {item.status !== "SENT"
                            ? "—"
                            : item.rejected + item.failed === 0
                              ? "nessuna"
                              : [item.rejected ? `${item.rejected} rifiutate dal server` : null, item.failed ? `${item.failed} non consegnate dopo i tentativi` : null]
                                  .filter(Boolean)
                                  .join(", ")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollableTable>
              <Pagination page={management.page} pageCount={management.pageCount} hrefFor={(n) => `/comunicazioni?gestione=${n}`} label="Pagine della gestione" />
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
