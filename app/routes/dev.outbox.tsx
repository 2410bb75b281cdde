import { Link } from "react-router";
import type { Route } from "./+types/dev.outbox";
import { requirePermission } from "~/auth/permissions.server";
import { PageHeader, pageTitle } from "~/components/page";
import { env } from "~/env.server";
import { listRecentMails } from "~/mail/outbox.server";
import { formatDateTime } from "~/utils/dates";
import { ScrollableTable } from "~/components/lists";

// Development only (see can() in permissions): where mail waits when no SMTP server is configured.
const STATUS_LABELS: Record<string, string> = { PENDING: "In coda", SENT: "Inviato", FAILED: "Non recapitabile" };

export const meta: Route.MetaFunction = () => pageTitle("Posta in uscita");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "view", { kind: "outbox" });
  const mails = await listRecentMails();
  return {
    smtpConfigured: Boolean(env.SMTP_URL),
    mails: mails.map((m) => ({ ...m, statusLabel: STATUS_LABELS[m.status] ?? m.status, created: formatDateTime(m.createdAt) })),
  };
}

export default function DevOutbox({ loaderData }: Route.ComponentProps) {
  return (
    <div className="container my-5">
      <PageHeader
        title="Posta in uscita"
        lead={
          loaderData.smtpConfigured
            ? "Gli ultimi messaggi della coda e il loro stato di invio."
            : "Nessun server SMTP configurato (SMTP_URL): i messaggi restano qui e si possono leggere. Pagina disponibile solo fuori dalla produzione."
        }
      />
      {loaderData.mails.length === 0 ? (
        <p className="empty-state">La coda è vuota. Inviti e richieste di nuova password compariranno qui.</p>
      ) : (
        <ScrollableTable>
          <table className="table">
            <caption className="visually-hidden">Messaggi nella coda di invio</caption>
            <thead>
              <tr>
                <th scope="col">Creato</th>
                <th scope="col">Destinatario</th>
                <th scope="col">Oggetto</th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.mails.map((mail) => (
                <tr key={mail.id}>
                  <td className="text-nowrap">{mail.created}</td>
                  <td>{mail.to}</td>
                  <td>
                    <Link to={`/sviluppo/posta/${mail.id}`}>{mail.subject}</Link>
                  </td>
                  <td>
                    {mail.statusLabel}
                    {mail.lastError ? <span className="d-block small text-danger">{mail.lastError}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
    </div>
  );
}
