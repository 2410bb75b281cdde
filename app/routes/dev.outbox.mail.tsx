import { Link } from "react-router";
import type { Route } from "./+types/dev.outbox.mail";
import { requirePermission } from "~/auth/permissions.server";
import { PageHeader, pageTitle } from "~/components/page";
import { findMail } from "~/mail/outbox.server";
import { formatDateTime } from "~/utils/dates";

export const meta: Route.MetaFunction = ({ data }) => pageTitle(data?.mail.subject ?? "Messaggio");

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, "view", { kind: "outbox" });
  const mail = await findMail(args.params.id);
  if (!mail) throw new Response("Messaggio non trovato", { status: 404 });
  return { mail: { to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, created: formatDateTime(mail.createdAt) } };
}

/** The plain-text part with its addresses clickable, so links can be followed in development. */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <pre className="p-3 bg-light" style={{ whiteSpace: "pre-wrap" }}>
      {parts.map((part, index) => (part.match(/^https?:\/\//) ? <a key={index} href={part}>{part}</a> : part))}
    </pre>
  );
}

export default function DevOutboxMail({ loaderData }: Route.ComponentProps) {
  const { mail } = loaderData;
  return (
    <div className="container my-5">
      <p>
        <Link to="/sviluppo/posta">← Posta in uscita</Link>
      </p>
      <PageHeader title={mail.subject} lead={`A ${mail.to}, creato il ${mail.created}`} />
      <h2 className="h5">Testo semplice</h2>
      <LinkedText text={mail.text} />
      <h2 className="h5 mt-4">Versione HTML</h2>
      <iframe title="Anteprima HTML del messaggio" sandbox="" srcDoc={mail.html} className="dev-mail-body" />
    </div>
  );
}
